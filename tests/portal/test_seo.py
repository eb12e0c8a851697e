"""What search engines and social networks read: meta description, Open Graph, sitemap."""

from __future__ import annotations

import html as html_lib
import io
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.core.files.images import ImageFile
from django.test import Client
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import PageViewRestriction

from danvan.portal.models import AlbumPage, AlbumPhoto
from danvan.portal.setup import section

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def head_meta(client: Client, url: str) -> dict[str, str]:
    """The page's <meta property|name=… content=…> and canonical link, by key."""
    response = client.get(url)
    assert response.status_code == 200
    head = response.content.decode().split("</head>")[0]
    tags = {
        key: html_lib.unescape(value)
        for key, value in re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', head)
    }
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', head)
    if canonical:
        tags["canonical"] = canonical.group(1)
    return tags


@pytest.fixture
def cover(settings: Any, tmp_path: Any) -> Image:
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1000), (200, 30, 30)).save(buffer, "PNG")
    return Image.objects.create(
        title="Hội nghị giao ban", file=ImageFile(buffer, name="giao-ban.png")
    )


def test_article_with_cover_has_open_graph_tags(
    client: Client, make_article: Any, cover: Image
) -> None:
    article = make_article(
        "Giao ban công tác Dân vận tháng 2",
        lead="Ban Dân vận Quận ủy giao ban với Mặt trận và các đoàn thể.",
        cover=cover,
    )

    meta = head_meta(client, article.url)

    assert meta["og:type"] == "article"
    assert meta["og:title"] == "Giao ban công tác Dân vận tháng 2"
    assert meta["description"] == meta["og:description"] == article.lead
    assert meta["og:url"] == meta["canonical"] == article.full_url
    assert meta["og:site_name"] == "Cổng thông tin công tác dân vận"
    assert meta["og:locale"] == "vi_VN"
    assert re.fullmatch(r"https?://[^/]+/media/images/giao-ban\..*\.png", meta["og:image"])
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["twitter:card"] == "summary_large_image"
    # ISO 8601 in Hà Nội time, with its offset.
    assert meta["article:published_time"] == timezone.localtime(article.published_on).isoformat()
    assert meta["article:published_time"].endswith("+07:00")


def test_article_without_cover_or_lead_uses_its_text(client: Client, make_article: Any) -> None:
    article = make_article("Tin ngắn", text="Đảng bộ phường tổ chức học tập " + "nghị quyết " * 60)

    meta = head_meta(client, article.url)

    assert "og:image" not in meta and meta["twitter:card"] == "summary"
    assert meta["description"].startswith("Đảng bộ phường tổ chức học tập nghị quyết")
    assert len(meta["description"]) <= 200


def test_search_description_wins_over_the_lead(client: Client, make_article: Any) -> None:
    article = make_article("Tin", lead="Sapo.", search_description="Mô tả cho máy tìm kiếm.")

    assert head_meta(client, article.url)["description"] == "Mô tả cho máy tìm kiếm."


def test_sections_and_notices_are_websites_with_a_description(
    client: Client, make_notice: Any
) -> None:
    notice = make_notice("Thông báo lịch tiếp dân", text="Lịch <b>tiếp công dân</b> tháng 3.")

    section = head_meta(client, "/tin-tuc-su-kien/")
    notice_meta = head_meta(client, notice.url)

    assert section["og:type"] == "website" and section["og:title"] == "Tin tức – sự kiện"
    assert notice_meta["og:type"] == "website"
    assert notice_meta["description"] == "Lịch tiếp công dân tháng 3."


def test_search_page_is_not_indexed(client: Client, home: Any) -> None:
    meta = head_meta(client, "/tim-kiem/?q=dan+van")

    assert meta["robots"] == "noindex, follow"
    assert meta["og:title"] == "Tìm kiếm: dan van"
    assert "canonical" not in meta


def sitemap(client: Client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=SITEMAP_NS) or "": url.findtext(
            "s:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_sitemap_lists_published_articles_with_lastmod_and_not_drafts(
    client: Client, make_article: Any
) -> None:
    published = make_article("Bài đã đăng")
    draft = make_article("Bài nháp", publish=False)
    withdrawn = make_article("Bài đã gỡ")
    withdrawn.unpublish()
    private = make_article("Bài nội bộ")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )

    urls = sitemap(client)

    assert published.full_url in urls
    assert urls[published.full_url] == f"{timezone.localtime(published.last_published_at):%Y-%m-%d}"
    for hidden in (draft, withdrawn, private):
        assert hidden.full_url not in urls
    assert "http://localhost/tin-tuc-su-kien/" in urls  # the sections are listed too


def test_album_shares_its_first_photo(client: Client, home: Any, cover: Image) -> None:
    album = AlbumPage(
        title="Hình ảnh hội nghị", photos=[AlbumPhoto(image=cover, caption="Toàn cảnh")]
    )
    section("album-anh").add_child(instance=album)
    album.save_revision().publish()

    meta = head_meta(client, album.url)

    assert meta["og:type"] == "website"
    assert meta["og:image"].endswith(".png") and meta["og:image:alt"] == "Hội nghị giao ban"
