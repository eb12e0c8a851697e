"""Reads of meetings, always through the scoping function (``Cap.MEETING_VIEW``).

A meeting is seen through its organiser or any co-organiser; scoping joins the
co-organisers, so results are narrowed by primary key to keep each meeting once.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.audit.selectors import AuditRow, audit_rows
from danvan.core import clock
from danvan.lib.text import fold
from danvan.meetings.models import (
    AgendaItem,
    Attendance,
    BridgePoint,
    Conclusion,
    Meeting,
    MeetingKind,
    MeetingSeries,
    Opinion,
)
from danvan.org.models import OrgUnit

HISTORY_LIMIT = 50


def _visible(user: Any, cap: Cap = Cap.MEETING_VIEW) -> QuerySet[Meeting]:
    ids = scoped(Meeting.objects.all(), user, cap).values("pk")
    return Meeting.objects.filter(pk__in=ids)


def _chairs() -> Prefetch:
    chairs = Attendance.objects.filter(role=Attendance.Role.CHAIR).select_related(
        "person", "org_unit"
    )
    return Prefetch("attendances", queryset=chairs, to_attr="chairs")


def _unit(org_unit: OrgUnit | int | str | None) -> OrgUnit | None:
    if org_unit is None or isinstance(org_unit, OrgUnit):
        return org_unit
    if not str(org_unit).isdigit():
        return None
    return OrgUnit.objects.filter(pk=int(org_unit)).first()


def meeting_search(
    *,
    user: Any,
    q: str = "",
    kind: MeetingKind | int | str | None = None,
    org_unit: OrgUnit | int | str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    status: str = "",
    series: MeetingSeries | int | None = None,
) -> QuerySet[Meeting]:
    """Meetings in scope, newest first. ``q`` ignores marks and đ and is matched word by
    word against the title, kind and organisers, or a participant's name ("khuong quoc
    hung" finds the meetings he chaired); ``org_unit`` takes its subtree, organiser or
    co-organiser."""
    meetings = _visible(user)
    for word in fold(q).split():
        by_person = Attendance.objects.filter(person__name_folded__contains=word)
        meetings = meetings.filter(
            Q(title_folded__contains=word) | Q(pk__in=by_person.values("meeting_id"))
        )
    if isinstance(kind, MeetingKind):
        meetings = meetings.filter(kind=kind)
    elif kind:
        meetings = meetings.filter(
            Q(kind_id=int(kind)) if str(kind).isdigit() else Q(kind__code=kind)
        )
    if org_unit not in (None, ""):
        unit = _unit(org_unit)
        if unit is None:
            return meetings.none()
        co = Meeting.co_organisers.through.objects.filter(orgunit__path__startswith=unit.path)
        meetings = meetings.filter(
            Q(org_unit__path__startswith=unit.path) | Q(pk__in=co.values("meeting_id"))
        )
    if date_from:
        meetings = meetings.filter(starts_at__date__gte=date_from)
    if date_to:
        meetings = meetings.filter(starts_at__date__lte=date_to)
    if status:
        meetings = meetings.filter(status=status)
    if series is not None:
        meetings = meetings.filter(series=series)
    return (
        meetings.select_related("kind", "org_unit", "series")
        .prefetch_related("co_organisers", _chairs())
        .order_by("-starts_at", "-id")
    )


def meeting_get(*, user: Any, pk: int, cap: Cap = Cap.MEETING_VIEW) -> Meeting:
    """One meeting with everything its page shows."""
    attendances = Attendance.objects.select_related("person", "org_unit")
    meeting = (
        _visible(user, cap)
        .filter(pk=pk)
        .select_related("kind", "org_unit", "series")
        .prefetch_related(
            "co_organisers",
            Prefetch("bridge_points", queryset=BridgePoint.objects.select_related("org_unit")),
            Prefetch("attendances", queryset=attendances),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related(
                    "presenter__person", "presenter__org_unit"
                ).prefetch_related("reports__form", "reports__org_unit", "documents"),
            ),
            Prefetch(
                "opinions",
                queryset=Opinion.objects.select_related("speaker__person", "speaker__org_unit"),
            ),
            Prefetch(
                "conclusions",
                queryset=Conclusion.objects.select_related(
                    "concluded_by__person", "concluded_by__org_unit"
                ),
            ),
            "citations__document__doc_type",
            "documents",
        )
        .first()
    )
    if meeting is None:
        raise Http404("Không tìm thấy hội nghị, hoặc hội nghị nằm ngoài phạm vi của bạn.")
    return meeting


def meeting_deleted(*, user: Any) -> QuerySet[Meeting]:
    ids = scoped(Meeting.all_objects.filter(deleted_at__isnull=False), user, Cap.MEETING_MANAGE)
    return (
        Meeting.all_objects.filter(pk__in=ids.values("pk"))
        .select_related("kind", "org_unit")
        .order_by("-deleted_at")
    )


@dataclass(frozen=True)
class RoleGroup:
    role: str
    label: str
    attendances: list[Attendance]


def attendance_groups(meeting: Meeting) -> list[RoleGroup]:
    """Thành phần dự grouped by role, in the order of the Role choices (chủ trì first)."""
    groups: dict[str, list[Attendance]] = {}
    for attendance in meeting.attendances.all():
        groups.setdefault(attendance.role, []).append(attendance)
    return [
        RoleGroup(role, label, groups[role])
        for role, label in Attendance.Role.choices
        if role in groups
    ]


def meeting_history(meeting: Meeting) -> list[AuditRow]:
    """Changes to the meeting and to its parts that still exist, newest first."""
    keys = Q(content_type=ContentType.objects.get_for_model(Meeting), object_id=meeting.pk)
    parts: list[tuple[type[Any], Any]] = [
        (Attendance, meeting.attendances.all()),
        (AgendaItem, meeting.agenda_items.all()),
        (Opinion, meeting.opinions.all()),
        (Conclusion, meeting.conclusions.all()),
        (BridgePoint, meeting.bridge_points.all()),
    ]
    for model, rows in parts:
        ids = [row.pk for row in rows]
        if ids:
            keys |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    entries = (
        LogEntry.objects.filter(keys)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")[:HISTORY_LIMIT]
    )
    return audit_rows(entries)


# --- calendar ---------------------------------------------------------------------------


@dataclass
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    meetings: list[Meeting] = field(default_factory=list)


def calendar_month(*, user: Any, year: int, month: int) -> list[list[Day]]:
    """The month as weeks (Monday first) of days, each with the meetings that start on it;
    days of the neighbouring months fill the first and last weeks."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    meetings = (
        _visible(user)
        .filter(starts_at__date__gte=first, starts_at__date__lte=last)
        .select_related("kind", "org_unit")
        .order_by("starts_at", "id")
    )
    by_day: dict[dt.date, list[Meeting]] = {}
    for meeting in meetings:
        by_day.setdefault(timezone.localtime(meeting.starts_at).date(), []).append(meeting)
    today = clock.today()
    return [
        [Day(day, day.month == month, day == today, by_day.get(day, [])) for day in week]
        for week in weeks
    ]


