"""Recurring meetings: scheduling the next ones."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from danvan.core import clock
from danvan.meetings.models import MeetingSeries
from danvan.meetings.services import (
    meeting_create,
    series_create,
    series_schedule_next,
    series_update,
)
from danvan.meetings.services.series import REVIEW_ITEM
from tests.meetings.conftest import TZ, at


@pytest.fixture
def monthly(tree, cast, giao_ban):
    return series_create(
        actor=cast.board,
        name="Giao ban công tác dân vận hằng tháng",
        kind=giao_ban,
        org_unit=tree.bdv_hoang_mai,
        day_of_month=31,
        start_time=dt.time(8, 0),
        duration_minutes=150,
        place="Phòng họp Quận ủy",
    )


def _local(meeting):
    return timezone.localtime(meeting.starts_at, TZ)


def test_first_meetings_from_today_clamped_to_the_month_end(monthly, cast, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2023, 2, 5))
    created = series_schedule_next(actor=cast.board, series=monthly, count=3)
    assert [_local(m).strftime("%d/%m/%Y %H:%M") for m in created] == [
        "28/02/2023 08:00",
        "31/03/2023 08:00",
        "30/04/2023 08:00",
    ]
    first = created[0]
    assert first.title == "Giao ban công tác dân vận tháng 2/2023"
    assert [m.period_code for m in created] == ["2023-02", "2023-03", "2023-04"]
    assert first.status == "planned" and first.series == monthly
    assert first.place == "Phòng họp Quận ủy" and first.org_unit == monthly.org_unit
    assert first.ends_at - first.starts_at == dt.timedelta(minutes=150)
    assert _local(first).utcoffset() == dt.timedelta(hours=7)  # Asia/Ho_Chi_Minh
    assert [i.title for i in first.agenda_items.all()] == [REVIEW_ITEM]


def test_leap_february_and_a_day_already_past(monthly, cast, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2024, 1, 31))
    monthly.day_of_month = 30
    monthly.save()
    # 30/01 is before today: the first meeting is February's, on the 29th.
    created = series_schedule_next(actor=cast.board, series=monthly, count=2)
    assert [_local(m).date() for m in created] == [dt.date(2024, 2, 29), dt.date(2024, 3, 30)]


def test_next_meetings_follow_the_latest_one(monthly, cast, tree, giao_ban):
    meeting_create(
        actor=cast.board,
        title="Giao ban tháng 2",
        kind=giao_ban,
        org_unit=tree.bdv_hoang_mai,
        starts_at=at("23/02/2023"),
        series=monthly,
    )
    (march,) = series_schedule_next(actor=cast.board, series=monthly)
    assert _local(march).date() == dt.date(2023, 3, 31)
    (april,) = series_schedule_next(actor=cast.board, series=monthly)
    assert _local(april).date() == dt.date(2023, 4, 30)


def test_never_a_second_meeting_in_the_same_period(monthly, cast, tree, giao_ban):
    # Held on 20/04 but recorded as May's giao ban: April and May are both taken.
    meeting_create(
        actor=cast.board,
        title="Giao ban tháng 5 (họp sớm)",
        kind=giao_ban,
        org_unit=tree.bdv_hoang_mai,
        starts_at=at("20/04/2023"),
        period_code="2023-05",
        series=monthly,
    )
    created = series_schedule_next(actor=cast.board, series=monthly, count=2)
    assert [m.period_code for m in created] == ["2023-06", "2023-07"]
    codes = list(monthly.meetings.values_list("period_code", flat=True))
    assert len(codes) == len(set(codes))


def test_quarterly_meets_in_the_last_month_of_each_quarter(tree, cast, giao_ban):
    series = series_create(
        actor=cast.board,
        name="Giao ban khối dân vận hằng quý",
        kind=giao_ban,
        org_unit=tree.hoang_mai,
        recurrence=MeetingSeries.Recurrence.QUARTERLY,
        day_of_month=25,
    )
    created = series_schedule_next(actor=cast.board, series=series, count=2)  # today 10/03/2023
    assert [_local(m).date() for m in created] == [dt.date(2023, 3, 25), dt.date(2023, 6, 25)]
    assert [m.title for m in created] == [
        "Giao ban khối dân vận quý I/2023",
        "Giao ban khối dân vận quý II/2023",
    ]
    assert [m.period_code for m in created] == ["2023Q1", "2023Q2"]


def test_half_yearly_and_yearly_titles(tree, cast, so_ket):
    half = series_create(
        actor=cast.board,
        name="Sơ kết công tác dân vận",
        kind=so_ket,
        org_unit=tree.hoang_mai,
        recurrence=MeetingSeries.Recurrence.HALF_YEARLY,
        day_of_month=30,
    )
    (meeting,) = series_schedule_next(actor=cast.board, series=half)
    assert meeting.title == "Sơ kết công tác dân vận 6 tháng đầu năm 2023"
    assert _local(meeting).date() == dt.date(2023, 6, 30) and meeting.period_code == "2023H1"


def test_scheduling_refusals(monthly, cast):
    with pytest.raises(ValidationError) as info:
        series_schedule_next(actor=cast.board, series=monthly, count=0)
    assert "từ 1 đến 24" in info.value.message_dict["count"][0]
    with pytest.raises(PermissionDenied):
        series_schedule_next(actor=cast.viewer, series=monthly)
    series_update(actor=cast.board, series=monthly, is_active=False)
    with pytest.raises(ValidationError) as info:
        series_schedule_next(actor=cast.board, series=monthly)
    assert "đã thôi họp định kỳ" in info.value.message_dict["count"][0]
    assert not monthly.meetings.exists()


def test_series_fields_are_checked(tree, cast, giao_ban):
    with pytest.raises(ValidationError) as info:
        series_create(
            actor=cast.board,
            name="",
            kind=giao_ban,
            org_unit=tree.hoang_mai,
            day_of_month=32,
            duration_minutes=0,
        )
    assert set(info.value.message_dict) == {"name", "day_of_month", "duration_minutes"}
    assert info.value.message_dict["day_of_month"] == ["Ngày họp trong tháng phải từ 1 đến 31."]
