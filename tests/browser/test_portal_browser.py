"""A reader on the public portal (Debian's chromium driven by Playwright): from the home
page, search "dan van kheo" in the header box, open the Tây Hồ article, send a comment and
be told it waits for moderation, without it showing yet. Then screenshots of the home
page, an article and the search at desktop and phone widths, in /tmp/shots/ (looked at by
hand; never in the repository)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.http import HttpRequest, HttpResponse
from django.urls import re_path
from django.views.static import serve
from playwright.sync_api import expect
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from danvan import urls as project_urls
from danvan.demo.portal_loader import PortalLoader
from danvan.portal.models import ArticlePage, CommentStatus, ReaderComment

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/shots")
TAY_HO = "tay-ho-tong-ket-10-nam-quyet-dinh-290-qd-tw"
WIDTHS = {"1280": {"width": 1280, "height": 900}, "390": {"width": 390, "height": 844}}


def _media(request: HttpRequest, path: str) -> HttpResponse:
    # The live server runs with DEBUG off, so /media/ is not routed; the covers should show.
    return serve(request, path, document_root=django_settings.MEDIA_ROOT)


# This module is the live server's URLconf: the project's, with the pictures served first.
urlpatterns = [re_path(r"^media/(?P<path>.+)$", _media), *project_urls.urlpatterns]


@pytest.fixture
def portal(settings: Any, tmp_path: Path, transactional_db: Any) -> ArticlePage:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ROOT_URLCONF = __name__
    # A database flushed by an earlier browser test has lost the rows migrations wrote.
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    loader = PortalLoader(lambda message: None)
    loader.load_settings(loader.load_content())  # the demo's pages and footer
    return ArticlePage.objects.get(slug=TAY_HO)


@pytest.mark.django_db(transaction=True)
def test_reader_searches_opens_an_article_and_comments(live_server, browser, portal) -> None:
    page = browser.new_page(viewport=WIDTHS["1280"])
    page.goto(f"{live_server.url}/")
    expect(page.locator("main")).to_contain_text(portal.title[:60])

    page.fill("#q-top", "dan van kheo")
    page.press("#q-top", "Enter")
    page.wait_for_url("**/tim-kiem/?q=dan+van+kheo")
    result = page.locator(f'main a[href="{portal.url}"]').first
    expect(result).to_be_visible()
    result.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(portal.title)
    text = "Mong quận tiếp tục nhân rộng các mô hình dân vận khéo ở khu dân cư."
    page.fill("#cm-name", "Nguyễn Thị Bạn Đọc")
    page.fill("#cm-text", text)
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.locator(".comment-thanks")).to_contain_text("kiểm duyệt")
    expect(page.locator(".comment-list")).to_have_count(0)  # nothing approved yet

    comment = ReaderComment.objects.get(text=text)
    assert comment.status == CommentStatus.PENDING
    page.reload()
    expect(page.locator("#y-kien")).not_to_contain_text(text)


@pytest.mark.django_db(transaction=True)
def test_screenshots_of_home_article_and_search(live_server, browser, portal) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    paths = {
        "home": "/",
        "article": portal.url,
        "search": "/tim-kiem/?q=dan+van+kheo",
    }
    for width, viewport in WIDTHS.items():
        page = browser.new_page(viewport=viewport)
        for name, path in paths.items():
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("networkidle")
            # Nothing sticks out sideways: no horizontal scrolling on a phone either.
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
            broken = page.evaluate(
                "[...document.images].filter(i => i.complete && i.naturalWidth === 0).length"
            )
            assert broken == 0, f"{name} at {width}px has {broken} broken image(s)"
            page.screenshot(path=str(SHOTS / f"portal-{name}-{width}.png"), full_page=True)
        page.close()
