"""/api/v1/welfare: campaigns list and detail, gifts (masked unless the capability),
create a gift (flagged when a duplicate), transitions, stats by category and organisation;
400 with the field named, 403, 404 outside scope."""

from __future__ import annotations

import json

import pytest

from danvan.welfare.models import ReadLog
from tests.welfare.conftest import DAY, bearer, give, household

pytestmark = pytest.mark.django_db


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_campaigns_and_gifts(campaign, officers, tree, units, cast):
    person = household(officers.front, tree, units)
    give(officers.front, campaign, person, tree.mttq_dinh_cong)
    front, board = bearer(officers.front), bearer(cast.board)
    listed = board.get("/api/v1/welfare/campaigns").json()
    assert listed["count"] == 1 and listed["items"][0]["portions"] == 1
    detail = board.get(f"/api/v1/welfare/campaigns/{campaign.pk}").json()
    assert detail["value"] == "500000" and detail["state"] == "dang_trien_khai"
    assert bearer(officers.other).get(f"/api/v1/welfare/campaigns/{campaign.pk}").status_code == 404
    masked = board.get(f"/api/v1/welfare/gifts?campaign={campaign.pk}").json()
    assert masked["items"][0]["household"] == "Nguyễn V. A., Tổ dân phố số 1"
    full = front.get("/api/v1/welfare/gifts").json()
    assert full["items"][0]["household"] == "Nguyễn Văn An, Tổ dân phố số 1"
    assert "001085012345" not in json.dumps(full)
    assert ReadLog.objects.filter(action=ReadLog.Action.API_LIST).count() == 2
    assert bearer(cast.stranger).get("/api/v1/welfare/gifts").status_code == 404


def test_create_a_gift_and_its_duplicate(campaign, officers, tree, units, cast):
    person = household(officers.front, tree, units)
    body = {
        "campaign": campaign.pk,
        "giver": units.red_cross.pk,
        "given_on": DAY.isoformat(),
        "value": "700000",
        "form": "hien_vat",
        "beneficiary": person.pk,
    }
    give(officers.front, campaign, person, tree.mttq_dinh_cong)
    created = _post(bearer(officers.red_cross), "/api/v1/welfare/gifts", body)
    assert created.status_code == 201, created.content
    assert created.json()["duplicate_state"] == "nghi_trung"
    new = {
        **body,
        "beneficiary": None,
        "household": {
            "head_name": "Đỗ Văn Tâm",
            "category": "nguoi_co_cong",
            "area": units.area.pk,
        },
    }
    made = _post(bearer(officers.red_cross), "/api/v1/welfare/gifts", new)
    assert made.status_code == 201 and made.json()["duplicate_state"] == ""
    refused = _post(bearer(officers.red_cross), "/api/v1/welfare/gifts", {**body, "value": "-1"})
    assert refused.status_code == 400 and "value" in refused.json()["errors"]
    empty = _post(
        bearer(officers.red_cross), "/api/v1/welfare/gifts", {**body, "beneficiary": None}
    )
    assert empty.status_code == 400 and "beneficiary" in empty.json()["errors"]
    nul = _post(
        bearer(officers.red_cross), "/api/v1/welfare/gifts", {**body, "description": "a\x00"}
    )
    assert nul.status_code == 400
    # The board reads totals: the household's record is out of its reach (404), and a new
    # household may not be entered by it (403).
    assert _post(bearer(cast.board), "/api/v1/welfare/gifts", body).status_code == 404
    board_new = _post(
        bearer(cast.board),
        "/api/v1/welfare/gifts",
        {**new, "household": {"head_name": "Ngô Văn Dũng", "category": "ho_ngheo"}},
    )
    assert board_new.status_code == 403


def test_transitions_and_stats(campaign, officers, tree, units, cast):
    poor = household(officers.front, tree, units)
    old = household(officers.front, tree, units, head_name="Lê Thị Cúc", category="nguoi_cao_tuoi")
    give(officers.front, campaign, poor, tree.mttq_dinh_cong)
    give(officers.women, campaign, old, units.women, value="300000")
    stats = bearer(cast.board).get(f"/api/v1/welfare/stats?org_unit={tree.dinh_cong.pk}").json()
    assert stats["portions"] == 2 and stats["value"] == "800000"
    assert {r["key"]: r["portions"] for r in stats["by_category"]} == {
        "ho_ngheo": 1,
        "nguoi_cao_tuoi": 1,
    }
    assert {r["label"] for r in stats["by_organisation"]} == {
        tree.mttq_dinh_cong.name,
        units.women.name,
    }
    url = f"/api/v1/welfare/campaigns/{campaign.pk}/transitions"
    assert _post(bearer(officers.women), url, {"to": "da_ket_thuc"}).status_code == 403
    stale = _post(bearer(officers.front), url, {"to": "da_ket_thuc", "version": 1})
    assert stale.status_code == 409
    moved = _post(bearer(officers.front), url, {"to": "da_ket_thuc"})
    assert moved.status_code == 200 and moved.json()["state"] == "da_ket_thuc"
    wrong = _post(bearer(officers.front), url, {"to": "ke_hoach"})
    assert wrong.status_code == 400 and "to" in wrong.json()["errors"]
