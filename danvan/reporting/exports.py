"""The report list as XLSX («Xuất Excel» on Báo cáo): every expected unit of the period with
its status, when it was sent, on time or late, and the reason of a return."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from danvan.core.exports import Column, xlsx_response
from danvan.reporting.completeness import UnitReport


def _sent(row: UnitReport) -> object:
    return row.report.submitted_at if row.is_submitted and row.report else None


def _timing(row: UnitReport) -> str:
    if not row.is_submitted:
        return ""
    return "đúng hạn" if row.is_on_time else "muộn"


def reports_xlsx(
    rows: Iterable[UnitReport], *, title: str, filters: Sequence[tuple[str, str]]
) -> HttpResponse:
    columns = [
        Column("Đơn vị", lambda r: r.unit.name, 40),
        Column("Thuộc", lambda r: r.head.name, 32),
        Column("Trạng thái", lambda r: r.status_label, 14),
        Column("Hạn gửi", lambda r: r.due, 12),
        Column("Gửi lúc", _sent, 17),
        Column("Đúng hạn", _timing, 10),
        Column(
            "Lý do trả lại",
            lambda r: r.report.return_reason if r.report and r.status == "returned" else "",
            40,
            wrap=True,
        ),
    ]
    return xlsx_response(
        title=title, columns=columns, rows=rows, filename="tinh-hinh-bao-cao", filters=filters
    )
