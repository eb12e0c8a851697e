"""Writes of citizen reception (buổi tiếp công dân, the citizens received) and of the
Front's voter-opinion batches (ý kiến, kiến nghị cử tri) with their joint reply."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.org.models import OrgUnit
from danvan.petitions.models import (
    Channel,
    Petition,
    PetitionKind,
    ReceptionSession,
    ReceptionVisit,
    VoterBatch,
)

SESSION_FIELDS = ("held_on", "kind", "host", "host_title", "place", "note")


def _session_errors(session: ReceptionSession) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not isinstance(session.held_on, dt.date):
        errors["held_on"] = "Nhập ngày tiếp (dd/mm/yyyy)."
    elif session.held_on > clock.today() + dt.timedelta(days=366):
        errors["held_on"] = "Ngày tiếp quá xa (quá một năm tới)."
    if session.kind not in ReceptionSession.Kind.values:
        errors["kind"] = "Chọn hình thức tiếp: thường xuyên, định kỳ hoặc đột xuất."
    if not session.host:
        errors["host"] = "Nhập người tiếp công dân."
    return errors


@service
def session_create(
    *,
    actor: Any,
    org_unit: OrgUnit,
    held_on: dt.date,
    kind: str,
    host: str,
    host_title: str = "",
    place: str = "",
    note: str = "",
) -> ReceptionSession:
    """Lên lịch or ghi lại một buổi tiếp công dân of ``org_unit``."""
    require(actor, Cap.PETITION_MANAGE, org_unit)
    if org_unit.is_historical:
        raise ValidationError({"org_unit": f"«{org_unit.name}» đã ngừng hoạt động."})
    session = ReceptionSession(
        org_unit=org_unit,
        held_on=held_on,
        kind=kind,
        host=normalize_spaces(host),
        host_title=normalize_spaces(host_title),
        place=normalize_spaces(place),
        note=(note or "").strip(),
    )
    errors = _session_errors(session)
    if errors:
        raise ValidationError(errors)
    session.full_clean(exclude=["org_unit"])
    session.save()
    return session


@service
def session_update(
    *, actor: Any, session: ReceptionSession, version: int | None = None, **changes: Any
) -> ReceptionSession:
    concurrency.lock(session)
    require(actor, Cap.PETITION_MANAGE, session.org_unit)
    unknown = set(changes) - set(SESSION_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    concurrency.check_version(session, version)
    before = concurrency.snapshot(session)
    for field, value in changes.items():
        setattr(session, field, normalize_spaces(value) if isinstance(value, str) else value)
    errors = _session_errors(session)
    if errors:
        raise ValidationError(errors)
    session.full_clean(exclude=["org_unit"])
    concurrency.save_changed(session, before)
    return session


@service
def visit_add(
    *,
    actor: Any,
    session: ReceptionSession,
    full_name: str,
    raised: str,
    address: str = "",
    phone: str = "",
    group_size: int = 1,
    answered: str = "",
) -> ReceptionVisit:
    """Một lượt tiếp: one citizen, or a group (đoàn đông người) with its size."""
    concurrency.lock(session)
    require(actor, Cap.PETITION_MANAGE, session.org_unit)
    if session.held_on > clock.today():
        raise ValidationError(
            {"held_on": f"Buổi tiếp ngày {format_date(session.held_on)} chưa diễn ra."}
        )
    errors: dict[str, str] = {}
    full_name = normalize_spaces(full_name)
    if not full_name:
        errors["full_name"] = "Nhập họ tên công dân (người đại diện của đoàn)."
    if not (raised or "").strip():
        errors["raised"] = "Nhập nội dung công dân trình bày."
    if (
        not isinstance(group_size, int)
        or isinstance(group_size, bool)
        or not 1 <= group_size <= 10000
    ):
        errors["group_size"] = "Số người từ 1 đến 10.000."
    if errors:
        raise ValidationError(errors)
    visit = ReceptionVisit(
        session=session,
        full_name=full_name,
        name_folded=fold(full_name),
        address=normalize_spaces(address),
        phone=normalize_spaces(phone),
        group_size=group_size,
        raised=raised.strip(),
        answered=(answered or "").strip(),
    )
    visit.full_clean()
    visit.save()
    return visit


# --- voter opinions ---------------------------------------------------------------------


@service
def batch_create(
    *, actor: Any, org_unit: OrgUnit, title: str, met_on: dt.date, meeting: Any = None
) -> VoterBatch:
    require(actor, Cap.PETITION_MANAGE, org_unit)
    title = normalize_spaces(title)
    if not title:
        raise ValidationError({"title": "Nhập tên đợt tiếp xúc cử tri."})
    if not isinstance(met_on, dt.date) or met_on > clock.today():
        raise ValidationError({"met_on": "Ngày tiếp xúc cử tri phải là một ngày đã qua."})
    batch = VoterBatch(org_unit=org_unit, title=title, met_on=met_on, meeting=meeting)
    batch.full_clean(exclude=["org_unit", "meeting"])
    batch.save()
    return batch


@service
def batch_opinion_add(
    *, actor: Any, batch: VoterBatch, subject: str, voter: str = "", address: str = ""
) -> Petition:
    """One opinion of the batch, entered as a kiến nghị petition of the Front's register."""
    from danvan.petitions.services import petition_create

    concurrency.lock(batch)
    require(actor, Cap.PETITION_MANAGE, batch.org_unit)
    if batch.status != VoterBatch.Status.GATHERED:
        raise ValidationError({"subject": "Đợt này đã chuyển hoặc đã trả lời, không thêm ý kiến."})
    people = [{"full_name": voter, "address": address}] if normalize_spaces(voter) else []
    return petition_create(
        actor=actor,
        org_unit=batch.org_unit,
        received_on=batch.met_on,
        channel=Channel.VOTERS,
        subject=subject,
        petitioners=people,
        anonymous=not people,
        kind=PetitionKind.PROPOSAL,
        voter_batch=batch,
    )


