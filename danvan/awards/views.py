"""Pages of the awards register: the list of awards (filters, XLSX), the decisions, a
decision with its danh sách (add, remove, revoke, DOCX, cấp số), an award."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.audit.selectors import history_for
from danvan.awards import decision_docs, issuing, selectors, services
from danvan.awards.exports import awards_xlsx
from danvan.awards.forms import AwardAddForm, AwardFilterForm, DecisionForm, RevokeForm
from danvan.awards.models import AwardDecision, RecipientKind
from danvan.core import concurrency
from danvan.core.exports import asked, wants_xlsx
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.meetings.selectors import meeting_get

PAGE_SIZE = 30
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def award_list(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.AWARD_VIEW, None)
    form = AwardFilterForm(request.GET, user=request.user)
    filters = form.filters()
    meeting_id = form.cleaned_data.get("meeting") if hasattr(form, "cleaned_data") else None
    meeting = meeting_get(user=request.user, pk=meeting_id) if meeting_id else None
    awards = selectors.award_search(user=request.user, meeting=meeting, **filters)
    if wants_xlsx(request):
        shown = asked(form, {"meeting": "Hội nghị"})
        if meeting is not None:
            shown = [(k, meeting.title if k == "Hội nghị" else v) for k, v in shown]
        return awards_xlsx(awards, filters=shown)
    counts = selectors.award_counts(awards)
    context = {
        "form": form,
        "meeting": meeting,
        "counts": counts,
        "kinds": RecipientKind.choices,
        "page": Paginator(awards, PAGE_SIZE).get_page(request.GET.get("page")),
        "filtered": any(filters.values()) or meeting is not None,
        "can_manage": can(request.user, Cap.AWARD_MANAGE, None),
    }
    template = "awards/_award_results.html" if request.htmx else "awards/award_list.html"
    return render(request, template, context)


@login_required
def award_detail(request: AppRequest, pk: int) -> HttpResponse:
    award = selectors.award_get(user=request.user, pk=pk)
    return render(request, "awards/award_detail.html", _award_context(request, award))


def _award_context(request: AppRequest, award: Any, form: Any = None) -> dict[str, Any]:
    return {
        "award": award,
        "decision": award.decision,
        "history": history_for(award),
        "can_manage": can(request.user, Cap.AWARD_MANAGE, award.decision.issuer),
        "revoke_form": form or RevokeForm(),
    }


@login_required
@require_POST
def award_revoke(request: AppRequest, pk: int) -> HttpResponse:
    award = selectors.award_get(user=request.user, pk=pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            services.award_revoke(
                actor=request.user, award=award, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã thu hồi khen thưởng của «{award.recipient_name}».")
            return redirect("awards:detail", pk=award.pk)
    context = _award_context(request, award, form)
    return render(request, "awards/award_detail.html", context, status=400)


@login_required
@require_POST
def award_remove(request: AppRequest, pk: int) -> HttpResponse:
    award = selectors.award_get(user=request.user, pk=pk)
    decision_pk = award.decision_id
    services.award_remove(actor=request.user, award=award)
    messages.success(request, f"Đã bỏ «{award.recipient_name}» khỏi danh sách.")
    return redirect("awards:decision", pk=decision_pk)


# --- decisions -----------------------------------------------------------------------------


@login_required
def decision_list(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.AWARD_VIEW, None)
    year = request.GET.get("nam", "")
    chosen = int(year) if year.isdigit() and len(year) == 4 else None
    decisions = selectors.decision_list(user=request.user, year=chosen)
    context = {
        "page": Paginator(decisions, PAGE_SIZE).get_page(request.GET.get("page")),
        "years": selectors.years(user=request.user),
        "year": chosen,
        "can_manage": can(request.user, Cap.AWARD_MANAGE, None),
    }
    return render(request, "awards/decision_list.html", context)


def _decision_context(
    request: AppRequest, decision: AwardDecision, add_form: Any = None
) -> dict[str, Any]:
    awards = selectors.decision_awards(user=request.user, decision=decision)
    may = can(request.user, Cap.AWARD_MANAGE, decision.issuer) and not decision.issuer.is_historical
    initial = {"meeting": request.GET.get("hoi_nghi")} if request.GET.get("hoi_nghi") else None
    return {
        "decision": decision,
        "collectives": [a for a in awards if a.recipient_kind == RecipientKind.COLLECTIVE],
        "individuals": [a for a in awards if a.recipient_kind == RecipientKind.INDIVIDUAL],
        "households": [a for a in awards if a.recipient_kind == RecipientKind.HOUSEHOLD],
        "standing": sum(a.revoked_on is None for a in awards),
        "counted": selectors.MeetingAwardGroup(
            decision, [a for a in awards if a.revoked_on is None]
        ),
        "can_manage": may,
        "can_issue": may
        and decision.document_id is None
        and can(request.user, Cap.DOCUMENT_MANAGE, decision.issuer),
        "add_form": add_form
        or (AwardAddForm(user=request.user, decision=decision, initial=initial) if may else None),
        "history": history_for(decision),
    }


@login_required
def decision_detail(request: AppRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get(user=request.user, pk=pk)
    return render(request, "awards/decision_detail.html", _decision_context(request, decision))


@login_required
def decision_create(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.AWARD_MANAGE, None)
    form = DecisionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã ghi quyết định. Thêm tập thể, cá nhân vào danh sách.")
            return redirect("awards:decision", pk=decision.pk)
    context = {"form": form, "title": "Ghi quyết định khen thưởng"}
    return render(request, "awards/decision_form.html", context, status=400 if form.errors else 200)


@login_required
def decision_edit(request: AppRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get(user=request.user, pk=pk)
    if not can(request.user, Cap.AWARD_MANAGE, decision.issuer):
        raise PermissionDenied("Bạn không sửa được quyết định của đơn vị này.")
    initial = {name: getattr(decision, name) for name in services.DECISION_FIELDS}
    initial["issuer"] = decision.issuer
    form = DecisionForm(request.POST or None, user=request.user, initial=initial)
    concurrency.track(form, decision)
    form.fields["issuer"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("issuer", None)
        version = data.pop("version", None)
        try:
            services.decision_update(actor=request.user, decision=decision, version=version, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu quyết định.")
            return redirect("awards:decision", pk=decision.pk)
    context = {"form": form, "decision": decision, "title": "Sửa quyết định khen thưởng"}
    return render(request, "awards/decision_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def decision_add_award(request: AppRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get(user=request.user, pk=pk)
    form = AwardAddForm(request.POST, user=request.user, decision=decision)
    if form.is_valid():
        try:
            award = services.award_add(actor=request.user, decision=decision, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã thêm «{award.recipient_name}» vào danh sách.")
            return redirect(f"{reverse('awards:decision', args=[decision.pk])}#danh-sach")
    context = _decision_context(request, decision, add_form=form)
    return render(request, "awards/decision_detail.html", context, status=400)


@login_required
@require_POST
def decision_issue(request: AppRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get(user=request.user, pk=pk)
    try:
        document = issuing.decision_issue(actor=request.user, decision=decision)
    except ValidationError as error:
        messages.error(request, "Chưa cấp số được: " + " ".join(dict.fromkeys(error.messages)))
    else:
        messages.success(
            request, f"Đã cấp số {document.reference}, vào sổ văn bản đi và lưu tệp quyết định."
        )
    return redirect("awards:decision", pk=decision.pk)


@login_required
def decision_docx(request: AppRequest, pk: int) -> HttpResponse:
    """The decision and its danh sách as DOCX (a draft with the next number when not yet
    issued)."""
    decision = selectors.decision_get(user=request.user, pk=pk)
    awards = selectors.decision_awards(user=request.user, decision=decision)
    if not awards:
        raise Http404("Danh sách chưa có tập thể, cá nhân nào.")
    data = decision_docs.decision_docx(user=request.user, decision=decision, awards=awards)
    response = HttpResponse(data, content_type=DOCX)
    number = decision.document.number if decision.document is not None else "du-thao"
    response["Content-Disposition"] = content_disposition_header(
        True, f"quyet-dinh-khen-thuong-{number or decision.pk}.docx"
    )
    return response
