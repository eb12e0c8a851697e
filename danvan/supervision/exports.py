"""The register as XLSX («Xuất Excel» on the activities and the recommendations lists)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from danvan.core.exports import Column, xlsx_response
from danvan.supervision.models import Activity, Recommendation


def activities_xlsx(
    rows: Iterable[Activity], *, filters: Sequence[tuple[str, str]]
) -> HttpResponse:
    columns = [
        Column("Nội dung", lambda a: a.title, 40, wrap=True),
        Column("Loại", lambda a: a.get_kind_display(), 22),
        Column("Hình thức", lambda a: a.get_form_display(), 24),
        Column("Đối tượng", lambda a: a.target, 32, wrap=True),
        Column("Mặt trận, tổ chức chủ trì", lambda a: a.org_unit.name, 30),
        Column("Chương trình", lambda a: str(a.programme), 30, wrap=True),
        Column("Bắt đầu", lambda a: a.starts_on, 12),
        Column("Kết thúc", lambda a: a.ends_on, 12),
        Column("Tình trạng", lambda a: a.get_state_display(), 16),
        Column("Số kiến nghị", lambda a: getattr(a, "rec_count", 0), 10),
        Column("Kết quả, phát hiện", lambda a: a.findings, 50, wrap=True),
    ]
    return xlsx_response(
        title="Hoạt động giám sát, phản biện xã hội",
        columns=columns,
        rows=rows,
        filename="giam-sat-phan-bien",
        filters=filters,
    )


def recommendations_xlsx(
    rows: Iterable[Recommendation], *, filters: Sequence[tuple[str, str]], today: dt.date
) -> HttpResponse:
    columns = [
        Column("Nội dung kiến nghị", lambda r: r.content, 50, wrap=True),
        Column("Cơ quan nhận", lambda r: r.addressed_to, 30, wrap=True),
        Column("Hoạt động", lambda r: r.activity.title, 36, wrap=True),
        Column("Loại", lambda r: r.activity.get_kind_display(), 20),
        Column("Đơn vị kiến nghị", lambda r: r.org_unit.name, 28),
        Column("Ngày kiến nghị", lambda r: r.made_on, 12),
        Column("Hạn trả lời", lambda r: r.due_on, 12),
        Column("Tình trạng", lambda r: r.get_state_display(), 16),
        Column("Quá hạn", lambda r: r.is_overdue(today), 9),
        Column("Ngày có trả lời", lambda r: r.answered_on, 12),
        Column("Kiến nghị tiếp tới", lambda r: r.escalated_to, 24, wrap=True),
        Column("Kết quả theo dõi", lambda r: r.outcome, 36, wrap=True),
    ]
    return xlsx_response(
        title="Kiến nghị sau giám sát, phản biện",
        columns=columns,
        rows=rows,
        filename="kien-nghi-giam-sat",
        filters=filters,
    )
