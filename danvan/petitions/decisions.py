"""Decisions on an entry besides its stages: extending the clock (gia hạn) with its
reason, confirming or rejecting a proposed duplicate, editing the entry (versioned).
Same rules as :mod:`danvan.petitions.services`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.petitions import clocks
from danvan.petitions.models import (
    DeadlineRule,
    DuplicateState,
    Extension,
    Petition,
    Stage,
    StageEntry,
)
from danvan.petitions.services import EDITABLE_FIELDS, _enter, _join, _save

# --- clocks and duplicates ----------------------------------------------------------------


@service
def petition_extend(*, actor: Any, petition: Petition, days: int, reason: str) -> Extension:
    """Gia hạn the stage under way, with its reason (counted as the stage's rule counts)."""
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    if not petition.is_open or petition.due_on is None:
        raise ValidationError({"days": "Đơn không có thời hạn đang chạy để gia hạn."})
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 90:
        raise ValidationError({"days": "Số ngày gia hạn từ 1 đến 90."})
    reason = normalize_spaces(reason)
    if not reason:
        raise ValidationError({"reason": "Nhập lý do gia hạn."})
    rule = petition.due_rule
    counting = rule.counting if rule is not None else DeadlineRule.Counting.CALENDAR
    old = petition.due_on
    petition.due_on = clocks.extend(old, days, counting)
    extension = Extension.objects.create(
        petition=petition,
        stage=petition.stage,
        days=days,
        counting=counting,
        reason=reason,
        old_due=old,
        new_due=petition.due_on,
        by=actor if getattr(actor, "pk", None) else None,
    )
    StageEntry.objects.create(
        petition=petition,
        stage=petition.stage,
        on=clock.today(),
        due_on=petition.due_on,
        note=f"Gia hạn {days} {DeadlineRule.Counting(counting).label}: {reason}",
        by=actor if getattr(actor, "pk", None) else None,
    )
    _save(petition)
    return extension


@service
def petition_duplicate_decide(
    *, actor: Any, petition: Petition, confirm: bool, note: str = ""
) -> Petition:
    """A person confirms the proposed đơn trùng (the entry is archived, pointing at the
    original) or rejects it (the petition goes on as a new one)."""
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    if petition.duplicate_state != DuplicateState.PROPOSED:
        raise ValidationError({"duplicate": "Đơn không có đề xuất trùng đang chờ xác nhận."})
    if not confirm:
        petition.duplicate_state = DuplicateState.REJECTED
        StageEntry.objects.create(
            petition=petition,
            stage=petition.stage,
            on=clock.today(),
            due_on=petition.due_on,
            note=_join(f"Không trùng với {petition.duplicate_of}.", note),
            by=actor if getattr(actor, "pk", None) else None,
        )
        _save(petition)
        return petition
    if petition.stage not in (Stage.RECEIVED, Stage.CLASSIFIED):
        raise ValidationError({"duplicate": "Đơn đã được xử lý, không xác nhận trùng được nữa."})
    petition.duplicate_state = DuplicateState.CONFIRMED
    original = petition.duplicate_of
    text = _join(
        f"Đơn trùng với {original} ({original.org_unit.name}), ngày nhận "  # type: ignore[union-attr]
        f"{format_date(original.received_on)}: lưu đơn, theo dõi theo đơn gốc.",  # type: ignore[union-attr]
        note,
    )
    petition.outcome = text
    _enter(petition, Stage.ARCHIVED, actor=actor, note=text)
    _save(petition)
    return petition


@service
def petition_update(
    *, actor: Any, petition: Petition, version: int | None = None, **changes: Any
) -> Petition:
    """Sửa đơn: subject, the body concerned, the number of signatories, the handling
    officer, complexity. An edit made from another ``version`` is refused."""
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    concurrency.check_version(petition, version)
    before = concurrency.snapshot(petition)
    handler = changes.get("handler")
    if handler is not None and not can(handler, Cap.PETITION_MANAGE, petition.org_unit):
        raise ValidationError({"handler": f"{handler} không có quyền xử lý đơn tại đơn vị này."})
    for field, value in changes.items():
        if field == "subject":
            value = (value or "").strip()
            if not value:
                raise ValidationError({"subject": "Nhập nội dung đơn."})
        elif field == "concerned_body":
            value = normalize_spaces(value)
        setattr(petition, field, value)
    petition.subject_folded = fold(petition.subject)
    petition.full_clean(exclude=["org_unit", "handler", "visit", "voter_batch", "due_rule"])
    concurrency.save_changed(petition, before)
    return petition
