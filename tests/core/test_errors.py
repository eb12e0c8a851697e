"""Bad input on the pages answers 400 naming the field; an unhandled error answers the
Vietnamese 500 page, or JSON on /api/ (issue 11, point 5)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.access.system import SYSTEM
from danvan.accounts.services import api_token_create

LISTS = [
    "/quan-ly/don-vi/",
    "/quan-ly/can-bo/",
    "/quan-ly/van-ban/",
    "/quan-ly/hoi-nghi/",
    "/quan-ly/nhiem-vu/tat-ca/",
]


@pytest.fixture
def board_client(cast: Any) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(cast.board)
    return client


@pytest.mark.parametrize("path", LISTS)
def test_a_nul_in_a_list_search_answers_400_naming_the_field(
    board_client: Client, path: str
) -> None:
    response = board_client.get(path, {"q": "Định\x00Công"})
    assert response.status_code == 400
    assert "«q» chứa ký tự NUL" in response.content.decode()


def test_a_nul_in_a_form_field_answers_400_naming_it(board_client: Client, tree: Any) -> None:
    response = board_client.post(
        f"/quan-ly/don-vi/{tree.dinh_cong.pk}/sua/",
        "name=A%00",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "«name» chứa ký tự NUL" in response.content.decode()


def test_a_nul_in_the_portal_search_answers_400(client: Client, db: Any) -> None:
    response = client.get("/tim-kiem/", {"q": "\x00"})
    assert response.status_code == 400


@pytest.mark.parametrize("year", ["99999", "0", "nam"])
def test_an_impossible_year_on_the_register_answers_400_naming_it(
    board_client: Client, year: str
) -> None:
    response = board_client.get("/quan-ly/van-ban/", {"year": year})
    assert response.status_code == 400
    assert "«year»" in response.content.decode()


def test_a_year_of_the_register_still_filters(board_client: Client) -> None:
    assert board_client.get("/quan-ly/van-ban/", {"year": "2024"}).status_code == 200


def _break(monkeypatch: Any) -> None:
    from danvan.org import selectors

    def broken(**kwargs: Any) -> Any:
        raise RuntimeError("hỏng")

    monkeypatch.setattr(selectors, "org_unit_list", broken)
    monkeypatch.setattr(selectors, "org_unit_stats", broken)


def test_a_server_error_on_the_api_answers_json(cast: Any, tree: Any, monkeypatch: Any) -> None:
    _break(monkeypatch)
    raw = api_token_create(actor=SYSTEM, user=cast.board, name="thử")[1]
    client = Client(headers={"Authorization": f"Bearer {raw}"}, raise_request_exception=False)
    response = client.get("/api/v1/org-units")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"].startswith("Lỗi máy chủ")


def test_a_server_error_on_a_page_answers_the_vietnamese_page(
    board_client: Client, tree: Any, monkeypatch: Any
) -> None:
    _break(monkeypatch)
    response = board_client.get("/quan-ly/don-vi/")
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.content.decode()
