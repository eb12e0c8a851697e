"""A recorded meeting's official documents, as OfficialDocuments.

- Giấy mời (invitation): who is invited (the meeting's attendances, positions as
  written, but not the one who signs it), when ("08 giờ 00, thứ Năm, ngày 23/02/2023"),
  where, and the agenda; sent to every invited unit (a person invited by name: the unit
  of their position).
- Biên bản (minutes): time, place, chair, secretary, attendees (and who was absent, with
  the reason) and how many of the invited were there, the agenda, the record of the
  meeting, the opinions, the awards presented there with their counts (danvan.awards),
  the conclusions; signed by the secretary (left) and the chair (right).
- Thông báo kết luận (notice of conclusions): "kết luận của đồng chí … tại hội nghị …",
  each numbered conclusion with the tasks it raised (lead unit, co-units, deadline); sent
  to the units that have tasks or attended.

The issuer is the meeting's organising unit, or that unit's coordinating board when the
organiser is a place. Reads go through the meetings and tasks scoping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.awards.selectors import meeting_award_groups, meeting_award_sentence
from danvan.core import clock
from danvan.drafting import headings
from danvan.drafting.compile import default_issuer
from danvan.drafting.context import (
    CONCLUSIONS_NOTICE,
    INVITATION,
    KINDS,
    MINUTES,
    Block,
    OfficialDocument,
    Signature,
)
from danvan.drafting.layout_closing import SECRETARY_TITLE
from danvan.lib.dates import format_date
from danvan.lib.titles import expand_title
from danvan.meetings.models import Attendance, Meeting
from danvan.meetings.selectors import meeting_get
from danvan.org.models import OrgUnit
from danvan.people.models import Position
from danvan.tasks.models import Task

MEETING_KINDS = (INVITATION, MINUTES, CONCLUSIONS_NOTICE)
_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_ROMAN = ("I", "II", "III", "IV", "V", "VI")
# How an attendance's role is noted after its name (plain attendance says nothing).
_ROLE_NOTES: dict[str, str] = {
    Attendance.Role.CHAIR: "chủ trì",
    Attendance.Role.DIRECTS: "dự và chỉ đạo",
    Attendance.Role.REPORTS: "báo cáo",
    Attendance.Role.SPEAKS: "phát biểu",
    Attendance.Role.CONCLUDES: "phát biểu kết luận",
}


CHAIR_TITLE = "CHỦ TRÌ HỘI NGHỊ"


@dataclass
class Minutes(OfficialDocument):
    """A biên bản: signed by the meeting's secretary (``secretary``, on the left, where
    other documents have their nơi nhận) beside its chair (``signature``)."""

    secretary: Signature = field(default_factory=lambda: Signature("", SECRETARY_TITLE, ""))


# --- words --------------------------------------------------------------------------------


def clock_time(moment: dt.datetime) -> str:
    """ "08 giờ 00"."""
    local = timezone.localtime(moment)
    return f"{local.hour:02d} giờ {local.minute:02d}"


def moment_text(moment: dt.datetime) -> str:
    """ "08 giờ 00, thứ Năm, ngày 23/02/2023"."""
    local = timezone.localtime(moment)
    return f"{clock_time(local)}, {_WEEKDAYS[local.weekday()]}, ngày {format_date(local.date())}"


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text else text


def _upper_first(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def meeting_phrase(meeting: Meeting) -> str:
    """The meeting as a sentence names it: "hội nghị giao ban công tác Dân vận ..."."""
    title = meeting.title.strip().rstrip(".")
    lowered = _lower_first(title)
    if lowered.startswith("hội nghị"):
        return lowered
    return f"hội nghị {lowered}"


def who(attendance: Attendance) -> str:
    """ "đồng chí Khương Quốc Hưng - UVTV, Trưởng Ban Dân vận Quận ủy", "Đại diện lãnh đạo
    MTTQ ...", "Đại diện Ủy ban MTTQ phường Định Công"."""
    position = attendance.position_as_written
    if attendance.person_id is not None and attendance.person is not None:
        name = f"đồng chí {attendance.person.full_name}"
        return f"{name} - {position}" if position else name
    if attendance.name_as_written:
        text = attendance.name_as_written
        return f"{text} - {position}" if position else text
    if attendance.org_unit is not None:
        return f"Đại diện {attendance.org_unit.name}"
    return position


def _with_role(attendance: Attendance) -> str:
    note = _ROLE_NOTES.get(attendance.role)
    return f"{who(attendance)} ({note})" if note else who(attendance)


def _chairs(attendances: Iterable[Attendance]) -> list[Attendance]:
    return [a for a in attendances if a.role == Attendance.Role.CHAIR and a.present]


