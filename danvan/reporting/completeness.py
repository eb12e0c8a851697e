"""Who had to report, who did and in time (the report list, the dashboard's progress
card, and the coverage behind comparisons and trends).

- *expected* units are the units of the subtree (the chosen unit included) active on
  some day of the period and matching the form's assignment: its unit kinds,
  organisation kinds and levels, each checked only when the form sets it;
- a form with no assignment expects the grassroots places: the places at the commune
  level (level code ``xa``: xã, phường, đặc khu). The bodies under a ward (its Đảng ủy,
  UBND, MTTQ and unions) may send the form too, and their figures count, but a form
  expects them only when it names their organisation kinds ("11/11 phường đã gửi", not
  "11/80 đơn vị");
- places and organisations a form expects are counted apart ("11/11 phường",
  "54/69 tổ chức"), never mixed into one percentage;
- *submitted*: the report is sent or approved now (a returned report is missing until
  it is sent again); *on time*: sent on or before the due date of
  :func:`danvan.reporting.services.input_window`, in local time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import can, scoped
from danvan.lib import periods
from danvan.org.models import OrgUnit, OrgUnitQuerySet
from danvan.reporting.models import COUNTED, Report, ReportForm, Status
from danvan.reporting.services import input_window

# The level a form without assignment expects reports from (see the module docstring).
GRASSROOTS_LEVEL = "xa"


def _active_between(units: OrgUnitQuerySet, start: dt.date, end: dt.date) -> OrgUnitQuerySet:
    return units.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=start),
    )


def _active_during(units: OrgUnitQuerySet, period: periods.Period) -> OrgUnitQuerySet:
    return _active_between(units, period.start, period.end)


def is_active_during(unit: OrgUnit, period: periods.Period) -> bool:
    return (unit.valid_from is None or unit.valid_from <= period.end) and (
        unit.valid_to is None or unit.valid_to >= period.start
    )


def _expected_queryset(
    *, user: Any, form: ReportForm, root: OrgUnit, start: dt.date, end: dt.date
) -> OrgUnitQuerySet:
    units = _active_between(
        scoped(OrgUnit.objects.subtree_of(root), user, Cap.REPORT_VIEW), start, end
    )
    kind_ids, organisation_kind_ids, level_ids = _assignment(form)
    if kind_ids or organisation_kind_ids or level_ids:
        if kind_ids:
            units = units.filter(kind__in=kind_ids)
        if organisation_kind_ids:
            units = units.filter(organisation_kind__in=organisation_kind_ids)
        if level_ids:
            units = units.filter(level__in=level_ids)
        return units
    return units.filter(kind__is_place=True, level__code=GRASSROOTS_LEVEL)


def expected_units(
    *, user: Any, form: ReportForm, root: OrgUnit, period: periods.Period
) -> list[OrgUnit]:
    units = _expected_queryset(user=user, form=form, root=root, start=period.start, end=period.end)
    return list(units.select_related("parent", "kind", "level", "organisation_kind"))


def reports_itself(form: ReportForm, unit: OrgUnit) -> bool:
    """Whether ``unit`` keeps a report of ``form`` of its own: a unit the form assigns,
    or, for a form without assignment, any unit below the country (the country's figures
    are the sum of its provinces: it has no entry sheet)."""
    kind_ids, organisation_kind_ids, level_ids = _assignment(form)
    if kind_ids or organisation_kind_ids or level_ids:
        return (
            (not kind_ids or unit.kind_id in kind_ids)
            and (not organisation_kind_ids or unit.organisation_kind_id in organisation_kind_ids)
            and (not level_ids or unit.level_id in level_ids)
        )
    return unit.parent_id is not None


def tree_order(unit: OrgUnit) -> tuple[int, ...]:
    """Parents before children (a path sorted as text puts /10/ before /9/)."""
    return (*unit.ancestor_ids, unit.pk)


def _head(unit: OrgUnit, expected: set[int]) -> OrgUnit:
    """The place a row sits under: an organisation under an expected place, or itself."""
    if unit.organisation_kind_id and unit.parent_id in expected and unit.parent is not None:
        return unit.parent
    return unit


def _grouped(units: list[OrgUnit]) -> list[tuple[OrgUnit, OrgUnit]]:
    """(head, unit) pairs: each place by name, then the organisations under it."""
    expected = {u.pk for u in units}
    pairs = [(_head(u, expected), u) for u in units]

    def key(pair: tuple[OrgUnit, OrgUnit]) -> tuple[Any, ...]:
        head, unit = pair
        kind = unit.organisation_kind
        return (
            head.name_folded,
            head.pk,
            unit.pk != head.pk,
            kind.sort_order if kind else 0,
            unit.name_folded,
        )

    return sorted(pairs, key=key)


@dataclass(frozen=True)
class UnitReport:
    """One expected unit's report for the period (None: nothing started yet)."""

    unit: OrgUnit
    head: OrgUnit
    report: Report | None
    due: dt.date
    can_decide: bool

    @property
    def indent(self) -> int:
        return 0 if self.head.pk == self.unit.pk else 1

    @property
    def status(self) -> str:
        return self.report.status if self.report else Status.DRAFT

    @property
    def status_label(self) -> str:
        return self.report.get_status_display() if self.report else "Chưa gửi"

    @property
    def is_submitted(self) -> bool:
        return self.status in COUNTED

    @property
    def is_on_time(self) -> bool:
        sent = self.report.submitted_at if self.report else None
        return self.is_submitted and sent is not None and timezone.localdate(sent) <= self.due


