"""The XLSX appendix (phụ lục số liệu) opened as an officer's Excel would read it."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.http import Http404
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from danvan.access.system import SYSTEM
from danvan.drafting.appendix import HEADER_ROW, appendix_xlsx, report_reference
from tests.drafting.conftest import District


def _book(district: District, period: str = "2023-02", user: Any = SYSTEM) -> Any:
    data = appendix_xlsx(user=user, org_unit=district.hoang_mai, period=period)
    return load_workbook(BytesIO(data))


def _rows(sheet: Worksheet) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(min_row=HEADER_ROW, values_only=True)]


def test_the_caption_names_the_report_it_goes_with(district: District) -> None:
    reference = report_reference("Số 15-BC/BDVQU", "Hoàng Mai, ngày 5 tháng 3 năm 2023")
    assert reference == "số 15-BC/BDVQU, ngày 05/03/2023"
    assert report_reference("Số     -BC/BDVQU", "Hoàng Mai, ngày … tháng … năm 2023") == (
        "(dự thảo, chưa cấp số)"
    )
    data = appendix_xlsx(
        user=SYSTEM, org_unit=district.hoang_mai, period="2023-02", reference=reference
    )
    assert load_workbook(BytesIO(data))["So sánh"]["A2"].value.startswith(
        "Kèm theo Báo cáo số 15-BC/BDVQU, ngày 05/03/2023 kết quả công tác dân vận tháng 2/2023"
    )


def test_units_sheet_has_the_title_frozen_header_rows_and_the_total(district: District) -> None:
    book = _book(district)
    assert book.sheetnames == ["Theo đơn vị", "So sánh"]
    sheet = book["Theo đơn vị"]
    assert sheet["A1"].value == "PHỤ LỤC SỐ LIỆU"
    assert sheet["A2"].value == (
        "Kèm theo Báo cáo kết quả công tác dân vận tháng 2/2023, phương hướng, nhiệm vụ "
        "tháng 3/2023"
    )
    assert sheet["A3"].value == "Kỳ báo cáo: tháng 2/2023 — Quận Hoàng Mai"
    assert sheet.freeze_panes == f"C{HEADER_ROW + 1}"
    header, *units, total = _rows(sheet)
    assert header[:2] == ["TT", "Đơn vị"]
    assert [row[1] for row in units] == ["Phường Đại Kim", "Phường Định Công"]
    assert total[1] == "Tổng cộng"
    column = {name: index for index, name in enumerate(header)}
    # Numbers, not text: the reader can add them up.
    assert total[column["Quà (suất)"]] == 9081
    assert total[column["Giá trị quà (triệu đồng)"]] == pytest.approx(2811.7)
    assert total[column["Tiếp công dân (lượt)"]] == 117
    assert total[column["Hội viên"]] == 5573
    for name, index in column.items():
        if index >= 2:
            assert sum(row[index] or 0 for row in units) == pytest.approx(total[index]), name


def test_number_formats_fonts_and_widths(district: District) -> None:
    sheet = _book(district)["Theo đơn vị"]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    total_row = HEADER_ROW + 3
    gifts = sheet.cell(row=total_row, column=header.index("Quà (suất)") + 1)
    value = sheet.cell(row=total_row, column=header.index("Giá trị quà (triệu đồng)") + 1)
    assert gifts.number_format == "#,##0"
    assert value.number_format == "#,##0.0"
    assert gifts.font.b and value.font.b  # the total row is bold
    for row in sheet.iter_rows(min_row=1, max_row=total_row):
        for cell in row:
            if cell.value is not None:
                assert cell.font.name == "Times New Roman", cell.coordinate
    assert sheet.column_dimensions["B"].width >= 30
    assert sheet.cell(row=HEADER_ROW, column=3).alignment.wrap_text


def test_comparison_sheet_states_the_change(district: District) -> None:
    sheet = _book(district)["So sánh"]
    header, *rows = _rows(sheet)
    assert header[:4] == ["TT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này"]
    assert header[4:] == [
        "Tháng trước",
        "Tăng, giảm so với tháng trước (%)",
        "Cùng kỳ năm trước",
        "Tăng, giảm so với cùng kỳ năm trước (%)",
    ]
    by_name = {row[1]: row for row in rows}
    members = by_name["Hội viên"]
    assert members[3:] == [5573, 5500, pytest.approx(1.3), 4949, pytest.approx(12.6)]
    reception = by_name["Lượt tiếp công dân"]
    assert reception[3:] == [117, 100, pytest.approx(17.0), 117, 0]
    assert sheet.freeze_panes == f"C{HEADER_ROW + 1}"


def test_a_period_without_figures_says_so(district: District) -> None:
    sheet = _book(district, "2021-05")["Theo đơn vị"]
    assert sheet.cell(row=HEADER_ROW + 1, column=2).value == "Chưa có số liệu trong kỳ."


def test_outside_the_scope_is_not_found(district: District, cast: Any) -> None:
    assert _book(district, user=cast.viewer).sheetnames
    with pytest.raises(Http404):
        _book(district, user=cast.leader)
