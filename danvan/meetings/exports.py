"""The meeting list as XLSX («Xuất Excel» on Hội nghị)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from danvan.core.exports import Column, names, xlsx_response
from danvan.meetings.models import Attendance, Meeting


def _who(attendance: Attendance) -> str:
    if attendance.person is not None:
        return attendance.person.full_name
    return attendance.name_as_written or (attendance.org_unit.name if attendance.org_unit else "")


def meetings_xlsx(
    meetings: Iterable[Meeting], *, filters: Sequence[tuple[str, str]]
) -> HttpResponse:
    columns = [
        Column("Bắt đầu", lambda m: m.starts_at, 17),
        Column("Hội nghị", lambda m: m.title, 60, wrap=True),
        Column("Loại", lambda m: m.kind.name, 16),
        Column("Đơn vị tổ chức", lambda m: m.org_unit.name, 30),
        Column("Phối hợp", lambda m: names(m.co_organisers.all()), 28, wrap=True),
        Column("Chủ trì", lambda m: ", ".join(_who(a) for a in m.chairs), 28, wrap=True),
        Column("Địa điểm", lambda m: m.place or ("Trực tuyến" if m.is_online else ""), 28),
        Column("Tình trạng", lambda m: m.get_status_display(), 14),
    ]
    return xlsx_response(
        title="Hội nghị", columns=columns, rows=meetings, filename="hoi-nghi", filters=filters
    )
