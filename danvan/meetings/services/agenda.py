"""Writes to a meeting's chương trình: items in order, each with its presenter and the
reports and documents it presents."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.core import concurrency
from danvan.core.audit import service
from danvan.documents.models import Document
from danvan.lib.text import normalize_spaces
from danvan.meetings.models import AgendaItem, Attendance, Meeting
from danvan.meetings.services._common import next_value, require_manage
from danvan.reporting.models import Report

UP, DOWN = "up", "down"


def _reachable(actor: Any, items: Sequence[Any], cap: Cap, field: str, what: str) -> None:
    """Every linked report or document must be one the actor may read."""
    if not items:
        return
    model = type(items[0])
    ids = {item.pk for item in items}
    seen = set(scoped(model.objects.filter(pk__in=ids), actor, cap).values_list("pk", flat=True))
    hidden = [item for item in items if item.pk not in seen]
    if hidden:
        raise ValidationError({field: f"{what} «{hidden[0]}» nằm ngoài phạm vi của bạn."})


def _validate(actor: Any, item: AgendaItem, reports: Sequence[Report], docs: Sequence[Any]) -> None:
    if not item.title:
        raise ValidationError({"title": "Ghi nội dung của mục chương trình."})
    presenter: Attendance | None = item.presenter
    if presenter is not None and presenter.meeting_id != item.meeting_id:
        raise ValidationError(
            {"presenter": f"«{presenter}» không có trong thành phần dự hội nghị này."}
        )
    _reachable(actor, reports, Cap.REPORT_VIEW, "reports", "Báo cáo")
    _reachable(actor, docs, Cap.DOCUMENT_VIEW, "documents", "Văn bản")
    item.full_clean(exclude=["meeting", "presenter"])


@service
def agenda_item_add(
    *,
    actor: Any,
    meeting: Meeting,
    title: str,
    presenter: Attendance | None = None,
    presenter_text: str = "",
    reports: Iterable[Report] = (),
    documents: Iterable[Document] = (),
    note: str = "",
) -> AgendaItem:
    require_manage(actor, meeting)
    item = AgendaItem(
        meeting=meeting,
        title=normalize_spaces(title),
        presenter=presenter,
        presenter_text=normalize_spaces(presenter_text),
        note=(note or "").strip(),
        order=next_value(meeting.agenda_items.all()),
    )
    report_list, doc_list = list(reports), list(documents)
    _validate(actor, item, report_list, doc_list)
    item.save()
    item.reports.set(report_list)
    item.documents.set(doc_list)
    return item


@service
def agenda_item_update(
    *,
    actor: Any,
    item: AgendaItem,
    title: str,
    presenter: Attendance | None = None,
    presenter_text: str = "",
    reports: Iterable[Report] = (),
    documents: Iterable[Document] = (),
    note: str = "",
    version: int | None = None,
) -> AgendaItem:
    require_manage(actor, item.meeting)
    meeting = item.meeting
    concurrency.lock(item)
    item.meeting = meeting
    concurrency.check_version(item, version)
    before = concurrency.snapshot(item)
    links = (
        set(item.reports.values_list("pk", flat=True)),
        set(item.documents.values_list("pk", flat=True)),
    )
    item.title = normalize_spaces(title)
    item.presenter = presenter
    item.presenter_text = normalize_spaces(presenter_text)
    item.note = (note or "").strip()
    report_list, doc_list = list(reports), list(documents)
    _validate(actor, item, report_list, doc_list)
    relinked = links != ({r.pk for r in report_list}, {d.pk for d in doc_list})
    concurrency.save_changed(item, before, force=relinked)
    item.reports.set(report_list)
    item.documents.set(doc_list)
    return item


def _renumber(meeting: Meeting) -> list[AgendaItem]:
    """Orders 1, 2, 3... in the current order (items may have been entered with gaps)."""
    items = list(meeting.agenda_items.order_by("order", "id"))
    for position, item in enumerate(items, start=1):
        if item.order != position:
            item.order = position
            item.save(update_fields=["order"])
    return items


@service
def agenda_item_remove(*, actor: Any, item: AgendaItem) -> None:
    meeting = item.meeting
    require_manage(actor, meeting)
    item.delete()
    _renumber(meeting)


@service
def agenda_item_move(*, actor: Any, item: AgendaItem, direction: str) -> AgendaItem:
    """Swap the item with the one above (``up``) or below (``down``); at either end it
    stays where it is."""
    meeting = item.meeting
    require_manage(actor, meeting)
    if direction not in (UP, DOWN):
        raise ValidationError(f"Hướng di chuyển «{direction}» không hợp lệ.")
    items = _renumber(meeting)
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    neighbour = index - 1 if direction == UP else index + 1
    if 0 <= neighbour < len(items):
        here, there = items[index], items[neighbour]
        here.order, there.order = there.order, here.order
        here.save(update_fields=["order"])
        there.save(update_fields=["order"])
        item.order = here.order
    return item
