"""Writes to the awards register: record a decision, add its recipients, revoke an award.

Who may do what: ``Cap.AWARD_MANAGE`` on the issuing unit for every write (issuing a
decision into the register also needs ``Cap.DOCUMENT_MANAGE`` there, see
:mod:`danvan.awards.issuing`). Refusals, each with a Vietnamese message naming the field:

- a form the issuing unit's level (and kind of body) may not award on the decision's date
  (:mod:`danvan.awards.authority`, dated rows: a district's Giấy khen of 2019 passes, one
  dated 2026 does not);
- a form that does not go to that kind of recipient (Lao động tiên tiến to a collective);
- the same achievement rewarded twice or in two forms. *Same achievement* here means: the
  same recipient (the same org unit, the same person of the register, or — for a group or
  person named only by text — the same kind and the same name without marks) **and** one
  of: the same "Dân vận khéo" model; the same campaign, when neither award names a model;
  the same achievement text without marks, spaces and case (``fold``). Among the awards
  not revoked, whatever the form or decision. The meeting where an award is presented is
  not part of it: Tân Bình's 2019 tổng kết presented a unit's dân vận award and its Quy
  chế dân chủ award at the same meeting, two achievements;
- writes to a closed (historical) unit's register, and revoking twice.

Revocation keeps the row, with the date, the reason and who revoked it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import can, require, scoped
from danvan.awards import authority
from danvan.awards.models import Award, AwardDecision, AwardForm, RecipientKind
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.emulation.models import Campaign, EmulationModel, State
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.meetings.models import Meeting
from danvan.org.models import OrgUnit
from danvan.people.models import Person

DECISION_FIELDS = (
    "form",
    "decided_on",
    "reason",
    "signer_name",
    "signer_title",
    "proposed_by",
    "proposed_on",
    "proposal_reference",
    "council_opinion",
    "council_on",
    "note",
    "stated_collectives",
    "stated_individuals",
    "stated_households",
    "source",
)
_TEXT = ("reason", "signer_name", "signer_title", "proposal_reference", "source")
_STATED = {
    "stated_collectives": RecipientKind.COLLECTIVE,
    "stated_individuals": RecipientKind.INDIVIDUAL,
    "stated_households": RecipientKind.HOUSEHOLD,
}
_LONG_TEXT = ("council_opinion", "note")


# --- decisions -------------------------------------------------------------------------


def refuse_if_closed(unit: OrgUnit) -> None:
    if unit.is_historical:
        raise ValidationError(
            {
                "issuer": f"«{unit.name}» đã ngừng hoạt động: sổ khen thưởng của đơn vị cũ chỉ "
                "được xem, không ghi thêm."
            }
        )


def _validate_decision(decision: AwardDecision, actor: Any) -> None:
    errors: dict[str, str] = {}
    issuer = decision.issuer
    day = decision.decided_on
    if not decision.reason:
        errors["reason"] = "Nhập thành tích được khen thưởng (lý do của quyết định)."
    if day is None:
        errors["decided_on"] = "Nhập ngày quyết định."
    elif day > clock.today():
        errors["decided_on"] = f"Ngày quyết định {format_date(day)} sau ngày hôm nay."
    elif (issuer.valid_from and day < issuer.valid_from) or (
        issuer.valid_to and day > issuer.valid_to
    ):
        since = format_date(issuer.valid_from) or "…"
        until = format_date(issuer.valid_to) or "…"
        errors["decided_on"] = (
            f"Ngày {format_date(day)} «{issuer.name}» không hoạt động (từ {since} đến {until})."
        )
    elif decision.form_id is not None:
        why = authority.refusal(issuer=issuer, form=decision.form, on=day)
        if why:
            errors["form"] = why
    if decision.form_id is None:
        errors["form"] = "Chọn hình thức khen thưởng."
    elif not decision.form.is_active and "form" not in errors:
        errors["form"] = f"Hình thức «{decision.form.name}» không còn được dùng."
    for name, label in (("proposed_on", "đề nghị"), ("council_on", "họp hội đồng")):
        other = getattr(decision, name)
        if other is not None and day is not None and other > day:
            errors[name] = (
                f"Ngày {label} {format_date(other)} sau ngày quyết định {format_date(day)}."
            )
    if decision.form_id is not None and "form" not in errors:
        for name, kind in _STATED.items():
            if (getattr(decision, name) or 0) > 0 and not decision.form.accepts(kind):
                errors[name] = (
                    f"«{decision.form.name}» không tặng cho {kind.label.lower()}: để số này là 0."
                )
    meeting = decision.meeting
    if meeting is not None and not can(actor, Cap.MEETING_VIEW, meeting.org_unit):
        errors["meeting"] = f"Hội nghị «{meeting.title}» nằm ngoài phạm vi đơn vị của bạn."
    proposer = decision.proposed_by
    if proposer is not None and not can(actor, Cap.ORG_VIEW, proposer):
        errors["proposed_by"] = f"«{proposer.name}» nằm ngoài phạm vi đơn vị của bạn."
    if errors:
        raise ValidationError(errors)
    decision.full_clean(exclude=["issuer", "form", "proposed_by", "document", "meeting"])


def _clean(name: str, value: Any) -> Any:
    if name in _TEXT:
        return normalize_spaces(value)
    if name in _LONG_TEXT:
        return (value or "").strip()
    return value


@service
def decision_create(
    *,
    actor: Any,
    issuer: OrgUnit,
    form: AwardForm,
    decided_on: dt.date,
    reason: str,
    signer_name: str = "",
    signer_title: str = "",
    proposed_by: OrgUnit | None = None,
    proposed_on: dt.date | None = None,
    proposal_reference: str = "",
    council_opinion: str = "",
    council_on: dt.date | None = None,
    note: str = "",
    stated_collectives: int = 0,
    stated_individuals: int = 0,
    stated_households: int = 0,
    source: str = "",
    meeting: Meeting | None = None,
) -> AwardDecision:
    """Ghi một quyết định khen thưởng (its danh sách is added with :func:`award_add`; a
    decision known by its numbers only holds them in ``stated_*``)."""
    require(actor, Cap.AWARD_MANAGE, issuer)
    refuse_if_closed(issuer)
    values = {
        "reason": reason,
        "signer_name": signer_name,
        "signer_title": signer_title,
        "proposal_reference": proposal_reference,
        "council_opinion": council_opinion,
        "note": note,
        "source": source,
    }
    decision = AwardDecision(
        issuer=issuer,
        form=form,
        decided_on=decided_on,
        proposed_by=proposed_by,
        proposed_on=proposed_on,
        council_on=council_on,
        stated_collectives=stated_collectives,
        stated_individuals=stated_individuals,
        stated_households=stated_households,
        meeting=meeting,
        **{name: _clean(name, value) for name, value in values.items()},
    )
    _validate_decision(decision, actor)
    decision.save()
    return decision


@service
def decision_update(
    *, actor: Any, decision: AwardDecision, version: int | None = None, **changes: Any
) -> AwardDecision:
    """Sửa quyết định. A decision already in the register keeps its form and date (the
    number was given for them); the awards are re-checked against a new form."""
    concurrency.lock(decision)
    require(actor, Cap.AWARD_MANAGE, decision.issuer)
    refuse_if_closed(decision.issuer)
    unknown = set(changes) - set(DECISION_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    concurrency.check_version(decision, version)
    before = concurrency.snapshot(decision)
    for name, value in changes.items():
        setattr(decision, name, _clean(name, value))
    if decision.document_id is not None and (
        decision.form_id != before["form_id"] or decision.decided_on != before["decided_on"]
    ):
        raise ValidationError(
            {
                "form": f"Quyết định đã vào sổ với số {decision.reference}: không đổi hình thức "
                "hay ngày quyết định được (ban hành quyết định khác nếu cần)."
            }
        )
    _validate_decision(decision, actor)
    if decision.form_id != before["form_id"]:
        for award in decision.awards.standing():
            if not decision.form.accepts(award.recipient_kind):
                raise ValidationError(
                    {
                        "form": f"«{decision.form.name}» không tặng cho "
                        f"{award.get_recipient_kind_display().lower()} "
                        f"(«{award.recipient_name}» trong danh sách)."
                    }
                )
    concurrency.save_changed(decision, before)
    return decision


# --- awards ----------------------------------------------------------------------------


def _same_recipient(award: Award) -> dict[str, Any]:
    if award.recipient_unit_id is not None:
        return {"recipient_unit_id": award.recipient_unit_id}
    if award.recipient_person_id is not None:
        return {"recipient_person_id": award.recipient_person_id}
    return {
        "recipient_kind": award.recipient_kind,
        "recipient_unit__isnull": True,
        "recipient_person__isnull": True,
    }


def _lock_recipient(award: Award) -> None:
    """Two officers adding the same recipient at once: the second waits, then sees the
    first one's award."""
    if award.recipient_unit_id is not None:
        OrgUnit.all_objects.select_for_update().filter(pk=award.recipient_unit_id).first()
    elif award.recipient_person_id is not None:
        Person.all_objects.select_for_update().filter(pk=award.recipient_person_id).first()


