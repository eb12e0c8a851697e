"""The Excel page at /quan-ly/bao-cao/excel/, as the district's board officer."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from danvan.reporting.excel import CONTENT_TYPE
from danvan.reporting.models import DataValue
from tests.conftest import client_for
from tests.reporting.test_excel import as_file, download, fill, rows_by_unit


@pytest.fixture
def board(cast: Any, catalog: Any, open_tree: Any) -> Any:
    return cast.board


def xlsx(book: Any, name: str = "so-lieu.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, as_file(book).getvalue(), content_type=CONTENT_TYPE)


def test_page_offers_forms_and_units_in_scope(board, tree):
    response = client_for(board).get(reverse("reporting:excel_template"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tải biểu mẫu" in page and "Tải lên số liệu đã điền" in page
    assert "Báo cáo công tác dân vận tháng" in page
    assert "Phường Đại Kim" in page and "Phường Bưởi" not in page


def test_download_gives_the_subtree_template(board, tree):
    response = client_for(board).get(
        reverse("reporting:excel_export"),
        {"form": "BC_THANG", "period": "2024-03", "org_unit": tree.hoang_mai.pk},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert "bieu-mau_BC_THANG_2024-03_HN-HM.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert len(rows_by_unit(book)) == 5


def test_download_with_a_period_of_the_wrong_kind_explains(board, tree):
    response = client_for(board).get(
        reverse("reporting:excel_export"),
        {"form": "BC_THANG", "period": "2024H1", "org_unit": tree.hoang_mai.pk},
    )
    assert response.status_code == 200
    assert "báo cáo theo kỳ tháng" in response.content.decode()


def test_download_outside_scope_is_not_offered(board, tree):
    response = client_for(board).get(
        reverse("reporting:excel_export"),
        {"form": "BC_THANG", "period": "2024-03", "org_unit": tree.tay_ho.pk},
    )
    assert "Content-Disposition" not in response
    assert 'id="id_org_unit_error"' in response.content.decode()


def test_upload_stores_and_says_how_much(board, tree):
    book = fill(download(board, tree.hoang_mai), {"HN-HM-DAIKIM": {"DON_NHAN": 4}})
    response = client_for(board).post(reverse("reporting:excel_upload"), {"file": xlsx(book)})
    assert "Đã nhập 1 giá trị cho 1 đơn vị" in response.content.decode()
    assert DataValue.objects.get().value == 4


def test_upload_with_a_bad_cell_shows_the_error_table_and_writes_nothing(board, tree):
    book = fill(
        download(board, tree.hoang_mai),
        {"HN-HM-DINHCONG": {"DON_NHAN": 10}, "HN-HM-DAIKIM": {"DON_NHAN": "abc"}},
    )
    row = rows_by_unit(book)["HN-HM-DAIKIM"]
    page = client_for(board).post(reverse("reporting:excel_upload"), {"file": xlsx(book)})
    text = page.content.decode()
    assert "Tệp có 1 lỗi; chưa ghi số liệu nào" in text
    for heading in ("Sheet", "Dòng", "Cột", "Lỗi"):
        assert f"<th>{heading}</th>" in text
    assert f"<td>{row}</td>" in text and "«abc» không phải số." in text
    assert not DataValue.objects.exists()


def test_upload_refuses_other_file_types(board, tree):
    book = download(board, tree.hoang_mai)
    response = client_for(board).post(
        reverse("reporting:excel_upload"), {"file": xlsx(book, "so-lieu.xls")}
    )
    assert "Chỉ nhận tệp .xlsx" in response.content.decode()


def test_viewer_downloads_but_cannot_upload(cast, catalog, tree):
    viewer = client_for(cast.viewer)
    page = viewer.get(reverse("reporting:excel_template")).content.decode()
    assert "Bạn chỉ có quyền xem" in page
    assert viewer.post(reverse("reporting:excel_upload")).status_code == 403


def test_stranger_and_anonymous_are_kept_out(cast, client):
    url = reverse("reporting:excel_template")
    assert client_for(cast.stranger).get(url).status_code == 403
    assert client.get(url).status_code == 302
