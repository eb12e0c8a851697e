"""Working days: the arithmetic of legal clocks, with no Django in it.

Vietnam's public bodies work Monday to Friday. Public holidays (Tết Nguyên đán, Giỗ Tổ
Hùng Vương, 30/4–1/5, Quốc khánh…) are days off even on a weekday, and the government
sometimes swaps a weekday off against a Saturday worked (*ngày làm bù*): that Saturday is
a working day. Both lists are data (the petitions app keeps them editable by
administrators); this module only counts.

Two ways a legal period is counted:

- ``working``: "07 ngày làm việc" — the day of receipt does not count, then each working
  day counts one, so the deadline is itself a working day;
- ``calendar``: "10 ngày" — calendar days from the day after receipt; when the last day is
  not a working day, the period ends on the next working day (Bộ luật Dân sự 2015, Điều
  148 khoản 5: a period ending on a day off ends on the next working day).

>>> cal = Calendar(holidays={dt.date(2026, 2, 16)}, makeup_days={dt.date(2026, 2, 14)})
>>> cal.is_working_day(dt.date(2026, 2, 14)), cal.is_working_day(dt.date(2026, 2, 16))
(True, False)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

WORKING = "working"
CALENDAR = "calendar"
_ONE = dt.timedelta(days=1)
# A period of this many days can only be a mistake; refusing it keeps a loop finite.
MAX_DAYS = 3660


@dataclass(frozen=True)
class Calendar:
    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    makeup_days: frozenset[dt.date] = field(default_factory=frozenset)

    def __init__(
        self, holidays: Iterable[dt.date] = (), makeup_days: Iterable[dt.date] = ()
    ) -> None:
        object.__setattr__(self, "holidays", frozenset(holidays))
        object.__setattr__(self, "makeup_days", frozenset(makeup_days))

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.makeup_days:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first one after it."""
        while not self.is_working_day(day):
            day += _ONE
        return day

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (``start`` not counted)."""
        _check(days)
        if days == 0:
            return self.next_working_day(start)
        day, left = start, days
        while left:
            day += _ONE
            if self.is_working_day(day):
                left -= 1
        return day

    def add_calendar_days(self, start: dt.date, days: int) -> dt.date:
        """``start`` + ``days``, moved to the next working day if it falls on a day off."""
        _check(days)
        return self.next_working_day(start + dt.timedelta(days=days))

    def add(self, start: dt.date, days: int, counting: str) -> dt.date:
        if counting == WORKING:
            return self.add_working_days(start, days)
        if counting == CALENDAR:
            return self.add_calendar_days(start, days)
        raise ValueError(f"unknown counting {counting!r}")

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if ``end`` is
        before ``start``): "còn N ngày làm việc"."""
        if end == start:
            return 0
        sign, low, high = (1, start, end) if end > start else (-1, end, start)
        count, day = 0, low
        while day < high:
            day += _ONE
            if self.is_working_day(day):
                count += 1
        return sign * count


def _check(days: int) -> None:
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= MAX_DAYS:
        raise ValueError(f"days must be an integer from 0 to {MAX_DAYS}")
