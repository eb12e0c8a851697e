"""/api/v1/democracy: the lists and counts within the caller's scope, a record, the
checklist; bad parameters are a 400 in Vietnamese, another unit's record a 404."""

from __future__ import annotations

import pytest

from tests.democracy.conftest import bearer

pytestmark = pytest.mark.django_db

API = "/api/v1/democracy"


def test_lists_and_counts_within_scope(register, cast, tree):
    leader = bearer(cast.leader)
    found = leader.get(f"{API}/disclosures").json()
    assert found["count"] == 5  # Định Công and its tổ dân phố, drafts included
    names = {item["content"] for item in found["items"]}
    assert "Dự toán ngân sách phường Đại Kim năm 2026" not in names
    old = next(i for i in found["items"] if i["id"] == register.old.pk)
    assert old["state"] == "cong_khai" and old["shown_state"] == "het_han"
    assert old["item"]["clause"].endswith("Điều 11")
    assert old["org_unit"] == {"id": tree.dinh_cong.pk, "name": tree.dinh_cong.name}
    decided = leader.get(
        f"{API}/decisions",
        {"state": "da_bieu_quyet", "start": "2026-03-01", "end": "2026-03-31"},
    ).json()
    assert decided["count"] == 2
    assert {i["outcome"] for i in decided["items"]} == {"thong_qua", "khong_thong_qua"}
    assert leader.get(f"{API}/consultations").json()["count"] == 2
    assert leader.get(f"{API}/oversight", {"q": "Đền ơn"}).json()["count"] == 1
    stats = leader.get(f"{API}/stats").json()
    assert stats["disclosures"] == {"nhap": 1, "cong_khai": 3, "thu_hoi": 1}
    assert stats["decisions"] == {"du_kien": 1, "da_bieu_quyet": 2, "huy": 0}
    # The district reads both wards; Đại Kim's leader only theirs.
    assert bearer(cast.board).get(f"{API}/disclosures").json()["count"] == 6
    other = bearer(register.other_leader)
    assert other.get(f"{API}/disclosures").json()["count"] == 1
    assert other.get(f"{API}/disclosures/{register.budget.pk}").status_code == 404
    by_unit = bearer(cast.board).get(f"{API}/decisions", {"org_unit": tree.dai_kim.pk}).json()
    assert [i["subject"] for i in by_unit["items"]] == ["Quy ước khu tập thể"]


def test_a_record_and_the_checklist(register, cast, tree):
    leader = bearer(cast.leader)
    rule = leader.get(f"{API}/decisions/{register.rule.pk}").json()
    assert rule["votes_for"] == 150 and rule["outcome_label"] == "Thông qua"
    checklist = leader.get(f"{API}/checklist", {"org_unit": tree.dinh_cong.pk, "year": 2026})
    assert checklist.status_code == 200
    body = checklist.json()
    assert body["missing"] == len(body["items"]) - 3
    budget = next(i for i in body["items"] if i["code"] == "ngan-sach")
    assert budget["disclosures"] == [register.budget.pk] and not budget["missing"]


def test_bad_parameters_and_strangers(register, cast, tree):
    leader = bearer(cast.leader)
    assert leader.get(f"{API}/khong-co").status_code == 404
    assert leader.get(f"{API}/disclosures", {"limit": 0}).status_code in (400, 422)
    bad_date = leader.get(f"{API}/disclosures", {"start": "31/02/2026"})
    assert bad_date.status_code == 400
    assert leader.get(f"{API}/disclosures", {"q": "a\x00"}).status_code == 400
    assert leader.get(
        f"{API}/checklist", {"org_unit": tree.dinh_cong.pk, "year": 1990}
    ).status_code in (400, 422)
    assert (
        bearer(register.other_leader)
        .get(f"{API}/checklist", {"org_unit": tree.dinh_cong.pk, "year": 2026})
        .status_code
        == 404
    )
    stranger = bearer(cast.stranger)
    assert stranger.get(f"{API}/disclosures").status_code == 404
    assert stranger.get(f"{API}/stats").status_code == 404
