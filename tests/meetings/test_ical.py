"""The iCal feed of a recurring meeting, read by a calendar app that cannot log in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from danvan.access.roles import Role
from danvan.accounts.services import api_token_create
from danvan.meetings.models import CalendarFeedToken
from danvan.meetings.services import meeting_update, series_create, series_schedule_next
from danvan.meetings.services.feeds import feed_token_reset
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


def test_the_feed_key_stands_for_the_session(series, cast):
    key = feed_token_reset(actor=cast.viewer).key
    url = reverse("meetings:series_ical", args=[series.pk])
    anonymous = Client()
    assert len(_events(anonymous.get(url, {"token": key}))) == 2
    assert anonymous.get(url).status_code == 404
    assert anonymous.get(url, {"token": "lich_sai-ma"}).status_code == 404
    assert anonymous.get(url, {"token": key[:-2] + "xx"}).status_code == 404


def test_an_api_token_is_not_a_feed_key(series, cast):
    # It was accepted here: a key that writes, in a calendar app's address (issue 11 §6).
    _, raw = api_token_create(actor=cast.viewer, user=cast.viewer)
    url = reverse("meetings:series_ical", args=[series.pk])
    assert Client().get(url, {"token": raw}).status_code == 404


def test_a_feed_key_outside_the_scope_finds_nothing(series, tree):
    tay_ho = UserFactory(username="can_bo_tay_ho")
    grant(tay_ho, Role.BOARD_STAFF, tree.tay_ho)
    key = feed_token_reset(actor=tay_ho).key
    url = reverse("meetings:series_ical", args=[series.pk])
    assert Client().get(url, {"token": key}).status_code == 404


def test_made_again_the_old_address_stops_working(series, cast, as_user):
    page_url = reverse("meetings:series_detail", args=[series.pk])
    viewer = as_user(cast.viewer)
    assert "Tạo địa chỉ đăng ký" in viewer.get(page_url).content.decode()
    viewer.post(reverse("meetings:feed_token_new", args=[series.pk]))
    first = CalendarFeedToken.objects.get(user=cast.viewer).key
    page = viewer.get(page_url).content.decode()
    assert f"lich.ics?token={first}" in page and "Tạo lại địa chỉ" in page
    viewer.post(reverse("meetings:feed_token_new", args=[series.pk]))
    url = reverse("meetings:series_ical", args=[series.pk])
    assert Client().get(url, {"token": first}).status_code == 404
    second = CalendarFeedToken.objects.get(user=cast.viewer).key
    assert len(_events(Client().get(url, {"token": second}))) == 2


def test_a_demo_accounts_feed_key_needs_debug(series, cast, settings):
    cast.viewer.is_demo = True
    cast.viewer.save(update_fields=["is_demo"])
    key = feed_token_reset(actor=cast.viewer).key
    url = reverse("meetings:series_ical", args=[series.pk])
    settings.DEBUG = False
    assert Client().get(url, {"token": key}).status_code == 404
    settings.DEBUG = True
    assert Client().get(url, {"token": key}).status_code == 200
