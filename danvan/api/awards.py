"""/api/v1/awards: the awards register in scope (filters: unit, form, recipient kind, year,
meeting, revoked); one award; record a decision, add a recipient to it (within scope, under
the dated authority and the one-achievement-one-award rule); revoke an award."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from danvan.api.input import Pagination, optional_id, optional_year
from danvan.api.schemas import ErrorOut
from danvan.api.work_schemas import UnitRef
from danvan.awards import selectors, services
from danvan.awards.models import STATED_MAX, Award, AwardDecision, AwardForm
from danvan.emulation.selectors import model_get
from danvan.meetings.selectors import meeting_get
from danvan.org.selectors import org_unit_get
from danvan.people.selectors import person_get

router = Router()
_WRITE = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class FormOut(Schema):
    id: int
    code: str
    name: str


class DecisionOut(Schema):
    id: int
    issuer: UnitRef
    form: FormOut
    decided_on: dt.date
    reason: str
    reference: str
    signer_name: str
    proposed_by: UnitRef | None
    proposed_on: dt.date | None
    council_opinion: str
    stated_collectives: int
    stated_individuals: int
    stated_households: int
    source: str
    meeting_id: int | None
    version: int


class AwardOut(Schema):
    id: int
    decision: DecisionOut
    recipient_kind: str
    recipient_unit: UnitRef | None
    recipient_person_id: int | None
    recipient_name: str
    recipient_detail: str
    achievement: str
    meeting_id: int | None
    campaign_id: int | None
    emulation_model_id: int | None
    revoked_on: dt.date | None
    revoked_reason: str
    version: int


class DecisionIn(Schema):
    issuer: int
    form: str  # an AwardForm code: giay-khen, bang-khen…
    decided_on: dt.date
    reason: str
    signer_name: str = ""
    signer_title: str = ""
    proposed_by: int | None = None
    proposed_on: dt.date | None = None
    proposal_reference: str = ""
    council_opinion: str = ""
    council_on: dt.date | None = None
    # Known by its numbers before its list is in (an article, a report).
    stated_collectives: int = Field(0, ge=0, le=STATED_MAX)
    stated_individuals: int = Field(0, ge=0, le=STATED_MAX)
    stated_households: int = Field(0, ge=0, le=STATED_MAX)
    source: str = Field("", max_length=255)


class AwardIn(Schema):
    recipient_kind: str = ""
    recipient_unit: int | None = None
    recipient_person: int | None = None
    recipient_name: str = ""
    recipient_detail: str = ""
    achievement: str = ""
    meeting: int | None = None
    emulation_model: int | None = None


class RevokeIn(Schema):
    reason: str


def _form(code: str) -> AwardForm:
    from django.core.exceptions import ValidationError

    found = AwardForm.objects.filter(code=code[:40], is_active=True).first()
    if found is None:
        codes = ", ".join(AwardForm.objects.filter(is_active=True).values_list("code", flat=True))
        raise ValidationError({"form": f"Không có hình thức khen thưởng «{code[:40]}» ({codes})."})
    return found


@router.get("", response=list[AwardOut], summary="Khen thưởng trong phạm vi")
@paginate(Pagination)
def list_awards(
    request: HttpRequest,
    q: str = "",
    org_unit: int | None = optional_id(),
    form: str = "",
    recipient_kind: str = "",
    year: int | None = optional_year(),
    meeting: int | None = optional_id(),
    revoked: bool | None = Query(None),
) -> Any:
    user = request.user
    unit = org_unit_get(user=user, pk=org_unit) if org_unit else None
    chosen = AwardForm.objects.filter(code=form[:40]).first() if form else None
    at = meeting_get(user=user, pk=meeting) if meeting else None
    state = "" if revoked is None else ("thu_hoi" if revoked else "con")
    return selectors.award_search(
        user=user,
        q=q[:200],
        org_unit=unit,
        form=chosen,
        recipient_kind=recipient_kind,
        year=year,
        meeting=at,
        revoked=state,
    ).select_related("decision__proposed_by")


@router.get("/{int:award_id}", response={200: AwardOut, 404: ErrorOut})
def get_award(request: HttpRequest, award_id: int) -> Award:
    return selectors.award_get(user=request.user, pk=award_id)


@router.post("/decisions", response={201: DecisionOut, **_WRITE}, summary="Ghi quyết định")
def create_decision(request: HttpRequest, payload: DecisionIn) -> Status[AwardDecision]:
    user = request.user
    decision = services.decision_create(
        actor=user,
        issuer=org_unit_get(user=user, pk=payload.issuer),
        form=_form(payload.form),
        decided_on=payload.decided_on,
        reason=payload.reason,
        signer_name=payload.signer_name,
        signer_title=payload.signer_title,
        proposed_by=org_unit_get(user=user, pk=payload.proposed_by)
        if payload.proposed_by
        else None,
        proposed_on=payload.proposed_on,
        proposal_reference=payload.proposal_reference,
        council_opinion=payload.council_opinion,
        council_on=payload.council_on,
        stated_collectives=payload.stated_collectives,
        stated_individuals=payload.stated_individuals,
        stated_households=payload.stated_households,
        source=payload.source,
    )
    return Status(201, selectors.decision_get(user=user, pk=decision.pk))


@router.post(
    "/decisions/{int:decision_id}/awards",
    response={201: AwardOut, **_WRITE},
    summary="Thêm tập thể, cá nhân vào danh sách",
)
def add_award(request: HttpRequest, decision_id: int, payload: AwardIn) -> Status[Award]:
    user = request.user
    decision = selectors.decision_get(user=user, pk=decision_id)
    award = services.award_add(
        actor=user,
        decision=decision,
        recipient_kind=payload.recipient_kind,
        recipient_unit=org_unit_get(user=user, pk=payload.recipient_unit)
        if payload.recipient_unit
        else None,
        recipient_person=person_get(user=user, pk=payload.recipient_person)
        if payload.recipient_person
        else None,
        recipient_name=payload.recipient_name,
        recipient_detail=payload.recipient_detail,
        achievement=payload.achievement,
        meeting=meeting_get(user=user, pk=payload.meeting) if payload.meeting else None,
        emulation_model=model_get(user=user, pk=payload.emulation_model)
        if payload.emulation_model
        else None,
    )
    return Status(201, selectors.award_get(user=user, pk=award.pk))


@router.post("/{int:award_id}/revoke", response={200: AwardOut, **_WRITE}, summary="Thu hồi")
def revoke_award(request: HttpRequest, award_id: int, payload: RevokeIn) -> Award:
    award = selectors.award_get(user=request.user, pk=award_id)
    services.award_revoke(actor=request.user, award=award, reason=payload.reason)
    return selectors.award_get(user=request.user, pk=award_id)
