"""Meetings of the conftest tree: the board of Quận Hoàng Mai holds the seed's giao ban
(23/02/2023, chaired by Khương Quốc Hưng); Quận Tây Hồ holds its own."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.meetings.models import Attendance, MeetingKind
from danvan.meetings.services import attendance_add, meeting_create

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2023, 3, 10)


def at(day: str, hour: int = 8, minute: int = 0) -> dt.datetime:
    """at("23/02/2023", 8) → 23/02/2023 08:00 in Hà Nội."""
    d, m, y = (int(part) for part in day.split("/"))
    return dt.datetime(y, m, d, hour, minute, tzinfo=TZ)


@pytest.fixture(autouse=True)
def _today(monkeypatch: Any) -> None:
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def giao_ban(db: Any) -> MeetingKind:
    return MeetingKind.objects.get(code="giao-ban-thang")


@pytest.fixture
def so_ket(db: Any) -> MeetingKind:
    return MeetingKind.objects.get(code="so-ket")


@pytest.fixture
def seed_meeting(tree: Any, officials: Any, giao_ban: MeetingKind) -> Any:
    """Seed 000: "Ngày 23/02/2023, Ban Dân vận Quận ủy tổ chức hội nghị giao ban..."."""
    meeting = meeting_create(
        actor=SYSTEM,
        title="Giao ban công tác Dân vận với Mặt trận tổ quốc và các Đoàn thể tháng 2, "
        "triển khai nhiệm vụ công tác tháng 3/2023",
        kind=giao_ban,
        org_unit=tree.bdv_hoang_mai,
        starts_at=at("23/02/2023", 8),
        ends_at=at("23/02/2023", 10),
        place="Hội trường Quận ủy",
        period_code="2023-02",
    )
    attendance_add(
        actor=SYSTEM, meeting=meeting, person=officials["hung"], role=Attendance.Role.CHAIR
    )
    attendance_add(
        actor=SYSTEM,
        meeting=meeting,
        name_as_written="đại diện lãnh đạo MTTQ, các đoàn thể chính trị - xã hội Quận",
    )
    return meeting


@pytest.fixture
def tay_ho_meeting(tree: Any, officials: Any, so_ket: MeetingKind) -> Any:
    """Seed 003: Quận ủy Tây Hồ, 02/07/2020."""
    meeting = meeting_create(
        actor=SYSTEM,
        title="Hội nghị sơ kết công tác Dân vận 6 tháng đầu năm 2020",
        kind=so_ket,
        org_unit=tree.tay_ho,
        starts_at=at("02/07/2020", 8),
        period_code="2020H1",
    )
    attendance_add(
        actor=SYSTEM, meeting=meeting, person=officials["tay_ho"], role=Attendance.Role.CHAIR
    )
    return meeting
