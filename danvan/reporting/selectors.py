"""Reads of reporting: forms, indicators, reports in scope, completeness."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.reporting.models import FormIndicator, Indicator, ReportAttachment, ReportForm


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


def attachment_get(*, user: Any, pk: int) -> ReportAttachment:
    attachment = (
        scoped(ReportAttachment.objects.filter(pk=pk), user, Cap.REPORT_VIEW)
        .select_related("report__org_unit", "report__form")
        .first()
    )
    if attachment is None:
        raise Http404("Không tìm thấy tệp, hoặc tệp nằm ngoài phạm vi của bạn.")
    return attachment
