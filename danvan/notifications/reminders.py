"""The daily reminder run (``manage.py send_reminders``): due-soon and overdue notices.

- reports: each unit that owes a form (:mod:`danvan.notifications.deadlines`) and has
  not sent it; its reporters and leaders (the roles that enter figures, held at the unit)
  get one "còn N ngày" notice a day from ``NOTIFY_LEAD_DAYS["report_due"]`` days before
  the due date to the due date, then one "quá hạn" notice the day after it (not one a
  day: the inbox keeps showing it until it is sent);
- tasks: open tasks with a deadline, the same way, told to the lead unit's members.

Closed units get nothing. The key (recipient, kind, object, day) makes a second run the
same day write nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from danvan.access.models import RoleAssignment
from danvan.access.roles import Cap, Role, roles_with
from danvan.lib.dates import format_date
from danvan.notifications import deadlines
from danvan.notifications.models import Kind
from danvan.notifications.recipients import holders_by_unit
from danvan.notifications.services import Draft, notifications_write, task_url
from danvan.org.models import OrgUnit
from danvan.reporting.models import Report
from danvan.tasks.models import Task


@dataclass
class RunResult:
    reports: int = 0
    tasks: int = 0
    petitions: int = 0
    digests: int = 0
    retried: int = 0

    @property
    def total(self) -> int:
        return self.reports + self.tasks + self.petitions


def lead_days(kind: str) -> int:
    return int(settings.NOTIFY_LEAD_DAYS.get(kind, 3))


def _report_drafts(day: dt.date) -> list[Draft]:
    roles = [r for r in roles_with(Cap.REPORT_ENTER) if r != Role.SYSTEM_ADMIN]
    unit_ids = RoleAssignment.objects.filter(role__in=roles, user__is_active=True).values(
        "org_unit_id"
    )
    units = list(
        OrgUnit.objects.filter(pk__in=unit_ids)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related(*deadlines.unit_fields())
    )
    due = deadlines.due_reports(
        units=units, day=day, lead=lead_days(Kind.REPORT_DUE), reports=Report.objects.all()
    )
    # Before the lead time the inbox lists a report; a reminder waits for the lead time.
    people = holders_by_unit({d.unit for d in due}, Cap.REPORT_ENTER)
    drafts = []
    for item in due:
        if item.overdue:
            kind, stamp = Kind.REPORT_OVERDUE, item.window.due
        else:
            kind, stamp = Kind.REPORT_DUE, day
        for user_id in people.get(item.unit.pk, []):
            drafts.append(
                Draft(
                    recipient_id=user_id,
                    kind=kind,
                    text=deadlines.describe(item),
                    url=item.url,
                    org_unit_id=item.unit.pk,
                    report_id=item.report.pk if item.report else None,
                    dedupe_key=f"{kind}:{item.key}:{stamp.isoformat()}",
                )
            )
    return drafts


def _task_text(task: Task, day: dt.date) -> str:
    assert task.deadline is not None
    left = (task.deadline - day).days
    when = format_date(task.deadline)
    if left < 0:
        return f"Nhiệm vụ «{task.title}» đã quá hạn {-left} ngày (thời hạn {when})."
    if left == 0:
        return f"Nhiệm vụ «{task.title}» đến hạn hôm nay ({when})."
    return f"Nhiệm vụ «{task.title}» còn {left} ngày đến hạn ({when})."


def _task_drafts(day: dt.date) -> list[Draft]:
    lead = dt.timedelta(days=lead_days(Kind.TASK_DUE))
    tasks = list(
        Task.objects.open()
        .filter(deadline__isnull=False, deadline__lte=day + lead)
        .filter(Q(lead_unit__valid_to__isnull=True) | Q(lead_unit__valid_to__gte=day))
        .select_related("lead_unit")
        .order_by("deadline", "id")
    )
    people = holders_by_unit({t.lead_unit for t in tasks}, Cap.TASK_UPDATE)
    drafts = []
    for task in tasks:
        assert task.deadline is not None
        if task.deadline < day:
            kind, stamp = Kind.TASK_OVERDUE, task.deadline
        else:
            kind, stamp = Kind.TASK_DUE, day
        for user_id in people.get(task.lead_unit_id, []):
            drafts.append(
                Draft(
                    recipient_id=user_id,
                    kind=kind,
                    text=_task_text(task, day),
                    url=task_url(task),
                    org_unit_id=task.lead_unit_id,
                    task_id=task.pk,
                    dedupe_key=f"{kind}:task-{task.pk}:{stamp.isoformat()}",
                )
            )
    return drafts


@transaction.atomic
def reminders_send(*, day: dt.date) -> RunResult:
    """Write today's reminders; those already written today (same key) are skipped."""
    reports = notifications_write(_report_drafts(day))
    tasks = notifications_write(_task_drafts(day))
    from danvan.petitions.reminders import petition_drafts

    petitions = notifications_write(petition_drafts(day))
    return RunResult(reports=len(reports), tasks=len(tasks), petitions=len(petitions))


def mail_send() -> RunResult:
    """After the reminders: queue the daily digests and retry the failed mails."""
    from danvan.notifications import email

    return RunResult(retried=email.retry_failed(), digests=email.digests_queue())
