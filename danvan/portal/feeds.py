"""RSS 2.0 of a listing page (a section, the notices, the albums): its newest children.

Served by ``ListingPage.rss`` at ``<listing>/rss/``. Links are absolute from the Wagtail
Site (hostname, port), the same source as the sitemap and the canonical links.
"""

from __future__ import annotations

import html
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page

FEED_ITEMS = 20
SUMMARY_WORDS = 60


def plain(text: str | None) -> str:
    """Readable text from an editor's rich text: no tags, no entities, one line."""
    return " ".join(html.unescape(strip_tags(text or "")).split())


def summary(item: Any) -> str:
    """An item's description: the article's lead, else the start of its text (notices),
    else an album's description."""
    text = getattr(item, "lead", "") or ""
    if not text and hasattr(item, "plain_text"):
        text = item.plain_text()
    if not text:
        text = getattr(item, "description", "") or ""
    return Truncator(plain(text)).words(SUMMARY_WORDS, truncate=" …")


def _absolute(request: HttpRequest, page: Page) -> str:
    return page.get_full_url(request) or request.build_absolute_uri(page.get_url(request) or "/")


def listing_feed(request: HttpRequest, *, page: Any) -> HttpResponse:
    """The ``FEED_ITEMS`` newest published children of ``page``, newest first."""
    site = page.get_site()
    site_name = (site.site_name if site is not None else "") or settings.WAGTAIL_SITE_NAME
    link = _absolute(request, page)
    feed = Rss201rev2Feed(
        title=f"{page.title} — {site_name}",
        link=link,
        description=plain(getattr(page, "intro", "")) or f"Tin mới nhất của mục {page.title}.",
        language="vi",
        feed_url=f"{link}rss/",
    )
    for item in page.children_queryset()[:FEED_ITEMS]:
        item_link = _absolute(request, item)
        feed.add_item(
            title=item.title,
            link=item_link,
            description=summary(item),
            unique_id=item_link,
            unique_id_is_permalink=True,
            pubdate=item.published_on,
            updateddate=item.last_published_at,
            author_name=getattr(item, "author", "") or None,
        )
    response = HttpResponse(content_type=f"{feed.content_type}")
    feed.write(response, "utf-8")
    return response
