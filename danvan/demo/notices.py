"""The demo's notifications: what is pending on the day of the load, said once.

The demo writes its history through the services with notifications silenced (two years
of approvals are no news today); then this module writes, through the same notification
services, a notice for what still waits: returned reports (with the reason), reports
waiting for approval, new tasks, planned meetings' invitations, reader comments to
moderate. Each carries a key, so a second load writes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.meetings.models import Attendance, Meeting
from danvan.notifications import services as notify
from danvan.portal.models import CommentStatus, ReaderComment
from danvan.reporting.models import Report, Status
from danvan.tasks.models import Task, TaskStatus


def _stamp(moment: dt.datetime | None) -> str:
    return f"{moment:%Y%m%d%H%M%S}" if moment else "-"


def demo_notices_write(*, today: dt.date) -> int:
    written = 0
    reports = Report.objects.select_related("form", "org_unit", "submitted_by", "decided_by")
    for report in reports.filter(status=Status.RETURNED):
        key = f"demo:returned:{report.pk}:{_stamp(report.decided_at)}"
        written += len(
            notify.report_returned_notify(actor=report.decided_by, report=report, key=key)
        )
    for report in reports.filter(status=Status.SUBMITTED):
        key = f"demo:submitted:{report.pk}:{_stamp(report.submitted_at)}"
        written += len(
            notify.report_submitted_notify(actor=report.submitted_by, report=report, key=key)
        )
    for task in Task.objects.filter(status=TaskStatus.NEW).select_related("owner_unit"):
        written += len(
            notify.task_assigned_notify(actor=None, task=task, key=f"demo:task:{task.pk}")
        )
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    invited = Attendance.objects.filter(
        meeting__status=Meeting.Status.PLANNED,
        meeting__starts_at__gte=start,
        meeting__deleted_at__isnull=True,
    ).select_related("meeting")
    for attendance in invited:
        key = f"demo:invited:{attendance.pk}"
        written += len(notify.meeting_invited_notify(actor=None, attendance=attendance, key=key))
    for comment in ReaderComment.objects.filter(status=CommentStatus.PENDING).select_related(
        "page"
    ):
        key = f"demo:comment:{comment.pk}"
        written += len(notify.comment_pending_notify(comment=comment, key=key))
    return written
