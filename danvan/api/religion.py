"""/api/v1/religion: places and events within scope (``Cap.RELIGION_VIEW`` to read,
``RELIGION_MANAGE`` to register an event and move it), and the counts of a subtree.
Situations appear only in the stats of a ``RELIGION_SENSITIVE`` holder, never as records
here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.api.input import MAX_BIGINT, check_text, optional_id
from danvan.api.schemas import ErrorOut
from danvan.core import clock
from danvan.org.selectors import org_unit_get
from danvan.religion import privacy, selectors, services
from danvan.religion.models import Event, EventState, Place, Religion

router = Router()
_WRITE = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class PlaceOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    religion: str
    organisation: str | None
    address: str
    org_unit: dict[str, Any]
    decision_ref: str
    decision_on: dt.date | None
    followers: int
    state: str
    suspended_on: dt.date | None
    emulation_model: dict[str, Any] | None
    version: int


class FigureOut(Schema):
    id: int
    name: str
    role: str
    title: str
    phone: str


class PlaceDetailOut(PlaceOut):
    figures: list[FigureOut]


class PlacePage(Schema):
    count: int
    items: list[PlaceOut]


class EventOut(Schema):
    id: int
    name: str
    place: dict[str, Any]
    org_unit: dict[str, Any]
    starts_on: dt.date
    ends_on: dt.date
    expected_attendance: int
    actual_attendance: int | None
    state: str
    state_label: str
    note: str
    version: int


class EventPage(Schema):
    count: int
    items: list[EventOut]


class EventIn(Schema):
    place: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    expected_attendance: int = 0
    note: str = ""


class EventMoveIn(Schema):
    to: str
    actual_attendance: int | None = None
    note: str = ""
    version: int | None = None


class StatsOut(Schema):
    places: int
    group_points: int
    by_religion: list[dict[str, Any]]
    followers: int
    events: dict[str, int]
    attendance: int
    figures: int
    situations: dict[str, int] | None


def _require(request: HttpRequest) -> None:
    if not can(request.user, Cap.RELIGION_VIEW, None):
        raise Http404("Không tìm thấy.")


def _place(p: Place) -> dict[str, Any]:
    model = p.emulation_model
    return {
        "id": p.pk,
        "name": p.name,
        "kind": p.kind,
        "kind_label": p.get_kind_display(),
        "religion": p.religion.name,
        "organisation": p.organisation.name if p.organisation else None,
        "address": p.address,
        "org_unit": {"id": p.org_unit_id, "name": p.org_unit.name},
        "decision_ref": p.decision_ref,
        "decision_on": p.decision_on,
        "followers": p.followers,
        "state": p.state,
        "suspended_on": p.suspended_on,
        "emulation_model": {"id": model.pk, "name": model.name} if model else None,
        "version": p.version,
    }


def _event(e: Event) -> dict[str, Any]:
    return {
        "id": e.pk,
        "name": e.name,
        "place": {"id": e.place_id, "name": e.place.name},
        "org_unit": {"id": e.org_unit_id, "name": e.org_unit.name},
        "starts_on": e.starts_on,
        "ends_on": e.ends_on,
        "expected_attendance": e.expected_attendance,
        "actual_attendance": e.actual_attendance,
        "state": e.state,
        "state_label": e.get_state_display(),
        "note": e.note,
        "version": e.version,
    }


def _religion(code: str) -> Religion | None:
    if not code:
        return None
    found = Religion.objects.filter(code=code).first()
    if found is None:
        raise ValidationError({"religion": f"Không có tôn giáo mã «{code}»."})
    return found


@router.get("/places", response={200: PlacePage, 400: ErrorOut, 404: ErrorOut})
def list_places(
    request: HttpRequest,
    q: str = "",
    religion: str = "",
    kind: str = "",
    state: str = "",
    org_unit: int | None = optional_id(),
    active_on: dt.date | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_BIGINT),
) -> dict[str, Any]:
    """``religion``: mã tôn giáo (phat-giao, cong-giao…); ``kind``: co_so, diem_nhom."""
    _require(request)
    for field, value in (("q", q), ("religion", religion), ("kind", kind), ("state", state)):
        check_text(field, value)
    unit = org_unit_get(user=request.user, pk=org_unit) if org_unit else None
    found = selectors.place_search(
        user=request.user,
        q=q,
        religion=_religion(religion),
        kind=kind,
        state=state,
        org_unit=unit,
        active_day=active_on,
    ).select_related("emulation_model")
    return {"count": found.count(), "items": [_place(p) for p in found[offset : offset + limit]]}


@router.get("/places/{int:place_id}", response={200: PlaceDetailOut, 404: ErrorOut})
def get_place(request: HttpRequest, place_id: int) -> dict[str, Any]:
    place = selectors.get(request.user, Place, place_id)
    user = request.user
    figures = list(selectors.figure_search(user=user, place=place))
    privacy.log_figures(
        user=user, figures=figures, where=f"API cơ sở #{place.pk}", action="api_danh_sach"
    )
    return _place(place) | {
        "figures": [
            {
                "id": f.pk,
                "name": privacy.name_for(user, f),
                "role": f.role,
                "title": f.title,
                "phone": privacy.phone_for(user, f),
            }
            for f in figures
        ]
    }


@router.get("/events", response={200: EventPage, 400: ErrorOut, 404: ErrorOut})
def list_events(
    request: HttpRequest,
    q: str = "",
    state: str = "",
    religion: str = "",
    org_unit: int | None = optional_id(),
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_BIGINT),
) -> dict[str, Any]:
    """Events overlapping [start, end]; ``state``: dang_ky, da_dien_ra, huy."""
    _require(request)
    for field, value in (("q", q), ("state", state), ("religion", religion)):
        check_text(field, value)
    unit = org_unit_get(user=request.user, pk=org_unit) if org_unit else None
    found = selectors.event_search(
        user=request.user,
        q=q,
        state=state,
        religion=_religion(religion),
        org_unit=unit,
        start=start,
        end=end,
    ).order_by("starts_on", "id")
    return {"count": found.count(), "items": [_event(e) for e in found[offset : offset + limit]]}


@router.get("/events/{int:event_id}", response={200: EventOut, 404: ErrorOut})
def get_event(request: HttpRequest, event_id: int) -> dict[str, Any]:
    return _event(selectors.get(request.user, Event, event_id))


@router.post("/events", response={201: EventOut, **_WRITE})
def create_event(request: HttpRequest, payload: EventIn) -> Status[dict[str, Any]]:
    for field in ("name", "note"):
        check_text(field, getattr(payload, field))
    place = selectors.get(request.user, Place, payload.place)
    values = payload.dict()
    values.pop("place")
    if not values["name"].strip():
        raise ValidationError({"name": "Nhập tên sự kiện, lễ hội."})
    if values["expected_attendance"] < 0:
        raise ValidationError({"expected_attendance": "Số người dự kiến không được âm."})
    event = services.event_create(actor=request.user, place=place, **values)
    return Status(201, _event(selectors.get(request.user, Event, event.pk)))


@router.post("/events/{int:event_id}/transitions", response={200: EventOut, **_WRITE})
def move_event(request: HttpRequest, event_id: int, payload: EventMoveIn) -> dict[str, Any]:
    """``to``: da_dien_ra (``actual_attendance`` bắt buộc) hoặc huy (``note``: lý do)."""
    check_text("note", payload.note)
    event = selectors.get(request.user, Event, event_id)
    if payload.to == EventState.HELD:
        services.event_held(
            actor=request.user,
            event=event,
            actual_attendance=payload.actual_attendance,
            note=payload.note,
            version=payload.version,
        )
    elif payload.to == EventState.CANCELLED:
        services.event_cancel(
            actor=request.user, event=event, note=payload.note, version=payload.version
        )
    else:
        raise ValidationError({"to": "Bước không hợp lệ: da_dien_ra hoặc huy."})
    return _event(selectors.get(request.user, Event, event_id))


@router.get("/stats", response={200: StatsOut, 404: ErrorOut}, summary="Thống kê một địa bàn")
def religion_stats(request: HttpRequest, org_unit: int | None = optional_id()) -> Any:
    _require(request)
    unit = org_unit_get(user=request.user, pk=org_unit) if org_unit else None
    sensitive = can(request.user, Cap.RELIGION_SENSITIVE, unit)
    return selectors.stats(
        user=request.user, org_unit=unit, today=clock.today(), sensitive=sensitive
    )
