"""Reading meetings: search ignoring marks, filters, scope, the month calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404

from danvan.access.roles import Role
from danvan.meetings.selectors import calendar_month, meeting_get, meeting_search
from danvan.meetings.services import meeting_create, meeting_update
from tests.factories import UserFactory, grant
from tests.meetings.conftest import at


def _titles(meetings):
    return [m.title for m in meetings]


@pytest.mark.parametrize(
    "q", ["Giao ban", "giao ban", "GIAO BAN THÁNG 2", "mat tran to quoc", "Đoàn thể tháng 2"]
)
def test_search_with_or_without_marks(seed_meeting, tay_ho_meeting, cast, q):
    assert _titles(meeting_search(user=cast.admin, q=q)) == [seed_meeting.title]


def test_search_matches_word_by_word_and_organisers(seed_meeting, tay_ho_meeting, cast):
    assert _titles(meeting_search(user=cast.admin, q="thang giao 3/2023")) == [seed_meeting.title]
    assert _titles(meeting_search(user=cast.admin, q="tay ho so ket")) == [tay_ho_meeting.title]
    assert not meeting_search(user=cast.admin, q="giao ban tay ho").exists()


@pytest.mark.parametrize("q", ["khuong quoc hung", "Khương Quốc Hưng", "hung"])
def test_search_finds_the_meetings_a_person_attended(seed_meeting, tay_ho_meeting, cast, q):
    assert _titles(meeting_search(user=cast.admin, q=q)) == [seed_meeting.title]


def test_each_role_sees_its_subtree(seed_meeting, tay_ho_meeting, tree, cast):
    assert _titles(meeting_search(user=cast.board)) == [seed_meeting.title]
    assert _titles(meeting_search(user=cast.viewer)) == [seed_meeting.title]
    assert set(_titles(meeting_search(user=cast.admin))) == {
        seed_meeting.title,
        tay_ho_meeting.title,
    }
    # The ward sees the district board's meeting only once it co-organises it.
    assert not meeting_search(user=cast.reporter).exists()
    assert not meeting_search(user=cast.stranger).exists()
    meeting_update(actor=cast.board, meeting=seed_meeting, co_organisers=[tree.dinh_cong])
    assert _titles(meeting_search(user=cast.reporter)) == [seed_meeting.title]


def test_a_meeting_reached_through_several_units_is_listed_once(seed_meeting, tree, cast):
    meeting_update(
        actor=cast.board,
        meeting=seed_meeting,
        co_organisers=[tree.dinh_cong, tree.mttq_dinh_cong, tree.dai_kim],
    )
    assert meeting_search(user=cast.board).count() == 1
    assert meeting_search(user=cast.board, org_unit=tree.dinh_cong.pk).count() == 1


def test_tay_ho_cannot_open_a_hoang_mai_meeting(seed_meeting, tree):
    officer = UserFactory(username="can_bo_tay_ho")
    grant(officer, Role.BOARD_STAFF, tree.tay_ho)
    with pytest.raises(Http404):
        meeting_get(user=officer, pk=seed_meeting.pk)
    assert not meeting_search(user=officer).exists()


def test_filters(seed_meeting, tay_ho_meeting, tree, cast, so_ket):
    admin = cast.admin
    assert _titles(meeting_search(user=admin, kind=so_ket.pk)) == [tay_ho_meeting.title]
    assert _titles(meeting_search(user=admin, kind="so-ket")) == [tay_ho_meeting.title]
    assert _titles(meeting_search(user=admin, org_unit=tree.hoang_mai.pk)) == [seed_meeting.title]
    assert not meeting_search(user=admin, org_unit=tree.dinh_cong.pk).exists()
    assert _titles(meeting_search(user=admin, date_from=dt.date(2023, 2, 23))) == [
        seed_meeting.title
    ]
    assert _titles(meeting_search(user=admin, date_to=dt.date(2023, 2, 22))) == [
        tay_ho_meeting.title
    ]
    assert not meeting_search(user=admin, status="held").exists()
    meeting_update(actor=admin, meeting=seed_meeting, status="held")
    assert _titles(meeting_search(user=admin, status="held")) == [seed_meeting.title]


def test_search_lists_the_chair(seed_meeting, cast):
    (meeting,) = meeting_search(user=cast.board)
    assert [a.person.full_name for a in meeting.chairs] == ["Khương Quốc Hưng"]


def test_calendar_month_has_weeks_from_monday_with_meetings(seed_meeting, tree, cast, giao_ban):
    # Late evening of the last day: still that day in Hà Nội (UTC is earlier).
    late = meeting_create(
        actor=cast.board,
        title="Họp tối",
        kind=giao_ban,
        org_unit=tree.hoang_mai,
        starts_at=at("28/02/2023", 22),
    )
    weeks = calendar_month(user=cast.board, year=2023, month=2)
    assert all(len(week) == 7 for week in weeks)
    assert weeks[0][0].date == dt.date(2023, 1, 30) and weeks[0][0].date.weekday() == 0
    assert not weeks[0][0].in_month
    days = {d.date: d for week in weeks for d in week}
    assert [m.title for m in days[dt.date(2023, 2, 23)].meetings] == [seed_meeting.title]
    assert [m.pk for m in days[dt.date(2023, 2, 28)].meetings] == [late.pk]
    assert sum(len(d.meetings) for d in days.values()) == 2
    # Out of scope, nothing.
    assert not any(
        d.meetings for week in calendar_month(user=cast.reporter, year=2023, month=2) for d in week
    )
