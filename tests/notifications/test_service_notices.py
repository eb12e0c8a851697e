"""Each notice is written by the service that causes it, in its transaction; the actor
is never told of their own action."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from danvan.access.roles import Role
from danvan.access.system import SYSTEM
from danvan.meetings.models import Attendance, Meeting, MeetingKind
from danvan.meetings.services import attendance_add, meeting_create, meeting_update
from danvan.notifications.models import Kind, Notification
from danvan.portal.comments import comment_post
from danvan.reporting.services import report_approve, report_return, report_submit
from danvan.tasks.services import task_create, task_progress_add
from tests.factories import UserFactory, grant, make_person
from tests.notifications.conftest import notices

REASON = "Thiếu số liệu tiếp công dân tháng 3, đề nghị bổ sung."


def _submit(cast: Any, tree: Any, form: Any) -> Any:
    return report_submit(actor=cast.leader, form=form, org_unit=tree.dinh_cong, period="2024-03")


def test_a_sent_report_waits_for_the_approvers_of_the_unit_above(
    cast: Any, tree: Any, monthly: Any, day: Any
) -> None:
    _submit(cast, tree, monthly)
    waiting = notices(cast.board, Kind.REPORT_SUBMITTED)
    assert len(waiting) == 1 and "chờ bạn duyệt" in waiting[0].text
    assert waiting[0].url == f"/quan-ly/bao-cao/nhap/{tree.dinh_cong.pk}/2024-03/BC_THANG/"
    # The sender, the ward's reporter and the viewer are not asked to approve.
    assert notices(cast.leader) == [] and notices(cast.reporter) == []
    assert notices(cast.viewer) == []


def test_a_returned_report_tells_the_reporter_the_reason(
    cast: Any, tree: Any, monthly: Any, day: Any
) -> None:
    _submit(cast, tree, monthly)
    report_return(
        actor=cast.board, form=monthly, org_unit=tree.dinh_cong, period="2024-03", reason=REASON
    )
    for user in (cast.reporter, cast.leader):
        returned = notices(user, Kind.REPORT_RETURNED)
        assert len(returned) == 1 and f"Lý do: {REASON}" in returned[0].text
        assert returned[0].read_at is None and returned[0].report is not None
    assert notices(cast.board, Kind.REPORT_RETURNED) == []


def test_an_approved_report_is_told_to_the_ward(
    cast: Any, tree: Any, monthly: Any, day: Any
) -> None:
    _submit(cast, tree, monthly)
    report_approve(actor=cast.board, form=monthly, org_unit=tree.dinh_cong, period="2024-03")
    assert len(notices(cast.reporter, Kind.REPORT_APPROVED)) == 1
    assert "đã được duyệt" in notices(cast.leader, Kind.REPORT_APPROVED)[0].text


def test_a_refused_return_writes_no_notice(cast: Any, tree: Any, monthly: Any, day: Any) -> None:
    _submit(cast, tree, monthly)
    with pytest.raises(Exception, match="lý do"):
        report_return(
            actor=cast.board, form=monthly, org_unit=tree.dinh_cong, period="2024-03", reason=" "
        )
    assert Notification.objects.filter(kind=Kind.REPORT_RETURNED).count() == 0


def test_task_assignment_and_progress(cast: Any, tree: Any, day: Any) -> None:
    task = task_create(
        actor=cast.board,
        title="Tuyên truyền mô hình «Dân vận khéo»",
        owner_unit=tree.hoang_mai,
        lead_unit=tree.dinh_cong,
        co_units=[tree.dai_kim],
        deadline=dt.date(2024, 4, 30),
    )
    assigned = notices(cast.reporter, Kind.TASK_ASSIGNED)
    assert len(assigned) == 1 and "thời hạn 30/04/2024" in assigned[0].text
    assert len(notices(cast.leader, Kind.TASK_ASSIGNED)) == 1
    assert notices(cast.board) == []

    task_progress_add(actor=cast.reporter, task=task, progress=40, note="Đã tổ chức 2 buổi.")
    progress = notices(cast.board, Kind.TASK_PROGRESS)
    assert len(progress) == 1 and "40%" in progress[0].text
    assert notices(cast.reporter, Kind.TASK_PROGRESS) == []


def test_moving_a_task_to_another_unit_tells_the_new_lead(cast: Any, tree: Any, day: Any) -> None:
    from danvan.tasks.services import task_update

    other = UserFactory(username="dai_kim_reporter")
    grant(other, Role.UNIT_REPORTER, tree.dai_kim)
    task = task_create(
        actor=cast.board,
        title="Rà soát hộ nghèo",
        owner_unit=tree.hoang_mai,
        lead_unit=tree.dinh_cong,
    )
    task_update(actor=cast.board, task=task, version=task.version, lead_unit=tree.dai_kim)
    assert len(notices(other, Kind.TASK_ASSIGNED)) == 1
    assert len(notices(cast.reporter, Kind.TASK_ASSIGNED)) == 1  # only the first time


def test_meeting_invitation_and_change(cast: Any, tree: Any, day: Any) -> None:
    person = make_person(tree.dinh_cong, "Nguyễn Thị Đào", "Chủ tịch Ủy ban MTTQ phường")
    cast.reporter.person = person
    cast.reporter.save(update_fields=["person"])
    kind = MeetingKind.objects.get(code="giao-ban-thang")
    starts = timezone.make_aware(dt.datetime(2024, 4, 5, 8))
    meeting = meeting_create(
        actor=cast.board,
        title="Giao ban tháng 4",
        kind=kind,
        org_unit=tree.hoang_mai,
        starts_at=starts,
        place="Hội trường Quận ủy",
    )
    attendance_add(actor=cast.board, meeting=meeting, person=person)
    attendance_add(actor=cast.board, meeting=meeting, org_unit=tree.dai_kim)
    invited = notices(cast.reporter, Kind.MEETING_INVITED)
    assert len(invited) == 1 and "08:00 ngày 05/04/2024, tại Hội trường Quận ủy" in invited[0].text

    meeting_update(
        actor=cast.board,
        meeting=meeting,
        version=meeting.version,
        starts_at=starts + dt.timedelta(hours=6),
    )
    changed = notices(cast.reporter, Kind.MEETING_CHANGED)
    assert len(changed) == 1 and "thay đổi thời gian: nay 14:00 ngày 05/04/2024" in changed[0].text
    assert notices(cast.board) == []
    meeting_update(actor=cast.board, meeting=meeting, version=meeting.version, title="Giao ban")
    assert len(notices(cast.reporter, Kind.MEETING_CHANGED)) == 1


def test_a_reader_comment_waits_for_the_portal_moderators(cast: Any, db: Any) -> None:
    from danvan.portal.models import ArticlePage
    from danvan.portal.setup import ensure_tree, section

    ensure_tree()
    article = ArticlePage(
        title="Hội nghị giao ban", published_on=timezone.now(), body=[("paragraph", "<p>x</p>")]
    )
    section("tin-tuc-su-kien").add_child(instance=article)
    article.save_revision().publish()
    comment_post(page=article, name="Vũ Thị Lan", email="", text="Xin góp ý.", ip="1.2.3.4")
    pending = notices(cast.moderator, Kind.COMMENT_PENDING)
    assert len(pending) == 1 and "«Vũ Thị Lan»" in pending[0].text
    assert notices(cast.editor) == [] and notices(cast.board) == []


def test_an_invitation_to_a_held_meeting_says_nothing(cast: Any, tree: Any, day: Any) -> None:
    kind = MeetingKind.objects.get(code="giao-ban-thang")
    meeting = meeting_create(
        actor=SYSTEM,
        title="Giao ban tháng 2",
        kind=kind,
        org_unit=tree.hoang_mai,
        starts_at=timezone.make_aware(dt.datetime(2024, 2, 20, 8)),
        status=Meeting.Status.HELD,
    )
    attendance_add(
        actor=SYSTEM, meeting=meeting, org_unit=tree.dinh_cong, role=Attendance.Role.ATTENDS
    )
    assert Notification.objects.count() == 0
