"""/api/v1/welfare: campaigns, gifts and their totals within scope and capability
(``Cap.WELFARE_VIEW`` to read, ``WELFARE_MANAGE`` to write). Gifts give the household as
the pages do: in full to a holder of ``WELFARE_MANAGE``, masked otherwise; never an ID
number or phone. Every list of gifts read is logged as on the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.api.input import MAX_BIGINT, check_text, optional_id
from danvan.api.schemas import ErrorOut
from danvan.org.selectors import org_unit_get
from danvan.welfare import privacy, selectors, services
from danvan.welfare.forms import areas_for
from danvan.welfare.models import Campaign, Gift, ReadLog

router = Router()
_WRITE = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class Unit(Schema):
    id: int
    name: str


class CampaignOut(Schema):
    id: int
    name: str
    kind: str
    state: str
    state_label: str
    org_unit: Unit
    starts_on: dt.date
    ends_on: dt.date
    published_on: dt.date | None
    portions: int
    value: Decimal
    value_millions: Decimal
    contributions: Decimal
    version: int


class CampaignPage(Schema):
    count: int
    items: list[CampaignOut]


class GiftOut(Schema):
    id: int
    campaign: int
    giver: Unit
    given_on: dt.date
    household: str
    category: str
    portions: int
    value: Decimal
    form: str
    description: str
    duplicate_state: str
    duplicate_of: int | None
    version: int


class GiftPage(Schema):
    count: int
    items: list[GiftOut]


class HouseholdIn(Schema):
    head_name: str
    category: str
    address: str = ""
    area: int | None = None
    id_number: str = ""


class GiftIn(Schema):
    campaign: int
    giver: int
    given_on: dt.date
    value: Decimal
    form: str = "tien_mat"
    portions: int = 1
    description: str = ""
    beneficiary: int | None = None
    household: HouseholdIn | None = None


class MoveIn(Schema):
    to: str
    on: dt.date | None = None
    version: int | None = None


class Row(Schema):
    key: str
    label: str
    portions: int
    value: Decimal


class StatsOut(Schema):
    portions: int
    value: Decimal
    value_millions: Decimal
    by_category: list[Row]
    by_organisation: list[Row]


def _require(request: HttpRequest) -> None:
    if not can(request.user, Cap.WELFARE_VIEW, None):
        raise Http404("Không tìm thấy.")


def _campaign(c: Campaign) -> dict[str, Any]:
    totals = selectors.campaign_totals(c)
    received = selectors.contribution_totals(c.contributions.all())
    return {
        "id": c.pk,
        "name": c.name,
        "kind": c.kind,
        "state": c.state,
        "state_label": c.get_state_display(),
        "org_unit": {"id": c.org_unit_id, "name": c.org_unit.name},
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
        "published_on": c.published_on,
        "portions": totals.portions,
        "value": totals.value,
        "value_millions": totals.millions.quantize(Decimal("0.1")),
        "contributions": received["total"],
        "version": c.version,
    }


def _gift(user: Any, g: Gift) -> dict[str, Any]:
    return {
        "id": g.pk,
        "campaign": g.campaign_id,
        "giver": {"id": g.giver_id, "name": g.giver.name},
        "given_on": g.given_on,
        "household": privacy.gift_label(user, g),
        "category": g.category,
        "portions": g.portions,
        "value": g.value,
        "form": g.form,
        "description": g.description,
        "duplicate_state": g.duplicate_state,
        "duplicate_of": g.duplicate_of_id,
        "version": g.version,
    }


@router.get("/campaigns", response={200: CampaignPage, 404: ErrorOut}, summary="Đợt an sinh")
def list_campaigns(
    request: HttpRequest,
    q: str = "",
    state: str = "",
    org_unit: int | None = optional_id(),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_BIGINT),
) -> dict[str, Any]:
    _require(request)
    check_text("q", q)
    unit = org_unit_get(user=request.user, pk=org_unit) if org_unit else None
    found = selectors.campaign_search(user=request.user, q=q, state=state, org_unit=unit)
    rows = list(found[offset : offset + limit])
    return {"count": found.count(), "items": [_campaign(c) for c in rows]}


@router.get("/campaigns/{int:campaign_id}", response={200: CampaignOut, 404: ErrorOut})
def get_campaign(request: HttpRequest, campaign_id: int) -> dict[str, Any]:
    return _campaign(selectors.campaign_get(user=request.user, pk=campaign_id))


@router.post("/campaigns/{int:campaign_id}/transitions", response={200: CampaignOut, **_WRITE})
def move_campaign(request: HttpRequest, campaign_id: int, payload: MoveIn) -> dict[str, Any]:
    """``to``: dang_trien_khai, da_ket_thuc, da_cong_khai."""
    check_text("to", payload.to)
    campaign = selectors.campaign_get(user=request.user, pk=campaign_id)
    services.campaign_move(
        actor=request.user,
        campaign=campaign,
        to=payload.to,
        on=payload.on,
        version=payload.version,
    )
    return _campaign(selectors.campaign_get(user=request.user, pk=campaign_id))


@router.get("/gifts", response={200: GiftPage, 404: ErrorOut}, summary="Suất quà")
def list_gifts(
    request: HttpRequest,
    campaign: int | None = optional_id(),
    org_unit: int | None = optional_id(),
    q: str = "",
    category: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
    duplicates: bool = False,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_BIGINT),
) -> dict[str, Any]:
    _require(request)
    check_text("q", q)
    check_text("category", category)
    the_campaign = selectors.campaign_get(user=request.user, pk=campaign) if campaign else None
    unit = org_unit_get(user=request.user, pk=org_unit) if org_unit else None
    found = selectors.gift_search(
        user=request.user,
        campaign=the_campaign,
        q=q,
        category=category,
        org_unit=unit,
        start=start,
        end=end,
        duplicates=duplicates,
    )
    rows = list(found[offset : offset + limit])
    privacy.log_gifts(
        user=request.user,
        gifts=rows,
        action=ReadLog.Action.API_LIST,
        page=offset // limit + 1,
        filters=", ".join(
            f"{k}={v}" for k, v in request.GET.items() if k not in ("limit", "offset")
        ),
    )
    return {"count": found.count(), "items": [_gift(request.user, g) for g in rows]}


@router.post("/gifts", response={201: GiftOut, **_WRITE})
def create_gift(request: HttpRequest, payload: GiftIn) -> Status[dict[str, Any]]:
    """A household from the register (``beneficiary``) or a new one (``household``)."""
    for name in ("form", "description"):
        check_text(name, getattr(payload, name))
    campaign = selectors.campaign_get(user=request.user, pk=payload.campaign)
    giver = org_unit_get(user=request.user, pk=payload.giver)
    with transaction.atomic():
        if payload.beneficiary:
            person = selectors.beneficiary_get(user=request.user, pk=payload.beneficiary)
        elif payload.household is not None:
            fields = payload.household.dict()
            for name in ("head_name", "category", "address", "id_number"):
                check_text(name, fields[name])
            area_id = fields.pop("area")
            area = areas_for(request.user).filter(pk=area_id).first() if area_id else None
            if area_id and area is None:
                raise ValidationError({"household.area": "Không tìm thấy khu dân cư này."})
            person = services.beneficiary_create(
                actor=request.user, org_unit=giver, area=area, **fields
            )
        else:
            raise ValidationError({"beneficiary": "Ghi «beneficiary» hoặc «household»."})
        gift = services.gift_create(
            actor=request.user,
            campaign=campaign,
            beneficiary=person,
            giver=giver,
            given_on=payload.given_on,
            value=payload.value,
            form=payload.form,
            portions=payload.portions,
            description=payload.description,
        )
    return Status(201, _gift(request.user, selectors.gift_get(user=request.user, pk=gift.pk)))


@router.get("/stats", response={200: StatsOut, 404: ErrorOut}, summary="Suất, giá trị quà")
def welfare_stats(
    request: HttpRequest,
    org_unit: int | None = optional_id(),
    campaign: int | None = optional_id(),
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> dict[str, Any]:
    """Totals of the gifts given by a subtree's organisations, by category and giver."""
    _require(request)
    unit = org_unit_get(user=request.user, pk=org_unit) if org_unit else None
    the_campaign = selectors.campaign_get(user=request.user, pk=campaign) if campaign else None
    totals = selectors.stats(
        user=request.user, org_unit=unit, start=start, end=end, campaign=the_campaign
    )
    return {
        "portions": totals.portions,
        "value": totals.value,
        "value_millions": totals.millions.quantize(Decimal("0.1")),
        "by_category": [
            {
                "key": r["category"],
                "label": r["label"],
                "portions": r["portions"],
                "value": r["value"],
            }
            for r in totals.by_category
        ],
        "by_organisation": [
            {
                "key": str(r["giver_id"]),
                "label": r["giver__name"],
                "portions": r["portions"],
                "value": r["value"],
            }
            for r in totals.by_giver
        ],
    }
