"""Reads of the audit log (django-auditlog's LogEntry)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from danvan.audit import display, logins
from danvan.audit.display import AuditRow, Change

__all__ = ["AuditRow", "Change", "audit_rows", "history_for", "with_changes"]

HISTORY_LIMIT = 50


def audit_rows(entries: Any) -> list[AuditRow]:
    """A page of entries as rows to show (see ``display``: labels and values in Vietnamese,
    related names fetched in bulk)."""
    return display.rows(entries)


def with_changes(entries: Any) -> list[AuditRow]:
    return display.rows(entries)


def history_for(obj: Model, limit: int = HISTORY_LIMIT) -> list[AuditRow]:
    """The newest changes of one record, each with its fields before and after."""
    entries = (
        LogEntry.objects.get_for_object(obj)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )[:limit]
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
