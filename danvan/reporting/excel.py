"""Excel in and out: one form's figures for many units, one row per unit.

The data sheet «Số liệu» (what import relies on):

- B2 holds the form code and B3 the period code; the workbook names ``DANVAN_FORM`` and
  ``DANVAN_PERIOD`` point at them, so they are still found after a user inserts rows
  above (Excel and LibreOffice move names with their cells).
- Row 7 holds the Vietnamese column labels, row 8 (name ``DANVAN_CODES``) the codes:
  ``ma_don_vi``, ``ten_don_vi`` and one indicator code per column. Import reads codes,
  never labels, so renaming an indicator does not break last month's files.
- One row per unit follows. Computed indicators (ratios) are not columns: they are
  recomputed from their two counts at every level.

Import checks every cell before writing anything and returns all the faults at once,
located by sheet, row and column. Only a clean file is written: each row through
``data_values_save`` inside one transaction, and if the service refuses any row (a
rule, the access scope, an approved report) the whole file is rolled back.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting.models import DataValue, Indicator, ReportForm, ValidationRule
from danvan.reporting.selectors import form_indicator_codes

DATA_SHEET = "Số liệu"
HELP_SHEET = "Hướng dẫn"
FORM_CELL, PERIOD_CELL = "B2", "B3"
LABEL_ROW, CODE_ROW = 7, 8
FIRST_DATA_ROW = CODE_ROW + 1
UNIT_CODE, UNIT_NAME = "ma_don_vi", "ten_don_vi"
UNIT_CODE_LABEL, UNIT_NAME_LABEL = "Mã đơn vị", "Tên đơn vị"
NAME_FORM, NAME_PERIOD, NAME_CODES = "DANVAN_FORM", "DANVAN_PERIOD", "DANVAN_CODES"
INT_FORMAT, DEC_FORMAT = "#,##0", "#,##0.0##"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Validation in Excel reaches this many rows below the last unit, for units a user adds.
_SPARE_ROWS = 100

_INT, _DEC = Indicator.ValueType.INTEGER, Indicator.ValueType.DECIMAL
_TEXT, _BOOL = Indicator.ValueType.TEXT, Indicator.ValueType.BOOLEAN
_BOLD = Font(bold=True)
_CODE_FONT = Font(size=8, italic=True, color="808080")
_HEAD_FILL = PatternFill("solid", fgColor="E8EEF7")
_UNIT_FILL = PatternFill("solid", fgColor="F3F3F3")
_THIN = Side(style="thin", color="B0B0B0")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")


# ---------------------------------------------------------------- what goes in the file


def input_indicators(form: ReportForm) -> list[Indicator]:
    """The form's stored indicators in form order: the columns a unit fills in."""
    codes = list(dict.fromkeys(form_indicator_codes(form)))
    by_code = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    return [by_code[c] for c in codes if not by_code[c].is_computed]


def period_for(form: ReportForm, code: str) -> periods.Period:
    """Parse ``code`` as a period of ``form``'s kind, or a Vietnamese PeriodError."""
    period = periods.parse(code)
    if period.kind != form.period_type:
        kind = periods.KIND_LABELS.get(form.period_type, form.period_type).lower()
        example = periods.period_of(form.period_type, dt.date(2024, 3, 1)).code
        raise periods.PeriodError(
            f"Biểu mẫu «{form.name}» báo cáo theo kỳ {kind} (ví dụ {example}), "
            f"không nhận kỳ «{code}» ({period.label})."
        )
    return period


def template_units(
    *,
    user: Any,
    form: ReportForm,
    root: OrgUnit,
    period: periods.Period,
    cap: Cap = Cap.REPORT_VIEW,
) -> list[OrgUnit]:
    """Units of ``root``'s subtree, in scope, active during ``period``, that report
    ``form``: at its levels and unit/organisation kinds when the form names any."""
    units = scoped(OrgUnit.objects.subtree_of(root), user, cap).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=period.end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.start),
    )
    levels = list(form.levels.values_list("pk", flat=True))
    if levels:
        units = units.filter(level__in=levels)
    kinds = list(form.unit_kinds.values_list("pk", flat=True))
    organisation_kinds = list(form.organisation_kinds.values_list("pk", flat=True))
    if kinds or organisation_kinds:
        units = units.filter(Q(kind__in=kinds) | Q(organisation_kind__in=organisation_kinds))
    return list(units.order_by("path"))


