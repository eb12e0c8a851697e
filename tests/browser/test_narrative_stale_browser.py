"""A reporter's autosave of a narrative section someone changed after she opened the
page: refused with the other text shown, her text kept; «Vẫn lưu nội dung của tôi»
saves hers deliberately, and the next autosave goes through (issue 11 §2)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import Report, ReportForm
from danvan.reporting.services import report_save_narrative
from tests.conftest import client_for

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_stale_section_is_refused_then_kept_by_choice(
    live_server: Any, browser: Any, tree: Any, cast: Any, reporting_clock: Any
) -> None:
    ensure_catalog()
    form = ReportForm.objects.get(code="BC_THANG")
    unit = tree.dinh_cong
    write = {"form": form, "org_unit": unit, "period": "2024-03"}
    report_save_narrative(actor=cast.reporter, narrative={"ket_qua": "Bản đầu."}, **write)
    session = client_for(cast.reporter).cookies["sessionid"].value
    context = browser.new_context(viewport={"width": 390, "height": 900})
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/quan-ly/bao-cao/nhap/{unit.pk}/2024-03/BC_THANG/")

    report_save_narrative(actor=cast.leader, narrative={"ket_qua": "Bản của lãnh đạo."}, **write)
    page.fill("#n-ket_qua", "Bản của cán bộ.")
    status = page.locator("#st-n-ket_qua")
    expect(status).to_contain_text("sau khi bạn mở trang")
    expect(status.locator("blockquote")).to_have_text("Bản của lãnh đạo.")
    expect(page.locator("#n-ket_qua")).to_have_value("Bản của cán bộ.")
    assert Report.objects.get().narrative["ket_qua"] == "Bản của lãnh đạo."

    page.get_by_role("button", name="Vẫn lưu nội dung của tôi").click()
    expect(status).to_contain_text("Đã lưu")
    assert Report.objects.get().narrative["ket_qua"] == "Bản của cán bộ."
    with page.expect_response("**/luu/"):
        page.fill("#n-ket_qua", "Bản của cán bộ, sửa tiếp.")
    expect(status).to_contain_text("Đã lưu")
    expect(status).not_to_contain_text("sau khi bạn mở trang")
    assert Report.objects.get().narrative["ket_qua"] == "Bản của cán bộ, sửa tiếp."
    context.close()
