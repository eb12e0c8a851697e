"""Awards an article states become decisions of the awards register known by their numbers
(danvan/textimport/awards.py): offered on the review page, written on accept with the
meeting, counted by the register until their lists are in."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.access.system import SYSTEM
from danvan.awards import selectors as award_selectors
from danvan.awards import services as award_services
from danvan.awards.catalogue import catalogue_ensure
from danvan.awards.models import AwardDecision, AwardForm, RecipientKind
from danvan.meetings.models import Meeting
from danvan.textimport import awards as stated_awards
from danvan.textimport.models import ArticleImport
from tests.conftest import client_for
from tests.factories import OrganisationKindFactory
from tests.stale import form_data
from tests.textimport.test_pages import ARTICLE, errors

AWARDED = ARTICLE + (
    "\nDịp này, Quận ủy Hoàng Mai đã tặng Giấy khen cho 10 tập thể, 6 cá nhân đã có thành tích"
    " xuất sắc trong công tác dân vận năm 2023; UBND quận tặng Bằng khen cho 3 tập thể, cá"
    " nhân.\n"
)


@pytest.fixture
def forms(tree: Any) -> dict[str, AwardForm]:
    OrganisationKindFactory(code="chinh-quyen", name="Chính quyền (UBND)", short_name="UBND")
    OrganisationKindFactory(code="cap-uy", name="Cấp ủy Đảng", short_name="Cấp ủy")
    catalogue_ensure()
    return {form.code: form for form in AwardForm.objects.all()}


def _item(board: Any, text: str = AWARDED) -> ArticleImport:
    answer = board.post("/quan-ly/nhap-bai-viet/moi/", {"text": text})
    assert answer.status_code == 302
    return ArticleImport.objects.get()


def test_rows_one_per_decision_ticked_only_when_complete(
    cast: Any, forms: dict[str, AwardForm]
) -> None:
    item = _item(client_for(cast.board))
    rows = stated_awards.rows(item)
    assert [(r["form"], r["collectives"], r["individuals"], r["include"]) for r in rows] == [
        (forms["giay-khen"].pk, 10, 6, True),
        (forms["bang-khen"].pk, 0, 0, False),  # a total the text does not break down
    ]
    assert rows[0]["reason"] == "Đã có thành tích xuất sắc trong công tác dân vận năm 2023"
    assert rows[0]["text"] == "10 tập thể; 6 cá nhân"
    assert "cần tách" in rows[1]["text"]


def test_a_kind_written_again_is_another_decision_with_its_own_achievement(
    cast: Any, forms: dict[str, AwardForm]
) -> None:
    text = ARTICLE + (
        "\nDịp này, Quận ủy đã khen thưởng 12 tập thể, 4 cá nhân có thành tích trong công"
        " tác dân vận; khen thưởng 8 tập thể, 3 cá nhân có thành tích trong thực hiện dân"
        " chủ ở cơ sở năm 2023.\n"
    )
    rows = stated_awards.rows(_item(client_for(cast.board), text))
    assert [(r["collectives"], r["individuals"]) for r in rows] == [(12, 4), (8, 3)]
    assert rows[0]["reason"] == "Đã có thành tích trong công tác dân vận"
    assert rows[1]["reason"] == "Đã có thành tích trong thực hiện dân chủ ở cơ sở năm 2023"
    assert not any(r["include"] for r in rows)  # no form written: the reviewer picks it


def test_accept_records_the_decision_at_the_meeting_and_the_register_counts_it(
    cast: Any, tree: Any, forms: dict[str, AwardForm]
) -> None:
    board = client_for(cast.board)
    item = _item(board)
    url = f"/quan-ly/nhap-bai-viet/{item.pk}/"
    data = form_data(board, url)
    assert data["khen_thuong-TOTAL_FORMS"] == "2"
    assert data["khen_thuong-0-include"] == "on" and "khen_thuong-1-include" not in data
    data["khen_thuong-0-issuer"] = str(tree.hoang_mai.pk)
    accepted = board.post(f"{url}chap-nhan/", data)
    assert accepted.status_code == 302, errors(accepted)
    meeting = Meeting.objects.get()
    decision = AwardDecision.objects.get()
    assert (decision.issuer, decision.form, decision.meeting) == (
        tree.hoang_mai,
        forms["giay-khen"],
        meeting,
    )
    assert (decision.stated_collectives, decision.stated_individuals) == (10, 6)
    assert decision.decided_on == dt.date(2024, 4, 2)
    assert f"#{item.pk}" in decision.source
    assert not decision.awards.exists()  # no invented names

    # The meeting and the register count it until its list is in.
    page = board.get(f"/quan-ly/hoi-nghi/{meeting.pk}/").content.decode()
    assert "10 tập thể, 6 cá nhân" in page
    assert "16 tập thể, cá nhân chưa có tên" in page
    year = {"root": tree.hanoi, "start": dt.date(2024, 1, 1), "end": dt.date(2024, 12, 31)}
    assert award_selectors.period_award_counts(**year) == {
        "": 16,
        "tap_the": 10,
        "ca_nhan": 6,
        "ho_gia_dinh": 0,
    }
    # Names added: the larger of names and stated numbers.
    for name in ("Phường Định Công", "Phường Đại Kim"):
        award_services.award_add(
            actor=SYSTEM,
            decision=decision,
            recipient_kind=RecipientKind.COLLECTIVE,
            recipient_unit=tree.dinh_cong if "Định" in name else tree.dai_kim,
            achievement=decision.reason,
        )
    assert award_selectors.period_award_counts(**year)["tap_the"] == 10
    group = award_selectors.meeting_award_groups(meeting=meeting)[0]
    assert (group.collectives, group.unnamed) == (10, 14)
    decision.refresh_from_db()
    award_services.decision_update(
        actor=SYSTEM, decision=decision, version=decision.version, stated_collectives=1
    )
    assert award_selectors.period_award_counts(**year)["tap_the"] == 2


def test_an_incomplete_or_unauthorised_row_writes_nothing(
    cast: Any, tree: Any, forms: dict[str, AwardForm]
) -> None:
    board = client_for(cast.board)
    item = _item(board)
    url = f"/quan-ly/nhap-bai-viet/{item.pk}/"
    data = form_data(board, url)
    data["khen_thuong-0-issuer"] = str(tree.hoang_mai.pk)
    # The total row ticked as it is: no form chosen is named, nothing is written.
    data["khen_thuong-1-include"] = "on"
    data["khen_thuong-1-form"] = ""
    answer = board.post(f"{url}chap-nhan/", data)
    assert answer.status_code == 400
    assert "Chọn hình thức khen thưởng." in errors(answer)
    # A ward may not give a Bằng khen: the register's authority refuses, atomically.
    data["khen_thuong-1-form"] = str(forms["bang-khen"].pk)
    data["khen_thuong-1-collectives"] = "3"
    data["khen_thuong-1-issuer"] = str(tree.dinh_cong.pk)
    answer = board.post(f"{url}chap-nhan/", data)
    assert answer.status_code == 400
    assert any(e.startswith("Khen thưởng dòng 2:") for e in errors(answer)), errors(answer)
    assert not Meeting.objects.exists() and not AwardDecision.objects.exists()
    # Huge or wrong numbers are a 400 naming the field.
    data["khen_thuong-1-collectives"] = "99999999999"
    answer = board.post(f"{url}chap-nhan/", data)
    assert answer.status_code == 400 and not Meeting.objects.exists()


def test_a_form_for_collectives_only_refuses_stated_individuals(
    tree: Any, forms: dict[str, AwardForm]
) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        award_services.decision_create(
            actor=SYSTEM,
            issuer=tree.hanoi,
            form=forms["co-thi-dua"],
            decided_on=dt.date(2024, 1, 5),
            reason="Đã có thành tích xuất sắc",
            stated_individuals=2,
        )
    assert "stated_individuals" in refused.value.message_dict