def earlier_award(award: Award) -> Award | None:
    """A standing award of the same recipient for the same achievement (see the module)."""
    same = Q(achievement_folded=award.achievement_folded)
    if award.emulation_model_id is not None:
        same |= Q(emulation_model_id=award.emulation_model_id)
    elif award.campaign_id is not None:
        same |= Q(campaign_id=award.campaign_id, emulation_model__isnull=True)
    candidates = (
        Award.objects.standing()
        .filter(same, **_same_recipient(award))
        .exclude(pk=award.pk)
        .select_related("decision__form", "decision__issuer", "decision__document")
    )
    if award.recipient_unit_id is None and award.recipient_person_id is None:
        name = fold(award.recipient_name)
        return next((a for a in candidates if fold(a.recipient_name) == name), None)
    return candidates.first()


def _double_text(award: Award, earlier: Award) -> str:
    decision = earlier.decision
    number = f" số {decision.reference}" if decision.reference else ""
    return (
        f"«{award.recipient_name}» đã được khen thưởng về thành tích này: "
        f"{decision.form.name} theo quyết định{number} ngày {format_date(decision.decided_on)} "
        f"của {decision.issuer.name}. Một thành tích không khen thưởng hai lần hoặc bằng hai "
        "hình thức (Luật Thi đua, khen thưởng 2022)."
    )


