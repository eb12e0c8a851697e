"""Writes to the welfare register: campaigns and their states, contributions, the
beneficiaries' register, gifts and the review of duplicates.

Every service is atomic and audited (``@service``), takes the row lock of what it checks
(``concurrency.lock``) before looking at its state, asks ``Cap.WELFARE_MANAGE`` on the unit
concerned, refuses an edit made from an older version (``concurrency.check_version``) and
an illegal move with a Vietnamese message naming the field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import can, require, scope_paths
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.org.models import OrgUnit
from danvan.welfare import duplicates
from danvan.welfare.models import (
    MOVES,
    Beneficiary,
    Campaign,
    CampaignKind,
    CampaignState,
    Category,
    Contribution,
    DuplicateState,
    Gift,
    GiftForm,
)

MAX_MONEY = Decimal(10) ** 14
MAX_PORTIONS = 1000
COMMUNE_LEVEL = "xa"


# --- helpers ---------------------------------------------------------------------------


def _text(field: str, value: Any, *, required: bool = False, limit: int = 300) -> str:
    text = normalize_spaces(str(value or ""))
    if "\x00" in text:
        raise ValidationError({field: "Nội dung chứa ký tự không hợp lệ."})
    if required and not text:
        raise ValidationError({field: "Trường này là bắt buộc."})
    if len(text) > limit:
        raise ValidationError({field: f"Tối đa {limit} ký tự."})
    return text


def _money(field: str, value: Any) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else 0))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {field: "Số tiền không hợp lệ (ghi số đồng, không phần lẻ)."}
        ) from None
    if not amount.is_finite() or amount < 0 or amount >= MAX_MONEY:
        raise ValidationError({field: "Số tiền phải từ 0 đến dưới 100.000 tỷ đồng."})
    if amount != amount.to_integral_value():
        raise ValidationError({field: "Số tiền ghi bằng đồng, không có phần lẻ."})
    return amount


def _day(field: str, value: Any) -> dt.date:
    if not isinstance(value, dt.date):
        raise ValidationError({field: "Ngày không hợp lệ."})
    return value


def _choice(field: str, value: str, choices: Any) -> str:
    if value not in choices.values:
        raise ValidationError({field: "Lựa chọn không hợp lệ."})
    return value


def commune_of(unit: OrgUnit) -> OrgUnit:
    """The commune or ward a unit belongs to (itself if it is one); the unit when none."""
    current: OrgUnit | None = unit
    while current is not None:
        if current.kind.is_place and current.level.code == COMMUNE_LEVEL:
            return current
        current = current.parent
    return unit


def may_keep_register(actor: Any, commune: OrgUnit) -> bool:
    """A holder on the commune, or on any of its organisations, keeps its households."""
    if can(actor, Cap.WELFARE_MANAGE, commune):
        return True
    return any(path.startswith(commune.path) for path in scope_paths(actor, Cap.WELFARE_MANAGE))


def _in_campaign(campaign: Campaign, unit: OrgUnit) -> bool:
    """The running unit's subtree and each participating organisation's subtree."""
    paths = [campaign.org_unit.path, *(p.path for p in campaign.participants.all())]
    return any(unit.path.startswith(path) for path in paths)


# --- campaigns -------------------------------------------------------------------------


def _campaign_values(
    *, name: Any, kind: Any, starts_on: Any, ends_on: Any, note: Any
) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": _text("name", name, required=True),
        "kind": _choice("kind", str(kind or ""), CampaignKind),
        "starts_on": _day("starts_on", starts_on),
        "ends_on": _day("ends_on", ends_on),
        "note": _text("note", note, limit=5000),
    }
    if values["ends_on"] < values["starts_on"]:
        raise ValidationError({"ends_on": "Ngày kết thúc không được trước ngày bắt đầu."})
    return values


def _participants(units: Iterable[OrgUnit]) -> list[OrgUnit]:
    chosen = list(units)
    closed = [u for u in chosen if u.deleted_at is not None]
    if closed:
        raise ValidationError({"participants": f"Đơn vị «{closed[0].name}» đã bị xóa."})
    return chosen


@service
def campaign_create(
    *,
    actor: Any,
    org_unit: OrgUnit,
    name: str,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    participants: Iterable[OrgUnit] = (),
    note: str = "",
) -> Campaign:
    require(actor, Cap.WELFARE_MANAGE, org_unit)
    values = _campaign_values(name=name, kind=kind, starts_on=starts_on, ends_on=ends_on, note=note)
    campaign = Campaign(org_unit=org_unit, **values)
    campaign.name_folded = fold(campaign.name)
    campaign.full_clean(exclude=["org_unit"])
    campaign.save()
    campaign.participants.set(_participants(participants))
    return campaign


@service
def campaign_update(
    *,
    actor: Any,
    campaign: Campaign,
    version: int | None,
    name: str,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    participants: Iterable[OrgUnit] | None = None,
    note: str = "",
) -> Campaign:
    concurrency.lock(campaign)
    require(actor, Cap.WELFARE_MANAGE, campaign.org_unit)
    concurrency.check_version(campaign, version)
    if campaign.state == CampaignState.PUBLISHED:
        raise ValidationError({"state": "Đợt đã công khai danh sách, không sửa được nữa."})
    before = concurrency.snapshot(campaign)
    values = _campaign_values(name=name, kind=kind, starts_on=starts_on, ends_on=ends_on, note=note)
    for field, value in values.items():
        setattr(campaign, field, value)
    campaign.name_folded = fold(campaign.name)
    changed_people = False
    if participants is not None:
        wanted = {u.pk for u in _participants(participants)}
        changed_people = wanted != set(campaign.participants.values_list("pk", flat=True))
        if changed_people:
            campaign.participants.set(list(wanted))
    concurrency.save_changed(campaign, before, force=changed_people)
    return campaign


@service
def campaign_move(
    *,
    actor: Any,
    campaign: Campaign,
    to: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> Campaign:
    """Start, end, reopen or publish (công khai) a campaign."""
    concurrency.lock(campaign)
    require(actor, Cap.WELFARE_MANAGE, campaign.org_unit)
    concurrency.check_version(campaign, version)
    if to not in MOVES.get(campaign.state, ()):
        target = dict(CampaignState.choices).get(to, to)
        raise ValidationError(
            {
                "to": f"Đợt đang ở trạng thái «{campaign.get_state_display()}», không chuyển "
                f"sang «{target}» được."
            }
        )
    day = on or clock.today()
    if day > clock.today():
        raise ValidationError({"on": "Ngày không được sau hôm nay."})
    campaign.state = to
    fields = ["state"]
    if to == CampaignState.PUBLISHED:
        if day < campaign.starts_on:
            raise ValidationError(
                {
                    "on": "Ngày công khai trước ngày bắt đầu đợt "
                    f"({format_date(campaign.starts_on)})."
                }
            )
        campaign.published_on = day
        fields.append("published_on")
    concurrency.bump(campaign, *fields)
    return campaign


# --- contributions ---------------------------------------------------------------------


@service
def contribution_add(
    *,
    actor: Any,
    campaign: Campaign,
    received_by: OrgUnit,
    donor_name: str,
    received_on: dt.date,
    cash: Any = 0,
    in_kind: str = "",
    in_kind_value: Any = 0,
    donor_unit: OrgUnit | None = None,
) -> Contribution:
    concurrency.lock(campaign)
    require(actor, Cap.WELFARE_MANAGE, received_by)
    if not campaign.takes_contributions:
        raise ValidationError(
            {"campaign": f"Đợt đang «{campaign.get_state_display()}»: không nhận thêm ủng hộ."}
        )
    if not _in_campaign(campaign, received_by):
        raise ValidationError(
            {"received_by": f"«{received_by.name}» không tham gia đợt «{campaign.name}»."}
        )
    contribution = Contribution(
        campaign=campaign,
        received_by=received_by,
        donor_name=_text("donor_name", donor_name, required=True),
        donor_unit=donor_unit,
        received_on=_day("received_on", received_on),
        cash=_money("cash", cash),
        in_kind=_text("in_kind", in_kind, limit=500),
        in_kind_value=_money("in_kind_value", in_kind_value),
    )
    if contribution.received_on > clock.today():
        raise ValidationError({"received_on": "Ngày nhận không được sau hôm nay."})
    if contribution.total <= 0:
        raise ValidationError({"cash": "Ghi số tiền mặt hoặc giá trị hàng ủng hộ."})
    if contribution.in_kind_value and not contribution.in_kind:
        raise ValidationError({"in_kind": "Ghi hàng hóa, hiện vật đã quy ra tiền."})
    contribution.save()
    return contribution


@service
def contribution_remove(*, actor: Any, contribution: Contribution) -> None:
    campaign = contribution.campaign
    concurrency.lock(campaign)
    require(actor, Cap.WELFARE_MANAGE, contribution.received_by)
    if campaign.state == CampaignState.PUBLISHED:
        raise ValidationError({"campaign": "Đợt đã công khai: không xóa khoản ủng hộ được."})
    contribution.deleted_at = timezone.now()
    contribution.save(update_fields=["deleted_at", "updated_at"])


# --- beneficiaries ---------------------------------------------------------------------


def _person_values(
    commune: OrgUnit,
    *,
    head_name: Any,
    address: Any,
    category: Any,
    area: OrgUnit | None,
    id_number: Any,
    phone: Any,
    note: Any,
) -> dict[str, Any]:
    values: dict[str, Any] = {
        "head_name": _text("head_name", head_name, required=True, limit=200),
        "address": _text("address", address),
        "category": _choice("category", str(category or ""), Category),
        "id_number": _text("id_number", id_number, limit=12),
        "phone": _text("phone", phone, limit=20),
        "note": _text("note", note),
        "area": area,
    }
    digits = values["id_number"]
    if digits and (not digits.isdigit() or len(digits) not in (9, 12)):
        raise ValidationError({"id_number": "Số CCCD có 12 chữ số (CMND cũ: 9)."})
    if area is not None and (area.pk == commune.pk or not area.path.startswith(commune.path)):
        raise ValidationError({"area": f"Khu dân cư phải thuộc «{commune.name}»."})
    return values


@service
def beneficiary_create(
    *,
    actor: Any,
    org_unit: OrgUnit,
    head_name: str,
    category: str,
    address: str = "",
    area: OrgUnit | None = None,
    id_number: str = "",
    phone: str = "",
    note: str = "",
) -> Beneficiary:
    """Enter a household in its commune's register (``org_unit`` or the commune it is in)."""
    commune = commune_of(org_unit)
    if not may_keep_register(actor, commune):
        raise PermissionDenied(f"Bạn không có quyền nhập đối tượng của «{commune.name}».")
    values = _person_values(
        commune,
        head_name=head_name,
        address=address,
        category=category,
        area=area,
        id_number=id_number,
        phone=phone,
        note=note,
    )
    person = Beneficiary(org_unit=commune, **values)
    _derive(person)
    person.save()
    return person


