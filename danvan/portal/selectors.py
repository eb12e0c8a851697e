"""Reads for the public portal. The public sees only live (published) pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from wagtail.models import Page

from danvan.documents.models import Document
from danvan.documents.selectors import public_documents
from danvan.lib.text import fold
from danvan.portal.models import (
    AlbumIndexPage,
    AlbumPage,
    ArticlePage,
    HomePage,
    NoticeIndexPage,
    NoticePage,
    PageViewCount,
    SectionPage,
)

# A range on published_on lets SQLite walk its index newest-first and stop at the LIMIT;
# without one it scans every page of the tree and sorts (≈350 ms at 50k articles, bench/).
_EVER = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)

HOME_FEATURED = 5
HOME_PER_SECTION = 4
OTHER_ARTICLES = 6


def articles(*, section: Page | None = None) -> QuerySet[ArticlePage]:
    """Published articles, newest first, under ``section`` when given."""
    qs = ArticlePage.objects.live().public().filter(published_on__gt=_EVER).select_related("cover")
    if section is not None:
        qs = qs.child_of(section)
    return qs.order_by("-published_on", "-id")


def notices(*, index: Page | None = None) -> QuerySet[NoticePage]:
    qs = NoticePage.objects.live().public().filter(published_on__gt=_EVER)
    if index is not None:
        qs = qs.child_of(index)
    return qs.order_by("-published_on", "-id")


def albums(*, index: Page | None = None) -> QuerySet[AlbumPage]:
    qs = AlbumPage.objects.live().public().prefetch_related("photos__image")
    if index is not None:
        qs = qs.child_of(index)
    return qs.order_by("-published_on", "-id")


def notice_index() -> NoticeIndexPage | None:
    # By pk, not tree order: SQLite would walk the path index across every article.
    return NoticeIndexPage.objects.live().public().order_by("pk").first()


def published_documents(*, q: str = "") -> QuerySet[Document]:
    """The register's entries marked public, searchable without marks."""
    docs = public_documents()
    for word in fold(q).split():
        docs = docs.filter(Q(search_folded__contains=word))
    return docs


def views_of(page: Page) -> int:
    row = PageViewCount.objects.filter(page_id=page.pk).values_list("views", flat=True).first()
    return row or 0


def home_blocks(*, home: HomePage) -> dict[str, Any]:
    """What the home page shows: featured news, each section's latest, notices, albums."""
    featured = list(articles().filter(featured=True)[:HOME_FEATURED])
    if not featured:
        featured = list(articles()[:HOME_FEATURED])
    sections = []
    for section in SectionPage.objects.live().public().child_of(home).specific():
        latest = list(articles(section=section)[:HOME_PER_SECTION])
        sections.append({"page": section, "latest": latest})
    album_index = AlbumIndexPage.objects.live().public().child_of(home).first()
    return {
        "featured": featured,
        "sections": sections,
        "album_index": album_index,
        "latest_albums": list(albums()[:3]),
    }


def article_blocks(*, article: ArticlePage) -> dict[str, Any]:
    """What an article page shows beside its body: counts, comments, "Tin khác"."""
    from danvan.portal.comments import approved_comments

    comments = approved_comments(page=article)
    parent = article.get_parent()
    others = articles(section=parent).exclude(pk=article.pk)[:OTHER_ARTICLES]
    return {
        "section": parent.specific if parent else None,
        "views": views_of(article),
        "comments": comments,
        "comment_count": len(comments),
        "other_articles": list(others),
    }