def _fill_recipient(award: Award, actor: Any) -> dict[str, str]:
    errors: dict[str, str] = {}
    unit, person = award.recipient_unit, award.recipient_person
    if unit is not None and person is not None:
        errors["recipient_person"] = "Chọn một tập thể hoặc một cá nhân, không chọn cả hai."
    elif person is not None:
        award.recipient_kind = RecipientKind.INDIVIDUAL
        if not scoped(Person.objects.filter(pk=person.pk), actor, Cap.PEOPLE_VIEW).exists():
            errors["recipient_person"] = f"«{person.full_name}» nằm ngoài phạm vi của bạn."
        award.recipient_name = award.recipient_name or person.full_name
    elif unit is not None:
        award.recipient_kind = RecipientKind.COLLECTIVE
        if not can(actor, Cap.ORG_VIEW, unit):
            errors["recipient_unit"] = f"«{unit.name}» nằm ngoài phạm vi đơn vị của bạn."
        award.recipient_name = award.recipient_name or unit.name
    if not award.recipient_name:
        errors["recipient_name"] = "Chọn đơn vị, cán bộ hoặc nhập tên tập thể, cá nhân được khen."
    if award.recipient_kind not in RecipientKind.values:
        errors["recipient_kind"] = "Chọn đối tượng: tập thể, cá nhân hoặc hộ gia đình."
    return errors


def _validate_award(award: Award, actor: Any) -> None:
    decision = award.decision
    errors = _fill_recipient(award, actor)
    if not award.achievement:
        errors["achievement"] = "Nhập thành tích được khen thưởng."
    if "recipient_kind" not in errors and not decision.form.accepts(award.recipient_kind):
        errors["recipient_kind"] = (
            f"«{decision.form.name}» không tặng cho "
            f"{RecipientKind(award.recipient_kind).label.lower()} "
            f"(chỉ tặng: {decision.form.recipients_label})."
        )
    meeting = award.meeting
    if meeting is not None:
        if not scoped(Meeting.objects.filter(pk=meeting.pk), actor, Cap.MEETING_VIEW).exists():
            errors["meeting"] = "Bạn không xem được hội nghị này."
        elif meeting.status == Meeting.Status.CANCELLED:
            errors["meeting"] = f"Hội nghị «{meeting.title}» đã hủy."
        elif timezone.localdate(meeting.starts_at) < decision.decided_on:
            held = format_date(timezone.localdate(meeting.starts_at))
            errors["meeting"] = (
                f"Hội nghị họp ngày {held}, trước ngày quyết định "
                f"{format_date(decision.decided_on)}: chưa trao được."
            )
    errors.update(_emulation_errors(award, actor))
    award.search_folded = fold(
        f"{award.recipient_name} {award.recipient_detail} {award.achievement}"
    )
    award.achievement_folded = fold(award.achievement)[:500]
    if not errors:
        earlier = earlier_award(award)
        if earlier is not None:
            errors["achievement"] = _double_text(award, earlier)
    if errors:
        raise ValidationError(errors)
    award.full_clean(
        exclude=[
            "decision",
            "recipient_unit",
            "recipient_person",
            "meeting",
            "campaign",
            "emulation_model",
        ]
    )


