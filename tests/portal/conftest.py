"""Portal fixtures: the home page with its sections, and a way to publish articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from danvan.portal.models import ArticlePage, HomePage, NoticePage
from danvan.portal.setup import ensure_tree, section


@pytest.fixture(autouse=True)
def _empty_cache() -> Any:
    """Counters and the page cache live in the cache: start each test with it empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db: Any) -> HomePage:
    return ensure_tree()


@pytest.fixture
def make_article(home: HomePage) -> Callable[..., ArticlePage]:
    """Publish an article in a section (default "Tin tức – sự kiện")."""

    def make(
        title: str = "Hội nghị giao ban công tác dân vận",
        *,
        section_slug: str = "tin-tuc-su-kien",
        text: str = "Nội dung bài viết.",
        published_on: dt.datetime | None = None,
        publish: bool = True,
        **fields: Any,
    ) -> ArticlePage:
        parent = section(section_slug)
        article = ArticlePage(
            title=title,
            published_on=published_on or timezone.now(),
            body=[("paragraph", f"<p>{text}</p>")],
            **fields,
        )
        parent.add_child(instance=article)
        revision = article.save_revision()
        if publish:
            revision.publish()
        else:
            article.unpublish()
        article.refresh_from_db()
        return article

    return make


@pytest.fixture
def make_notice(home: HomePage) -> Callable[..., NoticePage]:
    def make(title: str = "Thông báo lịch tiếp công dân", *, text: str = "Nội dung.") -> NoticePage:
        parent = section("thong-bao")
        notice = NoticePage(title=title, body=f"<p>{text}</p>")
        parent.add_child(instance=notice)
        notice.save_revision().publish()
        notice.refresh_from_db()
        return notice

    return make
