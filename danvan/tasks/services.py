"""Writes to tasks: assign, edit, report progress with evidence, cancel, reopen, delete.

Each service is atomic, audited, checks access and refuses illegal states with a
Vietnamese message naming the field. Who may do what:

- assign, edit, cancel, reopen, delete: ``Cap.TASK_MANAGE`` on the owner unit (the unit
  that assigned the task and follows it up);
- report progress: ``Cap.TASK_UPDATE`` on the lead unit or a co-unit, or the owner's
  ``Cap.TASK_MANAGE``.

Programmes (chương trình công tác) are in :mod:`danvan.tasks.programmes`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import can, require, scoped
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.core.uploads import DOCUMENT_KINDS, check_files
from danvan.documents.models import Document
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.meetings.models import Conclusion, Meeting
from danvan.notifications import services as notify
from danvan.org.models import OrgUnit
from danvan.tasks.models import (
    OPEN_STATUSES,
    ProgrammeItem,
    Task,
    TaskEvidence,
    TaskStatus,
    TaskUpdate,
    WorkProgramme,
)

EVIDENCE_KINDS = DOCUMENT_KINDS
EDITABLE_FIELDS = ("title", "description", "owner_unit", "lead_unit", "co_units", "deadline")


# --- checks ----------------------------------------------------------------------------


def _require_visible_source(
    actor: Any,
    conclusion: Conclusion | None,
    programme_item: ProgrammeItem | None,
    document: Document | None,
) -> None:
    """A task cites only sources its author can read."""
    if conclusion is not None:
        meetings = Meeting.objects.filter(pk=conclusion.meeting_id)
        if not scoped(meetings, actor, Cap.MEETING_VIEW).exists():
            raise PermissionDenied("Bạn không xem được hội nghị có kết luận này.")
    if programme_item is not None:
        programmes = WorkProgramme.objects.filter(pk=programme_item.programme_id)
        if not scoped(programmes, actor, Cap.TASK_VIEW).exists():
            raise PermissionDenied("Bạn không xem được chương trình công tác này.")
    documents = Document.objects.filter(pk=getattr(document, "pk", None))
    if document is not None and not scoped(documents, actor, Cap.DOCUMENT_VIEW).exists():
        raise PermissionDenied("Bạn không xem được văn bản này.")


def _default_owner(
    conclusion: Conclusion | None, programme_item: ProgrammeItem | None, document: Document | None
) -> OrgUnit | None:
    if conclusion is not None:
        return conclusion.meeting.org_unit
    if programme_item is not None:
        return programme_item.programme.org_unit
    if document is not None:
        return document.org_unit
    return None


def _validate(task: Task, co_units: Sequence[OrgUnit], actor: Any) -> None:
    errors: dict[str, str] = {}
    if not task.title:
        errors["title"] = "Nhập tên nhiệm vụ."
    lead: OrgUnit | None = task.lead_unit if task.lead_unit_id else None
    if lead is None:
        errors["lead_unit"] = "Chọn đơn vị chủ trì."
    else:
        if not can(actor, Cap.ORG_VIEW, lead):
            errors["lead_unit"] = f"«{lead.name}» nằm ngoài phạm vi đơn vị của bạn."
        elif lead.is_historical:
            errors["lead_unit"] = f"«{lead.name}» đã ngừng hoạt động, không giao nhiệm vụ được."
        if any(unit.pk == lead.pk for unit in co_units):
            errors["co_units"] = (
                f"«{lead.name}» đã là đơn vị chủ trì, không đồng thời là đơn vị phối hợp."
            )
    outside = [unit.name for unit in co_units if not can(actor, Cap.ORG_VIEW, unit)]
    if outside and "co_units" not in errors:
        errors["co_units"] = f"Ngoài phạm vi đơn vị của bạn: {', '.join(outside)}."
    if task.deadline is not None:
        errors.update(_deadline_errors(task))
    if errors:
        raise ValidationError(errors)
    task.full_clean(exclude=["owner_unit", "lead_unit", "conclusion", "programme_item", "document"])


def _deadline_errors(task: Task) -> dict[str, str]:
    assert task.deadline is not None
    if task.conclusion_id is not None:
        meeting = task.conclusion.meeting  # type: ignore[union-attr]
        held_on = timezone.localdate(meeting.starts_at)
        if task.deadline < held_on:
            return {
                "deadline": f"Thời hạn {format_date(task.deadline)} trước ngày họp "
                f"{format_date(held_on)} của «{meeting.title}»."
            }
    if task.document_id is not None:
        issued_on = task.document.issued_on  # type: ignore[union-attr]
        if issued_on is not None and task.deadline < issued_on:
            return {
                "deadline": f"Thời hạn {format_date(task.deadline)} trước ngày ban hành "
                f"văn bản ({format_date(issued_on)})."
            }
    return {}


def _record(
    task: Task, *, actor: Any, note: str, status: str | None = None, progress: int | None = None
) -> TaskUpdate:
    entry = TaskUpdate(
        task=task,
        progress=task.progress if progress is None else progress,
        note=note,
        status=status or task.status,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    entry.save()
    return entry


def can_update_progress(user: Any, task: Task) -> bool:
    if can(user, Cap.TASK_MANAGE, task.owner_unit) or can(user, Cap.TASK_UPDATE, task.lead_unit):
        return True
    return any(can(user, Cap.TASK_UPDATE, unit) for unit in task.co_units.all())


# --- assign and edit -------------------------------------------------------------------


@service
def task_create(
    *,
    actor: Any,
    title: str,
    description: str = "",
    owner_unit: OrgUnit | None = None,
    lead_unit: OrgUnit,
    co_units: Iterable[OrgUnit] = (),
    deadline: dt.date | None = None,
    conclusion: Conclusion | None = None,
    programme_item: ProgrammeItem | None = None,
    document: Document | None = None,
) -> Task:
    """Giao nhiệm vụ. The owner defaults to the unit the source belongs to: the meeting's
    organiser, the programme's unit or the document's holder."""
    owner = owner_unit or _default_owner(conclusion, programme_item, document)
    if owner is None:
        raise ValidationError({"owner_unit": "Chọn đơn vị giao nhiệm vụ."})
    require(actor, Cap.TASK_MANAGE, owner)
    _require_visible_source(actor, conclusion, programme_item, document)
    co = list(co_units)
    task = Task(
        title=normalize_spaces(title),
        description=(description or "").strip(),
        owner_unit=owner,
        lead_unit=lead_unit,
        deadline=deadline,
        conclusion=conclusion,
        programme_item=programme_item,
        document=document,
    )
    task.title_folded = fold(task.title)
    _validate(task, co, actor)
    task.save()
    task.co_units.set(co)
    notify.task_assigned_notify(actor=actor, task=task, units=[lead_unit, *co])
    return task


@service
def task_update(*, actor: Any, task: Task, version: int | None = None, **changes: Any) -> Task:
    """Sửa nhiệm vụ: title, description, owner, lead and co-units, deadline. An edit made
    from another ``version`` than the stored one is refused."""
    concurrency.lock(task)
    require(actor, Cap.TASK_MANAGE, task.owner_unit)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    new_owner = changes.get("owner_unit")
    if new_owner is not None and new_owner.pk != task.owner_unit_id:
        require(actor, Cap.TASK_MANAGE, new_owner)
    concurrency.check_version(task, version)
    before = concurrency.snapshot(task)
    old_co = set(task.co_units.values_list("pk", flat=True))
    old_lead = task.lead_unit_id
    co = list(changes.pop("co_units", task.co_units.all()))
    for field, value in changes.items():
        if field == "title":
            value = normalize_spaces(value)
        elif field == "description":
            value = (value or "").strip()
        elif field == "owner_unit" and value is None:
            continue
        setattr(task, field, value)
    task.title_folded = fold(task.title)
    _validate(task, co, actor)
    concurrency.save_changed(task, before, force={unit.pk for unit in co} != old_co)
    task.co_units.set(co)
    # Units that were just given the task are told, as at its creation.
    given = [u for u in [task.lead_unit, *co] if u.pk not in old_co and u.pk != old_lead]
    if given:
        notify.task_assigned_notify(actor=actor, task=task, units=given)
    return task


# --- progress --------------------------------------------------------------------------


def _check_evidence(uploads: Sequence[UploadedFile]) -> list[tuple[UploadedFile, str, str]]:
    """Each file's (upload, kind, name), or every refusal at once naming the files."""
    return check_files(uploads, accepted=EVIDENCE_KINDS)


