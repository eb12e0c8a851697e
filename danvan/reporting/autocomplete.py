"""The report source of the pickers (``core/autocomplete.py``): reports found by form, unit
or period without marks ("giao ban hoang mai 2024"), shown with their status."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from danvan.access.roles import Cap
from danvan.core import autocomplete
from danvan.lib import periods
from danvan.lib.text import fold
from danvan.reporting.models import Report, ReportForm


def period_label(code: str) -> str:
    try:
        return periods.parse(code).label
    except periods.PeriodError:
        return code


def report_label(report: Report) -> str:
    """ "Báo cáo công tác dân vận tháng — Phường Định Công — tháng 3/2024"."""
    return f"{report.form.name} — {report.org_unit.name} — {period_label(report.period)}"


def _search(reports: QuerySet[Report], q: str) -> QuerySet[Report]:
    words = fold(q).split()
    if words:
        # A few dozen forms at most: their names are folded here rather than stored.
        forms = [(f.pk, fold(f.name)) for f in ReportForm.objects.only("pk", "name")]
        for word in words:
            form_ids = [pk for pk, name in forms if word in name]
            reports = reports.filter(
                Q(form_id__in=form_ids)
                | Q(org_unit__name_folded__contains=word)
                | Q(period__icontains=word)
            )
    return reports.order_by("-period", "org_unit__path", "form__code", "pk")


REPORTS = autocomplete.Source(
    name="report",
    model=Report,
    cap=Cap.REPORT_VIEW,
    search=_search,
    label=report_label,
    context=lambda report: f"Trạng thái: {report.get_status_display()}",
    prepare=lambda reports: reports.select_related("form", "org_unit"),
    placeholder="Gõ tên biểu mẫu, đơn vị hoặc kỳ (không cần dấu)…",
    empty="Không tìm thấy báo cáo nào.",
)


class ReportChoiceField(autocomplete.AutocompleteChoiceField):
    source_name = "report"


class ReportMultipleChoiceField(autocomplete.AutocompleteMultipleChoiceField):
    source_name = "report"
