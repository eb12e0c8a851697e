"""RSS of each listing: a reader's feed app gets the newest items, marks intact."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from typing import Any

from django.test import Client

from danvan.portal.feeds import FEED_ITEMS


def channel(client: Client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    found = root.find("channel")
    assert found is not None
    return found


def titles(feed: ET.Element) -> list[str]:
    return [item.findtext("title") or "" for item in feed.iter("item")]


def test_section_feed_lists_articles_newest_first_with_marks(
    client: Client, make_article: Any
) -> None:
    base = dt.datetime(2023, 3, 2, 4, 15, tzinfo=dt.UTC)
    make_article("Giao ban công tác Dân vận tháng 2", published_on=base)
    make_article("Đảng bộ phường học tập Nghị quyết", published_on=base + dt.timedelta(days=2))
    make_article("Tổng kết “Dân vận khéo” năm 2022", published_on=base + dt.timedelta(days=1))
    make_article("Bản nháp chưa đăng", published_on=base + dt.timedelta(days=3), publish=False)
    make_article("Bài của chuyên mục khác", section_slug="dan-van-kheo")

    feed = channel(client, "/tin-tuc-su-kien/rss/")

    assert feed.findtext("title") == "Tin tức – sự kiện — Cổng thông tin công tác dân vận"
    assert feed.findtext("language") == "vi"
    assert titles(feed) == [
        "Đảng bộ phường học tập Nghị quyết",
        "Tổng kết “Dân vận khéo” năm 2022",
        "Giao ban công tác Dân vận tháng 2",
    ]
    dates = [parsedate_to_datetime(item.findtext("pubDate") or "") for item in feed.iter("item")]
    assert dates[-1] == base


def test_item_has_absolute_link_and_the_lead_or_the_text(client: Client, make_article: Any) -> None:
    article = make_article("Có sapo", lead="Sapo: Ban Dân vận & Mặt trận", author="Minh Hằng")
    make_article("Không sapo", text="Nội dung <b>đậm</b> &amp; dài " + "chữ " * 200)

    items = {
        item.findtext("title"): item
        for item in channel(client, "/tin-tuc-su-kien/rss/").iter("item")
    }

    with_lead = items["Có sapo"]
    assert with_lead.findtext("description") == "Sapo: Ban Dân vận & Mặt trận"
    assert with_lead.findtext("link") == article.full_url
    assert (with_lead.findtext("link") or "").startswith("http")
    assert "Minh Hằng" in ET.tostring(with_lead, encoding="unicode")
    body = items["Không sapo"].findtext("description") or ""
    assert body.startswith("Nội dung đậm & dài chữ") and body.endswith("…")
    assert len(body.split()) <= 62


def test_feed_stops_at_twenty_items(client: Client, make_article: Any) -> None:
    for n in range(FEED_ITEMS + 2):
        make_article(f"Tin số {n:02d}", published_on=dt.datetime(2023, 1, 1 + n, tzinfo=dt.UTC))

    names = titles(channel(client, "/tin-tuc-su-kien/rss/"))

    assert len(names) == FEED_ITEMS
    assert names[0] == "Tin số 21" and "Tin số 01" not in names


def test_notice_feed_lists_notices(client: Client, make_notice: Any) -> None:
    make_notice("Thông báo lịch tiếp công dân tháng 3", text="Đồng chí Bí thư tiếp công dân.")

    feed = channel(client, "/thong-bao/rss/")

    assert feed.findtext("title", "").startswith("Thông báo — ")
    assert titles(feed) == ["Thông báo lịch tiếp công dân tháng 3"]
    assert next(feed.iter("item")).findtext("description") == "Đồng chí Bí thư tiếp công dân."


def test_section_page_advertises_a_working_feed(client: Client, home: Any) -> None:
    html = client.get("/dan-van-kheo/").content.decode()

    link = re.search(r'<link rel="alternate" type="application/rss\+xml"[^>]*href="([^"]+)"', html)

    assert link is not None
    assert channel(client, link.group(1)).findtext("title", "").startswith("Dân vận khéo — ")


def test_empty_album_index_still_answers(client: Client, home: Any) -> None:
    assert titles(channel(client, "/album-anh/rss/")) == []
