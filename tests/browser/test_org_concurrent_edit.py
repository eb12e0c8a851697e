"""Two officers, two browsers, one unit: the second «Lưu» is refused with the first
officer's change shown, and the second officer's typing is still in the form."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.access.roles import Role
from danvan.org.models import OrgUnit
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.browser


def _login(browser: Any, url: str, username: str) -> Any:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Mat-khau-dai-2026")
    page.click("button[type=submit]")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")
    return page


@pytest.mark.django_db(transaction=True)
def test_second_browser_gets_the_refusal_with_the_other_change(
    live_server, browser, tree, tmp_path
):
    for name in ("can_bo_lan", "can_bo_minh"):
        grant(
            UserFactory(username=name, full_name=name.replace("_", " ").title()),
            Role.BOARD_STAFF,
            tree.hoang_mai,
        )
    lan = _login(browser, live_server.url, "can_bo_lan")
    minh = _login(browser, live_server.url, "can_bo_minh")
    edit = f"{live_server.url}/quan-ly/don-vi/{tree.dai_kim.pk}/sua/"
    lan.goto(edit)
    minh.goto(edit)

    lan.fill("#id_name", "Phường Đại Kim (đổi tên)")
    lan.click("button[type=submit]")
    expect(lan.locator(".msg-success")).to_contain_text("Đã lưu thay đổi")

    minh.fill("#id_note", "Ghi chú của Minh")
    minh.click("button[type=submit]")
    errors = minh.locator(".form-errors")
    expect(errors).to_contain_text("Bản ghi đã được Can Bo Lan sửa lúc")
    expect(errors.locator(".stale-changes")).to_contain_text("Phường Đại Kim (đổi tên)")
    expect(minh.locator("#id_note")).to_have_value("Ghi chú của Minh")
    minh.screenshot(path=str(tmp_path / "stale-1280.png"), full_page=True)
    assert OrgUnit.objects.get(pk=tree.dai_kim.pk).note == ""
