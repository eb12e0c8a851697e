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
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.cell import coordinate_from_string, range_boundaries
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from danvan.access.roles import Cap
from danvan.access.scope import can, scoped
from danvan.lib import periods
from danvan.lib.numbers import format_number
from danvan.lib.text import fold
from danvan.org.models import OrgUnit
from danvan.reporting import services
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


# ---------------------------------------------------------------- reading a file back


@dataclass(frozen=True)
class CellError:
    """One fault, where a user finds it: sheet, row, column letter (and its label)."""

    sheet: str
    row: int | None
    column: str | None
    message: str
    label: str = ""

    def __str__(self) -> str:
        where = [f"Sheet «{self.sheet}»"] if self.sheet else []
        if self.row:
            where.append(f"dòng {self.row}")
        if self.column:
            where.append(f"cột {self.column}" + (f" ({self.label})" if self.label else ""))
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass
class ImportResult:
    form: ReportForm | None = None
    period: periods.Period | None = None
    errors: list[CellError] = field(default_factory=list)
    warnings: list[CellError] = field(default_factory=list)
    units: int = 0
    values: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        text = f"Đã nhập {self.values} giá trị cho {self.units} đơn vị"
        if self.form is not None and self.period is not None:
            text += f" (biểu mẫu «{self.form.name}», {self.period.label})"
        return text


class _Refused(Exception):
    """The file as a whole cannot be read: no row is worth checking."""

    def __init__(
        self, message: str, sheet: str = "", row: int | None = None, column: str | None = None
    ) -> None:
        super().__init__(message)
        self.error = CellError(sheet, row, column, message)


class _BadCell(Exception):
    pass


class _Rollback(Exception):
    pass


@dataclass(frozen=True)
class _Column:
    index: int
    indicator: Indicator


@dataclass
class _Layout:
    sheet: Any
    code_row: int
    unit_col: int
    columns: list[_Column]

    def where(self, row: int | None, col: int | None, message: str, label: str = "") -> CellError:
        letter = get_column_letter(col) if col else None
        return CellError(self.sheet.title, row, letter, message, label)

    def unit_error(self, row: int, message: str) -> CellError:
        return self.where(row, self.unit_col, message, UNIT_CODE_LABEL)


@dataclass
class _Row:
    number: int
    unit: OrgUnit
    values: dict[str, Any]


def import_workbook(file: str | IO[bytes], *, actor: Any) -> ImportResult:
    """Check the whole file, then store it all or nothing; every fault is in ``errors``."""
    result = ImportResult()
    try:
        book = _open(file)
        sheet = _data_sheet(book)
        result.form = _read_form(book, sheet)
        result.period = _read_period(book, sheet, result.form)
        layout = _read_layout(book, sheet, result.form, result.errors)
    except _Refused as refused:
        result.errors.append(refused.error)
        return result
    rows = _read_rows(layout, actor, result.errors)
    # Even a file already refused goes through the service for its clean rows (then
    # rolled back), so one upload reports the rule violations and locks too.
    _save(rows, layout, result, actor)
    result.errors.sort(key=_position)
    return result


def _position(error: CellError) -> tuple[int, int, str]:
    column = error.column or ""
    return (error.row or 0, len(column), column)


def _open(file: str | IO[bytes]) -> Any:
    try:
        return load_workbook(file, data_only=True)
    # A damaged or foreign file can fail anywhere inside openpyxl's parser.
    except Exception as exc:
        raise _Refused(
            "Không đọc được tệp: tệp không phải Excel .xlsx hoặc bị hỏng. Hãy mở bằng Excel "
            "và lưu lại dạng «Excel Workbook (.xlsx)», hoặc tải biểu mẫu mới."
        ) from exc


def _named_cell(book: Any, name: str) -> tuple[str, str] | None:
    """(sheet title, coordinate without $) the workbook name points at, if any."""
    defined = book.defined_names.get(name)
    if defined is None:
        return None
    try:
        for title, coordinate in defined.destinations:
            return title, coordinate.replace("$", "")
    except (ValueError, TypeError):  # a name whose target was deleted reads "#REF!"
        return None
    return None


def _data_sheet(book: Any) -> Any:
    target = _named_cell(book, NAME_FORM)
    if target is not None and target[0] in book.sheetnames:
        return book[target[0]]
    if DATA_SHEET in book.sheetnames:
        return book[DATA_SHEET]
    raise _Refused(
        f"Tệp không có trang tính «{DATA_SHEET}»: hãy dùng biểu mẫu tải từ hệ thống "
        "(Báo cáo › Excel)."
    )


def _marker(book: Any, sheet: Any, name: str, default: str) -> tuple[str, int, int]:
    """The text of a marker cell, with its row and column."""
    target = _named_cell(book, name)
    coordinate = target[1] if target is not None and target[0] == sheet.title else default
    letter, row = coordinate_from_string(coordinate)
    cell = sheet[f"{letter}{row}"]
    value = cell.value
    return ("" if value is None else str(value).strip()), cell.row, cell.column


