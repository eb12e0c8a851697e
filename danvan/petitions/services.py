"""Writes to the petition register: intake, classification, the stages, forwarding and
its reply, extensions, duplicates, edits.

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
from danvan.documents.models import Document
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.org.models import OrgUnit
from danvan.petitions import clocks, duplicates, notify
from danvan.petitions.models import (
    MOVES,
    Channel,
    ClockStage,
    DeadlineRule,
    DuplicateState,
    Extension,
    Forwarding,
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
        _reply_back(actor, petition)
    return petition


def _reply_back(actor: Any, entry: Petition) -> None:
    """The receiver answered: its reply is written on the forwarding and on the sender's
    entry, which is answered in turn (the chain is closed at both ends)."""
    forwarding = Forwarding.objects.select_for_update().get(receiver_entry=entry)
    sender = entry.forwarded_from
    assert sender is not None
    concurrency.lock(sender)
    forwarding.replied_on = entry.resolved_on or clock.today()
    forwarding.reply = entry.outcome
    forwarding.save(update_fields=["replied_on", "reply"])
    _answer_sender(actor, sender, forwarding)


def _answer_sender(actor: Any, sender: Petition, forwarding: Forwarding) -> None:
    if sender.stage != Stage.FORWARDED:
        return
    when = format_date(forwarding.replied_on)
    text = f"{forwarding.receiver_name} trả lời ngày {when}: {forwarding.reply}"
    sender.outcome = text
    sender.resolved_on = forwarding.replied_on
    _enter(sender, Stage.ANSWERED, actor=actor, note=text, on=forwarding.replied_on)
    _save(sender)
    notify.petition_replied(actor=actor, petition=sender, by=forwarding.receiver_name)


# --- across bodies ----------------------------------------------------------------------


@service
def petition_forward(
    *,
    actor: Any,
    petition: Petition,
    to_unit: OrgUnit | None = None,
    to_body: str = "",
    letter: Document | None = None,
    reply_due: dt.date | None = None,
    note: str = "",
    on: dt.date | None = None,
) -> Forwarding:
    """Chuyển đơn. To a unit of the system: that unit gets its own entry, linked, with a
    copy of the petitioners (its officers are told, by number only). To a body outside:
    the body, the letter from the register and the awaited reply date are recorded."""
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    _refuse_move(petition, Stage.FORWARDED)
    to_body = normalize_spaces(to_body)
    errors: dict[str, str] = {}
    if (to_unit is None) == (not to_body):
        errors["to_unit"] = "Chọn một đơn vị trong hệ thống, hoặc ghi tên cơ quan ngoài hệ thống."
    elif to_unit is not None and to_unit.pk == petition.org_unit_id:
        errors["to_unit"] = "Không chuyển đơn cho chính đơn vị đang giữ đơn."
    elif to_unit is not None and to_unit.is_historical:
        errors["to_unit"] = f"«{to_unit.name}» đã ngừng hoạt động."
    today = _day(petition, on)
    if reply_due is not None and reply_due < today:
        errors["reply_due"] = "Hạn trả lời không được trước ngày chuyển đơn."
    if to_unit is None and reply_due is None and not errors:
        errors["reply_due"] = "Ghi ngày dự kiến nhận trả lời của cơ quan ngoài hệ thống."
    if letter is not None and not can(actor, Cap.DOCUMENT_VIEW, letter.org_unit):
        errors["letter"] = "Bạn không xem được văn bản này trong sổ văn bản."
    if errors:
        raise ValidationError(errors)
    forwarding = Forwarding(
        petition=petition,
        to_unit=to_unit,
        to_body=to_body if to_unit is None else "",
        letter=letter,
        sent_on=today,
        reply_due=reply_due,
    )
    if to_unit is not None:
        people = [
            Petitioner(**{f: getattr(p, f) for f in PERSON_FIELDS})
            for p in petition.petitioners.all()
        ]
        for person in people:
            person.name_folded, person.address_folded = fold(person.full_name), fold(person.address)
        forwarding.receiver_entry = _create(
            actor=actor,
            org_unit=to_unit,
            received_on=today,
            channel=Channel.FORWARDED,
            subject=petition.subject,
            people=people,
            anonymous=petition.anonymous,
            kind=petition.kind,
            concerned_body=petition.concerned_body,
            group_size=petition.group_size,
            forwarded_from=petition,
            note=f"{petition.org_unit.name} chuyển đến ({petition}).",
        )
    forwarding.full_clean(exclude=["petition", "receiver_entry", "to_unit", "letter"])
    forwarding.save()
    where = forwarding.receiver_name
    _enter(
        petition,
        Stage.FORWARDED,
        actor=actor,
        note=_join(f"Chuyển đơn đến {where}.", note),
        due=(reply_due, None),
        on=today,
    )
    _save(petition)
    if forwarding.receiver_entry is not None:
        notify.petition_forwarded(actor=actor, entry=forwarding.receiver_entry, sender=petition)
    return forwarding


@service
def petition_outside_reply(
    *,
    actor: Any,
    forwarding: Forwarding,
    reply: str,
    replied_on: dt.date | None = None,
    reply_document: Document | None = None,
) -> Forwarding:
    """The reply of a body outside the system, recorded on the sender's entry."""
    forwarding = Forwarding.objects.select_for_update().get(pk=forwarding.pk)
    sender = forwarding.petition
    concurrency.lock(sender)
    require(actor, Cap.PETITION_MANAGE, sender.org_unit)
    if forwarding.to_unit_id:
        raise ValidationError({"reply": "Đơn vị trong hệ thống tự trả lời trên đơn của họ."})
    if forwarding.replied_on is not None:
        raise ValidationError({"reply": "Cơ quan này đã trả lời."})
    reply = (reply or "").strip()
    day = replied_on or clock.today()
    if not reply:
        raise ValidationError({"reply": "Nhập nội dung trả lời."})
    if day < forwarding.sent_on or day > clock.today():
        raise ValidationError({"replied_on": "Ngày trả lời phải từ ngày chuyển đơn đến hôm nay."})
    forwarding.reply, forwarding.replied_on = reply, day
    forwarding.reply_document = reply_document
    forwarding.save(update_fields=["reply", "replied_on", "reply_document"])
    _answer_sender(actor, sender, forwarding)
    return forwarding


