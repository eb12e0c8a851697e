"""The awards pages with the Django client: each role sees exactly its subtree (404
outside), the list's filters and search without marks, the XLSX, recording a decision and
its danh sách (refusals shown on the form), revoking, the histories on person and unit
pages, bad input answered 400 or ignored, never 500."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from danvan.access.system import SYSTEM
from danvan.awards import services
from danvan.awards.models import Award, AwardDecision
from tests.awards.conftest import DAY_2019

LIST = "/quan-ly/khen-thuong/"


@pytest.fixture
def awards(decision_2019: Any, ward_decision: Any, tree: Any, officials: Any) -> dict[str, Any]:
    return {
        "dai_kim": services.award_add(
            actor=SYSTEM, decision=decision_2019, recipient_unit=tree.dai_kim
        ),
        "hung": services.award_add(
            actor=SYSTEM, decision=decision_2019, recipient_person=officials["hung"]
        ),
        "ward": services.award_add(
            actor=SYSTEM, decision=ward_decision, recipient_unit=tree.mttq_dinh_cong
        ),
    }


def test_each_role_sees_its_subtree(awards: dict[str, Any], cast: Any, as_user: Any) -> None:
    board = _results(as_user(cast.board))
    assert "Phường Đại Kim" in board and "Ủy ban MTTQ phường Định Công" in board
    leader = as_user(cast.leader)
    page = _results(leader)
    assert "Ủy ban MTTQ phường Định Công" in page and "Phường Đại Kim" not in page
    assert leader.get(f"{LIST}{awards['dai_kim'].pk}/").status_code == 404
    assert leader.get(f"{LIST}{awards['ward'].pk}/").status_code == 200
    assert leader.get(f"{LIST}quyet-dinh/{awards['dai_kim'].decision_id}/").status_code == 404
    assert as_user(cast.viewer).get(f"{LIST}{awards['dai_kim'].pk}/").status_code == 200
    assert as_user(cast.stranger).get(LIST).status_code == 403
    assert as_user(cast.editor).get(LIST).status_code == 403


def _results(client: Any, **params: Any) -> str:
    """The results part (htmx), without the filter form's options."""
    return client.get(LIST, params, headers={"HX-Request": "true"}).content.decode()


def test_filters_and_search_without_marks(awards: Any, cast: Any, as_user: Any) -> None:
    client = as_user(cast.board)
    page = _results(client, q="khuong quoc")
    assert "Khương Quốc Hưng" in page and "Phường Đại Kim" not in page
    page = _results(client, recipient_kind="tap_the", year="2026")
    assert "Ủy ban MTTQ phường Định Công" in page and "Phường Đại Kim" not in page
    page = client.get(LIST, {"q": "khong co ai"}).content.decode()
    assert "Không có khen thưởng nào khớp" in page
    htmx = client.get(LIST, {"q": "dai kim"}, headers={"HX-Request": "true"})
    assert "<html" not in htmx.content.decode() and "Phường Đại Kim" in htmx.content.decode()


def test_bad_filters_never_fail(awards: Any, cast: Any, as_user: Any) -> None:
    client = as_user(cast.board)
    for params in (
        {"year": "99999999999999999999"},
        {"year": "abc"},
        {"meeting": "-1"},
        {"org_unit": "xyz"},
        {"form": "9999999999999999999999"},
        {"page": "999999"},
    ):
        assert client.get(LIST, params).status_code == 200, params
    assert client.get(LIST, {"q": "a\x00b"}).status_code == 400