def _secretaries(attendances: Iterable[Attendance]) -> list[Attendance]:
    return [a for a in attendances if a.role == Attendance.Role.SECRETARY and a.present]


def _person_name(attendance: Attendance | None) -> str:
    if attendance is None or attendance.person is None:
        return ""
    return attendance.person.full_name


def _concluder(meeting: Meeting, attendances: list[Attendance]) -> Attendance | None:
    for conclusion in meeting.conclusions.all():
        if conclusion.concluded_by is not None:
            return conclusion.concluded_by
    for role in (Attendance.Role.CONCLUDES, Attendance.Role.CHAIR):
        for attendance in attendances:
            if attendance.role == role and attendance.present:
                return attendance
    return None


def _office(attendance: Attendance) -> str:
    """The office a person concluded as: the last part of the position, abbreviations
    written out ("UVTV, Trưởng Ban Dân vận Quận ủy" → "Trưởng Ban Dân vận Quận ủy")."""
    parts = [p.strip() for p in attendance.position_as_written.split(",") if p.strip()]
    return expand_title(parts[-1]) if parts else ""


def _place_text(meeting: Meeting) -> str:
    parts = [meeting.place] if meeting.place else []
    points = [p.name for p in meeting.bridge_points.all()]
    if meeting.is_online:
        parts.append("trực tuyến" + (f" tại các điểm cầu: {', '.join(points)}" if points else ""))
    return "; ".join(parts)


def _units(rows: Iterable[OrgUnit | None]) -> list[OrgUnit]:
    seen: dict[int, OrgUnit] = {}
    for unit in rows:
        if unit is not None:
            seen.setdefault(unit.pk, unit)
    return list(seen.values())


def _tasks(user: Any, meeting: Meeting) -> dict[int, list[Task]]:
    """conclusion id → the tasks it raised that the user may see, by deadline."""
    tasks = (
        scoped(Task.objects.filter(conclusion__meeting=meeting), user, Cap.TASK_VIEW)
        .select_related("lead_unit")
        .prefetch_related("co_units")
        .order_by("deadline", "id")
    )
    found: dict[int, list[Task]] = {}
    for task in tasks:
        if task.conclusion_id is not None:
            found.setdefault(task.conclusion_id, []).append(task)
    return found


def task_line(task: Task) -> str:
    """ "Quán triệt ...: giao Ủy ban MTTQ phường Định Công chủ trì, phối hợp với Hội Cựu
    chiến binh phường Đại Kim; thời hạn hoàn thành: 31/03/2023"."""
    text = f"{task.title}: giao {task.lead_unit.name} chủ trì"
    co = [unit.name for unit in task.co_units.all()]
    if co:
        text += f", phối hợp với {', '.join(co)}"
    if task.deadline is not None:
        text += f"; thời hạn hoàn thành: {format_date(task.deadline)}"
    return text + "."


def _award_blocks(meeting: Meeting) -> list[Block]:
    """The awards presented at the meeting (danvan.awards): the sentence with the counts,
    then each decision with its counts."""
    sentence = meeting_award_sentence(meeting=meeting)
    if not sentence:
        return []
    blocks = [Block(sentence)]
    for group in meeting_award_groups(meeting=meeting):
        decision = group.decision
        number = f" số {decision.reference}" if decision.reference else ""
        blocks.append(
            Block(
                f"{decision.form.name} theo Quyết định{number} ngày "
                f"{format_date(decision.decided_on)} của {decision.issuer.name}: "
                f"{group.counts_text}.",
                level=3,
            )
        )
    return blocks


# --- the three documents ------------------------------------------------------------------


def _position_units(user: Any, attendances: list[Attendance]) -> dict[int, OrgUnit]:
    """person id → the unit of their current position (primary first), for the people
    invited by name without a unit."""
    people = [a.person_id for a in attendances if a.org_unit_id is None and a.person_id]
    if not people:
        return {}
    positions = (
        scoped(Position.objects.current(), user, Cap.PEOPLE_VIEW)
        .filter(person_id__in=people)
        .select_related("org_unit")
        .order_by("-is_primary", "-start_date", "id")
    )
    found: dict[int, OrgUnit] = {}
    for position in positions:
        found.setdefault(position.person_id, position.org_unit)
    return found


def _invited(attendances: list[Attendance], signer: str) -> list[Attendance]:
    """Who the invitation invites: everyone but the one who signs it."""
    return [a for a in attendances if not (signer and _person_name(a) == signer)]


