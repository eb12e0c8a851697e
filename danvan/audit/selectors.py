"""Reads of the audit log (django-auditlog's LogEntry)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from danvan.audit import logins

HISTORY_LIMIT = 50


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


def _changes(entry: LogEntry) -> list[Change]:
    try:
        display = entry.changes_display_dict
    except Exception:
        display = entry.changes_dict
    rows = []
    for field, values in display.items():
        before, after = [*values, "", ""][:2] if isinstance(values, list) else ("", values)
        rows.append(Change(str(field), _blank(before), _blank(after)))
    return rows


def _blank(value: Any) -> str:
    return "" if value in (None, "None") else str(value)


@dataclass(frozen=True)
class AuditRow:
    entry: LogEntry
    record_type: str
    changes: list[Change]
    login_event: Any = ""  # "Đăng nhập"… for a login entry, else empty
    locked: bool = False  # a failed login refused because django-axes had locked it


def _record_type(entry: LogEntry) -> str:
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name).capitalize() if model else entry.content_type.model


def _login_event(entry: LogEntry) -> Any:
    data = entry.additional_data if isinstance(entry.additional_data, dict) else {}
    if entry.action != LogEntry.Action.ACCESS:
        return ""
    return logins.EVENTS.get(str(data.get("event")), "")


def audit_rows(entries: Any) -> list[AuditRow]:
    return [
        AuditRow(
            entry,
            _record_type(entry),
            _changes(entry),
            _login_event(entry),
            bool(isinstance(entry.additional_data, dict) and entry.additional_data.get("locked")),
        )
        for entry in entries
    ]


def with_changes(entries: Any) -> list[tuple[LogEntry, list[Change]]]:
    return [(entry, _changes(entry)) for entry in entries]


def history_for(obj: Model, limit: int = HISTORY_LIMIT) -> list[tuple[LogEntry, list[Change]]]:
    """The newest changes of one record, each with its fields before and after."""
    entries = (LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp"))[
        :limit
    ]
    return with_changes(entries)


def audited_content_types() -> QuerySet[ContentType]:
    used = LogEntry.objects.values("content_type_id").distinct()
    return ContentType.objects.filter(pk__in=used).order_by("model")


def audit_search(
    *,
    content_type: int | None = None,
    action: int | str | None = None,
    actor: str = "",
    q: str = "",
    address: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[LogEntry]:
    """Entries newest first. ``action`` is auditlog's number (create, update, delete) or a
    login event ("login", "logout", "login_failed"); ``actor`` also finds a failed login
    by the name typed, which names no user."""
    entries = LogEntry.objects.select_related("actor", "content_type")
    if content_type:
        entries = entries.filter(content_type_id=content_type)
    if action in logins.EVENTS:
        entries = entries.filter(action=LogEntry.Action.ACCESS, additional_data__event=action)
    elif action not in (None, ""):
        entries = entries.filter(action=int(action))
    if actor:
        typed = Q(action=LogEntry.Action.ACCESS, actor__isnull=True, object_repr__icontains=actor)
        entries = entries.filter(Q(actor__username__icontains=actor) | typed)
    if address:
        entries = entries.filter(remote_addr=address)
    if q:
        entries = entries.filter(object_repr__icontains=q)
    if date_from:
        entries = entries.filter(timestamp__date__gte=date_from)
    if date_to:
        entries = entries.filter(timestamp__date__lte=date_to)
    return entries.order_by("-timestamp", "-id")