@service
def task_progress_add(
    *,
    actor: Any,
    task: Task,
    progress: int,
    note: str,
    status: str | None = None,
    files: Sequence[UploadedFile] = (),
) -> TaskUpdate:
    """Báo cáo tiến độ. The first report moves a new task to *đang thực hiện*; 100% or
    *hoàn thành* completes it today. Nothing is saved when one evidence file is refused."""
    if not can_update_progress(actor, task):
        raise PermissionDenied(
            f"Chỉ đơn vị chủ trì, đơn vị phối hợp hoặc đơn vị giao «{task.owner_unit.name}» "
            "được cập nhật tiến độ nhiệm vụ này."
        )
    if task.status not in OPEN_STATUSES:
        raise ValidationError(
            f"Nhiệm vụ đã {task.get_status_display().lower()}: mở lại nhiệm vụ trước khi "
            "cập nhật tiến độ."
        )
    errors: dict[str, str] = {}
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        errors["progress"] = "Tiến độ là một số từ 0 đến 100 (%)."
    if not (note or "").strip():
        errors["note"] = "Nhập nội dung đã thực hiện."
    if status not in (None, "", TaskStatus.IN_PROGRESS, TaskStatus.DONE):
        errors["status"] = "Chỉ chọn «Đang thực hiện» hoặc «Hoàn thành»; hủy nhiệm vụ ở nút Hủy."
    if errors:
        raise ValidationError(errors)
    evidence = _check_evidence(files)
    done = status == TaskStatus.DONE or progress == 100
    task.status = TaskStatus.DONE if done else TaskStatus.IN_PROGRESS
    task.progress = 100 if done else progress
    task.completed_on = clock.today() if done else None
    task.save(update_fields=["status", "progress", "completed_on", "updated_at"])
    entry = _record(task, actor=actor, note=note.strip())
    for upload, kind, name in evidence:
        TaskEvidence.objects.create(
            update=entry, file=upload, original_name=name, kind=kind, size=upload.size or 0
        )
    notify.task_progress_notify(actor=actor, task=task, update=entry)
    return entry


