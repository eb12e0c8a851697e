"""An administrator creates a reporter for a ward in a real browser; the reporter logs
in, is made to change the temporary password, and then works in that ward only.

With DANVAN_SCREENSHOTS=<dir>, the users list, the create form and the profile page are
saved there at desktop and phone width (for looking at, not for comparing)."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

from danvan.access.roles import Role
from danvan.accounts.models import User

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("DANVAN_SCREENSHOTS", "")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        width = page.viewport_size["width"] if page.viewport_size else 0
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)


def _login(page: Page, url: str, username: str, password: str) -> None:
    page.goto(f"{url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_admin_creates_a_reporter_who_changes_the_password_at_first_login(
    live_server, browser, tree, cast, width
):
    admin = browser.new_page(viewport={"width": width, "height": 900})
    _login(admin, live_server.url, "admin", "Mat-khau-dai-2026")
    admin.goto(f"{live_server.url}/quan-ly/nguoi-dung/")
    admin.fill("#id_q", "leader")
    expect(admin.locator("#results")).to_contain_text("Leader")
    admin.fill("#id_q", "")
    expect(admin.locator("#results")).to_contain_text("Reporter")
    _shot(admin, "users-list")

    admin.goto(f"{live_server.url}/quan-ly/nguoi-dung/them/")
    admin.fill("#id_full_name", "Phạm Văn Phóng")
    admin.fill("#id_username", f"phong{width}")
    admin.select_option("#id_org_unit", label="Phường Đại Kim — Quận Hoàng Mai")
    admin.select_option("#id_role", value=Role.UNIT_REPORTER)
    admin.fill("#id_email", f"phong{width}@example.vn")
    admin.fill("#id_password", "Tam-thoi-2026!")
    _shot(admin, "user-create")
    admin.click("button[type=submit]")
    expect(admin.locator(".msg-success")).to_contain_text(f"Đã tạo tài khoản «phong{width}»")
    expect(admin.locator("main")).to_contain_text("Cán bộ nhập liệu đơn vị")
    _shot(admin, "user-detail")
    assert User.objects.get(username=f"phong{width}").must_change_password

    reporter = browser.new_page(viewport={"width": width, "height": 900})
    _login(reporter, live_server.url, f"phong{width}", "Tam-thoi-2026!")
    expect(reporter.get_by_role("heading", level=1)).to_have_text("Đổi mật khẩu")
    reporter.goto(f"{live_server.url}/quan-ly/don-vi/")  # refused until the change is made
    expect(reporter.get_by_role("heading", level=1)).to_have_text("Đổi mật khẩu")
    reporter.fill("#id_old_password", "Tam-thoi-2026!")
    reporter.fill("#id_new_password1", "Mat-khau-rieng-2026")
    reporter.fill("#id_new_password2", "Mat-khau-rieng-2026")
    reporter.click("button[type=submit]")
    expect(reporter.locator(".msg-success")).to_contain_text("Đã đổi mật khẩu")

    reporter.goto(f"{live_server.url}/quan-ly/don-vi/?q=phuong")
    results = reporter.locator("#results")
    expect(results).to_contain_text("Phường Đại Kim")
    expect(results).not_to_contain_text("Phường Định Công")

    reporter.goto(f"{live_server.url}/quan-ly/tai-khoan/")
    expect(reporter.get_by_role("heading", level=1)).to_have_text("Tài khoản của tôi")
    _shot(reporter, "profile")
