"""The reference: aggregates computed straight from the stored values.

Every figure here is one SQL query over ``reporting_datavalue`` joined to the unit paths.
It is exact and needs nothing kept beside the values, but its cost grows with the table
(the plan reads every unit's rows of an indicator and period, then filters the subtree).
The dashboards read the rollup (``danvan.reporting.rollup``), kept on write; this module
stays as the proof the rollup is checked against (tests, ``rebuild_rollups``, the bench)
and answers what the rollup does not keep: figures of other statuses than the counted.

Rules:
- Space: a unit's subtree is a prefix match on the materialised path.
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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from danvan.core.dbrouter import read_connection
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting.models import COUNTED, Indicator

Number = Decimal | None


def _period_codes(period: periods.Period) -> list[str]:
    codes = [period.code]
    for kind in (periods.HALF, periods.QUARTER, periods.MONTH):
        codes += [p.code for p in period.sub_periods(kind) if p != period]
    return codes


_KIND_FILTER = "AND u.organisation_kind_id IN (SELECT id FROM org_organisationkind WHERE code = %s)"


def _from_where(n_ind: int, n_codes: int, n_status: int, by_kind: bool) -> str:
    """The stored values that may count: these indicators and periods, sent up, in the
    subtree (path prefix), optionally of one organisation kind. Parameters follow in that
    order: indicator ids, period codes, statuses, path prefix, kind code."""
    marks = lambda n: ", ".join(["%s"] * n)  # noqa: E731
    return f"""
            FROM reporting_datavalue dv
            JOIN org_orgunit u ON u.id = dv.org_unit_id
            WHERE dv.indicator_id IN ({marks(n_ind)})
              AND dv.period IN ({marks(n_codes)})
              AND dv.status IN ({marks(n_status)})
              AND dv.value IS NOT NULL
              AND u.path LIKE %s
              {_KIND_FILTER if by_kind else ""}"""


def _per_unit_sql(n_ind: int, n_codes: int, n_status: int, by_kind: bool = False) -> str:
    """Per (indicator, unit): total, mean and last of the values that count.

    A value counts unless a coarser value of the same unit covers it: ordered by start
    (coarser first at equal start), a row is covered when an earlier row already ends on
    or after its start. A six-month report for H1 thus stands for January–June while the
    months of H2 still count for the year; calendar periods nest, so nothing else can
    overlap."""
    return f"""
        WITH candidate AS (
            SELECT dv.indicator_id, dv.org_unit_id, dv.period_span, dv.period_start,
                   dv.value, u.path,
                   MAX(dv.period_end) OVER (
                       PARTITION BY dv.indicator_id, dv.org_unit_id
                       ORDER BY dv.period_start, dv.period_span DESC
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                   ) AS covered_until
            {_from_where(n_ind, n_codes, n_status, by_kind)}
        ), counted AS (
            SELECT indicator_id, org_unit_id, value, path,
                   ROW_NUMBER() OVER (PARTITION BY indicator_id, org_unit_id
                                      ORDER BY period_start DESC) AS newest
            FROM candidate
            WHERE covered_until IS NULL OR covered_until < period_start
        )
        SELECT indicator_id, org_unit_id,
               SUM(value) AS total,
               AVG(value) AS mean,
               MAX(CASE WHEN newest = 1 THEN value END) AS last_value,
               MAX(path) AS path
        FROM counted
        GROUP BY indicator_id, org_unit_id
    """


@dataclass(frozen=True)
class UnitValue:
    indicator_id: int
    org_unit_id: int
    total: Decimal
    mean: Decimal
    last: Decimal
    path: str

    def by(self, rule: str) -> Decimal:
        if rule == Indicator.Aggregation.LAST:
            return self.last
        if rule == Indicator.Aggregation.AVERAGE:
            return self.mean
        return self.total


_PLACES = Decimal("0.0001")  # the DataValue column's 4 decimal places


def _dec(value: Any) -> Decimal:
    """A database number as a Decimal with the column's precision: SQLite adds DECIMAL
    columns as floats (247.39999999999998), PostgreSQL exactly."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return number.quantize(_PLACES)


def unit_values(
    indicators: Iterable[Indicator],
    root: OrgUnit,
    period: periods.Period,
    statuses: Sequence[str] = COUNTED,
) -> list[UnitValue]:
    """Each unit's own value for each (stored) indicator in ``root``'s subtree."""
    ids = sorted({i.pk for i in indicators})
    if not ids:
        return []
    codes = _period_codes(period)
    sql = _per_unit_sql(len(ids), len(codes), len(statuses))
    params: list[Any] = [*ids, *codes, *statuses, root.path + "%"]
    with read_connection().cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        UnitValue(ind, unit, _dec(total), _dec(mean), _dec(last), path)
        for ind, unit, total, mean, last, path in rows
    ]


