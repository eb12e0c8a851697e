"""Writes to the parts of a meeting: thành phần dự, điểm cầu, ý kiến, kết luận.

Each part belongs to one meeting and is changed by whoever may manage that meeting.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from danvan.core import concurrency
from danvan.core.audit import service
from danvan.lib.text import normalize_spaces
from danvan.meetings.models import Attendance, BridgePoint, Conclusion, Meeting, Opinion
from danvan.meetings.services._common import link_citations, next_value, require_manage
from danvan.notifications import services as notify
from danvan.org.models import OrgUnit
from danvan.people.models import Person, Position

ATTENDANCE_FIELDS = (
    "person",
    "org_unit",
    "name_as_written",
    "position_as_written",
    "role",
    "present",
    "absence_reason",
    "order",
)


def _locked(row: Any, version: int | None) -> dict[str, Any]:
    """Re-read the part under its row lock, refuse an edit opened at another version, and
    return what is stored (only the fields the edit changes are written)."""
    meeting = row.meeting
    concurrency.lock(row)
    row.meeting = meeting
    concurrency.check_version(row, version)
    return concurrency.snapshot(row)


def _own(meeting: Meeting, attendance: Attendance | None, field: str) -> None:
    """An attendance named as presenter, speaker or concluder must be of this meeting."""
    if attendance is not None and attendance.meeting_id != meeting.pk:
        raise ValidationError({field: f"«{attendance}» không có trong thành phần dự hội nghị này."})


# --- thành phần dự ----------------------------------------------------------------------


def _current_title(person: Person) -> str:
    position = (
        Position.objects.current()
        .filter(person=person)
        .order_by("-is_primary", "-start_date", "id")
        .first()
    )
    return position.title if position is not None else ""


def _validate_attendance(attendance: Attendance) -> None:
    errors: dict[str, str] = {}
    who = str(attendance) if attendance.person_id or attendance.org_unit_id else ""
    who = who or attendance.name_as_written
    if not (attendance.person_id or attendance.org_unit_id or attendance.name_as_written):
        errors["person"] = (
            "Chọn cán bộ, chọn đơn vị hoặc ghi tên thành phần dự như văn bản "
            "(ví dụ: đại diện lãnh đạo MTTQ, các đoàn thể chính trị - xã hội Quận)."
        )
    if attendance.role not in Attendance.Role.values:
        errors["role"] = f"Vai trò «{attendance.role}» không hợp lệ."
    if attendance.present:
        attendance.absence_reason = ""
    elif not attendance.absence_reason:
        errors["absence_reason"] = f"Ghi lý do vắng mặt của «{who or 'thành phần dự'}»."
    if attendance.person_id:
        twice = (
            Attendance.objects.filter(
                meeting_id=attendance.meeting_id, person_id=attendance.person_id
            )
            .exclude(pk=attendance.pk)
            .exists()
        )
        if twice:
            errors["person"] = f"«{attendance.person}» đã có trong thành phần dự hội nghị này."
    if errors:
        raise ValidationError(errors)
    attendance.full_clean(exclude=["meeting", "person", "org_unit"])


def _clean_attendance_text(attendance: Attendance) -> None:
    attendance.name_as_written = normalize_spaces(attendance.name_as_written)
    attendance.position_as_written = normalize_spaces(attendance.position_as_written)
    attendance.absence_reason = normalize_spaces(attendance.absence_reason)


@service
def attendance_add(
    *,
    actor: Any,
    meeting: Meeting,
    person: Person | None = None,
    org_unit: OrgUnit | None = None,
    name_as_written: str = "",
    position_as_written: str = "",
    role: str = Attendance.Role.ATTENDS,
    present: bool = True,
    absence_reason: str = "",
    order: int | None = None,
) -> Attendance:
    """A person, a unit, or a name as written ("đại diện lãnh đạo MTTQ..."), in a role;
    absent ones with the reason."""
    require_manage(actor, meeting)
    attendance = Attendance(
        meeting=meeting,
        person=person,
        org_unit=org_unit,
        name_as_written=name_as_written,
        position_as_written=position_as_written,
        role=role,
        present=present,
        absence_reason=absence_reason,
        order=order if order is not None else next_value(meeting.attendances.all()),
    )
    _clean_attendance_text(attendance)
    if person is not None and not attendance.position_as_written:
        attendance.position_as_written = _current_title(person)
    _validate_attendance(attendance)
    attendance.save()
    notify.meeting_invited_notify(actor=actor, attendance=attendance)
    return attendance


@service
def attendance_update(
    *, actor: Any, attendance: Attendance, version: int | None = None, **changes: Any
) -> Attendance:
    require_manage(actor, attendance.meeting)
    unknown = set(changes) - set(ATTENDANCE_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    before = _locked(attendance, version)
    for field, value in changes.items():
        setattr(attendance, field, value)
    _clean_attendance_text(attendance)
    _validate_attendance(attendance)
    concurrency.save_changed(attendance, before)
    return attendance


@service
def attendance_remove(*, actor: Any, attendance: Attendance) -> None:
    """Remove a participant; agenda items and opinions keep their name as text."""
    require_manage(actor, attendance.meeting)
    name = str(attendance)[:255]
    attendance.presented_items.filter(presenter_text="").update(presenter_text=name)
    attendance.opinions.filter(speaker_text="").update(speaker_text=name)
    attendance.delete()


# --- điểm cầu ---------------------------------------------------------------------------


def _validate_bridge_point(point: BridgePoint) -> None:
    meeting = point.meeting
    if not meeting.is_online:
        raise ValidationError(
            {
                "name": f"«{meeting.title}» không họp trực tuyến: chỉ hội nghị trực tuyến mới có "
                "điểm cầu. Hãy đánh dấu «Trực tuyến» trong thông tin hội nghị trước."
            }
        )
    if not point.name and point.org_unit_id:
        point.name = point.org_unit.name if point.org_unit else ""
    if not point.name:
        raise ValidationError({"name": "Ghi tên điểm cầu hoặc chọn đơn vị của điểm cầu."})
    point.full_clean(exclude=["meeting", "org_unit"])


@service
def bridge_point_add(
    *, actor: Any, meeting: Meeting, name: str = "", org_unit: OrgUnit | None = None
) -> BridgePoint:
    require_manage(actor, meeting)
    point = BridgePoint(meeting=meeting, name=normalize_spaces(name), org_unit=org_unit)
    _validate_bridge_point(point)
    point.save()
    return point


@service
def bridge_point_update(
    *,
    actor: Any,
    point: BridgePoint,
    name: str = "",
    org_unit: OrgUnit | None = None,
    version: int | None = None,
) -> BridgePoint:
    require_manage(actor, point.meeting)
    before = _locked(point, version)
    point.name = normalize_spaces(name)
    point.org_unit = org_unit
    _validate_bridge_point(point)
    concurrency.save_changed(point, before)
    return point


@service
def bridge_point_remove(*, actor: Any, point: BridgePoint) -> None:
    require_manage(actor, point.meeting)
    point.delete()


# --- ý kiến -----------------------------------------------------------------------------


def _validate_opinion(opinion: Opinion) -> None:
    errors: dict[str, str] = {}
    if not opinion.content:
        errors["content"] = "Ghi nội dung ý kiến."
    if opinion.speaker_id is None and not opinion.speaker_text:
        errors["speaker_text"] = (
            "Chọn người phát biểu trong thành phần dự hoặc ghi tên người, đơn vị phát biểu."
        )
    if errors:
        raise ValidationError(errors)
    _own(opinion.meeting, opinion.speaker, "speaker")
    opinion.full_clean(exclude=["meeting", "speaker"])


@service
def opinion_add(
    *,
    actor: Any,
    meeting: Meeting,
    content: str,
    speaker: Attendance | None = None,
    speaker_text: str = "",
) -> Opinion:
    require_manage(actor, meeting)
    opinion = Opinion(
        meeting=meeting,
        content=(content or "").strip(),
        speaker=speaker,
        speaker_text=normalize_spaces(speaker_text),
        order=next_value(meeting.opinions.all()),
    )
    _validate_opinion(opinion)
    opinion.save()
    link_citations(actor=actor, meeting=opinion.meeting)
    return opinion


@service
def opinion_update(
    *,
    actor: Any,
    opinion: Opinion,
    content: str,
    speaker: Attendance | None = None,
    speaker_text: str = "",
    version: int | None = None,
) -> Opinion:
    require_manage(actor, opinion.meeting)
    before = _locked(opinion, version)
    opinion.content = (content or "").strip()
    opinion.speaker = speaker
    opinion.speaker_text = normalize_spaces(speaker_text)
    _validate_opinion(opinion)
    concurrency.save_changed(opinion, before)
    link_citations(actor=actor, meeting=opinion.meeting)
    return opinion


@service
def opinion_remove(*, actor: Any, opinion: Opinion) -> None:
    require_manage(actor, opinion.meeting)
    opinion.delete()
    link_citations(actor=actor, meeting=opinion.meeting)


# --- kết luận ---------------------------------------------------------------------------


def _validate_conclusion(conclusion: Conclusion) -> None:
    if not conclusion.text:
        raise ValidationError({"text": "Ghi nội dung kết luận."})
    _own(conclusion.meeting, conclusion.concluded_by, "concluded_by")
    conclusion.full_clean(exclude=["meeting", "concluded_by"], validate_unique=False)


@service
def conclusion_add(
    *, actor: Any, meeting: Meeting, text: str, concluded_by: Attendance | None = None
) -> Conclusion:
    """The next numbered item of the chair's conclusion."""
    require_manage(actor, meeting)
    # Lock the meeting row so two officers adding at once do not take the same number.
    Meeting.all_objects.select_for_update().filter(pk=meeting.pk).first()
    conclusion = Conclusion(
        meeting=meeting,
        text=(text or "").strip(),
        concluded_by=concluded_by,
        number=next_value(meeting.conclusions.all(), "number"),
    )
    _validate_conclusion(conclusion)
    conclusion.save()
    link_citations(actor=actor, meeting=conclusion.meeting)
    return conclusion


