"""The rollup: every ancestor's figures kept on write, so a dashboard reads a few rows.

The live SQL (``danvan.reporting.live``) costs what the whole table costs: the plan reads
every unit's rows of an indicator and period, then keeps the subtree. Here each write that
changes what counts (a report submitted, approved, returned or unapproved; a counted
figure corrected; a unit moved or given another organisation kind) brings the rollup up
to date in the same transaction:

1. the unit's own contribution to every calendar period the change touches (the month,
   its quarter, its half, its year) is computed again from its stored values, with the
   coverage rule of the live SQL (a coarser value covers the finer ones inside it), and
   compared with the stored ``UnitContribution``;
2. the difference (total, mean, last, one unit more or less) is inserted as one
   ``RollupDelta`` row per strict ancestor, under the unit's organisation kind.

An ancestor's figure for a period is then its own contribution plus the sum of its delta
rows: SUM adds the totals, LAST the units' last values, AVERAGE divides the sum of the
units' means by the units counted, and ratios divide their two rolled-up counts as before.
Sibling units never update a shared row, so concurrent submissions do not wait on one
national row; two writes of the same unit take that unit's row lock first. ``compact``
folds each key's rows into one now and then; ``rebuild`` recomputes everything (or a
subtree, or a year) from the values in bulk SQL, level by level.

Only counted figures (``COUNTED``) are kept: a question about other statuses is answered
by the live SQL. Closed, merged and soft-deleted units keep their figures as the live SQL
does (it never filters them out either).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from danvan.core.dbrouter import read_connection
from danvan.lib import periods
from danvan.org.models import OrganisationKind, OrgUnit
from danvan.reporting.models import COUNTED, DataValue
from danvan.reporting.rollup_models import NO_KIND, RollupDelta, UnitContribution

log = logging.getLogger(__name__)

ZERO = Decimal(0)
_FOUR = Decimal("0.0001")
_MEAN = Decimal("0.00000001")  # the mean column's 8 places
_FINER = {periods.QUARTER: periods.MONTH, periods.HALF: periods.QUARTER, periods.YEAR: periods.HALF}
UC = UnitContribution._meta.db_table
RD = RollupDelta._meta.db_table


def period_codes(period: periods.Period) -> list[str]:
    """The period and every calendar period inside it: what a query for it reads."""
    codes = [period.code]
    for kind in (periods.HALF, periods.QUARTER, periods.MONTH):
        codes += [p.code for p in period.sub_periods(kind) if p != period]
    return codes


def containing(code: str) -> list[periods.Period]:
    """The period of ``code`` and the coarser calendar periods around it: the figures a
    value stored at ``code`` is part of."""
    stored = periods.parse(code)
    around = (periods.period_of(kind, stored.start) for kind in periods.KINDS)
    return [p for p in around if p.months >= stored.months]


@dataclass(frozen=True)
class Part:
    """One unit's own contribution to one period of one indicator."""

    total: Decimal
    values: int
    mean: Decimal
    last: Decimal


@dataclass(frozen=True)
class Figure:
    """An ancestor's figure: sums over the units of its subtree that have a value."""

    total: Decimal
    mean_sum: Decimal
    last: Decimal
    units: int

    def by(self, rule: str) -> Decimal:
        from danvan.reporting.models import Indicator

        if rule == Indicator.Aggregation.LAST:
            return self.last
        if rule == Indicator.Aggregation.AVERAGE:
            return self.mean_sum / self.units
        return self.total


Row = tuple[int, str, Any, Any, int, Any]  # indicator, period, start, end, span, value


def parts(rows: Iterable[Row], targets: Sequence[periods.Period]) -> dict[tuple[int, str], Part]:
    """(indicator, period code) → the unit's contribution, from its counted values.

    The live SQL's rule, in Python: ordered by start (coarser first at equal start), a
    value counts unless an earlier one already ends on or after its start."""
    by_indicator: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        by_indicator[row[0]].append(row)
    found: dict[tuple[int, str], Part] = {}
    for target in targets:
        inside = set(period_codes(target))
        for indicator, stored in by_indicator.items():
            counted: list[Row] = []
            covered = None
            for row in sorted((r for r in stored if r[1] in inside), key=lambda r: (r[2], -r[4])):
                if covered is None or covered < row[2]:
                    counted.append(row)
                covered = row[3] if covered is None else max(covered, row[3])
            if counted:
                total = sum((r[5] for r in counted), ZERO)
                found[(indicator, target.code)] = Part(
                    total=total.quantize(_FOUR),
                    values=len(counted),
                    mean=(total / len(counted)).quantize(_MEAN),
                    last=counted[-1][5].quantize(_FOUR),
                )
    return found


