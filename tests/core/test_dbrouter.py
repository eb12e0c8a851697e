"""Read replicas (issue 19, point 4): the dashboard and the portal read from the replica,
writes go to the primary, and a browser that just wrote reads from the primary until its
pin expires while everyone else keeps reading the replica.

``replica1`` is a test mirror of ``default`` (danvan/settings.py): the same database through
a second connection, so the queries each alias ran tell where a read went. A mirror only
sees committed rows, hence the transactional tests.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.accounts.services import api_token_create
from danvan.core import dbrouter
from danvan.core.dbrouter import PIN_COOKIE, read_alias, read_connection, reads_from_replica
from danvan.notifications.models import Kind, Notification
from danvan.portal.setup import ensure_tree
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import Indicator

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica1"])

DASHBOARD_TABLE = '"reporting_indicator"'


@pytest.fixture
def replica(settings: Any) -> None:
    settings.DATABASE_REPLICAS = ["replica1"]


class Queries:
    """The SQL each alias ran inside the block."""

    def __enter__(self) -> Queries:
        self._contexts = {a: CaptureQueriesContext(connections[a]) for a in ("default", "replica1")}
        for context in self._contexts.values():
            context.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        for context in self._contexts.values():
            context.__exit__(*exc)

    def on(self, alias: str, table: str = "") -> list[str]:
        return [q["sql"] for q in self._contexts[alias].captured_queries if table in q["sql"]]


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def dashboard(client: Client) -> Queries:
    with Queries() as queries:
        assert client.get(reverse("reporting:dashboard")).status_code == 200
    return queries


def test_without_replicas_everything_reads_the_primary(cast: Any) -> None:
    ensure_catalog()
    client = logged_in(cast.board)
    queries = dashboard(client)
    assert queries.on("default", DASHBOARD_TABLE) and not queries.on("replica1")
    with reads_from_replica():
        assert read_alias() == "default"
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302 and PIN_COOKIE not in response.cookies


def test_dashboard_reads_from_the_replica_and_writes_go_to_the_primary(
    replica: None, cast: Any
) -> None:
    ensure_catalog()
    queries = dashboard(logged_in(cast.board))
    assert queries.on("replica1", DASHBOARD_TABLE)
    assert not queries.on("default", DASHBOARD_TABLE)
    with reads_from_replica(), Queries() as queries:
        assert read_connection() is connections["replica1"]
        Notification.objects.create(
            recipient=cast.board, kind=Kind.REPORT_SUBMITTED, text="Có báo cáo mới"
        )
        assert Notification.objects.filter(recipient=cast.board).count() == 1
    assert queries.on("default", "INSERT") and not queries.on("replica1", "INSERT")
    assert queries.on("replica1", "COUNT")


def test_after_a_write_the_same_browser_reads_the_primary_until_the_pin_expires(
    replica: None, cast: Any, monkeypatch: Any
) -> None:
    ensure_catalog()
    board, viewer = logged_in(cast.board), logged_in(cast.viewer)
    now = dbrouter._now()
    monkeypatch.setattr(dbrouter, "_now", lambda: now)
    with Queries() as queries:
        response = board.post(reverse("notifications:read_all"))
    assert response.status_code == 302 and PIN_COOKIE in response.cookies
    assert queries.on("default", "UPDATE") and not queries.on("replica1", "UPDATE")

    queries = dashboard(board)  # the officer who wrote sees it at once
    assert queries.on("default", DASHBOARD_TABLE) and not queries.on("replica1")
    queries = dashboard(viewer)  # someone else still reads the replica
    assert queries.on("replica1", DASHBOARD_TABLE)
    assert not queries.on("default", DASHBOARD_TABLE)

    monkeypatch.setattr(dbrouter, "_now", lambda: now + 5.1)  # DATABASE_REPLICA_PIN_SECONDS
    queries = dashboard(board)
    assert queries.on("replica1", DASHBOARD_TABLE)
    assert not queries.on("default", DASHBOARD_TABLE)


def test_a_forged_pin_is_ignored(replica: None, cast: Any) -> None:
    ensure_catalog()
    client = logged_in(cast.board)
    client.cookies[PIN_COOKIE] = "9999999999"  # unsigned: anyone could pin themselves
    assert dashboard(client).on("replica1", DASHBOARD_TABLE)


def test_portal_pages_and_search_read_from_the_replica(replica: None) -> None:
    ensure_tree()
    with Queries() as queries:
        assert Client().get("/").status_code == 200
    # Wagtail's site settings are read by get_or_create, i.e. from the primary (one query).
    assert queries.on("replica1", "wagtailcore_page")
    assert not queries.on("default", "wagtailcore_page")
    with Queries() as queries:
        assert Client().get(reverse("portal:search"), {"q": "dân vận"}).status_code == 200
    assert queries.on("replica1", "wagtailsearch")
    assert not queries.on("default", "wagtailsearch")


def test_the_analytics_api_reads_from_the_replica(replica: None, cast: Any, tree: Any) -> None:
    ensure_catalog()
    indicator = Indicator.objects.filter(numerator__isnull=True).order_by("code").first()
    assert indicator is not None
    _, raw = api_token_create(actor=None, user=cast.board)
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    params = {"indicator": indicator.code, "org_unit": tree.hoang_mai.pk, "period": "2024-03"}
    with Queries() as queries:
        assert client.get("/api/v1/analytics", params).status_code == 200
    assert queries.on("replica1", DASHBOARD_TABLE)
    assert not queries.on("default", DASHBOARD_TABLE)
