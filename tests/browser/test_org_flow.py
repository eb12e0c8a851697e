"""A board officer in a real browser (Debian's chromium driven by Playwright): log in, find
a ward by typing without diacritics (htmx live search), add a unit under it, and see a
refused duplicate code explained on the field."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from danvan.access.roles import Role
from danvan.org.models import OrgUnit
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_board_officer_finds_a_ward_and_adds_a_unit(live_server, browser, tree):
    officer = UserFactory(username="can_bo_ban")
    grant(officer, Role.BOARD_STAFF, tree.hoang_mai)

    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", "can_bo_ban")
    page.fill("#id_password", "Mat-khau-dai-2026")
    page.click("button[type=submit]")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")

    page.goto(f"{live_server.url}/quan-ly/don-vi/")
    page.fill("#q", "dinh cong")  # typed without marks; htmx swaps the results in place
    results = page.locator("#results")
    expect(results).to_contain_text("Phường Định Công")
    expect(results).not_to_contain_text("Phường Đại Kim")
    assert "q=dinh%20cong" in page.url  # hx-push-url keeps the search in the address bar

    results.get_by_role("link", name="Phường Định Công", exact=True).click()
    page.get_by_role("button", name="+ Thêm đơn vị trực thuộc").click()
    page.fill("#id_name", "Tổ dân phố số 7")
    page.fill("#id_code", "HN-HM-DAIKIM")  # already taken by the sibling ward
    page.select_option("#id_kind", label="Phường")
    page.click("button[type=submit]")
    expect(page.locator("#id_code_error")).to_contain_text(
        "Mã đơn vị «HN-HM-DAIKIM» đã được dùng cho «Phường Đại Kim»"
    )
    assert not OrgUnit.objects.filter(name="Tổ dân phố số 7").exists()

    page.fill("#id_code", "HN-HM-DINHCONG-TDP07")
    page.click("button[type=submit]")
    expect(page.locator(".msg-success")).to_contain_text("Đã thêm đơn vị «Tổ dân phố số 7»")
    created = OrgUnit.objects.get(code="HN-HM-DINHCONG-TDP07")
    assert created.parent_id == tree.dinh_cong.pk
