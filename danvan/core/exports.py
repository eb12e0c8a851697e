"""Lists handed on: the rows a list page finds, with its filters, as one XLSX sheet.

A list page answers ``?xuat=xlsx`` with the same search it shows (every filter kept, no
paging) written by ``xlsx_response``: a title, the day it was exported and the filters on
top, then a frozen header row with an autofilter, Vietnamese headers, dates as dates
(dd/mm/yyyy) and numbers as numbers. The sheet is streamed row by row (openpyxl's
write-only mode), so a long list costs no more memory than a short one; past
``EXPORT_MAX_ROWS`` the export stops and its last line says so.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from danvan.lib.dates import format_date
from danvan.lib.numbers import format_number
from danvan.lib.text import fold

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_MAX_ROWS = 50_000
HEADER_ROW = 4  # title, exported on / filters, a blank line, then the headers
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=13)
_HEAD_FILL = PatternFill("solid", fgColor="E8EEF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def wants_xlsx(request: Any) -> bool:
    """The list page was asked for its XLSX (the «Xuất Excel» link)."""
    return request.GET.get("xuat") == "xlsx"


@dataclass(frozen=True)
class Column:
    """One column: its Vietnamese header, how a row gives its value, its width."""

    header: str
    value: Callable[[Any], Any]
    width: int = 18
    wrap: bool = False


def _cell(sheet: Any, value: Any, column: Column) -> WriteOnlyCell:
    if isinstance(value, bool):
        value = "Có" if value else "Không"
    elif value is None:
        value = ""
    elif isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
    elif not isinstance(value, int | float | Decimal | dt.date | str):
        value = str(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, dt.datetime):
        cell.number_format = "DD/MM/YYYY HH:MM"
    elif isinstance(value, dt.date):
        cell.number_format = "DD/MM/YYYY"
    elif isinstance(value, int | Decimal | float):
        cell.number_format = "#,##0" if isinstance(value, int) else "#,##0.0##"
    cell.alignment = _WRAP if column.wrap else _TOP
    return cell


def xlsx_response(
    *,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Any],
    filename: str,
    filters: Sequence[tuple[str, str]] = (),
) -> HttpResponse:
    """The sheet as a download: ``filters`` are (label, value) pairs of what was asked."""
    book = Workbook(write_only=True)
    name = "".join("-" if ch in "\\/?*[]:" else ch for ch in title)[:31]
    sheet = book.create_sheet(name)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    heading = WriteOnlyCell(sheet, value=title)
    heading.font = _TITLE
    sheet.append([heading])
    asked = "; ".join(f"{label}: {value}" for label, value in filters if value) or "không lọc"
    now = timezone.localtime()
    sheet.append([f"Xuất ngày {format_date(now.date())} lúc {now:%H:%M} — bộ lọc: {asked}"])
    sheet.append([])
    heads = []
    for column in columns:
        head = WriteOnlyCell(sheet, value=column.header)
        head.font, head.fill, head.alignment = _BOLD, _HEAD_FILL, _WRAP
        heads.append(head)
    sheet.append(heads)
    count = 0
    if isinstance(rows, QuerySet):  # streamed: a long list is never all in memory
        rows = rows.iterator(chunk_size=2000)
    for row in rows:
        if count == EXPORT_MAX_ROWS:
            limit = format_number(EXPORT_MAX_ROWS)
            sheet.append([f"… danh sách dừng ở {limit} dòng: hãy lọc hẹp hơn để xuất đủ."])
            break
        sheet.append([_cell(sheet, column.value(row), column) for column in columns])
        count += 1
    last = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(count, 1)}"
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=CONTENT_TYPE)
    stem = fold(filename).replace(" ", "-") or "danh-sach"
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{stem}-{now:%Y%m%d}.xlsx"
    )
    return response


def names(items: Iterable[Any], attribute: str = "name") -> str:
    """A related list in one cell: «Phường Định Công, Phường Đại Kim»."""
    return ", ".join(str(getattr(item, attribute)) for item in items)


def asked(form: Any, labels: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """The filters a user set on a list's (validated) filter form, as the page reads them:
    choice labels, unit names, dates dd/mm/yyyy; ``labels`` names fields without a label."""
    labels = {"q": "Từ khóa", **(labels or {})}
    data = getattr(form, "cleaned_data", None) or {}
    shown = []
    for name, field in form.fields.items():
        value = data.get(name)
        if value in (None, "", False, [], ()):
            continue
        if isinstance(value, dt.date):
            value = format_date(value)
        elif value is True:
            value = "có"
        elif getattr(field, "choices", None) is not None and not hasattr(value, "pk"):
            value = dict(field.choices).get(value, value)
        shown.append((labels.get(name) or str(field.label or name), str(value)))
    return shown
