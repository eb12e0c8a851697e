"""Reads of reporting: forms, indicators, reports in scope, completeness."""

from __future__ import annotations

from django.http import Http404

from danvan.reporting.models import Indicator, ReportForm


def form_list() -> list[ReportForm]:
    return list(ReportForm.objects.filter(is_active=True).order_by("code"))


def form_get(*, code: str) -> ReportForm:
    form = ReportForm.objects.filter(code=code).first()
    if form is None:
        raise Http404(f"Không có biểu mẫu mã «{code}».")
    return form


def form_indicator_codes(form: ReportForm) -> list[str]:
    return list(
        Indicator.objects.filter(sections__form=form)
        .order_by("formindicator__section__order", "formindicator__order")
        .values_list("code", flat=True)
        .distinct()
    )


def indicator_get(*, code: str) -> Indicator:
    indicator = (
        Indicator.objects.select_related("numerator", "denominator").filter(code=code).first()
    )
    if indicator is None:
        raise Http404(f"Không có chỉ tiêu mã «{code}».")
    return indicator
