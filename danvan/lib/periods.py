"""Reporting periods, no Django: codes, ranges, neighbours and Vietnamese labels.

Codes (ISO-like, after DHIS2): ``2024-03`` month, ``2024Q1`` quarter, ``2024H1`` six
months, ``2024`` year. A period's calendar range is [start, end]; a form may instead use
the official reporting window of the regime, from the 15th of the previous month to the
14th of the last month ("15→14").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTH, QUARTER, HALF, YEAR = "month", "quarter", "half", "year"
KINDS = (MONTH, QUARTER, HALF, YEAR)
KIND_LABELS = {MONTH: "Tháng", QUARTER: "Quý", HALF: "6 tháng", YEAR: "Năm"}
_MONTHS_IN = {MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12}
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{2})$"), MONTH),
    (re.compile(r"^(\d{4})Q([1-4])$"), QUARTER),
    (re.compile(r"^(\d{4})H([12])$"), HALF),
    (re.compile(r"^(\d{4})$"), YEAR),
]

CALENDAR = "calendar"
OFFICIAL_15_14 = "15-14"


class PeriodError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    year: int
    first_month: int
    kind: str

    @property
    def months(self) -> int:
        return _MONTHS_IN[self.kind]

    @property
    def index(self) -> int:
        return (self.first_month - 1) // self.months + 1

    @property
    def code(self) -> str:
        if self.kind == MONTH:
            return f"{self.year}-{self.first_month:02d}"
        if self.kind == QUARTER:
            return f"{self.year}Q{self.index}"
        if self.kind == HALF:
            return f"{self.year}H{self.index}"
        return f"{self.year}"

    def __str__(self) -> str:
        return self.code

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> dt.date:
        last = self.first_month + self.months - 1
        return dt.date(self.year, last, calendar.monthrange(self.year, last)[1])

    def window(self, rule: str = CALENDAR) -> tuple[dt.date, dt.date]:
        """The dates the period covers under a form's cut-off rule."""
        if rule == CALENDAR:
            return self.start, self.end
        if rule == OFFICIAL_15_14:
            before = self.start - dt.timedelta(days=1)
            last = self.first_month + self.months - 1
            return dt.date(before.year, before.month, 15), dt.date(self.year, last, 14)
        raise PeriodError(f"Quy tắc chốt số liệu không hợp lệ: «{rule}».")

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` periods of the same kind later (negative: earlier)."""
        index0 = self.year * 12 + self.first_month - 1 + steps * self.months
        return Period(index0 // 12, index0 % 12 + 1, self.kind)

    def previous(self) -> Period:
        return self.shifted(-1)

    def same_last_year(self) -> Period:
        return Period(self.year - 1, self.first_month, self.kind)

    def in_year(self, year: int) -> Period:
        return Period(year, self.first_month, self.kind)

    def sub_periods(self, kind: str = MONTH) -> list[Period]:
        """The periods of ``kind`` inside this one (months of a quarter, halves of a year)."""
        size = _MONTHS_IN[kind]
        if size > self.months:
            return []
        return [
            Period(self.year, m, kind)
            for m in range(self.first_month, self.first_month + self.months, size)
        ]

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def label(self) -> str:
        """Vietnamese: tháng 3/2024, quý I/2024, 6 tháng đầu năm 2024, năm 2024."""
        if self.kind == MONTH:
            return f"tháng {self.first_month}/{self.year}"
        if self.kind == QUARTER:
            return f"quý {_ROMAN[self.index]}/{self.year}"
        if self.kind == HALF:
            which = "đầu" if self.index == 1 else "cuối"
            return f"6 tháng {which} năm {self.year}"
        return f"năm {self.year}"


def parse(code: str) -> Period:
    """``parse("2024Q1")`` → Period; a Vietnamese PeriodError for anything else."""
    text = (code or "").strip().upper()
    for pattern, kind in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        year = int(match.group(1))
        if not 1900 <= year <= 2200:
            break
        if kind == YEAR:
            return Period(year, 1, YEAR)
        number = int(match.group(2))
        if kind == MONTH and not 1 <= number <= 12:
            break
        size = _MONTHS_IN[kind]
        return Period(year, (number - 1) * size + 1 if kind != MONTH else number, kind)
    raise PeriodError(
        f"Kỳ báo cáo «{code}» không hợp lệ: dùng dạng 2024-03 (tháng), 2024Q1 (quý), "
        "2024H1 (6 tháng) hoặc 2024 (năm)."
    )


def period_of(kind: str, day: dt.date) -> Period:
    """The period of ``kind`` containing ``day`` (calendar rule)."""
    size = _MONTHS_IN[kind]
    return Period(day.year, (day.month - 1) // size * size + 1, kind)


def percent_change(current: float | None, base: float | None) -> float | None:
    """(current − base) / base × 100, or None when there is no base to compare with."""
    if current is None or base in (None, 0):
        return None
    return (float(current) - float(base)) / float(base) * 100  # type: ignore[arg-type]


def due(kind: str, day: dt.date, opens_days: int = -5) -> Period:
    """The period of ``kind`` that is due on ``day``: the latest whose input window has
    opened, ``opens_days`` from its end (reporting's default: 5 days before). On 2
    December: November, the third quarter, the first half, last year."""
    period = period_of(kind, day)
    while period.end + dt.timedelta(days=opens_days) > day:
        period = period.previous()
    return period
