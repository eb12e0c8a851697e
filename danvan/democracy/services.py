"""Writes to the grassroots-democracy register. Every service is atomic and audited
(``@service``), takes the row lock before it checks anything (``concurrency.lock``),
refuses a save made from an older version, asks ``Cap.DEMOCRACY_MANAGE`` on the unit that
keeps the record, and refuses a bad value or an illegal move with a Vietnamese message
naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.democracy.models import (
    Consultation,
    ConsultationState,
    DecisionState,
    Disclosure,
    DisclosureState,
    Outcome,
    Oversight,
    OversightState,
    PeopleDecision,
)
from danvan.lib.dates import format_date
from danvan.lib.numbers import format_number
from danvan.org.models import OrgUnit

M = TypeVar("M", bound=Model)
MAX_COUNT = 10_000_000

DISCLOSURE_FIELDS = ("content", "item", "form", "starts_on", "ends_on", "note")
DECISION_FIELDS = ("kind", "subject", "method", "held_on", "households_total", "note")
OVERSIGHT_FIELDS = ("board", "subject", "found_on", "findings", "recommendations")
# A record moved on keeps only these editable.
AFTER_MOVE = {"note"}


def _clean_text(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for name, value in values.items():
        if isinstance(value, str):
            if "\x00" in value:
                raise ValidationError({name: "Nội dung chứa ký tự không hợp lệ."})
            value = " ".join(value.split()) if "\n" not in value else value.strip()
        cleaned[name] = value
    return cleaned


def _count(value: Any, name: str, label: str) -> int:
    if value is None or isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError({name: f"Nhập {label} (số nguyên không âm)."})
    if value < 0 or value > MAX_COUNT:
        limit = format_number(MAX_COUNT)
        raise ValidationError({name: f"{label[0].upper()}{label[1:]} phải từ 0 đến {limit}."})
    return value


def _validate(record: Model) -> None:
    starts = getattr(record, "starts_on", None)
    ends = getattr(record, "ends_on", None)
    if starts and ends and ends < starts:
        raise ValidationError({"ends_on": "Ngày kết thúc không được trước ngày bắt đầu."})
    if isinstance(record, Oversight) and record.found_on > clock.today():
        raise ValidationError({"found_on": "Ngày kết luận không được sau hôm nay."})
    if isinstance(record, Consultation) and record.starts_on > clock.today():
        raise ValidationError({"starts_on": "Ngày bắt đầu lấy ý kiến không được sau hôm nay."})
    if isinstance(record, PeopleDecision):
        _count(record.households_total, "households_total", "tổng số hộ gia đình")
    record.full_clean(exclude=["org_unit", "item"])


def _create(model: type[M], *, actor: Any, org_unit: OrgUnit, **values: Any) -> M:
    require(actor, Cap.DEMOCRACY_MANAGE, org_unit)
    if not org_unit.kind.is_place:  # type: ignore[attr-defined]
        raise ValidationError(
            {"org_unit": "Chọn một xã, phường hoặc khu dân cư (không phải cơ quan, tổ chức)."}
        )
    record = model(org_unit=org_unit, **_clean_text(values))
    _validate(record)
    record.save()
    return record


def _update(
    record: M,
    *,
    actor: Any,
    fields: Iterable[str],
    version: int | None,
    editable: bool,
    **changes: Any,
) -> M:
    concurrency.lock(record)
    require(actor, Cap.DEMOCRACY_MANAGE, record.org_unit)  # type: ignore[attr-defined]
    unknown = set(changes) - set(fields)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    concurrency.check_version(record, version)
    if not editable and set(changes) - AFTER_MOVE:
        state = record.get_state_display()  # type: ignore[attr-defined]
        raise ValidationError({"state": f"Bản ghi đang ở tình trạng «{state}»: không sửa được."})
    before = concurrency.snapshot(record)
    for name, value in _clean_text(changes).items():
        setattr(record, name, value)
    _validate(record)
    concurrency.save_changed(record, before)
    return record


def _move(record: Model, actor: Any, version: int | None, allowed: tuple[str, ...]) -> None:
    concurrency.lock(record)
    require(actor, Cap.DEMOCRACY_MANAGE, record.org_unit)  # type: ignore[attr-defined]
    concurrency.check_version(record, version)
    if record.state not in allowed:  # type: ignore[attr-defined]
        state = record.get_state_display()  # type: ignore[attr-defined]
        raise ValidationError({"state": f"«{record}» đang ở tình trạng «{state}»."})


def _day(on: dt.date | None, name: str) -> dt.date:
    today = clock.today()
    if on is None:
        return today
    if on > today:
        raise ValidationError({name: "Ngày không được sau hôm nay."})
    return on


# --- disclosures («dân biết») ----------------------------------------------------------


@service
def disclosure_create(*, actor: Any, org_unit: OrgUnit, **values: Any) -> Disclosure:
    """A draft: nothing is public until ``disclosure_publish``."""
    values.pop("state", None)
    return _create(Disclosure, actor=actor, org_unit=org_unit, **values)


@service
def disclosure_update(
    *, actor: Any, disclosure: Disclosure, version: int | None = None, **changes: Any
) -> Disclosure:
    return _update(
        disclosure,
        actor=actor,
        fields=DISCLOSURE_FIELDS,
        version=version,
        editable=disclosure.state == DisclosureState.DRAFT,
        **changes,
    )


@service
def disclosure_publish(
    *, actor: Any, disclosure: Disclosure, version: int | None = None
) -> Disclosure:
    """Nháp → đang công khai (from its first day; it shows «hết hạn» after its last)."""
    _move(disclosure, actor, version, (DisclosureState.DRAFT,))
    before = concurrency.snapshot(disclosure)
    disclosure.state = DisclosureState.PUBLISHED
    concurrency.save_changed(disclosure, before)
    return disclosure


@service
def disclosure_withdraw(
    *, actor: Any, disclosure: Disclosure, reason: str, version: int | None = None
) -> Disclosure:
    """Đang công khai → thu hồi, with the reason."""
    _move(disclosure, actor, version, (DisclosureState.PUBLISHED,))
    reason = _clean_text({"reason": reason or ""})["reason"]
    if not reason:
        raise ValidationError({"reason": "Ghi lý do thu hồi."})
    before = concurrency.snapshot(disclosure)
    disclosure.state = DisclosureState.WITHDRAWN
    disclosure.withdrawn_reason = reason
    concurrency.save_changed(disclosure, before)
    return disclosure


# --- matters decided by the people («dân bàn, dân quyết») ------------------------------


@service
def decision_create(*, actor: Any, org_unit: OrgUnit, **values: Any) -> PeopleDecision:
    """Dự kiến tổ chức: the votes are recorded by ``decision_record``."""
    for name in ("state", "outcome", "households_taking_part", "votes_for", "votes_against"):
        values.pop(name, None)
    return _create(PeopleDecision, actor=actor, org_unit=org_unit, **values)


@service
def decision_update(
    *, actor: Any, decision: PeopleDecision, version: int | None = None, **changes: Any
) -> PeopleDecision:
    return _update(
        decision,
        actor=actor,
        fields=DECISION_FIELDS,
        version=version,
        editable=decision.state == DecisionState.PLANNED,
        **changes,
    )


@service
def decision_record(
    *,
    actor: Any,
    decision: PeopleDecision,
    households_taking_part: int,
    votes_for: int,
    votes_against: int,
    households_total: int | None = None,
    version: int | None = None,
) -> PeopleDecision:
    """Dự kiến → đã biểu quyết, with the households and votes; the outcome follows the
    rule of ``PeopleDecision`` (more than half of all households for)."""
    _move(decision, actor, version, (DecisionState.PLANNED,))
    total = _count(
        decision.households_total if households_total is None else households_total,
        "households_total",
        "tổng số hộ gia đình",
    )
    taking_part = _count(households_taking_part, "households_taking_part", "số hộ tham gia")
    yes = _count(votes_for, "votes_for", "số hộ tán thành")
    no = _count(votes_against, "votes_against", "số hộ không tán thành")
    if total == 0:
        raise ValidationError({"households_total": "Tổng số hộ gia đình phải lớn hơn 0."})
    if taking_part > total:
        raise ValidationError(
            {"households_taking_part": f"Số hộ tham gia ({taking_part}) vượt tổng số hộ ({total})."}
        )
    if yes + no > taking_part:
        raise ValidationError(
            {
                "votes_for": f"Số hộ tán thành và không tán thành ({yes} + {no}) vượt số hộ "
                f"tham gia ({taking_part})."
            }
        )
    if decision.held_on > clock.today():
        raise ValidationError(
            {"held_on": f"Dự kiến tổ chức ngày {format_date(decision.held_on)}, chưa diễn ra."}
        )
    before = concurrency.snapshot(decision)
    decision.households_total = total
    decision.households_taking_part = taking_part
    decision.votes_for = yes
    decision.votes_against = no
    decision.outcome = Outcome.PASSED if PeopleDecision.passes(total, yes) else Outcome.REJECTED
    decision.state = DecisionState.DECIDED
    concurrency.save_changed(decision, before)
    return decision


@service
def decision_cancel(
    *, actor: Any, decision: PeopleDecision, reason: str, version: int | None = None
) -> PeopleDecision:
    _move(decision, actor, version, (DecisionState.PLANNED,))
    reason = _clean_text({"reason": reason or ""})["reason"]
    if not reason:
        raise ValidationError({"reason": "Ghi lý do hủy."})
    before = concurrency.snapshot(decision)
    decision.state = DecisionState.CANCELLED
    decision.note = f"{decision.note}\nHủy: {reason}".strip()
    concurrency.save_changed(decision, before)
    return decision


# --- consultations («dân bàn, cho ý kiến») ---------------------------------------------


@service
def consultation_create(*, actor: Any, org_unit: OrgUnit, **values: Any) -> Consultation:
    for name in ("state", "opinions_received", "taken_up_count", "taken_up_summary"):
        values.pop(name, None)
    return _create(Consultation, actor=actor, org_unit=org_unit, **values)


@service
def consultation_update(
    *, actor: Any, consultation: Consultation, version: int | None = None, **changes: Any
) -> Consultation:
    return _update(
        consultation,
        actor=actor,
        fields=("subject", "starts_on", "ends_on"),
        version=version,
        editable=consultation.state == ConsultationState.OPEN,
        **changes,
    )


@service
def consultation_close(
    *,
    actor: Any,
    consultation: Consultation,
    opinions_received: int,
    taken_up_count: int,
    taken_up_summary: str = "",
    version: int | None = None,
) -> Consultation:
    """Đang lấy ý kiến → đã kết thúc, with the opinions received and those taken up."""
    _move(consultation, actor, version, (ConsultationState.OPEN,))
    received = _count(opinions_received, "opinions_received", "số ý kiến nhận được")
    taken = _count(taken_up_count, "taken_up_count", "số ý kiến được tiếp thu")
    if taken > received:
        raise ValidationError(
            {
                "taken_up_count": f"Số ý kiến tiếp thu ({taken}) vượt số ý kiến nhận được "
                f"({received})."
            }
        )
    summary = _clean_text({"taken_up_summary": taken_up_summary or ""})["taken_up_summary"]
    if taken and not summary:
        raise ValidationError({"taken_up_summary": "Tóm tắt những ý kiến đã tiếp thu."})
    before = concurrency.snapshot(consultation)
    consultation.opinions_received = received
    consultation.taken_up_count = taken
    consultation.taken_up_summary = summary
    consultation.state = ConsultationState.CLOSED
    concurrency.save_changed(consultation, before)
    return consultation


# --- oversight («dân kiểm tra, giám sát») ----------------------------------------------


@service
def oversight_create(*, actor: Any, org_unit: OrgUnit, **values: Any) -> Oversight:
    for name in ("state", "resolution", "resolved_on"):
        values.pop(name, None)
    if not (values.get("findings") or "").strip():
        raise ValidationError({"findings": "Nhập kết quả kiểm tra, giám sát."})
    return _create(Oversight, actor=actor, org_unit=org_unit, **values)


@service
def oversight_update(
    *, actor: Any, oversight: Oversight, version: int | None = None, **changes: Any
) -> Oversight:
    return _update(
        oversight,
        actor=actor,
        fields=OVERSIGHT_FIELDS,
        version=version,
        editable=oversight.state == OversightState.OPEN,
        **changes,
    )


@service
def oversight_resolve(
    *,
    actor: Any,
    oversight: Oversight,
    resolution: str,
    on: dt.date | None = None,
    version: int | None = None,
) -> Oversight:
    """Mở → đã xử lý, with what was done about the recommendations."""
    _move(oversight, actor, version, (OversightState.OPEN,))
    resolution = _clean_text({"resolution": resolution or ""})["resolution"]
    if not resolution:
        raise ValidationError({"resolution": "Ghi kết quả xử lý kiến nghị."})
    day = _day(on, "on")
    if day < oversight.found_on:
        raise ValidationError({"on": "Ngày xử lý trước ngày kết luận giám sát."})
    before = concurrency.snapshot(oversight)
    oversight.state = OversightState.RESOLVED
    oversight.resolution = resolution
    oversight.resolved_on = day
    concurrency.save_changed(oversight, before)
    return oversight