def _emulation_errors(award: Award, actor: Any) -> dict[str, str]:
    """The model or campaign rewarded: one the actor can read; a model sets its campaign;
    a stopped model is not rewarded."""
    model = award.emulation_model
    if model is not None:
        visible = scoped(EmulationModel.objects.filter(pk=model.pk), actor, Cap.EMULATION_VIEW)
        if not visible.exists():
            return {"emulation_model": "Bạn không xem được mô hình này."}
        if model.state == State.STOPPED:
            return {"emulation_model": f"Mô hình «{model.name}» đã dừng: không khen thưởng."}
        if award.campaign_id is not None and award.campaign_id != model.campaign_id:
            return {"campaign": f"Mô hình «{model.name}» thuộc đợt thi đua khác."}
        award.campaign_id = model.campaign_id
    elif award.campaign is not None:
        campaigns = scoped(Campaign.objects.filter(pk=award.campaign.pk), actor, Cap.EMULATION_VIEW)
        if not campaigns.exists():
            return {"campaign": "Bạn không xem được đợt thi đua này."}
    return {}


@service
def award_add(
    *,
    actor: Any,
    decision: AwardDecision,
    recipient_kind: str = "",
    recipient_unit: OrgUnit | None = None,
    recipient_person: Person | None = None,
    recipient_name: str = "",
    recipient_detail: str = "",
    achievement: str = "",
    meeting: Meeting | None = None,
    campaign: Campaign | None = None,
    emulation_model: EmulationModel | None = None,
    note: str = "",
) -> Award:
    """Thêm một tập thể, cá nhân, hộ gia đình vào danh sách của quyết định. The
    achievement defaults to the decision's, the meeting to the one the decision was
    presented at; a model sets the campaign."""
    concurrency.lock(decision)
    require(actor, Cap.AWARD_MANAGE, decision.issuer)
    refuse_if_closed(decision.issuer)
    award = Award(
        decision=decision,
        recipient_kind=recipient_kind
        or (RecipientKind.INDIVIDUAL if recipient_person else RecipientKind.COLLECTIVE),
        recipient_unit=recipient_unit,
        recipient_person=recipient_person,
        recipient_name=normalize_spaces(recipient_name),
        recipient_detail=normalize_spaces(recipient_detail),
        achievement=normalize_spaces(achievement) or decision.reason,
        meeting=meeting or decision.meeting,
        campaign=campaign,
        emulation_model=emulation_model,
        note=normalize_spaces(note),
    )
    _lock_recipient(award)
    _validate_award(award, actor)
    award.save()
    return award


@service
def award_revoke(*, actor: Any, award: Award, reason: str, on: dt.date | None = None) -> Award:
    """Thu hồi: the award stays in the register, marked, with the reason."""
    concurrency.lock(award)
    require(actor, Cap.AWARD_MANAGE, award.decision.issuer)
    if award.revoked_on is not None:
        raise ValidationError(
            {"reason": f"Khen thưởng này đã bị thu hồi ngày {format_date(award.revoked_on)}."}
        )
    reason = normalize_spaces(reason)
    if not reason:
        raise ValidationError({"reason": "Nhập lý do thu hồi (ví dụ: kê khai không trung thực)."})
    day = on or clock.today()
    if day < award.decision.decided_on:
        raise ValidationError(
            {"on": f"Ngày thu hồi {format_date(day)} trước ngày quyết định khen thưởng."}
        )
    award.revoked_on = day
    award.revoked_reason = reason[:500]
    award.revoked_by = actor if getattr(actor, "pk", None) else None
    concurrency.bump(award, "revoked_on", "revoked_reason", "revoked_by")
    return award


@service
def award_remove(*, actor: Any, award: Award) -> None:
    """Bỏ một dòng nhập nhầm, while the decision is not yet in the register; afterwards an
    award is revoked, never removed."""
    concurrency.lock(award)
    require(actor, Cap.AWARD_MANAGE, award.decision.issuer)
    if award.decision.document_id is not None:
        raise PermissionDenied(
            "Quyết định đã vào sổ văn bản: không xóa được tên trong danh sách, chỉ thu hồi."
        )
    award.deleted_at = timezone.now()
    concurrency.bump(award, "deleted_at")