def _ancestors(path: str) -> list[int]:
    """Strict ancestors' ids, from the materialised path ("/1/5/23/" → [1, 5])."""
    return [int(part) for part in path.strip("/").split("/")[:-1] if part]


def _kind(unit: OrgUnit) -> int:
    return unit.organisation_kind_id or NO_KIND


# --- on write -------------------------------------------------------------------------


def refresh_units(
    unit_ids: Iterable[int],
    period_codes_: Iterable[str],
    indicator_ids: Iterable[int] | None = None,
) -> int:
    """Bring the rollup up to date with the stored values of ``unit_ids`` for the periods
    ``period_codes_`` touch (optionally only ``indicator_ids``). Called by every write that
    may change what counts, inside its transaction; locks each unit's row (in id order)
    so two writes of one unit never compare against the same old contribution. Returns
    how many delta rows were written."""
    ids = sorted(set(unit_ids))
    codes = set(period_codes_)
    if not ids or not codes:
        return 0
    targets = sorted({p for code in codes for p in containing(code)})
    indicators = sorted(set(indicator_ids)) if indicator_ids is not None else None
    written = 0
    with transaction.atomic():
        units = (
            OrgUnit.all_objects.select_for_update()
            .filter(pk__in=ids)
            .order_by("pk")
            .only("pk", "path", "organisation_kind_id")
        )
        for unit in units:
            written += _refresh(unit, targets, indicators)
    return written


def _refresh(unit: OrgUnit, targets: list[periods.Period], indicators: list[int] | None) -> int:
    codes = sorted({code for target in targets for code in period_codes(target)})
    values = DataValue.objects.filter(
        org_unit_id=unit.pk, period__in=codes, status__in=COUNTED, value__isnull=False
    )
    stored = UnitContribution.objects.filter(
        org_unit_id=unit.pk, period__in=[t.code for t in targets]
    )
    if indicators is not None:
        values = values.filter(indicator_id__in=indicators)
        stored = stored.filter(indicator_id__in=indicators)
    rows = values.values_list(
        "indicator_id", "period", "period_start", "period_end", "period_span", "value"
    )
    new = parts(rows, targets)
    old = {
        (c.indicator_id, c.period): (c.pk, Part(c.total, c.counted, c.mean, c.last)) for c in stored
    }
    changed = []
    for key in sorted(new.keys() | old.keys()):
        now, before = new.get(key), old.get(key)
        if before is not None and now == before[1]:
            continue
        changed.append((key, before[1] if before else None, now))
    if not changed:
        return 0
    gone = [old[key][0] for key, before, _ in changed if before is not None]
    UnitContribution.objects.filter(pk__in=gone).delete()
    UnitContribution.objects.bulk_create(
        UnitContribution(
            indicator_id=key[0],
            org_unit_id=unit.pk,
            period=key[1],
            total=now.total,
            counted=now.values,
            mean=now.mean,
            last=now.last,
        )
        for key, _, now in changed
        if now is not None
    )
    kind = _kind(unit)
    return _carry(
        _ancestors(unit.path),
        [(key[0], key[1], kind, _difference(before, now)) for key, before, now in changed],
    )


def _value_saved(sender: Any, instance: DataValue, created: bool, **kwargs: Any) -> None:
    """A figure saved one by one (a correction, an import, a test): if it counts now, or
    its status may have changed, its unit's rollup follows. Saves of drafts that leave the
    status alone (``update_fields`` without it) cost nothing."""
    fields = kwargs.get("update_fields")
    may_have_counted = not created and (fields is None or "status" in fields)
    if instance.status in COUNTED or may_have_counted:
        refresh_units([instance.org_unit_id], [instance.period], [instance.indicator_id])


def _value_deleted(sender: Any, instance: DataValue, **kwargs: Any) -> None:
    if instance.status in COUNTED:
        refresh_units([instance.org_unit_id], [instance.period], [instance.indicator_id])


