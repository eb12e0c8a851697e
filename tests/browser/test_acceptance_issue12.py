"""Issue 12's acceptance over the real demo (``load_demo``, dates relative to today), in
Debian's chromium: demo_reporter enters and autosaves last month's figures for its phường,
demo_leader sends them, demo_board2 approves, demo_board's Hà Nội dashboard shows the new
figure at once and completeness as "n/N phường", demo_board finds Hoàng Mai's giao ban of
23/02/2023 through /api/v1/meetings?q=giao ban with its chair; demo_admin creates a
reporter for a ward, who must change the password and then sees that ward only.

The whole flow at desktop width, a shorter pass over the same pages on a phone (the report
is approved by then). With DANVAN_SCREENSHOTS=<dir> every step is saved there."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from danvan.access.roles import Role
from danvan.demo import current_data
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting.models import Report, Status
from tests.browser.pages import first_login, login, shot, user_create
from tests.demo_db import Demo

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = current_data.DEMO_PASSWORD
# The figures the ward types (reception, petitions, gifts, «Dân vận khéo» models… are
# counted from their registers and read-only on the sheet).
FIGURES = {
    "HOI_VIEN": "1.250",
    "CHI_HOI": "12",
}


ELSEWHERE: list[str] = []  # requests to any other site than the server (Gravatar, CDNs)


def _as(browser: Browser, url: str, width: int, username: str) -> Page:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.on("dialog", lambda dialog: dialog.accept())  # data-confirm buttons
    page.on(
        "request",
        lambda r: None if r.url.startswith((url, "data:", "blob:")) else ELSEWHERE.append(r.url),
    )
    login(page, url, username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")
    return page


def _figure(page: Page, name: str) -> int:
    text = page.locator("article.figure", has=page.get_by_role("heading", name=name))
    value = text.locator(".figure-value").inner_text()
    return int(re.sub(r"\D", "", value.split()[0]))


def _completeness(page: Page) -> tuple[int, int]:
    stat = page.locator(".stat", has_text="phường đã gửi").locator("b").inner_text()
    sent, expected = stat.split("/")
    return int(sent), int(expected)


def _dashboard(page: Page, url: str, last: periods.Period, name: str) -> None:
    """demo_board's dashboard as it opens: Hà Nội, the month that is due."""
    page.goto(f"{url}/quan-ly/bao-cao/tong-hop/")
    head = page.locator(".page-head p.muted").first
    expect(head).to_contain_text("Thành phố Hà Nội")
    expect(head).to_contain_text(last.label)
    shot(page, name)


def _giao_ban_2023(page: Page, url: str) -> None:
    answer = page.request.get(f"{url}/api/v1/meetings", params={"q": "giao ban"})
    assert answer.status == 200
    found = [m for m in answer.json()["items"] if m["starts_at"].startswith("2023-02-23")]
    assert found, "Hoàng Mai's giao ban of 23/02/2023 not found"
    assert [c["name"] for c in found[0]["chairs"]] == ["Khương Quốc Hưng"]
    assert "Hoàng Mai" in found[0]["org_unit"]["name"]


def _new_reporter_sees_only_the_ward(
    browser: Browser, url: str, width: int, ward: OrgUnit, other: OrgUnit
) -> None:
    admin = _as(browser, url, width, "demo_admin")
    admin.goto(f"{url}/quan-ly/nguoi-dung/")
    admin.fill("#id_q", "demo_reporter")
    expect(admin.locator("#results")).to_contain_text("Hà Minh Châu")
    shot(admin, "users-list")
    username = f"nhaplieu{width}"
    user_create(
        admin,
        url,
        full_name="Lò Thị Hồng Nhung",
        username=username,
        unit=f"{ward.name} — Thành phố Hà Nội",
        role=Role.UNIT_REPORTER,
        password="Tam-thoi-2026!",
    )
    expect(admin.locator("main")).to_contain_text(ward.name)
    shot(admin, "user-detail")

    reporter = browser.new_page(viewport={"width": width, "height": 900})
    first_login(reporter, url, username, "Tam-thoi-2026!", "Mat-khau-rieng-2026")
    reporter.goto(f"{url}/quan-ly/don-vi/?q=phuong")
    results = reporter.locator("#results")
    expect(results).to_contain_text(ward.name)
    expect(results).not_to_contain_text(other.name)
    shot(reporter, "new-reporter-units")
    reporter.goto(f"{url}/quan-ly/bao-cao/")
    expect(reporter.locator("main")).to_contain_text(ward.name)
    expect(reporter.locator("main")).not_to_contain_text(other.name)
    shot(reporter, "new-reporter-reports")


