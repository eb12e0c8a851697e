"""/api/v1/religion: places and events within scope, create an event, move it, the stats
of a subtree (situations only for a RELIGION_SENSITIVE holder), bad input 400."""

from __future__ import annotations

import pytest

from danvan.religion.models import Event
from tests.religion.conftest import bearer

pytestmark = pytest.mark.django_db
BASE = "/api/v1/religion"


def test_lists_and_details_within_scope(register, cast, tree):
    client = bearer(cast.reporter)
    places = client.get(f"{BASE}/places").json()
    assert {p["name"] for p in places["items"]} == {
        "Chùa Định Công",
        "Nhà thờ giáo xứ Định Công",
        "Điểm nhóm Tin lành tổ 3",
    }
    groups = client.get(f"{BASE}/places", {"kind": "diem_nhom"}).json()
    assert groups["count"] == 1 and groups["items"][0]["decision_ref"] == "125/TB-UBND"
    detail = client.get(f"{BASE}/places/{register.pagoda.pk}").json()
    assert (
        detail["figures"][0]["name"] == "Nguyễn V. T." and detail["figures"][0]["phone"] == "(ẩn)"
    )
    full = bearer(cast.board).get(f"{BASE}/places/{register.pagoda.pk}").json()
    assert full["figures"][0]["phone"] == "0912 000 101"
    assert client.get(f"{BASE}/places/{register.far.pk}").status_code == 404
    events = client.get(f"{BASE}/events", {"state": "da_dien_ra"}).json()
    assert events["count"] == 2
    assert client.get(f"{BASE}/events/{register.festival.pk}").json()["actual_attendance"] == 2500
    assert bearer(cast.stranger).get(f"{BASE}/places").status_code == 404
    assert client.get(f"{BASE}/places", {"religion": "khong-co"}).status_code == 400


def test_create_and_move_an_event(register, cast):
    payload = {
        "place": register.church.pk,
        "name": "Thánh lễ tạ ơn",
        "starts_on": "2026-03-09",
        "ends_on": "2026-03-09",
        "expected_attendance": 500,
    }
    assert (
        bearer(cast.reporter).post(f"{BASE}/events", payload, "application/json").status_code == 403
    )
    created = bearer(cast.board).post(f"{BASE}/events", payload, "application/json")
    assert created.status_code == 201
    pk = created.json()["id"]
    bad = bearer(cast.board).post(
        f"{BASE}/events/{pk}/transitions", {"to": "da_dien_ra"}, "application/json"
    )
    assert bad.status_code == 400 and "actual_attendance" in bad.json()["errors"]
    stale = bearer(cast.board).post(
        f"{BASE}/events/{pk}/transitions",
        {"to": "da_dien_ra", "actual_attendance": 450, "version": 0},
        "application/json",
    )
    assert stale.status_code == 409
    moved = bearer(cast.board).post(
        f"{BASE}/events/{pk}/transitions",
        {"to": "da_dien_ra", "actual_attendance": 450},
        "application/json",
    )
    assert moved.status_code == 200 and moved.json()["state"] == "da_dien_ra"
    assert Event.objects.get(pk=pk).actual_attendance == 450
    wrong = bearer(cast.board).post(
        f"{BASE}/events", payload | {"ends_on": "2026-03-01"}, "application/json"
    )
    assert wrong.status_code == 400 and "ends_on" in wrong.json()["errors"]
    nul = bearer(cast.board).post(
        f"{BASE}/events", payload | {"name": "a\u0000"}, "application/json"
    )
    assert nul.status_code == 400


def test_stats_of_a_subtree(register, cast, tree):
    board = bearer(cast.board).get(f"{BASE}/stats", {"org_unit": tree.dinh_cong.pk}).json()
    assert board["places"] == 2 and board["group_points"] == 1
    assert board["events"]["da_dien_ra"] == 2 and board["attendance"] == 3500
    assert board["situations"] is None
    district = bearer(cast.board).get(f"{BASE}/stats").json()
    assert district["places"] == 3 and district["attendance"] == 3800
    leader = bearer(cast.leader).get(f"{BASE}/stats", {"org_unit": tree.dinh_cong.pk}).json()
    assert leader["situations"] == {"theo_doi": 1}
