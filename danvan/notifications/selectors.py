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
from django.db.models import Q, QuerySet
from django.utils import timezone

from danvan.access.roles import Cap, roles_with
from danvan.access.scope import scoped
from danvan.core import clock
from danvan.meetings.models import Attendance, Meeting
from danvan.notifications import deadlines
from danvan.notifications.models import Notification
from danvan.org.models import OrgUnit
from danvan.reporting.models import Report, Status
from danvan.tasks.models import Task, TaskStatus
from danvan.tasks.selectors import my_unit_tasks_base

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

    @property
    def total(self) -> int:
        return (
            len(self.reports_due)
            + len(self.approvals)
            + len(self.returned)
            + len(self.tasks_due)
            + len(self.assigned)
            + len(self.meetings)
        )


def _own_units(user: Any, cap: Cap) -> list[OrgUnit]:
    """The units where ``user`` holds a role carrying ``cap`` (one query)."""
    return list(
        OrgUnit.objects.filter(
            role_assignments__user_id=user.pk, role_assignments__role__in=roles_with(cap)
        )
        .select_related(*deadlines.unit_fields())
        .distinct()
        .order_by("path")
    )


def _reports(user: Any, today: dt.date, inbox: Inbox) -> None:
    units = _own_units(user, Cap.REPORT_ENTER)
    visible = scoped(Report.objects.all(), user, Cap.REPORT_VIEW)
    if units:
        inbox.reports_due = deadlines.due_reports(
            units=units, day=today, lead=None, reports=visible
        )
        inbox.returned = list(
            visible.filter(org_unit__in=units, status=Status.RETURNED)
            .select_related("form", "org_unit", "decided_by")
            .order_by("-decided_at", "-id")
        )
    approving = _own_units(user, Cap.REPORT_APPROVE)
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


def _tasks(user: Any, today: dt.date, inbox: Inbox) -> None:
    mine = my_unit_tasks_base(user=user).open().select_related("lead_unit", "owner_unit")
    horizon = today + dt.timedelta(days=TASK_HORIZON_DAYS)
    rows = list(
        mine.filter(Q(deadline__lte=horizon) | Q(status=TaskStatus.NEW)).order_by("deadline", "id")
    )
    for task in rows:
        if task.deadline is not None and task.deadline <= horizon:
            inbox.tasks_due.append(task)
        else:
            inbox.assigned.append(task)


def _meetings(user: Any, today: dt.date, inbox: Inbox) -> None:
    units = _own_units(user, Cap.MEETING_VIEW)
    invited = Q(org_unit__in=units, person__isnull=True)
    if getattr(user, "person_id", None):
        invited |= Q(person_id=user.person_id)
    elif not units:
        return
    meeting_ids = Attendance.objects.filter(invited).values("meeting_id")
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    meetings = (
        scoped(Meeting.objects.all(), user, Cap.MEETING_VIEW)
        .filter(pk__in=meeting_ids, status=Meeting.Status.PLANNED, starts_at__gte=start)
        .select_related("org_unit", "kind")
        .order_by("starts_at", "id")
    )
    inbox.meetings = [InvitedMeeting(m) for m in meetings]


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
    latest: dict[int, Any] = {}
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
    _reports(user, today, found)
    _tasks(user, today, found)
    _meetings(user, today, found)
    if with_files:
        _invitations(user, found)
    return found


def inbox_count(*, user: Any) -> int:
    return inbox(user=user, with_files=False).total


# --- notifications -------------------------------------------------------------------------


def unread_count(*, user: Any) -> int:
    return Notification.objects.unread().filter(recipient_id=user.pk).count()


def notification_page(*, user: Any, unread_only: bool = False, page: Any = 1) -> Page[Any]:
    rows: QuerySet[Notification] = Notification.objects.filter(recipient_id=user.pk)
    if unread_only:
        rows = rows.unread()
    return Paginator(rows.select_related("org_unit"), PAGE_SIZE).get_page(page)