def _stored(indicators: Iterable[Indicator]) -> list[Indicator]:
    """The stored indicators needed: computed ones bring their numerator and denominator."""
    needed: dict[int, Indicator] = {}
    for indicator in indicators:
        parts = (
            [indicator.numerator, indicator.denominator] if indicator.is_computed else [indicator]
        )
        for part in parts:
            if part is not None:
                needed[part.pk] = part
    return list(needed.values())


def _resolve(indicators: Sequence[Indicator], totals: dict[int, Number]) -> dict[str, Number]:
    """indicator code → value, ratios computed from their two rolled-up counts."""
    result: dict[str, Number] = {}
    for indicator in indicators:
        if indicator.is_computed:
            result[indicator.code] = ratio(
                indicator,
                totals.get(indicator.numerator_id or 0),
                totals.get(indicator.denominator_id or 0),
            )
        else:
            result[indicator.code] = totals.get(indicator.pk)
    return result


def combine(indicator: Indicator, rows: list[UnitValue]) -> Number:
    """Roll per-unit values of one stored indicator up to one number."""
    if not rows or indicator.aggregation == Indicator.Aggregation.NONE:
        return None
    values = [row.by(indicator.aggregation) for row in rows]
    if indicator.aggregation == Indicator.Aggregation.AVERAGE:
        return sum(values, Decimal(0)) / len(values)
    return sum(values, Decimal(0))


def ratio(indicator: Indicator, numerator: Number, denominator: Number) -> Number:
    if numerator is None or not denominator:
        return None
    return numerator / denominator * indicator.factor


def _totals_sql(n_ind: int, n_codes: int, n_status: int, by_kind: bool = False) -> str:
    """The per-unit rows rolled up per indicator in the database: a province dashboard of
    40 indicators returns 40 rows, not 40 × 1 000 units."""
    if n_codes == 1:
        # A month has no finer periods: one value per unit, no grain to choose, so its
        # total, mean and "last" are the plain aggregates (no window functions).
        return f"""
            SELECT dv.indicator_id, SUM(dv.value), AVG(dv.value), SUM(dv.value), COUNT(*)
            {_from_where(n_ind, n_codes, n_status, by_kind)}
            GROUP BY dv.indicator_id
        """
    return f"""
        WITH per_unit AS ({_per_unit_sql(n_ind, n_codes, n_status, by_kind)})
        SELECT indicator_id, SUM(total), AVG(mean), SUM(last_value), COUNT(*)
        FROM per_unit
        GROUP BY indicator_id
    """


def aggregate(
    indicators: Sequence[Indicator],
    root: OrgUnit,
    period: periods.Period,
    statuses: Sequence[str] = COUNTED,
    organisation_kind: str | None = None,
) -> dict[str, Number]:
    """indicator code → the subtree's value for ``period`` (one SQL query in all).

    ``organisation_kind`` (a code: ccb, lhpn, mttq...) keeps only the organisations of that
    kind in the subtree: the district's veterans' associations rather than the district."""
    stored = _stored(indicators)
    ids = sorted({i.pk for i in stored})
    totals: dict[int, Number] = {}
    if ids:
        codes = _period_codes(period)
        params: list[Any] = [*ids, *codes, *statuses, root.path + "%"]
        if organisation_kind:
            params.append(organisation_kind)
        sql = _totals_sql(len(ids), len(codes), len(statuses), bool(organisation_kind))
        with read_connection().cursor() as cursor:
            cursor.execute(sql, params)
            rows = {row[0]: row[1:] for row in cursor.fetchall()}
        for indicator in stored:
            if indicator.pk not in rows or indicator.aggregation == Indicator.Aggregation.NONE:
                totals[indicator.pk] = None
                continue
            total, mean, last, _count = rows[indicator.pk]
            if indicator.aggregation == Indicator.Aggregation.LAST:
                totals[indicator.pk] = _dec(last)
            elif indicator.aggregation == Indicator.Aggregation.AVERAGE:
                totals[indicator.pk] = _dec(mean)
            else:
                totals[indicator.pk] = _dec(total)
    return _resolve(indicators, totals)


def by_child(
    indicators: Sequence[Indicator],
    root: OrgUnit,
    children: Sequence[OrgUnit],
    period: periods.Period,
    statuses: Sequence[str] = COUNTED,
) -> dict[int, dict[str, Number]]:
    """child unit id → {indicator code → value of that child's subtree} (one SQL query).

    ``children`` are direct children of ``root``."""
    stored = _stored(indicators)
    rows = unit_values(stored, root, period, statuses)
    wanted = {c.pk for c in children}
    offset = len(root.path)
    grouped: dict[tuple[int, int], list[UnitValue]] = {}
    for row in rows:
        # The child of ``root`` a unit belongs to is the next segment of its path.
        segment = row.path[offset:].split("/", 1)[0]
        if segment.isdigit() and int(segment) in wanted:
            grouped.setdefault((int(segment), row.indicator_id), []).append(row)
    return {
        child.pk: _resolve(
            indicators, {i.pk: combine(i, grouped.get((child.pk, i.pk), [])) for i in stored}
        )
        for child in children
    }
