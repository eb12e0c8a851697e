"""Reads behind the reporting pages: who had to report, who did and in time, the entry
sheet of one report, and the figures of a dashboard (key indicators, trends, the pivot by
child unit). Every query goes through :func:`danvan.access.scope.scoped`; figures come
from :mod:`danvan.reporting.analytics` (one SQL query per aggregate, never one per unit).

Completeness, the rule the report list shows:

- *expected* units are the units of the subtree (the chosen unit included) active on
  some day of the period and matching the form's assignment: its unit kinds,
  organisation kinds and levels, each checked only when the form sets it;
- a form with no assignment expects the grassroots: the places at the commune level
  (level code ``xa``: xã, phường, đặc khu) and the organisations directly under them;
- *submitted*: the report is sent or approved now (a returned report is missing until
  it is sent again); *on time*: sent on or before the due date of
  :func:`danvan.reporting.services.input_window`, in local time.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import can, scoped
from danvan.lib import periods
from danvan.org.models import OrgUnit, OrgUnitQuerySet
from danvan.org.selectors import org_unit_roots
from danvan.reporting import analytics
from danvan.reporting.models import (
    COUNTED,
    DataValue,
    FormIndicator,
    Indicator,
    Report,
    ReportForm,
    Status,
)
from danvan.reporting.services import input_window

# The level a form without assignment expects reports from (see the module docstring).
GRASSROOTS_LEVEL = "xa"
DEFAULT_FORM = "BC_THANG"
# How many periods the period picker offers, newest first.
PICKER_LENGTH = {periods.MONTH: 36, periods.QUARTER: 16, periods.HALF: 10, periods.YEAR: 8}
TREND_LENGTH = 12

Number = Decimal | None


# --- units and periods ------------------------------------------------------------------


def _active_during(units: OrgUnitQuerySet, period: periods.Period) -> OrgUnitQuerySet:
    return units.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=period.end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.start),
    )


def is_active_during(unit: OrgUnit, period: periods.Period) -> bool:
    return (unit.valid_from is None or unit.valid_from <= period.end) and (
        unit.valid_to is None or unit.valid_to >= period.start
    )


def first_root(*, user: Any) -> OrgUnit | None:
    """The unit a reporting page opens on: the user's first scope root."""
    return org_unit_roots(user=user, cap=Cap.REPORT_VIEW).first()


def default_period(*, user: Any, form: ReportForm, root: OrgUnit) -> periods.Period:
    """The latest period (not after the current one) in which a unit of ``root``'s subtree
    has a report or figures of ``form``; without any, the current period, or the last one
    of a unit closed since."""
    today = timezone.localdate()
    current = periods.period_of(form.period_type, today)
    reports = scoped(Report.objects.all(), user, Cap.REPORT_VIEW).filter(
        form=form, org_unit__path__startswith=root.path, period__lte=current.code
    )
    values = scoped(DataValue.objects.all(), user, Cap.REPORT_VIEW).filter(
        indicator__sections__form=form,
        org_unit__path__startswith=root.path,
        period_span=current.months,
        period__lte=current.code,
    )
    found = [
        code
        for code in (
            reports.order_by("-period").values_list("period", flat=True).first(),
            values.order_by("-period").values_list("period", flat=True).first(),
        )
        if code
    ]
    if found:
        return periods.parse(max(found))
    if root.valid_to is not None and root.valid_to < today:
        return periods.period_of(form.period_type, root.valid_to)
    return current


def period_choices(form: ReportForm, chosen: periods.Period) -> list[periods.Period]:
    """Recent periods of the form's kind, newest first, with ``chosen`` always among them."""
    current = periods.period_of(form.period_type, timezone.localdate())
    choices = [current.shifted(-i) for i in range(PICKER_LENGTH[form.period_type])]
    if chosen not in choices:
        choices.append(chosen)
    return sorted(choices, reverse=True)


def unit_choices(*, user: Any, unit: OrgUnit) -> list[tuple[OrgUnit, int]]:
    """What the unit picker offers, each with its indent: the user's scope roots, the
    chosen unit with its ancestors in scope, and its children."""
    roots = list(org_unit_roots(user=user, cap=Cap.REPORT_VIEW))
    near = scoped(OrgUnit.objects.all(), user, Cap.REPORT_VIEW).filter(
        Q(pk__in=[*unit.ancestor_ids, unit.pk]) | Q(parent=unit)
    )
    units = {u.pk: u for u in [*roots, *near]}
    ordered = sorted(units.values(), key=tree_order)
    top = min(u.depth for u in ordered)
    return [(u, u.depth - top) for u in ordered]


# --- completeness -------------------------------------------------------------------------