def _invitation_recipients(
    invited: list[Attendance], issuer: OrgUnit, units_of: dict[int, OrgUnit]
) -> list[str]:
    """Each invited unit once (the issuer's own people are not sent its letter); a person
    by name when their unit is not known; "Như thành phần mời" for the rest."""
    lines: list[str] = []
    named_only = False
    for attendance in invited:
        unit = attendance.org_unit or units_of.get(attendance.person_id or 0)
        if unit is not None:
            line = f"- {unit.name},"
            if unit.pk == issuer.pk:
                continue
        elif attendance.person is not None:
            line = f"- {_upper_first(who(attendance))},"
        else:
            named_only = True
            continue
        if line not in lines:
            lines.append(line)
    if named_only or not lines:
        lines.insert(0, "- Như thành phần mời,")
    return lines


def _invitation(
    meeting: Meeting,
    issuer: OrgUnit,
    attendances: list[Attendance],
    signer: str,
    units_of: dict[int, OrgUnit],
) -> dict:
    invited = _invited(attendances, signer)
    blocks = [Block(f"{issuer.name} trân trọng kính mời:")]
    blocks += [Block(_upper_first(_with_role(a)) + ";", level=3) for a in invited]
    blocks.append(Block(f"Dự {meeting_phrase(meeting)}."))
    blocks.append(Block(f"Thời gian: {moment_text(meeting.starts_at)}."))
    place = _place_text(meeting)
    if place:
        blocks.append(Block(f"Địa điểm: {place}."))
    items = list(meeting.agenda_items.all())
    if items:
        blocks.append(Block("Nội dung:"))
        blocks += [Block(f"{item.title};", level=3) for item in items]
    blocks.append(Block("Rất mong các đồng chí tham dự đúng thời gian."))
    recipients = _invitation_recipients(invited, issuer, units_of)
    return {
        "type_name": "GIẤY MỜI",
        "subject": f"dự {meeting_phrase(meeting)}",
        "blocks": blocks,
        "recipients": [*recipients, "- Lưu VT."],
    }


def _two_digits(count: int) -> str:
    return f"{count:02d}"


def _attendance_count(attendances: list[Attendance]) -> str:
    """ "Số đại biểu có mặt: 05/06; vắng mặt: 01." (each unit represented counts one)."""
    present = sum(1 for a in attendances if a.present)
    absent = len(attendances) - present
    text = f"Số đại biểu có mặt: {_two_digits(present)}/{_two_digits(len(attendances))}"
    return text + (f"; vắng mặt: {_two_digits(absent)}." if absent else ".")


def _minutes(meeting: Meeting, attendances: list[Attendance]) -> dict:
    sections: list[tuple[str, list[Block]]] = []
    when = f"Thời gian: bắt đầu lúc {moment_text(meeting.starts_at)}"
    if meeting.ends_at is not None:
        when += f"; kết thúc lúc {clock_time(meeting.ends_at)}"
    first = [Block(when + ".")]
    place = _place_text(meeting)
    if place:
        first.append(Block(f"Địa điểm: {place}."))
    chairs = _chairs(attendances)
    if chairs:
        first.append(Block(f"Chủ trì: {'; '.join(who(a) for a in chairs)}."))
    secretaries = _secretaries(attendances)
    if secretaries:
        first.append(Block(f"Thư ký: {'; '.join(who(a) for a in secretaries)}."))
    present = [a for a in attendances if a.present and a not in chairs and a not in secretaries]
    if present:
        first.append(Block("Thành phần dự:"))
        first += [Block(_upper_first(_with_role(a)) + ";", level=3) for a in present]
    absent = [a for a in attendances if not a.present]
    if absent:
        first.append(Block("Vắng mặt:"))
        for attendance in absent:
            reason = f" (lý do: {attendance.absence_reason})" if attendance.absence_reason else ""
            first.append(Block(f"{_upper_first(who(attendance))}{reason};", level=3))
    if attendances:
        first.append(Block(_attendance_count(attendances)))
    sections.append(("THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN", first))

    content: list[Block] = []
    for number, item in enumerate(meeting.agenda_items.all(), start=1):
        content.append(Block(f"{number}. {item.title}", level=2))
        presenter = item.presenter_text or (who(item.presenter) if item.presenter else "")
        if presenter:
            content.append(Block(f"Trình bày: {presenter}."))
    content += [Block(line.strip()) for line in meeting.minutes.splitlines() if line.strip()]
    if content:
        sections.append(("NỘI DUNG HỘI NGHỊ", content))

    opinions = []
    for opinion in meeting.opinions.all():
        speaker = opinion.speaker_text or (who(opinion.speaker) if opinion.speaker else "")
        opinions.append(Block(f"{_upper_first(speaker)}: {opinion.content}", level=3))
    if opinions:
        sections.append(("Ý KIẾN THẢO LUẬN", opinions))

    awarded = _award_blocks(meeting)
    if awarded:
        sections.append(("KHEN THƯỞNG", awarded))

    conclusions = list(meeting.conclusions.all())
    if conclusions:
        concluder = _concluder(meeting, attendances)
        opening = f"{_upper_first(who(concluder))} kết luận:" if concluder else "Hội nghị kết luận:"
        ended = [Block(opening)]
        ended += [Block(f"{c.number}. {c.text}") for c in conclusions]
        sections.append(("KẾT LUẬN", ended))

    blocks: list[Block] = []
    for index, (title, body) in enumerate(sections):
        blocks.append(Block(f"{_ROMAN[index]}. {title}", level=1))
        blocks += body
    if meeting.ends_at is not None:
        blocks.append(Block(f"Hội nghị kết thúc lúc {clock_time(meeting.ends_at)} cùng ngày."))
    return {
        "type_name": "BIÊN BẢN",
        "subject": meeting_phrase(meeting),
        "blocks": blocks,
        "recipients": [],
        "signature": Signature("", CHAIR_TITLE, _person_name(chairs[0] if chairs else None)),
        "secretary": Signature(
            "", SECRETARY_TITLE, _person_name(secretaries[0] if secretaries else None)
        ),
    }