# --- clocks and duplicates ----------------------------------------------------------------


@service
def petition_extend(*, actor: Any, petition: Petition, days: int, reason: str) -> Extension:
    """Gia hạn the stage under way, with its reason (counted as the stage's rule counts)."""
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    if not petition.is_open or petition.due_on is None:
        raise ValidationError({"days": "Đơn không có thời hạn đang chạy để gia hạn."})
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 90:
        raise ValidationError({"days": "Số ngày gia hạn từ 1 đến 90."})
    reason = normalize_spaces(reason)
    if not reason:
        raise ValidationError({"reason": "Nhập lý do gia hạn."})
    rule = petition.due_rule
    counting = rule.counting if rule is not None else DeadlineRule.Counting.CALENDAR
    old = petition.due_on
    petition.due_on = clocks.extend(old, days, counting)
    extension = Extension.objects.create(
        petition=petition,
        stage=petition.stage,
        days=days,
        counting=counting,
        reason=reason,
        old_due=old,
        new_due=petition.due_on,
        by=actor if getattr(actor, "pk", None) else None,
    )
    StageEntry.objects.create(
        petition=petition,
        stage=petition.stage,
        on=clock.today(),
        due_on=petition.due_on,
        note=f"Gia hạn {days} {DeadlineRule.Counting(counting).label}: {reason}",
        by=actor if getattr(actor, "pk", None) else None,
    )
    _save(petition)
    return extension


@service
def petition_duplicate_decide(
    *, actor: Any, petition: Petition, confirm: bool, note: str = ""
) -> Petition:
    """A person confirms the proposed đơn trùng (the entry is archived, pointing at the
    original) or rejects it (the petition goes on as a new one)."""
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    if petition.duplicate_state != DuplicateState.PROPOSED:
        raise ValidationError({"duplicate": "Đơn không có đề xuất trùng đang chờ xác nhận."})
    if not confirm:
        petition.duplicate_state = DuplicateState.REJECTED
        StageEntry.objects.create(
            petition=petition,
            stage=petition.stage,
            on=clock.today(),
            due_on=petition.due_on,
            note=_join(f"Không trùng với {petition.duplicate_of}.", note),
            by=actor if getattr(actor, "pk", None) else None,
        )
        _save(petition)
        return petition
    if petition.stage not in (Stage.RECEIVED, Stage.CLASSIFIED):
        raise ValidationError({"duplicate": "Đơn đã được xử lý, không xác nhận trùng được nữa."})
    petition.duplicate_state = DuplicateState.CONFIRMED
    original = petition.duplicate_of
    text = _join(
        f"Đơn trùng với {original} ({original.org_unit.name}), ngày nhận "  # type: ignore[union-attr]
        f"{format_date(original.received_on)}: lưu đơn, theo dõi theo đơn gốc.",  # type: ignore[union-attr]
        note,
    )
    petition.outcome = text
    _enter(petition, Stage.ARCHIVED, actor=actor, note=text)
    _save(petition)
    return petition


@service
def petition_update(
    *, actor: Any, petition: Petition, version: int | None = None, **changes: Any
) -> Petition:
    """Sửa đơn: subject, the body concerned, the number of signatories, the handling
    officer, complexity. An edit made from another ``version`` is refused."""
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    concurrency.check_version(petition, version)
    before = concurrency.snapshot(petition)
    handler = changes.get("handler")
    if handler is not None and not can(handler, Cap.PETITION_MANAGE, petition.org_unit):
        raise ValidationError({"handler": f"{handler} không có quyền xử lý đơn tại đơn vị này."})
    for field, value in changes.items():
        if field == "subject":
            value = (value or "").strip()
            if not value:
                raise ValidationError({"subject": "Nhập nội dung đơn."})
        elif field == "concerned_body":
            value = normalize_spaces(value)
        setattr(petition, field, value)
    petition.subject_folded = fold(petition.subject)
    petition.full_clean(exclude=["org_unit", "handler", "visit", "voter_batch", "due_rule"])
    concurrency.save_changed(petition, before)
    return petition


def require_reader(user: Any, petition: Petition) -> None:
    if not can(user, Cap.PETITION_VIEW, petition.org_unit):
        raise PermissionDenied("Bạn không có quyền xem đơn thư tại đơn vị này.")


def _join(first: str, second: str) -> str:
    second = (second or "").strip()
    return f"{first} {second}" if second else first