def test_issue_12_acceptance_on_the_demo(live_server: Any, browser: Browser, demo_committed: Demo):
    # The run's shared demo, loaded as `make run` loads it, committed for the live server;
    # DEBUG on, as on `make run` (demo accounts log in only then).
    printed = demo_committed.summary.splitlines()
    assert len(printed) <= 40 and printed[-1].startswith("Đã nạp dữ liệu trình diễn")
    url = live_server.url
    ward = OrgUnit.objects.get(code=current_data.DEMO_WARD)
    new_ward = OrgUnit.objects.get(code="HN-HOANGMAI")
    last = periods.period_of(periods.MONTH, timezone.localdate()).previous()
    entry = f"{url}/quan-ly/bao-cao/nhap/{ward.pk}/{last.code}/BC_THANG/"

    # Before: Hà Nội's figure for last month without demo_reporter's phường.
    board = _as(browser, url, 1280, "demo_board")
    _dashboard(board, url, last, "dashboard-before")
    before = _figure(board, "Hội viên")
    sent, expected = _completeness(board)
    assert sent < expected

    # demo_reporter types last month's figures: each is saved as it is typed.
    reporter = _as(browser, url, 1280, "demo_reporter")
    reporter.goto(entry)
    expect(reporter.get_by_role("heading", level=1)).to_have_text(ward.name)
    reporter.evaluate("window.notReloaded = true")
    for code, value in FIGURES.items():
        reporter.fill(f"#v-{code}", value)
        expect(reporter.locator(f"#st-v-{code}")).to_contain_text("Đã lưu")
    assert reporter.evaluate("window.notReloaded") is True
    shot(reporter, "entry-saved")
    reporter.reload()  # what was saved is there on the next visit
    expect(reporter.locator("#v-HOI_VIEN")).to_have_value("1250")

    # demo_leader sends it; demo_board2 (not the sender) approves.
    leader = _as(browser, url, 1280, "demo_leader")
    leader.goto(entry)
    leader.get_by_role("button", name="Gửi báo cáo").click()
    expect(leader.locator(".msg-success")).to_be_visible()
    shot(leader, "entry-submitted")
    board2 = _as(browser, url, 1280, "demo_board2")
    board2.goto(entry)
    board2.get_by_role("button", name="Duyệt", exact=True).click()
    expect(board2.locator(".msg-success")).to_be_visible()
    shot(board2, "entry-approved")
    report = Report.objects.get(org_unit=ward, period=last.code, form__code="BC_THANG")
    assert report.status == Status.APPROVED
    assert report.submitted_by.username == "demo_leader"
    assert report.decided_by.username == "demo_board2"

    # demo_board's dashboard has it at once, and one more phường sent.
    _dashboard(board, url, last, "dashboard-after")
    assert _figure(board, "Hội viên") == before + 1250
    assert _completeness(board) == (sent + 1, expected)
    _giao_ban_2023(board, url)

    _new_reporter_sees_only_the_ward(browser, url, 1280, new_ward, ward)

    # The CMS as demo_editor sees it asks nothing of gravatar.com (offline offices).
    editor = _as(browser, url, 1280, "demo_editor")
    for page in ("/cms/", "/cms/account/"):
        answer = editor.goto(f"{url}{page}")
        assert answer is not None and answer.status == 200 and "/cms/" in editor.url, page
    shot(editor, "cms-account")

    # On a phone: the same pages, the report now approved and read-only.
    phone = _as(browser, url, 390, "demo_reporter")
    phone.goto(entry)
    expect(phone.locator("#v-HOI_VIEN")).to_have_value("1250")
    expect(phone.locator("#v-HOI_VIEN")).not_to_be_editable()
    shot(phone, "entry-approved-reporter")
    board_phone = _as(browser, url, 390, "demo_board")
    _dashboard(board_phone, url, last, "dashboard-after")
    assert _figure(board_phone, "Hội viên") == before + 1250
    assert board_phone.evaluate("document.documentElement.scrollWidth") <= 390
    # The footer's line starts where the page's text does, not at the screen's edge.
    heading = board_phone.get_by_role("heading", level=1).bounding_box()
    footer = board_phone.locator("footer.foot small").bounding_box()
    assert heading and footer and footer["x"] == pytest.approx(heading["x"], abs=1)
    _giao_ban_2023(board_phone, url)
    _new_reporter_sees_only_the_ward(browser, url, 390, new_ward, ward)
    assert ELSEWHERE == []
