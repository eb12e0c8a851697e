"""E-mail of notifications: immediate mail, the daily digest, one-click unsubscribe.

Each user chooses per kind (:class:`EmailPreference`): in the app only (the default, so
nobody is mailed what they did not ask for), an immediate mail, or the daily digest.

- immediate: the service's transaction commits, then a background task (django-tasks,
  run by ``db_worker``) sends the one notice;
- digest: ``send_reminders`` queues one task per user with notices waiting; the task
  takes the notices still unread and not mailed (under a row lock, so two runs never send
  one twice), groups them by unit and kind, and sends nothing when none is left (a digest
  is never empty);
- a failure is kept on the notice (state "Gửi lỗi", the error; listed in the Django
  admin) and the next reminder run tries again; nothing is dropped silently.

Every mail carries a one-click unsubscribe for its kind (a signed link, RFC 8058 headers).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from danvan.core import clock
from danvan.lib.dates import format_date
from danvan.notifications.models import (
    Delivery,
    EmailPreference,
    EmailState,
    Kind,
    Notification,
)

log = logging.getLogger(__name__)
_SALT = "danvan.notifications.unsubscribe"


# --- preferences ---------------------------------------------------------------------------


def deliveries(user: Any) -> dict[str, str]:
    """{kind: delivery} for every kind (the default filled in)."""
    chosen = dict(EmailPreference.objects.filter(user_id=user.pk).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, Delivery.APP) for kind in Kind.values}


@transaction.atomic
def preferences_save(*, user: Any, choices: dict[str, str]) -> int:
    """Store ``user``'s choice per kind; returns how many changed. Unknown kinds or
    deliveries are refused by the form before this is called."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    current = deliveries(user)
    changed = 0
    for kind, delivery in choices.items():
        if kind in Kind.values and delivery in Delivery.values and current[kind] != delivery:
            EmailPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": delivery}
            )
            changed += 1
    return changed


def unsubscribe_token(user: Any, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=_SALT)


def unsubscribe_target(token: str) -> tuple[Any, str] | None:
    """(user, kind) of a valid unsubscribe token, None otherwise."""
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    kind = data.get("k")
    if user is None or kind not in Kind.values:
        return None
    return user, kind


@transaction.atomic
def unsubscribe(*, user: Any, kind: str) -> None:
    EmailPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"delivery": Delivery.APP}
    )


# --- immediate -----------------------------------------------------------------------------


def queue_immediate(rows: Iterable[Notification]) -> int:
    """Mark the notices whose recipient wants them at once, and send them after commit."""
    rows = list(rows)
    if not rows:
        return 0
    wanted = set(
        EmailPreference.objects.filter(
            user__email__gt="",
            user_id__in={r.recipient_id for r in rows},
            kind__in={r.kind for r in rows},
            delivery=Delivery.IMMEDIATE,
        ).values_list("user_id", "kind")
    )
    chosen = [r for r in rows if (r.recipient_id, r.kind) in wanted and r.pk]
    if not chosen:
        return 0
    ids = [r.pk for r in chosen]
    Notification.objects.filter(pk__in=ids).update(email_state=EmailState.QUEUED)
    for pk in ids:
        transaction.on_commit(functools.partial(send_one.enqueue, notification_id=pk))
    return len(ids)


@task()
def send_one(notification_id: int) -> str:
    """Send one queued notice (the django-tasks entry point)."""
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "org_unit", "meeting")
            .filter(pk=notification_id)
            .first()
        )
        if row is None or row.email_state == EmailState.SENT:
            return "skipped"
        return _deliver([row], _single_message(row))


# --- digest --------------------------------------------------------------------------------


@dataclass
class Group:
    unit: str
    kind: str
    rows: list[Notification] = field(default_factory=list)


def _pending_digest(user_id: int) -> Any:
    kinds = EmailPreference.objects.filter(user_id=user_id, delivery=Delivery.DIGEST).values("kind")
    return Notification.objects.filter(
        recipient_id=user_id, kind__in=kinds, read_at__isnull=True
    ).exclude(email_state=EmailState.SENT)


def digest_users() -> list[int]:
    """Users with at least one notice waiting for their digest."""
    users = EmailPreference.objects.filter(delivery=Delivery.DIGEST, user__email__gt="").values(
        "user_id"
    )
    rows = Notification.objects.filter(recipient_id__in=users, read_at__isnull=True).exclude(
        email_state=EmailState.SENT
    )
    return sorted({pk for pk in rows.values_list("recipient_id", flat=True)})


def groups(rows: Iterable[Notification]) -> list[Group]:
    """By unit (name order, "Chung" for none), then kind (the order of :class:`Kind`)."""
    order = {kind: i for i, kind in enumerate(Kind.values)}
    found: dict[tuple[str, str], Group] = {}
    for row in rows:
        unit = row.org_unit.name if row.org_unit else "Chung"
        key = (unit, row.kind)
        found.setdefault(key, Group(unit, Kind(row.kind).label)).rows.append(row)
    return [
        found[key]
        for key in sorted(found, key=lambda k: (k[0] == "Chung", k[0], order.get(k[1], 99)))
    ]


