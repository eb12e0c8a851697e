"""Meetings with conclusions, tasks raised from them, and a clock the tests can move.

Meetings and conclusions are written with the ORM here: these tests are about what the
tasks do with them, not about the meeting pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.meetings.models import Conclusion, Meeting, MeetingKind, MeetingSeries
from danvan.tasks.services import task_create

TODAY = dt.date(2023, 3, 10)


@pytest.fixture
def today(monkeypatch: Any) -> Any:
    """Freeze ``clock.today()`` on 10/03/2023; call the fixture's value to move the day."""

    def set_day(day: dt.date) -> dt.date:
        monkeypatch.setattr(clock, "today", lambda: day)
        return day

    set_day(TODAY)
    return set_day


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def giao_ban(db: Any) -> MeetingKind:
    return MeetingKind.objects.get(code="giao-ban-thang")


@pytest.fixture
def series(tree: Any, giao_ban: MeetingKind) -> MeetingSeries:
    return MeetingSeries.objects.create(
        name="Giao ban công tác dân vận hằng tháng", kind=giao_ban, org_unit=tree.hoang_mai
    )


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def make_meeting(
    unit: Any, kind: MeetingKind, day: dt.date, series: MeetingSeries | None = None, **kw: Any
) -> Meeting:
    return Meeting.objects.create(
        title=kw.pop("title", f"Giao ban tháng {day.month}/{day.year}"),
        kind=kind,
        org_unit=unit,
        starts_at=at(day),
        series=series,
        status=Meeting.Status.HELD,
        **kw,
    )


def conclude(meeting: Meeting, text: str, number: int = 1) -> Conclusion:
    return Conclusion.objects.create(meeting=meeting, number=number, text=text)


@pytest.fixture
def february(tree: Any, giao_ban: MeetingKind, series: MeetingSeries) -> Meeting:
    """The February giao ban of Quận Hoàng Mai (23/02/2023), with two conclusions."""
    meeting = make_meeting(tree.hoang_mai, giao_ban, dt.date(2023, 2, 23), series)
    conclude(meeting, "Phường Định Công hoàn thành rà soát hộ nghèo trước ngày 05/3.", 1)
    conclude(meeting, "Nhân rộng mô hình «Dân vận khéo» ở các phường.", 2)
    return meeting


def new_task(lead: Any, title: str = "Rà soát hộ nghèo", **kw: Any) -> Any:
    kw.setdefault("owner_unit", None if kw.get("conclusion") else lead)
    return task_create(actor=SYSTEM, title=title, lead_unit=lead, **kw)
