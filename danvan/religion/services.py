"""Writes to the religious affairs register. Every service is atomic and audited
(``@service``), takes the row lock before it checks anything (``concurrency.lock``),
refuses a save made from an older version, asks ``Cap.RELIGION_MANAGE`` on the unit that
keeps the record (``Cap.RELIGION_SENSITIVE`` for a situation), and refuses a bad value or
an illegal move with a Vietnamese message naming the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.lib.dates import format_date
from danvan.org.models import OrgUnit
from danvan.religion.models import (
    EVENT_MOVES,
    SITUATION_MOVES,
    Event,
    EventState,
    Figure,
    Organisation,
    Place,
    PlaceKind,
    PlaceState,
    Situation,
    SituationState,
)

M = TypeVar("M", bound=Model)

ORGANISATION_FIELDS = (
    "name",
    "religion",
    "status",
    "decision_ref",
    "decision_on",
    "address",
    "note",
    "emulation_model",
)
PLACE_FIELDS = (
    "name",
    "kind",
    "religion",
    "organisation",
    "address",
    "decision_ref",
    "decision_on",
    "active_since",
    "followers",
    "note",
    "emulation_model",
)
FIGURE_FIELDS = ("full_name", "role", "title", "place", "phone", "note")
EVENT_FIELDS = ("name", "starts_on", "ends_on", "expected_attendance", "note")
SITUATION_FIELDS = ("place", "noted_on", "summary", "assessment")


def _clean_text(values: dict[str, Any]) -> dict[str, Any]:
    cleaned = {}
    for field, value in values.items():
        if isinstance(value, str):
            if "\x00" in value:
                raise ValidationError({field: "Nội dung chứa ký tự không hợp lệ."})
            value = " ".join(value.split()) if "\n" not in value else value.strip()
        cleaned[field] = value
    return cleaned


def _check_links(actor: Any, record: Model) -> None:
    """The records a record points to must be within the actor's reach (and a figure's
    or a situation's place within the record's unit)."""
    unit: OrgUnit = record.org_unit  # type: ignore[attr-defined]
    place = getattr(record, "place", None)
    outside = place is not None and (
        place.deleted_at is not None or not place.org_unit.path.startswith(unit.path)
    )
    if outside and not isinstance(record, Event):
        raise ValidationError({"place": "Cơ sở thờ tự không thuộc địa bàn đã chọn."})
    organisation = getattr(record, "organisation", None)
    if organisation is not None and not can(actor, Cap.RELIGION_VIEW, organisation.org_unit):
        raise ValidationError({"organisation": "Tổ chức tôn giáo nằm ngoài phạm vi của bạn."})
    model = getattr(record, "emulation_model", None)
    if model is not None and not can(actor, Cap.EMULATION_VIEW, model.unit):
        raise ValidationError({"emulation_model": "Mô hình nằm ngoài phạm vi của bạn."})


def _validate(record: Model) -> None:
    if isinstance(record, Place) and record.kind == PlaceKind.GROUP:
        errors = {}
        if not record.decision_ref:
            errors["decision_ref"] = "Điểm nhóm phải có số văn bản chấp thuận đăng ký."
        if record.decision_on is None:
            errors["decision_on"] = "Điểm nhóm phải có ngày chấp thuận đăng ký."
        if errors:
            raise ValidationError(errors)
    if isinstance(record, Event) and record.ends_on < record.starts_on:
        raise ValidationError({"ends_on": "Ngày kết thúc không được trước ngày bắt đầu."})
    decided = getattr(record, "decision_on", None)
    if isinstance(record, Organisation | Place) and decided and decided > clock.today():
        raise ValidationError({"decision_on": "Ngày quyết định không được sau hôm nay."})
    record.full_clean(exclude=["org_unit", "religion", "organisation", "place"])


def _create(model: type[M], *, actor: Any, cap: Cap, org_unit: OrgUnit, **values: Any) -> M:
    require(actor, cap, org_unit)
    record = model(org_unit=org_unit, **_clean_text(values))
    _check_links(actor, record)
    _validate(record)
    record.save()
    return record


def _update(
    record: M, *, actor: Any, cap: Cap, fields: Iterable[str], version: int | None, **changes: Any
) -> M:
    concurrency.lock(record)
    require(actor, cap, record.org_unit)  # type: ignore[attr-defined]
    unknown = set(changes) - set(fields)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    concurrency.check_version(record, version)
    before = concurrency.snapshot(record)
    for field, value in _clean_text(changes).items():
        setattr(record, field, value)
    _check_links(actor, record)
    _validate(record)
    concurrency.save_changed(record, before)
    return record


def _day(on: dt.date | None, field: str = "on") -> dt.date:
    today = clock.today()
    if on is None:
        return today
    if on > today:
        raise ValidationError({field: "Ngày không được sau hôm nay."})
    return on


# --- organisations, places, figures --------------------------------------------------


@service
def organisation_create(*, actor: Any, org_unit: OrgUnit, **values: Any) -> Organisation:
    return _create(Organisation, actor=actor, cap=Cap.RELIGION_MANAGE, org_unit=org_unit, **values)


@service
def organisation_update(
    *, actor: Any, organisation: Organisation, version: int | None = None, **changes: Any
) -> Organisation:
    return _update(
        organisation,
        actor=actor,
        cap=Cap.RELIGION_MANAGE,
        fields=ORGANISATION_FIELDS,
        version=version,
        **changes,
    )


@service
def place_create(*, actor: Any, org_unit: OrgUnit, **values: Any) -> Place:
    return _create(Place, actor=actor, cap=Cap.RELIGION_MANAGE, org_unit=org_unit, **values)


@service
def place_update(*, actor: Any, place: Place, version: int | None = None, **changes: Any) -> Place:
    return _update(
        place,
        actor=actor,
        cap=Cap.RELIGION_MANAGE,
        fields=PLACE_FIELDS,
        version=version,
        **changes,
    )


@service
def place_set_state(
    *, actor: Any, place: Place, state: str, on: dt.date | None = None, version: int | None = None
) -> Place:
    """Tạm ngừng (from ``on``) or hoạt động trở lại. The stock counts it on a day only
    when it was not suspended then."""
    concurrency.lock(place)
    require(actor, Cap.RELIGION_MANAGE, place.org_unit)
    concurrency.check_version(place, version)
    if state not in PlaceState.values:
        raise ValidationError({"state": "Tình trạng không hợp lệ."})
    if state == place.state:
        raise ValidationError(
            {"state": f"{place} đang ở tình trạng «{place.get_state_display()}»."}
        )
    before = concurrency.snapshot(place)
    place.state = state
    place.suspended_on = _day(on) if state == PlaceState.SUSPENDED else None
    concurrency.save_changed(place, before)
    return place


@service
def figure_create(*, actor: Any, org_unit: OrgUnit, **values: Any) -> Figure:
    return _create(Figure, actor=actor, cap=Cap.RELIGION_MANAGE, org_unit=org_unit, **values)


@service
def figure_update(
    *, actor: Any, figure: Figure, version: int | None = None, **changes: Any
) -> Figure:
    return _update(
        figure,
        actor=actor,
        cap=Cap.RELIGION_MANAGE,
        fields=FIGURE_FIELDS,
        version=version,
        **changes,
    )


# --- events ----------------------------------------------------------------------------


def _refuse_move(record: Event | Situation, to: str, moves: dict[str, tuple[str, ...]]) -> None:
    labels = dict(EventState.choices) | dict(SituationState.choices)
    if to not in moves.get(record.state, ()):
        raise ValidationError(
            {
                "state": f"«{record}» đang ở tình trạng «{labels[record.state]}», "
                f"không chuyển sang «{labels.get(to, to)}» được."
            }
        )


@service
def event_create(*, actor: Any, place: Place, **values: Any) -> Event:
    """Đăng ký, thông báo một sự kiện, lễ hội tại ``place`` (kept by the place's unit)."""
    if place.state != PlaceState.ACTIVE:
        raise ValidationError({"place": f"{place} đang tạm ngừng hoạt động."})
    return _create(
        Event, actor=actor, cap=Cap.RELIGION_MANAGE, org_unit=place.org_unit, place=place, **values
    )


@service
def event_update(*, actor: Any, event: Event, version: int | None = None, **changes: Any) -> Event:
    if event.state != EventState.PLANNED and set(changes) - {"note"}:
        raise ValidationError({"state": "Sự kiện đã kết thúc: chỉ sửa được ghi chú."})
    return _update(
        event,
        actor=actor,
        cap=Cap.RELIGION_MANAGE,
        fields=EVENT_FIELDS,
        version=version,
        **changes,
    )


@service
def event_held(
    *,
    actor: Any,
    event: Event,
    actual_attendance: int | None,
    note: str = "",
    version: int | None = None,
) -> Event:
    """Đã diễn ra: the actual attendance is required."""
    concurrency.lock(event)
    require(actor, Cap.RELIGION_MANAGE, event.org_unit)
    concurrency.check_version(event, version)
    _refuse_move(event, EventState.HELD, EVENT_MOVES)
    if actual_attendance is None or actual_attendance < 0:
        raise ValidationError({"actual_attendance": "Nhập số người thực tế tham dự."})
    if event.starts_on > clock.today():
        raise ValidationError(
            {"state": f"Sự kiện bắt đầu ngày {format_date(event.starts_on)}, chưa diễn ra."}
        )
    before = concurrency.snapshot(event)
    event.state = EventState.HELD
    event.actual_attendance = actual_attendance
    if note:
        event.note = _clean_text({"note": note})["note"]
    concurrency.save_changed(event, before)
    return event


@service
def event_cancel(*, actor: Any, event: Event, note: str, version: int | None = None) -> Event:
    concurrency.lock(event)
    require(actor, Cap.RELIGION_MANAGE, event.org_unit)
    concurrency.check_version(event, version)
    _refuse_move(event, EventState.CANCELLED, EVENT_MOVES)
    note = _clean_text({"note": note or ""})["note"]
    if not note:
        raise ValidationError({"note": "Ghi lý do hủy."})
    before = concurrency.snapshot(event)
    event.state = EventState.CANCELLED
    event.note = note
    concurrency.save_changed(event, before)
    return event


# --- situations (RELIGION_SENSITIVE) ----------------------------------------------------


@service
def situation_create(*, actor: Any, org_unit: OrgUnit, **values: Any) -> Situation:
    values["noted_on"] = _day(values.get("noted_on"), "noted_on")
    if not (values.get("summary") or "").strip():
        raise ValidationError({"summary": "Nhập diễn biến tình hình."})
    return _create(Situation, actor=actor, cap=Cap.RELIGION_SENSITIVE, org_unit=org_unit, **values)


@service
def situation_update(
    *, actor: Any, situation: Situation, version: int | None = None, **changes: Any
) -> Situation:
    if "noted_on" in changes:
        changes["noted_on"] = _day(changes["noted_on"], "noted_on")
    return _update(
        situation,
        actor=actor,
        cap=Cap.RELIGION_SENSITIVE,
        fields=SITUATION_FIELDS,
        version=version,
        **changes,
    )


@service
def situation_close(
    *,
    actor: Any,
    situation: Situation,
    to: str,
    outcome: str,
    handed_to: str = "",
    on: dt.date | None = None,
    version: int | None = None,
) -> Situation:
    """Đã ổn định, or chuyển cơ quan chức năng (naming the body)."""
    concurrency.lock(situation)
    require(actor, Cap.RELIGION_SENSITIVE, situation.org_unit)
    concurrency.check_version(situation, version)
    _refuse_move(situation, to, SITUATION_MOVES)
    values = _clean_text({"outcome": outcome or "", "handed_to": handed_to or ""})
    if not values["outcome"]:
        raise ValidationError({"outcome": "Ghi kết quả theo dõi, xử lý."})
    if to == SituationState.HANDED_OVER and not values["handed_to"]:
        raise ValidationError({"handed_to": "Ghi cơ quan chức năng tiếp nhận."})
    day = _day(on)
    if day < situation.noted_on:
        raise ValidationError({"on": "Ngày kết thúc trước ngày nắm tình hình."})
    before = concurrency.snapshot(situation)
    situation.state = to
    situation.outcome = values["outcome"]
    situation.handed_to = values["handed_to"] if to == SituationState.HANDED_OVER else ""
    situation.closed_on = day
    concurrency.save_changed(situation, before)
    return situation