def _read_form(book: Any, sheet: Any) -> ReportForm:
    code, row, col = _marker(book, sheet, NAME_FORM, FORM_CELL)
    where = (sheet.title, row, get_column_letter(col))
    if not code:
        raise _Refused(
            "Không thấy mã biểu mẫu: tệp không phải biểu mẫu tải từ hệ thống hoặc ô mã biểu "
            "mẫu đã bị xóa. Hãy tải biểu mẫu mới.",
            *where,
        )
    form = ReportForm.objects.filter(code__iexact=code).first()
    if form is None:
        raise _Refused(f"Không có biểu mẫu mã «{code}».", *where)
    if not form.is_active:
        raise _Refused(f"Biểu mẫu «{form.name}» đã ngừng sử dụng.", *where)
    return form


def _read_period(book: Any, sheet: Any, form: ReportForm) -> periods.Period:
    code, row, col = _marker(book, sheet, NAME_PERIOD, PERIOD_CELL)
    where = (sheet.title, row, get_column_letter(col))
    if not code:
        raise _Refused("Không thấy kỳ báo cáo: ô kỳ đang trống.", *where)
    try:
        return period_for(form, code)
    except periods.PeriodError as exc:
        raise _Refused(str(exc), *where) from exc


def _read_layout(book: Any, sheet: Any, form: ReportForm, errors: list[CellError]) -> _Layout:
    target = _named_cell(book, NAME_CODES)
    code_row = CODE_ROW
    if target is not None and target[0] == sheet.title:
        code_row = range_boundaries(target[1])[1] or CODE_ROW
    stored = {i.code.upper(): i for i in input_indicators(form)}
    layout = _Layout(sheet, code_row, 0, [])
    seen: dict[str, int] = {}
    for cell in sheet[code_row]:
        code = "" if cell.value is None else str(cell.value).strip()
        if not code:
            continue
        where = (code_row, cell.column)
        if code.lower() == UNIT_CODE:
            layout.unit_col = cell.column
        elif code.lower() == UNIT_NAME:
            continue
        elif code.upper() in seen:
            first = get_column_letter(seen[code.upper()])
            errors.append(layout.where(*where, f"Mã chỉ tiêu «{code}» trùng với cột {first}."))
        elif code.upper() in stored:
            seen[code.upper()] = cell.column
            layout.columns.append(_Column(cell.column, stored[code.upper()]))
        else:
            errors.append(layout.where(*where, _unknown_column(form, code)))
    if not layout.unit_col or not (layout.columns or errors):
        raise _Refused(
            f"Không thấy dòng mã (ô «{UNIT_CODE}» và các mã chỉ tiêu): dòng mã đã bị sửa hoặc "
            "xóa. Hãy tải biểu mẫu mới.",
            sheet.title,
            code_row,
            None,
        )
    return layout


_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def _unknown_column(form: ReportForm, code: str) -> str:
    indicator = Indicator.objects.filter(code__iexact=code).first()
    if indicator is not None and indicator.is_computed:
        return f"«{indicator.name}» là tỷ lệ hệ thống tự tính, không nhập trực tiếp."
    return f"Biểu mẫu «{form.name}» không có chỉ tiêu mã «{code}»."


def _shown(raw: Any) -> str:
    if isinstance(raw, float | int | Decimal) and not isinstance(raw, bool):
        return format_number(raw)
    return str(raw)


def _number(raw: Any) -> Decimal:
    if isinstance(raw, bool):
        raise _BadCell(f"«{raw}» không phải số.")
    if isinstance(raw, int | Decimal):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))  # the shortest decimal that reads back as this float
    if isinstance(raw, dt.date | dt.time):
        raise _BadCell("Ô chứa ngày tháng, không phải số (kiểm tra định dạng ô).")
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if "," in text:  # Vietnamese style: 2.811,7
        text = text.replace(".", "").replace(",", ".")
    elif _GROUPED.match(text):  # 1.234 is one thousand two hundred and thirty-four
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _BadCell(f"«{raw}» không phải số.") from None
    if not number.is_finite():
        raise _BadCell(f"«{raw}» không phải số.")
    return number


def _parse(indicator: Indicator, raw: Any) -> Any:
    """The cell as the service takes it, or _BadCell saying why not (in Vietnamese)."""
    if indicator.value_type == _TEXT:
        return str(raw).strip()
    if indicator.value_type == _BOOL:
        digit = isinstance(raw, bool | int | float) and raw in (0, 1)
        answer = str(int(raw)) if digit else fold(str(raw))
        if answer in ("co", "1", "true"):
            return Decimal(1)
        if answer in ("khong", "0", "false"):
            return Decimal(0)
        raise _BadCell(f"Chỉ nhận Có hoặc Không, không phải «{raw}».")
    number = _number(raw)
    if number < 0:
        raise _BadCell(f"Số âm ({_shown(raw)}): số liệu không được âm.")
    if abs(number) >= Decimal("1e15"):
        raise _BadCell(f"Số {_shown(raw)} quá lớn.")
    if indicator.value_type == _INT:
        if number != number.to_integral():
            raise _BadCell(f"Phải là số nguyên, không phải {_shown(raw)}.")
        return Decimal(int(number))
    return number


