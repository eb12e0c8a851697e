"""Writes to campaigns (đợt thi đua): launch, edit, their criteria and milestones.

Who: ``Cap.EMULATION_CAMPAIGN`` on the launching unit (its leader, the board above it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError

from danvan.access.roles import Cap
from danvan.access.scope import require, scoped
from danvan.core import concurrency
from danvan.core.audit import service
from danvan.documents.models import Document
from danvan.emulation.models import Campaign, CampaignKind, Criterion, Milestone, RecognitionLevel
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.org.models import OrgUnit

EDITABLE = (
    "name",
    "kind",
    "year",
    "launching_unit",
    "document",
    "starts_on",
    "ends_on",
    "registration_deadline",
    "description",
    "levels",
)
# (name, max score) and (name, date) as the forms and the API send them.
CriterionRow = tuple[str, Decimal | int | str]
MilestoneRow = tuple[str, dt.date]


def _validate(campaign: Campaign, levels: Sequence[RecognitionLevel], actor: Any) -> None:
    errors: dict[str, str] = {}
    if not campaign.name:
        errors["name"] = "Nhập tên đợt thi đua."
    if campaign.kind not in CampaignKind.values:
        errors["kind"] = "Loại đợt thi đua không hợp lệ."
    if not 2000 <= (campaign.year or 0) <= 2100:
        errors["year"] = "Năm phải từ 2000 đến 2100."
    if campaign.starts_on and campaign.ends_on and campaign.ends_on < campaign.starts_on:
        errors["ends_on"] = "Ngày kết thúc trước ngày bắt đầu."
    deadline = campaign.registration_deadline
    if deadline and campaign.ends_on and deadline > campaign.ends_on:
        errors["registration_deadline"] = (
            f"Hạn đăng ký {format_date(deadline)} sau ngày kết thúc đợt thi đua."
        )
    unit: OrgUnit | None = campaign.launching_unit if campaign.launching_unit_id else None
    if unit is not None and unit.is_historical:
        errors["launching_unit"] = f"«{unit.name}» đã ngừng hoạt động, không phát động được."
    if campaign.starts_on:
        for level in levels:
            if not level.valid_on(campaign.starts_on) and not (
                campaign.ends_on and level.valid_on(campaign.ends_on)
            ):
                errors["levels"] = (
                    f"«{level.name}» không còn áp dụng trong thời gian của đợt thi đua."
                )
    if errors:
        raise ValidationError(errors)
    campaign.full_clean(exclude=["launching_unit", "document"])


def _require_document(actor: Any, document: Document | None) -> None:
    if document is None:
        return
    visible = Document.objects.filter(pk=document.pk)
    if not scoped(visible, actor, Cap.DOCUMENT_VIEW).exists():
        raise PermissionDenied("Bạn không xem được văn bản phát động này.")


def _criteria(rows: Iterable[CriterionRow]) -> list[tuple[str, Decimal]]:
    kept: list[tuple[str, Decimal]] = []
    for name, score in rows:
        name = normalize_spaces(name)
        if not name:
            continue
        try:
            value = Decimal(str(score))
        except (InvalidOperation, ValueError):
            raise ValidationError({"criteria": f"Điểm tối đa của «{name}» không hợp lệ."}) from None
        if not value.is_finite() or not Decimal(0) < value <= Decimal(1000):
            raise ValidationError({"criteria": f"Điểm tối đa của «{name}» phải từ 0 đến 1.000."})
        kept.append((name[:300], value.quantize(Decimal("0.01"))))
    return kept


def _set_rows(
    campaign: Campaign,
    criteria: Iterable[CriterionRow] | None,
    milestones: Iterable[MilestoneRow] | None,
) -> None:
    if criteria is not None:
        rows = _criteria(criteria)
        if campaign.criteria.filter(scores__isnull=False).exists():
            current = [(c.name, c.max_score) for c in campaign.criteria.all()]
            if current != rows:
                raise ValidationError(
                    {
                        "criteria": "Đã có mô hình được chấm điểm theo các tiêu chí này: "
                        "không sửa được."
                    }
                )
        else:
            campaign.criteria.all().delete()
            for order, (name, score) in enumerate(rows, start=1):
                Criterion.objects.create(
                    campaign=campaign, name=name, max_score=score, sort_order=order
                )
    if milestones is not None:
        campaign.milestones.all().delete()
        for name, due_on in milestones:
            name = normalize_spaces(name)
            if name and due_on:
                Milestone.objects.create(campaign=campaign, name=name[:200], due_on=due_on)


@service
def campaign_create(
    *,
    actor: Any,
    name: str,
    year: int,
    launching_unit: OrgUnit,
    starts_on: dt.date,
    ends_on: dt.date,
    kind: str = CampaignKind.YEARLY,
    document: Document | None = None,
    registration_deadline: dt.date | None = None,
    description: str = "",
    levels: Iterable[RecognitionLevel] = (),
    criteria: Iterable[CriterionRow] = (),
    milestones: Iterable[MilestoneRow] = (),
) -> Campaign:
    """Phát động đợt thi đua."""
    require(actor, Cap.EMULATION_CAMPAIGN, launching_unit)
    _require_document(actor, document)
    chosen = list(levels)
    campaign = Campaign(
        name=normalize_spaces(name),
        kind=kind,
        year=year,
        launching_unit=launching_unit,
        document=document,
        starts_on=starts_on,
        ends_on=ends_on,
        registration_deadline=registration_deadline,
        description=(description or "").strip(),
    )
    campaign.name_folded = fold(campaign.name)
    _validate(campaign, chosen, actor)
    campaign.save()
    campaign.levels.set(chosen)
    _set_rows(campaign, criteria, milestones)
    return campaign


@service
def campaign_update(
    *,
    actor: Any,
    campaign: Campaign,
    version: int | None = None,
    criteria: Iterable[CriterionRow] | None = None,
    milestones: Iterable[MilestoneRow] | None = None,
    **changes: Any,
) -> Campaign:
    """Sửa đợt thi đua; an edit from another ``version`` is refused."""
    concurrency.lock(campaign)
    require(actor, Cap.EMULATION_CAMPAIGN, campaign.launching_unit)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    new_unit = changes.get("launching_unit")
    if new_unit is not None and new_unit.pk != campaign.launching_unit_id:
        require(actor, Cap.EMULATION_CAMPAIGN, new_unit)
    if "document" in changes:
        _require_document(actor, changes["document"])
    concurrency.check_version(campaign, version)
    before = concurrency.snapshot(campaign)
    old_levels = set(campaign.levels.values_list("pk", flat=True))
    levels = list(changes.pop("levels", campaign.levels.all()))
    for field, value in changes.items():
        if field == "name":
            value = normalize_spaces(value)
        elif field == "description":
            value = (value or "").strip()
        elif field == "launching_unit" and value is None:
            continue
        setattr(campaign, field, value)
    campaign.name_folded = fold(campaign.name)
    _validate(campaign, levels, actor)
    rows_changed = criteria is not None or milestones is not None
    concurrency.save_changed(
        campaign, before, force=rows_changed or {lv.pk for lv in levels} != old_levels
    )
    campaign.levels.set(levels)
    _set_rows(campaign, criteria, milestones)
    return campaign
