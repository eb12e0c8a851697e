"""Reads: the "Việc cần làm" list (computed, never stored) and the user's notifications.

Every list goes through the scoping function (:func:`danvan.access.scope.scoped`); the
"user's units" are the units where they hold a role themselves (a board officer of the
province is not reminded of every ward's report, only of what their own unit owes, what
waits for their approval and what is assigned to their unit).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils import timezone

from danvan.access.models import RoleAssignment
from danvan.access.roles import Cap, roles_with
from danvan.access.scope import scoped
from danvan.core import clock
from danvan.meetings.models import Attendance, Meeting
from danvan.notifications import deadlines
from danvan.notifications.models import Notification
from danvan.org.models import OrgUnit
from danvan.reporting.models import Report, Status
from danvan.tasks.models import Task, TaskStatus

# Tasks are listed from this many days before their deadline.
TASK_HORIZON_DAYS = 7
PAGE_SIZE = 20


@dataclass
class InvitedMeeting:
    meeting: Meeting
    invitation: Any = None  # the giấy mời generated for it, if any


@dataclass
class Inbox:
    today: dt.date
    reports_due: list[deadlines.DueReport] = field(default_factory=list)
    approvals: list[Report] = field(default_factory=list)
    returned: list[Report] = field(default_factory=list)
    tasks_due: list[Task] = field(default_factory=list)
    assigned: list[Task] = field(default_factory=list)
    meetings: list[InvitedMeeting] = field(default_factory=list)
    # «Dân vận khéo» models of my units waiting for a check (đăng ký) or an evaluation
    # (sơ kết done).
    models_waiting: list[Any] = field(default_factory=list)
    petitions_due: list[Any] = field(default_factory=list)
    # supervision: recommendations past their answer date in my units' subtrees.
    supervision_due: list[Any] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            len(self.reports_due)
            + len(self.approvals)
            + len(self.returned)
            + len(self.tasks_due)
            + len(self.assigned)
            + len(self.meetings)
            + len(self.models_waiting)
            + len(self.petitions_due)
            + len(self.supervision_due)  # supervision
        )


class _Units:
    """The units where the user holds a role, by what the role allows (one query)."""

    def __init__(self, user: Any) -> None:
        self.rows = list(
            RoleAssignment.objects.filter(user_id=user.pk)
            .select_related(*(f"org_unit__{f}" for f in deadlines.unit_fields()))
            .order_by("org_unit__path")
        )

    def holding(self, cap: Cap) -> list[OrgUnit]:
        roles = set(roles_with(cap))
        found: dict[int, OrgUnit] = {}
        for row in self.rows:
            if row.role in roles:
                found.setdefault(row.org_unit_id, row.org_unit)
        return list(found.values())


def _reports(user: Any, today: dt.date, units: _Units, inbox: Inbox) -> None:
    entering = units.holding(Cap.REPORT_ENTER)
    visible = scoped(Report.objects.all(), user, Cap.REPORT_VIEW)
    if entering:
        wanted = deadlines.owed(units=entering, day=today, lead=None, forms=deadlines.assignments())
        codes = {w.period.code for _, _, w in wanted}
        # One query for both lines: the reports of the periods due, and the returned ones.
        stored = list(
            visible.filter(org_unit__in=[u.pk for u in entering])
            .filter(Q(period__in=codes) | Q(status=Status.RETURNED))
            .select_related("form", "org_unit", "decided_by")
            .order_by("-decided_at", "-id")
        )
        inbox.reports_due = deadlines.not_sent(wanted, stored, today)
        inbox.returned = [r for r in stored if r.status == Status.RETURNED]
    approving = units.holding(Cap.REPORT_APPROVE)
    if approving:
        # Approval is judged at the unit above: the reports of the units right under the
        # ones where I approve (a unit at the top of the tree approves its own).
        ids = [u.pk for u in approving]
        waiting = scoped(Report.objects.all(), user, Cap.REPORT_APPROVE).filter(
            Q(org_unit__parent__in=ids) | Q(org_unit__in=ids, org_unit__parent__isnull=True),
            status=Status.SUBMITTED,
        )
        inbox.approvals = list(
            waiting.exclude(submitted_by_id=user.pk)
            .select_related("form", "org_unit", "submitted_by")
            .order_by("submitted_at", "id")
        )


def _tasks(user: Any, today: dt.date, units: _Units, inbox: Inbox) -> None:
    """Open tasks led or co-led by my units: due within the horizon, or new (assigned)."""
    ids = [u.pk for u in units.holding(Cap.TASK_VIEW)]
    if not ids:
        return
    ours = Task.objects.filter(Q(lead_unit__in=ids) | Q(co_units__in=ids)).values("pk")
    horizon = today + dt.timedelta(days=TASK_HORIZON_DAYS)
    rows = (
        scoped(Task.objects.open(), user, Cap.TASK_VIEW)
        .filter(pk__in=ours)
        .filter(Q(deadline__lte=horizon) | Q(status=TaskStatus.NEW))
        .select_related("lead_unit", "owner_unit")
        .order_by("deadline", "id")
    )
    for task in rows:
        if task.deadline is not None and task.deadline <= horizon:
            inbox.tasks_due.append(task)
        else:
            inbox.assigned.append(task)


def _meetings(user: Any, today: dt.date, units: _Units, inbox: Inbox) -> None:
    """Planned meetings from today on where I am invited by name, or my unit is."""
    invited = Q(org_unit__in=[u.pk for u in units.holding(Cap.MEETING_VIEW)], person__isnull=True)
    if getattr(user, "person_id", None):
        invited |= Q(person_id=user.person_id)
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    meetings = (
        scoped(Meeting.objects.all(), user, Cap.MEETING_VIEW)
        .filter(
            pk__in=Attendance.objects.filter(invited).values("meeting_id"),
            status=Meeting.Status.PLANNED,
            starts_at__gte=start,
        )
        .select_related("org_unit", "kind")
        .order_by("starts_at", "id")
    )
    inbox.meetings = [InvitedMeeting(m) for m in meetings]


def _models(user: Any, units: _Units, inbox: Inbox) -> None:
    """Models registered in my units' subtrees that wait for me to check or evaluate."""
    from danvan.emulation.models import EmulationModel, State

    reviewing = units.holding(Cap.EMULATION_REVIEW)
    if not reviewing:
        return
    under = Q()
    for unit in reviewing:
        under |= Q(unit__path__startswith=unit.path)
    inbox.models_waiting = list(
        scoped(EmulationModel.objects.all(), user, Cap.EMULATION_VIEW)
        .filter(under, state__in=[State.REGISTERED, State.REVIEWED])
        .select_related("unit")
        .distinct()
        .order_by("state_changed_on", "id")
    )


