"""Writes to work programmes (chương trình công tác năm) and their items.

A programme lists, month by month, the tasks a unit will do and the meetings it will
hold. *Materialising* an item turns it into what it announced: a task due at the end of
its month, or a planned meeting on the 25th of its month (the usual day of the monthly
giao ban) at 08:00. Each item becomes something once.

Access: ``Cap.TASK_MANAGE`` on the programme's unit for every write; scheduling a meeting
also needs ``Cap.MEETING_MANAGE`` where it is held (checked by ``meeting_create``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import can, require, scoped
from danvan.core import concurrency
from danvan.core.audit import service
from danvan.documents.models import Document
from danvan.meetings.models import Meeting, MeetingKind
from danvan.org.models import OrgUnit
from danvan.tasks.models import ProgrammeItem, Task, WorkProgramme
from danvan.tasks.services import task_create

PROGRAMME_FIELDS = ("title", "year", "document")
ITEM_FIELDS = ("month", "title", "kind", "lead_unit", "meeting_kind")
MEETING_DAY = 25
MEETING_HOUR = 8
YEAR_RANGE = (2000, 2100)


def _validate_programme(programme: WorkProgramme, actor: Any) -> None:
    errors: dict[str, str] = {}
    if not programme.title:
        errors["title"] = "Nhập tên chương trình."
    if not YEAR_RANGE[0] <= (programme.year or 0) <= YEAR_RANGE[1]:
        errors["year"] = f"Năm phải từ {YEAR_RANGE[0]} đến {YEAR_RANGE[1]}."
    document = programme.document if programme.document_id else None
    if document is not None:
        visible = scoped(Document.objects.filter(pk=document.pk), actor, Cap.DOCUMENT_VIEW)
        if not visible.exists():
            errors["document"] = "Văn bản này nằm ngoài phạm vi của bạn."
    if errors:
        raise ValidationError(errors)


@service
def programme_create(
    *, actor: Any, org_unit: OrgUnit, year: int, title: str, document: Document | None = None
) -> WorkProgramme:
    require(actor, Cap.TASK_MANAGE, org_unit)
    programme = WorkProgramme(
        org_unit=org_unit, year=year, title=" ".join((title or "").split()), document=document
    )
    _validate_programme(programme, actor)
    programme.save()
    return programme


@service
def programme_update(
    *, actor: Any, programme: WorkProgramme, version: int | None = None, **changes: Any
) -> WorkProgramme:
    """Sửa chương trình: an edit made from another ``version`` than the stored one is
    refused; only the fields that changed are written."""
    concurrency.lock(programme)
    require(actor, Cap.TASK_MANAGE, programme.org_unit)
    unknown = set(changes) - set(PROGRAMME_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    concurrency.check_version(programme, version)
    before = concurrency.snapshot(programme)
    for field, value in changes.items():
        setattr(programme, field, " ".join(value.split()) if field == "title" else value)
    _validate_programme(programme, actor)
    concurrency.save_changed(programme, before)
    return programme


@service
def programme_delete(*, actor: Any, programme: WorkProgramme) -> WorkProgramme:
    """Soft delete, refused once items have become tasks or meetings (they cite it)."""
    require(actor, Cap.TASK_MANAGE, programme.org_unit)
    tasks = Task.objects.filter(programme_item__programme=programme).count()
    meetings = Meeting.objects.filter(programme_items__programme=programme).distinct().count()
    if tasks or meetings:
        made = []
        if tasks:
            made.append(f"{tasks} nhiệm vụ")
        if meetings:
            made.append(f"{meetings} hội nghị")
        raise ValidationError(
            f"Không xóa được «{programme.title}»: đã tạo {' và '.join(made)} từ các nội dung "
            "của chương trình."
        )
    programme.deleted_at = timezone.now()
    programme.save(update_fields=["deleted_at", "updated_at"])
    return programme


# --- items ----------------------------------------------------------------------------


def _validate_item(item: ProgrammeItem, actor: Any) -> None:
    errors: dict[str, str] = {}
    if not item.title:
        errors["title"] = "Nhập nội dung."
    if not 1 <= (item.month or 0) <= 12:
        errors["month"] = "Tháng phải từ 1 đến 12."
    if item.kind not in ProgrammeItem.Kind.values:
        errors["kind"] = "Chọn loại: nhiệm vụ hoặc hội nghị."
    elif item.kind == ProgrammeItem.Kind.MEETING and not item.meeting_kind_id:
        errors["meeting_kind"] = "Chọn loại hội nghị."
    elif item.kind == ProgrammeItem.Kind.TASK:
        item.meeting_kind = None
    lead = item.lead_unit if item.lead_unit_id else None
    if lead is not None and not can(actor, Cap.ORG_VIEW, lead):
        errors["lead_unit"] = f"«{lead.name}» nằm ngoài phạm vi đơn vị của bạn."
    if errors:
        raise ValidationError(errors)


def _made(item: ProgrammeItem) -> Task | Meeting | None:
    """What ``item`` has already become (alive), if anything."""
    if item.meeting_id is not None:
        meeting = Meeting.objects.filter(pk=item.meeting_id).first()
        if meeting is not None:
            return meeting
    return Task.objects.filter(programme_item=item).order_by("id").first()


@service
def programme_item_add(
    *,
    actor: Any,
    programme: WorkProgramme,
    month: int,
    title: str,
    kind: str = ProgrammeItem.Kind.TASK,
    lead_unit: OrgUnit | None = None,
    meeting_kind: MeetingKind | None = None,
) -> ProgrammeItem:
    require(actor, Cap.TASK_MANAGE, programme.org_unit)
    item = ProgrammeItem(
        programme=programme,
        month=month,
        title=" ".join((title or "").split()),
        kind=kind,
        lead_unit=lead_unit,
        meeting_kind=meeting_kind,
    )
    _validate_item(item, actor)
    item.save()
    return item


@service
def programme_item_update(
    *, actor: Any, item: ProgrammeItem, version: int | None = None, **changes: Any
) -> ProgrammeItem:
    """Sửa nội dung chương trình: refused when made from another ``version``; only the
    fields that changed are written."""
    concurrency.lock(item)
    require(actor, Cap.TASK_MANAGE, item.programme.org_unit)
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    concurrency.check_version(item, version)
    before = concurrency.snapshot(item)
    if "kind" in changes and changes["kind"] != item.kind and _made(item) is not None:
        raise ValidationError({"kind": "Nội dung đã được thực hiện, không đổi loại được."})
    for field, value in changes.items():
        setattr(item, field, " ".join(value.split()) if field == "title" else value)
    _validate_item(item, actor)
    concurrency.save_changed(item, before)
    return item


@service
def programme_item_remove(*, actor: Any, item: ProgrammeItem) -> None:
    require(actor, Cap.TASK_MANAGE, item.programme.org_unit)
    made = _made(item) or Task.all_objects.filter(programme_item=item).first()
    if made is not None:
        what = "hội nghị" if isinstance(made, Meeting) else "nhiệm vụ"
        raise ValidationError(
            f"Không xóa được «{item.title}»: đã tạo {what} «{made}» từ nội dung này."
        )
    item.delete()


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def meeting_start(year: int, month: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, MEETING_DAY, MEETING_HOUR, 0))


@service
def programme_item_materialise(*, actor: Any, item: ProgrammeItem) -> Task | Meeting:
    """Tạo nhiệm vụ / Lên lịch hội nghị from a programme item (once)."""
    programme = item.programme
    require(actor, Cap.TASK_MANAGE, programme.org_unit)
    made = _made(item)
    if made is not None:
        what = "hội nghị" if isinstance(made, Meeting) else "nhiệm vụ"
        raise ValidationError(f"Nội dung «{item.title}» đã được tạo thành {what} «{made}».")
    unit = item.lead_unit or programme.org_unit
    if item.kind == ProgrammeItem.Kind.MEETING:
        from danvan.meetings.services import meeting_create

        if item.meeting_kind is None:
            raise ValidationError({"meeting_kind": "Chọn loại hội nghị trước khi lên lịch."})
        if not can(actor, Cap.MEETING_MANAGE, unit):
            raise PermissionDenied(f"Bạn không có quyền tổ chức hội nghị tại «{unit.name}».")
        meeting = meeting_create(
            actor=actor,
            title=item.title,
            kind=item.meeting_kind,
            org_unit=unit,
            starts_at=meeting_start(programme.year, item.month),
            status=Meeting.Status.PLANNED,
        )
        item.meeting = meeting
        item.save(update_fields=["meeting"])
        return meeting
    return task_create(
        actor=actor,
        title=item.title,
        owner_unit=programme.org_unit,
        lead_unit=unit,
        deadline=month_end(programme.year, item.month),
        programme_item=item,
    )
