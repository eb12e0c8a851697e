"""Figures that come from a register's records, not from a reporter's keyboard.

A register app (emulation, petitions…) *registers* a :class:`Source` in its
``AppConfig.ready()``: a key, the register's name, how to count its records for a set of
units and a date window, and the URL of the list behind the number. An indicator whose
``source`` names a registered key is then:

- shown read-only on the entry page, the number linking to that list;
- refused by :func:`data_values_save` when typed (API, form, Excel import alike);
- written by :func:`refresh` from the records, while the report is a draft (the entry
  page refreshes on opening, every save refreshes, and :func:`report_submit` refreshes
  under the report's row lock, so what is sent is what the register held at that moment).
  A sent or approved report keeps its figures: it is the record of what was reported.

A form may still let a unit type a sourced indicator (``FormIndicator.typed`` — a unit
that does not keep the register yet).

Which records a report counts: those of the report's unit and of every unit under it,
except the subtrees of units that keep a report of the same form themselves (a ward counts
its Front and residential areas, the city counts only what is its own). The reports of a
subtree therefore partition its records, and an aggregate at any level equals the
register's count for that level.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q

from danvan.lib import periods

if TYPE_CHECKING:
    from danvan.org.models import OrgUnit
    from danvan.reporting.models import Indicator, Report, ReportForm

# count(unit ids, first day, last day) -> number of records, or None when the register
# was not kept for those units then (a time before it): the figure stays as typed.
Counter = Callable[[list[int], dt.date, dt.date], int | Decimal | None]
# list_url(the report's unit, first day, last day) -> the register's list, filtered
ListUrl = Callable[["OrgUnit", dt.date, dt.date], str]


@dataclass(frozen=True)
class Source:
    key: str
    register: str
    count: Counter
    list_url: ListUrl


_SOURCES: dict[str, Source] = {}


def in_use(register: str, units: list[int], start: dt.date, end: dt.date) -> list[int] | None:
    """Those of ``units`` that kept ``register`` in the window (a RegisterUse row on their
    path covers it); None when none did: the figure is then typed, as before the register."""
    from danvan.org.models import OrgUnit
    from danvan.reporting.models import RegisterUse

    paths = dict(OrgUnit.objects.filter(pk__in=units).values_list("pk", "path"))
    rows = list(RegisterUse.objects.filter(register=register).select_related("org_unit"))
    kept = []
    for pk, path in paths.items():
        nearest = max(
            (r for r in rows if path.startswith(r.org_unit.path)),
            key=lambda r: len(r.org_unit.path),
            default=None,
        )
        if nearest is not None and nearest.covers(start, end):
            kept.append(pk)
    return kept or None


def counted_where_kept(register: str, count: Counter) -> Counter:
    """``count`` over the units that kept ``register`` in the window; None (typed) when
    none did."""

    def guarded(units: list[int], start: dt.date, end: dt.date) -> int | Decimal | None:
        kept = in_use(register, units, start, end)
        if kept is None:
            return None
        found = count(kept, start, end)
        return found if found is not None else 0

    return guarded


def register(source: Source) -> None:
    """Make ``source`` available to indicators (called from an AppConfig.ready())."""
    _SOURCES[source.key] = source


def get(key: str) -> Source | None:
    return _SOURCES.get(key) if key else None


def choices() -> list[tuple[str, str]]:
    return sorted((s.key, f"{s.register} — {s.key}") for s in _SOURCES.values())


@dataclass(frozen=True)
class Figure:
    """A number taken from a register, for the entry page."""

    indicator_id: int
    value: Decimal
    register: str
    url: str


def sourced_indicators(form: ReportForm) -> list[Indicator]:
    """The form's indicators filled from a register (not those the form lets units type)."""
    from danvan.reporting.models import Indicator

    found = (
        Indicator.objects.filter(sections__form=form, formindicator__typed=False)
        .exclude(source="")
        .distinct()
    )
    return [i for i in found if get(i.source) is not None]


