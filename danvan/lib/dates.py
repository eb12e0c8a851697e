"""Dates the way Vietnamese offices write them (no Django)."""

from __future__ import annotations

import datetime as dt


def format_date(day: dt.date | None) -> str:
    """23/02/2023 (day and month zero-padded); empty for no date.

    >>> format_date(dt.date(2023, 2, 3))
    '03/02/2023'
    """
    return day.strftime("%d/%m/%Y") if day else ""
