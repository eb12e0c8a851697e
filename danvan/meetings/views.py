"""Pages of meetings: the list with search and filters, the meeting page with all its
parts, create, edit, delete and restore, and the month calendar. The parts of a meeting
are edited in ``views_parts``; recurring meetings and their iCal feed in ``views_series``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.core import clock, concurrency, trash
from danvan.core.exports import wants_xlsx
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.lib import periods
from danvan.lib.dates import format_date
from danvan.meetings import forms, selectors, services
from danvan.meetings.exports import meetings_xlsx
from danvan.meetings.models import Meeting, MeetingKind
from danvan.org.selectors import org_unit_list
from danvan.tasks.models import Task

PAGE_SIZE = 30


@login_required
def meeting_list(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.MEETING_VIEW, None)
    filters = forms.MeetingFilterForm(request.GET).filters()
    meetings = selectors.meeting_search(
        user=request.user,
        q=filters.get("q") or "",
        kind=filters.get("kind"),
        org_unit=filters.get("org_unit"),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
        status=filters.get("status") or "",
    )
    if wants_xlsx(request):
        unit = filters.get("org_unit")
        named = org_unit_list(user=request.user, cap=Cap.MEETING_VIEW).filter(pk=unit).first()
        shown = [
            ("Từ khóa", filters.get("q") or ""),
            ("Loại", str(filters.get("kind") or "")),
            ("Đơn vị", named.name if unit and named else ""),
            ("Từ ngày", format_date(filters.get("date_from"))),
            ("Đến ngày", format_date(filters.get("date_to"))),
            ("Tình trạng", dict(Meeting.Status.choices).get(filters.get("status") or "", "")),
        ]
        return meetings_xlsx(meetings, filters=shown)
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "params": request.GET,
        "searching": any(request.GET.get(k) for k in forms.MeetingFilterForm.base_fields),
        "kinds": MeetingKind.objects.all(),
        "units": org_unit_list(user=request.user, cap=Cap.MEETING_VIEW).order_by("path"),
        "statuses": Meeting.Status.choices,
        "can_manage": can(request.user, Cap.MEETING_MANAGE, None),
    }
    template = "meetings/_results.html" if request.htmx else "meetings/meeting_list.html"
    return render(request, template, context)


# --- the meeting page -------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewRow:
    """A task to review: its status as shown (quá hạn computed) and whether it is late."""

    task: Task
    status: str
    label: str
    overdue: bool


def detail_context(request: AppRequest, meeting: Meeting, **bound: Any) -> dict[str, Any]:
    """Everything the meeting page shows; ``bound`` replaces an empty sub-form by the one
    just posted, so its errors are shown where it was filled in."""
    from danvan.tasks.selectors import tasks_for_conclusions, tasks_to_review

    user = request.user
    today = clock.today()
    conclusions = list(meeting.conclusions.all())
    tasks = tasks_for_conclusions(user=user, conclusions=conclusions)
    review = [
        ReviewRow(task, *task.display_status(today), task.is_overdue(today))
        for task in tasks_to_review(user=user, meeting=meeting)
    ]
    can_manage = can(user, Cap.MEETING_MANAGE, meeting.org_unit)
    context: dict[str, Any] = {
        "meeting": meeting,
        "groups": selectors.attendance_groups(meeting),
        "absent": [a for a in meeting.attendances.all() if not a.present],
        "review": review,
        "conclusions": [(c, tasks.get(c.pk, [])) for c in conclusions],
        "history": selectors.meeting_history(meeting),
        "can_manage": can_manage,
        "can_assign": can(user, Cap.TASK_MANAGE, meeting.org_unit),
        "open_form": next(iter(bound), "").removesuffix("_form"),
    }
    context["supervision_overdue"] = _supervision_overdue(user, meeting)  # supervision
    if can_manage:
        from danvan.meetings.views_parts import PARTS

        for part in PARTS.values():
            key = f"{part.name}_form"
            context[key] = bound.get(key) or part.form(meeting=meeting, user=user)
    return context


def _supervision_overdue(user: Any, meeting: Meeting) -> list[Any]:
    """supervision: at a giao ban, the recommendations of the meeting's locality (its unit,
    or the place a board or committee belongs to) past their due date on the meeting day."""
    if not meeting.kind.code.startswith("giao-ban"):
        return []
    from django.utils import timezone

    from danvan.supervision.selectors import overdue_for

    unit = meeting.org_unit
    if not unit.kind.is_place and unit.parent is not None:
        unit = unit.parent
    day = timezone.localtime(meeting.starts_at).date()
    return overdue_for(user=user, units=[unit], day=day)


@login_required
def meeting_detail(request: AppRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    return render(request, "meetings/meeting_detail.html", detail_context(request, meeting))


# --- create, edit, delete ---------------------------------------------------------------


@login_required
def meeting_create(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.MEETING_MANAGE, None)
    initial = {"status": Meeting.Status.PLANNED}
    form = forms.MeetingForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã thêm hội nghị «{meeting.title}».")
            return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "title": "Thêm hội nghị"})


@login_required
def meeting_edit(request: AppRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    require(request.user, Cap.MEETING_MANAGE, meeting.org_unit)
    form = forms.MeetingForm(
        request.POST or None, user=request.user, initial=forms.meeting_initial(meeting)
    )
    concurrency.track(form, meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu thay đổi của «{meeting.title}».")
            return redirect("meetings:detail", pk=meeting.pk)
    context = {"form": form, "meeting": meeting, "title": "Sửa thông tin hội nghị"}
    return render(request, "meetings/meeting_form.html", context)


@login_required
@require_POST
def meeting_delete(request: AppRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    try:
        services.meeting_delete(actor=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:detail", pk=meeting.pk)
    messages.success(request, f"Đã xóa «{meeting.title}». Có thể khôi phục trong mục «Đã xóa».")
    return redirect("meetings:list")


@login_required
def meeting_trash(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.MEETING_MANAGE, None)
    deleted = selectors.meeting_deleted(user=request.user)
    return trash.trash_page(request, deleted=deleted, template="meetings/meeting_trash.html")


@login_required
@require_POST
def meeting_restore(request: AppRequest, pk: int) -> HttpResponse:
    return trash.restore(
        request,
        pk,
        deleted=selectors.meeting_deleted(user=request.user),
        service=lambda meeting: services.meeting_restore(actor=request.user, meeting=meeting),
        what="hội nghị",
        trash_url="meetings:trash",
        detail_url="meetings:detail",
    )


# --- calendar ---------------------------------------------------------------------------


@login_required
def calendar_current(request: AppRequest) -> HttpResponse:
    today = clock.today()
    return redirect("meetings:calendar", year=today.year, month=today.month)


@login_required
def calendar_month(request: AppRequest, year: int, month: int) -> HttpResponse:
    require(request.user, Cap.MEETING_VIEW, None)
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise Http404("Tháng không hợp lệ.")
    weeks = selectors.calendar_month(user=request.user, year=year, month=month)
    this = periods.Period(year, month, periods.MONTH)
    previous, following = this.shifted(-1), this.shifted(1)
    context = {
        "weeks": weeks,
        "days_with_meetings": [d for week in weeks for d in week if d.in_month and d.meetings],
        "label": this.label,
        "month_start": dt.date(year, month, 1),
        "previous": previous,
        "following": following,
        "today": clock.today(),
        "can_manage": can(request.user, Cap.MEETING_MANAGE, None),
    }
    return render(request, "meetings/calendar.html", context)
