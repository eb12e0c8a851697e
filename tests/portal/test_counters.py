"""Số lượng truy cập and Lượt xem: counted per page load by a beacon, buffered, flushed.

The buffer is process-wide; every test starts with an empty one and with flushing left to
the test (a flush interval of an hour) unless it says otherwise.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test import Client
from django.utils import timezone

from danvan.portal import counters
from danvan.portal.models import PageViewCount, PortalVisitor, SiteCounter


@pytest.fixture(autouse=True)
def _clean_buffer(settings: Any) -> Iterator[None]:
    settings.PORTAL_COUNTER_FLUSH_SECONDS = 3600
    counters.reset()
    yield
    counters.reset()


@pytest.fixture
def article(make_article: Any) -> Any:
    return make_article("Dân vận khéo ở phường Bưởi")


def beacon(client: Client, page: Any = None, ua: str = "Firefox", ip: str = "203.0.113.7") -> Any:
    data = {"page": str(page.pk)} if page is not None else {}
    return client.post("/_dem/", data, REMOTE_ADDR=ip, HTTP_USER_AGENT=ua)


def test_beacon_counts_the_view_and_answers_the_numbers_uncached(
    client: Client, article: Any
) -> None:
    PageViewCount.objects.create(page=article, views=527)
    SiteCounter.objects.create(key="visits", value=10_000)

    first = beacon(client, article)
    second = beacon(client, article, ua="Chrome", ip="203.0.113.8")

    assert first.status_code == 200
    assert first["Cache-Control"] == "no-store"
    assert "X-Portal-Cache" not in first
    assert first.json() == {"views": 528, "online": 1, "total": 10_001}
    assert second.json() == {"views": 529, "online": 2, "total": 10_002}
    assert not first.cookies


def test_flush_writes_what_was_pending_and_the_answer_stays_the_same(
    client: Client, article: Any
) -> None:
    beacon(client, article)
    beacon(client, article, ua="Chrome", ip="203.0.113.8")
    before = beacon(client, article, ua="Chrome", ip="203.0.113.9").json()

    written = counters.flush()

    assert written == 3
    assert PageViewCount.objects.get(page=article).views == 3
    assert SiteCounter.objects.get(key="visits").value == 3
    assert PortalVisitor.objects.count() == 3
    assert counters.counts(page_id=article.pk) == before


def test_reloading_a_page_counts_one_view_per_address_in_the_interval(
    client: Client, article: Any, make_article: Any
) -> None:
    other = make_article("Bài khác")
    first = beacon(client, article)
    reload = beacon(client, article, ua="Chrome")  # same address, even another browser
    elsewhere = beacon(client, other)
    someone_else = beacon(client, article, ip="198.51.100.4")

    assert first.json()["views"] == 1
    assert reload.json()["views"] == 1
    assert reload.json()["online"] == 2  # the visitor is still seen
    assert elsewhere.json()["views"] == 1
    assert someone_else.json()["views"] == 2
    counters.flush()
    assert SiteCounter.objects.get(key="visits").value == 3


def test_the_address_counts_again_once_the_interval_is_over(
    client: Client, article: Any, settings: Any, monkeypatch: Any
) -> None:
    settings.PORTAL_VIEW_DEDUP_MINUTES = 30
    marks: list[tuple[str, int]] = []
    real_add = counters.cache.add

    def add(key: str, value: Any, timeout: int) -> bool:
        marks.append((key, timeout))
        return bool(real_add(key, value, timeout))

    monkeypatch.setattr(counters.cache, "add", add)
    beacon(client, article)
    assert beacon(client, article).json()["views"] == 1

    counters.cache.delete(marks[0][0])  # what expiry does after 30 minutes

    assert beacon(client, article).json()["views"] == 2
    assert marks[0][1] == 30 * 60
    assert "203.0.113.7" not in marks[0][0]


def test_dedup_minutes_zero_counts_every_load(client: Client, article: Any, settings: Any) -> None:
    settings.PORTAL_VIEW_DEDUP_MINUTES = 0

    beacon(client, article)

    assert beacon(client, article).json()["views"] == 2


def test_beacon_takes_post_only_and_needs_no_csrf_token(article: Any) -> None:
    client = Client(enforce_csrf_checks=True)

    assert client.get("/_dem/").status_code == 405
    assert beacon(client, article).status_code == 200


def test_a_page_without_id_or_a_forged_id_counts_a_visit_only(client: Client, article: Any) -> None:
    nothing = beacon(client)
    forged = client.post("/_dem/", {"page": "999999"})
    garbage = client.post("/_dem/", {"page": "1; DROP TABLE"})

    counters.flush()

    assert nothing.json()["views"] is None and garbage.json()["views"] is None
    assert forged.json()["views"] == 1  # pending only; dropped at flush
    assert not PageViewCount.objects.exists()
    assert SiteCounter.objects.get(key="visits").value == 3


def test_no_hit_is_lost_when_threads_count_at_once(article: Any) -> None:
    now = timezone.now()

    def load_pages(n: int) -> None:
        for i in range(50):
            counters.record_hit(page_id=article.pk, visitor_key=f"khach-{n}-{i % 5}", now=now)

    threads = [threading.Thread(target=load_pages, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counters.flush()

    assert PageViewCount.objects.get(page=article).views == 400
    assert SiteCounter.objects.get(key="visits").value == 400
    assert PortalVisitor.objects.count() == 40


def test_a_hit_flushes_once_the_interval_has_passed(settings: Any, article: Any) -> None:
    settings.PORTAL_COUNTER_FLUSH_SECONDS = 5
    start = timezone.now()
    counters.reset()

    counters.record_hit(page_id=article.pk, visitor_key="a", now=start + dt.timedelta(seconds=1))
    assert not PageViewCount.objects.exists()
    counters.record_hit(page_id=article.pk, visitor_key="b", now=start + dt.timedelta(seconds=6))

    assert PageViewCount.objects.get(page=article).views == 2


def test_a_failed_flush_keeps_its_counts_for_the_next(monkeypatch: Any, article: Any) -> None:
    now = timezone.now()
    counters.record_hit(page_id=article.pk, visitor_key="a", now=now)
    write = counters._write

    def broken(*args: Any, **kwargs: Any) -> None:
        raise DatabaseError("cơ sở dữ liệu bận")

    monkeypatch.setattr(counters, "_write", broken)
    assert counters.flush() == 0
    counters.record_hit(page_id=article.pk, visitor_key="b", now=now)
    monkeypatch.setattr(counters, "_write", write)

    assert counters.flush() == 2
    assert PageViewCount.objects.get(page=article).views == 2


def test_online_counts_visitors_of_the_last_minutes_once(article: Any) -> None:
    now = timezone.now()
    PortalVisitor.objects.create(key="vua-xem", last_seen=now - dt.timedelta(minutes=1))
    PortalVisitor.objects.create(key="da-roi-di", last_seen=now - dt.timedelta(minutes=10))
    counters.record_hit(page_id=article.pk, visitor_key="vua-xem", now=now)
    counters.record_hit(page_id=article.pk, visitor_key="moi-den", now=now)

    assert counters.counts(page_id=article.pk, now=now)["online"] == 2


def test_visitors_gone_for_a_day_are_deleted(article: Any) -> None:
    now = timezone.now()
    PortalVisitor.objects.create(key="hom-kia", last_seen=now - dt.timedelta(days=2))
    PortalVisitor.objects.create(key="hom-nay", last_seen=now - dt.timedelta(hours=2))

    call_command("flush_counters")

    assert list(PortalVisitor.objects.values_list("key", flat=True)) == ["hom-nay"]


def test_flush_counters_command_writes_and_says_so(article: Any, capsys: Any) -> None:
    counters.record_hit(page_id=article.pk, visitor_key="a", now=timezone.now())

    call_command("flush_counters")

    assert "Đã ghi 1 lượt truy cập" in capsys.readouterr().out
    assert PageViewCount.objects.get(page=article).views == 1


def test_visitor_key_hides_the_address() -> None:
    key = counters.visitor_key(ip="203.0.113.7", user_agent="Firefox")

    assert len(key) == 64 and "203" not in key
    assert key == counters.visitor_key(ip="203.0.113.7", user_agent="Firefox")
    assert key != counters.visitor_key(ip="203.0.113.7", user_agent="Chrome")


def test_every_page_carries_the_counters_box_without_numbers_baked_in(
    client: Client, article: Any
) -> None:
    SiteCounter.objects.create(key="visits", value=12_345)

    html = client.get("/").content.decode()

    assert "Số lượng truy cập" in html
    assert "Đang truy cập:" in html and "Tổng:" in html
    assert 'data-url="/_dem/"' in html
    assert "portal/counters.js" in html
    assert "12.345" not in html  # the cached page never freezes a count


# --- two flushes at once against the database ----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_processes_flushing_at_once_lose_no_update(make_article: Any) -> None:
    """Two buffers stand for two worker processes: they flush the same rows at the same
    moment, round after round, each from its own connection; every view must land."""
    article = make_article("Bài nhiều người đọc")
    other = make_article("Bài thứ hai")
    buffers = [counters.HitBuffer(), counters.HitBuffer()]
    rounds, per_round = 10, 30
    barrier = threading.Barrier(2)
    written: list[int] = []
    errors: list[BaseException] = []

    def worker(buffer: counters.HitBuffer, n: int) -> None:
        try:
            for _ in range(rounds):
                now = timezone.now()
                for i in range(per_round):
                    page = article if i % 3 else other
                    buffer.record_hit(page_id=page.pk, visitor_key=f"p{n}-{i % 7}", now=now)
                barrier.wait(timeout=30)
                written.append(buffer.flush(now=now))
        except BaseException as error:  # reported by the main thread
            errors.append(error)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(b, n)) for n, b in enumerate(buffers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # A flush that failed kept its counts; they go with the next one.
    retried = sum(buffer.flush() for buffer in buffers)

    assert not errors, errors
    assert sum(written) + retried == 2 * rounds * per_round
    views = dict(PageViewCount.objects.values_list("page_id", "views"))
    assert views == {article.pk: 2 * rounds * 20, other.pk: 2 * rounds * 10}
    assert SiteCounter.objects.get(key="visits").value == 2 * rounds * per_round
    assert PortalVisitor.objects.count() == 14
    if connection.vendor == "postgresql":
        # Rows are locked in one order: concurrent flushes wait, none deadlocks.
        assert retried == 0