def expected_units(
    *, user: Any, form: ReportForm, root: OrgUnit, period: periods.Period
) -> list[OrgUnit]:
    units = _active_during(
        scoped(OrgUnit.objects.subtree_of(root), user, Cap.REPORT_VIEW), period
    ).select_related("parent", "kind", "level", "organisation_kind")
    kind_ids = list(form.unit_kinds.values_list("pk", flat=True))
    organisation_kind_ids = list(form.organisation_kinds.values_list("pk", flat=True))
    level_ids = list(form.levels.values_list("pk", flat=True))
    if kind_ids or organisation_kind_ids or level_ids:
        if kind_ids:
            units = units.filter(kind__in=kind_ids)
        if organisation_kind_ids:
            units = units.filter(organisation_kind__in=organisation_kind_ids)
        if level_ids:
            units = units.filter(level__in=level_ids)
    else:
        units = units.filter(
            Q(kind__is_place=True, level__code=GRASSROOTS_LEVEL)
            | Q(
                organisation_kind__isnull=False,
                parent__kind__is_place=True,
                parent__level__code=GRASSROOTS_LEVEL,
            )
        )
    return list(units)


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


# --- the indicators of a form ---------------------------------------------------------------


def form_indicators(form: ReportForm) -> list[Indicator]:
    """The form's numeric indicators in form order, then the ratios computable from them."""
    links = FormIndicator.objects.filter(section__form=form).select_related("indicator")
    ordered = {
        link.indicator_id: link.indicator for link in links.order_by("section__order", "order")
    }
    stored = [i for i in ordered.values() if i.is_numeric]
    ids = [i.pk for i in stored]
    computed = Indicator.objects.filter(
        value_type=Indicator.ValueType.COMPUTED, numerator__in=ids, denominator__in=ids
    ).select_related("numerator", "denominator")
    return [*stored, *computed]


# --- dashboard -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A change against a base: % for counts, percentage points for ratios."""

    value: float | None
    points: bool


@dataclass(frozen=True)
class KeyFigure:
    indicator: Indicator
    value: Number
    previous: Number
    last_year: Number

    def _change(self, base: Number) -> Change:
        if self.indicator.is_computed:
            if self.value is None or base is None:
                return Change(None, True)
            return Change(float(self.value - base), True)
        return Change(periods.percent_change(_float(self.value), _float(base)), False)

    @property
    def change_previous(self) -> Change:
        return self._change(self.previous)

    @property
    def change_last_year(self) -> Change:
        return self._change(self.last_year)


def _float(value: Number) -> float | None:
    return None if value is None else float(value)


def key_figures(
    *, indicators: Sequence[Indicator], root: OrgUnit, period: periods.Period
) -> list[KeyFigure]:
    """Each indicator now, the period before and the same period last year (3 queries)."""
    now = analytics.aggregate(indicators, root, period)
    before = analytics.aggregate(indicators, root, analytics.compare_period(period, "previous"))
    last_year = analytics.aggregate(indicators, root, analytics.compare_period(period, "last_year"))
    return [KeyFigure(i, now[i.code], before[i.code], last_year[i.code]) for i in indicators]


def short_label(period: periods.Period) -> str:
    if period.kind == periods.MONTH:
        return f"{period.first_month:02d}/{period.year}"
    if period.kind == periods.YEAR:
        return str(period.year)
    return f"{period.code[4:]}/{period.year}"


def trend(
    *,
    indicators: Sequence[Indicator],
    root: OrgUnit,
    period: periods.Period,
    length: int = TREND_LENGTH,
) -> dict[str, Any]:
    """The last ``length`` periods up to ``period``, per indicator, for the chart (one
    aggregate query per period)."""
    span = [period.shifted(-i) for i in range(length - 1, -1, -1)]
    columns = [analytics.aggregate(indicators, root, p) for p in span]
    return {
        "labels": [short_label(p) for p in span],
        "series": [
            {
                "code": i.code,
                "name": i.name,
                "unit": i.unit,
                "percent": i.is_computed,
                "values": [_float(column[i.code]) for column in columns],
            }
            for i in indicators
        ],
    }


@dataclass(frozen=True)
class Pivot:
    root: OrgUnit
    period: periods.Period
    indicators: list[Indicator]
    rows: list[tuple[OrgUnit, list[Number]]]
    total: list[Number]

    @property
    def cells(self) -> list[tuple[OrgUnit, list[tuple[Indicator, Number]]]]:
        """Rows with each value beside its indicator, for formatting."""
        return [
            (unit, list(zip(self.indicators, values, strict=True))) for unit, values in self.rows
        ]

    @property
    def total_cells(self) -> list[tuple[Indicator, Number]]:
        return list(zip(self.indicators, self.total, strict=True))


