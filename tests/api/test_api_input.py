"""Hostile input to the API answers 400 naming the field, never 500 (issue 11, point 5).

NUL bytes (PostgreSQL cannot hold them), numbers beyond a 64-bit integer, a year no date
can have, a body that is not a JSON object, wrong types: each is refused before it reaches
the database, with a Vietnamese message naming the field.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from danvan.access.system import SYSTEM
from danvan.accounts.services import api_token_create

BIG = 2**63

QUERY_CASES = [
    ("/org-units?q=%00", "q"),
    ("/people?q=%00", "q"),
    ("/documents?q=%00", "q"),
    ("/meetings?q=%00", "q"),
    ("/tasks?q=%00", "q"),
    ("/tasks?q=a%00b&status=", "q"),
    (f"/org-units?offset={BIG}", "offset"),
    (f"/org-units?limit={BIG}", "limit"),
    ("/org-units?limit=100000000", "limit"),
    (f"/org-units?parent={BIG}", "parent"),
    (f"/people?org_unit={BIG}", "org_unit"),
    (f"/tasks?org_unit={BIG}", "org_unit"),
    (f"/meetings?org_unit={BIG}", "org_unit"),
    (f"/documents?org_unit={BIG}", "org_unit"),
    ("/documents?year=99999", "year"),
    ("/documents?year=nam-ngoai", "year"),
    ("/org-units?parent=abc", "parent"),
]


@pytest.fixture
def board_api(cast: Any) -> Client:
    raw = api_token_create(actor=SYSTEM, user=cast.board, name="thử")[1]
    return Client(headers={"Authorization": f"Bearer {raw}"}, raise_request_exception=False)


def _vietnamese(text: str) -> bool:
    return any(ch in text for ch in "ảạầấặắẩẫậđơưốồổộớờởợứừửữựíìỉịéèẻẽẹêếềểễệ")


@pytest.mark.parametrize(("path", "field"), QUERY_CASES)
def test_a_hostile_query_string_answers_400_naming_the_field(
    board_api: Client, tree: Any, path: str, field: str
) -> None:
    response = board_api.get(f"/api/v1{path}")
    assert response.status_code == 400, response.content
    body = response.json()
    assert field in body["errors"]
    assert f"«{field}»" in body["errors"][field][0]
    assert _vietnamese(body["errors"][field][0])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Phường\u0000 Định Công"}, "name"),
        ({"note": "\ud800"}, "note"),
        ({"parent_id": BIG}, "parent_id"),
        ({"name": 5}, "name"),
        ({"valid_from": "31/02/2024"}, "valid_from"),
        ([None, None], "__all__"),
        ("Phường", "__all__"),
    ],
)
def test_a_hostile_patch_answers_400_and_changes_nothing(
    board_api: Client, tree: Any, body: Any, field: str
) -> None:
    unit = tree.dinh_cong
    response = board_api.patch(
        f"/api/v1/org-units/{unit.pk}", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert field in errors and _vietnamese(errors[field][0])
    unit.refresh_from_db()
    assert unit.name == "Phường Định Công" and unit.note == ""


def test_nul_inside_a_nested_value_is_named_by_its_path(board_api: Client, tree: Any) -> None:
    body = {
        "org_unit": tree.dinh_cong.pk,
        "period": "2024-03",
        "values": {"TIEP_CONG_DAN": "1\x00"},
    }
    response = board_api.post(
        "/api/v1/data-values", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    assert "values.TIEP_CONG_DAN" in response.json()["errors"]


def test_nan_and_infinity_are_refused(board_api: Client, tree: Any) -> None:
    raw = '{"org_unit": ID, "period": "2024-03", "values": {"TIEP_CONG_DAN": NaN}}'.replace(
        "ID", str(tree.dinh_cong.pk)
    )
    response = board_api.post("/api/v1/data-values", data=raw, content_type="application/json")
    assert response.status_code == 400
    assert "values.TIEP_CONG_DAN" in response.json()["errors"]


def test_schema_errors_are_vietnamese_and_name_the_field(board_api: Client, tree: Any) -> None:
    response = board_api.post(
        "/api/v1/org-units", data=json.dumps({"name": "Tổ 1"}), content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["errors"]["parent_id"] == ["Thiếu «parent_id»."]
    assert "Thiếu «code»." in body["detail"]


@pytest.mark.parametrize("kind", ["documents", "tasks", "meetings", "people", "org-units"])
def test_a_path_id_beyond_64_bits_is_not_found(board_api: Client, tree: Any, kind: str) -> None:
    response = board_api.get(f"/api/v1/{kind}/{BIG}")
    assert response.status_code == 404


def test_a_post_to_an_address_the_api_lacks_answers_json_404_even_with_a_cookie(db: Any) -> None:
    # Schemathesis found it: an id that is not a number matches no operation, and the
    # catch-all /api/ view, being CSRF-checked, answered Django's English 403 page.
    client = Client(enforce_csrf_checks=True)
    client.cookies["sessionid"] = "x"
    response = client.post(
        "/api/v1/meetings/abc/attendees", data="{}", content_type="application/json"
    )
    assert response.status_code == 404
    assert response.json()["detail"] == "Không có địa chỉ này trong API."
