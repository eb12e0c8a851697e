"""Aggregates for dashboards, reports and the API: fresh the moment a report is sent.

DHIS2 precomputes analytics tables in a batch run, hours stale. Here every write that
changes what counts keeps the rollup (``danvan.reporting.rollup``) up to date in its own
transaction, so a submission shows in every ancestor's figure at once and a dashboard
reads a few rows whatever the size of the table. The live SQL over the values
(``danvan.reporting.live``) stays as the reference the rollup is checked against, and
answers questions about other statuses than the counted ones.

Rules (the same in both):
- Space: a unit's subtree (the materialised path).
- Time: for a period P each unit contributes values stored at P or at any period inside
  it (months of a quarter, halves of a year...). A coarser value covers the finer ones
  inside it (a six-month report stands for its months), so nothing is counted twice and
  nothing is lost: H1 as a six-month figure plus the months of H2 make the year.
- Indicator: SUM adds; LAST takes each unit's latest value in P, then adds across units
  (members at the end of the period); AVERAGE averages units; NONE does not aggregate.
  A computed indicator (a ratio) aggregates its numerator and denominator and divides
  at the end: never an average of percentages.
- Only figures a unit has sent up (submitted or approved) count, unless asked otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting import live, rollup
from danvan.reporting.live import Number, ratio
from danvan.reporting.models import COUNTED, Indicator

__all__ = ["Number", "aggregate", "by_child", "compare_period", "ratio", "units_meeting"]


def _counted_only(statuses: Sequence[str]) -> bool:
    return set(statuses) == set(COUNTED)


def _totals(stored: list[Indicator], figures: dict[int, rollup.Figure]) -> dict[int, Number]:
    totals: dict[int, Number] = {}
    for indicator in stored:
        figure = figures.get(indicator.pk)
        if figure is None or indicator.aggregation == Indicator.Aggregation.NONE:
            totals[indicator.pk] = None
        else:
            totals[indicator.pk] = live._dec(figure.by(indicator.aggregation))
    return totals


def aggregate(
    indicators: Sequence[Indicator],
    root: OrgUnit,
    period: periods.Period,
    statuses: Sequence[str] = COUNTED,
    organisation_kind: str | None = None,
) -> dict[str, Number]:
    """indicator code → the subtree's value for ``period`` (one query on the rollup).

    ``organisation_kind`` (a code: ccb, lhpn, mttq...) keeps only the organisations of that
    kind in the subtree: the district's veterans' associations rather than the district."""
    if not _counted_only(statuses):
        return live.aggregate(indicators, root, period, statuses, organisation_kind)
    stored = live._stored(indicators)
    kind = rollup.kind_id(organisation_kind)
    found = rollup.figures([i.pk for i in stored], [root], period.code, kind)
    figures = {indicator: figure for (_, indicator), figure in found.items()}
    return live._resolve(indicators, _totals(stored, figures))


def by_child(
    indicators: Sequence[Indicator],
    root: OrgUnit,
    children: Sequence[OrgUnit],
    period: periods.Period,
    statuses: Sequence[str] = COUNTED,
) -> dict[int, dict[str, Number]]:
    """child unit id → {indicator code → value of that child's subtree} (one query).

    ``children`` are direct children of ``root``."""
    if not _counted_only(statuses):
        return live.by_child(indicators, root, children, period, statuses)
    stored = live._stored(indicators)
    found = rollup.figures([i.pk for i in stored], list(children), period.code)
    result = {}
    for child in children:
        mine = {ind: f for (unit, ind), f in found.items() if unit == child.pk}
        result[child.pk] = live._resolve(indicators, _totals(stored, mine))
    return result


def compare_period(period: periods.Period, compare: str) -> periods.Period:
    """previous → the period before; last_year → same period a year earlier; YYYY → the
    year YYYY as a whole ("tăng 12,6% so với năm 2010")."""
    if compare == "previous":
        return period.previous()
    if compare == "last_year":
        return period.same_last_year()
    if compare.isdigit() and len(compare) == 4:
        return periods.Period(int(compare), 1, periods.YEAR)
    raise periods.PeriodError(
        f"So sánh «{compare}» không hợp lệ: dùng previous, last_year hoặc một năm (2010)."
    )


@dataclass(frozen=True)
class Meeting:
    """ "5/9 xã, phường đạt 100%": how many of ``units`` meet the condition, and which."""

    met: list[OrgUnit]
    units: list[OrgUnit]

    @property
    def text(self) -> str:
        return f"{len(self.met)}/{len(self.units)}"


_OPS = {
    ">=": lambda a, b: a >= b,
    ">": lambda a, b: a > b,
    "<=": lambda a, b: a <= b,
    "<": lambda a, b: a < b,
    "==": lambda a, b: a == b,
}


def units_meeting(
    indicator: Indicator,
    units: Sequence[OrgUnit],
    root: OrgUnit,
    period: periods.Period,
    operator: str,
    threshold: Decimal,
    statuses: Sequence[str] = COUNTED,
) -> Meeting:
    """Count ``units`` (usually the wards of ``root``) whose own value meets the condition;
    a unit with no value does not meet it."""
    test = _OPS[operator]
    values = by_child([indicator], root, units, period, statuses)
    met = [
        unit
        for unit in units
        if (value := values[unit.pk][indicator.code]) is not None and test(value, threshold)
    ]
    return Meeting(met=met, units=list(units))
