"""Reading a filled template back (the layout is described in ``excel``).

Every cell is checked before anything is written and all faults come back at once,
located by sheet, row and column. A clean file is written row by row through
``data_values_save`` inside one transaction; any refusal rolls the whole file back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    range_boundaries,
)

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.core import uploads
from danvan.lib import periods
from danvan.lib.numbers import format_number, parse_number
from danvan.lib.text import fold
from danvan.org.models import OrgUnit
from danvan.reporting import services
from danvan.reporting.excel import (
    _BOOL,
    _INT,
    _TEXT,
    CODE_ROW,
    DATA_SHEET,
    FORM_CELL,
    NAME_CODES,
    NAME_FORM,
    NAME_PERIOD,
    PERIOD_CELL,
    UNIT_CODE,
    UNIT_CODE_LABEL,
    UNIT_NAME,
    input_indicators,
    period_for,
)
from danvan.reporting.models import DataValue, Indicator, ReportForm

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
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        text = f"Đã nhập {self.values} giá trị cho {self.units} đơn vị"
        if self.form is not None and self.period is not None:
            text += f" (biểu mẫu «{self.form.name}», {self.period.label})"
        if self.unchanged:
            text += f"; {self.unchanged} đơn vị không đổi so với số liệu đã lưu"
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
    except _Refused as refused:
        result.errors.append(refused.error)
        return result
    try:
        sheet = _data_sheet(book)
        result.form = _read_form(book, sheet)
        result.period = _read_period(book, sheet, result.form)
        layout = _read_layout(book, sheet, result.form, result.errors)
        rows = _read_rows(layout, actor, result.errors)
    except _Refused as refused:
        result.errors.append(refused.error)
        return result
    finally:
        book.close()  # (read-only workbooks keep the archive open)
    # Even a file already refused goes through the service for its clean rows (then
    # rolled back), so one upload reports the rule violations and locks too.
    _save(rows, layout, result, actor)
    result.errors.sort(key=_position)
    return result


def _position(error: CellError) -> tuple[int, int, str]:
    column = error.column or ""
    return (error.row or 0, len(column), column)


def _open(file: str | IO[bytes]) -> Any:
    """The workbook, read-only (rows are streamed, never all in memory), once the file
    passed the ZIP checks every upload goes through."""
    _refuse_hostile(file)
    try:
        return load_workbook(file, read_only=True, data_only=True)
    # A damaged or foreign file can fail anywhere inside openpyxl's parser.
    except Exception as exc:
        raise _Refused(
            "Không đọc được tệp: tệp không phải Excel .xlsx hoặc bị hỏng. Hãy mở bằng Excel "
            "và lưu lại dạng «Excel Workbook (.xlsx)», hoặc tải biểu mẫu mới."
        ) from exc


def _refuse_hostile(file: str | IO[bytes]) -> None:
    try:
        if isinstance(file, str):
            with open(file, "rb") as handle:
                uploads.refuse_hostile(handle, name=uploads.upload_name(handle))
        else:
            uploads.refuse_hostile(file, name=uploads.upload_name(file, "tep.xlsx"))
    except ValidationError as refused:
        raise _Refused(" ".join(refused.messages)) from None


def _rows(sheet: Any, first: int) -> Iterator[tuple[int, Sequence[Any]]]:
    """The rows from ``first`` on with their numbers, refused past ``XLSX_MAX_CELLS``
    cells (a sheet of millions of cells would hold the worker for minutes)."""
    budget = settings.XLSX_MAX_CELLS
    used = 0
    if hasattr(sheet, "reset_dimensions"):
        # Read-only sheets trust the size the file declares: rows past it would be skipped
        # silently. Read every row there is; the budget bounds them.
        sheet.reset_dimensions()
    for number, cells in enumerate(sheet.iter_rows(min_row=first), start=first):
        used += max(len(cells), 1)
        if used > budget:
            raise _Refused(
                f"Trang tính «{sheet.title}» có hơn {format_number(budget)} ô, vượt giới hạn "
                "một lần nhập: hãy chia thành nhiều tệp (ít đơn vị hơn mỗi tệp) rồi nhập lần "
                "lượt. Không ghi số liệu nào.",
                sheet.title,
            )
        yield number, cells


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
    value = sheet[f"{letter}{row}"].value
    return ("" if value is None else str(value).strip()), row, column_index_from_string(letter)


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
    if isinstance(raw, dt.date | dt.time):
        raise _BadCell("Ô chứa ngày tháng, không phải số (kiểm tra định dạng ô).")
    try:
        return parse_number(raw)
    except ValueError:
        raise _BadCell(f"«{raw}» không phải số.") from None


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
    for number, cells in _rows(sheet, layout.code_row + 1):
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
    stored = _stored_figures(rows, result.period.code)
    try:
        with transaction.atomic():
            for row in rows:
                if _unchanged(row, stored):
                    # A file exported from here comes back with the figures already
                    # stored, approved ones included: nothing to write, nothing to refuse.
                    result.unchanged += 1
                    continue
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
        result.units = result.values = result.unchanged = 0
        result.warnings = []


def _stored_figures(rows: list[_Row], period: str) -> dict[tuple[int, str], Any]:
    return {
        (unit_id, code): (text if value is None else value)
        for unit_id, code, value, text in DataValue.objects.filter(
            org_unit__in=[row.unit for row in rows], period=period
        ).values_list("org_unit_id", "indicator__code", "value", "text_value")
    }


def _unchanged(row: _Row, stored: dict[tuple[int, str], Any]) -> bool:
    return all(
        (row.unit.pk, code) in stored and stored[(row.unit.pk, code)] == value
        for code, value in row.values.items()
    )


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
