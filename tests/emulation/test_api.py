"""/api/v1/emulation as the cast uses it: register, check, evaluate, recognise through the
transitions; filters; PATCH with a version or If-Match; counts for a subtree; scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from danvan.accounts.services import api_token_create
from danvan.emulation.models import EmulationModel, State
from tests.emulation.conftest import put_in, register


class Api:
    def __init__(self, user: Any) -> None:
        _, raw = api_token_create(actor=None, user=user)
        self.client = Client(headers={"Authorization": f"Bearer {raw}"})

    def call(self, method: str, path: str, body: Any = None, **headers: str) -> tuple[int, Any]:
        send = getattr(self.client, method)
        if method == "get":
            response = send(f"/api/v1/emulation{path}", body or {}, headers=headers)
        else:
            response = send(
                f"/api/v1/emulation{path}",
                body or {},
                content_type="application/json",
                headers=headers,
            )
        return response.status_code, response.json()


def test_register_and_move_to_recognition(cast, tree, campaign, today):
    today(dt.date(2026, 3, 2))
    reporter, leader = Api(cast.reporter), Api(cast.leader)
    status, body = reporter.call(
        "post",
        "/models",
        {
            "campaign": campaign.pk,
            "unit": tree.mttq_dinh_cong.pk,
            "name": "Camera an ninh tổ dân phố số 1",
            "field": "quoc-phong-an-ninh",
            "address": "Tổ dân phố số 1",
            "funds": "12.5",
        },
    )
    assert status == 201, body
    pk = body["id"]
    assert body["state"] == "dang_ky" and body["lead_unit"]["id"] == tree.mttq_dinh_cong.pk
    status, body = reporter.call("post", f"/models/{pk}/transitions", {"move": "kiem_tra"})
    assert status == 403 and "không có quyền" in body["detail"]
    for move in ("kiem_tra", "thuc_hien"):
        status, body = leader.call("post", f"/models/{pk}/transitions", {"move": move})
        assert status == 200, body
    status, body = leader.call(
        "post", f"/models/{pk}/transitions", {"move": "so_ket", "note": "Tốt"}
    )
    assert status == 400 and "Chưa có ghi nhận tiến độ" in body["detail"]
    model = EmulationModel.objects.get(pk=pk)
    put_in(model, State.REVIEWED)
    scores = {str(c.pk): "8" for c in campaign.criteria.all()}
    status, body = leader.call(
        "post", f"/models/{pk}/transitions", {"move": "danh_gia", "scores": scores, "note": "Đạt"}
    )
    assert status == 200 and body["state"] == "danh_gia", body
    status, body = leader.call(
        "post", f"/models/{pk}/transitions", {"move": "cong_nhan", "level": "tinh"}
    )
    assert status == 403
    status, body = leader.call(
        "post", f"/models/{pk}/transitions", {"move": "cong_nhan", "level": "co-so"}
    )
    assert status == 200 and body["recognised_level"]["code"] == "co-so"
    assert body["recognised_by"]["id"] == tree.dinh_cong.pk


def test_list_filters_and_scope(cast, tree, campaign):
    register(campaign, tree.mttq_dinh_cong, name="Camera an ninh")
    put_in(register(campaign, tree.dai_kim, name="Vườn rau"), State.RECOGNISED)
    register(campaign, tree.buoi, name="Hồ Tây")
    board = Api(cast.board)
    status, body = board.call("get", "/models")
    assert status == 200 and {m["name"] for m in body["items"]} == {"Camera an ninh", "Vườn rau"}
    _, body = board.call("get", "/models", {"state": "cong_nhan", "level": "co-so"})
    assert [m["name"] for m in body["items"]] == ["Vườn rau"]
    _, body = board.call(
        "get", "/models", {"unit": tree.dinh_cong.pk, "year": 2026, "field": "kinh-te"}
    )
    assert [m["name"] for m in body["items"]] == ["Camera an ninh"]
    status, body = board.call("get", "/models", {"state": "khong-co"})
    assert status == 400 and "state" in body["errors"]
    status, _ = board.call("get", "/models", {"unit": tree.buoi.pk})
    assert status == 404
    hidden = EmulationModel.objects.get(name="Hồ Tây")
    assert board.call("get", f"/models/{hidden.pk}")[0] == 404


def test_patch_with_a_stale_version_is_409(cast, tree, campaign):
    model = register(campaign, tree.mttq_dinh_cong)
    leader = Api(cast.leader)
    response = leader.client.get(f"/api/v1/emulation/models/{model.pk}")
    etag = response["ETag"]
    status, body = leader.call("patch", f"/models/{model.pk}", {"address": "Ngõ 5"}, If_Match=etag)
    assert status == 200 and body["address"] == "Ngõ 5"
    status, body = leader.call("patch", f"/models/{model.pk}", {"address": "Ngõ 6"}, If_Match=etag)
    assert (
        status == 409 and body["version"] == body["version"] and "Địa chỉ" in str(body["changed"])
    )
    status, body = leader.call("patch", f"/models/{model.pk}", {"funds": "1e20"})
    assert status == 400


def test_counts_by_field_and_level_for_a_subtree(cast, tree, campaign):
    register(campaign, tree.mttq_dinh_cong, name="A")
    put_in(register(campaign, tree.dai_kim, name="B"), State.EXEMPLARY)
    put_in(register(campaign, tree.dai_kim, name="C"), State.STOPPED)
    status, body = Api(cast.board).call("get", "/counts", {"unit": tree.hoang_mai.pk})
    assert status == 200
    assert body["total"] == {"registered": 3, "effective": 1, "recognised": 1}
    by_field = {row["field"]["code"]: row["registered"] for row in body["by_field"]}
    assert by_field["kinh-te"] == 3
    assert {row["level"]["code"]: row["recognised"] for row in body["by_level"]}["co-so"] == 1
    assert {row["unit"]["name"]: row["registered"] for row in body["by_unit"]} == {
        "Phường Định Công": 1,
        "Phường Đại Kim": 2,
    }


def test_campaigns_created_within_scope(cast, tree, today):
    body = {
        "name": "Dân vận khéo 2026",
        "year": 2026,
        "launching_unit": tree.hoang_mai.pk,
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "levels": ["co-so"],
        "criteria": [{"name": "Có địa chỉ", "max_score": "10"}],
    }
    status, created = Api(cast.board).call("post", "/campaigns", body)
    assert status == 201 and created["criteria"][0]["name"] == "Có địa chỉ"
    own_ward = {**body, "launching_unit": tree.dinh_cong.pk}
    assert Api(cast.reporter).call("post", "/campaigns", own_ward)[0] == 403
    status, listed = Api(cast.reporter).call("get", "/campaigns")
    assert [c["name"] for c in listed["items"]] == ["Dân vận khéo 2026"]
    status, bad = Api(cast.board).call("post", "/campaigns", {**body, "ends_on": "2025-01-01"})
    assert status == 400 and "ends_on" in bad["errors"]


def test_campaign_patch_with_if_match(cast, city_board, campaign):
    city = Api(city_board)
    etag = city.client.get(f"/api/v1/emulation/campaigns/{campaign.pk}")["ETag"]
    status, body = Api(cast.board).call("patch", f"/campaigns/{campaign.pk}", {"name": "Khác"})
    assert status == 403  # the district board does not hold the city's campaign
    body_in = {
        "registration_deadline": "2026-04-15",
        "milestones": [{"name": "Sơ kết", "due_on": "2026-06-30"}],
    }
    status, body = city.call("patch", f"/campaigns/{campaign.pk}", body_in, If_Match=etag)
    assert status == 200 and body["registration_deadline"] == "2026-04-15"
    assert [m["name"] for m in body["milestones"]] == ["Sơ kết"]
    status, body = city.call("patch", f"/campaigns/{campaign.pk}", {"name": "Cũ"}, If_Match=etag)
    assert status == 409
