"""The audit page and a task's history panel in a real browser at desktop and phone
width: Vietnamese labels and values, a draft summarised by section, a long text opened
from its <details>. With DANVAN_SCREENSHOTS=<dir> the pages are saved there."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from playwright.sync_api import Page, expect

from danvan.core.audit import acting_as
from danvan.drafting.models import ReportDraft
from danvan.tasks.models import Task, TaskStatus
from tests.audit.test_audit_display import BEFORE, _content

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("DANVAN_SCREENSHOTS", "")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        width = page.viewport_size["width"] if page.viewport_size else 0
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)


def _login(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Mat-khau-dai-2026")
    page.click("button[type=submit]")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_the_audit_page_and_a_panel_read_in_vietnamese(live_server, browser, tree, cast, width):
    task = Task.objects.create(
        title="Tổ chức Ngày hội Đại đoàn kết",
        owner_unit=tree.bdv_hoang_mai,
        lead_unit=tree.mttq_dinh_cong,
        deadline=dt.date(2026, 3, 1),
    )
    draft = ReportDraft.objects.create(
        org_unit=tree.hoang_mai,
        issuer=tree.bdv_hoang_mai,
        period="2026-02",
        content=_content(*BEFORE),
    )
    with acting_as(cast.board):
        task.status = TaskStatus.IN_PROGRESS
        task.lead_unit = tree.dai_kim
        task.deadline = dt.date(2026, 3, 15)
        task.description = "Phối hợp với các tổ chức chính trị - xã hội tổ chức ngày hội. " * 6
        task.save()
        edited = [*BEFORE]
        edited[4] = (0, "Tham mưu kế hoạch năm 2026.")
        draft.content = _content(*edited, (1, "III. PHƯƠNG HƯỚNG THÁNG TỚI"))
        draft.save()

    board = browser.new_page(viewport={"width": width, "height": 900})
    _login(board, live_server.url, "board")
    board.goto(f"{live_server.url}/quan-ly/nhiem-vu/{task.pk}/")
    history = board.locator("details.history")
    history.locator("summary").first.click()
    expect(history).to_contain_text("Đang thực hiện")
    expect(history).to_contain_text("15/03/2026")
    expect(history).to_contain_text("Phường Đại Kim")
    history.locator("details.long-value summary").first.click()
    _shot(board, "history-panel")

    admin = browser.new_page(viewport={"width": width, "height": 900})
    _login(admin, live_server.url, "admin")
    admin.goto(f"{live_server.url}/quan-ly/nhat-ky/")
    table = admin.locator("table").first
    expect(table).to_contain_text("Mục II.1: sửa nội dung")
    expect(table).to_contain_text("Thêm mục III")
    expect(table).to_contain_text("Đăng nhập")  # the logins keep showing beside the writes
    expect(table).not_to_contain_text("True")
    _shot(admin, "audit-page")
