"""The API: create, classify, forward to a unit and answer there, reply outside, stats;
bad input answered 400 naming the field; no capability, 404."""

from __future__ import annotations

import pytest

from tests.petitions.conftest import DAY, bearer

pytestmark = pytest.mark.django_db


def _body(unit, **kw):
    return {
        "org_unit": unit.pk,
        "received_on": DAY.isoformat(),
        "channel": "buu_dien",
        "subject": "Phản ánh đèn đường ngõ 7 không sáng",
        "petitioners": [{"full_name": "Đỗ Thị Hằng", "address": "phường Định Công"}],
        **kw,
    }


def test_a_petition_through_the_api_across_two_units(officers, tree, day):
    front, committee = bearer(officers.mttq), bearer(officers.ubnd)
    created = front.post("/api/v1/petitions", _body(tree.mttq_dinh_cong), "application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["petitioners"][0]["full_name"] == "Đỗ Thị Hằng"
    step = front.post(
        f"/api/v1/petitions/{pk}/classify",
        {"kind": "kien_nghi", "eligible": True, "competent": False},
        "application/json",
    )
    assert step.json()["stage"] == "phan_loai"
    sent = front.post(
        f"/api/v1/petitions/{pk}/forward",
        {"to_unit": officers.ubnd_unit.pk},
        "application/json",
    )
    assert sent.json()["stage"] == "chuyen_don"
    items = committee.get("/api/v1/petitions").json()["items"]
    entry = items[0]["id"]
    assert items[0]["forwarded_from"] == pk and items[0]["petitioners"] is None  # masked list
    for body in ({"kind": "kien_nghi", "eligible": True, "competent": True},):
        committee.post(f"/api/v1/petitions/{entry}/classify", body, "application/json")
    for to, note in (("thu_ly", ""), ("giai_quyet", ""), ("tra_loi", "Đã thay bóng đèn")):
        response = committee.post(
            f"/api/v1/petitions/{entry}/transitions", {"to": to, "note": note}, "application/json"
        )
        assert response.status_code == 200, response.content
    back = front.get(f"/api/v1/petitions/{pk}").json()
    assert back["stage"] == "tra_loi" and "Đã thay bóng đèn" in back["outcome"]
    stats = front.get("/api/v1/petitions/stats").json()
    assert {"kind": "kien_nghi", "stage": "tra_loi", "count": 1} in stats


def test_bad_input_and_no_capability(cast, officers, tree, day):
    front = bearer(officers.mttq)
    bad = front.post(
        "/api/v1/petitions",
        _body(tree.mttq_dinh_cong, received_on="2026-02-31", subject="x\u0000"),
        "application/json",
    )
    assert bad.status_code == 400
    wrong = front.post(
        "/api/v1/petitions", _body(tree.mttq_dinh_cong, subject=""), "application/json"
    )
    assert wrong.status_code == 400 and "subject" in wrong.json()["errors"]
    move = front.post("/api/v1/petitions/1/transitions", {"to": "xyz"}, "application/json")
    assert move.status_code in (400, 404)
    assert bearer(cast.board).get("/api/v1/petitions").status_code == 404
    assert bearer(cast.viewer).get("/api/v1/reception-sessions").status_code == 404