def stored_values(
    indicators: Sequence[Indicator], units: Sequence[OrgUnit], period: periods.Period
) -> dict[tuple[int, int], Any]:
    """(unit id, indicator id) → the cell value stored for ``period``, any status."""
    rows = DataValue.objects.filter(
        org_unit__in=[u.pk for u in units],
        indicator__in=[i.pk for i in indicators],
        period=period.code,
    ).values_list("org_unit_id", "indicator_id", "value", "text_value")
    types = {i.pk: i.value_type for i in indicators}
    cells = {}
    for unit_id, indicator_id, value, text in rows:
        cell = _cell_value(types[indicator_id], value, text)
        if cell is not None:
            cells[(unit_id, indicator_id)] = cell
    return cells


def _cell_value(value_type: str, value: Decimal | None, text: str) -> Any:
    if value_type == _TEXT:
        return text or None
    if value is None:
        return None
    if value_type == _BOOL:
        return "Có" if value else "Không"
    if value == value.to_integral():
        return int(value)
    return value.normalize()


def _label(indicator: Indicator) -> str:
    return f"{indicator.name} ({indicator.unit})" if indicator.unit else indicator.name


def build_workbook(
    form: ReportForm,
    units: Sequence[OrgUnit],
    period: periods.Period,
    *,
    filled: bool,
    root: OrgUnit | None = None,
) -> Workbook:
    """The form's XLSX for ``units`` and ``period``; with ``filled``, the stored values."""
    indicators = input_indicators(form)
    values = stored_values(indicators, units, period) if filled else {}
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    _write_header(sheet, form, period, root, filled)
    last_col = 2 + len(indicators)
    _write_columns(sheet, indicators)
    for offset, unit in enumerate(units):
        row = FIRST_DATA_ROW + offset
        for col, text in ((1, unit.code), (2, unit.name)):
            cell = sheet.cell(row=row, column=col, value=text)
            cell.fill, cell.border = _UNIT_FILL, _BOX
        for col, indicator in enumerate(indicators, start=3):
            cell = sheet.cell(row=row, column=col, value=values.get((unit.pk, indicator.pk)))
            cell.border = _BOX
            cell.number_format = _number_format(indicator)
    last_row = FIRST_DATA_ROW + len(units) - 1
    _add_validation(sheet, indicators, last_row + _SPARE_ROWS)
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=3)
    _add_names(book, last_col)
    _write_help(book.create_sheet(HELP_SHEET), form, period, indicators)
    return book


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_header(
    sheet: Any, form: ReportForm, period: periods.Period, root: OrgUnit | None, filled: bool
) -> None:
    title = "SỐ LIỆU ĐÃ NHẬP" if filled else "BIỂU NHẬP SỐ LIỆU"
    sheet["A1"] = f"{title}: {form.name.upper()}"
    sheet["A1"].font = Font(bold=True, size=14)
    rows = [
        ("Biểu mẫu", form.code, form.name),
        ("Kỳ báo cáo", period.code, period.label),
        (
            "Đơn vị",
            root.code if root else "",
            f"{root.name} và các đơn vị trực thuộc" if root else "",
        ),
    ]
    for row, (label, code, text) in enumerate(rows, start=2):
        sheet.cell(row=row, column=1, value=label).font = _BOLD
        sheet.cell(row=row, column=2, value=code).font = _BOLD
        sheet.cell(row=row, column=3, value=text)
    sheet.cell(row=5, column=1, value="Ngày tạo").font = _BOLD
    created = sheet.cell(row=5, column=2, value=timezone.localdate())
    created.number_format = "dd/mm/yyyy"
    created.alignment = Alignment(horizontal="left")
    if filled:
        sheet.cell(row=5, column=3, value="Số liệu mọi trạng thái: nháp, đã gửi, đã duyệt.")
    sheet.cell(
        row=6,
        column=1,
        value=(
            "Nhập số vào các ô trắng; ô để trống không được ghi (muốn ghi số 0 thì gõ 0). "
            f"Không sửa ô {FORM_CELL}, {PERIOD_CELL}, dòng mã (dòng {CODE_ROW}) và cột "
            "«Mã đơn vị». Xem trang «Hướng dẫn»."
        ),
    ).font = Font(italic=True, color="555555")


def _write_columns(sheet: Any, indicators: Sequence[Indicator]) -> None:
    heads = [(UNIT_CODE_LABEL, UNIT_CODE, 20), (UNIT_NAME_LABEL, UNIT_NAME, 40)]
    heads += [(_label(i), i.code, 18) for i in indicators]
    for col, (label, code, width) in enumerate(heads, start=1):
        head = sheet.cell(row=LABEL_ROW, column=col, value=label)
        head.font, head.fill, head.alignment, head.border = _BOLD, _HEAD_FILL, _WRAP, _BOX
        sheet.cell(row=CODE_ROW, column=col, value=code).font = _CODE_FONT
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.row_dimensions[LABEL_ROW].height = 48


