"""An administrator creates a reporter for a ward in a real browser; the reporter logs
in, is made to change the temporary password, and then works in that ward only.

With DANVAN_SCREENSHOTS=<dir>, the users list, the create form and the profile page are
saved there at desktop and phone width (for looking at, not for comparing)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from danvan.access.roles import Role
from danvan.accounts.models import User
from tests.browser.pages import first_login, login, shot, user_create

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_admin_creates_a_reporter_who_changes_the_password_at_first_login(
    live_server, browser, tree, cast, width
):
    admin = browser.new_page(viewport={"width": width, "height": 900})
    login(admin, live_server.url, "admin", "Mat-khau-dai-2026")
    admin.goto(f"{live_server.url}/quan-ly/nguoi-dung/")
    admin.fill("#id_q", "leader")
    expect(admin.locator("#results")).to_contain_text("Leader")
    admin.fill("#id_q", "")
    expect(admin.locator("#results")).to_contain_text("Reporter")
    shot(admin, "users-list")

    user_create(
        admin,
        live_server.url,
        full_name="Phạm Văn Phóng",
        username=f"phong{width}",
        unit="Phường Đại Kim — Quận Hoàng Mai",
        role=Role.UNIT_REPORTER,
        password="Tam-thoi-2026!",
    )
    expect(admin.locator("main")).to_contain_text("Cán bộ nhập liệu đơn vị")
    shot(admin, "user-detail")
    assert User.objects.get(username=f"phong{width}").must_change_password

    reporter = browser.new_page(viewport={"width": width, "height": 900})
    first_login(reporter, live_server.url, f"phong{width}", "Tam-thoi-2026!", "Mat-khau-rieng-2026")

    reporter.goto(f"{live_server.url}/quan-ly/don-vi/?q=phuong")
    results = reporter.locator("#results")
    expect(results).to_contain_text("Phường Đại Kim")
    expect(results).not_to_contain_text("Phường Định Công")

    reporter.goto(f"{live_server.url}/quan-ly/tai-khoan/")
    expect(reporter.get_by_role("heading", level=1)).to_have_text("Tài khoản của tôi")
    shot(reporter, "profile")
