"""Writes to a meeting itself: create, update, soft delete, restore, minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.core import concurrency
from danvan.core.audit import service
from danvan.lib import periods
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.meetings.models import Meeting, MeetingKind, MeetingSeries
from danvan.meetings.services._common import format_moment, link_citations, require_manage
from danvan.notifications import services as notify
from danvan.org.models import OrgUnit

EDITABLE_FIELDS = (
    "title",
    "kind",
    "org_unit",
    "starts_at",
    "ends_at",
    "place",
    "is_online",
    "period_code",
    "co_organisers",
    "series",
    "status",
    "summary",
)
_FOLDED_MAX = Meeting._meta.get_field("title_folded").max_length or 500


def normalize_period_code(code: str, field: str = "period_code") -> str:
    """ "2023q1" → "2023Q1"; empty stays empty; anything else is refused on ``field``."""
    code = (code or "").strip()
    if not code:
        return ""
    try:
        return periods.parse(code).code
    except periods.PeriodError:
        raise ValidationError(
            {
                field: f"Kỳ đánh giá «{code}» không hợp lệ: ghi dạng 2023-02 (tháng), "
                "2023Q1 (quý), 2023H1 (6 tháng) hoặc 2023 (năm)."
            }
        ) from None


def _validate(meeting: Meeting) -> None:
    errors: dict[str, str] = {}
    try:
        meeting.period_code = normalize_period_code(meeting.period_code)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if not meeting.title:
        errors["title"] = "Tên hội nghị không được để trống."
    if meeting.starts_at is None:
        errors["starts_at"] = "Phải ghi thời gian bắt đầu hội nghị."
    elif meeting.ends_at is not None and meeting.ends_at < meeting.starts_at:
        errors["ends_at"] = (
            f"Giờ kết thúc ({format_moment(meeting.ends_at)}) không được trước giờ bắt đầu "
            f"({format_moment(meeting.starts_at)})."
        )
    unit: OrgUnit | None = meeting.org_unit if meeting.org_unit_id else None
    if unit is not None and meeting.starts_at is not None and unit.valid_to is not None:
        day = timezone.localtime(meeting.starts_at).date()
        if day > unit.valid_to:
            closed_from = unit.valid_to + dt.timedelta(days=1)
            errors["org_unit"] = (
                f"«{unit.name}» đã ngừng hoạt động từ {format_date(closed_from)}: không tổ chức "
                f"hội nghị ngày {format_date(day)}."
            )
    series: MeetingSeries | None = meeting.series if meeting.series_id else None
    if series is not None and series.org_unit_id != meeting.org_unit_id:
        errors["series"] = (
            f"Hội nghị định kỳ «{series.name}» do «{series.org_unit.name}» tổ chức, "
            f"không phải «{meeting.org_unit.name}»."
        )
    if errors:
        raise ValidationError(errors)
    meeting.full_clean(exclude=["kind", "org_unit", "series", "title_folded", "documents"])


def refold(meeting: Meeting) -> None:
    """title_folded = fold(title + kind + organisers), what the search box matches."""
    names = [meeting.org_unit.name, *(u.name for u in meeting.co_organisers.all())]
    folded = fold(" ".join([meeting.title, meeting.kind.name, *names]))[:_FOLDED_MAX]
    if folded != meeting.title_folded:
        meeting.title_folded = folded
        Meeting.all_objects.filter(pk=meeting.pk).update(title_folded=folded)


def _co_organisers(meeting: Meeting, units: Iterable[OrgUnit]) -> list[OrgUnit]:
    chosen: dict[int, OrgUnit] = {}
    for unit in units:
        if unit.pk != meeting.org_unit_id:
            chosen.setdefault(unit.pk, unit)
    return list(chosen.values())


@service
def meeting_create(
    *,
    actor: Any,
    title: str,
    kind: MeetingKind,
    org_unit: OrgUnit,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    place: str = "",
    is_online: bool = False,
    period_code: str = "",
    co_organisers: Iterable[OrgUnit] = (),
    series: MeetingSeries | None = None,
    status: str = Meeting.Status.PLANNED,
    summary: str = "",
) -> Meeting:
    require(actor, Cap.MEETING_MANAGE, org_unit)
    meeting = Meeting(
        title=normalize_spaces(title),
        kind=kind,
        org_unit=org_unit,
        starts_at=starts_at,
        ends_at=ends_at,
        place=normalize_spaces(place),
        is_online=is_online,
        period_code=period_code,
        series=series,
        status=status,
        summary=(summary or "").strip(),
    )
    _validate(meeting)
    meeting.save()
    meeting.co_organisers.set(_co_organisers(meeting, co_organisers))
    refold(meeting)
    if meeting.summary:
        link_citations(actor=actor, meeting=meeting)
    return meeting


@service
def meeting_update(
    *, actor: Any, meeting: Meeting, version: int | None = None, **changes: Any
) -> Meeting:
    concurrency.lock(meeting)
    require_manage(actor, meeting)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    new_unit = changes.get("org_unit")
    if new_unit is not None and new_unit.pk != meeting.org_unit_id:
        require(actor, Cap.MEETING_MANAGE, new_unit)
    concurrency.check_version(meeting, version)
    before = concurrency.snapshot(meeting)
    co_organisers = changes.pop("co_organisers", None)
    old_co = set(meeting.co_organisers.values_list("pk", flat=True))
    old_summary = meeting.summary
    old_when = _notified_fields(meeting)
    for field, value in changes.items():
        if field in {"title", "place"}:
            value = normalize_spaces(value)
        elif field == "summary":
            value = (value or "").strip()
        setattr(meeting, field, value)
    if not meeting.is_online:
        points = meeting.bridge_points.count()
        if points:
            raise ValidationError(
                {
                    "is_online": f"Hội nghị còn {points} điểm cầu: xóa các điểm cầu trước khi "
                    "bỏ hình thức trực tuyến."
                }
            )
    _validate(meeting)
    new_co = {unit.pk for unit in co_organisers} if co_organisers is not None else old_co
    concurrency.save_changed(meeting, before, force=new_co != old_co)
    if co_organisers is not None:
        meeting.co_organisers.set(_co_organisers(meeting, co_organisers))
    elif "org_unit" in changes:
        meeting.co_organisers.remove(meeting.org_unit)
    refold(meeting)
    if meeting.summary != old_summary:
        link_citations(actor=actor, meeting=meeting)
    changed = [label for key, label in _NOTIFIED if old_when[key] != getattr(meeting, key)]
    if changed and meeting.status != Meeting.Status.HELD:
        notify.meeting_changed_notify(actor=actor, meeting=meeting, what=", ".join(changed))
    return meeting


# What invitees are told about when it changes (the field, and how the notice names it).
_NOTIFIED = (
    ("starts_at", "thời gian"),
    ("ends_at", "giờ kết thúc"),
    ("place", "địa điểm"),
    ("status", "tình trạng"),
)


def _notified_fields(meeting: Meeting) -> dict[str, Any]:
    return {key: getattr(meeting, key) for key, _ in _NOTIFIED}


@service
def meeting_save_minutes(
    *,
    actor: Any,
    meeting: Meeting,
    minutes: str | None = None,
    summary: str | None = None,
    version: int | None = None,
) -> Meeting:
    """Biên bản and tóm tắt kết quả; the documents they cite are linked to the meeting."""
    concurrency.lock(meeting)
    require_manage(actor, meeting)
    concurrency.check_version(meeting, version)
    before = concurrency.snapshot(meeting)
    if minutes is not None:
        meeting.minutes = minutes.strip()
    if summary is not None:
        meeting.summary = summary.strip()
    concurrency.save_changed(meeting, before)
    link_citations(actor=actor, meeting=meeting)
    return meeting


@service
def meeting_delete(*, actor: Any, meeting: Meeting) -> Meeting:
    """Soft delete: the meeting disappears from lists and can be restored. A meeting whose
    conclusions were turned into tasks stays: the tasks still point at it."""
    from danvan.tasks.models import Task

    require_manage(actor, meeting)
    tasks = Task.objects.filter(conclusion__meeting=meeting).count()
    if tasks:
        raise ValidationError(
            f"Không thể xóa «{meeting.title}» vì đã có {tasks} nhiệm vụ được giao từ kết luận "
            "của hội nghị; hãy hủy hoặc xóa các nhiệm vụ đó trước."
        )
    meeting.deleted_at = timezone.now()
    meeting.save(update_fields=["deleted_at", "updated_at"])
    return meeting


@service
def meeting_restore(*, actor: Any, meeting: Meeting) -> Meeting:
    require_manage(actor, meeting)
    if meeting.series_id is not None and meeting.period_code:
        clash = (
            Meeting.objects.filter(series_id=meeting.series_id, period_code=meeting.period_code)
            .exclude(pk=meeting.pk)
            .first()
        )
        if clash is not None:
            raise ValidationError(
                f"Không thể khôi phục «{meeting.title}»: kỳ {meeting.period_code} của hội nghị "
                f"định kỳ đã có «{clash.title}»."
            )
    meeting.deleted_at = None
    meeting.save(update_fields=["deleted_at", "updated_at"])
    return meeting