def _blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _code_text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return "" if raw is None else str(raw).strip()


def _read_rows(layout: _Layout, actor: Any, errors: list[CellError]) -> list[_Row]:
    sheet = layout.sheet
    found: list[tuple[int, str, dict[str, Any] | None]] = []
    for cells in sheet.iter_rows(min_row=layout.code_row + 1, max_row=sheet.max_row):
        number = cells[0].row
        before = len(errors)
        code = _code_text(_at(cells, layout.unit_col))
        values: dict[str, Any] = {}
        filled = False
        for column in layout.columns:
            raw = _at(cells, column.index)
            if _blank(raw):
                continue
            filled = True
            try:
                values[column.indicator.code] = _parse(column.indicator, raw)
            except _BadCell as bad:
                errors.append(layout.where(number, column.index, str(bad), column.indicator.name))
        if not filled:
            continue  # a blank row, or a unit with nothing to say this period
        if not code:
            errors.append(layout.unit_error(number, "Dòng có số liệu nhưng thiếu mã đơn vị."))
            continue
        # A row with a bad cell is still matched to its unit, but never saved.
        found.append((number, code, values if len(errors) == before else None))
    return _match_units(found, layout, actor, errors)


def _at(cells: Sequence[Any], column: int) -> Any:
    return cells[column - 1].value if column <= len(cells) else None


def _match_units(
    found: list[tuple[int, str, dict[str, Any] | None]],
    layout: _Layout,
    actor: Any,
    errors: list[CellError],
) -> list[_Row]:
    """Rows whose unit code is known (any case), in the actor's scope and not repeated."""
    wanted = {code.lower() for _, code, _ in found}
    candidates: dict[str, list[OrgUnit]] = {}
    for unit in OrgUnit.objects.annotate(code_lower=Lower("code")).filter(code_lower__in=wanted):
        candidates.setdefault(unit.code.lower(), []).append(unit)
    rows: list[_Row] = []
    first_row: dict[int, int] = {}
    for number, code, values in found:
        matches = candidates.get(code.lower(), [])
        unit = next((u for u in matches if u.code == code), matches[0] if matches else None)
        if unit is None:
            errors.append(layout.unit_error(number, f"Không có đơn vị mã «{code}»."))
        elif not can(actor, Cap.REPORT_ENTER, unit):
            errors.append(
                layout.unit_error(
                    number,
                    f"Đơn vị «{unit.name}» ngoài phạm vi của bạn: bạn không được nhập số liệu "
                    "cho đơn vị này.",
                )
            )
        elif unit.pk in first_row:
            errors.append(
                layout.unit_error(
                    number,
                    f"Đơn vị «{unit.name}» đã có ở dòng {first_row[unit.pk]}; mỗi đơn vị một dòng.",
                )
            )
        else:
            first_row[unit.pk] = number
            if values:
                rows.append(_Row(number, unit, values))
    return rows


def _save(rows: list[_Row], layout: _Layout, result: ImportResult, actor: Any) -> None:
    assert result.form is not None and result.period is not None
    by_code = {c.indicator.code: c for c in layout.columns}
    try:
        with transaction.atomic():
            for row in rows:
                try:
                    saved = services.data_values_save(
                        actor=actor,
                        org_unit=row.unit,
                        period=result.period.code,
                        values=row.values,
                        form=result.form,
                    )
                except ValidationError as refusal:
                    result.errors.extend(_refusal_errors(refusal, row, layout, by_code))
                except (PermissionDenied, services.ReportLocked) as refusal:
                    result.errors.append(layout.unit_error(row.number, str(refusal)))
                else:
                    result.units += 1
                    result.values += len(saved.saved)
                    result.warnings += [layout.unit_error(row.number, w) for w in saved.warnings]
            if result.errors:
                raise _Rollback
    except _Rollback:
        result.units = result.values = 0
        result.warnings = []


def _refusal_errors(
    refusal: ValidationError, row: _Row, layout: _Layout, by_code: dict[str, _Column]
) -> list[CellError]:
    """A service's ValidationError on the cells it names (``values.CODE``), else on the
    unit's cell."""
    if not hasattr(refusal, "error_dict"):
        return [layout.unit_error(row.number, " ".join(refusal.messages))]
    errors = []
    for name, messages in refusal.message_dict.items():
        column = by_code.get(name.removeprefix("values."))
        text = " ".join(messages)
        if column is not None:
            errors.append(layout.where(row.number, column.index, text, column.indicator.name))
        else:
            errors.append(layout.unit_error(row.number, text))
    return errors