def covered_units(form: ReportForm, unit: OrgUnit, period: str = "") -> list[int]:
    """The unit and its subtree, less the subtrees of units that report ``form`` themselves:
    those the form expects (its assignment, or the grassroots places for a form without
    one) and any unit that keeps a report of the form for ``period``."""
    from danvan.org.models import OrgUnit
    from danvan.reporting.completeness import GRASSROOTS_LEVEL, _assignment
    from danvan.reporting.models import Report

    kind_ids, organisation_kind_ids, level_ids = _assignment(form)
    below = list(
        OrgUnit.objects.filter(path__startswith=unit.path)
        .exclude(pk=unit.pk)
        .values(
            "pk",
            "path",
            "kind_id",
            "organisation_kind_id",
            "level_id",
            "level__code",
            "kind__is_place",
        )
    )
    keeping = set()
    if period:
        keeping = set(
            Report.objects.filter(
                form=form, period=period, org_unit__path__startswith=unit.path
            ).values_list("org_unit_id", flat=True)
        )

    def reports(row: dict[str, object]) -> bool:
        if row["pk"] in keeping:
            return True
        if kind_ids or organisation_kind_ids or level_ids:
            return (
                (not kind_ids or row["kind_id"] in kind_ids)
                and (
                    not organisation_kind_ids
                    or row["organisation_kind_id"] in organisation_kind_ids
                )
                and (not level_ids or row["level_id"] in level_ids)
            )
        return bool(row["kind__is_place"]) and row["level__code"] == GRASSROOTS_LEVEL

    reporting = [str(row["path"]) for row in below if reports(row)]
    kept = [unit.pk]
    for row in below:
        if not any(str(row["path"]).startswith(path) for path in reporting):
            kept.append(int(str(row["pk"])))
    return kept


def window(form: ReportForm, period: str | periods.Period) -> tuple[dt.date, dt.date]:
    the_period = periods.parse(period) if isinstance(period, str) else period
    return the_period.window(form.cutoff)


def figures(form: ReportForm, unit: OrgUnit, period: str) -> dict[int, Figure]:
    """Each sourced indicator of ``form``: its count for ``unit`` and ``period``, and its list."""
    indicators = sourced_indicators(form)
    if not indicators:
        return {}
    units = covered_units(form, unit, period if isinstance(period, str) else period.code)
    start, end = window(form, period)
    found = {}
    for indicator in indicators:
        source = _SOURCES[indicator.source]
        value = source.count(units, start, end)
        if value is None:
            continue
        found[indicator.pk] = Figure(
            indicator_id=indicator.pk,
            value=Decimal(value),
            register=source.register,
            url=source.list_url(unit, start, end),
        )
    return found


def refresh(*, report: Report) -> dict[int, Figure]:
    """Write the register's counts into a draft (or returned) report's figures.

    The caller holds the report's row lock (``select_for_update``). A sent or approved
    report is left as it was sent. Only rows whose value changed are written.
    """
    from danvan.reporting.models import DataValue, Status

    if report.status in (Status.SUBMITTED, Status.APPROVED):
        return {}
    found = figures(report.form, report.org_unit, report.period)
    if not found:
        return found
    the_period = periods.parse(report.period)
    stored = {
        row.indicator_id: row
        for row in DataValue.objects.filter(
            org_unit=report.org_unit, period=report.period, indicator_id__in=list(found)
        )
    }
    for pk, figure in found.items():
        row = stored.get(pk)
        if row is None:
            DataValue.objects.create(
                indicator_id=pk,
                org_unit=report.org_unit,
                period=the_period.code,
                period_start=the_period.start,
                period_end=the_period.end,
                period_span=the_period.months,
                value=figure.value,
                updated_by=None,
            )
        elif row.value != figure.value:
            row.value = figure.value
            row.updated_by = None
            row.save(update_fields=["value", "updated_by", "updated_at"])
    return found


def refused(
    indicators: Iterable[Indicator],
    forms: Iterable[ReportForm],
    unit: OrgUnit | None = None,
    period: periods.Period | None = None,
) -> Indicator | None:
    """The first indicator among ``indicators`` that ``forms`` fill from a register (for
    ``unit`` and ``period``: not where the register's counter answers None, a unit that
    did not keep the register then)."""
    from danvan.reporting.models import FormIndicator

    sourced = [i for i in indicators if i.source and get(i.source) is not None]
    if not sourced:
        return None
    forms = list(forms)
    form_ids = [f.pk for f in forms]
    typed = set(
        FormIndicator.objects.filter(
            Q(section__form_id__in=form_ids) if form_ids else Q(),
            indicator__in=sourced,
            typed=True,
        ).values_list("indicator_id", flat=True)
    )
    for indicator in sourced:
        if indicator.pk in typed:
            continue
        if (
            unit is not None
            and period is not None
            and not _counted_here(indicator, forms, unit, period)
        ):
            continue
        return indicator
    return None


def _counted_here(
    indicator: Indicator, forms: list[ReportForm], unit: OrgUnit, period: periods.Period
) -> bool:
    source = get(indicator.source)
    if source is None:
        return False
    if not forms:
        return source.count([unit.pk], period.start, period.end) is not None
    for form in forms:
        start, end = window(form, period)
        if source.count(covered_units(form, unit, period.code), start, end) is not None:
            return True
    return False


def message(indicator: Indicator) -> str:
    source = get(indicator.source)
    where = f"sổ «{source.register}»" if source else "sổ theo dõi"
    return f"«{indicator.name}» được tính từ {where}, không nhập trực tiếp."
