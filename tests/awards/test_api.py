"""/api/v1/awards: list with filters and scope, detail, record a decision and its
recipients within scope (the dated authority refused with a Vietnamese message), revoke."""

from __future__ import annotations

from typing import Any

from django.test import Client

from danvan.access.system import SYSTEM
from danvan.accounts.services import api_token_create
from danvan.awards import services


class Api:
    def __init__(self, user: Any) -> None:
        raw = api_token_create(actor=SYSTEM, user=user, name="test")[1]
        self.client = Client(headers={"Authorization": f"Bearer {raw}"})

    def post(self, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        response = self.client.post(f"/api/v1{path}", body, content_type="application/json")
        return response.status_code, response.json()

    def get(self, path: str, **params: Any) -> tuple[int, Any]:
        response = self.client.get(f"/api/v1{path}", params)
        return response.status_code, response.json()


def test_list_filters_and_scope(
    decision_2019: Any, ward_decision: Any, tree: Any, cast: Any
) -> None:
    services.award_add(actor=SYSTEM, decision=decision_2019, recipient_unit=tree.dai_kim)
    services.award_add(actor=SYSTEM, decision=decision_2019, recipient_unit=tree.dinh_cong)
    services.award_add(actor=SYSTEM, decision=ward_decision, recipient_unit=tree.mttq_dinh_cong)
    status, body = Api(cast.board).get("/awards")
    assert status == 200 and body["count"] == 3
    status, body = Api(cast.board).get("/awards", year=2019, form="giay-khen")
    assert body["count"] == 2
    assert {row["recipient_name"] for row in body["items"]} == {
        "Phường Đại Kim",
        "Phường Định Công",
    }
    # The ward leader sees its own decision's award and the district's award to the ward.
    status, body = Api(cast.leader).get("/awards")
    assert {row["recipient_name"] for row in body["items"]} == {
        "Phường Định Công",
        "Ủy ban MTTQ phường Định Công",
    }
    outsider = Api(cast.stranger).get("/awards")
    assert outsider[0] == 200 and outsider[1]["count"] == 0


def test_detail_outside_scope_is_404(decision_2019: Any, tree: Any, cast: Any) -> None:
    award = services.award_add(actor=SYSTEM, decision=decision_2019, recipient_unit=tree.dai_kim)
    assert Api(cast.board).get(f"/awards/{award.pk}")[0] == 200
    status, body = Api(cast.leader).get(f"/awards/{award.pk}")
    assert status == 404 and "phạm vi" in body["detail"]


def test_create_decision_and_add_award(tree: Any, cast: Any, catalogue: Any) -> None:
    api = Api(cast.leader)
    status, decision = api.post(
        "/awards/decisions",
        {
            "issuer": tree.dinh_cong.pk,
            "form": "giay-khen",
            "decided_on": "2026-03-02",
            "reason": "Đã có thành tích trong phong trào “Dân vận khéo” năm 2025",
        },
    )
    assert status == 201, decision
    status, award = api.post(
        f"/awards/decisions/{decision['id']}/awards", {"recipient_unit": tree.mttq_dinh_cong.pk}
    )
    assert status == 201 and award["recipient_kind"] == "tap_the"
    status, again = api.post(
        f"/awards/decisions/{decision['id']}/awards", {"recipient_unit": tree.mttq_dinh_cong.pk}
    )
    assert status == 400 and "đã được khen thưởng" in again["detail"]


def test_district_giay_khen_2026_refused_by_api(tree: Any, cast: Any, catalogue: Any) -> None:
    status, body = Api(cast.board).post(
        "/awards/decisions",
        {
            "issuer": tree.hoang_mai.pk,
            "form": "giay-khen",
            "decided_on": "2026-03-02",
            "reason": "X",
        },
    )
    assert status == 400
    assert "không có thẩm quyền" in body["errors"]["form"][0]


def test_decision_outside_scope_is_refused(tree: Any, cast: Any, catalogue: Any) -> None:
    status, _ = Api(cast.leader).post(
        "/awards/decisions",
        {"issuer": tree.buoi.pk, "form": "giay-khen", "decided_on": "2026-03-02", "reason": "X"},
    )
    assert status == 404


def test_revoke(decision_2019: Any, tree: Any, cast: Any) -> None:
    award = services.award_add(actor=SYSTEM, decision=decision_2019, recipient_unit=tree.dai_kim)
    status, body = Api(cast.viewer).post(f"/awards/{award.pk}/revoke", {"reason": "Sai"})
    assert status == 403
    status, body = Api(cast.board).post(f"/awards/{award.pk}/revoke", {"reason": ""})
    assert status == 400
    status, body = Api(cast.board).post(
        f"/awards/{award.pk}/revoke", {"reason": "Kê khai không trung thực"}
    )
    assert status == 200 and body["revoked_on"] and body["revoked_reason"]
    status, body = Api(cast.board).get("/awards", revoked="true")
    assert body["count"] == 1


def test_a_decision_known_by_its_numbers(tree: Any, cast: Any, catalogue: Any) -> None:
    api = Api(cast.leader)
    body = {
        "issuer": tree.dinh_cong.pk,
        "form": "giay-khen",
        "decided_on": "2026-03-02",
        "reason": "Đã có thành tích trong phong trào “Dân vận khéo” năm 2025",
        "stated_collectives": 7,
        "stated_individuals": 3,
        "source": "Bài viết trên cổng thông tin phường",
    }
    status, decision = api.post("/awards/decisions", body)
    assert status == 201, decision
    assert (decision["stated_collectives"], decision["stated_individuals"]) == (7, 3)
    assert decision["source"] == "Bài viết trên cổng thông tin phường"
    status, refused = api.post("/awards/decisions", {**body, "stated_collectives": 10**12})
    assert status in (400, 422) and "stated_collectives" in str(refused)
