"""Reads behind the dashboard: the period a page opens on, key indicators with their
comparisons, trends, the pivot by child unit and its workbook, and the targets met. Every
query goes through :func:`danvan.access.scope.scoped`; figures come from
:mod:`danvan.reporting.analytics` (one SQL query per aggregate, never one per unit). Who
had to report and did is :mod:`danvan.reporting.completeness`.

A comparison or a trend point is only as good as the reports behind it: a period whose
expected reports are not all in is marked "chưa đủ số liệu" with its count, and no
percentage change is drawn from it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.org.selectors import org_unit_roots
from danvan.reporting import analytics, services
from danvan.reporting.completeness import (
    GRASSROOTS_LEVEL,
    Coverage,
    _active_during,
    coverage,
    tree_order,
)
from danvan.reporting.models import FormIndicator, Indicator, ReportForm
from danvan.reporting.services import input_window

DEFAULT_FORM = "BC_THANG"
# How many periods the period picker offers, newest first.
PICKER_LENGTH = {periods.MONTH: 36, periods.QUARTER: 16, periods.HALF: 10, periods.YEAR: 8}
TREND_LENGTH = 12

Number = Decimal | None


# --- units and periods ------------------------------------------------------------------


def first_root(*, user: Any) -> OrgUnit | None:
    """The unit a reporting page opens on: the user's first scope root."""
    return org_unit_roots(user=user, cap=Cap.REPORT_VIEW).first()


def default_period(*, user: Any, form: ReportForm, root: OrgUnit) -> periods.Period:
    """The period that is due now: the latest of the form's kind whose input window has
    opened (on 2 December, November's monthly report, due on the 3rd). For a unit closed
    since, the last period it lived through. ``user`` is kept for callers: the answer
    does not depend on who asks."""
    del user
    day = services.today()
    if root.valid_to is not None and root.valid_to < day:
        return periods.period_of(form.period_type, root.valid_to)
    period = periods.period_of(form.period_type, day)
    for _ in range(24):
        if input_window(form, period)[0] <= day:
            break
        period = period.previous()
    return period


def period_choices(form: ReportForm, chosen: periods.Period) -> list[periods.Period]:
    """Recent periods of the form's kind, newest first, with ``chosen`` always among them."""
    current = periods.period_of(form.period_type, services.today())
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
    """A change against a base: % for counts, percentage points for ratios. ``partial``
    says why there is none when either side lacks reports ("chưa đủ số liệu: …")."""

    value: float | None
    points: bool
    partial: str = ""


@dataclass(frozen=True)
class KeyFigure:
    indicator: Indicator
    value: Number
    previous: Number
    last_year: Number
    now_coverage: Coverage | None = None
    previous_coverage: Coverage | None = None
    last_year_coverage: Coverage | None = None

    def _change(self, base: Number, base_coverage: Coverage | None) -> Change:
        points = self.indicator.is_computed
        for side in (self.now_coverage, base_coverage):
            if side is not None and not side.complete:
                return Change(None, points, f"chưa đủ số liệu {side.period.label}: {side.text}")
        if points:
            if self.value is None or base is None:
                return Change(None, True)
            return Change(float(self.value - base), True)
        return Change(periods.percent_change(_float(self.value), _float(base)), False)

    @property
    def change_previous(self) -> Change:
        return self._change(self.previous, self.previous_coverage)

    @property
    def change_last_year(self) -> Change:
        return self._change(self.last_year, self.last_year_coverage)


def _float(value: Number) -> float | None:
    return None if value is None else float(value)


def key_figures(
    *,
    user: Any,
    form: ReportForm,
    indicators: Sequence[Indicator],
    root: OrgUnit,
    period: periods.Period,
) -> list[KeyFigure]:
    """Each indicator now, the period before and the same period last year (3 aggregate
    queries), with how complete each of the three periods is (2 more)."""
    before_period = analytics.compare_period(period, "previous")
    last_year_period = analytics.compare_period(period, "last_year")
    now = analytics.aggregate(indicators, root, period)
    before = analytics.aggregate(indicators, root, before_period)
    last_year = analytics.aggregate(indicators, root, last_year_period)
    covered = coverage(
        user=user, form=form, root=root, span=[period, before_period, last_year_period]
    )
    return [
        KeyFigure(
            i,
            now[i.code],
            before[i.code],
            last_year[i.code],
            covered[period.code],
            covered[before_period.code],
            covered[last_year_period.code],
        )
        for i in indicators
    ]


def coverage_notes(figures: Sequence[KeyFigure]) -> list[str]:
    """The periods of the comparisons whose reports are not all in, said once for the
    whole page ("tháng 2/2024: 1/44 đơn vị đã gửi"); each figure then only says
    "chưa đủ số liệu"."""
    if not figures:
        return []
    first = figures[0]
    sides = (first.now_coverage, first.previous_coverage, first.last_year_coverage)
    return [f"{c.period.label}: {c.text}" for c in sides if c is not None and not c.complete]


def short_label(period: periods.Period) -> str:
    if period.kind == periods.MONTH:
        return f"{period.first_month:02d}/{period.year}"
    if period.kind == periods.YEAR:
        return str(period.year)
    return f"{period.code[4:]}/{period.year}"


def trend(
    *,
    user: Any,
    form: ReportForm,
    indicators: Sequence[Indicator],
    root: OrgUnit,
    period: periods.Period,
    length: int = TREND_LENGTH,
) -> dict[str, Any]:
    """The last ``length`` periods up to ``period``, per indicator, for the chart (one
    aggregate query per period), each period marked complete or not (``partial``: the
    "n/N" of a period whose reports are not all in, else "")."""
    span = [period.shifted(-i) for i in range(length - 1, -1, -1)]
    columns = [analytics.aggregate(indicators, root, p) for p in span]
    covered = coverage(user=user, form=form, root=root, span=span)
    partial = ["" if covered[p.code].complete else covered[p.code].text for p in span]
    return {
        "labels": [
            short_label(p) + ("*" if gap else "") for p, gap in zip(span, partial, strict=True)
        ],
        "partial": partial,
        "any_partial": any(partial),
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
