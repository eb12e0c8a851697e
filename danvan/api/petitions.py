"""/api/v1/petitions and /api/v1/reception-sessions: the register within scope and
capability (``Cap.PETITION_VIEW`` to read, ``PETITION_MANAGE`` to write). Every read is
logged as on the pages (a list call: one row with the petitions it returned). Lists give
petitioners masked; a record gives them in full where the page would (a tố cáo's only to
its handling officer and administrators)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.api.input import MAX_BIGINT, check_text, optional_id
from danvan.api.schemas import ErrorOut
from danvan.core import clock
from danvan.org.selectors import org_unit_get
from danvan.petitions import forwarding as across
from danvan.petitions import privacy, reception, selectors, services
from danvan.petitions.models import Petition, ReceptionSession, Stage

router = Router()
sessions_router = Router()
_WRITE = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class PersonIn(Schema):
    full_name: str
    address: str = ""
    phone: str = ""
    id_number: str = ""


class PersonOut(Schema):
    full_name: str
    address: str
    phone: str
    id_number: str


class PetitionOut(Schema):
    id: int
    reference: str
    org_unit: dict[str, Any]
    received_on: dt.date
    channel: str
    kind: str
    stage: str
    stage_label: str
    subject: str
    due_on: dt.date | None
    overdue: bool
    resolved_on: dt.date | None
    outcome: str
    duplicate_state: str
    duplicate_of: int | None
    forwarded_from: int | None
    petitioners_label: str
    petitioners: list[PersonOut] | None = None
    version: int


class PetitionPage(Schema):
    count: int
    items: list[PetitionOut]


class PetitionIn(Schema):
    org_unit: int
    received_on: dt.date
    channel: str
    subject: str
    kind: str = "chua_phan_loai"
    concerned_body: str = ""
    anonymous: bool = False
    group_size: int = 1
    petitioners: list[PersonIn] = []


class ClassifyIn(Schema):
    kind: str
    eligible: bool
    competent: bool
    complex_case: bool = False
    note: str = ""


class StepIn(Schema):
    to: str
    note: str = ""


class ForwardIn(Schema):
    to_unit: int | None = None
    to_body: str = ""
    reply_due: dt.date | None = None
    note: str = ""


class ReplyIn(Schema):
    reply: str
    replied_on: dt.date | None = None


class StatOut(Schema):
    kind: str
    stage: str
    count: int


class SessionOut(Schema):
    id: int
    org_unit: dict[str, Any]
    held_on: dt.date
    kind: str
    host: str
    host_title: str
    citizens: int


class SessionIn(Schema):
    org_unit: int
    held_on: dt.date
    kind: str
    host: str
    host_title: str = ""
    place: str = ""


def _out(user: Any, petition: Petition, *, full: bool) -> dict[str, Any]:
    shown = full and privacy.may_see_identity(user, petition) and not petition.anonymous
    people = None
    if shown:
        people = [
            {f: getattr(p, f) for f in ("full_name", "address", "phone", "id_number")}
            for p in petition.petitioners.all()
        ]
    return {
        "id": petition.pk,
        "reference": petition.reference,
        "org_unit": {"id": petition.org_unit_id, "name": petition.org_unit.name},
        "received_on": petition.received_on,
        "channel": petition.channel,
        "kind": petition.kind,
        "stage": petition.stage,
        "stage_label": petition.get_stage_display(),
        "subject": petition.subject,
        "due_on": petition.due_on,
        "overdue": petition.is_overdue(clock.today()),
        "resolved_on": petition.resolved_on,
        "outcome": petition.outcome,
        "duplicate_state": petition.duplicate_state,
        "duplicate_of": petition.duplicate_of_id,
        "forwarded_from": petition.forwarded_from_id,
        "petitioners_label": privacy.list_label(petition),
        "petitioners": people,
        "version": petition.version,
    }


def _require(request: HttpRequest) -> None:
    if not can(request.user, Cap.PETITION_VIEW, None):
        raise Http404("Không tìm thấy.")


@router.get("", response={200: PetitionPage, 404: ErrorOut}, summary="Đơn thư trong phạm vi")
def list_petitions(
    request: HttpRequest,
    q: str = "",
    stage: str = "",
    kind: str = "",
    channel: str = "",
    due: str = "",
    org_unit: int | None = optional_id(),
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_BIGINT),
) -> dict[str, Any]:
    _require(request)
    check_text("q", q)
    unit = org_unit_get(user=request.user, pk=org_unit) if org_unit else None
    found = selectors.petition_search(
        user=request.user,
        q=q,
        stage=stage,
        kind=kind,
        channel=channel,
        due=due,
        org_unit=unit,
        received_from=received_from,
        received_to=received_to,
    )
    rows = list(found[offset : offset + limit])
    privacy.log_list(
        user=request.user,
        petitions=rows,
        api=True,
        page=offset // limit + 1,
        filters=", ".join(
            f"{k}={v}" for k, v in request.GET.items() if k not in ("limit", "offset")
        ),
    )
    return {"count": found.count(), "items": [_out(request.user, p, full=False) for p in rows]}


@router.get(
    "/stats", response={200: list[StatOut], 404: ErrorOut}, summary="Thống kê theo loại, bước"
)
def petition_stats(request: HttpRequest, org_unit: int | None = optional_id()) -> Any:
    _require(request)
    unit = org_unit_get(user=request.user, pk=org_unit) if org_unit else None
    return selectors.stats(user=request.user, org_unit=unit)


@router.get("/{int:petition_id}", response={200: PetitionOut, 404: ErrorOut})
def get_petition(request: HttpRequest, petition_id: int) -> dict[str, Any]:
    petition = selectors.petition_get(user=request.user, pk=petition_id)
    privacy.log_detail(user=request.user, petition=petition, api=True)
    return _out(request.user, petition, full=True)


def _reread(request: HttpRequest, pk: int) -> dict[str, Any]:
    return _out(request.user, selectors.petition_get(user=request.user, pk=pk), full=True)


@router.post("", response={201: PetitionOut, **_WRITE})
def create_petition(request: HttpRequest, payload: PetitionIn) -> Status[dict[str, Any]]:
    for field in ("subject", "concerned_body", "channel", "kind"):
        check_text(field, getattr(payload, field))
    unit = org_unit_get(user=request.user, pk=payload.org_unit)
    petition = services.petition_create(
        actor=request.user,
        org_unit=unit,
        received_on=payload.received_on,
        channel=payload.channel,
        subject=payload.subject,
        kind=payload.kind,
        concerned_body=payload.concerned_body,
        anonymous=payload.anonymous,
        group_size=payload.group_size,
        petitioners=[p.dict() for p in payload.petitioners],
    )
    return Status(201, _reread(request, petition.pk))


@router.post("/{int:petition_id}/classify", response={200: PetitionOut, **_WRITE})
def classify(request: HttpRequest, petition_id: int, payload: ClassifyIn) -> dict[str, Any]:
    petition = selectors.petition_get(user=request.user, pk=petition_id)
    services.petition_classify(actor=request.user, petition=petition, **payload.dict())
    return _reread(request, petition_id)


@router.post("/{int:petition_id}/transitions", response={200: PetitionOut, **_WRITE})
def transition(request: HttpRequest, petition_id: int, payload: StepIn) -> dict[str, Any]:
    """``to``: thu_ly, huong_dan, luu_don, xac_minh, giai_quyet, tra_loi, theo_doi, ket_thuc."""
    check_text("note", payload.note)
    petition = selectors.petition_get(user=request.user, pk=petition_id)
    user, to, note = request.user, payload.to, payload.note
    if to == Stage.ACCEPTED:
        services.petition_accept(actor=user, petition=petition, note=note)
    elif to == Stage.GUIDED:
        services.petition_guide(actor=user, petition=petition, note=note)
    elif to == Stage.ARCHIVED:
        services.petition_archive(actor=user, petition=petition, note=note)
    elif to in Stage.values:
        services.petition_move(actor=user, petition=petition, to=to, note=note)
    else:
        from django.core.exceptions import ValidationError

        raise ValidationError({"to": "Bước không hợp lệ."})
    return _reread(request, petition_id)


@router.post("/{int:petition_id}/forward", response={200: PetitionOut, **_WRITE})
def forward(request: HttpRequest, petition_id: int, payload: ForwardIn) -> dict[str, Any]:
    check_text("to_body", payload.to_body)
    petition = selectors.petition_get(user=request.user, pk=petition_id)
    from danvan.org.models import OrgUnit

    to_unit = None
    if payload.to_unit:
        to_unit = OrgUnit.objects.filter(pk=payload.to_unit, valid_to__isnull=True).first()
        if to_unit is None:
            raise Http404("Không tìm thấy đơn vị nhận.")
    across.petition_forward(
        actor=request.user,
        petition=petition,
        to_unit=to_unit,
        to_body=payload.to_body,
        reply_due=payload.reply_due,
        note=payload.note,
    )
    return _reread(request, petition_id)


@router.post("/forwardings/{int:forwarding_id}/reply", response={200: PetitionOut, **_WRITE})
def outside_reply(request: HttpRequest, forwarding_id: int, payload: ReplyIn) -> dict[str, Any]:
    """The reply of a body outside the system; a unit inside answers on its own entry
    (``transitions`` with ``tra_loi``) and the reply comes back by itself."""
    check_text("reply", payload.reply)
    forwarding = selectors.forwarding_get(user=request.user, pk=forwarding_id)
    across.petition_outside_reply(
        actor=request.user,
        forwarding=forwarding,
        reply=payload.reply,
        replied_on=payload.replied_on,
    )
    return _reread(request, forwarding.petition_id)


@sessions_router.get(
    "", response={200: list[SessionOut], 404: ErrorOut}, summary="Buổi tiếp công dân"
)
def list_sessions(
    request: HttpRequest,
    org_unit: int | None = optional_id(),
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[dict[str, Any]]:
    _require(request)
    unit = org_unit_get(user=request.user, pk=org_unit) if org_unit else None
    rows = selectors.sessions(user=request.user, org_unit=unit, start=start, end=end)
    return [_session(s) for s in rows.prefetch_related("visits")[:500]]


def _session(s: ReceptionSession) -> dict[str, Any]:
    return {
        "id": s.pk,
        "org_unit": {"id": s.org_unit_id, "name": s.org_unit.name},
        "held_on": s.held_on,
        "kind": s.kind,
        "host": s.host,
        "host_title": s.host_title,
        "citizens": sum(v.group_size for v in s.visits.all()),
    }


@sessions_router.post("", response={201: SessionOut, **_WRITE})
def create_session(request: HttpRequest, payload: SessionIn) -> Status[dict[str, Any]]:
    for field in ("kind", "host", "host_title", "place"):
        check_text(field, getattr(payload, field))
    unit = org_unit_get(user=request.user, pk=payload.org_unit)
    values = payload.dict()
    values.pop("org_unit")
    session = reception.session_create(actor=request.user, org_unit=unit, **values)
    return Status(201, _session(session))
