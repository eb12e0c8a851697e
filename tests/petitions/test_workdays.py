"""The working-day clock: pure arithmetic (danvan/lib/workdays.py) and the calendar as
seeded (Tết, make-up Saturdays), with the deadlines a petition gets, on a frozen clock."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.lib.workdays import CALENDAR, WORKING, Calendar
from danvan.petitions import clocks
from danvan.petitions.models import CalendarDay, ClockStage, PetitionKind, working_calendar

D = dt.date


def test_a_weekend_is_off_and_a_makeup_saturday_is_worked():
    cal = Calendar(holidays={D(2025, 5, 2)}, makeup_days={D(2025, 4, 26)})
    assert not cal.is_working_day(D(2025, 5, 3))  # Saturday
    assert cal.is_working_day(D(2025, 4, 26))  # Saturday worked in exchange
    assert not cal.is_working_day(D(2025, 5, 2))  # Friday off


def test_working_days_do_not_count_the_day_of_receipt():
    cal = Calendar()
    assert cal.add_working_days(D(2024, 3, 4), 1) == D(2024, 3, 5)  # Mon → Tue
    assert cal.add_working_days(D(2024, 3, 8), 1) == D(2024, 3, 11)  # Fri → Mon
    assert cal.add_working_days(D(2024, 3, 9), 0) == D(2024, 3, 11)  # a Saturday: Monday


def test_a_calendar_period_ending_on_a_day_off_moves_to_the_next_working_day():
    cal = Calendar(holidays={D(2024, 9, 2), D(2024, 9, 3)})
    assert cal.add_calendar_days(D(2024, 8, 22), 10) == D(2024, 9, 4)
    assert cal.add_calendar_days(D(2024, 8, 20), 10) == D(2024, 8, 30)


def test_days_left_count_working_days_both_ways():
    cal = Calendar()
    assert cal.working_days_between(D(2024, 3, 8), D(2024, 3, 12)) == 2
    assert cal.working_days_between(D(2024, 3, 12), D(2024, 3, 8)) == -2


@pytest.mark.parametrize("bad", [-1, 1.5, "3", True, 10**6])
def test_nonsense_periods_are_refused(bad):
    with pytest.raises(ValueError):
        Calendar().add(D(2024, 1, 1), bad, WORKING)


# --- the seeded calendar ---------------------------------------------------------------


@pytest.mark.django_db
def test_tet_binh_ngo_2026_is_nine_days_off():
    cal = working_calendar()
    off = [D(2026, 2, 14) + dt.timedelta(days=n) for n in range(9)]
    assert not any(cal.is_working_day(day) for day in off)
    assert cal.is_working_day(D(2026, 2, 13)) and cal.is_working_day(D(2026, 2, 23))


@pytest.mark.django_db
def test_a_denunciation_received_before_tet_is_accepted_after_it(today):
    """7 working days from Thursday 12/02/2026: Friday 13/02 is the first, then Tết
    (14–22/02), then 23, 24, 25, 26, 27/02 and Monday 02/03 the seventh."""
    today(D(2026, 2, 12))
    due, rule = clocks.due(
        kind=PetitionKind.DENUNCIATION, stage=ClockStage.ACCEPT, received_on=D(2026, 2, 12)
    )
    assert rule is not None and rule.counting == WORKING and rule.days == 7
    assert due == D(2026, 3, 2)


@pytest.mark.django_db
def test_a_complaint_whose_ten_days_end_in_tet_is_due_the_first_day_back(today):
    """Khiếu nại received 06/02/2026: day 10 is Monday 16/02, inside Tết → Monday 23/02."""
    due, rule = clocks.due(
        kind=PetitionKind.COMPLAINT, stage=ClockStage.ACCEPT, received_on=D(2026, 2, 6)
    )
    assert rule is not None and rule.counting == CALENDAR
    assert due == D(2026, 2, 23)


@pytest.mark.django_db
def test_the_makeup_saturday_of_april_2025_counts_as_a_working_day():
    """Thursday 24/04/2025 + 3 working days: Fri 25, Sat 26 (làm bù), Mon 28 — while
    Wednesday 30/04 to Friday 02/05 are off."""
    cal = working_calendar()
    assert cal.add_working_days(D(2025, 4, 24), 3) == D(2025, 4, 28)
    assert cal.add_working_days(D(2025, 4, 28), 2) == D(2025, 5, 5)


@pytest.mark.django_db
def test_an_administrator_edit_of_the_calendar_moves_the_deadline():
    before = working_calendar().add_working_days(D(2027, 3, 1), 1)
    CalendarDay.objects.create(day=D(2027, 3, 2), kind=CalendarDay.Kind.HOLIDAY, name="Thử")
    assert before == D(2027, 3, 2)
    assert working_calendar().add_working_days(D(2027, 3, 1), 1) == D(2027, 3, 3)


@pytest.mark.django_db
def test_every_seeded_year_has_tet_and_the_rules_name_their_basis():
    for year in range(2019, 2028):
        assert CalendarDay.objects.filter(day__year=year, name__contains="Tết Nguyên đán").exists()
    from danvan.petitions.models import DeadlineRule

    rule = DeadlineRule.objects.get(kind=PetitionKind.COMPLAINT, stage=ClockStage.ACCEPT)
    assert "02/2011/QH13" in rule.basis
    assert "⚠" in DeadlineRule.objects.get(kind=PetitionKind.DENUNCIATION, stage="thu_ly").basis
