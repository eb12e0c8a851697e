"""Hostile files sent to reporting: attachments are judged by content like every other
upload (a renamed program is refused, so is a ZIP bomb); the Excel import (page and
command) refuses bombs and macro workbooks before openpyxl opens them, and stops reading
a sheet past the cell budget, naming the sheet, writing nothing."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from danvan.reporting import excel
from danvan.reporting.models import DataValue, ReportAttachment
from tests.conftest import client_for
from tests.hostile import MB, docx_bomb, exe, peak_memory, with_extra_rows, with_macros, xlsx_cells
from tests.reporting.test_excel import as_file, download, fill

PERIOD = "2024-03"


@pytest.fixture
def board(cast: Any, catalog: Any, open_tree: Any) -> Any:
    return cast.board


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def attach(user: Any, unit: Any, upload: SimpleUploadedFile) -> str:
    url = reverse("reporting:attachment_add", args=[unit.pk, PERIOD, "BC_THANG"])
    return client_for(user).post(url, {"file": upload}, follow=True).content.decode()


# --- attachments --------------------------------------------------------------------------


def test_a_program_renamed_pdf_is_no_attachment(cast, catalog, open_tree):
    page = attach(cast.reporter, open_tree.dinh_cong, SimpleUploadedFile("bien-ban.pdf", exe()))
    assert (
        "Tệp «bien-ban.pdf» không phải định dạng được nhận (PDF, Word (.docx), Word 97-2003 "
        "(.doc), OpenDocument (.odt), Excel (.xlsx), ảnh PNG, ảnh JPEG): nội dung là tệp "
        "chương trình Windows (.exe)"
    ) in page
    assert not ReportAttachment.objects.exists()


def test_a_zip_bomb_is_no_attachment(cast, catalog, open_tree):
    upload = SimpleUploadedFile("bao-cao.docx", docx_bomb())
    with peak_memory() as peak:
        page = attach(cast.reporter, open_tree.dinh_cong, upload)
    assert "Tệp «bao-cao.docx» bị từ chối: dung lượng giải nén 360,6 MB" in page
    assert not ReportAttachment.objects.exists()
    assert peak[0] < 64 * MB


# --- the Excel import ---------------------------------------------------------------------


def post_xlsx(user: Any, data: bytes, name: str = "so-lieu.xlsx") -> str:
    upload = SimpleUploadedFile(name, data, content_type=excel.CONTENT_TYPE)
    response = client_for(user).post(reverse("reporting:excel_upload"), {"file": upload})
    assert response.status_code == 200
    return response.content.decode()


def test_a_3_million_cell_workbook_is_refused_before_openpyxl_reads_it(board):
    data = xlsx_cells()
    assert len(data) < 1 * MB
    with peak_memory() as peak:
        page = post_xlsx(board, data)
    assert "Tệp «so-lieu.xlsx» bị từ chối: thành phần «xl/worksheets/sheet1.xml» nén với" in page
    assert not DataValue.objects.exists()
    assert peak[0] < 64 * MB


def test_a_sheet_past_the_cell_budget_is_refused_naming_it(board, open_tree):
    # A real template with one good figure, then 7,000 rows of varied numbers: it passes the
    # ZIP checks (it compresses like any workbook) but holds 210,000 cells.
    book = fill(download(board, open_tree.hoang_mai), {"HN-HM-DAIKIM": {"DON_NHAN": 4}})
    data = with_extra_rows(as_file(book).getvalue(), rows=7000, per_row=30)
    with peak_memory() as peak:
        page = post_xlsx(board, data)
    assert "<td>Số liệu</td>" in page
    assert "Trang tính «Số liệu» có hơn 200.000 ô, vượt giới hạn một lần nhập" in page
    assert not DataValue.objects.exists()
    # read-only: rows are streamed, never the 210,000 cells at once
    assert peak[0] < 64 * MB


def test_the_budget_is_the_setting_and_a_file_within_it_still_imports(board, open_tree, settings):
    book = fill(download(board, open_tree.hoang_mai), {"HN-HM-DAIKIM": {"DON_NHAN": 4}})
    data = as_file(book).getvalue()
    settings.XLSX_MAX_CELLS = 10
    assert "Trang tính «Số liệu» có hơn 10 ô" in post_xlsx(board, data)
    settings.XLSX_MAX_CELLS = 200_000
    assert "Đã nhập 1 giá trị cho 1 đơn vị" in post_xlsx(board, data)
    assert DataValue.objects.get().value == 4


def test_a_macro_workbook_is_refused(board, open_tree):
    book = fill(download(board, open_tree.hoang_mai), {"HN-HM-DAIKIM": {"DON_NHAN": 4}})
    xlsm = with_macros(as_file(book).getvalue())
    assert "Tệp «so-lieu.xlsx» bị từ chối: tệp có chứa macro" in post_xlsx(board, xlsm)
    assert not DataValue.objects.exists()


def test_the_import_command_refuses_the_same_files(board, tmp_path):
    path = tmp_path / "bom.xlsx"
    path.write_bytes(xlsx_cells())
    stderr = io.StringIO()
    with peak_memory() as peak, pytest.raises(CommandError) as failed:
        call_command("import_data_xlsx", str(path), stderr=stderr)
    assert "Tệp có 1 lỗi; không ghi số liệu nào." in str(failed.value)
    assert f"Tệp «{path}» bị từ chối" not in stderr.getvalue()  # the name, not the path
    assert "Tệp «bom.xlsx» bị từ chối: thành phần «xl/worksheets/sheet1.xml»" in stderr.getvalue()
    assert peak[0] < 64 * MB