def _derive(person: Beneficiary) -> None:
    person.name_folded = fold(person.head_name)
    person.household_key = duplicates.household_key(person.head_name, person.address)


@service
def beneficiary_update(
    *, actor: Any, beneficiary: Beneficiary, version: int | None, **fields: Any
) -> Beneficiary:
    concurrency.lock(beneficiary)
    if not may_keep_register(actor, beneficiary.org_unit):
        raise PermissionDenied(f"Bạn không có quyền sửa đối tượng của «{beneficiary.org_unit}».")
    concurrency.check_version(beneficiary, version)
    before = concurrency.snapshot(beneficiary)
    current = {
        f: getattr(beneficiary, f)
        for f in ("head_name", "address", "category", "area", "id_number", "phone", "note")
    }
    current.update(fields)
    for field, value in _person_values(beneficiary.org_unit, **current).items():
        setattr(beneficiary, field, value)
    _derive(beneficiary)
    concurrency.save_changed(beneficiary, before)
    return beneficiary


# --- gifts -----------------------------------------------------------------------------


def _gift_values(
    campaign: Campaign,
    *,
    given_on: Any,
    portions: Any,
    value: Any,
    form: Any,
    description: Any,
) -> dict[str, Any]:
    day = _day("given_on", given_on)
    if day > clock.today():
        raise ValidationError({"given_on": "Ngày trao không được sau hôm nay."})
    if not campaign.starts_on <= day <= campaign.ends_on:
        raise ValidationError(
            {
                "given_on": f"Ngày trao phải trong thời gian của đợt "
                f"({format_date(campaign.starts_on)} – {format_date(campaign.ends_on)})."
            }
        )
    if not isinstance(portions, int) or isinstance(portions, bool):
        raise ValidationError({"portions": "Số suất phải là số nguyên."})
    if not 1 <= portions <= MAX_PORTIONS:
        raise ValidationError({"portions": f"Số suất từ 1 đến {MAX_PORTIONS}."})
    return {
        "given_on": day,
        "portions": portions,
        "value": _money("value", value),
        "form": _choice("form", str(form or ""), GiftForm),
        "description": _text("description", description),
    }