@service
def batch_status(
    *, actor: Any, batch: VoterBatch, status: str, joint_reply: str = ""
) -> VoterBatch:
    """Move a batch: đã chuyển cơ quan có thẩm quyền, đã trả lời (by the Front itself), cơ
    quan có thẩm quyền đã trả lời — the last two with the joint reply of the batch."""
    concurrency.lock(batch)
    require(actor, Cap.PETITION_MANAGE, batch.org_unit)
    allowed: dict[str, tuple[str, ...]] = {
        VoterBatch.Status.GATHERED: (VoterBatch.Status.FORWARDED, VoterBatch.Status.ANSWERED_HERE),
        VoterBatch.Status.FORWARDED: (VoterBatch.Status.ANSWERED_THERE,),
    }
    if status not in allowed.get(batch.status, ()):
        raise ValidationError(
            {"status": f"Đợt đang «{batch.get_status_display()}», không chuyển sang bước này."}
        )
    if not batch.petitions.exists():
        raise ValidationError({"status": "Đợt chưa có ý kiến, kiến nghị nào."})
    joint_reply = (joint_reply or "").strip()
    if status != VoterBatch.Status.FORWARDED:
        if not joint_reply:
            raise ValidationError({"joint_reply": "Nhập nội dung trả lời chung của đợt."})
        batch.joint_reply, batch.replied_on = joint_reply, clock.today()
    batch.status = status
    batch.full_clean(exclude=["org_unit", "meeting"])
    batch.version += 1
    batch.save()
    if status != VoterBatch.Status.FORWARDED:
        _answer_batch(actor, batch)
    return batch


def _answer_batch(actor: Any, batch: VoterBatch) -> None:
    """The joint reply answers every opinion of the batch still open."""
    from danvan.petitions.models import OPEN, Stage, StageEntry

    who = (
        "Cơ quan có thẩm quyền"
        if batch.status == VoterBatch.Status.ANSWERED_THERE
        else (batch.org_unit.name)
    )
    text = f"{who} trả lời chung đợt «{batch.title}»: {batch.joint_reply}"
    for petition in batch.petitions.select_for_update().filter(stage__in=OPEN):
        petition.stage, petition.stage_since = Stage.ANSWERED, clock.today()
        petition.due_on, petition.due_rule = None, None
        petition.outcome, petition.resolved_on = text, clock.today()
        petition.version += 1
        petition.save()
        StageEntry.objects.create(
            petition=petition,
            stage=Stage.ANSWERED,
            on=clock.today(),
            note=text,
            by=actor if getattr(actor, "pk", None) else None,
        )
