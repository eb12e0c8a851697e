"""A ward reporter on a phone (Debian's chromium driven by Playwright): types a figure on
the entry page and sees "Đã lưu" appear beside it without the page reloading; a figure
that breaks a rule is refused in place and not stored."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import DataValue

pytestmark = pytest.mark.browser


def _stored(unit, code):
    row = DataValue.objects.filter(org_unit=unit, indicator__code=code, period="2024-03").first()
    return None if row is None else row.value


@pytest.mark.django_db(transaction=True)
def test_reporter_types_a_figure_and_sees_it_saved(
    live_server, browser, tree, cast, reporting_clock
):
    ensure_catalog()
    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", "reporter")
    page.fill("#id_password", "Mat-khau-dai-2026")
    page.click("button[type=submit]")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")

    page.goto(f"{live_server.url}/quan-ly/bao-cao/nhap/{tree.dinh_cong.pk}/2024-03/BC_THANG/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Phường Định Công")
    page.evaluate("window.notReloaded = true")

    page.fill("#v-DON_NHAN", "8")
    expect(page.locator("#st-v-DON_NHAN")).to_contain_text("Đã lưu")
    page.fill("#v-DON_GIAI_QUYET", "6")
    expect(page.locator("#st-v-DON_GIAI_QUYET")).to_contain_text("Đã lưu")
    expect(page.locator("#c-TY_LE_GIAI_QUYET_DON")).to_have_text("75,00%")
    assert _stored(tree.dinh_cong, "DON_GIAI_QUYET") == 6

    page.fill("#v-DON_GIAI_QUYET", "12")  # more solved than received: refused in place
    expect(page.locator("#st-v-DON_GIAI_QUYET")).to_contain_text("không được lớn hơn")
    assert _stored(tree.dinh_cong, "DON_GIAI_QUYET") == 6

    assert page.evaluate("window.notReloaded") is True
    # One column on a phone: the inputs are as wide as the screen allows.
    box = page.locator("#v-DON_NHAN").bounding_box()
    assert box is not None and box["width"] > 300
