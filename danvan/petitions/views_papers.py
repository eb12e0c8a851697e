"""A petition's papers on its page: attachments (upload, download, remove with a reason),
the letters (draft, issue with a number, download) and the unit's periodic report.

Files of a petition name its petitioner: a user who may not see the petitioner (a tố cáo
not in their hands) cannot download them, and every download is in the read log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.core import clock
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.lib import periods
from danvan.petitions import letters, paperwork, privacy, selectors, statistics
from danvan.petitions.forms import LetterForm, PapersReportForm
from danvan.petitions.models import (
    Attachment,
    Letter,
    LetterKind,
    Petition,
    PetitionKind,
    ReadLog,
    Stage,
)
from danvan.petitions.views import require_view

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def papers_context(user: Any, petition: Petition, manage: bool) -> dict[str, Any]:
    """What the petition page shows of its papers, and which letters may be made."""
    shown = privacy.may_see_identity(user, petition)
    open_slips = [
        f for f in petition.forwardings.all() if f.letter_id is None and not hasattr(f, "slip")
    ]
    made = set(petition.letters.values_list("kind", flat=True))
    possible: list[str] = []
    if petition.timeline.filter(stage=Stage.GUIDED).exists():
        possible.append(LetterKind.GUIDANCE)
    if petition.kind in (PetitionKind.COMPLAINT, PetitionKind.DENUNCIATION):
        if petition.accepted_on is not None:
            possible.append(LetterKind.ACCEPT)
        elif petition.stage in (Stage.ARCHIVED, Stage.GUIDED):
            possible.append(LetterKind.REFUSE)
    possible = [k for k in possible if k not in made]
    if open_slips:
        possible.append(LetterKind.FORWARD)
    return {
        "papers_shown": shown,
        "attachments": list(
            petition.attachments.filter(removed_at__isnull=True).select_related("uploaded_by")
        )
        if shown
        else [],
        "attachment_count": petition.attachments.filter(removed_at__isnull=True).count(),
        "letters": list(petition.letters.select_related("document", "forwarding")),
        "letter_form": LetterForm(kinds=possible, forwardings=open_slips) if manage else None,
    }


def _petition_for_papers(request: AppRequest, pk: int) -> Petition:
    petition = selectors.petition_get(user=request.user, pk=pk)
    if not privacy.may_see_identity(request.user, petition):
        raise Http404("Tài liệu của đơn này chỉ cán bộ xử lý và quản trị viên xem được.")
    return petition


def _send(
    request: AppRequest, petition: Petition, handle: Any, name: str, what: str
) -> FileResponse:
    privacy.log(
        user=request.user,
        action=ReadLog.Action.FILE,
        what=f"{petition}: {what}",
        petition=petition,
        identity_shown=True,
    )
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _back(petition: Petition, anchor: str) -> HttpResponse:
    return redirect(reverse("petitions:detail", args=[petition.pk]) + anchor)


def _errors(request: AppRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def attachment_upload(request: AppRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_get(user=request.user, pk=pk)
    files = request.FILES.getlist("files")
    try:
        added = paperwork.attachment_add(
            actor=request.user,
            petition=petition,
            files=files,
            caption=request.POST.get("caption", ""),
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, f"Đã đính kèm {len(added)} tệp.")
    return _back(petition, "#tai-lieu")


@login_required
def attachment_file(request: AppRequest, pk: int) -> FileResponse:
    attachment = Attachment.objects.filter(pk=pk, removed_at__isnull=True).first()
    if attachment is None:
        raise Http404("Không tìm thấy tệp.")
    petition = _petition_for_papers(request, attachment.petition_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    return _send(request, petition, handle, attachment.original_name, attachment.original_name)


@login_required
@require_POST
def attachment_remove(request: AppRequest, pk: int) -> HttpResponse:
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404("Không tìm thấy tệp.")
    petition = selectors.petition_get(user=request.user, pk=attachment.petition_id)
    try:
        paperwork.attachment_remove(
            actor=request.user, attachment=attachment, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, f"Đã gỡ tệp «{attachment}».")
    return _back(petition, "#tai-lieu")


@login_required
@require_POST
def letter_issue(request: AppRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_get(user=request.user, pk=pk)
    slips = list(petition.forwardings.filter(letter__isnull=True))
    form = LetterForm(request.POST, kinds=list(LetterKind.values), forwardings=slips)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return _back(petition, "#van-ban")
    data = form.cleaned_data
    if request.POST.get("du_thao") == "1":
        return _draft(request, petition, data)
    try:
        letter = paperwork.letter_issue(
            actor=request.user,
            petition=petition,
            kind=data["kind"],
            forwarding=data.get("forwarding"),
            reason=data.get("reason", ""),
        )
    except ValidationError as error:
        _errors(request, error)
        return _back(petition, "#van-ban")
    privacy.log(
        user=request.user,
        action=ReadLog.Action.DOCUMENT,
        what=f"{petition}: {letter.get_kind_display()} số {letter.document.reference}",
        petition=petition,
        identity_shown=True,
    )
    messages.success(
        request,
        f"Đã lập {letter.get_kind_display().lower()} số {letter.document.reference}, "
        "vào sổ văn bản đi.",
    )
    return _back(petition, "#van-ban")


def _draft(request: AppRequest, petition: Petition, data: dict[str, Any]) -> HttpResponse:
    """The letter as it would be, with the next number previewed; nothing is stored."""
    if not privacy.may_see_identity(request.user, petition):
        raise Http404("Không tìm thấy đơn.")
    try:
        built = letters.build(
            user=request.user,
            kind=data["kind"],
            petition=petition,
            forwarding=data.get("forwarding"),
            reason=data.get("reason") or petition.outcome,
            on=clock.today(),
        )
        body = letters.render(built)
    except ValidationError as error:
        _errors(request, error)
        return _back(petition, "#van-ban")
    privacy.log(
        user=request.user,
        action=ReadLog.Action.DOCUMENT,
        what=f"{petition}: dự thảo {LetterKind(data['kind']).label.lower()}",
        petition=petition,
        identity_shown=True,
    )
    response = HttpResponse(body, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="du-thao-{data["kind"]}.docx"'
    return response


@login_required
def letter_file(request: AppRequest, pk: int) -> FileResponse:
    letter = Letter.objects.filter(pk=pk).select_related("document").first()
    if letter is None:
        raise Http404("Không tìm thấy văn bản.")
    petition = _petition_for_papers(request, letter.petition_id)
    try:
        handle = letter.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    name = f"{letter.kind}-{letter.document.reference.replace('/', '-')}.docx"
    return _send(request, petition, handle, name, f"{letter}")


@login_required
def periodic_report(request: AppRequest) -> HttpResponse:
    """Báo cáo tình hình tiếp công dân, xử lý đơn thư of a unit for a period: a draft to
    download, or issued with the unit's next Báo cáo number (the file in the register)."""
    require_view(request)
    data = request.POST if request.method == "POST" else None
    form = PapersReportForm(data, user=request.user, initial={"ky": request.GET.get("ky", "")})
    context = {"form": form, "can_issue": can(request.user, Cap.PETITION_MANAGE, None)}
    if data is None or not form.is_valid():
        return render(request, "petitions/periodic_report.html", context)
    unit = form.cleaned_data["unit"]
    period: periods.Period = form.cleaned_data["period"]
    if request.POST.get("du_thao") != "1":
        if not can(request.user, Cap.PETITION_MANAGE, unit):
            form.add_error("unit", f"Bạn không có quyền lập báo cáo cho «{unit.name}».")
            return render(request, "petitions/periodic_report.html", context, status=400)
        return _issue_report(request, form, unit, period)
    built = statistics.build(user=request.user, unit=unit, period=period, on=clock.today())
    response = HttpResponse(statistics.render(built), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-don-thu-{period.code}.docx"'
    return response


def _issue_report(
    request: AppRequest, form: PapersReportForm, unit: Any, period: periods.Period
) -> HttpResponse:
    try:
        document = paperwork.report_issue(actor=request.user, unit=unit, period=period)
    except ValidationError as error:
        add_service_errors(form, error, renamed={"period": "ky", "issuer": "unit"})
        context = {"form": form, "can_issue": True}
        return render(request, "petitions/periodic_report.html", context, status=400)
    messages.success(request, f"Đã cấp số {document.reference} và vào sổ văn bản đi.")
    return redirect("documents:detail", pk=document.pk)
