"""Reads of tasks and work programmes, always through the scoping function.

Tasks are scoped with ``Cap.TASK_VIEW`` on any of owner, lead or co-units. A task raised
from a meeting's conclusion is owned by the meeting's unit, so whoever sees the meeting
normally sees its tasks too.

*Quá hạn* is never stored: the status tabs split the open tasks into the overdue ones
(deadline before today) and the rest, so the tabs partition the list the way the badges
read (an overdue task shows "Quá hạn", not "Mới").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from danvan.access.models import RoleAssignment
from danvan.access.roles import Cap, roles_with
from danvan.access.scope import scoped
from danvan.core import clock
from danvan.documents.models import Document
from danvan.lib.text import fold
from danvan.meetings.models import Conclusion, Meeting
from danvan.org.models import OrgUnit
from danvan.tasks.models import (
    OPEN_STATUSES,
    OVERDUE,
    ProgrammeItem,
    Task,
    TaskEvidence,
    TaskQuerySet,
    TaskStatus,
    TaskUpdate,
    WorkProgramme,
)

SOURCE_CONCLUSION = "ket_luan"
SOURCE_PROGRAMME = "chuong_trinh"
SOURCE_DOCUMENT = "van_ban"
SOURCES = {
    SOURCE_CONCLUSION: "Kết luận hội nghị",
    SOURCE_PROGRAMME: "Chương trình công tác",
    SOURCE_DOCUMENT: "Văn bản",
}
_SOURCE_FIELD = {
    SOURCE_CONCLUSION: "conclusion",
    SOURCE_PROGRAMME: "programme_item",
    SOURCE_DOCUMENT: "document",
}
# The tabs of the task lists, in order: (code, label).
STATUS_TABS = (
    (TaskStatus.NEW.value, "Mới"),
    (TaskStatus.IN_PROGRESS.value, "Đang thực hiện"),
    (OVERDUE, "Quá hạn"),
    (TaskStatus.DONE.value, "Hoàn thành"),
    (TaskStatus.CANCELLED.value, "Hủy"),
)


def _visible(user: Any, cap: Cap = Cap.TASK_VIEW) -> TaskQuerySet:
    """Tasks ``user`` may reach, one row each (a task seen through two co-units would
    otherwise come back twice from the join)."""
    ids = scoped(Task.objects.all(), user, cap).values("pk")
    return Task.objects.filter(pk__in=ids)


def _with_relations(tasks: TaskQuerySet) -> TaskQuerySet:
    return tasks.select_related(
        "owner_unit",
        "lead_unit",
        "conclusion__meeting",
        "programme_item__programme",
        "document",
    ).prefetch_related("co_units")


def _overdue_first(tasks: TaskQuerySet, today: dt.date) -> TaskQuerySet:
    """Overdue open tasks first, then by deadline (tasks without one last)."""
    return tasks.annotate(
        _late=Case(
            When(Q(status__in=OPEN_STATUSES, deadline__lt=today), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        _no_deadline=Case(
            When(deadline__isnull=True, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    ).order_by("_late", "_no_deadline", "deadline", "id")


def _status_q(status: str, today: dt.date) -> Q:
    late = Q(deadline__lt=today)
    if status == OVERDUE:
        return Q(status__in=OPEN_STATUSES) & late
    if status in (TaskStatus.NEW, TaskStatus.IN_PROGRESS):
        # ~Q(deadline__lt=...) keeps the tasks without a deadline (Django adds IS NULL).
        return Q(status=status) & ~late
    if status in (TaskStatus.DONE, TaskStatus.CANCELLED):
        return Q(status=status)
    return Q()


def task_get(*, user: Any, pk: int) -> Task:
    task = _with_relations(_visible(user)).filter(pk=pk).first()
    if task is None:
        raise Http404("Không tìm thấy nhiệm vụ, hoặc nhiệm vụ nằm ngoài phạm vi của bạn.")
    return task


def task_search(
    *,
    user: Any,
    q: str = "",
    status: str = "",
    org_unit: OrgUnit | None = None,
    source: str = "",
    deadline_from: dt.date | None = None,
    deadline_to: dt.date | None = None,
    base: TaskQuerySet | None = None,
) -> TaskQuerySet:
    """Tasks in scope matching the filters, overdue first then by deadline.

    ``status`` is a :class:`TaskStatus` value or ``"qua_han"``; ``org_unit`` keeps tasks
    whose lead or owner unit lies in its subtree; ``source`` is ``ket_luan``,
    ``chuong_trinh`` or ``van_ban``.
    """
    tasks = base if base is not None else _visible(user)
    tasks = _filtered(tasks, q, org_unit, source, deadline_from, deadline_to)
    today = clock.today()
    if status:
        tasks = tasks.filter(_status_q(status, today))
    return _overdue_first(_with_relations(tasks), today)


def _filtered(
    tasks: TaskQuerySet,
    q: str,
    org_unit: OrgUnit | None,
    source: str,
    deadline_from: dt.date | None,
    deadline_to: dt.date | None,
) -> TaskQuerySet:
    if q:
        tasks = tasks.filter(title_folded__contains=fold(q))
    if org_unit is not None:
        tasks = tasks.filter(
            Q(lead_unit__path__startswith=org_unit.path)
            | Q(owner_unit__path__startswith=org_unit.path)
        )
    if source in _SOURCE_FIELD:
        tasks = tasks.filter(**{f"{_SOURCE_FIELD[source]}__isnull": False})
    if deadline_from is not None:
        tasks = tasks.filter(deadline__gte=deadline_from)
    if deadline_to is not None:
        tasks = tasks.filter(deadline__lte=deadline_to)
    return tasks


def task_status_counts(
    *,
    user: Any,
    q: str = "",
    org_unit: OrgUnit | None = None,
    source: str = "",
    deadline_from: dt.date | None = None,
    deadline_to: dt.date | None = None,
    base: TaskQuerySet | None = None,
) -> dict[str, int]:
    """How many tasks each status tab holds under the same filters (and ``""``: all)."""
    tasks = base if base is not None else _visible(user)
    tasks = _filtered(tasks, q, org_unit, source, deadline_from, deadline_to)
    today = clock.today()
    counts = tasks.aggregate(
        all=Count("pk"),
        **{code: Count("pk", filter=_status_q(code, today)) for code, _ in STATUS_TABS},
    )
    return {("" if key == "all" else key): value or 0 for key, value in counts.items()}


def my_units(*, user: Any) -> QuerySet[OrgUnit]:
    """The units where ``user`` holds a role that lets them see tasks."""
    unit_ids = RoleAssignment.objects.filter(
        user_id=user.pk, role__in=roles_with(Cap.TASK_VIEW)
    ).values("org_unit_id")
    return OrgUnit.objects.filter(pk__in=unit_ids).order_by("path")


def my_unit_tasks_base(*, user: Any, include_children: bool = False) -> TaskQuerySet:
    """Việc của đơn vị tôi: tasks whose lead unit or a co-unit is one of the units where
    the user holds a role (or, with ``include_children``, any unit under them)."""
    units = list(my_units(user=user))
    if not units:
        return Task.objects.none()
    if include_children:
        reach = Q()
        for unit in units:
            reach |= Q(path__startswith=unit.path)
        unit_ids: Any = OrgUnit.objects.filter(reach).values("pk")
    else:
        unit_ids = [unit.pk for unit in units]
    ids = Task.objects.filter(Q(lead_unit__in=unit_ids) | Q(co_units__in=unit_ids)).values("pk")
    return _visible(user).filter(pk__in=ids)


def my_unit_tasks(
    *, user: Any, include_children: bool = False, status: str = "", **filters: Any
) -> TaskQuerySet:
    base = my_unit_tasks_base(user=user, include_children=include_children)
    return task_search(user=user, status=status, base=base, **filters)


def _overdue_live(user: Any) -> TaskQuerySet:
    """Overdue tasks whose lead unit still exists: a task left open by a unit that closed
    (merged or split in 2025) is history, kept on the list's «Quá hạn» tab, not a nag."""
    today = clock.today()
    return _visible(user).overdue(today).exclude(lead_unit__valid_to__lt=today)


