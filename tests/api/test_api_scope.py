"""The API (/api/v1) keeps to the caller's subtree, like the pages.

    no token or a bad token                          → 401
    a record outside the caller's subtree            → 404
    a visible record, action not allowed             → 403
    a refused value                                  → 400, Vietnamese ``detail`` naming the field

Expectations come from the table below, written from the specification, not from the
product's ROLE_CAPS.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from danvan.access.system import SYSTEM
from danvan.accounts.services import api_token_create, api_token_revoke
from danvan.org.models import OrgUnit
from tests.helpers import ALL_UNITS, DINH_CONG, HOANG_MAI, NOWHERE

# role → (may manage the org tree, unit codes it sees)
SPEC: dict[str, tuple[bool, frozenset[str]]] = {
    "admin": (True, ALL_UNITS),
    "board": (True, HOANG_MAI),
    "leader": (False, DINH_CONG),
    "reporter": (False, DINH_CONG),
    "viewer": (False, HOANG_MAI),
    "editor": (False, NOWHERE),
    "moderator": (False, NOWHERE),
    "stranger": (False, NOWHERE),
}
ROLES = list(SPEC)

TARGET_ATTR = {"own": "dinh_cong", "sibling": "dai_kim", "parent": "hoang_mai", "far": "buoi"}

HUNG_TITLE = "UVTV, Trưởng Ban Dân vận Quận ủy"


# --- helpers ---------------------------------------------------------------------------


@pytest.fixture
def tokens(cast: Any) -> dict[str, str]:
    """A raw Bearer key for every member of the cast."""
    return {
        role: api_token_create(actor=SYSTEM, user=getattr(cast, role), name="thử")[1]
        for role in ROLES
    }


class Api:
    """A tiny client: JSON in, (status, JSON) out, with or without a Bearer key."""

    def __init__(self, raw: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw}"} if raw else {}

    def _call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        kwargs: dict[str, Any] = {"headers": self.headers}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        response = getattr(self.client, method)(f"/api/v1{path}", **kwargs)
        try:
            payload = response.json()
        except ValueError:
            payload = response.content.decode()
        return response.status_code, payload

    def get(self, path: str) -> tuple[int, Any]:
        return self._call("get", path)

    def post(self, path: str, body: Any) -> tuple[int, Any]:
        return self._call("post", path, body)

    def patch(self, path: str, body: Any) -> tuple[int, Any]:
        return self._call("patch", path, body)


def expected(code: str, reach: frozenset[str], may_manage: bool, ok: int) -> int:
    """Out of sight: 404; in sight without the right: 403; otherwise ``ok``."""
    if code not in reach:
        return 404
    return ok if may_manage else 403


def state(unit: OrgUnit) -> dict[str, Any]:
    fresh = OrgUnit.all_objects.get(pk=unit.pk)
    return {f: getattr(fresh, f) for f in ("name", "code", "note", "parent_id", "path")}


def new_unit_body(parent: OrgUnit, code: str = "HN-HM-DAIKIM-MTTQ") -> dict[str, Any]:
    return {
        "parent_id": parent.pk,
        "name": "Ủy ban MTTQ phường Đại Kim",
        "code": code,
        "level": "xa",
        "kind": "co-quan",
        "organisation_kind": "mttq",
        "note": "Thêm qua API",
    }


# --- authentication --------------------------------------------------------------------

PROTECTED = ["/org-units", "/people", "/org-units/1", "/people/1"]


@pytest.mark.parametrize("path", PROTECTED)
def test_no_token_is_401(tree, path):
    status, body = Api(None).get(path)
    assert status == 401
    assert "Bearer" in body["detail"]


@pytest.mark.parametrize(
    "header",
    ["Bearer dv_khong-phai-ma-that", "Bearer ", "Bearer abc", "Token dv_x", "dv_x"],
)
def test_bad_token_is_401(tree, cast, tokens, header):
    response = Client().get("/api/v1/org-units", headers={"Authorization": header})
    assert response.status_code == 401


def test_revoked_token_is_401(tree, cast):
    token, raw = api_token_create(actor=SYSTEM, user=cast.board)
    assert Api(raw).get("/org-units")[0] == 200
    api_token_revoke(actor=SYSTEM, token=token)
    assert Api(raw).get("/org-units")[0] == 401


def test_token_of_an_inactive_user_is_401(tree, cast):
    _, raw = api_token_create(actor=SYSTEM, user=cast.board)
    cast.board.is_active = False
    cast.board.save()
    assert Api(raw).get("/org-units")[0] == 401


def test_no_token_cannot_write(tree, cast):
    count = OrgUnit.all_objects.count()
    status, _ = Api(None).post("/org-units", new_unit_body(tree.dai_kim))
    assert status == 401
    status, _ = Api(None).patch(f"/org-units/{tree.dai_kim.pk}", {"note": "x"})
    assert status == 401
    assert OrgUnit.all_objects.count() == count
    assert state(tree.dai_kim)["note"] == ""


def test_openapi_schema_is_served(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/org-units" in paths
    assert "/api/v1/people" in paths


# --- reading ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_list_org_units_is_the_callers_subtree(tree, cast, tokens, role):
    status, body = Api(tokens[role]).get("/org-units?limit=1000")
    assert status == 200
    codes = [item["code"] for item in body["items"]]
    assert set(codes) == set(SPEC[role][1])
    assert len(codes) == len(set(codes))  # no unit twice
    assert body["count"] == len(SPEC[role][1])


def test_list_filtered_by_a_far_parent_is_empty(tree, cast, tokens):
    status, body = Api(tokens["board"]).get(f"/org-units?parent={tree.tay_ho.pk}")
    assert status == 200
    assert body == {"items": [], "count": 0}


def test_list_search_stays_in_scope(tree, cast, tokens):
    status, body = Api(tokens["reporter"]).get("/org-units?q=phuong")
    assert status == 200
    assert {i["code"] for i in body["items"]} == {"HN-HM-DINHCONG", "HN-HM-DINHCONG-MTTQ"}


@pytest.mark.parametrize("role", ROLES)
def test_get_org_unit_by_id(tree, cast, tokens, role):
    api = Api(tokens[role])
    wrong = []
    for target, attr in TARGET_ATTR.items():
        unit = getattr(tree, attr)
        status, body = api.get(f"/org-units/{unit.pk}")
        want = 200 if unit.code in SPEC[role][1] else 404
        if status != want:
            wrong.append(f"{target}: {status}, want {want}")
        elif want == 200 and (body["code"] != unit.code or body["parent_id"] != unit.parent_id):
            wrong.append(f"{target}: wrong body {body}")
        elif want == 404 and unit.name in json.dumps(body, ensure_ascii=False):
            wrong.append(f"{target}: the 404 names the unit")
    assert not wrong, f"{role}: " + "; ".join(wrong)


def test_get_unknown_org_unit_is_404(tree, cast, tokens):
    status, body = Api(tokens["admin"]).get("/org-units/999999")
    assert status == 404
    assert body["detail"]


def test_search_people_without_marks(tree, cast, officials, tokens):
    for role in ("board", "admin"):
        status, body = Api(tokens[role]).get("/people?q=khuong quoc hung")
        assert status == 200, role
        assert [p["full_name"] for p in body["items"]] == ["Khương Quốc Hưng"], role
        assert body["count"] == 1
        titles = [pos["title"] for pos in body["items"][0]["positions"]]
        assert titles == [HUNG_TITLE], role
    status, body = Api(tokens["reporter"]).get("/people?q=khuong quoc hung")
    assert status == 200
    assert body == {"items": [], "count": 0}


@pytest.mark.parametrize("role", ROLES)
def test_list_people_is_the_callers_subtree(tree, cast, officials, tokens, role):
    status, body = Api(tokens[role]).get("/people")
    assert status == 200
    names = {p["full_name"] for p in body["items"]}
    expected = {
        name
        for name, unit in (
            ("Khương Quốc Hưng", "HN-HM-BDV"),
            ("Nguyễn Thị Đào", "HN-HM-DINHCONG-MTTQ"),
            ("Trần Quang Đạo", "HN-TH-BUOI"),
        )
        if unit in SPEC[role][1]
    }
    assert names == expected
    assert body["count"] == len(expected)


def test_get_person_outside_scope_is_404(tree, cast, officials, tokens):
    hung = officials["hung"]
    assert Api(tokens["board"]).get(f"/people/{hung.pk}")[0] == 200
    status, body = Api(tokens["reporter"]).get(f"/people/{hung.pk}")
    assert status == 404
    assert "Khương" not in json.dumps(body, ensure_ascii=False)
    assert Api(tokens["board"]).get(f"/people/{officials['tay_ho'].pk}")[0] == 404


def test_people_filtered_by_a_far_unit_shows_nobody(tree, cast, officials, tokens):
    status, body = Api(tokens["board"]).get(f"/people?org_unit={tree.buoi.pk}")
    assert status == 200
    assert body["items"] == []


# --- creating --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_create_org_unit_per_role_and_parent(tree, cast, tokens, role):
    api = Api(tokens[role])
    may_manage, reach = SPEC[role]
    wrong = []
    for target, attr in TARGET_ATTR.items():
        parent = getattr(tree, attr)
        count = OrgUnit.all_objects.count()
        code = f"API-{role}-{target}".upper()
        status, body = api.post("/org-units", new_unit_body(parent, code=code))
        want = expected(parent.code, reach, may_manage, ok=201)
        if status != want:
            wrong.append(f"{target}: {status}, want {want} ({body})")
            continue
        if want == 201:
            unit = OrgUnit.objects.get(code=code)
            if body["id"] != unit.pk or unit.parent_id != parent.pk:
                wrong.append(f"{target}: created in the wrong place")
            if unit.path != f"{parent.path}{unit.pk}/":
                wrong.append(f"{target}: wrong path {unit.path}")
        else:
            if OrgUnit.all_objects.count() != count:
                wrong.append(f"{target}: refused ({status}) but a unit was created")
            if "detail" not in body:
                wrong.append(f"{target}: no detail in {body}")
    assert not wrong, f"{role}: " + "; ".join(wrong)


@pytest.mark.parametrize("code", ["HN-HM-DINHCONG", "hn-hm-dinhcong", " HN-HM-DINHCONG "])
def test_create_with_a_duplicate_code_is_400(tree, cast, tokens, code):
    count = OrgUnit.all_objects.count()
    status, body = Api(tokens["board"]).post("/org-units", new_unit_body(tree.dai_kim, code=code))
    assert status == 400
    assert "Mã đơn vị" in body["detail"]
    assert "Phường Định Công" in body["detail"]
    assert "code" in body["errors"]
    assert OrgUnit.all_objects.count() == count


def test_create_with_an_unknown_level_is_400(tree, cast, tokens):
    count = OrgUnit.all_objects.count()
    body = new_unit_body(tree.dai_kim)
    body["level"] = "khong-co"
    status, answer = Api(tokens["board"]).post("/org-units", body)
    assert status == 400
    assert "level" in answer["errors"]
    assert "khong-co" in answer["detail"]
    assert OrgUnit.all_objects.count() == count


def test_create_with_a_missing_field_is_400_in_vietnamese(tree, cast, tokens):
    count = OrgUnit.all_objects.count()
    body = new_unit_body(tree.dai_kim)
    del body["name"]
    status, answer = Api(tokens["board"]).post("/org-units", body)
    assert status == 400
    assert "không hợp lệ" in answer["detail"]
    assert "name" in answer["detail"]
    assert OrgUnit.all_objects.count() == count


def test_create_with_end_before_start_is_400(tree, cast, tokens):
    count = OrgUnit.all_objects.count()
    body = new_unit_body(tree.dai_kim)
    body.update(valid_from="2025-07-01", valid_to="2025-06-30")
    status, answer = Api(tokens["board"]).post("/org-units", body)
    assert status == 400
    assert "valid_to" in answer["errors"]
    assert OrgUnit.all_objects.count() == count


# --- changing --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_patch_org_unit_per_role_and_target(tree, cast, tokens, role):
    api = Api(tokens[role])
    may_manage, reach = SPEC[role]
    wrong = []
    for target, attr in TARGET_ATTR.items():
        unit = getattr(tree, attr)
        before = state(unit)
        note = f"ghi chú của {role}"
        status, body = api.patch(f"/org-units/{unit.pk}", {"note": note})
        want = expected(unit.code, reach, may_manage, ok=200)
        if status != want:
            wrong.append(f"{target}: {status}, want {want} ({body})")
        elif want == 200:
            if body["note"] != note or state(unit)["note"] != note:
                wrong.append(f"{target}: the note was not saved")
        elif state(unit) != before:
            wrong.append(f"{target}: refused ({status}) but changed")
    assert not wrong, f"{role}: " + "; ".join(wrong)


def test_patch_code_to_a_duplicate_is_400(tree, cast, tokens):
    before = state(tree.dai_kim)
    status, body = Api(tokens["board"]).patch(
        f"/org-units/{tree.dai_kim.pk}", {"code": "HN-HM-DINHCONG"}
    )
    assert status == 400
    assert "Mã đơn vị" in body["detail"]
    assert state(tree.dai_kim) == before


def test_patch_moves_a_unit_within_scope(tree, cast, tokens):
    status, body = Api(tokens["board"]).patch(
        f"/org-units/{tree.mttq_dinh_cong.pk}", {"parent_id": tree.dai_kim.pk}
    )
    assert status == 200, body
    assert body["parent_id"] == tree.dai_kim.pk
    moved = state(tree.mttq_dinh_cong)
    assert moved["parent_id"] == tree.dai_kim.pk
    assert moved["path"] == f"{tree.dai_kim.path}{tree.mttq_dinh_cong.pk}/"


def test_patch_move_under_own_descendant_is_400(tree, cast, tokens):
    before = state(tree.hoang_mai)
    status, body = Api(tokens["board"]).patch(
        f"/org-units/{tree.hoang_mai.pk}", {"parent_id": tree.dinh_cong.pk}
    )
    assert status == 400
    assert body["detail"]
    assert "parent" in body["errors"]
    assert state(tree.hoang_mai) == before
    assert state(tree.dinh_cong)["path"].startswith(tree.hoang_mai.path)


def test_patch_move_under_itself_is_400(tree, cast, tokens):
    before = state(tree.dai_kim)
    status, _ = Api(tokens["board"]).patch(
        f"/org-units/{tree.dai_kim.pk}", {"parent_id": tree.dai_kim.pk}
    )
    assert status == 400
    assert state(tree.dai_kim) == before


def test_refused_patch_changes_nothing_at_all(tree, cast, tokens):
    """A 400 is all or nothing: the rename in the same request is not kept either."""
    before = state(tree.hoang_mai)
    status, _ = Api(tokens["board"]).patch(
        f"/org-units/{tree.hoang_mai.pk}",
        {"name": "Quận Hoàng Mai (đổi tên)", "parent_id": tree.dinh_cong.pk},
    )
    assert status == 400
    assert state(tree.hoang_mai) == before


def test_patch_move_to_a_far_parent_is_404(tree, cast, tokens):
    before = state(tree.dai_kim)
    status, _ = Api(tokens["board"]).patch(
        f"/org-units/{tree.dai_kim.pk}", {"parent_id": tree.tay_ho.pk}
    )
    assert status == 404
    assert state(tree.dai_kim) == before


def test_patch_move_by_a_reader_is_403(tree, cast, tokens):
    before = state(tree.dai_kim)
    status, _ = Api(tokens["viewer"]).patch(
        f"/org-units/{tree.dai_kim.pk}", {"parent_id": tree.dinh_cong.pk}
    )
    assert status == 403
    assert state(tree.dai_kim) == before


def test_session_without_csrf_cannot_write(tree, cast):
    """The API also accepts the browser session, but only with the CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.board, backend="danvan.accounts.backends.DemoAwareBackend")
    assert client.get("/api/v1/org-units").status_code == 200
    before = state(tree.dai_kim)
    response = client.patch(
        f"/api/v1/org-units/{tree.dai_kim.pk}",
        data=json.dumps({"note": "qua phiên"}),
        content_type="application/json",
    )
    assert response.status_code in {401, 403}
    assert state(tree.dai_kim) == before


