from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.access.roles import Role
from danvan.accounts.services import api_token_create
from danvan.org.models import OrgUnit
from danvan.reporting.catalog import ensure_catalog
from tests.factories import UserFactory, grant


@pytest.fixture(autouse=True)
def _march_2024_is_open(reporting_clock: Any) -> None:
    """Most tests here enter figures for 2024-03 as the ward: do it while it is open."""


@pytest.fixture
def catalog(db: Any) -> None:
    ensure_catalog()


@pytest.fixture
def open_tree(tree: Any) -> Any:
    """The conftest tree has no end dates: every unit takes figures for any period."""
    assert not OrgUnit.objects.filter(valid_to__isnull=False).exists()
    return tree


@pytest.fixture
def second_board(cast: Any, tree: Any) -> Any:
    """Another board officer of Quận Hoàng Mai: approves what ``cast.board`` entered or
    sent (REPORT_APPROVER_MUST_DIFFER)."""
    user = UserFactory(username="board_2", full_name="Lê Thị Duyệt")
    grant(user, Role.BOARD_STAFF, tree.hoang_mai)
    return user


class Api:
    def __init__(self, user: Any) -> None:
        _, raw = api_token_create(actor=None, user=user)
        self.client = Client(headers={"Authorization": f"Bearer {raw}"})

    def post(self, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        response = self.client.post(f"/api/v1{path}", body or {}, content_type="application/json")
        return response.status_code, response.json()

    def get(self, path: str, **params: Any) -> tuple[int, Any]:
        response = self.client.get(f"/api/v1{path}", params)
        return response.status_code, response.json()


@pytest.fixture
def api() -> Any:
    return Api