def overdue_tasks(*, user: Any, limit: int = 10) -> list[Task]:
    """The user's overdue tasks, the longest overdue first (the home page box)."""
    tasks = _overdue_live(user).order_by("deadline", "id")
    return list(tasks.select_related("lead_unit", "owner_unit")[:limit])


def overdue_count(*, user: Any) -> int:
    return _overdue_live(user).count()


def tasks_for_conclusions(*, user: Any, conclusions: Iterable[Conclusion]) -> dict[int, list[Task]]:
    """Conclusion id → the tasks raised from it that ``user`` may see (by deadline)."""
    ids = [c.pk for c in conclusions]
    found: dict[int, list[Task]] = {pk: [] for pk in ids}
    if not ids:
        return found
    tasks = _visible(user).filter(conclusion_id__in=ids).select_related("lead_unit")
    for task in tasks.prefetch_related("co_units").order_by("deadline", "id"):
        assert task.conclusion_id is not None
        found[task.conclusion_id].append(task)
    return found


def earlier_meetings(meeting: Meeting) -> QuerySet[Meeting]:
    """Meetings before ``meeting`` of the same series; without a series, those of the
    same unit and kind."""
    earlier = Meeting.objects.filter(starts_at__lt=meeting.starts_at).exclude(pk=meeting.pk)
    if meeting.series_id is not None:
        return earlier.filter(series_id=meeting.series_id)
    return earlier.filter(org_unit_id=meeting.org_unit_id, kind_id=meeting.kind_id)


def tasks_to_review(*, user: Any, meeting: Meeting) -> list[Task]:
    """Open tasks (overdue included) raised by conclusions of earlier meetings of the same
    series — what the next giao ban reviews first. Overdue first, then by deadline."""
    tasks = (
        _visible(user).open().filter(conclusion__meeting__in=earlier_meetings(meeting).values("pk"))
    )
    return list(_overdue_first(_with_relations(tasks), clock.today()))


