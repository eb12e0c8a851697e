"""Petition pages: the register (masked list, export), a petition (timeline, clocks,
chain, actions), intake and edit, the read log for administrators.

A user without ``Cap.PETITION_VIEW`` gets a 404 on every page here: the register's very
existence for a unit is not shown to those who may not read it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.core import clock, concurrency
from danvan.core.exports import asked, wants_xlsx
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.petitions import clocks, decisions, privacy, selectors, services
from danvan.petitions import forwarding as across
from danvan.petitions.exports import petitions_xlsx
from danvan.petitions.forms import (
    STEPS,
    ClassifyForm,
    DuplicateForm,
    ExtendForm,
    ForwardForm,
    OutsideReplyForm,
    PetitionEditForm,
    PetitionFilterForm,
    PetitionForm,
    StepForm,
)
from danvan.petitions.models import MOVES, DuplicateState, Petition, ReadLog, Stage

PAGE_SIZE = 25


def require_view(request: AppRequest) -> None:
    if not can(request.user, Cap.PETITION_VIEW, None):
        raise Http404("Không tìm thấy trang.")


@login_required
def petition_list(request: AppRequest) -> HttpResponse:
    require_view(request)
    form = PetitionFilterForm(request.GET, user=request.user)
    filters = form.filters()
    petitions = selectors.petition_search(user=request.user, **filters)
    shown = "; ".join(f"{label}: {value}" for label, value in asked(form))
    if wants_xlsx(request):
        with_ids = request.GET.get("giay_to") == "1" and can(
            request.user, Cap.PETITION_MANAGE, None
        )
        rows = list(petitions)
        privacy.log(
            user=request.user,
            action=ReadLog.Action.EXPORT_IDS if with_ids else ReadLog.Action.EXPORT,
            what=f"{len(rows)} đơn; lọc: {shown or 'không'}",
        )
        return petitions_xlsx(rows, user=request.user, with_ids=with_ids, filters=asked(form))
    page = Paginator(petitions, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    privacy.log_list(user=request.user, petitions=rows, filters=shown, page=page.number)
    today = clock.today()
    context = {
        "form": form,
        "page": page,
        "rows": [(p, privacy.list_label(p), p.is_overdue(today)) for p in rows],
        "filtered": any(v for v in filters.values()),
        "can_create": can(request.user, Cap.PETITION_MANAGE, None),
        "today": today,
    }
    template = "petitions/_results.html" if request.htmx else "petitions/petition_list.html"
    return render(request, template, context)


def _clock(petition: Petition) -> dict[str, Any] | None:
    if not petition.is_open or petition.due_on is None:
        return None
    left = clocks.working_days_left(petition.due_on, clock.today())
    return {
        "due_on": petition.due_on,
        "left": left,
        "late_by": -left,
        "late": left < 0,
        "soon": 0 <= left <= clocks.SOON_WORKING_DAYS,
    }


def papers_context(user: Any, petition: Petition, manage: bool) -> dict[str, Any]:
    from danvan.petitions.views_papers import papers_context as papers

    return papers(user, petition, manage)


def _detail_context(request: AppRequest, petition: Petition, **forms: Any) -> dict[str, Any]:
    user = request.user
    manage = can(user, Cap.PETITION_MANAGE, petition.org_unit)
    moves = MOVES.get(petition.stage, ())
    steps = [(code, label) for code, label in STEPS.items() if code in moves]
    step_form = forms.get("step_form") or StepForm()
    step_form.fields["to"].choices = steps  # type: ignore[union-attr]
    return {
        "petition": petition,
        "identity": privacy.may_see_identity(user, petition),
        "masked": privacy.list_label(petition),
        "people": list(petition.petitioners.all()),
        "timeline": selectors.timeline(petition=petition),
        "chain": selectors.chain(user=user, petition=petition),
        "outside": petition.forwardings.filter(to_unit__isnull=True, replied_on__isnull=True),
        "extensions": petition.extensions.all(),
        "clock": _clock(petition),
        "rule": petition.due_rule,
        "manage": manage,
        "can_classify": manage
        and petition.stage == Stage.RECEIVED
        and petition.duplicate_state != DuplicateState.PROPOSED,
        "can_forward": manage and Stage.FORWARDED in moves,
        "can_extend": manage and petition.is_open and petition.due_on is not None,
        "can_decide_duplicate": manage and petition.duplicate_state == DuplicateState.PROPOSED,
        "steps": steps if manage and petition.stage != Stage.RECEIVED else [],
        "classify_form": forms.get("classify_form") or ClassifyForm(),
        "step_form": step_form,
        "forward_form": forms.get("forward_form") or ForwardForm(user=user, petition=petition),
        "extend_form": forms.get("extend_form") or ExtendForm(),
        "duplicate_form": forms.get("duplicate_form") or DuplicateForm(),
        "reply_form": OutsideReplyForm(initial={"replied_on": clock.today()}),
        "is_admin": privacy.is_admin(user, petition),
        **papers_context(user, petition, manage),
    }


@login_required
def petition_detail(request: AppRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_get(user=request.user, pk=pk)
    privacy.log_detail(user=request.user, petition=petition)
    return render(request, "petitions/petition_detail.html", _detail_context(request, petition))


def _redisplay(request: AppRequest, petition: Petition, **forms: Any) -> HttpResponse:
    petition.refresh_from_db()
    context = _detail_context(request, petition, **forms)
    return render(request, "petitions/petition_detail.html", context, status=400)


@login_required
def petition_create(request: AppRequest) -> HttpResponse:
    require_view(request)
    if not can(request.user, Cap.PETITION_MANAGE, None):
        raise Http404("Không tìm thấy trang.")
    form = PetitionForm(
        request.POST or None, user=request.user, initial={"received_on": clock.today()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            petition = services.petition_create(actor=request.user, **form.service_args())
        except ValidationError as error:
            add_service_errors(form, error, renamed={"petitioners": "full_name"})
        else:
            messages.success(request, f"Đã vào sổ {petition}.")
            if petition.duplicate_state == DuplicateState.PROPOSED:
                messages.warning(
                    request, f"Đơn có thể trùng với {petition.duplicate_of}: hãy xác nhận."
                )
            return redirect("petitions:detail", pk=petition.pk)
    return render(request, "petitions/form.html", {"form": form, "title": "Tiếp nhận đơn"})


@login_required
def petition_edit(request: AppRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_get(user=request.user, pk=pk)
    if not can(request.user, Cap.PETITION_MANAGE, petition.org_unit):
        raise Http404("Không tìm thấy trang.")
    initial = {f: getattr(petition, f) for f in ("subject", "concerned_body", "group_size")}
    initial["complex_case"] = petition.complex_case
    form = PetitionEditForm(request.POST or None, initial=initial)
    concurrency.track(form, petition)
    if request.method == "POST" and form.is_valid():
        try:
            decisions.petition_update(actor=request.user, petition=petition, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu {petition}.")
            return redirect("petitions:detail", pk=petition.pk)
    context = {"form": form, "title": f"Sửa {petition}", "petition": petition}
    return render(request, "petitions/form.html", context)


def _act(request: AppRequest, petition: Petition, call: Any, form: Any, name: str) -> HttpResponse:
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã cập nhật {petition}.")
            return redirect("petitions:detail", pk=petition.pk)
    return _redisplay(request, petition, **{name: form})


@login_required
@require_POST
def petition_classify(request: AppRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_get(user=request.user, pk=pk)
    return _act(
        request,
        petition,
        lambda d: services.petition_classify(actor=request.user, petition=petition, **d),
        ClassifyForm(request.POST),
        "classify_form",
    )


@login_required
@require_POST
def petition_step(request: AppRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_get(user=request.user, pk=pk)
    form = StepForm(request.POST)

    def call(d: dict[str, Any]) -> Any:
        user, to, note = request.user, d["to"], d["note"]
        if to == Stage.ACCEPTED:
            return services.petition_accept(actor=user, petition=petition, note=note)
        if to == Stage.GUIDED:
            return services.petition_guide(actor=user, petition=petition, note=note)
        if to == Stage.ARCHIVED:
            return services.petition_archive(actor=user, petition=petition, note=note)
        return services.petition_move(actor=user, petition=petition, to=to, note=note)

    return _act(request, petition, call, form, "step_form")


@login_required
@require_POST
def petition_forward(request: AppRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_get(user=request.user, pk=pk)
    form = ForwardForm(request.POST, user=request.user, petition=petition)
    return _act(
        request,
        petition,
        lambda d: across.petition_forward(actor=request.user, petition=petition, **d),
        form,
        "forward_form",
    )


@login_required
@require_POST
def petition_extend(request: AppRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_get(user=request.user, pk=pk)
    return _act(
        request,
        petition,
        lambda d: decisions.petition_extend(actor=request.user, petition=petition, **d),
        ExtendForm(request.POST),
        "extend_form",
    )


@login_required
@require_POST
def petition_duplicate(request: AppRequest, pk: int) -> HttpResponse:
    petition = selectors.petition_get(user=request.user, pk=pk)
    return _act(
        request,
        petition,
        lambda d: decisions.petition_duplicate_decide(actor=request.user, petition=petition, **d),
        DuplicateForm(request.POST),
        "duplicate_form",
    )


@login_required
@require_POST
def forwarding_reply(request: AppRequest, pk: int) -> HttpResponse:
    forwarding = selectors.forwarding_get(user=request.user, pk=pk)
    form = OutsideReplyForm(request.POST)
    petition = forwarding.petition
    if form.is_valid():
        try:
            across.petition_outside_reply(
                actor=request.user, forwarding=forwarding, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Đã ghi trả lời của {forwarding.to_body}.")
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("petitions:detail", pk=petition.pk)


@login_required
def read_log(request: AppRequest) -> HttpResponse:
    """Nhật ký đọc đơn thư: who read which petition, when, and what they saw."""
    if not can(request.user, Cap.AUDIT_VIEW, None):
        raise Http404("Không tìm thấy trang.")
    petition = None
    if request.GET.get("don", "").isdigit():
        petition = selectors.petition_get(user=request.user, pk=int(request.GET["don"]))
    rows = selectors.read_log(
        user=request.user,
        petition=petition,
        who=request.GET.get("nguoi", "")[:150].replace("\x00", ""),
        action=request.GET.get("thao_tac", ""),
    )
    context = {
        "page": Paginator(rows, 50).get_page(request.GET.get("page")),
        "petition": petition,
        "actions": ReadLog.Action.choices,
    }
    return render(request, "petitions/read_log.html", context)
