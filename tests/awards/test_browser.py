"""The awards list and a meeting's awards in a real browser at desktop and phone width:
the counts read right, the phone layout has no sideways scroll (cards), the decision page
shows its danh sách. With DANVAN_SCREENSHOTS=<dir> the pages are saved there."""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.access.system import SYSTEM
from danvan.awards import services
from danvan.awards.models import RecipientKind
from tests.browser.pages import login, shot

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("DANVAN_SCREENSHOTS", "")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_award_list_and_meeting_awards(
    live_server: Any,
    browser: Any,
    tree: Any,
    cast: Any,
    decision_2019: Any,
    tong_ket: Any,
    width: int,
) -> None:
    for unit in (tree.dinh_cong, tree.dai_kim, tree.bdv_hoang_mai):
        services.award_add(
            actor=SYSTEM, decision=decision_2019, recipient_unit=unit, meeting=tong_ket
        )
    for name, post in (
        ("Lê Thị Hoa", "Chủ tịch Hội Liên hiệp Phụ nữ phường Định Công"),
        ("Nguyễn Văn Thành", "Bí thư Chi bộ tổ dân phố số 2, phường Đại Kim"),
    ):
        services.award_add(
            actor=SYSTEM,
            decision=decision_2019,
            recipient_kind=RecipientKind.INDIVIDUAL,
            recipient_name=name,
            recipient_detail=post,
            meeting=tong_ket,
        )
    page = browser.new_page(viewport={"width": width, "height": 900})
    login(page, live_server.url, "board", "Mat-khau-dai-2026")
    page.goto(f"{live_server.url}/quan-ly/khen-thuong/")
    expect(page.locator(".award-counts")).to_contain_text("3 tập thể, 2 cá nhân")
    expect(page.locator("#results")).to_contain_text("Nguyễn Văn Thành")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shot(page, "awards-list")

    page.fill("#q", "nguyen van thanh")
    expect(page.locator("#results tbody tr")).to_have_count(1)

    page.goto(f"{live_server.url}/quan-ly/hoi-nghi/{tong_ket.pk}/#khen-thuong")
    section = page.locator("#khen-thuong")
    expect(section).to_contain_text("Khen thưởng 3 tập thể, 2 cá nhân.")
    expect(section).to_contain_text("Dịp này, Quận Hoàng Mai đã khen thưởng 3 tập thể, 2 cá nhân")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    if SHOTS:
        section.screenshot(path=f"{SHOTS}/awards-meeting-{width}.png")

    page.goto(f"{live_server.url}/quan-ly/khen-thuong/quyet-dinh/{decision_2019.pk}/")
    expect(page.locator("#danh-sach")).to_contain_text("Tập thể (3)")
    expect(page.locator("#danh-sach")).to_contain_text("Cá nhân (2)")
    shot(page, "awards-decision")