def _notice(
    meeting: Meeting, issuer: headings.Issuer, attendances: list[Attendance], tasks: dict
) -> dict:
    concluder = _concluder(meeting, attendances)
    if concluder is not None and concluder.person is not None:
        office = _office(concluder)
        by = f"đồng chí {office}" if office else f"đồng chí {concluder.person.full_name}"
    elif concluder is not None:
        by = _lower_first(who(concluder))
    else:
        by = "chủ trì hội nghị"
    day = format_date(timezone.localtime(meeting.starts_at).date())
    where = f", tại {meeting.place}" if meeting.place else ""
    intro = f"Ngày {day}{where}, {meeting.org_unit.name} tổ chức {meeting_phrase(meeting)}."
    chairs = _chairs(attendances)
    if chairs:
        intro += f" {_upper_first('; '.join(who(a) for a in chairs))} chủ trì hội nghị."
    others = [a for a in attendances if a.present and a not in chairs]
    if others:
        intro += f" Dự hội nghị có: {'; '.join(who(a) for a in others)}."
    blocks = [Block(intro)]
    heard = "báo cáo và ý kiến phát biểu của các đại biểu" if meeting.opinions.all() else "báo cáo"
    name = who(concluder).split(" - ")[0] if concluder else "chủ trì hội nghị"
    blocks.append(Block(f"Sau khi nghe {heard}, {name} kết luận như sau:"))
    addressed: list[OrgUnit | None] = []
    for conclusion in meeting.conclusions.all():
        blocks.append(Block(f"{conclusion.number}. {conclusion.text}"))
        for task in tasks.get(conclusion.pk, []):
            blocks.append(Block(task_line(task), level=3))
            addressed += [task.lead_unit, *task.co_units.all()]
    if not meeting.conclusions.all():
        blocks.append(Block("Hội nghị chưa ghi nhận kết luận."))
    blocks.append(Block(f"{issuer.own_name} thông báo để các đơn vị biết, thực hiện."))
    addressed += [a.org_unit for a in attendances]
    units = [u for u in _units(addressed) if u.pk != issuer.unit.pk]
    return {
        "type_name": "THÔNG BÁO",
        "subject": f"kết luận của {by} tại {meeting_phrase(meeting)}",
        "blocks": blocks,
        "recipients": [*(f"- {unit.name}," for unit in units), "- Lưu VT."],
    }


def meeting_document(
    *,
    user: Any,
    meeting: Meeting,
    kind: str,
    number_line: str | None = None,
    on: dt.date | None = None,
) -> OfficialDocument:
    """The giấy mời, biên bản or thông báo kết luận of ``meeting``, issued on ``on``
    (default today) by the meeting's organiser (or its coordinating board)."""
    if kind not in MEETING_KINDS:
        allowed = ", ".join(KINDS[k].lower() for k in MEETING_KINDS)
        raise ValidationError({"kind": f"Hội nghị chỉ có các văn bản: {allowed}."})
    meeting = meeting_get(user=user, pk=meeting.pk)
    attendances = list(meeting.attendances.all())
    issuer_unit = default_issuer(meeting.org_unit)
    info = headings.describe(issuer_unit)
    day = on or clock.today()
    heading = headings.heading_for(info, kind=kind, on=day, number_line_text=number_line)
    if kind == MINUTES:
        return Minutes(kind=kind, heading=heading, **_minutes(meeting, attendances))
    signature = headings.signature_for(info, user=user)
    if kind == INVITATION:
        units_of = _position_units(user, attendances)
        parts = _invitation(meeting, issuer_unit, attendances, signature.name, units_of)
    else:
        parts = _notice(meeting, info, attendances, _tasks(user, meeting))
    return OfficialDocument(kind=kind, heading=heading, signature=signature, **parts)
