"""The Content-Security-Policy breaks nothing: the main pages of the management app, the
portal and the CMS load in chromium without a single violation, htmx still autosaves a
figure, the dashboard still draws its charts, the portal's beacon still answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from danvan.access.system import SYSTEM
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.services import data_values_save
from tests.browser.test_portal_browser import portal  # noqa: F401  (fixture)
from tests.factories import UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "Mat-khau-dai-2026"

# Collects what the page itself and the browser say about the policy.
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(
    e.violatedDirective + " " + (e.blockedURI || "inline") + " " + e.sourceFile + ":" + e.lineNumber
  );
});
"""


class Watched:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        page.add_init_script(WATCH)
        page.on("console", self._on_console)

    def _on_console(self, message: Any) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def visit(self, url: str) -> list[str]:
        response = self.page.goto(url)
        assert response is not None and response.status < 400, (url, response and response.status)
        assert response.header_value("content-security-policy"), url
        self.page.wait_for_load_state("networkidle")
        return self.violations()

    def violations(self) -> list[str]:
        return [*self.console, *self.page.evaluate("window.__csp || []")]


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield Watched(page)
    page.close()


def log_in(watched: Watched, base: str, username: str) -> None:
    page = watched.page
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_management_pages_keep_the_policy_and_still_work(
    live_server: Any, watched: Watched, tree: Any, cast: Any, reporting_clock: Any
) -> None:
    ensure_catalog()
    for period, received in (("2024-01", 10), ("2024-02", 14), ("2024-03", 9)):
        data_values_save(
            actor=SYSTEM,
            org_unit=tree.dinh_cong,
            period=period,
            values={"DON_NHAN": received, "DON_GIAI_QUYET": 5, "TIEP_CONG_DAN": received},
        )
    base = live_server.url
    log_in(watched, base, "board")
    pages = [
        "/quan-ly/",
        "/quan-ly/don-vi/",
        f"/quan-ly/don-vi/{tree.hoang_mai.pk}/",
        "/quan-ly/can-bo/",
        "/quan-ly/hoi-nghi/",
        "/quan-ly/nhiem-vu/",
        "/quan-ly/van-ban/",
        "/quan-ly/bao-cao/",
        "/quan-ly/soan-thao/",
    ]
    for path in pages:
        assert watched.visit(f"{base}{path}") == [], path

    # The dashboard draws its trend charts with the vendored Chart.js.
    assert (
        watched.visit(f"{base}/quan-ly/bao-cao/tong-hop/?unit={tree.dinh_cong.pk}&period=2024-03")
        == []
    )
    drawn = watched.page.evaluate(
        "Array.from(document.querySelectorAll('canvas[data-series]'))"
        ".filter(c => window.Chart && window.Chart.getChart(c)).length"
    )
    assert drawn > 0

    # htmx autosaves a figure on the entry page (a reporter's).
    watched.page.context.clear_cookies()
    log_in(watched, base, "reporter")
    entry = f"{base}/quan-ly/bao-cao/nhap/{tree.dinh_cong.pk}/2024-03/BC_THANG/"
    assert watched.visit(entry) == []
    watched.page.fill("#v-DON_NHAN", "12")
    expect(watched.page.locator("#st-v-DON_NHAN")).to_contain_text("Đã lưu")
    assert watched.violations() == []


@pytest.mark.django_db(transaction=True)
def test_portal_pages_keep_the_policy(
    live_server: Any,
    watched: Watched,
    portal: Any,  # noqa: F811
) -> None:
    base = live_server.url
    for path in ("/", portal.url, "/tin-tuc-su-kien/", "/thong-bao/", "/tim-kiem/?q=dan+van"):
        assert watched.visit(f"{base}{path}") == [], path

    # The counters' beacon answered and filled the box; the comment form is there.
    watched.visit(f"{base}{portal.url}")
    expect(watched.page.locator('[data-counter="views"]').first).not_to_have_text("")
    expect(watched.page.locator("form.comment-form, #y-kien form").first).to_be_visible()
    assert watched.violations() == []


@pytest.mark.django_db(transaction=True)
def test_cms_pages_keep_their_policy(
    live_server: Any,
    watched: Watched,
    portal: Any,  # noqa: F811
) -> None:
    # A superuser: an earlier browser test's flush may have removed the CMS groups that
    # migrations create, and with them an editor's access to the CMS.
    UserFactory(username="quan_tri_cms", is_superuser=True, is_staff=True)
    base = live_server.url
    log_in(watched, base, "quan_tri_cms")
    home = portal.get_parent().get_parent()
    for path in (
        "/cms/",
        "/cms/pages/",
        f"/cms/pages/{home.pk}/",
        f"/cms/pages/{portal.pk}/edit/",
        "/cms/images/",
        "/cms/documents/",
    ):
        found = watched.visit(f"{base}{path}")
        assert found == [], "\n".join([path, *found])


@pytest.mark.django_db(transaction=True)
def test_the_cms_editor_works_without_inline_script(
    live_server: Any,
    watched: Watched,
    portal: Any,  # noqa: F811
) -> None:
    """No 'unsafe-inline' for script on /cms/: Wagtail's few inline init blocks carry the
    nonce. An editor creates and publishes an article (date widget, image chooser modal)
    and adds a photo row to an album (inline panel), with zero violations."""
    from danvan.portal.models.pages import AlbumIndexPage, AlbumPage, ArticlePage

    UserFactory(username="quan_tri_cms", is_superuser=True, is_staff=True)
    base = live_server.url
    log_in(watched, base, "quan_tri_cms")
    page = watched.page
    section = portal.get_parent()
    response = page.goto(f"{base}/cms/pages/add/portal/articlepage/{section.pk}/")
    assert response is not None and response.status == 200
    policy = response.header_value("content-security-policy") or ""
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'nonce-" in script_src, script_src
    page.wait_for_load_state("networkidle")

    # The date widget's inline init ran: its picker is attached to the page.
    assert page.locator(".xdsoft_datetimepicker").count() > 0
    # The image chooser's inline init ran: its button opens the chooser modal.
    page.locator("[data-chooser-action-choose]").first.click()
    modal = page.locator(".modal-dialog")
    expect(modal).to_be_visible()
    expect(modal.locator(".modal-body")).to_contain_text("Ảnh", ignore_case=True)
    modal.get_by_role("button", name="Đóng").click()  # Escape was lost on a busy CI
    expect(modal).to_be_hidden(timeout=15_000)

    title = "Ra mắt mô hình dân vận khéo ở tổ dân phố 5"
    page.fill("#id_title", title)
    page.fill("#id_lead", "Sáng 12/3, tổ dân phố 5 ra mắt mô hình.")
    page.fill("#id_published_on", "2024-03-12")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_load_state("networkidle")
    article = ArticlePage.objects.get(title=title)
    assert article.live
    assert watched.violations() == []

    # An album's photos are an inline panel: «Thêm» adds a row (its init script ran).
    index = AlbumIndexPage.objects.first()
    assert index is not None
    page.goto(f"{base}/cms/pages/add/portal/albumpage/{index.pk}/")
    page.wait_for_load_state("networkidle")
    rows = page.locator("#id_photos-FORMS > [data-inline-panel-child]:visible")
    before = rows.count()
    page.locator("#id_photos-ADD").click()
    expect(rows).to_have_count(before + 1)
    assert AlbumPage.objects.count() >= 0
    assert watched.violations() == []
