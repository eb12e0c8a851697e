"""Meeting services: what they record, and what they refuse with nothing saved."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.access.system import SYSTEM
from danvan.documents.models import Document
from danvan.meetings.models import Meeting
from danvan.meetings.services import (
    bridge_point_add,
    meeting_create,
    meeting_delete,
    meeting_restore,
    meeting_save_minutes,
    meeting_update,
)
from danvan.tasks.models import Task
from tests.meetings.conftest import at


def _create(tree, actor, kind, **overrides):
    fields = dict(
        actor=actor,
        title="Giao ban công tác dân vận tháng 2/2023",
        kind=kind,
        org_unit=tree.bdv_hoang_mai,
        starts_at=at("23/02/2023", 8),
    )
    fields.update(overrides)
    return meeting_create(**fields)


def test_create_with_co_organisers_keeps_each_once_and_folds_them_for_search(tree, cast, giao_ban):
    meeting = _create(
        tree,
        cast.board,
        giao_ban,
        co_organisers=[tree.mttq_dinh_cong, tree.bdv_hoang_mai, tree.mttq_dinh_cong],
        period_code="2023-02",
    )
    assert list(meeting.co_organisers.all()) == [tree.mttq_dinh_cong]  # organiser not repeated
    folded = Meeting.objects.get(pk=meeting.pk).title_folded
    assert "giao ban cong tac dan van thang 2/2023" in folded
    assert "giao ban thang" in folded  # the kind
    assert "ban dan van quan uy hoang mai" in folded
    assert "uy ban mttq phuong dinh cong" in folded
    assert meeting.status == Meeting.Status.PLANNED


def test_period_code_is_normalised_and_a_bad_one_refused_on_its_field(tree, cast, giao_ban):
    assert _create(tree, cast.board, giao_ban, period_code=" 2023q1 ").period_code == "2023Q1"
    with pytest.raises(ValidationError) as info:
        _create(tree, cast.board, giao_ban, period_code="tháng 2", title="Khác")
    message = info.value.message_dict["period_code"][0]
    assert "Kỳ đánh giá «tháng 2» không hợp lệ" in message and "2023-02" in message
    assert not Meeting.objects.filter(title="Khác").exists()


def test_end_before_start_is_refused_with_both_times(tree, cast, giao_ban):
    with pytest.raises(ValidationError) as info:
        _create(tree, cast.board, giao_ban, ends_at=at("23/02/2023", 7, 30))
    message = info.value.message_dict["ends_at"][0]
    assert "23/02/2023 07:30" in message and "23/02/2023 08:00" in message
    assert not Meeting.objects.exists()


def test_several_errors_come_back_together(tree, cast, giao_ban):
    with pytest.raises(ValidationError) as info:
        _create(tree, cast.board, giao_ban, title="  ", period_code="2023-13")
    assert set(info.value.message_dict) == {"title", "period_code"}


def test_a_unit_closed_before_the_day_cannot_hold_it(tree, cast, giao_ban):
    import datetime as dt

    tree.bdv_hoang_mai.valid_to = dt.date(2023, 1, 31)
    tree.bdv_hoang_mai.save()
    with pytest.raises(ValidationError) as info:
        _create(tree, cast.board, giao_ban)
    assert "đã ngừng hoạt động từ 01/02/2023" in info.value.message_dict["org_unit"][0]
    # An earlier meeting of the same unit is recorded (old units keep their history).
    assert _create(tree, cast.board, giao_ban, starts_at=at("20/01/2023")).pk


def test_only_managers_of_the_unit_create(tree, cast, giao_ban):
    with pytest.raises(PermissionDenied):
        _create(tree, cast.board, giao_ban, org_unit=tree.tay_ho)  # outside the board's subtree
    with pytest.raises(PermissionDenied):
        _create(tree, cast.viewer, giao_ban)  # sees, does not organise
    with pytest.raises(PermissionDenied):
        _create(tree, cast.reporter, giao_ban, org_unit=tree.dinh_cong)
    assert _create(tree, cast.leader, giao_ban, org_unit=tree.dinh_cong).pk


def test_update_refolds_and_audits_the_actor(tree, cast, giao_ban, so_ket):
    meeting = _create(tree, cast.board, giao_ban)
    meeting_update(
        actor=cast.board,
        meeting=meeting,
        title="Hội nghị sơ kết 6 tháng đầu năm 2023",
        kind=so_ket,
        co_organisers=[tree.dai_kim],
    )
    meeting.refresh_from_db()
    assert meeting.title_folded.startswith("hoi nghi so ket 6 thang dau nam 2023 so ket")
    assert "phuong dai kim" in meeting.title_folded
    entry = LogEntry.objects.get_for_object(meeting).order_by("-timestamp").first()
    assert entry.actor == cast.board


def test_update_refuses_unknown_fields_and_other_units(tree, cast, giao_ban):
    meeting = _create(tree, cast.board, giao_ban)
    with pytest.raises(ValidationError):
        meeting_update(actor=cast.board, meeting=meeting, title_folded="x")
    with pytest.raises(PermissionDenied):
        meeting_update(actor=cast.board, meeting=meeting, org_unit=tree.tay_ho)


def test_bridge_points_only_for_online_meetings(tree, cast, giao_ban):
    meeting = _create(tree, cast.board, giao_ban)
    with pytest.raises(ValidationError) as info:
        bridge_point_add(actor=cast.board, meeting=meeting, name="Điểm cầu phường Định Công")
    assert "chỉ hội nghị trực tuyến mới có điểm cầu" in info.value.message_dict["name"][0]

    meeting_update(actor=cast.board, meeting=meeting, is_online=True)
    point = bridge_point_add(actor=cast.board, meeting=meeting, org_unit=tree.dinh_cong)
    assert point.name == "Phường Định Công"  # named after its unit when left blank
    with pytest.raises(ValidationError) as info:
        meeting_update(actor=cast.board, meeting=meeting, is_online=False)
    assert "còn 1 điểm cầu" in info.value.message_dict["is_online"][0]


def test_soft_delete_and_restore(tree, cast, giao_ban):
    meeting = _create(tree, cast.board, giao_ban)
    meeting_delete(actor=cast.board, meeting=meeting)
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    assert Meeting.all_objects.get(pk=meeting.pk).deleted_at is not None
    with pytest.raises(PermissionDenied):
        meeting_restore(actor=cast.viewer, meeting=meeting)
    meeting_restore(actor=cast.board, meeting=meeting)
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_meeting_whose_conclusions_became_tasks_is_not_deleted(tree, cast, giao_ban):
    from danvan.meetings.services import conclusion_add

    meeting = _create(tree, cast.board, giao_ban)
    conclusion = conclusion_add(actor=cast.board, meeting=meeting, text="Tổ chức Ngày hội ĐĐK")
    Task.objects.create(
        title="Tổ chức Ngày hội",
        owner_unit=tree.bdv_hoang_mai,
        lead_unit=tree.mttq_dinh_cong,
        conclusion=conclusion,
    )
    with pytest.raises(ValidationError) as info:
        meeting_delete(actor=cast.board, meeting=meeting)
    assert "1 nhiệm vụ được giao từ kết luận" in info.value.messages[0]
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_minutes_link_the_documents_they_cite(tree, cast, giao_ban):
    meeting = _create(tree, cast.board, giao_ban)
    meeting_save_minutes(
        actor=cast.board,
        meeting=meeting,
        minutes="Hội nghị quán triệt Kế hoạch số 138-KH/QU ngày 31/01/2023 của Quận ủy.",
    )
    cited = list(meeting.citations.select_related("document"))
    assert len(cited) == 1
    assert cited[0].document.reference == "138-KH/QU"
    assert cited[0].document.org_unit == tree.bdv_hoang_mai  # the register holding the stub

    # The summary is read too; a reference gone from both texts loses its link, not its
    # document.
    meeting_save_minutes(
        actor=cast.board, meeting=meeting, minutes="", summary="Triển khai Chỉ thị 18-CT/TW."
    )
    assert [c.document.reference for c in meeting.citations.all()] == ["18-CT/TW"]
    assert Document.objects.filter(reference="138-KH/QU").exists()


def test_opinions_and_conclusions_link_what_they_cite(tree, cast, giao_ban):
    from danvan.meetings.services import conclusion_add, opinion_add, opinion_remove

    meeting = _create(tree, cast.board, giao_ban)
    opinion = opinion_add(
        actor=cast.board,
        meeting=meeting,
        speaker_text="Đồng chí Phạm Hải Hoa",
        content="Sơ tổng kết các văn bản của Đảng về công tác dân vận, Kết luận 114.",
    )
    conclusion_add(
        actor=cast.board,
        meeting=meeting,
        text="Giám sát, phản biện xã hội theo Quyết định 217 và Quyết định 218 của Bộ Chính trị.",
    )
    numbers = sorted(c.document.number for c in meeting.citations.select_related("document"))
    assert numbers == ["114", "217", "218"]
    opinion_remove(actor=cast.board, opinion=opinion)
    assert sorted(c.document.number for c in meeting.citations.all()) == ["217", "218"]


def test_minutes_are_written_only_by_managers(tree, cast, giao_ban):
    meeting = _create(tree, cast.board, giao_ban)
    with pytest.raises(PermissionDenied):
        meeting_save_minutes(actor=cast.viewer, meeting=meeting, minutes="x")
    meeting.refresh_from_db()
    assert meeting.minutes == ""


def test_system_creates_from_a_work_programme_signature(tree, giao_ban):
    """The tasks app turns a programme item into a meeting with exactly these keywords."""
    meeting = meeting_create(
        actor=SYSTEM,
        title="Hội nghị chuyên đề",
        kind=giao_ban,
        org_unit=tree.hoang_mai,
        starts_at=at("15/05/2023", 14),
        ends_at=None,
        place="",
        is_online=False,
        period_code="",
        co_organisers=(),
        series=None,
        status=Meeting.Status.PLANNED,
        summary="",
    )
    assert meeting.pk and meeting.title_folded.startswith("hoi nghi chuyen de")