# --- series -----------------------------------------------------------------------------


def series_list(
    *, user: Any, q: str = "", org_unit: OrgUnit | int | str | None = None
) -> QuerySet[MeetingSeries]:
    """Series in scope; ``q`` matched word by word, marks ignored. A unit has a handful of
    series and the model keeps no folded column, so names are folded here."""
    series = scoped(MeetingSeries.objects.all(), user, Cap.MEETING_VIEW)
    words = fold(q).split()
    if words:
        ids = [
            pk
            for pk, name in series.values_list("pk", "name")
            if all(word in fold(name) for word in words)
        ]
        series = series.filter(pk__in=ids)
    unit = _unit(org_unit) if org_unit not in (None, "") else None
    if unit is not None:
        series = series.filter(org_unit__path__startswith=unit.path)
    return series.select_related("kind", "org_unit").order_by("name", "id")


def series_get(*, user: Any, pk: int, cap: Cap = Cap.MEETING_VIEW) -> MeetingSeries:
    series = (
        scoped(MeetingSeries.objects.filter(pk=pk), user, cap)
        .select_related("kind", "org_unit")
        .first()
    )
    if series is None:
        raise Http404("Không tìm thấy hội nghị định kỳ, hoặc nằm ngoài phạm vi của bạn.")
    return series
