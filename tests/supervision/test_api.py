"""/api/v1/supervision: lists and counts within scope, a stale PATCH refused (409), an
answer recorded, bad input answered 400 naming the field."""

from __future__ import annotations

import json

import pytest

from tests.supervision.conftest import bearer

pytestmark = pytest.mark.django_db
BASE = "/api/v1/supervision"


def test_lists_and_counts_in_scope(register, cast, tree):
    board = bearer(cast.board)
    acts = board.get(f"{BASE}/activities").json()
    assert acts["count"] == 5
    held = board.get(f"{BASE}/activities", {"held": "true", "kind": "giam_sat"}).json()
    assert held["count"] == 2
    assert {a["title"] for a in held["items"]} == {
        "Giám sát việc quản lý chợ dân sinh",
        "Giám sát trật tự đô thị",
    }
    market = next(a for a in acts["items"] if a["id"] == register.market.pk)
    assert market["recommendation_count"] == 2
    reporter = bearer(cast.reporter)
    assert reporter.get(f"{BASE}/activities").json()["count"] == 4
    late = reporter.get(f"{BASE}/recommendations", {"overdue": "true"}).json()
    assert [r["id"] for r in late["items"]] == [register.late.pk, register.draft_rec.pk]
    assert all(r["overdue"] for r in late["items"])
    made = board.get(
        f"{BASE}/recommendations",
        {"org_unit": tree.dinh_cong.pk, "start": "2026-03-01", "end": "2026-03-31"},
    ).json()
    assert made["count"] == 3
    stats = reporter.get(f"{BASE}/stats").json()
    assert stats["overdue"] == 2
    assert stats["activities"]["giam_sat"]["da_ket_thuc"] == 1
    assert stats["recommendations"]["da_tra_loi"] == 1
    assert bearer(cast.stranger).get(f"{BASE}/activities").status_code == 404
    assert board.get(f"{BASE}/programmes").json()["count"] == 2
    url = f"{BASE}/recommendations/{register.late.pk}"
    assert bearer(cast.viewer).get(url).status_code == 200
    assert reporter.get(f"{BASE}/activities/{register.far.pk}").status_code == 404


def test_patch_with_a_stale_version_is_refused(register, cast):
    client = bearer(cast.leader)
    url = f"{BASE}/recommendations/{register.waiting.pk}"
    version = client.get(url).json()["version"]
    ok = client.patch(
        url, json.dumps({"due_on": "2026-04-15", "version": version}), "application/json"
    )
    assert ok.status_code == 200 and ok.json()["due_on"] == "2026-04-15"
    stale = client.patch(
        url, json.dumps({"addressed_to": "Ai đó", "version": version}), "application/json"
    )
    assert stale.status_code == 409
    by_header = client.patch(
        url, json.dumps({"addressed_to": "Ai đó"}), "application/json", headers={"If-Match": '"1"'}
    )
    assert by_header.status_code == 409
    assert client.get(url).json()["addressed_to"] == "Ban quản lý chợ"
    viewer = bearer(cast.viewer).patch(url, json.dumps({"content": "x"}), "application/json")
    assert viewer.status_code == 403


def test_answer_through_the_api_and_bad_input(register, cast):
    client = bearer(cast.reporter)
    url = f"{BASE}/recommendations/{register.draft_rec.pk}/responses"
    bad = client.post(url, json.dumps({"summary": "a\u0000b"}), "application/json")
    assert bad.status_code == 400 and "summary" in bad.content.decode()
    future = client.post(
        url, json.dumps({"summary": "x", "received_on": "2030-01-01"}), "application/json"
    )
    assert future.status_code == 400 and "received_on" in future.content.decode()
    done = client.post(url, json.dumps({"summary": "Đã tiếp thu."}), "application/json")
    assert done.status_code == 201
    assert done.json()["state"] == "da_tra_loi" and done.json()["responses"][0]["by_body"]
    huge = client.get(f"{BASE}/activities", {"org_unit": "99999999999999999999999"})
    assert huge.status_code == 400
    assert client.get(f"{BASE}/activities", {"start": "31/02"}).status_code == 400