def _flag(gift: Gift) -> None:
    original = duplicates.original_of(gift)
    if original is not None:
        gift.duplicate_of, gift.duplicate_state = original, DuplicateState.FLAGGED


@service
def gift_create(
    *,
    actor: Any,
    campaign: Campaign,
    beneficiary: Beneficiary,
    giver: OrgUnit,
    given_on: dt.date,
    value: Any,
    form: str = GiftForm.CASH,
    portions: int = 1,
    description: str = "",
) -> Gift:
    """Record a gift; flagged (never refused) when another organisation already gave to
    the same household in the campaign."""
    concurrency.lock(campaign)
    require(actor, Cap.WELFARE_MANAGE, giver)
    if not campaign.takes_gifts:
        raise ValidationError(
            {
                "campaign": f"Đợt đang «{campaign.get_state_display()}»: chỉ nhập quà khi đợt "
                "đang triển khai."
            }
        )
    if not _in_campaign(campaign, giver):
        raise ValidationError({"giver": f"«{giver.name}» không tham gia đợt «{campaign.name}»."})
    if beneficiary.deleted_at is not None:
        raise ValidationError({"beneficiary": "Đối tượng đã bị xóa khỏi danh sách."})
    gift = Gift(
        campaign=campaign,
        beneficiary=beneficiary,
        giver=giver,
        category=beneficiary.category,
        household_key=beneficiary.household_key,
        recorded_by=actor if getattr(actor, "pk", None) else None,
        **_gift_values(
            campaign,
            given_on=given_on,
            portions=portions,
            value=value,
            form=form,
            description=description,
        ),
    )
    gift.save()
    _flag(gift)
    if gift.duplicate_state:
        gift.save(update_fields=["duplicate_of", "duplicate_state"])
    return gift


