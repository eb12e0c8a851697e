"""A frozen clock for the notices, the catalogue's monthly form (BC_THANG: due on the
3rd of the next month, locks 30 days later), and a task of Phường Định Công.

In the conftest tree the grassroots places (Định Công, Đại Kim, Bưởi) owe BC_THANG;
only Định Công has people (``cast.leader``, ``cast.reporter``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.access.system import SYSTEM
from danvan.core import clock
from danvan.notifications.models import Notification
from danvan.reporting import services as reporting_services
from danvan.reporting.catalog import ensure_catalog
from danvan.reporting.models import ReportForm

# 31/03/2024: March 2024 is due on 03/04, in three days; February was due on 03/03.
DAY = dt.date(2024, 3, 31)


@pytest.fixture
def day(monkeypatch: Any) -> Any:
    """Freeze both clocks (``clock.today`` and the reporting windows') on ``DAY``; call
    the value to move the day."""

    def set_day(value: dt.date) -> dt.date:
        monkeypatch.setattr(clock, "today", lambda: value)
        monkeypatch.setattr(reporting_services, "today", lambda: value)
        return value

    set_day(DAY)
    return set_day


@pytest.fixture
def monthly(db: Any) -> ReportForm:
    ensure_catalog()
    # Only the monthly form: the six-month one would add its own reminders.
    ReportForm.objects.exclude(code="BC_THANG").update(is_active=False)
    return ReportForm.objects.get(code="BC_THANG")


@pytest.fixture
def task(cast: Any, tree: Any, day: Any) -> Any:
    from danvan.tasks.services import task_create

    made = task_create(
        actor=SYSTEM,
        title="Rà soát hộ nghèo, hộ cận nghèo",
        owner_unit=tree.hoang_mai,
        lead_unit=tree.dinh_cong,
        deadline=dt.date(2024, 4, 2),
    )
    Notification.objects.all().delete()
    return made


def notices(user: Any, kind: str | None = None) -> list[Notification]:
    rows = Notification.objects.filter(recipient=user)
    if kind:
        rows = rows.filter(kind=kind)
    return list(rows.order_by("id"))
