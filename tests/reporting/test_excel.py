"""Excel in and out (issue 3, point 8): the template a district officer downloads, and
what happens when it comes back filled, right or wrong."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from danvan.lib.periods import parse
from danvan.reporting import excel, excel_import, services
from danvan.reporting.models import DataValue, FormIndicator, Indicator, ReportForm

STORED_MONTHLY = [
    "TIEP_CONG_DAN",
    "DON_NHAN",
    "DON_GIAI_QUYET",
    "HOI_VIEN",
    "CHI_HOI",
    "QUA_SUAT",
    "QUA_GIA_TRI",
    "MO_HINH_DVK",
    # Counted from the «Dân vận khéo» register (danvan/emulation), like MO_HINH_DVK.
    "MO_HINH_DVK_CONG_NHAN",
    "MO_HINH_DVK_KT",
    "MO_HINH_DVK_VHXH",
    "MO_HINH_DVK_QPAN",
    "MO_HINH_DVK_XDHTCT",
    # The petitions register's other indicators (issue 15), in a last section.
    "DON_DANG_XEM_XET",
    "DON_TRUNG",
    "DOAN_DONG_NGUOI",
    "DON_KHIEU_NAI",
    "DON_TO_CAO",
    "DON_KIEN_NGHI",
    # supervision: the supervision register's section (issue 16 §1), after the petitions.
    "GIAM_SAT_CUOC",
    "PHAN_BIEN_CUOC",
    "GOP_Y_218",
    "KIEN_NGHI_GS",
    "KIEN_NGHI_DA_TRA_LOI",
    "KIEN_NGHI_CHUA_TRA_LOI",
    "KIEN_NGHI_QUA_HAN",
    # democracy: the grassroots-democracy register's section (issue 16 §2), after the petitions.
    "DC_CONG_KHAI",
    "DC_BIEU_QUYET",
    "DC_THONG_QUA",
    "DC_LAY_Y_KIEN",
    "DC_GIAM_SAT",
    # religion: the religious affairs register's section (issue 16 §4).
    "TG_CO_SO",
    "TG_DIEM_NHOM",
    "TG_SU_KIEN",
    "TG_THAM_DU",
    # welfare: the register's other figures (issue 16 §3), after religion.
    "QUA_TRUNG",
    "UNG_HO_GIA_TRI",
]


def download(
    user: Any, root: Any, *, form: str = "BC_THANG", period: str = "2024-03", filled: bool = False
) -> Workbook:
    """The template as the user gets it, read back from its bytes."""
    report_form = ReportForm.objects.get(code=form)
    the_period = excel.period_for(report_form, period)
    units = excel.template_units(user=user, form=report_form, root=root, period=the_period)
    book = excel.build_workbook(report_form, units, the_period, filled=filled, root=root)
    return load_workbook(io.BytesIO(excel.workbook_bytes(book)))


def rows_by_unit(book: Workbook) -> dict[str, int]:
    sheet = book[excel.DATA_SHEET]
    return {
        sheet.cell(row, 1).value: row
        for row in range(excel.FIRST_DATA_ROW, sheet.max_row + 1)
        if sheet.cell(row, 1).value
    }


def column_of(book: Workbook, code: str) -> int:
    return next(c.column for c in book[excel.DATA_SHEET][excel.CODE_ROW] if c.value == code)


def fill(book: Workbook, figures: dict[str, dict[str, Any]]) -> Workbook:
    """Type figures into the unit rows (a unit not in the sheet gets a new row)."""
    sheet = book[excel.DATA_SHEET]
    for unit_code, values in figures.items():
        row = rows_by_unit(book).get(unit_code)
        if row is None:
            row = sheet.max_row + 1
            sheet.cell(row, 1, unit_code)
        for code, value in values.items():
            sheet.cell(row, column_of(book, code), value)
    return book


def as_file(book: Workbook) -> io.BytesIO:
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def upload(book: Workbook, actor: Any) -> excel_import.ImportResult:
    return excel_import.import_workbook(as_file(book), actor=actor)


@pytest.fixture
def board(cast: Any, catalog: Any, open_tree: Any) -> Any:
    return cast.board


# ---------------------------------------------------------------- the template


def test_template_has_the_subtree_units_and_one_column_per_stored_indicator(board, tree):
    book = download(board, tree.hoang_mai)
    assert book.sheetnames == ["Số liệu", "Hướng dẫn"]
    sheet = book["Số liệu"]
    assert "Báo cáo công tác dân vận tháng".upper() in sheet["A1"].value
    assert (sheet["B2"].value, sheet["B3"].value, sheet["C3"].value) == (
        "BC_THANG",
        "2024-03",
        "tháng 3/2024",
    )
    codes = [c.value for c in sheet[excel.CODE_ROW]]
    assert codes == ["ma_don_vi", "ten_don_vi", *STORED_MONTHLY]
    labels = [c.value for c in sheet[excel.LABEL_ROW]]
    assert labels[:2] == ["Mã đơn vị", "Tên đơn vị"]
    assert labels[3] == "Đơn thư, kiến nghị tiếp nhận (đơn)"
    # Ratios are recomputed, never typed in.
    assert not any(str(code).startswith("TY_LE") for code in codes)
    units = rows_by_unit(book)
    assert set(units) == {
        "HN-HM",
        "HN-HM-BDV",
        "HN-HM-DINHCONG",
        "HN-HM-DINHCONG-MTTQ",
        "HN-HM-DAIKIM",
    }
    assert sheet.cell(units["HN-HM-DAIKIM"], 2).value == "Phường Đại Kim"
    assert sheet.freeze_panes == f"C{excel.FIRST_DATA_ROW}"


def test_template_cells_carry_vietnamese_formats_and_validation(board, tree):
    sheet = download(board, tree.hoang_mai)["Số liệu"]
    row = excel.FIRST_DATA_ROW
    assert sheet.cell(row, 3).number_format == "#,##0"  # lượt tiếp công dân
    assert sheet.cell(row, 9).number_format == "#,##0.0##"  # giá trị quà, triệu đồng
    kinds = {
        str(rule.sqref).split(":")[0]: (rule.type, rule.operator, rule.formula1)
        for rule in sheet.data_validations.dataValidation
    }
    assert kinds[f"C{row}"] == ("whole", "greaterThanOrEqual", "0")
    assert kinds[f"I{row}"] == ("decimal", "greaterThanOrEqual", "0")


def test_template_help_sheet_explains_the_rules_in_vietnamese(board, tree):
    sheet = download(board, tree.hoang_mai)["Hướng dẫn"]
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "ô trống không phải số 0" in text
    assert "Số đơn đã giải quyết không được lớn hơn số đơn nhận" in text
    assert "DON_GIAI_QUYET" in text


def test_template_only_has_units_in_the_users_scope(cast, catalog, open_tree, tree):
    book = download(cast.reporter, tree.hoang_mai)
    assert set(rows_by_unit(book)) == {"HN-HM-DINHCONG", "HN-HM-DINHCONG-MTTQ"}


def test_template_follows_the_levels_of_the_form(board, tree):
    form = ReportForm.objects.get(code="BC_THANG")
    form.levels.set([tree.dai_kim.level])
    assert set(rows_by_unit(download(board, tree.hoang_mai))) == {
        "HN-HM-DINHCONG",
        "HN-HM-DINHCONG-MTTQ",
        "HN-HM-DAIKIM",
    }


def test_six_month_form_has_the_election_columns(board, tree):
    sheet = download(board, tree.dinh_cong, form="BC_6THANG", period="2024H1")["Số liệu"]
    assert sheet["C3"].value == "6 tháng đầu năm 2024"
    codes = [c.value for c in sheet[excel.CODE_ROW]]
    assert codes[-2:] == ["CU_TRI", "CU_TRI_DI_BAU"]


def test_period_of_the_wrong_kind_is_refused(catalog):
    form = ReportForm.objects.get(code="BC_THANG")
    with pytest.raises(excel.periods.PeriodError, match="kỳ tháng"):
        excel.period_for(form, "2024H1")


def test_filled_export_shows_stored_values_of_any_status(board, tree):
    services.data_values_save(
        actor=board,
        org_unit=tree.dai_kim,
        period="2024-03",
        values={"DON_NHAN": 14, "QUA_GIA_TRI": "12,5"},
    )
    book = download(board, tree.hoang_mai, filled=True)
    sheet = book["Số liệu"]
    row = rows_by_unit(book)["HN-HM-DAIKIM"]
    assert sheet.cell(row, column_of(book, "DON_NHAN")).value == 14
    assert sheet.cell(row, column_of(book, "QUA_GIA_TRI")).value == pytest.approx(12.5)
    assert sheet.cell(row, column_of(book, "TIEP_CONG_DAN")).value is None
    assert sheet["A1"].value.startswith("SỐ LIỆU ĐÃ NHẬP")


# ---------------------------------------------------------------- importing it back


def test_round_trip_stores_the_typed_figures_and_skips_empty_cells(board, tree):
    book = fill(
        download(board, tree.hoang_mai),
        {
            "HN-HM-DINHCONG": {"TIEP_CONG_DAN": 12, "DON_NHAN": 10, "DON_GIAI_QUYET": 3},
            "HN-HM-DAIKIM": {"DON_NHAN": "1.234", "QUA_GIA_TRI": "2.811,7"},
        },
    )
    result = upload(book, board)
    assert result.ok, [str(e) for e in result.errors]
    assert result.summary.startswith("Đã nhập 5 giá trị cho 2 đơn vị")
    stored = {
        (v.org_unit.code, v.indicator.code): v.value
        for v in DataValue.objects.select_related("org_unit", "indicator")
    }
    assert stored == {
        ("HN-HM-DINHCONG", "TIEP_CONG_DAN"): 12,
        ("HN-HM-DINHCONG", "DON_NHAN"): 10,
        ("HN-HM-DINHCONG", "DON_GIAI_QUYET"): 3,
        ("HN-HM-DAIKIM", "DON_NHAN"): 1234,
        ("HN-HM-DAIKIM", "QUA_GIA_TRI"): Decimal("2811.7"),
    }
    assert all(v.updated_by == board for v in DataValue.objects.all())


def test_importing_the_same_file_twice_changes_nothing(board, tree):
    book = fill(download(board, tree.hoang_mai), {"HN-HM-DINHCONG": {"DON_NHAN": 10}})
    assert upload(book, board).ok
    assert upload(book, board).ok
    assert DataValue.objects.get().value == 10


def test_one_bad_cell_writes_nothing_and_says_where(board, tree):
    book = fill(
        download(board, tree.hoang_mai),
        {
            "HN-HM-DINHCONG": {"TIEP_CONG_DAN": 12},
            "HN-HM-DAIKIM": {"DON_NHAN": "mười"},
        },
    )
    row = rows_by_unit(book)["HN-HM-DAIKIM"]
    result = upload(book, board)
    assert not result.ok and result.values == 0
    assert not DataValue.objects.exists()  # not even the good row
    [error] = result.errors
    assert (error.sheet, error.row, error.column) == ("Số liệu", row, "D")
    assert str(error) == (
        f"Sheet «Số liệu», dòng {row}, cột D (Đơn thư, kiến nghị tiếp nhận): «mười» không phải số."
    )


def test_every_fault_in_the_file_is_reported_at_once_in_sheet_order(board, tree):
    book = fill(
        download(board, tree.hoang_mai),
        {
            "HN-HM-DINHCONG": {"TIEP_CONG_DAN": -3, "HOI_VIEN": 2.5},
            "HN-HM-DAIKIM": {"DON_NHAN": 4, "DON_GIAI_QUYET": 9},
            "HN-HM-XYZ": {"DON_NHAN": 1},
        },
    )
    rows = rows_by_unit(book)
    messages = [str(e) for e in upload(book, board).errors]
    assert len(messages) == 4
    assert messages[0].startswith(f"Sheet «Số liệu», dòng {rows['HN-HM-DINHCONG']}, cột C")
    assert "cột C (Lượt tiếp công dân): Số âm (-3)" in messages[0]
    assert "cột F (Hội viên): Phải là số nguyên, không phải 2,5." in messages[1]
    # The clean rows still go through the rules, so one upload tells everything.
    assert f"dòng {rows['HN-HM-DAIKIM']}, cột E" in messages[2]
    assert "cột A (Mã đơn vị): Không có đơn vị mã «HN-HM-XYZ»." in messages[3]
    assert not DataValue.objects.exists()


def test_rule_violation_is_located_on_its_row_and_nothing_is_written(board, tree):
    book = fill(
        download(board, tree.hoang_mai),
        {
            "HN-HM-DINHCONG": {"DON_NHAN": 10, "DON_GIAI_QUYET": 3},
            "HN-HM-DAIKIM": {"DON_NHAN": 4, "DON_GIAI_QUYET": 9},
        },
    )
    row = rows_by_unit(book)["HN-HM-DAIKIM"]
    result = upload(book, board)
    assert not DataValue.objects.exists()
    [error] = result.errors
    assert (error.row, error.column, error.label) == (
        row,
        "E",
        "Đơn thư, kiến nghị đã giải quyết",
    )
    assert "Số đơn đã giải quyết không được lớn hơn số đơn nhận" in error.message


def test_unit_outside_the_users_scope_is_an_error(board, tree):
    book = fill(
        download(board, tree.hoang_mai),
        {"HN-HM-DINHCONG": {"DON_NHAN": 10}, "HN-TH-BUOI": {"DON_NHAN": 5}},
    )
    [error] = upload(book, board).errors
    assert error.column == "A"
    assert "«Phường Bưởi» ngoài phạm vi của bạn" in error.message
    assert not DataValue.objects.exists()


def test_unit_codes_match_whatever_their_case(board, tree):
    book = fill(download(board, tree.hoang_mai), {"hn-hm-daikim": {"DON_NHAN": 7}})
    assert upload(book, board).ok
    assert DataValue.objects.get().org_unit == tree.dai_kim


def test_same_unit_twice_is_an_error(board, tree):
    book = fill(download(board, tree.hoang_mai), {"HN-HM-DAIKIM": {"DON_NHAN": 7}})
    book["Số liệu"].append(["hn-hm-daikim", "", 1])
    [error] = upload(book, board).errors
    assert "đã có ở dòng" in error.message


def test_approved_report_is_locked_and_nothing_is_written(board, second_board, tree):
    form = ReportForm.objects.get(code="BC_THANG")
    common = {"actor": board, "org_unit": tree.dinh_cong, "period": "2024-03"}
    services.data_values_save(**common, values={"DON_NHAN": 10})
    services.report_submit(**common, form=form)
    services.report_approve(**{**common, "actor": second_board}, form=form)
    book = fill(
        download(board, tree.hoang_mai),
        {"HN-HM-DAIKIM": {"DON_NHAN": 4}, "HN-HM-DINHCONG": {"DON_NHAN": 11}},
    )
    row = rows_by_unit(book)["HN-HM-DINHCONG"]
    [error] = upload(book, board).errors
    assert error.row == row and "đã được duyệt" in error.message
    assert DataValue.objects.get(org_unit=tree.dinh_cong).value == 10
    assert not DataValue.objects.filter(org_unit=tree.dai_kim).exists()


def test_blank_rows_and_rows_without_figures_are_ignored(board, tree):
    book = fill(download(board, tree.hoang_mai), {"HN-HM-DAIKIM": {"DON_NHAN": 4}})
    sheet = book["Số liệu"]
    sheet.append([])
    sheet.append(["", "ghi chú của người nhập"])
    sheet.append(["HN-TH-BUOI"])  # out of scope, but says nothing: nothing to refuse
    result = upload(book, board)
    assert result.ok and (result.units, result.values) == (1, 1)


def test_a_file_with_rows_inserted_above_still_reads(board, tree):
    book = fill(download(board, tree.hoang_mai), {"HN-HM-DAIKIM": {"DON_NHAN": 4}})
    # What a user's Excel writes after "insert two rows above": names move with cells.
    book["Số liệu"].insert_rows(1, 2)
    names = book.defined_names
    names["DANVAN_FORM"].attr_text = "'Số liệu'!$B$4"
    names["DANVAN_PERIOD"].attr_text = "'Số liệu'!$B$5"
    names["DANVAN_CODES"].attr_text = "'Số liệu'!$A$10:$J$10"
    result = upload(book, board)
    assert result.ok, [str(e) for e in result.errors]
    assert DataValue.objects.get().value == 4


# ---------------------------------------------------------------- files it refuses


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("B2", None, "Không thấy mã biểu mẫu"),
        ("B2", "BC_KHONG_CO", "Không có biểu mẫu mã «BC_KHONG_CO»"),
        ("B3", None, "Không thấy kỳ báo cáo"),
        ("B3", "2024-13", "Kỳ báo cáo «2024-13» không hợp lệ"),
        ("B3", "2024H1", "báo cáo theo kỳ tháng"),
    ],
)
def test_missing_or_unknown_markers_are_refused(board, tree, cell, value, message):
    book = fill(download(board, tree.hoang_mai), {"HN-HM-DAIKIM": {"DON_NHAN": 4}})
    book["Số liệu"][cell] = value
    [error] = upload(book, board).errors
    assert message in error.message
    assert (error.sheet, f"{error.column}{error.row}") == ("Số liệu", cell)
    assert not DataValue.objects.exists()


def test_unknown_indicator_column_is_an_error(board, tree):
    book = fill(download(board, tree.hoang_mai), {"HN-HM-DAIKIM": {"DON_NHAN": 4}})
    book["Số liệu"].cell(excel.CODE_ROW, 11, "TY_LE_GIAI_QUYET_DON")
    [error] = upload(book, board).errors
    assert (error.row, error.column) == (excel.CODE_ROW, "K")
    assert "tự tính" in error.message


def test_a_file_that_is_not_a_workbook_is_refused(board):
    result = excel_import.import_workbook(io.BytesIO(b"not a spreadsheet"), actor=board)
    [error] = result.errors
    assert "không phải Excel .xlsx" in str(error)


def test_a_workbook_of_another_shape_is_refused(board):
    book = Workbook()
    book.active["A1"] = "Bảng lương"
    [error] = upload(book, board).errors
    assert "không có trang tính «Số liệu»" in str(error)


def test_yes_no_indicator_takes_co_or_khong(board, tree):
    form = ReportForm.objects.get(code="BC_THANG")
    indicator = Indicator.objects.create(
        code="CO_QUY_CHE", name="Có quy chế dân chủ", value_type=Indicator.ValueType.BOOLEAN
    )
    FormIndicator.objects.create(section=form.sections.get(code="tiep_dan"), indicator=indicator)
    book = download(board, tree.hoang_mai)
    rules = {rule.type for rule in book["Số liệu"].data_validations.dataValidation}
    assert "list" in rules
    fill(book, {"HN-HM-DINHCONG": {"CO_QUY_CHE": "có"}, "HN-HM-DAIKIM": {"CO_QUY_CHE": "x"}})
    [error] = upload(book, board).errors
    assert "Chỉ nhận Có hoặc Không" in error.message
    fill(book, {"HN-HM-DAIKIM": {"CO_QUY_CHE": "Không"}})
    assert upload(book, board).ok
    assert dict(DataValue.objects.values_list("org_unit__code", "value")) == {
        "HN-HM-DINHCONG": 1,
        "HN-HM-DAIKIM": 0,
    }


def test_an_exported_file_comes_back_unchanged_even_with_approved_reports(
    cast, catalog, open_tree, second_board
):
    """Export, change one ward's cell, upload: the approved ward's untouched row is no error."""
    from danvan.reporting.services import report_approve, report_submit

    tree = open_tree
    form = ReportForm.objects.get(code="BC_THANG")
    services.data_values_save(
        actor=cast.board, org_unit=tree.dai_kim, period="2024-03", values={"TIEP_CONG_DAN": 7}
    )
    report_submit(actor=cast.board, form=form, org_unit=tree.dai_kim, period="2024-03")
    report_approve(actor=second_board, form=form, org_unit=tree.dai_kim, period="2024-03")
    book = excel.build_workbook(form, [tree.dai_kim, tree.dinh_cong], parse("2024-03"), filled=True)
    sheet = book[excel.DATA_SHEET]
    row = next(
        r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == tree.dinh_cong.code
    )
    sheet.cell(row, 3).value = 4
    result = upload(book, cast.board)
    assert result.ok, result.errors
    assert (result.units, result.unchanged) == (1, 1)
    assert DataValue.objects.get(org_unit=tree.dinh_cong).value == 4