@task()
def send_digest(user_id: int) -> str:
    """One user's daily digest; nothing is sent when nothing is waiting."""
    with transaction.atomic():
        rows = list(
            _pending_digest(user_id)
            .select_for_update(of=("self",))
            .select_related("recipient", "org_unit")
            .order_by("created_at", "id")
        )
        if not rows:
            return "empty"
        return _deliver(rows, _digest_message(rows))


def digests_queue() -> int:
    """Queue the digests of every user with something waiting (the reminder run)."""
    users = digest_users()
    for user_id in users:
        send_digest.enqueue(user_id=user_id)
    return len(users)


# A failed mail is tried again by each reminder run for this long (then it stays listed).
RETRY_DAYS = 7


def retry_failed() -> int:
    """Queue again the immediate mails that failed lately (the reminder run)."""
    since = timezone.now() - dt.timedelta(days=RETRY_DAYS)
    failed = Notification.objects.filter(email_state=EmailState.FAILED, created_at__gte=since)
    # A digest notice that failed is picked up by the next digest instead.
    ids = list(
        failed.filter(
            recipient__notification_preferences__kind=F("kind"),
            recipient__notification_preferences__delivery=Delivery.IMMEDIATE,
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        send_one.enqueue(notification_id=pk)
    return len(ids)


# --- rendering and sending -----------------------------------------------------------------


def _absolute(path: str) -> str:
    base = str(getattr(settings, "WAGTAILADMIN_BASE_URL", "")).rstrip("/")
    return f"{base}{path}" if path.startswith("/") else path


def _context(user: Any, kinds: Iterable[str]) -> dict[str, Any]:
    unsubscribe = [
        {
            "label": Kind(kind).label,
            "url": _absolute(
                reverse("notifications:unsubscribe", args=[unsubscribe_token(user, kind)])
            ),
        }
        for kind in dict.fromkeys(kinds)
    ]
    return {
        "user": user,
        "unsubscribe": unsubscribe,
        "settings_url": _absolute(reverse("notifications:preferences")),
        "absolute": _absolute,
    }


def _message(
    user: Any, subject: str, template: str, context: dict[str, Any]
) -> EmailMultiAlternatives:
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    headers = {}
    if len(context["unsubscribe"]) == 1:
        headers = {
            "List-Unsubscribe": f"<{context['unsubscribe'][0]['url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    mail = EmailMultiAlternatives(subject, text, to=[user.email], headers=headers)
    mail.attach_alternative(html, "text/html")
    return mail


def _links(rows: Iterable[Notification]) -> None:
    for row in rows:
        row.absolute_url = _absolute(row.url) if row.url else ""  # type: ignore[attr-defined]


def _single_message(row: Notification) -> EmailMultiAlternatives:
    _links([row])
    context = {**_context(row.recipient, [row.kind]), "row": row}
    subject = f"[danvan] {row.get_kind_display()}: {row.text[:120]}"
    mail = _message(row.recipient, subject, "single", context)
    if row.kind in (Kind.MEETING_INVITED, Kind.MEETING_CHANGED) and row.meeting_id:
        meeting = row.meeting
        if meeting is not None:
            mail.attach(f"hoi-nghi-{meeting.pk}.ics", meeting_ics(meeting), "text/calendar")
    return mail


def meeting_ics(meeting: Any) -> bytes:
    """The meeting as one calendar event (the same UID as the series feed, so a calendar
    that has it already updates it rather than adding a second one)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//danvan//Giay moi hoi nghi//VI")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"hoi-nghi-{meeting.pk}@danvan")
    event.add("dtstamp", timezone.now())
    starts = timezone.localtime(meeting.starts_at)
    event.add("dtstart", starts)
    event.add(
        "dtend",
        timezone.localtime(meeting.ends_at) if meeting.ends_at else starts + dt.timedelta(hours=2),
    )
    event.add("summary", meeting.title)
    event.add("location", meeting.place or ("Trực tuyến" if meeting.is_online else ""))
    event.add("url", _absolute(reverse("meetings:detail", args=[meeting.pk])))
    event.add("status", "CANCELLED" if meeting.status == meeting.Status.CANCELLED else "CONFIRMED")
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _digest_message(rows: list[Notification]) -> EmailMultiAlternatives:
    user = rows[0].recipient
    _links(rows)
    day = format_date(clock.today())
    context = {
        **_context(user, [r.kind for r in rows]),
        "groups": groups(rows),
        "count": len(rows),
        "day": day,
    }
    subject = f"[danvan] Tổng hợp thông báo ngày {day} ({len(rows)})"
    return _message(user, subject, "digest", context)


def _deliver(rows: list[Notification], mail: EmailMultiAlternatives) -> str:
    ids = [r.pk for r in rows]
    if not mail.to or not mail.to[0]:
        Notification.objects.filter(pk__in=ids).update(
            email_state=EmailState.FAILED, email_error="Người nhận chưa có địa chỉ thư điện tử."
        )
        return "failed"
    try:
        mail.send()
    except Exception as error:  # the backend's error, whatever it is, is kept on the rows
        log.exception("Gửi thư thông báo lỗi (%s thông báo)", len(ids))
        Notification.objects.filter(pk__in=ids).update(
            email_state=EmailState.FAILED, email_error=f"{type(error).__name__}: {error}"[:2000]
        )
        return "failed"
    Notification.objects.filter(pk__in=ids).update(
        email_state=EmailState.SENT, email_error="", emailed_at=timezone.now()
    )
    return "sent"