def child_units(*, user: Any, root: OrgUnit, period: periods.Period) -> list[OrgUnit]:
    children = _active_during(
        scoped(OrgUnit.objects.filter(parent=root), user, Cap.REPORT_VIEW), period
    )
    return list(
        children.select_related("kind", "organisation_kind").order_by(
            "-kind__is_place", "organisation_kind__sort_order", "name_folded"
        )
    )


def pivot(
    *, user: Any, indicators: Sequence[Indicator], root: OrgUnit, period: periods.Period
) -> Pivot:
    """Indicators × child units; the total row is the subtree aggregate (own figures of
    ``root`` included), so it may exceed the sum of the rows."""
    children = child_units(user=user, root=root, period=period)
    values = analytics.by_child(indicators, root, children, period)
    total = analytics.aggregate(indicators, root, period)
    return Pivot(
        root=root,
        period=period,
        indicators=list(indicators),
        rows=[(c, [values[c.pk][i.code] for i in indicators]) for c in children],
        total=[total[i.code] for i in indicators],
    )


@dataclass(frozen=True)
class Target:
    indicator: str
    operator: str
    threshold: Decimal
    label: str


# "5/9 xã, phường đạt 100%": the targets the dashboard counts, when the form has them.
TARGETS = [
    Target("TY_LE_CU_TRI_DI_BAU", ">=", Decimal(100), "có 100% cử tri đi bầu"),
    Target("TY_LE_GIAI_QUYET_DON", ">=", Decimal(100), "giải quyết 100% đơn thư, kiến nghị"),
    Target("MO_HINH_DVK", ">=", Decimal(1), "có mô hình «Dân vận khéo» đăng ký"),
]


@dataclass(frozen=True)
class TargetResult:
    target: Target
    meeting: analytics.Meeting
    noun: str


def grassroots_places(*, user: Any, root: OrgUnit, period: periods.Period) -> list[OrgUnit]:
    units = _active_during(
        scoped(OrgUnit.objects.subtree_of(root), user, Cap.REPORT_VIEW), period
    ).filter(kind__is_place=True, level__code=GRASSROOTS_LEVEL)
    return list(units.select_related("kind").order_by("name_folded"))


def targets(
    *, user: Any, indicators: Sequence[Indicator], root: OrgUnit, period: periods.Period
) -> list[TargetResult]:
    """How many grassroots places of the subtree meet each target (one query each)."""
    places = grassroots_places(user=user, root=root, period=period)
    if not places:
        return []
    noun = ", ".join(sorted({p.kind.name.lower() for p in places}, key=lambda n: n != "xã"))
    by_code = {i.code: i for i in indicators}
    return [
        TargetResult(
            target,
            analytics.units_meeting(
                by_code[target.indicator], places, root, period, target.operator, target.threshold
            ),
            noun,
        )
        for target in TARGETS
        if target.indicator in by_code
    ]


# --- the pivot as a workbook ---------------------------------------------------------------

# Format codes are stored locale-free: Excel and LibreOffice show them with the reader's
# separators, 2.811,7 on a Vietnamese system.
_XLSX_FORMATS: dict[str, str] = {
    Indicator.ValueType.INTEGER: "#,##0",
    Indicator.ValueType.BOOLEAN: "#,##0",
    Indicator.ValueType.DECIMAL: "#,##0.0##",
    Indicator.ValueType.COMPUTED: '0.00"%"',
}
PIVOT_NOTE = "Chỉ tính số liệu đã gửi hoặc đã duyệt; tỷ lệ tính từ tổng tử số trên tổng mẫu số."


def pivot_xlsx(table: Pivot, form: ReportForm) -> bytes:
    """The pivot as an XLSX sheet: title, note, a frozen header row and unit column,
    numbers as numbers, the total row in bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Tổng hợp"
    sheet.append([f"{form.name} — {table.root.name} — {table.period.label}"])
    sheet.append([PIVOT_NOTE])
    sheet.append(
        ["Đơn vị", *[f"{i.name} ({i.unit})" if i.unit else i.name for i in table.indicators]]
    )
    for unit, values in table.rows:
        sheet.append([unit.name, *values])
    sheet.append(["Tổng cộng", *table.total])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"].font = Font(italic=True, color="5F6368")
    header = sheet[3]
    for cell in header:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="F3E5E4")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column, indicator in enumerate(table.indicators, start=2):
        number_format = _XLSX_FORMATS.get(indicator.value_type, "General")
        for (cell,) in sheet.iter_rows(min_row=4, min_col=column, max_col=column):
            cell.number_format = number_format
        sheet.column_dimensions[get_column_letter(column)].width = 16
    sheet.column_dimensions["A"].width = 42
    sheet.freeze_panes = "B4"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
