"""Writes of notifications: created by the services that cause them, read by their user.

The domain services call the ``*_notify`` functions here inside their own transaction
(a report returned and its notice land together, or neither). The actor is never told
about their own action. Nothing here checks access: the callers did, and a notice only
says what its recipient may already see (their unit's report, their task).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.lib.dates import format_date
from danvan.notifications import recipients
from danvan.notifications.models import Kind, Notification

if TYPE_CHECKING:
    from danvan.meetings.models import Attendance, Meeting
    from danvan.reporting.models import Report
    from danvan.tasks.models import Task, TaskUpdate


@dataclass(frozen=True)
class Draft:
    """One notification to write (the reminder run builds many, then writes the new)."""

    recipient_id: int
    kind: str
    text: str
    url: str = ""
    org_unit_id: int | None = None
    report_id: int | None = None
    task_id: int | None = None
    meeting_id: int | None = None
    dedupe_key: str = ""


# Set while loading history (the demo writes two years of reports as they happened): what
# the services would say then is no news today.
_quiet: ContextVar[bool] = ContextVar("danvan_notifications_quiet", default=False)


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Write no notification from the services inside this block."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def _ids(users: Iterable[Any], actor: Any = None) -> list[int]:
    skip = getattr(actor, "pk", None)
    seen: list[int] = []
    for user in users:
        pk = user if isinstance(user, int) else user.pk
        if pk is not None and pk != skip and pk not in seen:
            seen.append(pk)
    return seen


def notifications_write(drafts: Sequence[Draft]) -> list[Notification]:
    """Write ``drafts``, skipping those whose key the recipient already has (the reminder
    run's idempotence); returns what was written."""
    keyed = {(d.recipient_id, d.dedupe_key) for d in drafts if d.dedupe_key}
    existing: set[tuple[int, str]] = set()
    if keyed:
        existing = set(
            Notification.objects.filter(
                recipient_id__in={r for r, _ in keyed}, dedupe_key__in={k for _, k in keyed}
            ).values_list("recipient_id", "dedupe_key")
        )
    now = timezone.now()
    rows: list[Notification] = []
    planned: set[tuple[int, str]] = set()
    for d in drafts:
        if d.dedupe_key:
            key = (d.recipient_id, d.dedupe_key)
            if key in existing or key in planned:
                continue
            planned.add(key)
        rows.append(
            Notification(
                recipient_id=d.recipient_id,
                kind=d.kind,
                text=d.text,
                url=d.url[:500],
                org_unit_id=d.org_unit_id,
                report_id=d.report_id,
                task_id=d.task_id,
                meeting_id=d.meeting_id,
                dedupe_key=d.dedupe_key,
                created_at=now,
            )
        )
    if not rows:
        return []
    # A reminder run racing another one: the unique key keeps one, the other is dropped
    # (and rows written that way come back without their ids: read them again).
    ignore = any(row.dedupe_key for row in rows)
    Notification.objects.bulk_create(rows, ignore_conflicts=ignore)
    if ignore:
        rows = list(
            Notification.objects.filter(
                created_at=now,
                recipient_id__in={r.recipient_id for r in rows},
                kind__in={r.kind for r in rows},
            )
        )
    from danvan.notifications.email import queue_immediate

    queue_immediate(rows)
    return rows


def _send(users: Iterable[Any], actor: Any, key: str = "", **fields: Any) -> list[Notification]:
    if _quiet.get():
        return []
    drafts = [Draft(recipient_id=pk, dedupe_key=key, **fields) for pk in _ids(users, actor)]
    return notifications_write(drafts)


# --- links -------------------------------------------------------------------------------


def report_url(report: Report) -> str:
    return reverse("reporting:entry", args=[report.org_unit_id, report.period, report.form.code])


def task_url(task: Task) -> str:
    return reverse("tasks:detail", args=[task.pk])


def meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:detail", args=[meeting.pk])


def _report_name(report: Report) -> str:
    return f"«{report.form.name}» {report.period_obj.label} của {report.org_unit.name}"


def _report_fields(report: Report, kind: str, text: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "text": text,
        "url": report_url(report),
        "org_unit_id": report.org_unit_id,
        "report_id": report.pk,
    }


def _reporters(report: Report) -> list[Any]:
    """Those who enter and send the unit's report, and whoever sent this one."""
    found = recipients.holders([report.org_unit], Cap.REPORT_ENTER)
    sender = report.submitted_by if report.submitted_by_id else None
    if sender is not None and sender.is_active:
        found.append(sender)
    return found


# --- reporting ---------------------------------------------------------------------------


def report_submitted_notify(*, actor: Any, report: Report, key: str = "") -> list[Notification]:
    text = f"Báo cáo {_report_name(report)} đã gửi, chờ bạn duyệt."
    return _send(
        recipients.approvers(report.org_unit),
        actor,
        key,
        **_report_fields(report, Kind.REPORT_SUBMITTED, text),
    )


def report_returned_notify(*, actor: Any, report: Report, key: str = "") -> list[Notification]:
    text = f"Báo cáo {_report_name(report)} bị trả lại. Lý do: {report.return_reason}"
    fields = _report_fields(report, Kind.REPORT_RETURNED, text)
    return _send(_reporters(report), actor, key, **fields)


def report_approved_notify(*, actor: Any, report: Report, key: str = "") -> list[Notification]:
    text = f"Báo cáo {_report_name(report)} đã được duyệt."
    fields = _report_fields(report, Kind.REPORT_APPROVED, text)
    return _send(_reporters(report), actor, key, **fields)


# --- tasks -------------------------------------------------------------------------------


def _deadline(task: Task) -> str:
    return f", thời hạn {format_date(task.deadline)}" if task.deadline else ""


def task_assigned_notify(
    *, actor: Any, task: Task, units: Sequence[Any] | None = None, key: str = ""
) -> list[Notification]:
    """Tell the lead unit and co-units (or only ``units``, the ones newly given the task)."""
    if units is None:
        units = [task.lead_unit, *task.co_units.all()]
    text = f"{task.owner_unit.name} giao nhiệm vụ «{task.title}» cho đơn vị bạn{_deadline(task)}."
    return _send(
        recipients.holders(units, Cap.TASK_UPDATE),
        actor,
        key,
        kind=Kind.TASK_ASSIGNED,
        text=text,
        url=task_url(task),
        org_unit_id=task.lead_unit_id,
        task_id=task.pk,
    )


def task_progress_notify(*, actor: Any, task: Task, update: TaskUpdate) -> list[Notification]:
    """Tell the unit that assigned the task (it follows it up)."""
    who = str(actor) if getattr(actor, "pk", None) else "Hệ thống"
    text = (
        f"{who} báo cáo tiến độ nhiệm vụ «{task.title}»: {update.progress}% — "
        f"{task.get_status_display().lower()}."
    )
    return _send(
        recipients.holders([task.owner_unit], Cap.TASK_MANAGE),
        actor,
        kind=Kind.TASK_PROGRESS,
        text=text,
        url=task_url(task),
        org_unit_id=task.owner_unit_id,
        task_id=task.pk,
    )


# --- meetings ----------------------------------------------------------------------------


def _invitees(attendances: Iterable[Attendance]) -> list[Any]:
    """The user of an invited person; the leaders of an invited unit."""
    from django.contrib.auth import get_user_model

    people = [a.person_id for a in attendances if a.person_id]
    units = [a.org_unit_id for a in attendances if a.org_unit_id and not a.person_id]
    found: list[Any] = []
    if people:
        found += list(get_user_model().objects.filter(person_id__in=people, is_active=True))
    if units:
        found += recipients.holders(units, Cap.MEETING_MANAGE)
    return found


def _when(meeting: Meeting) -> str:
    moment = timezone.localtime(meeting.starts_at)
    place = f", tại {meeting.place}" if meeting.place else ""
    return f"{moment:%H:%M} ngày {format_date(moment.date())}{place}"


def meeting_invited_notify(
    *, actor: Any, attendance: Attendance, key: str = ""
) -> list[Notification]:
    meeting = attendance.meeting
    if meeting.status != meeting.Status.PLANNED:
        return []
    text = f"Mời dự «{meeting.title}» lúc {_when(meeting)}."
    return _send(
        _invitees([attendance]),
        actor,
        key,
        kind=Kind.MEETING_INVITED,
        text=text,
        url=meeting_url(meeting),
        org_unit_id=meeting.org_unit_id,
        meeting_id=meeting.pk,
    )


def meeting_changed_notify(*, actor: Any, meeting: Meeting, what: str) -> list[Notification]:
    text = f"Hội nghị «{meeting.title}» thay đổi {what}: nay {_when(meeting)}."
    if meeting.status == meeting.Status.CANCELLED:
        text = f"Hội nghị «{meeting.title}» ({_when(meeting)}) đã hủy."
    return _send(
        _invitees(meeting.attendances.all()),
        actor,
        kind=Kind.MEETING_CHANGED,
        text=text,
        url=meeting_url(meeting),
        org_unit_id=meeting.org_unit_id,
        meeting_id=meeting.pk,
    )


# --- portal ------------------------------------------------------------------------------


def comment_pending_notify(*, comment: Any, key: str = "") -> list[Notification]:
    try:
        url = reverse("portal_comments:list")
    except NoReverseMatch:
        url = "/cms/"
    title = getattr(comment.page, "title", "")
    text = f"Ý kiến bạn đọc của «{comment.name}» về bài «{title}» chờ duyệt."
    return _send(
        recipients.portal_moderators(), None, key, kind=Kind.COMMENT_PENDING, text=text, url=url
    )


# --- reading -----------------------------------------------------------------------------


@transaction.atomic
def notification_mark_read(*, user: Any, pk: int) -> Notification | None:
    """Mark one of ``user``'s notifications read (None: not theirs, or gone)."""
    row = Notification.objects.select_for_update().filter(pk=pk, recipient=user).first()
    if row is not None and row.read_at is None:
        row.read_at = timezone.now()
        row.save(update_fields=["read_at"])
    return row


@transaction.atomic
def notifications_mark_all_read(*, user: Any) -> int:
    return Notification.objects.unread().filter(recipient=user).update(read_at=timezone.now())


def today_key(kind: str, thing: str, day: dt.date) -> str:
    return f"{kind}:{thing}:{day.isoformat()}"