def _petitions(user: Any, today: dt.date, inbox: Inbox) -> None:
    """Overdue and soon-due petitions (danvan/petitions/reminders.py), by number only."""
    from danvan.access.scope import can
    from danvan.petitions.reminders import inbox_petitions

    if can(user, Cap.PETITION_MANAGE, None):
        inbox.petitions_due = inbox_petitions(user=user, today=today)


def _supervision(user: Any, today: dt.date, units: _Units, inbox: Inbox) -> None:
    """Recommendations (danvan/supervision) of my units' subtrees still waiting for an
    answer past their due date, for those who keep the register there."""
    from danvan.supervision.selectors import overdue_for

    keeping = units.holding(Cap.SUPERVISION_MANAGE)
    if keeping:
        inbox.supervision_due = overdue_for(user=user, units=keeping, day=today)


def _invitations(user: Any, inbox: Inbox) -> None:
    """The giấy mời generated for the listed meetings (one query, only on the page)."""
    if not inbox.meetings:
        return
    from danvan.drafting.context import INVITATION
    from danvan.drafting.models import GeneratedFile

    files = scoped(GeneratedFile.objects.all(), user, Cap.DOCUMENT_VIEW).filter(
        meeting__in=[m.meeting for m in inbox.meetings],
        kind=INVITATION,
        status=GeneratedFile.Status.DONE,
    )
    latest: dict[int | None, Any] = {}
    for generated in files.order_by("created_at", "id"):
        latest[generated.meeting_id] = generated
    for row in inbox.meetings:
        row.invitation = latest.get(row.meeting.pk)


def inbox(*, user: Any, with_files: bool = True) -> Inbox:
    """Việc cần làm of ``user`` today. Each line disappears when the record changes:
    a report sent, a decision taken, a task done, a meeting held."""
    today = clock.today()
    found = Inbox(today=today)
    if not getattr(user, "is_authenticated", False):
        return found
    units = _Units(user)
    if not units.rows:
        return found
    _reports(user, today, units, found)
    _tasks(user, today, units, found)
    _meetings(user, today, units, found)
    _models(user, units, found)
    _petitions(user, today, found)
    _supervision(user, today, units, found)  # supervision
    if with_files:
        _invitations(user, found)
    return found


def inbox_count(*, user: Any) -> int:
    return inbox(user=user, with_files=False).total


# --- notifications -------------------------------------------------------------------------


def unread_count(*, user: Any) -> int:
    return Notification.objects.unread().filter(recipient_id=user.pk).count()


def notification_page(*, user: Any, unread_only: bool = False, page: Any = 1) -> Page[Any]:
    rows = Notification.objects.filter(recipient_id=user.pk)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return Paginator(rows.select_related("org_unit"), PAGE_SIZE).get_page(page)
