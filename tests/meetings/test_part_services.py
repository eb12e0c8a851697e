"""The parts of a meeting: thành phần dự, chương trình, ý kiến, kết luận."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.meetings.models import Attendance, Conclusion
from danvan.meetings.services import (
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    attendance_add,
    attendance_remove,
    attendance_update,
    conclusion_add,
    conclusion_remove,
    conclusion_update,
    opinion_add,
)
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import Report, ReportForm
from danvan.tasks.models import Task

# --- thành phần dự ----------------------------------------------------------------------


def test_a_person_takes_their_current_title(seed_meeting, officials):
    chair = seed_meeting.attendances.get(role=Attendance.Role.CHAIR)
    assert chair.person == officials["hung"]
    assert chair.position_as_written == "UVTV, Trưởng Ban Dân vận Quận ủy"


def test_a_unit_or_a_name_as_written_attends(seed_meeting, cast, tree):
    by_unit = attendance_add(actor=cast.board, meeting=seed_meeting, org_unit=tree.mttq_dinh_cong)
    assert str(by_unit) == "Ủy ban MTTQ phường Định Công"
    as_written = seed_meeting.attendances.get(name_as_written__startswith="đại diện")
    assert str(as_written) == "đại diện lãnh đạo MTTQ, các đoàn thể chính trị - xã hội Quận"


def test_nobody_named_is_refused(seed_meeting, cast):
    with pytest.raises(ValidationError) as info:
        attendance_add(actor=cast.board, meeting=seed_meeting, name_as_written="   ")
    assert "Chọn cán bộ, chọn đơn vị hoặc ghi tên" in info.value.message_dict["person"][0]


def test_absent_needs_a_reason(seed_meeting, cast, officials):
    before = seed_meeting.attendances.count()
    with pytest.raises(ValidationError) as info:
        attendance_add(
            actor=cast.board, meeting=seed_meeting, person=officials["ward"], present=False
        )
    assert info.value.message_dict["absence_reason"] == ["Ghi lý do vắng mặt của «Nguyễn Thị Đào»."]
    assert seed_meeting.attendances.count() == before

    absent = attendance_add(
        actor=cast.board,
        meeting=seed_meeting,
        person=officials["ward"],
        present=False,
        absence_reason="Đi công tác",
    )
    assert absent.absence_reason == "Đi công tác"
    # Present again: the reason no longer applies and is dropped.
    attendance_update(actor=cast.board, attendance=absent, present=True)
    absent.refresh_from_db()
    assert absent.present and absent.absence_reason == ""


def test_the_same_person_twice_is_refused(seed_meeting, cast, officials):
    with pytest.raises(ValidationError) as info:
        attendance_add(
            actor=cast.board, meeting=seed_meeting, person=officials["hung"], role="phat_bieu"
        )
    assert "«Khương Quốc Hưng» đã có trong thành phần dự" in info.value.message_dict["person"][0]


def test_a_viewer_cannot_add_participants(seed_meeting, cast):
    with pytest.raises(PermissionDenied):
        attendance_add(actor=cast.viewer, meeting=seed_meeting, name_as_written="Khách mời")


def test_removing_a_presenter_keeps_the_name_on_the_agenda(seed_meeting, cast):
    chair = seed_meeting.attendances.get(role=Attendance.Role.CHAIR)
    item = agenda_item_add(
        actor=cast.board, meeting=seed_meeting, title="Báo cáo tháng 2", presenter=chair
    )
    attendance_remove(actor=cast.board, attendance=chair)
    item.refresh_from_db()
    assert item.presenter is None and item.presenter_text == "Khương Quốc Hưng"


# --- chương trình -----------------------------------------------------------------------


def _titles(meeting):
    return list(meeting.agenda_items.order_by("order").values_list("order", "title"))


def test_agenda_items_are_ordered_moved_and_renumbered(seed_meeting, cast):
    for title in ("Báo cáo", "Thảo luận", "Kết luận"):
        agenda_item_add(actor=cast.board, meeting=seed_meeting, title=title)
    assert _titles(seed_meeting) == [(1, "Báo cáo"), (2, "Thảo luận"), (3, "Kết luận")]

    last = seed_meeting.agenda_items.get(title="Kết luận")
    agenda_item_move(actor=cast.board, item=last, direction="up")
    assert _titles(seed_meeting) == [(1, "Báo cáo"), (2, "Kết luận"), (3, "Thảo luận")]
    first = seed_meeting.agenda_items.get(title="Báo cáo")
    agenda_item_move(actor=cast.board, item=first, direction="up")  # already first: stays
    assert _titles(seed_meeting)[0] == (1, "Báo cáo")

    agenda_item_remove(actor=cast.board, item=first)
    assert _titles(seed_meeting) == [(1, "Kết luận"), (2, "Thảo luận")]


def test_agenda_links_only_reports_the_actor_may_read(seed_meeting, cast, tree):
    ensure_catalog()
    form = ReportForm.objects.get(code="BC_THANG")
    ours = Report.objects.create(form=form, org_unit=tree.dinh_cong, period="2023-02")
    theirs = Report.objects.create(form=form, org_unit=tree.buoi, period="2023-02")
    item = agenda_item_add(
        actor=cast.board, meeting=seed_meeting, title="Báo cáo tháng 2", reports=[ours]
    )
    assert list(item.reports.all()) == [ours]
    with pytest.raises(ValidationError) as info:
        agenda_item_add(
            actor=cast.board, meeting=seed_meeting, title="Báo cáo Tây Hồ", reports=[theirs]
        )
    assert "nằm ngoài phạm vi của bạn" in info.value.message_dict["reports"][0]
    assert seed_meeting.agenda_items.count() == 1


def test_a_presenter_from_another_meeting_is_refused(seed_meeting, tay_ho_meeting, cast):
    other = tay_ho_meeting.attendances.first()
    with pytest.raises(ValidationError) as info:
        agenda_item_add(actor=cast.admin, meeting=seed_meeting, title="X", presenter=other)
    assert "không có trong thành phần dự" in info.value.message_dict["presenter"][0]


# --- ý kiến -----------------------------------------------------------------------------


def test_an_opinion_names_its_speaker(seed_meeting, cast):
    with pytest.raises(ValidationError) as info:
        opinion_add(actor=cast.board, meeting=seed_meeting, content="Đề nghị...")
    assert "Chọn người phát biểu" in info.value.message_dict["speaker_text"][0]
    opinion = opinion_add(
        actor=cast.board,
        meeting=seed_meeting,
        content="Đề nghị tăng cường tuyên truyền.",
        speaker_text="Hội Cựu chiến binh Quận",
    )
    assert str(opinion) == "Hội Cựu chiến binh Quận" and opinion.order == 1


# --- kết luận ---------------------------------------------------------------------------


def _numbers(meeting):
    return list(meeting.conclusions.values_list("number", "text"))


def test_conclusions_are_numbered_and_renumbered(seed_meeting, cast):
    for text in ("Một", "Hai", "Ba"):
        conclusion_add(actor=cast.board, meeting=seed_meeting, text=text)
    assert _numbers(seed_meeting) == [(1, "Một"), (2, "Hai"), (3, "Ba")]

    conclusion_remove(actor=cast.board, conclusion=seed_meeting.conclusions.get(text="Hai"))
    assert _numbers(seed_meeting) == [(1, "Một"), (2, "Ba")]

    conclusion_add(actor=cast.board, meeting=seed_meeting, text="Bốn")
    assert _numbers(seed_meeting) == [(1, "Một"), (2, "Ba"), (3, "Bốn")]

    conclusion_remove(actor=cast.board, conclusion=seed_meeting.conclusions.get(number=1))
    assert _numbers(seed_meeting) == [(1, "Ba"), (2, "Bốn")]


def test_a_conclusion_turned_into_a_task_is_kept(seed_meeting, cast, tree):
    conclusion = conclusion_add(actor=cast.board, meeting=seed_meeting, text="Tổ chức Ngày hội")
    Task.objects.create(
        title="Ngày hội Đại đoàn kết",
        owner_unit=tree.bdv_hoang_mai,
        lead_unit=tree.mttq_dinh_cong,
        conclusion=conclusion,
    )
    with pytest.raises(ValidationError) as info:
        conclusion_remove(actor=cast.board, conclusion=conclusion)
    assert "Kết luận số 1 đã được giao thành 1 nhiệm vụ" in info.value.message_dict["text"][0]
    assert Conclusion.objects.filter(pk=conclusion.pk).exists()
    # Its wording can still be corrected.
    conclusion_update(actor=cast.board, conclusion=conclusion, text="Tổ chức Ngày hội ĐĐK")
    conclusion.refresh_from_db()
    assert conclusion.text == "Tổ chức Ngày hội ĐĐK"


def test_an_empty_conclusion_is_refused(seed_meeting, cast):
    with pytest.raises(ValidationError) as info:
        conclusion_add(actor=cast.board, meeting=seed_meeting, text="  ")
    assert info.value.message_dict["text"] == ["Ghi nội dung kết luận."]
    assert not seed_meeting.conclusions.exists()