# --- sources of a new task --------------------------------------------------------------


def conclusion_get(*, user: Any, pk: int) -> Conclusion:
    """A conclusion whose meeting ``user`` may see (404 otherwise)."""
    meetings = scoped(Meeting.objects.all(), user, Cap.MEETING_VIEW).values("pk")
    conclusion = (
        Conclusion.objects.select_related("meeting__org_unit")
        .filter(pk=pk, meeting__in=meetings)
        .first()
    )
    if conclusion is None:
        raise Http404("Không tìm thấy kết luận, hoặc hội nghị nằm ngoài phạm vi của bạn.")
    return conclusion


def document_get(*, user: Any, pk: int) -> Document:
    document = (
        scoped(Document.objects.all(), user, Cap.DOCUMENT_VIEW)
        .select_related("org_unit", "doc_type")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404("Không tìm thấy văn bản, hoặc văn bản nằm ngoài phạm vi của bạn.")
    return document


# --- work programmes ----------------------------------------------------------------------


def programme_search(
    *, user: Any, q: str = "", year: int | None = None, org_unit: OrgUnit | None = None
) -> list[WorkProgramme]:
    """Programmes in scope, newest year first. Titles are folded here rather than in a
    column: a unit has a handful of programmes a year, so the scoped list is short."""
    programmes = scoped(WorkProgramme.objects.all(), user, Cap.TASK_VIEW).select_related(
        "org_unit", "document"
    )
    if year is not None:
        programmes = programmes.filter(year=year)
    if org_unit is not None:
        programmes = programmes.filter(org_unit__path__startswith=org_unit.path)
    programmes = programmes.annotate(item_count=Count("items")).order_by(
        "-year", "org_unit__path", "title"
    )
    folded = fold(q)
    return [p for p in programmes if folded in fold(p.title)] if folded else list(programmes)


def programme_years(*, user: Any) -> list[int]:
    years = scoped(WorkProgramme.objects.all(), user, Cap.TASK_VIEW).values_list("year", flat=True)
    return sorted(set(years), reverse=True)


def programme_get(*, user: Any, pk: int) -> WorkProgramme:
    programme = (
        scoped(WorkProgramme.objects.all(), user, Cap.TASK_VIEW)
        .select_related("org_unit", "document")
        .filter(pk=pk)
        .first()
    )
    if programme is None:
        raise Http404("Không tìm thấy chương trình công tác, hoặc nằm ngoài phạm vi của bạn.")
    return programme


def programme_item_get(*, user: Any, pk: int) -> ProgrammeItem:
    programmes = scoped(WorkProgramme.objects.all(), user, Cap.TASK_VIEW).values("pk")
    item = (
        ProgrammeItem.objects.select_related(
            "programme__org_unit", "lead_unit", "meeting_kind", "meeting"
        )
        .filter(pk=pk, programme__in=programmes)
        .first()
    )
    if item is None:
        raise Http404("Không tìm thấy nội dung chương trình, hoặc nằm ngoài phạm vi của bạn.")
    return item


@dataclass
class ItemRow:
    """An item with what it became: the tasks the user may see, or its meeting."""

    item: ProgrammeItem
    tasks: list[Task] = field(default_factory=list)
    meeting: Meeting | None = None

    @property
    def done(self) -> bool:
        return bool(self.tasks) or self.meeting is not None


def programme_months(*, user: Any, programme: WorkProgramme) -> list[tuple[int, list[ItemRow]]]:
    """(month, rows) for the months that have items, in order."""
    items = list(
        programme.items.select_related("lead_unit", "meeting_kind").order_by("month", "id")
    )
    tasks = _visible(user).filter(programme_item__in=[i.pk for i in items])
    by_item: dict[int, list[Task]] = {}
    for task in tasks.select_related("lead_unit").order_by("deadline", "id"):
        assert task.programme_item_id is not None
        by_item.setdefault(task.programme_item_id, []).append(task)
    meeting_ids = [i.meeting_id for i in items if i.meeting_id]
    meetings = {m.pk: m for m in Meeting.objects.filter(pk__in=meeting_ids)}
    months: dict[int, list[ItemRow]] = {}
    for item in items:
        meeting = meetings.get(item.meeting_id) if item.meeting_id else None
        months.setdefault(item.month, []).append(ItemRow(item, by_item.get(item.pk, []), meeting))
    return sorted(months.items())


def evidence_get(*, user: Any, pk: int) -> TaskEvidence:
    """An evidence file of a task ``user`` may see (404 otherwise)."""
    evidence = (
        TaskEvidence.objects.select_related("update__task")
        .filter(pk=pk, update__task__in=_visible(user).values("pk"))
        .first()
    )
    if evidence is None:
        raise Http404("Không tìm thấy tệp minh chứng, hoặc nằm ngoài phạm vi của bạn.")
    return evidence


def task_updates(*, task: Task) -> QuerySet[TaskUpdate]:
    """The progress history of a task already checked visible, newest first."""
    return task.updates.select_related("created_by").prefetch_related("evidence")
