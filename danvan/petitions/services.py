"""Writes to the petition register: intake, classification and the stages (forwarding
and its reply: :mod:`danvan.petitions.forwarding`; extensions, duplicates and edits:
:mod:`danvan.petitions.decisions`).

Every service is atomic and audited (``@service``), takes the petition's row lock before
it checks the stage (``concurrency.lock``), asks ``Cap.PETITION_MANAGE`` on the unit that
keeps the entry, and refuses an illegal move with a Vietnamese message. Deadlines come
from :mod:`danvan.petitions.clocks` (rules and calendar as data). Notifications name the
petition by its number and unit only: never a petitioner, never the matter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.org.models import OrgUnit
from danvan.petitions import clocks, duplicates
from danvan.petitions.models import (
    MOVES,
    Channel,
    ClockStage,
    DeadlineRule,
    DuplicateState,
    Petition,
    Petitioner,
    PetitionKind,
    ReceptionVisit,
    Stage,
    StageEntry,
    VoterBatch,
)

EDITABLE_FIELDS = ("subject", "concerned_body", "group_size", "handler", "complex_case")
PERSON_FIELDS = ("full_name", "address", "phone", "id_number")
EARLIEST = dt.date(2000, 1, 1)


# --- helpers ---------------------------------------------------------------------------


def _refuse_move(petition: Petition, to: str) -> None:
    if to not in MOVES.get(petition.stage, ()):
        raise ValidationError(
            {
                "stage": f"{petition} đang ở bước «{petition.get_stage_display()}», không "
                f"chuyển sang «{Stage(to).label}» được."
            }
        )


def _day(petition: Petition, on: dt.date | None) -> dt.date:
    """The day a step happened: today, or an earlier day it is recorded for (a step noted
    after the fact), never before the stage under way began nor in the future."""
    today = clock.today()
    if on is None:
        return today
    if not isinstance(on, dt.date) or on > today:
        raise ValidationError({"on": "Ngày thực hiện không được sau hôm nay."})
    if on < petition.stage_since:
        raise ValidationError(
            {
                "on": "Ngày thực hiện trước ngày của bước hiện tại "
                f"({format_date(petition.stage_since)})."
            }
        )
    return on


def _enter(
    petition: Petition,
    stage: str,
    *,
    actor: Any,
    note: str = "",
    on: dt.date | None = None,
    due: tuple[dt.date | None, DeadlineRule | None] = (None, None),
) -> StageEntry:
    day = on or clock.today()
    petition.stage = stage
    petition.stage_since = day
    petition.due_on, petition.due_rule = due
    return StageEntry.objects.create(
        petition=petition,
        stage=stage,
        on=day,
        note=note,
        due_on=petition.due_on,
        by=actor if getattr(actor, "pk", None) else None,
    )


def _save(petition: Petition) -> None:
    petition.subject_folded = fold(petition.subject)
    petition.full_clean(exclude=["org_unit", "handler", "visit", "voter_batch", "due_rule"])
    petition.version += 1
    petition.save()


def _clean_people(people: Sequence[dict[str, Any]]) -> list[Petitioner]:
    found: list[Petitioner] = []
    for index, raw in enumerate(people):
        values = {f: normalize_spaces(str(raw.get(f) or "")) for f in PERSON_FIELDS}
        if not values["full_name"]:
            continue
        id_number = values["id_number"]
        if id_number and (not id_number.isdigit() or len(id_number) not in (9, 12)):
            raise ValidationError(
                {f"petitioners.{index}.id_number": "Số CCCD có 12 chữ số (CMND cũ: 9)."}
            )
        person = Petitioner(**values)
        person.name_folded = fold(person.full_name)
        person.address_folded = fold(person.address)
        found.append(person)
    return found


def _number(unit: OrgUnit, year: int) -> int:
    """Next number of the unit's register for ``year``, under the unit's row lock (two
    officers entering at once never get the same number)."""
    OrgUnit.objects.select_for_update().filter(pk=unit.pk).first()
    last = Petition.all_objects.filter(org_unit=unit, year=year).aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _validate_intake(
    *,
    org_unit: OrgUnit,
    received_on: Any,
    channel: str,
    subject: str,
    anonymous: bool,
    people: list[Petitioner],
    group_size: int,
) -> None:
    errors: dict[str, str] = {}
    if org_unit.is_historical:
        errors["org_unit"] = f"«{org_unit.name}» đã ngừng hoạt động, không nhận đơn mới."
    if not isinstance(received_on, dt.date):
        errors["received_on"] = "Nhập ngày nhận đơn (dd/mm/yyyy)."
    elif received_on > clock.today():
        errors["received_on"] = f"Ngày nhận {format_date(received_on)} chưa tới."
    elif received_on < EARLIEST:
        errors["received_on"] = f"Ngày nhận phải từ {format_date(EARLIEST)}."
    if channel not in Channel.values:
        errors["channel"] = "Chọn nguồn đơn."
    if not subject:
        errors["subject"] = "Nhập nội dung đơn."
    if anonymous and people:
        errors["petitioners"] = "Đơn nặc danh không ghi người đứng đơn."
    if not anonymous and not people:
        errors["petitioners"] = "Nhập họ tên người đứng đơn, hoặc đánh dấu đơn nặc danh."
    if not isinstance(group_size, int) or not 1 <= group_size <= 10000:
        errors["group_size"] = "Số người đứng đơn từ 1 đến 10.000."
    if errors:
        raise ValidationError(errors)


# --- intake ----------------------------------------------------------------------------


@service
def petition_create(
    *,
    actor: Any,
    org_unit: OrgUnit,
    received_on: dt.date,
    channel: str,
    subject: str,
    petitioners: Sequence[dict[str, Any]] = (),
    anonymous: bool = False,
    kind: str = PetitionKind.UNCLASSIFIED,
    concerned_body: str = "",
    group_size: int = 1,
    visit: ReceptionVisit | None = None,
    voter_batch: VoterBatch | None = None,
) -> Petition:
    """Tiếp nhận, vào sổ: the entry gets the unit's next number of the year and the clock
    of its first step; an earlier petition of the same person on the same matter is
    proposed as the original (đơn trùng), for a person to confirm."""
    require(actor, Cap.PETITION_MANAGE, org_unit)
    return _create(
        actor=actor,
        org_unit=org_unit,
        received_on=received_on,
        channel=channel,
        subject=subject,
        people=_clean_people(petitioners),
        anonymous=anonymous,
        kind=kind,
        concerned_body=concerned_body,
        group_size=group_size,
        visit=visit,
        voter_batch=voter_batch,
    )


def _create(
    *,
    actor: Any,
    org_unit: OrgUnit,
    received_on: dt.date,
    channel: str,
    subject: str,
    people: list[Petitioner],
    anonymous: bool,
    kind: str,
    concerned_body: str,
    group_size: int,
    visit: ReceptionVisit | None = None,
    voter_batch: VoterBatch | None = None,
    forwarded_from: Petition | None = None,
    note: str = "",
) -> Petition:
    subject = (subject or "").strip()
    _validate_intake(
        org_unit=org_unit,
        received_on=received_on,
        channel=channel,
        subject=subject,
        anonymous=anonymous,
        people=people,
        group_size=group_size,
    )
    if kind not in PetitionKind.values:
        raise ValidationError({"kind": "Loại đơn không hợp lệ."})
    petition = Petition(
        org_unit=org_unit,
        year=received_on.year,
        number=_number(org_unit, received_on.year),
        received_on=received_on,
        channel=channel,
        kind=kind,
        subject=subject,
        concerned_body=normalize_spaces(concerned_body),
        anonymous=anonymous,
        group_size=group_size,
        visit=visit,
        voter_batch=voter_batch,
        forwarded_from=forwarded_from,
        handler=actor
        if getattr(actor, "pk", None) and can(actor, Cap.PETITION_MANAGE, org_unit)
        else None,
        stage_since=received_on,
    )
    petition.version = 0
    _save_first(petition, actor, note, received_on)
    for person in people:
        person.petition = petition
        person.full_clean()
        person.save()
    _propose_duplicate(actor, petition)
    return petition


def _save_first(petition: Petition, actor: Any, note: str, received_on: dt.date) -> None:
    due = clocks.due(kind=petition.kind, stage=ClockStage.CLASSIFY, received_on=received_on)
    petition.stage, petition.due_on, petition.due_rule = Stage.RECEIVED, *due
    _save(petition)
    StageEntry.objects.create(
        petition=petition,
        stage=Stage.RECEIVED,
        on=received_on,
        note=note or "Vào sổ.",
        due_on=petition.due_on,
        by=actor if getattr(actor, "pk", None) else None,
    )


def _propose_duplicate(actor: Any, petition: Petition) -> None:
    found = duplicates.candidates(actor=actor, petition=petition)
    if found:
        petition.duplicate_of = found[0].petition
        petition.duplicate_state = DuplicateState.PROPOSED
        petition.save(update_fields=["duplicate_of", "duplicate_state"])


# --- classification and the stages -----------------------------------------------------


@service
def petition_classify(
    *,
    actor: Any,
    petition: Petition,
    kind: str,
    eligible: bool,
    competent: bool,
    complex_case: bool = False,
    note: str = "",
    on: dt.date | None = None,
) -> Petition:
    """Phân loại: kind, đủ/không đủ điều kiện, thuộc/không thuộc thẩm quyền. The clock
    becomes the acceptance period of the kind (a khiếu nại: 10 days from receipt)."""
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    _refuse_move(petition, Stage.CLASSIFIED)
    if kind not in PetitionKind.values or kind == PetitionKind.UNCLASSIFIED:
        raise ValidationError(
            {"kind": "Chọn loại đơn: khiếu nại, tố cáo hoặc kiến nghị, phản ánh."}
        )
    if petition.duplicate_state == DuplicateState.PROPOSED:
        raise ValidationError(
            {
                "duplicate": f"Đơn nghi trùng với {petition.duplicate_of}: xác nhận hoặc bác "
                "bỏ trước."
            }
        )
    petition.kind, petition.eligible, petition.competent = kind, eligible, competent
    petition.complex_case = complex_case
    due = clocks.due(kind=kind, stage=ClockStage.ACCEPT, received_on=petition.received_on)
    summary = (
        f"{PetitionKind(kind).label}; {'đủ' if eligible else 'không đủ'} điều kiện xử lý; "
        f"{'thuộc' if competent else 'không thuộc'} thẩm quyền."
    )
    day = _day(petition, on)
    _enter(petition, Stage.CLASSIFIED, actor=actor, note=_join(summary, note), due=due, on=day)
    _save(petition)
    return petition


@service
def petition_accept(
    *, actor: Any, petition: Petition, note: str = "", on: dt.date | None = None
) -> Petition:
    """Thụ lý: the resolution clock starts (30 days, 45 if complex, for a khiếu nại)."""
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    _refuse_move(petition, Stage.ACCEPTED)
    if not (petition.eligible and petition.competent):
        raise ValidationError(
            {
                "stage": "Chỉ thụ lý đơn đủ điều kiện và thuộc thẩm quyền; đơn khác thì hướng "
                "dẫn, chuyển đơn hoặc lưu đơn."
            }
        )
    today = _day(petition, on)
    petition.accepted_on = today
    due = clocks.due(
        kind=petition.kind,
        stage=ClockStage.RESOLVE,
        received_on=petition.received_on,
        accepted_on=today,
        complex_case=petition.complex_case,
    )
    _enter(
        petition, Stage.ACCEPTED, actor=actor, note=note or "Thụ lý giải quyết.", due=due, on=today
    )
    _save(petition)
    return petition


@service
def petition_guide(
    *, actor: Any, petition: Petition, note: str, on: dt.date | None = None
) -> Petition:
    """Hướng dẫn: the matter is not for this unit; the citizen is told where to go."""
    return _finish(
        actor,
        petition,
        Stage.GUIDED,
        note,
        lambda p: p.competent is False,
        "Chỉ hướng dẫn đơn không thuộc thẩm quyền.",
        on,
    )


@service
def petition_archive(
    *, actor: Any, petition: Petition, note: str, on: dt.date | None = None
) -> Petition:
    """Lưu đơn: not eligible for handling (no name, no content, already decided…)."""
    return _finish(
        actor,
        petition,
        Stage.ARCHIVED,
        note,
        lambda p: p.eligible is False,
        "Chỉ lưu đơn không đủ điều kiện xử lý.",
        on,
    )


def _finish(
    actor: Any,
    petition: Petition,
    stage: str,
    note: str,
    allowed: Any,
    why: str,
    on: dt.date | None,
) -> Petition:
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    _refuse_move(petition, stage)
    if not allowed(petition):
        raise ValidationError({"stage": why})
    if not normalize_spaces(note):
        raise ValidationError({"note": "Ghi nội dung hướng dẫn hoặc lý do lưu đơn."})
    day = _day(petition, on)
    petition.resolved_on = day
    petition.outcome = note.strip()
    _enter(petition, stage, actor=actor, note=note.strip(), on=day)
    _save(petition)
    return petition


@service
def petition_move(
    *, actor: Any, petition: Petition, to: str, note: str = "", on: dt.date | None = None
) -> Petition:
    """Xác minh, giải quyết, trả lời, theo dõi, kết thúc. «Trả lời» needs the answer's
    text; answering an entry another unit forwarded sends the reply back to it."""
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    if to in (Stage.CLASSIFIED, Stage.ACCEPTED, Stage.GUIDED, Stage.ARCHIVED, Stage.FORWARDED):
        raise ValidationError({"stage": "Bước này có thao tác riêng."})
    _refuse_move(petition, to)
    note = (note or "").strip()
    if to == Stage.ANSWERED and petition.stage == Stage.FORWARDED:
        raise ValidationError({"stage": "Đơn đã chuyển: trả lời do nơi nhận gửi về."})
    day = _day(petition, on)
    if to == Stage.ANSWERED:
        if not note:
            raise ValidationError({"note": "Nhập nội dung trả lời công dân."})
        petition.outcome = note
        petition.resolved_on = day
        _enter(petition, to, actor=actor, note=note, on=day)
    elif to in (Stage.VERIFYING, Stage.RESOLVING):
        due = (petition.due_on, petition.due_rule)
        _enter(petition, to, actor=actor, note=note, due=due, on=day)
    else:
        _enter(petition, to, actor=actor, note=note, on=day)
    _save(petition)
    if to == Stage.ANSWERED and petition.forwarded_from_id:
        from danvan.petitions.forwarding import reply_back

        reply_back(actor, petition)
    return petition


def require_reader(user: Any, petition: Petition) -> None:
    if not can(user, Cap.PETITION_VIEW, petition.org_unit):
        raise PermissionDenied("Bạn không có quyền xem đơn thư tại đơn vị này.")


def _join(first: str, second: str) -> str:
    second = (second or "").strip()
    return f"{first} {second}" if second else first
