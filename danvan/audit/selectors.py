"""Reads of the audit log (django-auditlog's LogEntry)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

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


def _record_type(entry: LogEntry) -> str:
    model = entry.content_type.model_class()
    return str(model._meta.verbose_name).capitalize() if model else entry.content_type.model


def audit_rows(entries: Any) -> list[AuditRow]:
    return [AuditRow(entry, _record_type(entry), _changes(entry)) for entry in entries]


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
    action: int | None = None,
    actor: str = "",
    q: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[LogEntry]:
    entries = LogEntry.objects.select_related("actor", "content_type")
    if content_type:
        entries = entries.filter(content_type_id=content_type)
    if action is not None:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor__username__icontains=actor)
    if q:
        entries = entries.filter(object_repr__icontains=q)
    if date_from:
        entries = entries.filter(timestamp__date__gte=date_from)
    if date_to:
        entries = entries.filter(timestamp__date__lte=date_to)
    return entries.order_by("-timestamp", "-id")
