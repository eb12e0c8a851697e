"""The portal's pages render for the public, with what the seeds' readers expect."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from danvan.portal.models import PageViewCount


def test_home_lists_published_articles_not_drafts(client: Client, make_article: Any) -> None:
    make_article("Hội nghị giao ban công tác dân vận tháng 02/2023")
    make_article("Bản nháp chưa đăng", publish=False)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Hội nghị giao ban công tác dân vận tháng 02/2023" in html
    assert "Bản nháp chưa đăng" not in html


def test_article_shows_date_line_source_and_views(client: Client, make_article: Any) -> None:
    when = dt.datetime(2023, 3, 2, 4, 15, tzinfo=dt.UTC)  # 11:15 in Hà Nội
    article = make_article(
        "Tây Hồ tổng kết", published_on=when, source="Ban Dân vận Quận ủy", author="Minh Hằng"
    )
    PageViewCount.objects.create(page=article, views=528)

    html = client.get(article.url).content.decode()

    assert "Ngày đăng 02/03/2023 | 11:15" in html
    assert "Nguồn: Ban Dân vận Quận ủy" in html
    assert "Minh Hằng" in html
    assert "528" in html


def test_article_lists_other_articles_of_its_section(client: Client, make_article: Any) -> None:
    first = make_article("Bài thứ nhất")
    make_article("Bài thứ hai")
    make_article("Bài ở chuyên mục khác", section_slug="dan-van-kheo")

    html = client.get(first.url).content.decode()

    assert "Tin khác" in html
    assert "Bài thứ hai" in html
    assert "Bài ở chuyên mục khác" not in html


def test_section_page_paginates(client: Client, make_article: Any) -> None:
    for n in range(14):
        make_article(f"Tin số {n:02d}")

    first = client.get("/tin-tuc-su-kien/").content.decode()
    second = client.get("/tin-tuc-su-kien/?trang=2").content.decode()

    assert "Trang 1/2" in first
    assert "Tin số 13" in first and "Tin số 00" not in first
    assert "Tin số 00" in second


def test_every_section_renders_empty(client: Client, home: Any) -> None:
    for path in (
        "/",
        "/tin-tuc-su-kien/",
        "/dan-van-kheo/",
        "/thong-bao/",
        "/van-ban/",
        "/album-anh/",
    ):
        assert client.get(path).status_code == 200, path