@service
def conclusion_update(
    *,
    actor: Any,
    conclusion: Conclusion,
    text: str,
    concluded_by: Attendance | None = None,
    version: int | None = None,
) -> Conclusion:
    require_manage(actor, conclusion.meeting)
    before = _locked(conclusion, version)
    conclusion.text = (text or "").strip()
    conclusion.concluded_by = concluded_by
    _validate_conclusion(conclusion)
    concurrency.save_changed(conclusion, before)
    link_citations(actor=actor, meeting=conclusion.meeting)
    return conclusion


@service
def conclusion_remove(*, actor: Any, conclusion: Conclusion) -> None:
    """Remove one item; those after it move up a number (3 becomes 2...). An item already
    turned into tasks stays: the tasks cite it."""
    from danvan.tasks.models import Task

    meeting = conclusion.meeting
    require_manage(actor, meeting)
    tasks = Task.all_objects.filter(conclusion=conclusion).count()
    if tasks:
        raise ValidationError(
            {
                "text": f"Kết luận số {conclusion.number} đã được giao thành {tasks} nhiệm vụ "
                "(kể cả nhiệm vụ đã xóa, vẫn lưu để tra cứu): không xóa được kết luận này; "
                "hãy sửa nội dung nếu cần."
            }
        )
    Meeting.all_objects.select_for_update().filter(pk=meeting.pk).first()
    removed = conclusion.number
    conclusion.delete()
    # One row at a time, lowest first, so (meeting, number) stays unique at every step.
    for later in meeting.conclusions.filter(number__gt=removed).order_by("number"):
        later.number -= 1
        later.save(update_fields=["number"])
    link_citations(actor=actor, meeting=meeting)
