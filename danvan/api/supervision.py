"""/api/v1/supervision: programmes, activities and recommendations within scope
(``Cap.SUPERVISION_VIEW`` to read, ``SUPERVISION_MANAGE`` to write), the counts of a
subtree, a recommendation's edit (``version`` or ``If-Match``; a stale one is a 409) and
the answers received."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.api.input import MAX_BIGINT, check_text, optional_id, optional_year
from danvan.api.schemas import ErrorOut
from danvan.core import clock
from danvan.core.concurrency import parse_if_match
from danvan.org.selectors import org_unit_get
from danvan.supervision import selectors, services
from danvan.supervision.models import Activity, Programme, Recommendation

router = Router()
_WRITE = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class ProgrammeOut(Schema):
    id: int
    org_unit: dict[str, Any]
    year: int
    title: str
    basis: str
    approved_by: str
    approved_on: dt.date | None
    activity_count: int
    version: int


class ProgrammePage(Schema):
    count: int
    items: list[ProgrammeOut]


class ActivityOut(Schema):
    id: int
    programme: dict[str, Any]
    org_unit: dict[str, Any]
    kind: str
    kind_label: str
    form: str
    form_label: str
    title: str
    target: str
    starts_on: dt.date
    ends_on: dt.date | None
    members: str
    findings: str
    state: str
    state_label: str
    recommendation_count: int
    version: int


class ActivityPage(Schema):
    count: int
    items: list[ActivityOut]


class ResponseOut(Schema):
    id: int
    received_on: dt.date
    by_body: str
    summary: str
    document_ref: str


class RecommendationOut(Schema):
    id: int
    activity: dict[str, Any]
    org_unit: dict[str, Any]
    content: str
    addressed_to: str
    made_on: dt.date
    due_on: dt.date
    state: str
    state_label: str
    overdue: bool
    answered_on: dt.date | None
    settled_on: dt.date | None
    escalated_to: str
    outcome: str
    responses: list[ResponseOut]
    version: int


class RecommendationPage(Schema):
    count: int
    items: list[RecommendationOut]


class RecommendationPatch(Schema):
    content: str | None = None
    addressed_to: str | None = None
    due_on: dt.date | None = None
    version: int | None = None


class ResponseIn(Schema):
    received_on: dt.date | None = None
    by_body: str = ""
    summary: str
    document_ref: str = ""
    version: int | None = None


class StatsOut(Schema):
    programmes: int
    activities: dict[str, dict[str, int]]
    recommendations: dict[str, int]
    overdue: int


def _require(request: HttpRequest) -> None:
    if not can(request.user, Cap.SUPERVISION_VIEW, None):
        raise Http404("Không tìm thấy.")


def _unit(request: HttpRequest, pk: int | None) -> Any:
    return org_unit_get(user=request.user, pk=pk) if pk else None


def _programme(p: Programme) -> dict[str, Any]:
    return {
        "id": p.pk,
        "org_unit": {"id": p.org_unit_id, "name": p.org_unit.name},
        "year": p.year,
        "title": p.title,
        "basis": p.basis,
        "approved_by": p.approved_by,
        "approved_on": p.approved_on,
        "activity_count": getattr(p, "activity_count", 0),
        "version": p.version,
    }


def _activity(a: Activity) -> dict[str, Any]:
    return {
        "id": a.pk,
        "programme": {"id": a.programme_id, "title": a.programme.title},
        "org_unit": {"id": a.org_unit_id, "name": a.org_unit.name},
        "kind": a.kind,
        "kind_label": a.get_kind_display(),
        "form": a.form,
        "form_label": a.get_form_display(),
        "title": a.title,
        "target": a.target,
        "starts_on": a.starts_on,
        "ends_on": a.ends_on,
        "members": a.members,
        "findings": a.findings,
        "state": a.state,
        "state_label": a.get_state_display(),
        "recommendation_count": getattr(a, "rec_count", 0),
        "version": a.version,
    }


def _rec(r: Recommendation, today: dt.date) -> dict[str, Any]:
    return {
        "id": r.pk,
        "activity": {"id": r.activity_id, "title": r.activity.title, "kind": r.activity.kind},
        "org_unit": {"id": r.org_unit_id, "name": r.org_unit.name},
        "content": r.content,
        "addressed_to": r.addressed_to,
        "made_on": r.made_on,
        "due_on": r.due_on,
        "state": r.state,
        "state_label": r.get_state_display(),
        "overdue": r.is_overdue(today),
        "answered_on": r.answered_on,
        "settled_on": r.settled_on,
        "escalated_to": r.escalated_to,
        "outcome": r.outcome,
        "responses": [
            {
                "id": s.pk,
                "received_on": s.received_on,
                "by_body": s.by_body,
                "summary": s.summary,
                "document_ref": s.document_ref,
            }
            for s in r.responses.all()
        ],
        "version": r.version,
    }


@router.get("/programmes", response={200: ProgrammePage, 400: ErrorOut, 404: ErrorOut})
def list_programmes(
    request: HttpRequest,
    q: str = "",
    year: int | None = optional_year(),
    org_unit: int | None = optional_id(),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_BIGINT),
) -> dict[str, Any]:
    _require(request)
    check_text("q", q)
    found = selectors.programme_search(
        user=request.user, q=q, year=year, org_unit=_unit(request, org_unit)
    ).order_by("-year", "id")
    return {
        "count": found.count(),
        "items": [_programme(p) for p in found[offset : offset + limit]],
    }


@router.get("/activities", response={200: ActivityPage, 400: ErrorOut, 404: ErrorOut})
def list_activities(
    request: HttpRequest,
    q: str = "",
    kind: str = "",
    state: str = "",
    year: int | None = optional_year(),
    org_unit: int | None = optional_id(),
    start: dt.date | None = None,
    end: dt.date | None = None,
    held: bool = False,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_BIGINT),
) -> dict[str, Any]:
    """``kind``: giam_sat, phan_bien, gop_y_xay_dung; ``start``/``end`` bound the first
    day; ``held``: only those begun (as the figures count them)."""
    _require(request)
    for field, value in (("q", q), ("kind", kind), ("state", state)):
        check_text(field, value)
    found = selectors.with_counts(
        selectors.activity_search(
            user=request.user,
            q=q,
            kind=kind,
            state=state,
            year=year,
            org_unit=_unit(request, org_unit),
            start=start,
            end=end,
            held_only=held,
        )
    ).order_by("starts_on", "id")
    return {
        "count": found.count(),
        "items": [_activity(a) for a in found[offset : offset + limit]],
    }


@router.get("/activities/{int:activity_id}", response={200: ActivityOut, 404: ErrorOut})
def get_activity(request: HttpRequest, activity_id: int) -> dict[str, Any]:
    activity = selectors.get(request.user, Activity, activity_id)
    return _activity(
        selectors.with_counts(selectors.activity_search(user=request.user)).get(pk=activity.pk)
    )


@router.get("/recommendations", response={200: RecommendationPage, 400: ErrorOut, 404: ErrorOut})
def list_recommendations(
    request: HttpRequest,
    q: str = "",
    state: str = "",
    kind: str = "",
    org_unit: int | None = optional_id(),
    start: dt.date | None = None,
    end: dt.date | None = None,
    answered: str = "",
    overdue: bool = False,
    overdue_on: dt.date | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_BIGINT),
) -> dict[str, Any]:
    """``start``/``end`` bound the day made; ``answered``: co / chua (by ``end``);
    ``overdue``: waiting for an answer today past the due date (``overdue_on``: that day)."""
    _require(request)
    for field, value in (("q", q), ("state", state), ("kind", kind), ("answered", answered)):
        check_text(field, value)
    today = clock.today()
    found = (
        selectors.recommendation_search(
            user=request.user,
            q=q,
            state=state,
            kind=kind,
            org_unit=_unit(request, org_unit),
            start=start,
            end=end,
            answered=answered,
            overdue_day=overdue_on or (today if overdue else None),
        )
        .prefetch_related("responses")
        .order_by("due_on", "id")
    )
    return {
        "count": found.count(),
        "items": [_rec(r, today) for r in found[offset : offset + limit]],
    }


@router.get("/recommendations/{int:rec_id}", response={200: RecommendationOut, 404: ErrorOut})
def get_recommendation(request: HttpRequest, rec_id: int) -> dict[str, Any]:
    return _rec(selectors.get(request.user, Recommendation, rec_id), clock.today())


@router.patch("/recommendations/{int:rec_id}", response={200: RecommendationOut, **_WRITE})
def patch_recommendation(
    request: HttpRequest, rec_id: int, payload: RecommendationPatch
) -> dict[str, Any]:
    """Sửa các trường gửi lên; gửi ``version`` (hoặc ``If-Match``) đã đọc."""
    rec = selectors.get(request.user, Recommendation, rec_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version", None)
    if version is None:
        version = parse_if_match(request.headers.get("If-Match"))
    for field in ("content", "addressed_to"):
        if field in changes:
            if changes[field] is None:
                raise ValidationError({field: "Không được để trống."})
            check_text(field, changes[field])
    if "due_on" in changes and changes["due_on"] is None:
        raise ValidationError({"due_on": "Không được để trống."})
    services.recommendation_update(
        actor=request.user, recommendation=rec, version=version, **changes
    )
    return _rec(selectors.get(request.user, Recommendation, rec_id), clock.today())


@router.post(
    "/recommendations/{int:rec_id}/responses",
    response={201: RecommendationOut, **_WRITE},
    summary="Ghi nhận trả lời kiến nghị",
)
def add_response(request: HttpRequest, rec_id: int, payload: ResponseIn) -> Status[dict[str, Any]]:
    rec = selectors.get(request.user, Recommendation, rec_id)
    for field in ("by_body", "summary", "document_ref"):
        check_text(field, getattr(payload, field))
    services.response_record(actor=request.user, recommendation=rec, **payload.dict())
    return Status(201, _rec(selectors.get(request.user, Recommendation, rec_id), clock.today()))


@router.get("/stats", response={200: StatsOut, 404: ErrorOut}, summary="Thống kê một địa bàn")
def supervision_stats(request: HttpRequest, org_unit: int | None = optional_id()) -> Any:
    _require(request)
    return selectors.stats(
        user=request.user, org_unit=_unit(request, org_unit), today=clock.today()
    )
