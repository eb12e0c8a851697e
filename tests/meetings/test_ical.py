"""The iCal feed of a recurring meeting, read by a calendar app that cannot log in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from danvan.access.roles import Role
from danvan.accounts.services import api_token_create
from danvan.meetings.services import meeting_update, series_create, series_schedule_next
from tests.factories import UserFactory, grant
from tests.meetings.conftest import TZ


@pytest.fixture
def series(tree, cast, giao_ban):
    series = series_create(
        actor=cast.board,
        name="Giao ban công tác dân vận",
        kind=giao_ban,
        org_unit=tree.bdv_hoang_mai,
        day_of_month=25,
        start_time=dt.time(8, 0),
        duration_minutes=120,
        place="Hội trường Quận ủy",
    )
    _, april = series_schedule_next(actor=cast.board, series=series, count=2)
    meeting_update(actor=cast.board, meeting=april, place="", is_online=True)
    return series


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))


def test_feed_lists_the_meetings_of_the_series(series, cast, as_user):
    url = reverse("meetings:series_ical", args=[series.pk])
    events = _events(as_user(cast.viewer).get(url))
    march, april = series.meetings.order_by("starts_at")
    assert [str(e["summary"]) for e in events] == [march.title, april.title]
    assert str(events[0]["location"]) == "Hội trường Quận ủy"
    assert str(events[1]["location"]) == "Trực tuyến"
    start, end = events[0].decoded("dtstart"), events[0].decoded("dtend")
    assert start == dt.datetime(2023, 3, 25, 8, 0, tzinfo=TZ)
    assert end - start == dt.timedelta(hours=2)
    uids = {str(e["uid"]) for e in events}
    assert len(uids) == 2 and all(uid.startswith("hoi-nghi-") for uid in uids)
    assert str(events[0]["url"]).endswith(reverse("meetings:detail", args=[march.pk]))


def test_a_token_stands_for_the_session(series, cast):
    _, raw = api_token_create(actor=cast.viewer, user=cast.viewer)
    url = reverse("meetings:series_ical", args=[series.pk])
    anonymous = Client()
    assert len(_events(anonymous.get(url, {"token": raw}))) == 2
    assert anonymous.get(url).status_code == 404
    assert anonymous.get(url, {"token": "dv_sai-ma"}).status_code == 404
    assert anonymous.get(url, {"token": raw[:-2] + "xx"}).status_code == 404


def test_a_token_outside_the_scope_finds_nothing(series, tree):
    tay_ho = UserFactory(username="can_bo_tay_ho")
    grant(tay_ho, Role.BOARD_STAFF, tree.tay_ho)
    _, raw = api_token_create(actor=tay_ho, user=tay_ho)
    url = reverse("meetings:series_ical", args=[series.pk])
    assert Client().get(url, {"token": raw}).status_code == 404


def test_a_revoked_token_no_longer_reads(series, cast):
    from danvan.accounts.services import api_token_revoke

    token, raw = api_token_create(actor=cast.viewer, user=cast.viewer)
    api_token_revoke(actor=cast.viewer, token=token)
    url = reverse("meetings:series_ical", args=[series.pk])
    assert Client().get(url, {"token": raw}).status_code == 404
