"""The pages, by role, on the real URLs: the overview and its four lists (search, filters,
XLSX), each workflow (a ward's reporter publishes and withdraws a disclosure, its leader
records a hương ước vote, the district's board closes a consultation and resolves a
finding), readers who may not write (403), records outside one's scope (404), a stale
edit refused with the other change shown, bad input refused in Vietnamese (400)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from danvan.access.system import SYSTEM
from danvan.democracy import services
from danvan.democracy.models import (
    Consultation,
    Disclosure,
    DisclosureItem,
    Oversight,
    PeopleDecision,
)
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

BASE = "/quan-ly/dan-chu/"


def _text(response) -> str:
    return response.content.decode()


def test_overview_and_lists_for_a_reader(register, cast):
    viewer = client_for(cast.viewer)
    page = viewer.get(BASE)
    assert page.status_code == 200
    html = _text(page)
    assert "Thực hiện dân chủ ở cơ sở" in html and "Kiểm tra nội dung phải công khai" in html
    assert "+ Thêm" not in html  # a viewer does not keep the register
    for slug, shown in (
        ("cong-khai", "Dự toán ngân sách phường năm 2026"),
        ("bieu-quyet", "Hương ước tổ dân phố số 1"),
        ("lay-y-kien", "Phương án chỉnh trang đường ven hồ"),
        ("giam-sat", "Quỹ Đền ơn đáp nghĩa năm 2025"),
    ):
        listed = viewer.get(f"{BASE}{slug}/")
        assert listed.status_code == 200, slug
        assert shown in _text(listed), slug


def test_a_disclosure_past_its_last_day_shows_expired(register, cast):
    page = client_for(cast.reporter).get(f"{BASE}cong-khai/{register.old.pk}/")
    assert page.status_code == 200
    assert "Hết hạn công khai" in _text(page)
    assert register.old.state == "cong_khai"  # computed, not stored


def test_filters_search_and_the_list_behind_a_figure(register, cast, tree):
    leader = client_for(cast.leader)
    found = _text(
        leader.get(
            f"{BASE}bieu-quyet/",
            {
                "tu": "01/03/2026",
                "den": "31/03/2026",
                "tinh_trang": "da_bieu_quyet",
                "ket_qua": "thong_qua",
                "don_vi": tree.dinh_cong.pk,
            },
        )
    )
    assert "Hương ước tổ dân phố số 1" in found
    assert "Đóng góp lắp đèn chiếu sáng" not in found  # not passed
    assert "Bầu tổ trưởng" not in found  # planned
    searched = _text(leader.get(f"{BASE}cong-khai/", {"q": "ngân sách"}))
    assert "Dự toán ngân sách phường năm 2026" in searched
    assert "Thủ tục hành chính cấp phường" not in searched
    public = _text(leader.get(f"{BASE}cong-khai/", {"da_cong_khai": "on"}))
    assert "Danh sách hộ cận nghèo" not in public  # a draft
    assert "Kế hoạch phát triển kinh tế" in public  # withdrawn, but it was made public
    empty = _text(leader.get(f"{BASE}giam-sat/", {"q": "không có gì như thế"}))
    assert "Không có bản ghi nào khớp bộ lọc." in empty


def test_bad_filters_are_refused_in_vietnamese(register, cast):
    leader = client_for(cast.leader)
    bad_date = leader.get(f"{BASE}cong-khai/", {"tu": "31/02/2026"})
    assert bad_date.status_code == 400 and "Từ ngày" in _text(bad_date)
    nul = leader.get(f"{BASE}lay-y-kien/", {"q": "a\x00b"})
    assert nul.status_code == 400 and "gửi lại" in _text(nul)  # refused before the view
    wrong = leader.get(f"{BASE}bieu-quyet/", {"don_vi": "99999999999999999999"})
    assert wrong.status_code == 400
    assert leader.get(f"{BASE}khong-co/").status_code == 404


def test_xlsx_of_each_list_opens(register, cast):
    leader = client_for(cast.leader)
    for slug, rows in (("cong-khai", 5), ("bieu-quyet", 3), ("lay-y-kien", 2), ("giam-sat", 1)):
        response = leader.get(f"{BASE}{slug}/", {"xuat": "xlsx"})
        assert response.status_code == 200, slug
        sheet = load_workbook(BytesIO(response.content)).active
        values = [row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]]
        assert len(values) == rows, slug
    book = load_workbook(BytesIO(leader.get(f"{BASE}bieu-quyet/", {"xuat": "xlsx"}).content))
    header = [c.value for c in next(book.active.iter_rows(min_row=4, max_row=4))]
    assert "Số hộ tham gia" in header and "Kết quả" in header


def test_a_reporter_publishes_and_withdraws_a_disclosure(register, cast, tree):
    reporter = client_for(cast.reporter)
    item = DisclosureItem.objects.get(code="dat-dai")
    form = reporter.get(
        f"{BASE}cong-khai/them/", {"noi_dung": item.pk, "don_vi": tree.dinh_cong.pk}
    )
    assert form.status_code == 200
    created = reporter.post(
        f"{BASE}cong-khai/them/",
        {
            "org_unit": tree.dinh_cong.pk,
            "content": "Kế hoạch sử dụng đất năm 2026 của phường",
            "item": item.pk,
            "form": "niem_yet",
            "starts_on": "10/03/2026",
            "ends_on": "10/04/2026",
        },
    )
    assert created.status_code == 302
    row = Disclosure.objects.get(content="Kế hoạch sử dụng đất năm 2026 của phường")
    assert row.state == "nhap"
    page = f"{BASE}cong-khai/{row.pk}/"
    assert "Bắt đầu công khai" in _text(reporter.get(page))
    assert reporter.post(f"{page}cong-bo/", {"version": row.version}).status_code == 302
    row.refresh_from_db()
    assert row.state == "cong_khai"
    refused = reporter.post(f"{page}thu-hoi/", {"version": row.version, "reason": ""})
    assert refused.status_code == 400 and "Lý do" in _text(refused)
    done = reporter.post(f"{page}thu-hoi/", {"version": row.version, "reason": "Sai số liệu"})
    assert done.status_code == 302
    row.refresh_from_db()
    assert row.state == "thu_hoi" and row.withdrawn_reason == "Sai số liệu"
    # A move not allowed from here is refused, nothing changes.
    again = reporter.post(f"{page}cong-bo/", {"version": row.version})
    assert again.status_code == 400 and "Đã thu hồi" in _text(again)
    # Published, it is no longer editable.
    assert reporter.get(f"{page}sua/").status_code == 302


def test_a_disclosure_is_kept_by_a_place_not_by_a_body(register, cast, tree):
    response = client_for(cast.leader).post(
        f"{BASE}cong-khai/them/",
        {
            "org_unit": tree.mttq_dinh_cong.pk,
            "content": "Nội dung",
            "form": "loa",
            "starts_on": "10/03/2026",
        },
    )
    assert response.status_code == 400
    assert "Xã, phường, khu dân cư" in _text(response)


def test_a_leader_records_the_vote_of_a_matter(register, cast):
    leader = client_for(cast.leader)
    services.decision_update(actor=SYSTEM, decision=register.planned, held_on=dt.date(2026, 3, 9))
    register.planned.refresh_from_db()
    url = f"{BASE}bieu-quyet/{register.planned.pk}/ket-qua/"
    base = {"version": register.planned.version, "households_total": 150}
    too_many = leader.post(
        url, base | {"households_taking_part": 100, "votes_for": 80, "votes_against": 30}
    )
    assert too_many.status_code == 400 and "vượt số hộ tham gia" in _text(too_many)
    over = leader.post(
        url, base | {"households_taking_part": 151, "votes_for": 80, "votes_against": 3}
    )
    assert over.status_code == 400 and "vượt tổng số hộ" in _text(over)
    huge = leader.post(
        url, base | {"households_taking_part": 10**30, "votes_for": 1, "votes_against": 1}
    )
    assert huge.status_code == 400 and "Số hộ tham gia" in _text(huge)
    words = leader.post(
        url, base | {"households_taking_part": "một trăm", "votes_for": 1, "votes_against": 1}
    )
    assert words.status_code == 400 and "Số hộ tham gia" in _text(words)
    ok = leader.post(
        url, base | {"households_taking_part": 120, "votes_for": 76, "votes_against": 40}
    )
    assert ok.status_code == 302
    decision = PeopleDecision.objects.get(pk=register.planned.pk)
    assert decision.state == "da_bieu_quyet" and decision.outcome == "thong_qua"
    page = _text(leader.get(f"{BASE}bieu-quyet/{decision.pk}/"))
    assert "120/150 hộ tham gia; 76 tán thành (50,7% tổng số hộ)" in page


def test_a_vote_in_the_future_is_refused(register, cast):
    url = f"{BASE}bieu-quyet/{register.planned.pk}/ket-qua/"
    response = client_for(cast.leader).post(
        url,
        {
            "version": register.planned.version,
            "households_total": 150,
            "households_taking_part": 100,
            "votes_for": 80,
            "votes_against": 3,
        },
    )
    assert response.status_code == 400 and "chưa diễn ra" in _text(response)


def test_the_board_closes_a_consultation_and_resolves_a_finding(register, cast):
    board = client_for(cast.board)
    url = f"{BASE}lay-y-kien/{register.consultation.pk}/ket-thuc/"
    version = register.consultation.version
    bad = board.post(url, {"version": version, "opinions_received": 10, "taken_up_count": 11})
    assert bad.status_code == 400 and "vượt số ý kiến nhận được" in _text(bad)
    no_summary = board.post(url, {"version": version, "opinions_received": 10, "taken_up_count": 4})
    assert no_summary.status_code == 400 and "Tóm tắt" in _text(no_summary)
    ok = board.post(
        url,
        {
            "version": version,
            "opinions_received": 10,
            "taken_up_count": 4,
            "taken_up_summary": "Giữ hàng cây",
        },
    )
    assert ok.status_code == 302
    assert Consultation.objects.get(pk=register.consultation.pk).state == "ket_thuc"
    url = f"{BASE}giam-sat/{register.finding.pk}/xu-ly/"
    early = board.post(
        url, {"version": register.finding.version, "resolution": "Đã bổ sung", "on": "01/03/2026"}
    )
    assert early.status_code == 400 and "trước ngày kết luận" in _text(early)
    done = board.post(url, {"version": register.finding.version, "resolution": "Đã bổ sung"})
    assert done.status_code == 302
    finding = Oversight.objects.get(pk=register.finding.pk)
    assert finding.state == "da_xu_ly" and finding.resolved_on == dt.date(2026, 3, 10)


def test_readers_may_not_write_and_others_see_nothing(register, cast):
    viewer = client_for(cast.viewer)
    assert viewer.get(f"{BASE}cong-khai/them/").status_code == 403
    detail = f"{BASE}cong-khai/{register.draft.pk}/"
    assert viewer.get(detail).status_code == 200
    assert "Bắt đầu công khai" not in _text(viewer.get(detail))
    assert viewer.post(f"{detail}cong-bo/", {}).status_code == 403
    assert viewer.get(f"{detail}sua/").status_code == 403
    # Đại Kim's leader: Định Công's records do not exist for them.
    other = client_for(register.other_leader)
    assert other.get(detail).status_code == 404
    assert other.post(f"{detail}cong-bo/", {}).status_code == 404
    assert "Dự toán ngân sách phường năm 2026" not in _text(other.get(f"{BASE}cong-khai/"))
    assert "Dự toán ngân sách phường Đại Kim" in _text(other.get(f"{BASE}cong-khai/"))
    # Someone without the capability: no page at all.
    stranger = client_for(cast.stranger)
    assert stranger.get(BASE).status_code == 404
    assert stranger.get(f"{BASE}cong-khai/").status_code == 404
    assert stranger.get(detail).status_code == 404
    register.draft.refresh_from_db()
    assert register.draft.state == "nhap"


def test_a_stale_edit_is_refused_with_the_other_change(register, cast):
    leader = client_for(cast.leader)
    url = f"{BASE}cong-khai/{register.draft.pk}/sua/"
    opened = register.draft.version
    services.disclosure_update(
        actor=cast.reporter,
        disclosure=register.draft,
        version=opened,
        content="Danh sách hộ cận nghèo năm 2026",
    )
    response = leader.post(
        url,
        {
            "version": opened,
            "content": "Danh sách hộ nghèo",
            "form": "loa",
            "starts_on": "20/03/2026",
            "item": register.draft.item_id,
        },
    )
    assert response.status_code == 400
    html = _text(response)
    assert "chưa được lưu" in html and "Danh sách hộ cận nghèo năm 2026" in html
    register.draft.refresh_from_db()
    assert register.draft.content == "Danh sách hộ cận nghèo năm 2026"
    fresh = leader.post(
        url,
        {
            "version": register.draft.version,
            "content": "Danh sách hộ nghèo",
            "form": "loa",
            "starts_on": "20/03/2026",
            "ends_on": "10/03/2026",
            "item": register.draft.item_id,
        },
    )
    assert fresh.status_code == 400 and "không được trước ngày bắt đầu" in _text(fresh)
    nul = leader.post(
        url,
        {
            "version": register.draft.version,
            "content": "a\x00",
            "form": "loa",
            "starts_on": "20/03/2026",
        },
    )
    assert nul.status_code == 400 and "ký tự không hợp lệ" in _text(nul)


def test_the_checklist_page(register, cast, tree):
    leader = client_for(cast.leader)
    url = f"{BASE}kiem-tra/{tree.dinh_cong.pk}/2026/"
    page = leader.get(url)
    assert page.status_code == 200
    html = _text(page)
    missing = DisclosureItem.objects.count() - 3  # ngân sách, đóng góp, thủ tục hành chính
    assert f"Còn {missing} nội dung chưa công khai trong năm." in html
    assert "Dự toán ngân sách phường năm 2026" in html and "Còn thiếu" in html
    book = load_workbook(BytesIO(leader.get(url, {"xuat": "xlsx"}).content))
    states = [r[3] for r in book.active.iter_rows(min_row=5, values_only=True) if r[0]]
    assert states.count("Còn thiếu") == missing
    picked = leader.get(f"{BASE}kiem-tra/", {"don_vi": tree.dinh_cong.pk, "nam": "2026"})
    assert picked.status_code == 302 and picked.url == url
    assert leader.get(f"{BASE}kiem-tra/", {"don_vi": "x"}).status_code == 302
    assert leader.get(f"{BASE}kiem-tra/{tree.dinh_cong.pk}/1999/").status_code == 404
    assert client_for(register.other_leader).get(url).status_code == 404
    assert client_for(cast.stranger).get(url).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(register, client):
    response = client.get(BASE)
    assert response.status_code == 302 and "next=" in response.url
