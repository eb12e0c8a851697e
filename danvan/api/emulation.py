"""/api/v1/emulation: "Dân vận khéo" campaigns and models in scope — list with filters,
detail, register and edit (``version`` or ``If-Match``), the moves of the workflow, and
the counts by field and level for a subtree."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from danvan.api.input import MAX_BIGINT, Pagination, optional_id, optional_year, sent_version
from danvan.api.schemas import ConflictOut, ErrorOut
from danvan.api.work_schemas import UnitRef
from danvan.core import concurrency
from danvan.documents.selectors import document_get
from danvan.emulation import campaigns as campaign_services
from danvan.emulation import selectors, services
from danvan.emulation.models import Campaign, EmulationModel, RecognitionLevel, State
from danvan.emulation.models import Field as DvkField
from danvan.org.selectors import org_unit_get
from danvan.people.selectors import person_get

router = Router()
_READ = {404: ErrorOut}
_WRITE = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut}
Text = Field("", max_length=4000)
Money = Field(None, ge=0, lt=1_000_000_000, max_digits=14, decimal_places=1)


class LookupOut(Schema):
    code: str
    name: str


class CriterionOut(Schema):
    id: int
    name: str
    max_score: Decimal


class MilestoneOut(Schema):
    name: str
    due_on: dt.date


class CampaignOut(Schema):
    id: int
    name: str
    kind: str
    year: int
    launching_unit: UnitRef
    document_id: int | None
    starts_on: dt.date
    ends_on: dt.date
    registration_deadline: dt.date | None
    description: str
    levels: list[LookupOut]
    criteria: list[CriterionOut]
    milestones: list[MilestoneOut]
    version: int

    @staticmethod
    def resolve_levels(obj: Campaign) -> list[RecognitionLevel]:
        return list(obj.levels.all())

    @staticmethod
    def resolve_criteria(obj: Campaign) -> list[Any]:
        return list(obj.criteria.all())

    @staticmethod
    def resolve_milestones(obj: Campaign) -> list[Any]:
        return list(obj.milestones.all())


class CriterionIn(Schema):
    name: str = Field(..., min_length=1, max_length=300)
    max_score: Decimal = Field(..., gt=0, le=1000, max_digits=6, decimal_places=2)


class MilestoneIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    due_on: dt.date


class CampaignIn(Schema):
    name: str = Field(..., min_length=1, max_length=300)
    kind: str = Field("hang_nam", pattern="^(hang_nam|chuyen_de)$")
    year: int = Field(..., ge=2000, le=2100)
    launching_unit: int = Field(..., ge=1, le=MAX_BIGINT)
    document: int | None = Field(None, ge=1, le=MAX_BIGINT)
    starts_on: dt.date
    ends_on: dt.date
    registration_deadline: dt.date | None = None
    description: str = Text
    levels: list[str] = Field(default_factory=list, max_length=10)
    criteria: list[CriterionIn] = Field(default_factory=list, max_length=50)
    milestones: list[MilestoneIn] = Field(default_factory=list, max_length=50)


class CampaignPatch(Schema):
    version: int | None = Field(
        None,
        ge=1,
        le=MAX_BIGINT,
        description="Phiên bản đã đọc (hoặc gửi tiêu đề If-Match). Khác phiên bản đang "
        "lưu: 409, không ghi gì.",
    )
    name: str | None = Field(None, min_length=1, max_length=300)
    kind: str | None = Field(None, pattern="^(hang_nam|chuyen_de)$")
    year: int | None = Field(None, ge=2000, le=2100)
    document: int | None = Field(None, ge=1, le=MAX_BIGINT)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    registration_deadline: dt.date | None = None
    description: str | None = Field(None, max_length=4000)
    levels: list[str] | None = Field(None, max_length=10)
    criteria: list[CriterionIn] | None = Field(None, max_length=50)
    milestones: list[MilestoneIn] | None = Field(None, max_length=50)


class ModelOut(Schema):
    id: int
    campaign_id: int
    name: str
    kind: str
    holder: str
    field: LookupOut
    unit: UnitRef
    lead_unit: UnitRef
    partner_units: list[UnitRef]
    people: list[int]
    address: str
    beneficiaries: str
    rationale: str
    goals: str
    method: str
    resources: str
    funds: Decimal | None
    socialised_funds: Decimal | None
    workdays: int | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    timeline: str
    outputs: str
    sustainability: str
    summary: str
    registered_on: dt.date
    state: str
    state_label: str
    recognised_level: LookupOut | None
    recognised_by: UnitRef | None
    recognised_on: dt.date | None
    stop_reason: str
    is_public: bool
    version: int

    @staticmethod
    def resolve_partner_units(obj: EmulationModel) -> list[Any]:
        return list(obj.partner_units.all())

    @staticmethod
    def resolve_people(obj: EmulationModel) -> list[int]:
        return [p.pk for p in obj.people.all()]

    @staticmethod
    def resolve_state_label(obj: EmulationModel) -> str:
        return obj.get_state_display()


class ModelIn(Schema):
    campaign: int = Field(..., ge=1, le=MAX_BIGINT)
    unit: int = Field(..., ge=1, le=MAX_BIGINT)
    name: str = Field(..., min_length=1, max_length=300)
    field: str = Field(..., min_length=1, max_length=40)
    address: str = Field(..., min_length=1, max_length=300)
    kind: str = Field("mo_hinh", pattern="^(mo_hinh|dien_hinh)$")
    holder: str = Field("tap_the", pattern="^(tap_the|ca_nhan)$")
    lead_unit: int | None = Field(None, ge=1, le=MAX_BIGINT)
    partner_units: list[int] = Field(default_factory=list, max_length=50)
    people: list[int] = Field(default_factory=list, max_length=100)
    registered_on: dt.date | None = None
    beneficiaries: str = Text
    rationale: str = Text
    goals: str = Text
    method: str = Text
    resources: str = Text
    funds: Decimal | None = Money
    socialised_funds: Decimal | None = Money
    workdays: int | None = Field(None, ge=0, le=10_000_000)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    timeline: str = Text
    outputs: str = Text
    sustainability: str = Text
    summary: str = Text


class ModelPatch(Schema):
    version: int | None = Field(
        None,
        ge=1,
        le=MAX_BIGINT,
        description="Phiên bản đã đọc (hoặc gửi tiêu đề If-Match). Khác phiên bản đang "
        "lưu: 409, không ghi gì.",
    )
    name: str | None = Field(None, min_length=1, max_length=300)
    field: str | None = Field(None, min_length=1, max_length=40)
    address: str | None = Field(None, min_length=1, max_length=300)
    kind: str | None = Field(None, pattern="^(mo_hinh|dien_hinh)$")
    holder: str | None = Field(None, pattern="^(tap_the|ca_nhan)$")
    lead_unit: int | None = Field(None, ge=1, le=MAX_BIGINT)
    partner_units: list[int] | None = Field(None, max_length=50)
    people: list[int] | None = Field(None, max_length=100)
    beneficiaries: str | None = Field(None, max_length=4000)
    rationale: str | None = Field(None, max_length=4000)
    goals: str | None = Field(None, max_length=4000)
    method: str | None = Field(None, max_length=4000)
    resources: str | None = Field(None, max_length=4000)
    funds: Decimal | None = Money
    socialised_funds: Decimal | None = Money
    workdays: int | None = Field(None, ge=0, le=10_000_000)
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    timeline: str | None = Field(None, max_length=4000)
    outputs: str | None = Field(None, max_length=4000)
    sustainability: str | None = Field(None, max_length=4000)
    summary: str | None = Field(None, max_length=4000)


class MoveIn(Schema):
    move: str = Field(
        ...,
        min_length=1,
        max_length=32,
        description="kiem_tra, thuc_hien, so_ket, danh_gia, cong_nhan, tieu_bieu, "
        "de_nghi_khen_thuong, nhan_rong, dung, dung_sau_cong_nhan",
    )
    note: str = Text
    on: dt.date | None = None
    version: int | None = Field(None, ge=1, le=MAX_BIGINT)
    level: str | None = Field(None, max_length=32, description="cong_nhan: mã cấp công nhận")
    scores: dict[str, Decimal] = Field(
        default_factory=dict, description="danh_gia: {id tiêu chí: điểm}"
    )


class TallyOut(Schema):
    registered: int
    effective: int
    recognised: int


class FieldCount(TallyOut):
    field: LookupOut


class LevelCount(Schema):
    level: LookupOut
    recognised: int


class StateCount(Schema):
    state: str
    label: str
    count: int


class UnitCount(TallyOut):
    unit: UnitRef


class CountsOut(Schema):
    unit: UnitRef | None
    total: TallyOut
    by_field: list[FieldCount]
    by_level: list[LevelCount]
    by_state: list[StateCount]
    by_unit: list[UnitCount]


def _field(code: str) -> DvkField:
    found = DvkField.objects.filter(code=code).first()
    if found is None:
        raise ValidationError({"field": f"Không có lĩnh vực mã «{code}»."})
    return found


def _level(code: str | None) -> RecognitionLevel:
    found = RecognitionLevel.objects.filter(code=code or "").first()
    if found is None:
        raise ValidationError({"level": f"Không có cấp công nhận mã «{code or ''}»."})
    return found


# --- campaigns ----------------------------------------------------------------------------


@router.get("/campaigns", response=list[CampaignOut], summary="Đợt thi đua trong phạm vi")
@paginate(Pagination)
def list_campaigns(
    request: HttpRequest,
    q: str = Query("", max_length=200),
    year: int | None = optional_year(),
    unit: int | None = optional_id(),
) -> Any:
    the_unit = org_unit_get(user=request.user, pk=unit) if unit else None
    return selectors.campaign_search(
        user=request.user, q=q, year=year, unit=the_unit
    ).prefetch_related("levels", "criteria", "milestones")


@router.get("/campaigns/{int:campaign_id}", response={200: CampaignOut, **_READ})
def get_campaign(request: HttpRequest, campaign_id: int, response: HttpResponse) -> Campaign:
    campaign = selectors.campaign_get(user=request.user, pk=campaign_id)
    response["ETag"] = concurrency.etag(campaign.version)
    return campaign


@router.post("/campaigns", response={201: CampaignOut, **_WRITE})
def create_campaign(request: HttpRequest, payload: CampaignIn) -> Status[Campaign]:
    user = request.user
    campaign = campaign_services.campaign_create(
        actor=user,
        name=payload.name,
        kind=payload.kind,
        year=payload.year,
        launching_unit=org_unit_get(user=user, pk=payload.launching_unit),
        document=document_get(user=user, pk=payload.document) if payload.document else None,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        registration_deadline=payload.registration_deadline,
        description=payload.description,
        levels=[_level(code) for code in payload.levels],
        criteria=[(c.name, c.max_score) for c in payload.criteria],
        milestones=[(m.name, m.due_on) for m in payload.milestones],
    )
    return Status(201, selectors.campaign_get(user=user, pk=campaign.pk))


@router.patch(
    "/campaigns/{int:campaign_id}",
    response={200: CampaignOut, **_WRITE},
    description='Sửa các trường gửi lên. Gửi `version` (hoặc tiêu đề `If-Match: "3"`) đã '
    "đọc: nếu người khác đã sửa sau đó, trả 409 và không ghi gì.",
)
def patch_campaign(
    request: HttpRequest, campaign_id: int, payload: CampaignPatch, response: HttpResponse
) -> Campaign:
    user = request.user
    campaign = selectors.campaign_get(user=user, pk=campaign_id)
    data = payload.dict(exclude_unset=True)
    version = sent_version(request, data)
    rows: dict[str, Any] = {}
    if data.get("criteria") is not None:
        rows["criteria"] = [(c["name"], c["max_score"]) for c in data.pop("criteria")]
    if data.get("milestones") is not None:
        rows["milestones"] = [(m["name"], m["due_on"]) for m in data.pop("milestones")]
    if "document" in data:
        data["document"] = (
            document_get(user=user, pk=data["document"]) if data["document"] else None
        )
    if data.get("levels") is not None:
        data["levels"] = [_level(code) for code in data["levels"]]
    for name in (
        "name",
        "kind",
        "year",
        "starts_on",
        "ends_on",
        "levels",
        "criteria",
        "milestones",
    ):
        if name in data and data[name] is None:
            data.pop(name)
    campaign_services.campaign_update(
        actor=user, campaign=campaign, version=version, **rows, **data
    )
    campaign = selectors.campaign_get(user=user, pk=campaign_id)
    response["ETag"] = concurrency.etag(campaign.version)
    return campaign


# --- models -------------------------------------------------------------------------------


@router.get("/models", response=list[ModelOut], summary="Mô hình, điển hình trong phạm vi")
@paginate(Pagination)
def list_models(
    request: HttpRequest,
    q: str = Query("", max_length=200),
    campaign: int | None = optional_id(),
    unit: int | None = optional_id(),
    field: str = Query("", max_length=40),
    state: str = Query("", max_length=24),
    level: str = Query("", max_length=32),
    year: int | None = optional_year(),
) -> Any:
    user = request.user
    filters = selectors.ModelFilters(
        q=q,
        campaign=selectors.campaign_get(user=user, pk=campaign) if campaign else None,
        unit=org_unit_get(user=user, pk=unit) if unit else None,
        field=_field(field) if field else None,
        state=state if state in State.values else "",
        level=_level(level) if level else None,
        year=year,
    )
    if state and state not in State.values:
        raise ValidationError({"state": f"Không có tình trạng «{state}»."})
    return selectors.model_search(user=user, filters=filters).prefetch_related(
        "partner_units", "people"
    )


def _model_response(request: HttpRequest, pk: int, response: HttpResponse) -> EmulationModel:
    model = selectors.model_get(user=request.user, pk=pk)
    response["ETag"] = concurrency.etag(model.version)
    return model


@router.get("/models/{int:model_id}", response={200: ModelOut, **_READ})
def get_model(request: HttpRequest, model_id: int, response: HttpResponse) -> EmulationModel:
    return _model_response(request, model_id, response)


@router.post("/models", response={201: ModelOut, **_WRITE})
def register_model(request: HttpRequest, payload: ModelIn) -> Status[EmulationModel]:
    user = request.user
    data = payload.dict()
    campaign = selectors.campaign_get(user=user, pk=data.pop("campaign"))
    unit = org_unit_get(user=user, pk=data.pop("unit"))
    lead = data.pop("lead_unit")
    model = services.model_register(
        actor=user,
        campaign=campaign,
        unit=unit,
        field=_field(data.pop("field")),
        lead_unit=org_unit_get(user=user, pk=lead) if lead else None,
        partner_units=[org_unit_get(user=user, pk=pk) for pk in data.pop("partner_units")],
        people=[person_get(user=user, pk=pk) for pk in data.pop("people")],
        **data,
    )
    return Status(201, selectors.model_get(user=user, pk=model.pk))


@router.patch(
    "/models/{int:model_id}",
    response={200: ModelOut, **_WRITE},
    description='Sửa các trường gửi lên. Gửi `version` (hoặc tiêu đề `If-Match: "3"`) đã '
    "đọc: nếu người khác đã sửa sau đó, trả 409 và không ghi gì.",
)
def patch_model(
    request: HttpRequest, model_id: int, payload: ModelPatch, response: HttpResponse
) -> EmulationModel:
    user = request.user
    model = selectors.model_get(user=user, pk=model_id)
    data = payload.dict(exclude_unset=True)
    version = sent_version(request, data)
    if "field" in data:
        data["field"] = _field(data["field"]) if data["field"] else None
    if "lead_unit" in data:
        data["lead_unit"] = (
            org_unit_get(user=user, pk=data["lead_unit"]) if data["lead_unit"] else None
        )
    if data.get("partner_units") is not None:
        data["partner_units"] = [org_unit_get(user=user, pk=pk) for pk in data["partner_units"]]
    if data.get("people") is not None:
        data["people"] = [person_get(user=user, pk=pk) for pk in data["people"]]
    for name in ("partner_units", "people", "name", "address", "kind", "holder"):
        if name in data and data[name] is None:
            data.pop(name)
    services.model_update(actor=user, model=model, version=version, **data)
    return _model_response(request, model_id, response)


@router.post(
    "/models/{int:model_id}/transitions",
    response={200: ModelOut, **_WRITE},
    description="Một bước của quy trình. `danh_gia` cần `scores` (mọi tiêu chí) và `note` "
    "(nhận xét); `cong_nhan` cần `level`; `so_ket` và `dung` cần `note`.",
)
def transition_model(
    request: HttpRequest, model_id: int, payload: MoveIn, response: HttpResponse
) -> EmulationModel:
    user = request.user
    model = selectors.model_get(user=user, pk=model_id)
    common: dict[str, Any] = {
        "actor": user,
        "model": model,
        "on": payload.on,
        "version": payload.version,
    }
    if payload.move == "danh_gia":
        scores: dict[int, Decimal] = {}
        for key, value in payload.scores.items():
            if not key.isdigit() or len(key) > 18:
                raise ValidationError({"scores": f"«{key}» không phải id tiêu chí."})
            scores[int(key)] = value
        services.evaluation_record(**common, scores=scores, comment=payload.note)
    elif payload.move == "cong_nhan":
        services.model_recognise(**common, level=_level(payload.level), note=payload.note)
    else:
        services.model_move(**common, move=payload.move, note=payload.note)
    return _model_response(request, model_id, response)


# --- counts -------------------------------------------------------------------------------


@router.get("/counts", response={200: CountsOut, **_READ}, summary="Số mô hình theo lĩnh vực, cấp")
def get_counts(
    request: HttpRequest,
    unit: int | None = optional_id(),
    campaign: int | None = optional_id(),
    year: int | None = optional_year(),
) -> dict[str, Any]:
    user = request.user
    found = selectors.counts(
        user=user,
        unit=org_unit_get(user=user, pk=unit) if unit else None,
        campaign=selectors.campaign_get(user=user, pk=campaign) if campaign else None,
        year=year,
    )

    def tally(t: selectors.Tally) -> dict[str, int]:
        return {"registered": t.registered, "effective": t.effective, "recognised": t.recognised}

    return {
        "unit": found.unit,
        "total": tally(found.total),
        "by_field": [{"field": f, **tally(t)} for f, t in found.by_field],
        "by_level": [{"level": lv, "recognised": n} for lv, n in found.by_level],
        "by_state": [{"state": s, "label": label, "count": n} for s, label, n in found.by_state],
        "by_unit": [{"unit": u, **tally(t)} for u, t in found.by_unit],
    }
