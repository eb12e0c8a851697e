"""The meeting page's buttons: generate a giấy mời, biên bản or thông báo kết luận as
DOCX (and PDF), and issue it (cấp số: number and outgoing register)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from danvan.core.http import AppRequest
from danvan.drafting import selectors, services
from danvan.drafting.context import KINDS
from danvan.drafting.views import _queued_text
from danvan.lib import numbering as fmt


def _back(meeting_pk: int) -> HttpResponse:
    return redirect(f"{reverse('meetings:detail', args=[meeting_pk])}#van-ban-hoi-nghi")


def _kind(kind: str) -> str:
    if kind not in selectors.MEETING_KINDS:
        raise Http404("Hội nghị không có loại văn bản này.")
    return kind


@login_required
@require_POST
def meeting_generate(request: AppRequest, pk: int, kind: str) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    try:
        row = services.generate(
            actor=request.user,
            kind=_kind(kind),
            meeting=meeting,
            want_pdf=request.POST.get("pdf") == "1",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _queued_text(row))
    return _back(meeting.pk)


@login_required
@require_POST
def meeting_issue(request: AppRequest, pk: int, kind: str) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    try:
        document = services.meeting_document_issue(
            actor=request.user, meeting=meeting, kind=_kind(kind)
        )
    except ValidationError as error:
        text = " ".join(dict.fromkeys(error.messages))
        # Some refusals already end "… chưa cấp số được": say it once.
        prefix = "" if "chưa cấp số được" in text.lower() else "Chưa cấp số được: "
        messages.error(request, f"{prefix}{text}")
    else:
        numbering = getattr(document.org_unit, "numbering", None)
        style = numbering.style if numbering is not None else fmt.PARTY
        messages.success(
            request,
            f"Đã cấp số {KINDS[kind].lower()}: {fmt.line_for(style, document.reference)}, "
            "vào sổ văn bản đi.",
        )
    return _back(meeting.pk)