def connect() -> None:
    """Receivers for figures written one at a time; the bulk status change of a report
    (``status_log.values_status_set``) calls ``refresh_units`` itself."""
    from django.db.models.signals import post_delete, post_save

    post_save.connect(_value_saved, sender=DataValue, dispatch_uid="rollup_value_saved")
    post_delete.connect(_value_deleted, sender=DataValue, dispatch_uid="rollup_value_deleted")


def _difference(before: Part | None, now: Part | None) -> Figure:
    def value(part: Part | None, name: str) -> Decimal:
        return getattr(part, name) if part is not None else ZERO

    return Figure(
        total=value(now, "total") - value(before, "total"),
        mean_sum=value(now, "mean") - value(before, "mean"),
        last=value(now, "last") - value(before, "last"),
        units=(now is not None) - (before is not None),
    )


def _carry(ancestors: Sequence[int], changes: Sequence[tuple[int, str, int, Figure]]) -> int:
    """One insert: each change added to each ancestor's rows."""
    rows = [
        RollupDelta(
            indicator_id=indicator,
            ancestor_id=ancestor,
            period=period,
            kind=kind,
            total=change.total,
            mean=change.mean_sum,
            last=change.last,
            units=change.units,
        )
        for ancestor in ancestors
        for indicator, period, kind, change in changes
    ]
    RollupDelta.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def unit_moved(unit: OrgUnit, old_path: str) -> int:
    """``unit`` (with its subtree) now sits under another parent: what the subtree adds
    leaves the ancestors it left and reaches the ones it joined. Called by
    ``org_unit_move`` after the paths are rewritten, in its transaction."""
    before, after = _ancestors(old_path), _ancestors(unit.path)
    left = [a for a in before if a not in after]
    joined = [a for a in after if a not in before]
    if not left and not joined:
        return 0
    figures = own_figures(unit)
    minus = [(i, p, k, _negated(f)) for (p, i, k), f in figures.items()]
    plus = [(i, p, k, f) for (p, i, k), f in figures.items()]
    return _carry(left, minus) + _carry(joined, plus)


def unit_kind_changed(unit: OrgUnit, old_kind_id: int | None) -> int:
    """``unit``'s organisation kind changed: its own contributions move to the new kind's
    rows at every ancestor (its descendants keep their own kinds)."""
    old, new = old_kind_id or NO_KIND, _kind(unit)
    if old == new:
        return 0
    mine = [
        (c.indicator_id, c.period, Figure(c.total, c.mean, c.last, 1))
        for c in UnitContribution.objects.filter(org_unit_id=unit.pk)
    ]
    ancestors = _ancestors(unit.path)
    return _carry(ancestors, [(i, p, old, _negated(f)) for i, p, f in mine]) + _carry(
        ancestors, [(i, p, new, f) for i, p, f in mine]
    )


def _negated(figure: Figure) -> Figure:
    return Figure(-figure.total, -figure.mean_sum, -figure.last, -figure.units)


# --- reads ----------------------------------------------------------------------------


def _marks(n: int) -> str:
    return ", ".join(["%s"] * n)


def kind_id(code: str | None) -> int | None:
    """The organisation kind's id for a code (ccb, lhpn…); -1 for an unknown code, which
    matches nothing, as the live SQL's filter does."""
    if not code:
        return None
    found = OrganisationKind.objects.filter(code=code).values_list("pk", flat=True).first()
    return found if found is not None else -1


