"""manage.py export_data_xlsx and import_data_xlsx: the same rules as the page."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from danvan.reporting import services
from danvan.reporting.models import DataValue
from tests.reporting.test_excel import column_of, download, fill, rows_by_unit


@pytest.fixture
def board(cast: Any, catalog: Any, open_tree: Any) -> Any:
    return cast.board


def export(unit: str, out: Any, **extra: str) -> str:
    stdout = io.StringIO()
    args = ["--form", "BC_THANG", "--org-unit", unit, "--period", "2024-03", "--out", str(out)]
    for key, value in extra.items():
        args += [f"--{key}", value]
    call_command("export_data_xlsx", *args, stdout=stdout)
    return stdout.getvalue()


def import_file(path: Any, *args: str) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("import_data_xlsx", str(path), *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_export_writes_the_subtree_with_its_stored_values(board, tree, tmp_path):
    services.data_values_save(
        actor=board, org_unit=tree.dai_kim, period="2024-03", values={"DON_NHAN": 14}
    )
    out = tmp_path / "hoang-mai.xlsx"
    summary = export("quan hoang mai", out)
    assert "5 đơn vị, 1 giá trị" in summary and "tháng 3/2024" in summary
    book = load_workbook(out)
    row = rows_by_unit(book)["HN-HM-DAIKIM"]
    assert book["Số liệu"].cell(row, column_of(book, "DON_NHAN")).value == 14
    assert "HN-TH-BUOI" not in rows_by_unit(book)


@pytest.mark.parametrize("name", ["HN-HM", "hn-hm", "Quận Hoàng Mai", "QUẬN HOÀNG MAI"])
def test_export_finds_the_unit_by_code_or_name(board, tree, tmp_path, name):
    assert "Quận Hoàng Mai: 5 đơn vị" in export(name, tmp_path / "x.xlsx")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"org-unit": "hoang mai"}, "khớp nhiều đơn vị"),
        ({"org-unit": "Phường Không Có"}, "Không có đơn vị mã hoặc tên «Phường Không Có»"),
        ({"period": "2024H1"}, "báo cáo theo kỳ tháng"),
        ({"period": "tháng ba"}, "không hợp lệ"),
        ({"form": "BC_NAM"}, "Không có biểu mẫu mã «BC_NAM»"),
    ],
)
def test_export_refuses_in_vietnamese(board, tree, tmp_path, options, message):
    args = {"form": "BC_THANG", "org-unit": "HN-HM", "period": "2024-03"} | options
    argv = [item for key, value in args.items() for item in (f"--{key}", value)]
    with pytest.raises(CommandError, match=message):
        call_command("export_data_xlsx", *argv, "--out", str(tmp_path / "x.xlsx"))


def test_export_then_import_round_trip(board, tree, tmp_path):
    path = tmp_path / "hoang-mai.xlsx"
    export("HN-HM", path)
    book = fill(load_workbook(path), {"HN-HM-DINHCONG": {"DON_NHAN": 10, "DON_GIAI_QUYET": 8}})
    book.save(path)
    stdout, _ = import_file(path)
    assert stdout.startswith("Đã nhập 2 giá trị cho 1 đơn vị")
    assert DataValue.objects.filter(org_unit=tree.dinh_cong).count() == 2


def test_import_of_a_bad_file_prints_each_error_exits_non_zero_and_writes_nothing(
    board, tree, tmp_path
):
    book = fill(
        download(board, tree.hoang_mai),
        {"HN-HM-DINHCONG": {"DON_NHAN": 10}, "HN-HM-DAIKIM": {"DON_NHAN": 4, "DON_GIAI_QUYET": 9}},
    )
    row = rows_by_unit(book)["HN-HM-DAIKIM"]
    path = tmp_path / "sai.xlsx"
    book.save(path)
    stderr = io.StringIO()
    with pytest.raises(CommandError, match="Tệp có 1 lỗi; không ghi số liệu nào"):
        call_command("import_data_xlsx", str(path), stderr=stderr)
    assert f"Sheet «Số liệu», dòng {row}, cột E (Đơn thư, kiến nghị đã giải quyết): " in (
        stderr.getvalue()
    )
    assert not DataValue.objects.exists()


def test_import_as_a_user_keeps_to_their_scope(cast, board, tree, tmp_path):
    book = fill(download(board, tree.hoang_mai), {"HN-HM-DAIKIM": {"DON_NHAN": 4}})
    path = tmp_path / "dai-kim.xlsx"
    book.save(path)
    with pytest.raises(CommandError, match="1 lỗi"):
        import_file(path, "--user", cast.reporter.username)
    import_file(path, "--user", board.username)
    assert DataValue.objects.get().updated_by == board


def test_import_refuses_unknown_user_and_missing_file(board, tmp_path):
    with pytest.raises(CommandError, match="Không có tệp"):
        import_file(tmp_path / "khong-co.xlsx")
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"x")
    with pytest.raises(CommandError, match="Không có người dùng «ai_do»"):
        import_file(path, "--user", "ai_do")
    with pytest.raises(CommandError, match="1 lỗi"):
        import_file(path)
