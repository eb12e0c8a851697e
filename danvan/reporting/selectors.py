"""Reads of reporting: forms, indicators, reports in scope, completeness."""

from __future__ import annotations

from django.http import Http404

from danvan.reporting.models import FormIndicator, Indicator, ReportForm


def form_list() -> list[ReportForm]:
    return list(ReportForm.objects.filter(is_active=True).order_by("code"))


def form_get(*, code: str) -> ReportForm:
    form = ReportForm.objects.filter(code=code).first()
    if form is None:
        raise Http404(f"Không có biểu mẫu mã «{code}».")
    return form


def form_indicator_codes(form: ReportForm) -> list[str]:
    """The form's indicator codes in form order, each once (one may sit in two sections)."""
    rows = (
        FormIndicator.objects.filter(section__form=form)
        .order_by("section__order", "order", "id")
        .values_list("indicator__code", flat=True)
    )
    return list(dict.fromkeys(rows))


def indicator_get(*, code: str) -> Indicator:
    indicator = (
        Indicator.objects.select_related("numerator", "denominator").filter(code=code).first()
    )
    if indicator is None:
        raise Http404(f"Không có chỉ tiêu mã «{code}».")
    return indicator
