"""The board's report list pages by 25 units (issue 12 §4: 140 rows were 29.500 px on a
phone), while the counts at the top still count every unit."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import OrgUnitFactory

PERIOD = "2024-03"


@pytest.fixture
def thirty_wards(tree):
    """30 more wards under Quận Hoàng Mai: 32 expected units, more than a page."""
    for n in range(30):
        OrgUnitFactory(
            name=f"Phường Thử {n:02d}",
            code=f"HN-HM-THU{n:02d}",
            parent=tree.hoang_mai,
            level=tree.dinh_cong.level,
            kind=tree.dinh_cong.kind,
        )


def test_the_list_pages_by_25_and_counts_every_unit(cast, tree, catalog, as_user, thirty_wards):
    home = f"{reverse('reporting:home')}?period={PERIOD}&unit={tree.hoang_mai.pk}"
    first = as_user(cast.board).get(home).content.decode()
    table = first.split("Tình hình gửi báo cáo")[1]
    rows = re.findall(r"<tr>\s*<td data-label", first)
    assert len(rows) == 25 and "Trang 1/2" in first
    assert "<b>0/32</b>" in first  # Định Công, Đại Kim and the 30 new wards
    second = as_user(cast.board).get(f"{home}&page=2").content.decode()
    assert "Trang 2/2" in second and "Phường Thử 29" in second
    assert "Phường Thử 29" not in table
    assert len(re.findall(r"<tr>\s*<td data-label", second)) > 0


def test_the_list_exports_every_unit_with_its_status(cast, tree, catalog, as_user, thirty_wards):
    import io

    from openpyxl import load_workbook

    home = f"{reverse('reporting:home')}?period={PERIOD}&unit={tree.hoang_mai.pk}"
    assert "xuat=xlsx" in as_user(cast.board).get(home).content.decode()
    answer = as_user(cast.board).get(f"{home}&xuat=xlsx")
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).worksheets[0]
    assert [c.value for c in sheet[4]][:3] == ["Đơn vị", "Thuộc", "Trạng thái"]
    rows = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]]
    assert len(rows) == 32  # all pages, not the 25 of the first
    assert {r[2] for r in rows} == {"Chưa gửi"}
    assert "Kỳ: " in sheet["A2"].value and "Quận Hoàng Mai" in sheet["A2"].value
