"""Reception pages: a unit's reception calendar (lịch tiếp công dân) and its sessions
with the citizens received; the Front's voter-opinion batches."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.core import clock, concurrency
from danvan.core.exports import wants_xlsx
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.petitions import privacy, reception, selectors
from danvan.petitions.exports import sessions_xlsx
from danvan.petitions.forms import (
    BatchForm,
    BatchStatusForm,
    OpinionForm,
    SessionForm,
    VisitForm,
    petition_units,
)
from danvan.petitions.models import ReadLog, ReceptionSession
from danvan.petitions.views import require_view

WEEKDAYS = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]


def _month(request: AppRequest) -> dt.date:
    raw = request.GET.get("thang", "")
    try:
        year, month = (int(x) for x in raw.split("-"))
        return dt.date(year, month, 1) if 2000 <= year <= 2100 else clock.today().replace(day=1)
    except ValueError:
        return clock.today().replace(day=1)


def _date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@login_required
def session_list(request: AppRequest) -> HttpResponse:
    """Lịch tiếp công dân: a month's grid of sessions, filtered by unit (``don_vi``), or a
    date window (``tu``/``den``, the figures' link)."""
    require_view(request)
    units = petition_units(request.user, Cap.PETITION_VIEW)
    unit = None
    if request.GET.get("don_vi", "").isdigit():
        unit = units.filter(pk=int(request.GET["don_vi"])).first()
    start, end = _date(request.GET.get("tu", "")), _date(request.GET.get("den", ""))
    first = _month(request) if start is None else start.replace(day=1)
    if start is None:
        start = first
        end = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    rows = selectors.sessions(user=request.user, org_unit=unit, start=start, end=end)
    if wants_xlsx(request):
        privacy.log(user=request.user, action=ReadLog.Action.EXPORT, what="Sổ tiếp công dân")
        rows = rows.prefetch_related("visits")
        shown = [("Đơn vị", unit.name if unit else ""), ("Từ", f"{start:%d/%m/%Y}")]
        return sessions_xlsx(rows, filters=shown)
    by_day: dict[dt.date, list[ReceptionSession]] = {}
    for session in rows:
        by_day.setdefault(session.held_on, []).append(session)
    weeks = [
        [(day, by_day.get(day, [])) if day.month == first.month else (day, None) for day in week]
        for week in calendar.Calendar().monthdatescalendar(first.year, first.month)
    ]
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    context = {
        "weeks": weeks,
        "weekdays": WEEKDAYS,
        "month": first,
        "previous": previous,
        "following": following,
        "sessions": rows,
        "units": units,
        "unit": unit,
        "window": (start, end),
        "today": clock.today(),
        "can_create": can(request.user, Cap.PETITION_MANAGE, None),
    }
    return render(request, "petitions/session_list.html", context)


@login_required
def session_create(request: AppRequest) -> HttpResponse:
    require_view(request)
    form = SessionForm(request.POST or None, user=request.user, initial={"held_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            session = reception.session_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã ghi buổi tiếp công dân.")
            return redirect("petitions:session_detail", pk=session.pk)
    return render(request, "petitions/form.html", {"form": form, "title": "Buổi tiếp công dân"})


@login_required
def session_edit(request: AppRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    if not can(request.user, Cap.PETITION_MANAGE, session.org_unit):
        raise Http404("Không tìm thấy trang.")
    fields = ("held_on", "kind", "host", "host_title", "place", "note")
    initial = {f: getattr(session, f) for f in fields} | {"org_unit": session.org_unit}
    form = SessionForm(request.POST or None, user=request.user, initial=initial)
    form.fields["org_unit"].disabled = True
    concurrency.track(form, session)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in fields}
        try:
            reception.session_update(
                actor=request.user,
                session=session,
                version=form.cleaned_data.get("version"),
                **changes,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu buổi tiếp công dân.")
            return redirect("petitions:session_detail", pk=session.pk)
    return render(request, "petitions/form.html", {"form": form, "title": "Sửa buổi tiếp"})


@login_required
def session_detail(request: AppRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    manage = can(request.user, Cap.PETITION_MANAGE, session.org_unit)
    form = VisitForm(request.POST or None)
    if request.method == "POST":
        if not manage:
            raise Http404("Không tìm thấy trang.")
        if form.is_valid():
            try:
                reception.visit_add(actor=request.user, session=session, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Đã ghi lượt tiếp công dân.")
                return redirect("petitions:session_detail", pk=session.pk)
    privacy.log(
        user=request.user,
        action=ReadLog.Action.DETAIL,
        what=f"{session} — {session.org_unit.name}",
        org_unit=session.org_unit,
        identity_shown=True,
    )
    visits = list(session.visits.prefetch_related("petitions"))
    context = {
        "session": session,
        "visits": visits,
        "total": sum(v.group_size for v in visits),
        "form": form,
        "manage": manage,
        "held": session.held_on <= clock.today(),
    }
    return render(request, "petitions/session_detail.html", context)


@login_required
def batch_list(request: AppRequest) -> HttpResponse:
    require_view(request)
    context = {
        "batches": selectors.batches(user=request.user),
        "can_create": can(request.user, Cap.PETITION_MANAGE, None),
    }
    return render(request, "petitions/batch_list.html", context)


@login_required
def batch_create(request: AppRequest) -> HttpResponse:
    require_view(request)
    form = BatchForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            batch = reception.batch_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("petitions:batch_detail", pk=batch.pk)
    return render(request, "petitions/form.html", {"form": form, "title": "Đợt ý kiến cử tri"})


@login_required
def batch_detail(request: AppRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get(user=request.user, pk=pk)
    manage = can(request.user, Cap.PETITION_MANAGE, batch.org_unit)
    opinion = OpinionForm(request.POST if "subject" in request.POST else None)
    status = BatchStatusForm(request.POST if "status" in request.POST else None)
    if request.method == "POST":
        if not manage:
            raise Http404("Không tìm thấy trang.")
        form: Any = opinion if "subject" in request.POST else status
        if form.is_valid():
            try:
                if form is opinion:
                    reception.batch_opinion_add(
                        actor=request.user, batch=batch, **form.cleaned_data
                    )
                else:
                    reception.batch_status(actor=request.user, batch=batch, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Đã cập nhật đợt ý kiến cử tri.")
                return redirect("petitions:batch_detail", pk=batch.pk)
    petitions = list(batch.petitions.prefetch_related("petitioners").order_by("number"))
    rows = [(p, privacy.list_label(p)) for p in petitions]
    privacy.log_list(user=request.user, petitions=petitions, filters=f"đợt «{batch.title}»")
    context = {
        "batch": batch,
        "rows": rows,
        "manage": manage,
        "opinion_form": opinion,
        "status_form": status,
    }
    return render(request, "petitions/batch_detail.html", context)