# --- cancel, reopen, delete ------------------------------------------------------------


@service
def task_cancel(*, actor: Any, task: Task, reason: str) -> Task:
    require(actor, Cap.TASK_MANAGE, task.owner_unit)
    reason = normalize_spaces(reason)
    if not reason:
        raise ValidationError({"reason": "Nhập lý do hủy nhiệm vụ."})
    if task.status == TaskStatus.CANCELLED:
        raise ValidationError("Nhiệm vụ đã bị hủy trước đó.")
    if task.status == TaskStatus.DONE:
        raise ValidationError("Nhiệm vụ đã hoàn thành, không hủy được; mở lại trước nếu cần.")
    task.status = TaskStatus.CANCELLED
    task.cancel_reason = reason[:255]
    task.save(update_fields=["status", "cancel_reason", "updated_at"])
    _record(task, actor=actor, note=f"Hủy nhiệm vụ. Lý do: {reason}")
    return task


@service
def task_reopen(*, actor: Any, task: Task, reason: str = "") -> Task:
    """Mở lại a done or cancelled task: back to work, with its progress kept."""
    require(actor, Cap.TASK_MANAGE, task.owner_unit)
    if task.status in OPEN_STATUSES:
        raise ValidationError("Nhiệm vụ đang mở, không cần mở lại.")
    worked = (
        task.progress > 0
        or task.updates.filter(status__in=(TaskStatus.IN_PROGRESS, TaskStatus.DONE)).exists()
    )
    task.status = TaskStatus.IN_PROGRESS if worked else TaskStatus.NEW
    task.completed_on = None
    task.cancel_reason = ""
    task.save(update_fields=["status", "completed_on", "cancel_reason", "updated_at"])
    reason = normalize_spaces(reason)
    _record(task, actor=actor, note="Mở lại nhiệm vụ." + (f" Lý do: {reason}" if reason else ""))
    return task


@service
def task_delete(*, actor: Any, task: Task) -> Task:
    """Soft delete (a task entered by mistake); its history stays readable."""
    require(actor, Cap.TASK_MANAGE, task.owner_unit)
    task.deleted_at = timezone.now()
    task.save(update_fields=["deleted_at", "updated_at"])
    return task
