"""Deadlines of a petition's stages, from the rules and the calendar kept as data."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from danvan.lib import workdays
from danvan.petitions.models import ClockStage, DeadlineRule, PetitionKind, working_calendar

# Soon due: this many working days or fewer left.
SOON_WORKING_DAYS = 3


def rule_for(*, kind: str, stage: str, on: dt.date) -> DeadlineRule | None:
    """The rule in force on ``on`` for ``kind`` and ``stage``; the general rule
    («chưa phân loại») when the kind has none of its own."""
    in_force = DeadlineRule.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on), stage=stage, valid_from__lte=on
    ).order_by("-valid_from", "-id")
    return (
        in_force.filter(kind=kind).first()
        or in_force.filter(kind=PetitionKind.UNCLASSIFIED).first()
    )


def due(
    *,
    kind: str,
    stage: str,
    received_on: dt.date,
    accepted_on: dt.date | None = None,
    complex_case: bool = False,
) -> tuple[dt.date | None, DeadlineRule | None]:
    """(deadline, rule) of ``stage`` for a petition received (and accepted) on those days."""
    rule = rule_for(kind=kind, stage=stage, on=received_on)
    if rule is None:
        return None, None
    start = received_on
    if rule.counted_from == DeadlineRule.From.ACCEPTED:
        start = accepted_on or received_on
    days = rule.period(complex_case=complex_case)
    return working_calendar().add(start, days, rule.counting), rule


def extend(due_on: dt.date, days: int, counting: str) -> dt.date:
    return working_calendar().add(due_on, days, counting)


def working_days_left(due_on: dt.date, today: dt.date) -> int:
    return working_calendar().working_days_between(today, due_on)


def soon_limit(today: dt.date) -> dt.date:
    """The last day that still counts as «sắp đến hạn» seen from ``today``."""
    return working_calendar().add_working_days(today, SOON_WORKING_DAYS)


__all__ = ["SOON_WORKING_DAYS", "ClockStage", "due", "extend", "rule_for", "workdays"]