# --- refusals are 400s, never crashes ---------------------------------------------------


def _raw_client() -> Client:
    return Client(raise_request_exception=False)  # a crash is a 500 here, not an exception


@pytest.mark.parametrize("field", ["level", "kind"])
def test_patch_a_required_field_to_null_is_400(tree, cast, tokens, field):
    before = state(tree.dai_kim)
    response = _raw_client().patch(
        f"/api/v1/org-units/{tree.dai_kim.pk}",
        data=json.dumps({field: None}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {tokens['board']}"},
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert state(tree.dai_kim) == before


def test_patch_note_to_null_is_not_a_crash(tree, cast, tokens):
    response = _raw_client().patch(
        f"/api/v1/org-units/{tree.dai_kim.pk}",
        data=json.dumps({"note": None}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {tokens['board']}"},
    )
    assert response.status_code in {200, 400}
    if response.status_code == 400:
        assert "note" in response.json()["errors"]


def test_too_long_name_is_400_naming_only_the_field_the_client_sent(tree, cast, tokens):
    status, body = Api(tokens["board"]).patch(f"/org-units/{tree.dai_kim.pk}", {"name": "x" * 300})
    assert status == 400
    assert "name" in body["errors"]
    assert set(body["errors"]) <= {"name"}, body["errors"]  # not the internal name_folded


def test_malformed_json_is_400(tree, cast, tokens):
    count = OrgUnit.all_objects.count()
    response = _raw_client().post(
        "/api/v1/org-units",
        data="{không phải json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {tokens['board']}"},
    )
    assert response.status_code == 400
    assert response.json()["detail"] == "Nội dung gửi lên không phải JSON hợp lệ."
    assert OrgUnit.all_objects.count() == count


def test_a_non_numeric_id_is_400_not_500(tree, cast, tokens):
    status, body = Api(tokens["board"]).get("/org-units/abc")
    assert status in {400, 404}
    assert body["detail"]


def test_people_are_counted_once_when_seen_through_two_units(tree, cast, tokens):
    from danvan.people.services import position_create
    from tests.factories import make_person

    person = make_person(tree.dai_kim, "Bùi Văn Hai", "Cán bộ")
    position_create(actor=SYSTEM, person=person, org_unit=tree.dinh_cong, title="Phó Bí thư")
    status, body = Api(tokens["board"]).get("/people?q=bui van hai")
    assert status == 200
    assert [p["full_name"] for p in body["items"]] == ["Bùi Văn Hai"]
    assert body["count"] == 1
    assert sorted(p["title"] for p in body["items"][0]["positions"]) == ["Cán bộ", "Phó Bí thư"]
