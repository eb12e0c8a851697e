"""A held meeting's giấy mời, biên bản and thông báo kết luận (conftest ``held_meeting``:
the giao ban of 23/02/2023 chaired by Khương Quốc Hưng)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from danvan.access.system import SYSTEM
from danvan.drafting.context import (
    CONCLUSIONS_NOTICE,
    INVITATION,
    MINUTES,
    REPORT,
    OfficialDocument,
)
from danvan.drafting.meeting_docs import meeting_document
from danvan.tasks.services import task_cancel
from tests.drafting.conftest import District, HeldMeeting

TITLE = (
    "hội nghị giao ban công tác Dân vận với Mặt trận Tổ quốc và các Đoàn thể tháng 2, triển "
    "khai nhiệm vụ công tác tháng 3/2023"
)


def _doc(held: HeldMeeting, kind: str, user: Any = SYSTEM, **kwargs: Any) -> OfficialDocument:
    return meeting_document(user=user, meeting=held.meeting, kind=kind, **kwargs)


def _texts(document: OfficialDocument, level: int | None = None) -> list[str]:
    return [b.text for b in document.blocks if level is None or b.level == level]


def test_invitation_invites_the_attendees_to_the_time_place_and_agenda(
    held_meeting: HeldMeeting,
) -> None:
    document = _doc(held_meeting, INVITATION)
    assert document.type_name == "GIẤY MỜI"
    assert document.subject == f"dự {TITLE}"
    assert document.heading.issuer == "BAN DÂN VẬN"
    assert document.heading.number_line == "Số 01-GM/BDVQU"
    texts = _texts(document)
    assert texts[0] == "Ban Dân vận Quận ủy Hoàng Mai trân trọng kính mời:"
    # The chair signs the invitation: he does not invite himself (issue 18 §6).
    assert _texts(document, 3)[:2] == [
        "Đại diện lãnh đạo Ủy ban MTTQ phường Định Công (báo cáo);",
        "Đại diện lãnh đạo phường Đại Kim;",
    ]
    assert not any("Khương Quốc Hưng" in text for text in texts)
    assert "Thời gian: 08 giờ 00, thứ Năm, ngày 23/02/2023." in texts
    assert "Địa điểm: Hội trường Quận ủy Hoàng Mai." in texts
    assert "Báo cáo công tác dân vận tháng 2, triển khai nhiệm vụ tháng 3/2023;" in texts
    assert document.recipients == [
        "- Ủy ban MTTQ phường Định Công,",
        "- Phường Đại Kim,",
        "- Lưu VT.",
    ]
    assert document.signature.name == "Khương Quốc Hưng"


def test_the_issuer_does_not_invite_itself(held_meeting: HeldMeeting, district: District) -> None:
    from danvan.meetings.services import attendance_add

    attendance_add(
        actor=SYSTEM,
        meeting=held_meeting.meeting,
        org_unit=district.board,
        name_as_written="Các đồng chí lãnh đạo Ban Dân vận Quận ủy",
    )
    document = _doc(held_meeting, INVITATION)
    assert "Các đồng chí lãnh đạo Ban Dân vận Quận ủy;" in _texts(document, 3)
    assert "- Ban Dân vận Quận ủy Hoàng Mai," not in document.recipients


def test_minutes_record_time_chair_attendees_agenda_opinions_conclusions(
    held_meeting: HeldMeeting,
) -> None:
    document = _doc(held_meeting, MINUTES)
    assert (document.type_name, document.subject) == ("BIÊN BẢN", TITLE)
    assert _texts(document, 1) == [
        "I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN",
        "II. NỘI DUNG HỘI NGHỊ",
        "III. Ý KIẾN THẢO LUẬN",
        "IV. KẾT LUẬN",
    ]
    texts = _texts(document)
    assert (
        "Thời gian: bắt đầu lúc 08 giờ 00, thứ Năm, ngày 23/02/2023; kết thúc lúc 10 giờ 30."
        in texts
    )
    assert "Chủ trì: đồng chí Khương Quốc Hưng - UVTV, Trưởng Ban Dân vận Quận ủy." in texts
    assert "Đại diện lãnh đạo phường Đại Kim (lý do: Bận tiếp công dân);" in texts
    assert "1. Báo cáo công tác dân vận tháng 2, triển khai nhiệm vụ tháng 3/2023" in _texts(
        document, 2
    )
    assert "Trình bày: Đại diện lãnh đạo Ban Dân vận Quận ủy." in texts
    assert (
        "Đại diện lãnh đạo Ủy ban MTTQ phường Định Công: Đề nghị sớm hướng dẫn đăng ký mô hình "
        "“Dân vận khéo” năm 2023." in texts
    )
    assert "1. UB MTTQ và các đoàn thể tập trung thực hiện tốt các chủ trương của Đảng." in texts
    assert "2. Đánh giá kết quả hoạt động từng tuần, từng tháng." in texts
    assert texts[-1] == "Hội nghị kết thúc lúc 10 giờ 30 cùng ngày."
    assert (document.signature.title, document.signature.name) == (
        "CHỦ TRÌ HỘI NGHỊ",
        "Khương Quốc Hưng",
    )
    assert document.recipients == []


def test_notice_lists_each_conclusion_with_the_tasks_it_raised(held_meeting: HeldMeeting) -> None:
    document = _doc(held_meeting, CONCLUSIONS_NOTICE)
    assert document.type_name == "THÔNG BÁO"
    assert document.subject == f"kết luận của đồng chí Trưởng Ban Dân vận Quận ủy tại {TITLE}"
    assert document.heading.number_line == "Số 01-TB/BDVQU"
    texts = _texts(document)
    assert texts[0].startswith(
        "Ngày 23/02/2023, tại Hội trường Quận ủy Hoàng Mai, Ban Dân vận Quận ủy Hoàng Mai tổ "
        "chức hội nghị giao ban"
    )
    assert "Đồng chí Khương Quốc Hưng - UVTV, Trưởng Ban Dân vận Quận ủy chủ trì" in texts[0]
    first = texts.index(
        "1. UB MTTQ và các đoàn thể tập trung thực hiện tốt các chủ trương của Đảng."
    )
    assert texts[first + 1] == (
        "Quán triệt các chủ trương của Đảng trong MTTQ phường: giao Ủy ban MTTQ phường Định "
        "Công chủ trì, phối hợp với Hội Cựu chiến binh phường Đại Kim; thời hạn hoàn thành: "
        "31/03/2023."
    )
    assert document.blocks[first + 1].level == 3
    assert texts[first + 2] == "2. Đánh giá kết quả hoạt động từng tuần, từng tháng."
    assert texts[first + 3] == (
        "Lập mẫu đánh giá kết quả hoạt động hằng tuần: giao Phường Đại Kim chủ trì; thời hạn "
        "hoàn thành: 15/03/2023."
    )
    assert texts[-1] == "Ban Dân vận Quận ủy thông báo để các đơn vị biết, thực hiện."
    assert document.recipients == [
        "- Ủy ban MTTQ phường Định Công,",
        "- Hội Cựu chiến binh phường Đại Kim,",
        "- Phường Đại Kim,",
        "- Lưu VT.",
    ]


def test_a_cancelled_task_still_shows_and_a_number_can_be_given(
    held_meeting: HeldMeeting,
) -> None:
    task_cancel(actor=SYSTEM, task=held_meeting.tasks[1], reason="Gộp vào nhiệm vụ khác")
    document = _doc(
        held_meeting, CONCLUSIONS_NOTICE, number_line="Số 187-TB/BDVQU", on=dt.date(2023, 2, 27)
    )
    assert document.heading.number_line == "Số 187-TB/BDVQU"
    assert document.heading.place_date == "Hoàng Mai, ngày 27 tháng 02 năm 2023"
    assert any(t.startswith("Lập mẫu đánh giá") for t in _texts(document, 3))


def test_meeting_outside_the_users_scope_is_not_found(held_meeting: HeldMeeting, cast: Any) -> None:
    assert _doc(held_meeting, MINUTES, user=cast.viewer).blocks
    for outsider in (cast.leader, cast.stranger):
        with pytest.raises(Http404):
            _doc(held_meeting, MINUTES, user=outsider)


def test_a_report_is_not_a_meeting_document(held_meeting: HeldMeeting) -> None:
    with pytest.raises(ValidationError):
        _doc(held_meeting, REPORT)


def test_a_meeting_organised_by_a_place_is_issued_by_its_board(
    held_meeting: HeldMeeting, district: District
) -> None:
    from danvan.meetings.services import meeting_update

    meeting_update(actor=SYSTEM, meeting=held_meeting.meeting, org_unit=district.hoang_mai)
    document = _doc(held_meeting, INVITATION)
    assert document.heading.issuer == "BAN DÂN VẬN"
    assert _texts(document)[0] == "Ban Dân vận Quận ủy Hoàng Mai trân trọng kính mời:"
