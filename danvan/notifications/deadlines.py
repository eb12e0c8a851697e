"""Which reports a unit owes, and when: the forms' input windows read for one day.

Shared by the "Việc cần làm" list (every report whose input window is open and not yet
sent) and the reminder run (those due within the lead time, or overdue). A unit owes a
form when the form names its kind, organisation kind or level, or, for a form that names
none, when it is a grassroots place (the rule of :mod:`danvan.reporting.completeness`).
A unit closed before the day owes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.urls import reverse

from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting.completeness import GRASSROOTS_LEVEL, is_active_during
from danvan.reporting.models import Report, ReportForm, Status
from danvan.reporting.services import input_window


@dataclass(frozen=True)
class Assignment:
    form: ReportForm
    kinds: frozenset[int] = field(default_factory=frozenset)
    organisation_kinds: frozenset[int] = field(default_factory=frozenset)
    levels: frozenset[int] = field(default_factory=frozenset)

    def expects(self, unit: OrgUnit) -> bool:
        if self.kinds or self.organisation_kinds or self.levels:
            return (
                (not self.kinds or unit.kind_id in self.kinds)
                and (
                    not self.organisation_kinds
                    or unit.organisation_kind_id in self.organisation_kinds
                )
                and (not self.levels or unit.level_id in self.levels)
            )
        return bool(unit.kind.is_place) and unit.level.code == GRASSROOTS_LEVEL


_FORM_FIELDS = ("code", "name", "period_type", "cutoff", "opens_days", "due_days", "lock_days")


def assignments() -> list[Assignment]:
    """Active forms with whom they expect, in one query (the menu count reads it on every
    page): a row per combination of the form's unit kinds, organisation kinds and levels."""
    rows = ReportForm.objects.filter(is_active=True).values_list(
        "pk", *_FORM_FIELDS, "unit_kinds", "organisation_kinds", "levels"
    )
    forms: dict[int, ReportForm] = {}
    found: dict[int, tuple[set[int], set[int], set[int]]] = {}
    for pk, *fields, kind, organisation_kind, level in rows:
        if pk not in forms:
            forms[pk] = ReportForm(
                pk=pk, is_active=True, **dict(zip(_FORM_FIELDS, fields, strict=True))
            )
            found[pk] = (set(), set(), set())
        buckets = found[pk]
        for value, bucket in zip((kind, organisation_kind, level), buckets, strict=True):
            if value is not None:
                bucket.add(value)
    return [
        Assignment(forms[pk], frozenset(k), frozenset(o), frozenset(lv))
        for pk, (k, o, lv) in sorted(found.items(), key=lambda item: forms[item[0]].code)
    ]


@dataclass(frozen=True)
class Window:
    period: periods.Period
    opens: dt.date
    due: dt.date
    locks: dt.date


def windows(form: ReportForm, day: dt.date, lead: int | None) -> list[Window]:
    """The periods of ``form`` whose reminders run on ``day``: from ``lead`` days before
    the due date (None: from the day input opens) to the day input locks."""
    current = periods.period_of(form.period_type, day)
    found = []
    for steps in (-2, -1, 0, 1):
        period = current.shifted(steps)
        opens, due, locks = input_window(form, period)
        start = opens if lead is None else due - dt.timedelta(days=lead)
        if start <= day <= locks:
            found.append(Window(period, opens, due, locks))
    return found


@dataclass(frozen=True)
class DueReport:
    """A report a unit still has to send (nothing sent yet, or a draft)."""

    form: ReportForm
    unit: OrgUnit
    window: Window
    report: Report | None
    today: dt.date

    @property
    def days_left(self) -> int:
        return (self.window.due - self.today).days

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_late(self) -> int:
        return -self.days_left

    @property
    def url(self) -> str:
        return reverse(
            "reporting:entry", args=[self.unit.pk, self.window.period.code, self.form.code]
        )

    @property
    def key(self) -> str:
        return f"{self.form.code}:{self.unit.pk}:{self.window.period.code}"


def open_units(units: Iterable[OrgUnit], day: dt.date) -> list[OrgUnit]:
    return [u for u in units if u.valid_to is None or u.valid_to >= day]


Wanted = tuple[Assignment, OrgUnit, Window]


def owed(
    *, units: Sequence[OrgUnit], day: dt.date, lead: int | None, forms: Sequence[Assignment]
) -> list[Wanted]:
    """(form, unit, window) of every report ``units`` owe on ``day``, sent or not."""
    found: list[Wanted] = []
    for assignment in forms:
        for window in windows(assignment.form, day, lead):
            for unit in open_units(units, day):
                if assignment.expects(unit) and is_active_during(unit, window.period):
                    found.append((assignment, unit, window))
    return found


def not_sent(wanted: Sequence[Wanted], stored: Iterable[Report], day: dt.date) -> list[DueReport]:
    """The ``wanted`` reports with nothing sent among ``stored``. Returned reports are not
    listed: they have their own line, with the reason."""
    by_key = {(r.form_id, r.org_unit_id, r.period): r for r in stored}
    found = []
    for assignment, unit, window in wanted:
        report = by_key.get((assignment.form.pk, unit.pk, window.period.code))
        if report is not None and report.status != Status.DRAFT:
            continue
        found.append(DueReport(assignment.form, unit, window, report, day))
    found.sort(key=lambda d: (d.window.due, d.unit.name, d.form.code))
    return found


def due_reports(
    *, units: Sequence[OrgUnit], day: dt.date, lead: int | None, reports: QuerySet[Report]
) -> list[DueReport]:
    """Reports ``units`` owe on ``day`` and have not sent (``reports``: where to look for
    what they already started or sent)."""
    wanted = owed(units=units, day=day, lead=lead, forms=assignments())
    if not wanted:
        return []
    stored = reports.filter(
        org_unit__in={u.pk for _, u, _ in wanted}, period__in={w.period.code for _, _, w in wanted}
    ).only("pk", "form_id", "org_unit_id", "period", "status")
    return not_sent(wanted, stored, day)


def unit_fields() -> list[str]:
    """What :meth:`Assignment.expects` reads of a unit (for ``select_related``)."""
    return ["kind", "level"]


def describe(due: DueReport) -> str:
    name = f"«{due.form.name}» {due.window.period.label} của {due.unit.name}"
    if due.overdue:
        return f"Báo cáo {name} đã quá hạn {due.days_late} ngày (hạn {due.window.due:%d/%m/%Y})."
    if due.days_left == 0:
        return f"Báo cáo {name} đến hạn hôm nay ({due.window.due:%d/%m/%Y})."
    return f"Báo cáo {name} còn {due.days_left} ngày đến hạn ({due.window.due:%d/%m/%Y})."
