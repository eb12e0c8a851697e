"""The meetings, tasks and documents API as the cast uses it: record a meeting, conclude,
raise a task, report progress, watch it fall overdue; scope and refusals in Vietnamese."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from danvan.accounts.services import api_token_create
from danvan.core import clock
from danvan.meetings.models import Attendance
from tests.factories import make_person


class Api:
    def __init__(self, user: Any) -> None:
        _, raw = api_token_create(actor=None, user=user)
        self.client = Client(headers={"Authorization": f"Bearer {raw}"})

    def post(self, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        response = self.client.post(f"/api/v1{path}", body, content_type="application/json")
        return response.status_code, response.json()

    def get(self, path: str, **params: Any) -> tuple[int, Any]:
        response = self.client.get(f"/api/v1{path}", params)
        return response.status_code, response.json()


@pytest.fixture
def frozen(monkeypatch: Any) -> Any:
    def set_day(day: dt.date) -> None:
        monkeypatch.setattr(clock, "today", lambda: day)

    set_day(dt.date(2023, 3, 1))
    return set_day


def _giao_ban(board_api: Api, tree: Any) -> dict[str, Any]:
    status, body = board_api.post(
        "/meetings",
        {
            "title": "Hội nghị giao ban công tác Dân vận tháng 2/2023",
            "kind": "giao-ban-thang",
            "org_unit": tree.bdv_hoang_mai.pk,
            "starts_at": "2023-02-23T08:00:00+07:00",
            "period_code": "2023-02",
            "co_organisers": [tree.dinh_cong.pk],
        },
    )
    assert status == 201, body
    return body


def test_the_loop_through_the_api(tree, cast, frozen):
    board = Api(cast.board)
    meeting = _giao_ban(board, tree)
    chair = make_person(tree.bdv_hoang_mai, "Khương Quốc Hưng", "UVTV, Trưởng Ban Dân vận Quận ủy")
    status, attendee = board.post(
        f"/meetings/{meeting['id']}/attendees", {"person": chair.pk, "role": "chu_tri"}
    )
    assert status == 201, attendee
    assert attendee["position"] == "UVTV, Trưởng Ban Dân vận Quận ủy"
    status, conclusion = board.post(
        f"/meetings/{meeting['id']}/conclusions",
        {"text": "Đánh giá kết quả hoạt động từng tuần, từng tháng."},
    )
    assert (status, conclusion["number"]) == (201, 1)
    status, task = board.post(
        "/tasks",
        {
            "title": "Đánh giá kết quả hoạt động từng tuần",
            "lead_unit": tree.mttq_dinh_cong.pk,
            "deadline": "2023-03-20",
            "conclusion": conclusion["id"],
        },
    )
    assert status == 201, task
    assert task["source"] == {
        "kind": "ket_luan",
        "conclusion_id": conclusion["id"],
        "meeting_id": meeting["id"],
        "document_id": None,
        "programme_item_id": None,
    }

    status, found = board.get("/meetings", q="giao ban")
    assert status == 200 and found["count"] == 1
    status, detail = board.get(f"/meetings/{meeting['id']}")
    assert [c["name"] for c in detail["chairs"]] == ["Khương Quốc Hưng"]
    assert [t["id"] for t in detail["conclusions"][0]["tasks"]] == [task["id"]]

    assert board.get("/tasks", overdue="true")[1]["count"] == 0
    frozen(dt.date(2023, 3, 21))
    status, overdue = board.get("/tasks", overdue="true")
    assert [t["id"] for t in overdue["items"]] == [task["id"]]
    assert overdue["items"][0]["status"] == "qua_han"

    # The ward reporter of the lead unit reports it done: no longer overdue.
    status, done = Api(cast.reporter).post(
        f"/tasks/{task['id']}/progress", {"progress": 100, "note": "Đã triển khai xong."}
    )
    assert status == 201, done
    assert (done["status"], done["completed_on"]) == ("hoan_thanh", "2023-03-21")
    assert board.get("/tasks", overdue="true")[1]["count"] == 0


def test_scope_and_refusals(tree, cast, frozen):
    board = Api(cast.board)
    meeting = _giao_ban(board, tree)
    # The Tây Hồ side cannot see a Hoàng Mai meeting; a stranger sees nothing.
    from tests.factories import UserFactory, grant

    tay_ho = UserFactory(username="tayho")
    grant(tay_ho, "board_staff", tree.tay_ho)
    assert Api(tay_ho).get(f"/meetings/{meeting['id']}")[0] == 404
    assert Api(cast.stranger).get("/meetings")[1]["count"] == 0
    # A viewer reads but may not write.
    assert Api(cast.viewer).get(f"/meetings/{meeting['id']}")[0] == 200
    status, body = Api(cast.viewer).post(
        f"/meetings/{meeting['id']}/conclusions", {"text": "Một kết luận"}
    )
    assert status == 403 and "quyền" in body["detail"]
    # Bad input names the field, in Vietnamese.
    status, body = board.post(
        "/meetings",
        {
            "title": "Giao ban",
            "kind": "khong-co",
            "org_unit": tree.bdv_hoang_mai.pk,
            "starts_at": "2023-02-23T08:00:00+07:00",
        },
    )
    assert status == 400 and "kind" in body["errors"]
    status, body = board.get("/meetings", **{"from": "23/02/2023"})
    assert status == 400 and "from" in body["errors"]


def test_documents_search_and_numbering(tree, cast, frozen):
    board = Api(cast.board)
    status, doc = board.post(
        "/documents",
        {
            "org_unit": tree.hoang_mai.pk,
            "type": "Chỉ thị",
            "number": "18",
            "symbol": "CT",
            "issuer_code": "TW",
            "issuer_name": "Ban Bí thư Trung ương Đảng",
            "issued_on": "2022-10-26",
            "title": "Về phát huy vai trò giám sát, phản biện xã hội của MTTQ Việt Nam",
        },
    )
    assert status == 201, doc
    assert doc["reference"] == "18-CT/TW"
    for query in ("chi thi 18", "Chỉ thị 18", "giam sat phan bien"):
        assert [d["id"] for d in board.get("/documents", q=query)[1]["items"]] == [doc["id"]]
    assert board.get("/documents", q="nghi quyet")[1]["count"] == 0
    # Cấp số needs the issuer's numbering first: refused with a message saying so.
    status, body = board.post(
        "/documents/issue", {"issuer": tree.bdv_hoang_mai.pk, "type": "Báo cáo", "title": "BC"}
    )
    assert status == 400, body


def test_the_meeting_list_reads_chairs_and_their_units_in_a_fixed_number_of_queries(
    tree, cast, frozen, django_assert_max_num_queries
):
    board = Api(cast.board)

    def add_meeting_with_chair(n: int) -> None:
        meeting = _giao_ban(board, tree)
        chair = make_person(tree.bdv_hoang_mai, f"Chủ trì số {n}", "Trưởng Ban Dân vận")
        status, _ = board.post(
            f"/meetings/{meeting['id']}/attendees", {"person": chair.pk, "role": "chu_tri"}
        )
        assert status == 201
        # As the demo and the meeting page record them: the chair's unit beside the name.
        Attendance.objects.filter(meeting_id=meeting["id"]).update(org_unit=tree.bdv_hoang_mai)

    for n in range(1, 6):
        add_meeting_with_chair(n)

    # Token, scope, count, page, co-organisers, chairs: the chairs' units used to come
    # one query per chair (the list's N+1 under load).
    with django_assert_max_num_queries(8):
        status, body = board.get("/meetings")
    assert status == 200 and body["count"] == 5
    assert {item["chairs"][0]["org_unit"]["id"] for item in body["items"]} == {
        tree.bdv_hoang_mai.pk
    }
