"""The meeting pages as the cast sees them: the list, the meeting page with all its
sections, the forms and their Vietnamese refusals, the calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from danvan.access.roles import Role
from danvan.access.system import SYSTEM
from danvan.meetings.models import Attendance, Meeting
from danvan.meetings.services import (
    agenda_item_add,
    attendance_add,
    conclusion_add,
    meeting_create,
    meeting_save_minutes,
    opinion_add,
    series_create,
)
from danvan.tasks.models import Task
from tests.factories import UserFactory, grant
from tests.meetings.conftest import at


def html(response):
    return response.content.decode()


def detail_url(meeting, name="detail", *more):
    return reverse(f"meetings:{name}", args=[meeting.pk, *more])


# --- the list ---------------------------------------------------------------------------


def test_list_shows_meetings_in_scope_with_their_chair(seed_meeting, tay_ho_meeting, cast, as_user):
    page = html(as_user(cast.board).get(reverse("meetings:list")))
    assert seed_meeting.title in page and "Chủ trì" in page and "Khương Quốc Hưng" in page
    assert tay_ho_meeting.title not in page
    assert "23/02/2023" in page
    assert reverse("meetings:create") in page


def test_list_search_without_marks_and_filters(seed_meeting, tay_ho_meeting, cast, as_user):
    client = as_user(cast.admin)
    found = html(client.get(reverse("meetings:list"), {"q": "giao ban thang 2"}))
    assert seed_meeting.title in found and tay_ho_meeting.title not in found
    by_chair = html(client.get(reverse("meetings:list"), {"q": "tran quang dao"}))
    assert tay_ho_meeting.title in by_chair and seed_meeting.title not in by_chair
    dated = html(
        client.get(reverse("meetings:list"), {"date_from": "2023-01-01", "date_to": "2023-12-31"})
    )
    assert seed_meeting.title in dated and tay_ho_meeting.title not in dated
    # A bad date is ignored, not an error page.
    assert client.get(reverse("meetings:list"), {"date_from": "hôm qua"}).status_code == 200
    nothing = html(client.get(reverse("meetings:list"), {"q": "khong co gi"}))
    assert "Không có hội nghị nào khớp" in nothing


def test_list_htmx_returns_the_results_only(seed_meeting, cast, as_user):
    response = as_user(cast.board).get(
        reverse("meetings:list"), {"q": "giao"}, headers={"HX-Request": "true"}
    )
    assert seed_meeting.title in html(response) and "<html" not in html(response)


def test_list_empty_state_and_refusals(tree, cast, as_user):
    page = html(as_user(cast.board).get(reverse("meetings:list")))
    assert "Chưa có hội nghị nào trong phạm vi của bạn." in page
    assert as_user(cast.stranger).get(reverse("meetings:list")).status_code == 403
    viewer = html(as_user(cast.viewer).get(reverse("meetings:list")))
    assert reverse("meetings:create") not in viewer


def test_list_paginates(tree, cast, giao_ban, as_user):
    for day in range(1, 32):
        meeting_create(
            actor=SYSTEM,
            title=f"Họp số {day}",
            kind=giao_ban,
            org_unit=tree.hoang_mai,
            starts_at=at(f"{day:02d}/01/2023"),
        )
    page = html(as_user(cast.board).get(reverse("meetings:list")))
    assert "Trang 1/2" in page and "Họp số 31" in page and "Họp số 1<" not in page


# --- the meeting page -------------------------------------------------------------------


@pytest.fixture
def full_meeting(seed_meeting, cast, tree, officials):
    """The seed meeting with every section filled, and a task still open from January."""
    meeting = seed_meeting
    attendance_add(
        actor=SYSTEM,
        meeting=meeting,
        person=officials["ward"],
        present=False,
        absence_reason="Đi học lớp bồi dưỡng",
    )
    chair = meeting.attendances.get(role=Attendance.Role.CHAIR)
    agenda_item_add(
        actor=SYSTEM,
        meeting=meeting,
        title="Báo cáo công tác dân vận tháng 2",
        presenter_text="đại diện lãnh đạo Ban Dân vận",
    )
    opinion_add(
        actor=SYSTEM,
        meeting=meeting,
        content="Đề nghị tăng cường dọn vệ sinh phòng chống sốt xuất huyết.",
        speaker_text="Hội LHPN Quận",
    )
    first = conclusion_add(
        actor=SYSTEM, meeting=meeting, text="Chào mừng 20 năm thành lập Quận.", concluded_by=chair
    )
    conclusion_add(actor=SYSTEM, meeting=meeting, text="Thực hiện tốt QCDC ở cơ sở.")
    Task.objects.create(
        title="Xây dựng kế hoạch chào mừng",
        owner_unit=tree.bdv_hoang_mai,
        lead_unit=tree.mttq_dinh_cong,
        deadline=dt.date(2023, 3, 31),
        conclusion=first,
    )
    meeting_save_minutes(
        actor=SYSTEM,
        meeting=meeting,
        minutes="Hội nghị quán triệt Kế hoạch số 138-KH/QU ngày 31/01/2023 của Quận ủy.",
    )
    # January's giao ban left a task that is now overdue (today is 10/03/2023).
    january = meeting_create(
        actor=SYSTEM,
        title="Giao ban tháng 1/2023",
        kind=meeting.kind,
        org_unit=meeting.org_unit,
        starts_at=at("19/01/2023"),
    )
    old = conclusion_add(actor=SYSTEM, meeting=january, text="Rà soát hộ nghèo.")
    Task.objects.create(
        title="Rà soát hộ nghèo, cận nghèo",
        owner_unit=tree.bdv_hoang_mai,
        lead_unit=tree.dai_kim,
        deadline=dt.date(2023, 2, 15),
        conclusion=old,
    )
    return meeting


def test_detail_shows_every_section_in_order(full_meeting, cast, as_user):
    page = html(as_user(cast.board).get(detail_url(full_meeting)))
    headings = [
        'id="thong-tin"',
        "<h2>Thành phần</h2>",
        "<h2>Chương trình</h2>",
        "<h2>Kiểm điểm việc đã làm</h2>",
        "<h2>Ý kiến</h2>",
        "<h2>Kết luận</h2>",
        "<h2>Biên bản</h2>",
        "<h2>Văn bản được trích dẫn</h2>",
        "Lịch sử thay đổi",
    ]
    positions = [page.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "23/02/2023 08:00 – 10:00" in page and "Hội trường Quận ủy" in page
    assert "Ban Dân vận Quận ủy Hoàng Mai" in page and "Tháng 2/2023" in page
    # Thành phần grouped by role, the absent with the reason.
    assert "Chủ trì" in page and "UVTV, Trưởng Ban Dân vận Quận ủy" in page
    assert "đại diện lãnh đạo MTTQ, các đoàn thể chính trị - xã hội Quận" in page
    assert "Nguyễn Thị Đào" in page and "Đi học lớp bồi dưỡng" in page
    assert "Báo cáo công tác dân vận tháng 2" in page and "Hội LHPN Quận" in page


def test_detail_reviews_open_tasks_and_links_conclusions_to_tasks(full_meeting, cast, as_user):
    page = html(as_user(cast.board).get(detail_url(full_meeting)))
    review = page[page.index("Kiểm điểm việc đã làm") : page.index('id="y-kien"')]
    assert "Rà soát hộ nghèo, cận nghèo" in review and "Phường Đại Kim" in review
    assert "15/02/2023" in review and "Quá hạn" in review and 'class="overdue"' in review
    task = Task.objects.get(title="Rà soát hộ nghèo, cận nghèo")
    assert reverse("tasks:detail", args=[task.pk]) in review

    conclusions = page[page.index('id="ket-luan"') : page.index('id="bien-ban"')]
    first, second = full_meeting.conclusions.all()
    assert '<li value="1">' in conclusions and '<li value="2">' in conclusions
    assert "Xây dựng kế hoạch chào mừng" in conclusions and "31/03/2023" in conclusions
    assert f"{reverse('tasks:create')}?conclusion={first.pk}" in conclusions
    assert f"{reverse('tasks:create')}?conclusion={second.pk}" in conclusions


def test_detail_lists_the_cited_documents(full_meeting, cast, as_user):
    page = html(as_user(cast.board).get(detail_url(full_meeting)))
    cited = page[page.index('id="van-ban"') :]
    document = full_meeting.citations.get().document
    assert reverse("documents:detail", args=[document.pk]) in cited and "138-KH/QU" in cited


def test_scope_on_the_meeting_page(full_meeting, tree, cast, as_user):
    tay_ho = UserFactory(username="can_bo_tay_ho")
    grant(tay_ho, Role.BOARD_STAFF, tree.tay_ho)
    assert as_user(tay_ho).get(detail_url(full_meeting)).status_code == 404
    assert as_user(tay_ho).get(detail_url(full_meeting, "edit")).status_code == 404

    viewer = as_user(cast.viewer)
    page = viewer.get(detail_url(full_meeting))
    assert page.status_code == 200
    assert detail_url(full_meeting, "edit") not in html(page)
    assert "Thêm thành phần dự" not in html(page)
    assert "Giao nhiệm vụ" not in html(page)
    assert viewer.get(detail_url(full_meeting, "edit")).status_code == 403
    assert viewer.post(detail_url(full_meeting, "delete")).status_code == 403
    refused = viewer.post(detail_url(full_meeting, "conclusion_add"), {"text": "Một"})
    assert refused.status_code == 403
    assert full_meeting.conclusions.count() == 2


# --- forms and their refusals -----------------------------------------------------------


def _meeting_form(tree, giao_ban, **changes):
    data = {
        "title": "Giao ban tháng 3/2023",
        "kind": giao_ban.pk,
        "org_unit": tree.bdv_hoang_mai.pk,
        "co_organisers": [tree.mttq_dinh_cong.pk],
        "starts_at": "2023-03-23T08:00",
        "ends_at": "2023-03-23T10:30",
        "place": "Hội trường",
        "period_code": "2023-03",
        "status": "planned",
        "summary": "",
    }
    data.update(changes)
    return data


def test_create_through_the_page(tree, cast, giao_ban, as_user):
    response = as_user(cast.board).post(reverse("meetings:create"), _meeting_form(tree, giao_ban))
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(meeting)
    assert list(meeting.co_organisers.all()) == [tree.mttq_dinh_cong]
    page = html(as_user(cast.board).get(detail_url(meeting)))
    assert "23/03/2023 08:00 – 10:30" in page and "Ủy ban MTTQ phường Định Công" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at": "2023-03-23T07:00"}, "Giờ kết thúc (23/03/2023 07:00) không được trước giờ"),
        ({"period_code": "quy 1"}, "Chọn kỳ trong danh sách"),
        ({"title": ""}, "Trường này là bắt buộc."),
    ],
)
def test_bad_input_is_explained_in_vietnamese(tree, cast, giao_ban, as_user, changes, message):
    response = as_user(cast.board).post(
        reverse("meetings:create"), _meeting_form(tree, giao_ban, **changes)
    )
    assert response.status_code == 200 and message in html(response)
    assert not Meeting.objects.exists()


def test_edit_through_the_page(seed_meeting, tree, cast, giao_ban, as_user):
    client = as_user(cast.board)
    form = html(client.get(detail_url(seed_meeting, "edit")))
    assert 'value="2023-02-23T08:00"' in form and 'value="2023-02"' in form
    data = _meeting_form(tree, giao_ban, title="Giao ban tháng 2 (đã sửa)", status="held")
    response = client.post(detail_url(seed_meeting, "edit"), data)
    assert response.status_code == 302
    seed_meeting.refresh_from_db()
    assert seed_meeting.title == "Giao ban tháng 2 (đã sửa)" and seed_meeting.status == "held"


def test_absent_without_reason_is_shown_on_the_meeting_page(seed_meeting, cast, officials, as_user):
    response = as_user(cast.board).post(
        detail_url(seed_meeting, "attendance_add"),
        {"person": officials["ward"].pk, "role": "du", "absence_reason": ""},  # present unticked
    )
    assert response.status_code == 400
    page = html(response)
    assert "Ghi lý do vắng mặt của «Nguyễn Thị Đào»." in page
    assert '<details class="add-form" open>' in page  # the form stays open, as filled in
    assert not seed_meeting.attendances.filter(person=officials["ward"]).exists()

    response = as_user(cast.board).post(
        detail_url(seed_meeting, "attendance_add"),
        {"person": officials["ward"].pk, "role": "du", "absence_reason": "Ốm"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#thanh-phan")
    page = html(as_user(cast.board).get(detail_url(seed_meeting)))
    assert "Nguyễn Thị Đào" in page and "Ốm" in page


def test_conclusions_added_edited_and_removed_from_the_page(seed_meeting, cast, as_user):
    client = as_user(cast.board)
    for text in ("Một", "Hai", "Ba"):
        client.post(detail_url(seed_meeting, "conclusion_add"), {"text": text})
    assert list(seed_meeting.conclusions.values_list("number", "text")) == [
        (1, "Một"),
        (2, "Hai"),
        (3, "Ba"),
    ]
    second = seed_meeting.conclusions.get(number=2)
    edit = detail_url(seed_meeting, "conclusion_edit", second.pk)
    assert "Hai" in html(client.get(edit))
    client.post(edit, {"text": "Hai (sửa)"})
    second.refresh_from_db()
    assert second.text == "Hai (sửa)"
    client.post(detail_url(seed_meeting, "conclusion_remove", second.pk))
    assert list(seed_meeting.conclusions.values_list("number", "text")) == [(1, "Một"), (2, "Ba")]
    page = html(client.get(detail_url(seed_meeting)))
    assert "Đã xóa kết luận" in page


def test_agenda_moves_from_the_page(seed_meeting, cast, as_user):
    client = as_user(cast.board)
    for title in ("Báo cáo", "Thảo luận"):
        client.post(detail_url(seed_meeting, "agenda_add"), {"title": title})
    second = seed_meeting.agenda_items.get(title="Thảo luận")
    client.post(detail_url(seed_meeting, "agenda_up", second.pk))
    assert list(seed_meeting.agenda_items.values_list("title", flat=True)) == [
        "Thảo luận",
        "Báo cáo",
    ]


def test_a_part_of_another_meeting_is_not_found(seed_meeting, tay_ho_meeting, cast, as_user):
    other = tay_ho_meeting.attendances.get()
    url = detail_url(seed_meeting, "attendance_edit", other.pk)
    assert as_user(cast.admin).get(url).status_code == 404


def test_minutes_page_links_cited_documents(seed_meeting, cast, as_user):
    client = as_user(cast.board)
    response = client.post(
        detail_url(seed_meeting, "minutes"),
        {"summary": "", "minutes": "Quán triệt Chỉ thị 18-CT/TW và Kế hoạch 138-KH/QU."},
    )
    assert response.status_code == 302
    page = html(client.get(detail_url(seed_meeting)))
    assert "2 văn bản được trích dẫn đã được liên kết" in page
    cited = page[page.index('id="van-ban"') :]
    assert "18-CT/TW" in cited and "138-KH/QU" in cited


def test_delete_and_restore_from_the_pages(seed_meeting, cast, as_user):
    client = as_user(cast.board)
    response = client.post(detail_url(seed_meeting, "delete"))
    assert response.status_code == 302
    assert client.get(detail_url(seed_meeting)).status_code == 404
    trash = html(client.get(reverse("meetings:trash")))
    assert seed_meeting.title in trash
    client.post(detail_url(seed_meeting, "restore"))
    assert client.get(detail_url(seed_meeting)).status_code == 200


# --- calendar ---------------------------------------------------------------------------


def test_calendar_month(seed_meeting, tay_ho_meeting, cast, as_user):
    client = as_user(cast.board)
    page = html(client.get(reverse("meetings:calendar", args=[2023, 2])))
    assert "Lịch hội nghị tháng 2/2023" in page
    assert detail_url(seed_meeting) in page and tay_ho_meeting.title not in page
    assert reverse("meetings:calendar", args=[2023, 1]) in page
    assert reverse("meetings:calendar", args=[2023, 3]) in page
    assert 'class="cal-grid"' in page and 'class="cal-list"' in page  # grid, and list on phones
    empty = html(client.get(reverse("meetings:calendar", args=[2023, 4])))
    assert "Không có hội nghị nào trong tháng này." in empty


def test_calendar_defaults_to_this_month_and_refuses_nonsense(cast, tree, as_user):
    client = as_user(cast.board)
    response = client.get(reverse("meetings:calendar_current"))
    assert response["Location"] == reverse("meetings:calendar", args=[2023, 3])
    assert client.get(reverse("meetings:calendar", args=[2023, 13])).status_code == 404
    assert (
        as_user(cast.stranger).get(reverse("meetings:calendar", args=[2023, 3])).status_code == 403
    )


# --- series -----------------------------------------------------------------------------


def test_series_created_and_scheduled_from_the_pages(tree, cast, giao_ban, as_user):
    client = as_user(cast.board)
    response = client.post(
        reverse("meetings:series_create"),
        {
            "name": "Giao ban công tác dân vận",
            "kind": giao_ban.pk,
            "org_unit": tree.bdv_hoang_mai.pk,
            "recurrence": "monthly",
            "day_of_month": 31,
            "start_time": "08:00",
            "duration_minutes": 120,
            "place": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    series = tree.bdv_hoang_mai.meeting_series.get()
    client.post(reverse("meetings:series_schedule", args=[series.pk]), {"count": 2})
    page = html(client.get(reverse("meetings:series_detail", args=[series.pk])))
    assert "Đã lên lịch 2 hội nghị: 31/03/2023, 30/04/2023." in page
    assert "Giao ban công tác dân vận tháng 3/2023" in page
    assert "Giao ban công tác dân vận tháng 4/2023" in page
    listing = html(client.get(reverse("meetings:series_list"), {"q": "giao ban cong tac"}))
    assert "Giao ban công tác dân vận" in listing


def test_series_refusals_on_the_pages(tree, cast, giao_ban, as_user):
    series = series_create(
        actor=SYSTEM, name="Giao ban", kind=giao_ban, org_unit=tree.bdv_hoang_mai
    )
    viewer = as_user(cast.viewer)
    assert viewer.get(reverse("meetings:series_detail", args=[series.pk])).status_code == 200
    assert viewer.post(reverse("meetings:series_schedule", args=[series.pk])).status_code == 403
    bad = as_user(cast.board).post(
        reverse("meetings:series_edit", args=[series.pk]),
        {
            "name": "Giao ban",
            "kind": giao_ban.pk,
            "org_unit": tree.bdv_hoang_mai.pk,
            "recurrence": "monthly",
            "day_of_month": 40,
            "start_time": "08:00",
            "duration_minutes": 120,
        },
    )
    assert "Ngày họp trong tháng phải từ 1 đến 31." in html(bad)
    tay_ho = UserFactory(username="can_bo_tay_ho")
    grant(tay_ho, Role.VIEWER, tree.tay_ho)
    assert (
        as_user(tay_ho).get(reverse("meetings:series_detail", args=[series.pk])).status_code == 404
    )


# --- admin ------------------------------------------------------------------------------


def test_administrators_extend_the_kinds_but_only_read_meetings(seed_meeting, as_user):
    admin_user = UserFactory(username="quan_tri", is_staff=True, is_superuser=True)
    client = as_user(admin_user)
    added = client.post(
        "/django-admin/meetings/meetingkind/add/",
        {"code": "doi-thoai", "name": "Đối thoại", "sort_order": 9, "is_active": "on"},
    )
    assert added.status_code == 302
    from danvan.meetings.models import MeetingKind

    assert MeetingKind.objects.filter(code="doi-thoai", name="Đối thoại").exists()
    assert client.get("/django-admin/meetings/meeting/").status_code == 200
    assert client.get("/django-admin/meetings/meeting/add/").status_code == 403


def test_a_task_with_several_co_units_is_shown_once(full_meeting, tree, cast, as_user):
    task = Task.objects.get(title="Xây dựng kế hoạch chào mừng")
    task.co_units.set([tree.dai_kim, tree.dinh_cong])
    old = Task.objects.get(title="Rà soát hộ nghèo, cận nghèo")
    old.co_units.set([tree.dinh_cong, tree.mttq_dinh_cong])
    page = html(as_user(cast.board).get(detail_url(full_meeting)))
    assert page.count("Xây dựng kế hoạch chào mừng") == 1
    assert page.count("Rà soát hộ nghèo, cận nghèo") == 1
