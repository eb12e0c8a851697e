"""The board's report list pages by 25 units (issue 12 §4: 140 rows were 29.500 px on a
phone), while the counts at the top still count every unit."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.factories import OrgUnitFactory

PERIOD = "2024-03"


def test_the_list_pages_by_25_and_counts_every_unit(cast, tree, catalog, as_user):
    for n in range(30):
        OrgUnitFactory(
            name=f"Phường Thử {n:02d}",
            code=f"HN-HM-THU{n:02d}",
            parent=tree.hoang_mai,
            level=tree.dinh_cong.level,
            kind=tree.dinh_cong.kind,
        )
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
