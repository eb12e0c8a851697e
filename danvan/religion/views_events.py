"""Events and festivals (list, calendar of the coming weeks, page, form, held/cancelled)
and the situations followed (only for ``Cap.RELIGION_SENSITIVE`` holders: a 404 for
anyone else, every read logged)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.core import clock
from danvan.core.exports import asked, wants_xlsx
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.religion import exports, privacy, selectors, services
from danvan.religion.forms import (
    CancelForm,
    EventFilterForm,
    EventForm,
    HeldForm,
    SituationCloseForm,
    SituationForm,
)
from danvan.religion.models import Event, EventState, ReadLog, Situation, SituationState
from danvan.religion.views import PAGE_SIZE, edit_page, require_manage, require_view


@login_required
def event_list(request: AppRequest) -> HttpResponse:
    require_view(request)
    form = EventFilterForm(request.GET, user=request.user)
    filters = form.filters()
    events = selectors.event_search(user=request.user, **filters).order_by("-starts_on", "-id")
    if wants_xlsx(request):
        return exports.events_xlsx(events, filters=asked(form))
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    today = clock.today()
    context = {
        "form": form,
        "page": page,
        "filtered": any(v for v in filters.values()),
        "upcoming": list(selectors.upcoming(user=request.user, today=today)),
        "can_create": can(request.user, Cap.RELIGION_MANAGE, None),
        "sensitive": can(request.user, Cap.RELIGION_SENSITIVE, None),
        "today": today,
    }
    return render(request, "religion/event_list.html", context)


def _event_context(request: AppRequest, event: Event, **forms: Any) -> dict[str, Any]:
    manage = can(request.user, Cap.RELIGION_MANAGE, event.org_unit)
    planned = event.state == EventState.PLANNED
    return {
        "event": event,
        "manage": manage,
        "can_move": manage and planned,
        "can_hold": manage and planned and event.starts_on <= clock.today(),
        "held_form": forms.get("held_form")
        or HeldForm(
            initial={"actual_attendance": event.expected_attendance, "version": event.version}
        ),
        "cancel_form": forms.get("cancel_form") or CancelForm(initial={"version": event.version}),
    }


@login_required
def event_detail(request: AppRequest, pk: int) -> HttpResponse:
    event = selectors.get(request.user, Event, pk)
    return render(request, "religion/event_detail.html", _event_context(request, event))


@login_required
def event_create(request: AppRequest) -> HttpResponse:
    require_view(request, Cap.RELIGION_MANAGE)

    def save(values: dict[str, Any], form: Any) -> Model:
        values.pop("version", None)
        return services.event_create(actor=request.user, **values)

    return edit_page(
        request,
        form_class=EventForm,
        record=None,
        save=save,
        title="Đăng ký sự kiện, lễ hội",
        back="religion:events",
        detail="religion:event",
        initial={"place": request.GET.get("place", "")[:20]},
    )


@login_required
def event_edit(request: AppRequest, pk: int) -> HttpResponse:
    event = selectors.get(request.user, Event, pk)
    require_manage(request, event)

    def save(values: dict[str, Any], form: Any) -> Model:
        return services.event_update(actor=request.user, event=event, **values)

    return edit_page(
        request,
        form_class=EventForm,
        record=event,
        save=save,
        title=f"Sửa «{event}»",
        back="religion:events",
        detail="religion:event",
    )


def _move(request: AppRequest, event: Event, form: Any, name: str, call: Any) -> HttpResponse:
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã cập nhật «{event}».")
            return redirect("religion:event", pk=event.pk)
    event.refresh_from_db()
    context = _event_context(request, event, **{name: form})
    return render(request, "religion/event_detail.html", context, status=400)


@login_required
@require_POST
def event_held(request: AppRequest, pk: int) -> HttpResponse:
    event = selectors.get(request.user, Event, pk)
    require_manage(request, event)
    return _move(
        request,
        event,
        HeldForm(request.POST),
        "held_form",
        lambda d: services.event_held(actor=request.user, event=event, **d),
    )


@login_required
@require_POST
def event_cancel(request: AppRequest, pk: int) -> HttpResponse:
    event = selectors.get(request.user, Event, pk)
    require_manage(request, event)
    return _move(
        request,
        event,
        CancelForm(request.POST),
        "cancel_form",
        lambda d: services.event_cancel(actor=request.user, event=event, **d),
    )


# --- situations (RELIGION_SENSITIVE) ----------------------------------------------------


@login_required
def situation_list(request: AppRequest) -> HttpResponse:
    require_view(request, Cap.RELIGION_SENSITIVE)
    state = request.GET.get("tinh_trang", "")
    state = state if state in SituationState.values else ""
    rows = selectors.situation_search(user=request.user, state=state)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    privacy.log_situations(
        user=request.user, situations=page.object_list, action=ReadLog.Action.LIST
    )
    context = {"page": page, "state": state, "states": SituationState.choices}
    return render(request, "religion/situation_list.html", context)


def _situation_context(situation: Situation, **forms: Any) -> dict[str, Any]:
    return {
        "situation": situation,
        "open": situation.state == SituationState.WATCHING,
        "close_form": forms.get("close_form")
        or SituationCloseForm(initial={"version": situation.version}),
    }


@login_required
def situation_detail(request: AppRequest, pk: int) -> HttpResponse:
    situation = selectors.get(request.user, Situation, pk)
    privacy.log_situation(user=request.user, situation=situation)
    return render(request, "religion/situation_detail.html", _situation_context(situation))


@login_required
def situation_create(request: AppRequest) -> HttpResponse:
    require_view(request, Cap.RELIGION_SENSITIVE)

    def save(values: dict[str, Any], form: Any) -> Model:
        values.pop("version", None)
        return services.situation_create(
            actor=request.user, org_unit=form.cleaned_data["org_unit"], **values
        )

    return edit_page(
        request,
        form_class=SituationForm,
        record=None,
        save=save,
        title="Ghi nhận tình hình cần theo dõi",
        back="religion:situations",
        detail="religion:situation",
        initial={"noted_on": clock.today()},
    )


@login_required
def situation_edit(request: AppRequest, pk: int) -> HttpResponse:
    situation = selectors.get(request.user, Situation, pk)
    require_manage(request, situation, Cap.RELIGION_SENSITIVE)

    def save(values: dict[str, Any], form: Any) -> Model:
        return services.situation_update(actor=request.user, situation=situation, **values)

    return edit_page(
        request,
        form_class=SituationForm,
        record=situation,
        save=save,
        title=f"Sửa {situation}",
        back="religion:situations",
        detail="religion:situation",
    )


@login_required
@require_POST
def situation_close(request: AppRequest, pk: int) -> HttpResponse:
    situation = selectors.get(request.user, Situation, pk)
    form = SituationCloseForm(request.POST)
    if form.is_valid():
        try:
            services.situation_close(actor=request.user, situation=situation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã cập nhật {situation}.")
            return redirect("religion:situation", pk=pk)
    situation.refresh_from_db()
    return render(
        request,
        "religion/situation_detail.html",
        _situation_context(situation, close_form=form),
        status=400,
    )