@dataclass(frozen=True)
class Completeness:
    form: ReportForm
    root: OrgUnit
    period: periods.Period
    due: dt.date
    rows: list[UnitReport]

    @property
    def expected(self) -> int:
        return len(self.rows)

    @property
    def submitted(self) -> int:
        return sum(row.is_submitted for row in self.rows)

    @property
    def on_time(self) -> int:
        return sum(row.is_on_time for row in self.rows)

    @property
    def approved(self) -> int:
        return sum(row.status == Status.APPROVED for row in self.rows)

    @property
    def returned(self) -> int:
        return sum(row.status == Status.RETURNED for row in self.rows)

    @property
    def missing(self) -> list[OrgUnit]:
        return [row.unit for row in self.rows if not row.is_submitted]

    @property
    def missing_groups(self) -> list[tuple[OrgUnit, list[OrgUnit]]]:
        """The missing units under their place: a place (or an organisation whose place
        is not expected) heads its group; its organisations follow."""
        groups: dict[int, tuple[OrgUnit, list[OrgUnit]]] = {}
        for row in self.rows:
            if not row.is_submitted:
                groups.setdefault(row.head.pk, (row.head, []))[1].append(row.unit)
        return list(groups.values())

    @property
    def percent(self) -> Decimal | None:
        return Decimal(self.submitted * 100) / self.expected if self.expected else None

    @property
    def groups(self) -> list[Tally]:
        """The headline counts, places and organisations apart: "11/11 phường đã gửi",
        "54/69 tổ chức đã gửi" (a ward and the bodies under it are not one population)."""
        places = [row for row in self.rows if row.unit.kind.is_place]
        bodies = [row for row in self.rows if not row.unit.kind.is_place]
        tallies = []
        if places:
            names = {row.unit.kind.name.lower() for row in places}
            noun = ", ".join(sorted(names, key=lambda n: (n != "xã", n)))
            tallies.append(_tally(places, noun))
        if bodies:
            tallies.append(_tally(bodies, "tổ chức" if places else "đơn vị"))
        return tallies


@dataclass(frozen=True)
class Tally:
    noun: str
    submitted: int
    expected: int
    on_time: int
    approved: int

    @property
    def percent(self) -> Decimal | None:
        return Decimal(self.submitted * 100) / self.expected if self.expected else None


def _tally(rows: list[UnitReport], noun: str) -> Tally:
    return Tally(
        noun=noun,
        submitted=sum(row.is_submitted for row in rows),
        expected=len(rows),
        on_time=sum(row.is_on_time for row in rows),
        approved=sum(row.status == Status.APPROVED for row in rows),
    )


def completeness(
    *, user: Any, form: ReportForm, root: OrgUnit, period: periods.Period
) -> Completeness:
    """Expected, submitted, on-time and approved reports of ``root``'s subtree: two queries."""
    units = expected_units(user=user, form=form, root=root, period=period)
    reports = {
        r.org_unit_id: r
        for r in scoped(Report.objects.all(), user, Cap.REPORT_VIEW).filter(
            form=form, period=period.code, org_unit__in=[u.pk for u in units]
        )
    }
    due = input_window(form, period)[1]
    rows = [
        UnitReport(
            unit=unit,
            head=head,
            report=reports.get(unit.pk),
            due=due,
            can_decide=can(user, Cap.REPORT_APPROVE, unit.parent or unit),
        )
        for head, unit in _grouped(units)
    ]
    return Completeness(form=form, root=root, period=period, due=due, rows=rows)


# --- coverage: how complete a period's figures are ------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """Reports counted (sent or approved) against reports expected, for one period."""

    period: periods.Period
    submitted: int
    expected: int

    @property
    def complete(self) -> bool:
        return self.submitted >= self.expected

    @property
    def text(self) -> str:
        return f"{self.submitted}/{self.expected} đơn vị đã gửi"


def _assignment(form: ReportForm) -> tuple[list[int], list[int], list[int]]:
    return (
        list(form.unit_kinds.values_list("pk", flat=True)),
        list(form.organisation_kinds.values_list("pk", flat=True)),
        list(form.levels.values_list("pk", flat=True)),
    )


def coverage(
    *, user: Any, form: ReportForm, root: OrgUnit, span: Sequence[periods.Period]
) -> dict[str, Coverage]:
    """Coverage of each period of ``span`` in two queries whatever its length: the
    expected units of the whole span with their validity, and the counted reports."""
    if not span:
        return {}
    start = min(p.start for p in span)
    end = max(p.end for p in span)
    units = _expected_queryset(user=user, form=form, root=root, start=start, end=end)
    validity = list(units.values_list("pk", "valid_from", "valid_to"))
    sent = (
        scoped(Report.objects.all(), user, Cap.REPORT_VIEW)
        .filter(
            form=form,
            period__in=[p.code for p in span],
            status__in=list(COUNTED),
            org_unit__in=[pk for pk, _, _ in validity],
        )
        .values("period")
        .annotate(n=Count("pk"))
    )
    counted = {row["period"]: row["n"] for row in sent}
    result = {}
    for p in span:
        expected = sum(
            1
            for _, start, end in validity
            if (start is None or start <= p.end) and (end is None or end >= p.start)
        )
        result[p.code] = Coverage(p, counted.get(p.code, 0), expected)
    return result