def figures(
    indicator_ids: Sequence[int],
    roots: Sequence[OrgUnit],
    period_code: str,
    kind: int | None = None,
) -> dict[tuple[int, int], Figure]:
    """(root id, indicator id) → the figure of each root's subtree (of one organisation
    kind when ``kind`` is given), in one query: each root's own contribution plus its
    delta rows."""
    if not indicator_ids or not roots:
        return {}
    ids = list(indicator_ids)
    own = [r.pk for r in roots if kind is None or (r.organisation_kind_id or NO_KIND) == kind]
    parts_sql: list[str] = []
    params: list[int | str] = []
    if own:
        parts_sql.append(
            f"""SELECT org_unit_id AS root, indicator_id, total, mean, last, 1 AS units
                FROM {UC} WHERE org_unit_id IN ({_marks(len(own))}) AND period = %s
                  AND indicator_id IN ({_marks(len(ids))})"""
        )
        params += [*own, period_code, *ids]
    parts_sql.append(
        f"""SELECT ancestor_id AS root, indicator_id, total, mean, last, units
            FROM {RD} WHERE ancestor_id IN ({_marks(len(roots))}) AND period = %s
              AND indicator_id IN ({_marks(len(ids))})
              {"AND kind = %s" if kind is not None else ""}"""
    )
    params += [*(r.pk for r in roots), period_code, *ids]
    if kind is not None:
        params.append(kind)
    sql = f"""SELECT root, indicator_id, SUM(total), SUM(mean), SUM(last), SUM(units)
              FROM ({" UNION ALL ".join(parts_sql)}) t GROUP BY root, indicator_id"""
    # A dashboard's read: a replica's when the request reads from one (dbrouter).
    with read_connection().cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        (root, indicator): Figure(_dec(total), _dec(mean, _MEAN), _dec(last), int(units))
        for root, indicator, total, mean, last, units in rows
        if units and int(units) > 0
    }


def _dec(value: Any, places: Decimal = _FOUR) -> Decimal:
    """A summed column as an exact Decimal (SQLite sums DECIMAL columns as floats)."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    number = number.quantize(places)
    return number if number else ZERO.quantize(places)


def own_figures(unit: OrgUnit, codes: Sequence[str] | None = None) -> dict[Any, Figure]:
    """(period, indicator, kind) → what ``unit``'s subtree adds to its ancestors: its own
    contributions (under its kind) and its delta rows."""
    where_period = f"AND period IN ({_marks(len(codes))})" if codes else ""
    sql = f"""
        SELECT period, indicator_id, kind, SUM(total), SUM(mean), SUM(last), SUM(units)
        FROM (
            SELECT period, indicator_id, %s AS kind, total, mean, last, 1 AS units
            FROM {UC} WHERE org_unit_id = %s {where_period}
            UNION ALL
            SELECT period, indicator_id, kind, total, mean, last, units
            FROM {RD} WHERE ancestor_id = %s {where_period}
        ) t
        GROUP BY period, indicator_id, kind"""
    params: list[int | str] = [_kind(unit), unit.pk, *(codes or []), unit.pk, *(codes or [])]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {
        (period, indicator, kind): Figure(_dec(t), _dec(m, _MEAN), _dec(la), int(u or 0))
        for period, indicator, kind, t, m, la, u in rows
    }


# --- now and then ---------------------------------------------------------------------


def compact() -> int:
    """Fold each key's delta rows into one (rows that sum to nothing go). Rows inserted
    meanwhile by other transactions are not seen, so not touched: nothing is lost.
    Returns how many rows were folded away."""
    key = "ancestor_id, period, indicator_id, kind"
    sums = "SUM(total), SUM(mean), SUM(last), SUM(units)"
    keep = "HAVING SUM(units) <> 0 OR SUM(total) <> 0 OR SUM(mean) <> 0 OR SUM(last) <> 0"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {RD}")
        before = cursor.fetchone()[0]
        many = f"SELECT {key} FROM {RD} GROUP BY {key} HAVING COUNT(*) > 1"
        if connection.vendor == "postgresql":
            # One statement: the rows deleted are exactly the rows summed.
            cursor.execute(
                f"""WITH gone AS (
                        DELETE FROM {RD} WHERE ({key}) IN ({many})
                        RETURNING {key}, total, mean, last, units
                    )
                    INSERT INTO {RD} ({key}, total, mean, last, units)
                    SELECT {key}, {sums} FROM gone GROUP BY {key} {keep}"""
            )
        else:
            # SQLite: one writer at a time; the rows present now are the rows summed.
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {RD}")
            top = cursor.fetchone()[0]
            cursor.execute(
                f"""CREATE TEMP TABLE rollup_folded AS
                    SELECT {key}, SUM(total) AS total, SUM(mean) AS mean,
                           SUM(last) AS last, SUM(units) AS units
                    FROM {RD} WHERE id <= %s AND ({key}) IN ({many}) GROUP BY {key}""",
                [top],
            )
            cursor.execute(f"DELETE FROM {RD} WHERE id <= %s AND ({key}) IN ({many})", [top])
            cursor.execute(
                f"""INSERT INTO {RD} ({key}, total, mean, last, units)
                    SELECT {key}, total, mean, last, units FROM rollup_folded
                    WHERE units <> 0 OR total <> 0 OR mean <> 0 OR last <> 0"""
            )
            cursor.execute("DROP TABLE rollup_folded")
        cursor.execute(f"SELECT COUNT(*) FROM {RD}")
        after = cursor.fetchone()[0]
    return before - after


# --- rebuild --------------------------------------------------------------------------

Progress = Callable[[str], None]


def _years(scope: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT DISTINCT SUBSTR(dv.period, 1, 4) FROM reporting_datavalue dv
               JOIN org_orgunit u ON u.id = dv.org_unit_id WHERE u.path LIKE %s""",
            [scope + "%"],
        )
        return sorted(int(row[0]) for row in cursor.fetchall())