def test_xlsx_keeps_the_filters(awards: Any, cast: Any, as_user: Any) -> None:
    response = as_user(cast.board).get(LIST, {"year": "2019", "xuat": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if r and r[0] == "Tập thể, cá nhân")
    data = rows[rows.index(header) + 1 :]
    assert {r[0] for r in data} == {"Phường Đại Kim", "Khương Quốc Hưng"}
    assert any("2019" in str(cell) for row in rows[:3] for cell in row if cell)


def test_record_a_decision_and_its_list(tree: Any, cast: Any, as_user: Any, catalogue: Any) -> None:
    client = as_user(cast.leader)
    response = client.post(
        f"{LIST}quyet-dinh/them/",
        {
            "issuer": tree.dinh_cong.pk,
            "form": catalogue["giay-khen"].pk,
            "decided_on": "2026-03-02",
            "reason": "Đã có thành tích trong phong trào “Dân vận khéo” năm 2025",
        },
    )
    assert response.status_code == 302
    decision = AwardDecision.objects.get(issuer=tree.dinh_cong)
    added = client.post(
        f"{LIST}quyet-dinh/{decision.pk}/them-ten/",
        {"recipient_kind": "tap_the", "recipient_unit": tree.mttq_dinh_cong.pk},
    )
    assert added.status_code == 302
    twice = client.post(
        f"{LIST}quyet-dinh/{decision.pk}/them-ten/",
        {"recipient_kind": "tap_the", "recipient_unit": tree.mttq_dinh_cong.pk},
    )
    assert twice.status_code == 400
    assert "đã được khen thưởng về thành tích này" in twice.content.decode()
    page = client.get(f"{LIST}quyet-dinh/{decision.pk}/").content.decode()
    assert "Tập thể (1)" in page and "Tải dự thảo (DOCX)" in page
    docx = client.get(f"{LIST}quyet-dinh/{decision.pk}/tai-ve/")
    assert docx.status_code == 200 and docx["Content-Type"].endswith("document")


def test_district_decision_dated_2026_is_refused_on_the_form(
    tree: Any, cast: Any, as_user: Any, catalogue: Any
) -> None:
    response = as_user(cast.board).post(
        f"{LIST}quyet-dinh/them/",
        {
            "issuer": tree.hoang_mai.pk,
            "form": catalogue["giay-khen"].pk,
            "decided_on": "2026-03-02",
            "reason": "Thành tích năm 2025",
        },
    )
    assert response.status_code == 400
    assert "không có thẩm quyền tặng «Giấy khen» vào ngày 02/03/2026" in response.content.decode()
    assert not AwardDecision.objects.filter(issuer=tree.hoang_mai, decided_on__year=2026).exists()


def test_edit_with_a_stale_version(ward_decision: Any, cast: Any, as_user: Any) -> None:
    client = as_user(cast.leader)
    url = f"{LIST}quyet-dinh/{ward_decision.pk}/sua/"
    opened = ward_decision.version
    form = {
        "form": ward_decision.form_id,
        "decided_on": "2026-03-02",
        "reason": ward_decision.reason,
        "version": opened,
    }
    assert client.post(url, {**form, "note": "Lần một"}).status_code == 302
    stale = client.post(url, {**form, "note": "Lần hai"})
    assert stale.status_code == 400 and "sau khi bạn mở trang" in stale.content.decode()


def test_revoke_from_the_page(awards: Any, cast: Any, as_user: Any) -> None:
    award = awards["dai_kim"]
    url = f"{LIST}{award.pk}/thu-hoi/"
    assert as_user(cast.viewer).post(url, {"reason": "Sai"}).status_code == 403
    empty = as_user(cast.board).post(url, {"reason": ""})
    assert empty.status_code == 400
    done = as_user(cast.board).post(url, {"reason": "Kê khai không trung thực"})
    assert done.status_code == 302
    award.refresh_from_db()
    assert award.revoked_reason == "Kê khai không trung thực"
    page = as_user(cast.board).get(f"{LIST}{award.pk}/").content.decode()
    assert "Đã thu hồi" in page


def test_person_and_unit_pages_show_the_history(
    awards: Any, cast: Any, as_user: Any, officials: Any, tree: Any
) -> None:
    client = as_user(cast.board)
    person = client.get(f"/quan-ly/can-bo/{officials['hung'].pk}/").content.decode()
    assert 'id="khen-thuong"' in person and "Giấy khen" in person
    unit = client.get(f"/quan-ly/don-vi/{tree.dai_kim.pk}/").content.decode()
    assert "thành tích xuất sắc trong công tác dân vận năm 2019" in unit
    issuer = client.get(f"/quan-ly/don-vi/{tree.hoang_mai.pk}/").content.decode()
    assert "tặng Phường Đại Kim" in issuer


def test_remove_a_line_before_issuing(awards: Any, cast: Any, as_user: Any) -> None:
    award = awards["dai_kim"]
    response = as_user(cast.board).post(f"{LIST}{award.pk}/bo/")
    assert response.status_code == 302
    assert not Award.objects.filter(pk=award.pk).exists()
    assert Award.all_objects.filter(pk=award.pk).exists()


def test_decision_list_by_year(awards: Any, cast: Any, as_user: Any) -> None:
    page = as_user(cast.board).get(f"{LIST}quyet-dinh/", {"nam": str(DAY_2019.year)})
    html = page.content.decode()
    assert page.status_code == 200 and "Quận Hoàng Mai" in html and "Phường Định Công" not in html
