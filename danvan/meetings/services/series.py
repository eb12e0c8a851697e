"""Writes to recurring meetings (hội nghị định kỳ) and the scheduling of their next
meetings.

A series meets on ``day_of_month`` (the last day in shorter months) of the *last* month of
each period: monthly every month, quarterly in March, June, September and December,
half-yearly in June and December, yearly in December, so each meeting reviews the period
it closes ("giao ban tháng 2" on 23/02). A period never gets a second meeting.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.lib import periods
from danvan.lib.text import normalize_spaces
from danvan.meetings.models import Meeting, MeetingKind, MeetingSeries
from danvan.meetings.services.agenda import agenda_item_add
from danvan.meetings.services.meetings import meeting_create
from danvan.org.models import OrgUnit

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
REVIEW_ITEM = "Kiểm điểm việc thực hiện kết luận các kỳ trước"
MAX_SCHEDULE = 24
PERIOD_KIND = {
    MeetingSeries.Recurrence.MONTHLY: periods.MONTH,
    MeetingSeries.Recurrence.QUARTERLY: periods.QUARTER,
    MeetingSeries.Recurrence.HALF_YEARLY: periods.HALF,
    MeetingSeries.Recurrence.YEARLY: periods.YEAR,
}
SERIES_FIELDS = (
    "name",
    "kind",
    "org_unit",
    "recurrence",
    "day_of_month",
    "start_time",
    "duration_minutes",
    "place",
    "is_active",
)
# "Giao ban công tác dân vận hằng tháng" + "tháng 3/2023" reads better without "hằng tháng".
_RECURRENCE_WORDS = re.compile(
    r"[\s,–-]*(\b(hằng|hàng)\s+(tháng|quý|năm)|\bđịnh kỳ|\b6 tháng một lần)\s*$", re.IGNORECASE
)


def _validate(series: MeetingSeries) -> None:
    errors: dict[str, str] = {}
    if not series.name:
        errors["name"] = "Tên hội nghị định kỳ không được để trống."
    if series.recurrence not in PERIOD_KIND:
        errors["recurrence"] = f"Cách lặp lại «{series.recurrence}» không hợp lệ."
    if not 1 <= (series.day_of_month or 0) <= 31:
        errors["day_of_month"] = "Ngày họp trong tháng phải từ 1 đến 31."
    if not series.duration_minutes:
        errors["duration_minutes"] = "Thời lượng phải lớn hơn 0 phút."
    if errors:
        raise ValidationError(errors)
    series.full_clean(exclude=["kind", "org_unit"])


@service
def series_create(
    *,
    actor: Any,
    name: str,
    kind: MeetingKind,
    org_unit: OrgUnit,
    recurrence: str = MeetingSeries.Recurrence.MONTHLY,
    day_of_month: int = 25,
    start_time: dt.time = dt.time(8, 0),
    duration_minutes: int = 120,
    place: str = "",
    is_active: bool = True,
) -> MeetingSeries:
    require(actor, Cap.MEETING_MANAGE, org_unit)
    series = MeetingSeries(
        name=normalize_spaces(name),
        kind=kind,
        org_unit=org_unit,
        recurrence=recurrence,
        day_of_month=day_of_month,
        start_time=start_time,
        duration_minutes=duration_minutes,
        place=normalize_spaces(place),
        is_active=is_active,
    )
    _validate(series)
    series.save()
    return series


@service
def series_update(
    *, actor: Any, series: MeetingSeries, version: int | None = None, **changes: Any
) -> MeetingSeries:
    concurrency.lock(series)
    require(actor, Cap.MEETING_MANAGE, series.org_unit)
    unknown = set(changes) - set(SERIES_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    new_unit = changes.get("org_unit")
    if new_unit is not None and new_unit.pk != series.org_unit_id:
        require(actor, Cap.MEETING_MANAGE, new_unit)
        if series.meetings.exists():
            raise ValidationError(
                {
                    "org_unit": f"«{series.name}» đã có hội nghị: không đổi đơn vị tổ chức; "
                    "hãy tạo hội nghị định kỳ mới cho đơn vị kia."
                }
            )
    concurrency.check_version(series, version)
    before = concurrency.snapshot(series)
    for field, value in changes.items():
        if field in {"name", "place"}:
            value = normalize_spaces(value)
        setattr(series, field, value)
    _validate(series)
    concurrency.save_changed(series, before)
    return series


@service
def series_delete(*, actor: Any, series: MeetingSeries) -> MeetingSeries:
    """Soft delete: the series stops; its meetings stay, with their records."""
    require(actor, Cap.MEETING_MANAGE, series.org_unit)
    series.deleted_at = timezone.now()
    series.save(update_fields=["deleted_at", "updated_at"])
    return series


@service
def series_restore(*, actor: Any, series: MeetingSeries) -> MeetingSeries:
    require(actor, Cap.MEETING_MANAGE, series.org_unit)
    series.deleted_at = None
    series.save(update_fields=["deleted_at", "updated_at"])
    return series


# --- scheduling -------------------------------------------------------------------------


def meeting_day(series: MeetingSeries, period: periods.Period) -> dt.date:
    """The series' day in the last month of ``period``, clamped to the month's end."""
    month = period.first_month + period.months - 1
    last = calendar.monthrange(period.year, month)[1]
    return dt.date(period.year, month, min(series.day_of_month, last))


def _start_time(series: MeetingSeries) -> dt.time:
    value: Any = series.start_time
    return value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))


def _taken_periods(series: MeetingSeries, kind: str) -> set[str]:
    """Periods that already have a meeting of the series, by date or by period reviewed."""
    taken: set[str] = set()
    for starts_at, code in series.meetings.values_list("starts_at", "period_code"):
        taken.add(periods.period_of(kind, timezone.localtime(starts_at).date()).code)
        try:
            reviewed = periods.parse(code) if code else None
        except periods.PeriodError:
            reviewed = None
        if reviewed is not None and reviewed.kind == kind:
            taken.add(reviewed.code)
    return taken


def _first_period(series: MeetingSeries, kind: str) -> periods.Period:
    latest = series.meetings.order_by("-starts_at").first()
    if latest is not None:
        day = timezone.localtime(latest.starts_at).date()
        return periods.period_of(kind, day).shifted(1)
    today = clock.today()
    period = periods.period_of(kind, today)
    return period if meeting_day(series, period) >= today else period.shifted(1)


def series_title(series: MeetingSeries, period: periods.Period) -> str:
    """ "Giao ban công tác dân vận tháng 3/2023"."""
    base = _RECURRENCE_WORDS.sub("", series.name).strip() or series.name
    return f"{base} {period.label}"


@service
def series_schedule_next(*, actor: Any, series: MeetingSeries, count: int = 1) -> list[Meeting]:
    """Create the next ``count`` meetings of ``series`` after its latest one (from today
    when it has none), each planned with the review of earlier conclusions first on its
    agenda."""
    require(actor, Cap.MEETING_MANAGE, series.org_unit)
    if not 1 <= count <= MAX_SCHEDULE:
        raise ValidationError({"count": f"Số kỳ lên lịch phải từ 1 đến {MAX_SCHEDULE}."})
    if not series.is_active:
        raise ValidationError(
            {
                "count": f"«{series.name}» đã thôi họp định kỳ: đánh dấu lại «Đang họp định kỳ» "
                "trước khi lên lịch."
            }
        )
    kind = PERIOD_KIND[MeetingSeries.Recurrence(series.recurrence)]
    taken = _taken_periods(series, kind)
    period = _first_period(series, kind)
    start_time = _start_time(series)
    created: list[Meeting] = []
    while len(created) < count:
        if period.code not in taken:
            starts_at = dt.datetime.combine(meeting_day(series, period), start_time, tzinfo=TZ)
            meeting = meeting_create(
                actor=actor,
                title=series_title(series, period),
                kind=series.kind,
                org_unit=series.org_unit,
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(minutes=series.duration_minutes),
                place=series.place,
                period_code=period.code,
                series=series,
                status=Meeting.Status.PLANNED,
            )
            agenda_item_add(actor=actor, meeting=meeting, title=REVIEW_ITEM)
            created.append(meeting)
            taken.add(period.code)
        period = period.shifted(1)
    return created
