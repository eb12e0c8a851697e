"""Phụ lục số liệu: the compiled report's tables as an XLSX workbook.

One sheet per table: "Theo đơn vị" (the units directly under the compiled unit as rows,
the indicators with figures as columns, the subtree's total last) and "So sánh" (each
indicator for the period, the period before and the same period a year earlier, with the
change in percent). Cells hold numbers with number formats (``#,##0``, ``#,##0.0``), so
the reader can add them up; Excel shows the thousands and decimal separators of the
reader's locale (2.811,7 on a Vietnamese system). Times New Roman throughout, the header
rows frozen.
"""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from danvan.drafting import compile as compiling
from danvan.org.models import OrgUnit
from danvan.reporting.models import Indicator

FONT = "Times New Roman"
INTEGER = "#,##0"
ONE_PLACE = "#,##0.0"
TWO_PLACES = "#,##0.00"
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")
HEADER_ROW = 5  # rows 1–4: title, subject, period and unit, blank


def number_format(indicator: Indicator) -> str:
    if indicator.is_computed:
        return TWO_PLACES
    if indicator.value_type == Indicator.ValueType.DECIMAL:
        return ONE_PLACE
    return INTEGER


def _number(value: Decimal | None) -> int | float | None:
    """openpyxl writes int and float; a whole number stays an int."""
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def _font(bold: bool = False, size: float = 12, italic: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic)


def _title(sheet: Worksheet, lines: list[str], width: int) -> None:
    for row, (text, font) in enumerate(
        zip(lines, [_font(True, 14), _font(True, 12), _font(italic=True)], strict=False), start=1
    ):
        sheet.cell(row=row, column=1, value=text).font = font
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center")
        if width > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _header(sheet: Worksheet, columns: list[str]) -> None:
    for col, text in enumerate(columns, start=1):
        header = sheet.cell(row=HEADER_ROW, column=col, value=text)
        header.font = _font(bold=True)
        header.alignment = _WRAP
        header.border = _BOX
    sheet.row_dimensions[HEADER_ROW].height = 48
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=3)


def _row(sheet: Worksheet, row: int, cells: list[Any], formats: list[str], bold: bool) -> None:
    for col, value in enumerate(cells, start=1):
        target = sheet.cell(row=row, column=col, value=value)
        target.font = _font(bold=bold)
        target.border = _BOX
        if col <= len(formats) and formats[col - 1]:
            target.number_format = formats[col - 1]
            target.alignment = Alignment(horizontal="right")


def _widths(sheet: Worksheet, widths: list[float]) -> None:
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width


def _by_unit(sheet: Worksheet, figures: compiling.Figures, heading: list[str]) -> None:
    columns = figures.columns
    names = ["TT", "Đơn vị", *(compiling.COLUMNS[i.code] for i in columns)]
    _title(sheet, heading, len(names))
    _header(sheet, names)
    formats = ["", "", *(number_format(i) for i in columns)]
    row = HEADER_ROW
    for number, (unit, values) in enumerate(figures.rows, start=1):
        row += 1
        cells = [number, unit.name, *(_number(values.get(i.code)) for i in columns)]
        _row(sheet, row, cells, formats, bold=False)
    if not figures.rows:
        row += 1
        sheet.cell(row=row, column=2, value="Chưa có số liệu trong kỳ.").font = _font(italic=True)
    else:
        row += 1
        total = ["", "Tổng cộng", *(_number(figures.current.get(i.code)) for i in columns)]
        _row(sheet, row, total, formats, bold=True)
    _widths(sheet, [6, 36, *([14] * len(columns))])


def _comparison(sheet: Worksheet, figures: compiling.Figures, heading: list[str]) -> None:
    labels = [c.against for c in figures.comparisons]
    names = ["TT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này"]
    for label in labels:
        names += [_upper(label), f"Tăng, giảm so với {label} (%)"]
    _title(sheet, heading, len(names))
    _header(sheet, names)
    row = HEADER_ROW
    shown = [i for i in figures.indicators if figures.current.get(i.code) is not None]
    for number, indicator in enumerate(shown, start=1):
        row += 1
        value = figures.current.get(indicator.code)
        cells: list[Any] = [number, indicator.name, indicator.unit, _number(value)]
        formats = ["", "", "", number_format(indicator)]
        for comparison in figures.comparisons:
            base = comparison.figures.get(indicator.code)
            change = None
            if value is not None and base:
                change = round((Decimal(value) - Decimal(base)) / Decimal(base) * 100, 1)
            cells += [_number(base), _number(change)]
            formats += [number_format(indicator), ONE_PLACE]
        _row(sheet, row, cells, formats, bold=False)
    if not shown:
        sheet.cell(row=row + 1, column=2, value="Chưa có số liệu trong kỳ.").font = _font(
            italic=True
        )
    _widths(sheet, [6, 40, 12, 14, *([16] * (2 * len(labels)))])


def _upper(label: str) -> str:
    return label[0].upper() + label[1:] if label else label


def report_reference(number_line: str, place_date: str) -> str:
    """«số 15-BC/BDVQU, ngày 05/7/2023» from the report's heading («Số 15-BC/BDVQU»,
    «Hoàng Mai, ngày 05 tháng 7 năm 2023»); a draft not yet numbered says so."""
    number = re.sub(r"^\s*Số\s*:?\s*", "", number_line or "").strip(" .…")
    found = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", place_date or "")
    if not number or not re.search(r"\d", number) or found is None:
        return "(dự thảo, chưa cấp số)"
    day, month, year = found.groups()
    return f"số {number}, ngày {int(day):02d}/{int(month):02d}/{year}"


def appendix_xlsx(*, user: Any, org_unit: OrgUnit, period: str, reference: str = "") -> bytes:
    """The figures appendix of ``org_unit``'s compiled report for ``period``; its caption
    names the report it goes with (``reference``, see :func:`report_reference`)."""
    compiling.require_view(user, org_unit)
    the_period = compiling.parse_period(period)
    figures = compiling.figures_for(org_unit, the_period, compiling.children_of(org_unit))
    heading = [
        "PHỤ LỤC SỐ LIỆU",
        " ".join(
            part
            for part in ("Kèm theo Báo cáo", reference, compiling.subject_for(the_period))
            if part
        ),
        f"Kỳ báo cáo: {the_period.label} — {org_unit.name}",
    ]
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Theo đơn vị"
    _by_unit(first, figures, heading)
    _comparison(book.create_sheet("So sánh"), figures, heading)
    for sheet in book.worksheets:
        sheet.sheet_view.zoomScale = 100
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
