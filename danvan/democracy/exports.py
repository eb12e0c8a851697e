"""Each list as XLSX («Xuất Excel»), with the filters asked, and the checklist."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from danvan.core.exports import Column, xlsx_response
from danvan.democracy.registry import Kind
from danvan.democracy.selectors import ChecklistRow
from danvan.lib.dates import format_date


def list_xlsx(
    kind: Kind, rows: Iterable[Any], *, filters: Sequence[tuple[str, str]]
) -> HttpResponse:
    columns = [Column(c.label, c.get, c.width, wrap=c.width >= 26) for c in kind.columns]
    return xlsx_response(
        title=kind.heading, columns=columns, rows=rows, filename=kind.filename, filters=filters
    )


def checklist_xlsx(rows: list[ChecklistRow], *, unit: Any, year: int) -> HttpResponse:
    def covered(row: ChecklistRow) -> str:
        return "\n".join(
            f"{d.content} ({d.org_unit.name}, từ {format_date(d.starts_on)})"
            for d in row.disclosures
        )

    columns = [
        Column("Căn cứ", lambda r: r.item.clause, 16),
        Column("Nội dung phải công khai", lambda r: r.item.name, 50, wrap=True),
        Column("Đã công khai", covered, 50, wrap=True),
        Column("Tình trạng", lambda r: "Còn thiếu" if r.missing else "Đã công khai", 14),
    ]
    return xlsx_response(
        title=f"Kiểm tra nội dung công khai năm {year} — {unit.name}",
        columns=columns,
        rows=rows,
        filename=f"kiem-tra-cong-khai-{year}",
    )