def _year_codes(years: Sequence[int]) -> dict[str, list[str]]:
    """kind → every code of that kind in ``years``."""
    found: dict[str, list[str]] = {kind: [] for kind in periods.KINDS}
    for year in years:
        whole = periods.Period(year, 1, periods.YEAR)
        for kind in periods.KINDS:
            found[kind] += [p.code for p in whole.sub_periods(kind)]
    return found


def rebuild(
    org_unit: OrgUnit | None = None,
    period: periods.Period | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Recompute the rollup from the stored values, in bulk SQL, in one transaction:
    everything, or ``org_unit``'s subtree (what it adds to the ancestors above is
    corrected by its difference), or the calendar year of ``period`` (a year's figures
    depend on all its months). Returns rows written."""
    step = progress or (lambda label: None)
    scope = org_unit.path if org_unit is not None else "/"
    with transaction.atomic():
        years = [period.year] if period is not None else _years(scope)
        codes = _year_codes(years)
        every = [c for kind in periods.KINDS for c in codes[kind]]
        before = own_figures(org_unit, every) if org_unit is not None else {}
        step("xoá phần cũ")
        _delete(scope, every, whole=org_unit is None and period is None)
        with connection.cursor() as cursor:
            written = {"contributions": 0, "deltas": 0}
            for kind in periods.KINDS:
                step(f"phần đóng góp: {periods.KIND_LABELS[kind].lower()}")
                written["contributions"] += _contributions(cursor, scope, kind, codes)
            depths = _depths(cursor, scope)
            top = org_unit.depth if org_unit is not None else (min(depths) if depths else 0)
            for depth in sorted((d for d in depths if d > top and every), reverse=True):
                step(f"cộng dồn lên cấp {depth - 1}")
                written["deltas"] += _deltas(cursor, scope, depth, every)
        if org_unit is not None:
            after = own_figures(org_unit, every)
            changes = []
            for key in before.keys() | after.keys():
                old = before.get(key, Figure(ZERO, ZERO, ZERO, 0))
                new = after.get(key, Figure(ZERO, ZERO, ZERO, 0))
                if old != new:
                    diff = Figure(
                        new.total - old.total,
                        new.mean_sum - old.mean_sum,
                        new.last - old.last,
                        new.units - old.units,
                    )
                    changes.append((key[1], key[0], key[2], diff))
            written["deltas"] += _carry(_ancestors(org_unit.path), changes)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {UC}")
            cursor.execute(f"ANALYZE {RD}")
    return written


def _in_scope(column: str, scope: str) -> tuple[str, list[str]]:
    if scope == "/":
        return "", []
    return f"AND {column} IN (SELECT id FROM org_orgunit WHERE path LIKE %s)", [scope + "%"]


def _delete(scope: str, codes: list[str], whole: bool) -> None:
    with connection.cursor() as cursor:
        if whole:
            if connection.vendor == "postgresql":
                # Checked now: TRUNCATE refuses while deferred FK checks are pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table in (UC, RD):
                if connection.vendor == "postgresql":
                    cursor.execute(f"TRUNCATE {table}")
                else:
                    cursor.execute(f"DELETE FROM {table}")
            return
        if not codes:
            return
        for table, column in ((UC, "org_unit_id"), (RD, "ancestor_id")):
            where, params = _in_scope(column, scope)
            cursor.execute(
                f"DELETE FROM {table} WHERE period IN ({_marks(len(codes))}) {where}",
                [*codes, *params],
            )


def _contributions(cursor: Any, scope: str, kind: str, codes: dict[str, list[str]]) -> int:
    """Insert the contributions of one period kind: the units' own values of that kind,
    then (quarter and coarser) the finer contributions merged where no own value covers
    them. Calendar periods nest, so this is the live SQL's coverage rule level by level."""
    status = _marks(len(COUNTED))
    where, scope_params = _in_scope("dv.org_unit_id", scope)
    mine = codes[kind]
    if not mine:
        return 0
    cursor.execute(
        f"""INSERT INTO {UC} (indicator_id, org_unit_id, period, total, counted, mean, last)
            SELECT dv.indicator_id, dv.org_unit_id, dv.period, dv.value, 1, dv.value, dv.value
            FROM reporting_datavalue dv
            WHERE dv.period IN ({_marks(len(mine))}) AND dv.status IN ({status})
              AND dv.value IS NOT NULL {where}""",
        [*mine, *COUNTED, *scope_params],
    )
    written = cursor.rowcount
    if kind not in _FINER:
        return written
    finer = _FINER[kind]
    pairs = [
        (child.code, parent.code)
        for parent in map(periods.parse, mine)
        for child in parent.sub_periods(finer)
    ]
    mapping = " UNION ALL ".join(["SELECT %s AS child, %s AS parent"] * len(pairs))
    where, scope_params = _in_scope("c.org_unit_id", scope)
    cursor.execute(
        f"""INSERT INTO {UC} (indicator_id, org_unit_id, period, total, counted, mean, last)
            WITH m AS ({mapping}),
            finer AS (
                SELECT c.indicator_id, c.org_unit_id, m.parent, c.total, c.counted, c.last,
                       ROW_NUMBER() OVER (PARTITION BY c.indicator_id, c.org_unit_id, m.parent
                                          ORDER BY c.period DESC) AS newest
                FROM {UC} c JOIN m ON m.child = c.period
                WHERE 1 = 1 {where}
            )
            SELECT f.indicator_id, f.org_unit_id, f.parent, SUM(f.total), SUM(f.counted),
                   SUM(f.total) * 1.0 / SUM(f.counted),
                   MAX(CASE WHEN f.newest = 1 THEN f.last END)
            FROM finer f
            WHERE NOT EXISTS (
                SELECT 1 FROM {UC} o
                WHERE o.org_unit_id = f.org_unit_id AND o.period = f.parent
                  AND o.indicator_id = f.indicator_id
            )
            GROUP BY f.indicator_id, f.org_unit_id, f.parent""",
        [p for pair in pairs for p in pair] + scope_params,
    )
    return written + cursor.rowcount


