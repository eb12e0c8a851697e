"""The demo's plan for a given day (no database): what is due, late, returned or overdue
is a function of the day of the load, so the demo stays current a year from now."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from danvan.demo import current_data
from danvan.demo.current_meetings import first_month, task_target
from danvan.demo.current_reporting import (
    APPROVED,
    MISSING,
    RETURNED,
    SUBMITTED,
    report_plan,
    ward_codes,
)
from danvan.tasks.models import TaskStatus


@pytest.mark.parametrize(
    ("day", "last"),
    [
        (dt.date(2026, 12, 2), "2026-11"),
        (dt.date(2027, 1, 1), "2026-12"),
        (dt.date(2027, 3, 15), "2027-02"),
    ],
)
def test_the_last_closed_month_is_in_play_and_the_earlier_ones_settled(
    day: dt.date, last: str
) -> None:
    plan = report_plan(day)
    assert plan[current_data.DEMO_WARD, last] == MISSING
    hanoi = Counter(plan[code, last] for code in ward_codes("HN"))
    assert hanoi[RETURNED] == 1 and hanoi[SUBMITTED] == 2 and hanoi[MISSING] == 2
    assert hanoi[APPROVED] == len(ward_codes("HN")) - 5
    assert {state for (_, period), state in plan.items() if period < last} == {APPROVED}
    # Nothing is planned for the current month, and every month from 07/2025 is there.
    assert max(period for _, period in plan) == last
    assert (current_data.DEMO_WARD, "2025-07") in plan


def test_the_ward_returned_changes_with_the_month() -> None:
    def returned(day: dt.date) -> str:
        plan = report_plan(day)
        last = max(period for _, period in plan)
        return next(code for code in ward_codes("HN") if plan[code, last] == RETURNED)

    assert returned(dt.date(2026, 12, 2)) != returned(dt.date(2027, 1, 2))


def test_a_task_is_done_past_two_weeks_and_only_the_two_latest_stay_overdue() -> None:
    today = dt.date(2026, 12, 2)
    assert task_target(today - dt.timedelta(days=20), today, None) == TaskStatus.DONE
    assert task_target(today - dt.timedelta(days=3), today, 0) == TaskStatus.IN_PROGRESS
    assert task_target(today - dt.timedelta(days=5), today, 1) == TaskStatus.IN_PROGRESS
    assert task_target(today - dt.timedelta(days=9), today, 2) == TaskStatus.DONE
    assert task_target(today + dt.timedelta(days=9), today, None) in (
        TaskStatus.NEW,
        TaskStatus.IN_PROGRESS,
    )


def test_the_giao_ban_series_starts_in_january_or_the_year_before_early_on() -> None:
    assert first_month(dt.date(2026, 12, 2)).code == "2026-01"
    assert first_month(dt.date(2027, 1, 10)).code == "2026-01"
    assert first_month(dt.date(2027, 3, 15)).code == "2027-01"