def _number_format(indicator: Indicator) -> str:
    formats: dict[str, str] = {_INT: INT_FORMAT, _DEC: DEC_FORMAT, _TEXT: "@"}
    return formats.get(indicator.value_type, "General")


def _add_validation(sheet: Any, indicators: Sequence[Indicator], last_row: int) -> None:
    for col, indicator in enumerate(indicators, start=3):
        letter = get_column_letter(col)
        if indicator.value_type == _INT:
            rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
            rule.error = f"«{indicator.name}» là số nguyên, không âm."
        elif indicator.value_type == _DEC:
            rule = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
            rule.error = f"«{indicator.name}» là số, không âm."
        elif indicator.value_type == _BOOL:
            rule = DataValidation(type="list", formula1='"Có,Không"')
            rule.error = f"«{indicator.name}» chỉ nhận Có hoặc Không."
        else:
            continue
        rule.allow_blank = True
        rule.showErrorMessage = True
        rule.errorTitle = "Số liệu không hợp lệ"
        rule.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}")
        sheet.add_data_validation(rule)


def _add_names(book: Workbook, last_col: int) -> None:
    sheet = quote_sheetname(DATA_SHEET)
    names = {
        NAME_FORM: f"{sheet}!$B$2",
        NAME_PERIOD: f"{sheet}!$B$3",
        NAME_CODES: f"{sheet}!$A${CODE_ROW}:${get_column_letter(last_col)}${CODE_ROW}",
    }
    for name, target in names.items():
        book.defined_names[name] = DefinedName(name, attr_text=target)


def _write_help(
    sheet: Any, form: ReportForm, period: periods.Period, indicators: Sequence[Indicator]
) -> None:
    rules = [r.message for r in ValidationRule.objects.filter(form=form).order_by("id")]
    lines = [
        f"Biểu «{form.name}» (mã {form.code}), {period.label}.",
        "1. Mỗi dòng là một đơn vị, mỗi cột là một chỉ tiêu. Nhập số vào các ô trắng.",
        "2. Số không âm. Số người, số đơn, số lượt... là số nguyên; cột kiểu số thập phân "
        "(ví dụ triệu đồng) nhận số lẻ, dấu thập phân theo cài đặt của máy.",
        "3. Ô để trống: số đã có trên hệ thống được giữ nguyên (ô trống không phải số 0).",
        f"4. Không sửa ô {FORM_CELL} (mã biểu mẫu), {PERIOD_CELL} (kỳ), dòng {CODE_ROW} "
        "(mã chỉ tiêu) và cột «Mã đơn vị»: hệ thống dựa vào chúng để nhận tệp.",
        "5. Được xóa dòng của đơn vị không nhập; được thêm dòng với mã một đơn vị "
        "trong phạm vi của bạn.",
        "6. Tỷ lệ (đơn thư đã giải quyết, cử tri đi bầu...) hệ thống tự tính, không nhập.",
        "7. Khi tải lên, nếu có ô sai hệ thống báo trang tính, dòng, cột và lý do, và "
        "không ghi số liệu nào của tệp: sửa hết rồi tải lên lại.",
        "8. Số liệu của báo cáo đã được duyệt bị khóa; cấp trên cần trả lại báo cáo trước.",
    ]
    if rules:
        lines.append("Quy tắc kiểm tra: " + "; ".join(rules) + ".")
    sheet["A1"] = "HƯỚNG DẪN NHẬP SỐ LIỆU"
    sheet["A1"].font = Font(bold=True, size=14)
    for row, text in enumerate(lines, start=2):
        sheet.cell(row=row, column=1, value=text)
    start = len(lines) + 3
    heads = ("Cột", "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Kiểu số liệu")
    for col, text in enumerate(heads, start=1):
        cell = sheet.cell(row=start, column=col, value=text)
        cell.font, cell.fill, cell.border = _BOLD, _HEAD_FILL, _BOX
    for row, (col, indicator) in enumerate(enumerate(indicators, start=3), start=start + 1):
        texts = (
            get_column_letter(col),
            indicator.code,
            indicator.name,
            indicator.unit,
            indicator.get_value_type_display(),
        )
        for index, text in enumerate(texts, start=1):
            sheet.cell(row=row, column=index, value=text).border = _BOX
    for letter, width in zip("ABCDE", (8, 22, 45, 14, 18), strict=True):
        sheet.column_dimensions[letter].width = width