def _depths(cursor: Any, scope: str) -> list[int]:
    cursor.execute("SELECT DISTINCT depth FROM org_orgunit WHERE path LIKE %s", [scope + "%"])
    return [row[0] for row in cursor.fetchall()]


def _deltas(cursor: Any, scope: str, depth: int, codes: list[str]) -> int:
    """Each unit at ``depth`` hands its subtree's figure (its own contribution and its
    delta rows, by kind) to its parent: one row per (parent, period, indicator, kind)."""
    period = f"AND {{t}}.period IN ({_marks(len(codes))})"
    cursor.execute(
        f"""INSERT INTO {RD} (indicator_id, ancestor_id, period, kind, total, mean, last, units)
            SELECT indicator_id, parent_id, period, kind,
                   SUM(total), SUM(mean), SUM(last), SUM(units)
            FROM (
                SELECT c.indicator_id, u.parent_id, c.period,
                       COALESCE(u.organisation_kind_id, {NO_KIND}) AS kind,
                       c.total, c.mean, c.last, 1 AS units
                FROM {UC} c JOIN org_orgunit u ON u.id = c.org_unit_id
                WHERE u.depth = %s AND u.path LIKE %s {period.format(t="c")}
                UNION ALL
                SELECT d.indicator_id, u.parent_id, d.period, d.kind,
                       d.total, d.mean, d.last, d.units
                FROM {RD} d JOIN org_orgunit u ON u.id = d.ancestor_id
                WHERE u.depth = %s AND u.path LIKE %s {period.format(t="d")}
            ) t
            GROUP BY indicator_id, parent_id, period, kind""",
        [depth, scope + "%", *codes, depth, scope + "%", *codes],
    )
    return cursor.rowcount
