"""The page cache for anonymous readers (``PortalCacheMiddleware``).

A second reader gets the page without it being rendered again (``X-Portal-Cache: HIT``);
logged-in users, POSTs and the management pages never go through the cache; publishing
and moderating show at once.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.portal.comments import comment_approve, comment_post


@pytest.fixture(autouse=True)
def _cache_on(settings: Any) -> None:
    settings.PORTAL_CACHE_SECONDS = 60


@pytest.fixture
def article(make_article: Any) -> Any:
    return make_article("Hội nghị giao ban công tác dân vận quý I")


def test_second_anonymous_get_is_served_from_the_cache(client: Client, article: Any) -> None:
    first = client.get(article.url)
    second = client.get(article.url)

    assert first["X-Portal-Cache"] == "MISS"
    assert second["X-Portal-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_cached_copy_keeps_the_security_headers(client: Client, article: Any) -> None:
    first = client.get(article.url)
    second = client.get(article.url)

    assert second["X-Portal-Cache"] == "HIT"
    assert second.get("X-Frame-Options") == first.get("X-Frame-Options") == "DENY"
    assert not second.cookies


def test_the_article_page_sets_no_cookie_so_it_can_be_cached(client: Client, article: Any) -> None:
    response = client.get(article.url)

    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert response["X-Portal-Cache"] == "MISS"


def test_a_logged_in_user_is_never_served_from_it_nor_fills_it(
    client: Client, article: Any, cast: Any
) -> None:
    client.get(article.url)  # an anonymous reader fills the cache
    client.force_login(cast.stranger)

    logged_in = client.get(article.url)
    client.logout()
    after_logout = Client().get(article.url)

    assert "X-Portal-Cache" not in logged_in
    assert after_logout["X-Portal-Cache"] == "HIT"


def test_a_page_first_seen_by_a_logged_in_user_is_not_cached_for_others(
    client: Client, article: Any, cast: Any
) -> None:
    client.force_login(cast.stranger)
    client.get(article.url)

    assert Client().get(article.url)["X-Portal-Cache"] == "MISS"


def test_publishing_an_article_empties_the_cache(client: Client, make_article: Any) -> None:
    make_article("Bài cũ")
    client.get("/")
    assert client.get("/")["X-Portal-Cache"] == "HIT"

    make_article("Bài vừa đăng hôm nay")
    response = client.get("/")

    assert response["X-Portal-Cache"] == "MISS"
    assert "Bài vừa đăng hôm nay" in response.content.decode()


def test_a_different_query_string_is_a_different_page(client: Client, article: Any) -> None:
    client.get(article.url)

    thanks = client.get(f"{article.url}?da-gui=1")

    assert thanks["X-Portal-Cache"] == "MISS"
    assert "Cảm ơn bạn. Ý kiến sẽ hiện sau khi được kiểm duyệt." in thanks.content.decode()
    assert "Cảm ơn bạn" not in client.get(article.url).content.decode()


def test_posts_are_never_cached(client: Client, article: Any) -> None:
    client.get(article.url)

    posted = client.post(article.url)
    comment = client.post(f"/binh-luan/{article.pk}/", {"name": "An", "text": "Xin góp ý"})

    assert "X-Portal-Cache" not in posted
    assert "X-Portal-Cache" not in comment
    assert client.get(article.url)["X-Portal-Cache"] == "HIT"


def test_management_pages_are_never_cached(client: Client) -> None:
    for _ in range(2):
        response = client.get("/quan-ly/")
        assert "X-Portal-Cache" not in response


def test_counters_beacon_is_never_cached(client: Client, article: Any) -> None:
    for _ in range(2):
        response = client.post("/_dem/", {"page": article.pk})
        assert "X-Portal-Cache" not in response
        assert response["Cache-Control"] == "no-store"


def test_approving_a_comment_shows_it_on_the_next_get(
    client: Client, article: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.get(article.url)
    assert client.get(article.url)["X-Portal-Cache"] == "HIT"
    comment = comment_post(
        page=article, name="Vũ Thị Lan", email="", text="Ý kiến đã được duyệt.", ip="1.2.3.4"
    )
    assert "Ý kiến đã được duyệt." not in client.get(article.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        comment_approve(user=cast.moderator, comment=comment)
    response = client.get(article.url)

    assert response["X-Portal-Cache"] == "MISS"
    html = response.content.decode()
    assert "Ý kiến đã được duyệt." in html
    assert 'Bình luận: <span data-counter="comments">1</span>' in html


@pytest.mark.parametrize("address", ["/tin-tuc-su-kien/", "/thong-bao/", "/tin-tuc-su-kien/rss/"])
def test_section_notice_lists_and_feeds_are_cached_too(
    client: Client, article: Any, address: str
) -> None:
    # RoutablePageMixin.serve never reached CacheablePage.serve: lists were rendered per GET.
    first = client.get(address)
    second = client.get(address)

    assert first.status_code == 200
    assert (first["X-Portal-Cache"], second["X-Portal-Cache"]) == ("MISS", "HIT")
    assert second.content == first.content


def test_publishing_an_article_shows_it_in_the_cached_section_list(
    client: Client, article: Any, make_article: Any
) -> None:
    client.get("/tin-tuc-su-kien/")
    make_article("Bài mới về dân vận khéo")

    listing = client.get("/tin-tuc-su-kien/")

    assert listing["X-Portal-Cache"] == "MISS"
    assert "Bài mới về dân vận khéo" in listing.content.decode()