@service
def gift_update(
    *,
    actor: Any,
    gift: Gift,
    version: int | None,
    given_on: dt.date,
    value: Any,
    form: str,
    portions: int,
    description: str = "",
) -> Gift:
    concurrency.lock(gift)
    require(actor, Cap.WELFARE_MANAGE, gift.giver)
    concurrency.check_version(gift, version)
    campaign = gift.campaign
    if not campaign.takes_gifts:
        raise ValidationError(
            {"campaign": f"Đợt đang «{campaign.get_state_display()}»: không sửa suất quà được."}
        )
    before = concurrency.snapshot(gift)
    values = _gift_values(
        campaign,
        given_on=given_on,
        portions=portions,
        value=value,
        form=form,
        description=description,
    )
    for field, new in values.items():
        setattr(gift, field, new)
    concurrency.save_changed(gift, before)
    return gift


@service
def gift_duplicate_decide(
    *, actor: Any, gift: Gift, keep: bool, note: str, version: int | None = None
) -> Gift:
    """Keep both gifts (with the reason) or remove the duplicate gift (soft delete)."""
    concurrency.lock(gift)
    if not (
        can(actor, Cap.WELFARE_MANAGE, gift.giver)
        or can(actor, Cap.WELFARE_MANAGE, gift.campaign.org_unit)
    ):
        raise PermissionDenied("Bạn không có quyền xem xét suất quà trùng này.")
    concurrency.check_version(gift, version)
    if gift.duplicate_state != DuplicateState.FLAGGED:
        raise ValidationError({"keep": "Suất quà này không ở trạng thái chờ xem xét trùng."})
    if gift.campaign.state == CampaignState.PUBLISHED:
        raise ValidationError({"keep": "Đợt đã công khai: không thay đổi danh sách được."})
    text = _text("note", note, required=keep, limit=2000)
    gift.duplicate_note = text
    if keep:
        gift.duplicate_state = DuplicateState.KEPT
        concurrency.bump(gift, "duplicate_state", "duplicate_note")
    else:
        gift.duplicate_state = DuplicateState.REMOVED
        gift.deleted_at = timezone.now()
        concurrency.bump(gift, "duplicate_state", "duplicate_note", "deleted_at")
    return gift
