"""Reporting over the API: figures in, workflow, analytics out (issue 3's contract)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from danvan.access.roles import Cap
from danvan.api.schemas import ErrorOut
from danvan.core.dbrouter import reads_from_replica
from danvan.lib import periods
from danvan.org.selectors import org_unit_get
from danvan.reporting import selectors, services
from danvan.reporting.analytics import aggregate, compare_period

router = Router()


class DataValuesIn(Schema):
    org_unit: int
    period: str
    values: dict[str, Any]
    form: str | None = None


class DataValuesOut(Schema):
    org_unit: int
    period: str
    saved: dict[str, Any]
    warnings: list[str]


class ReportOut(Schema):
    form: str
    org_unit: int
    period: str
    status: str
    status_label: str
    submitted_at: Any = None
    decided_at: Any = None
    return_reason: str = ""


class ReturnIn(Schema):
    reason: str


class FormOut(Schema):
    code: str
    name: str
    period_type: str
    indicators: list[str]


class AnalyticsOut(Schema):
    indicator: str
    org_unit: int
    period: str
    period_label: str
    value: float | None
    compare: str | None = None
    compare_period: str | None = None
    compare_value: float | None = None
    change_percent: float | None = None


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _report_out(report: Any) -> ReportOut:
    return ReportOut(
        form=report.form.code,
        org_unit=report.org_unit_id,
        period=report.period,
        status=report.status,
        status_label=report.get_status_display(),
        submitted_at=report.submitted_at,
        decided_at=report.decided_at,
        return_reason=report.return_reason,
    )


@router.post(
    "/data-values",
    response={201: DataValuesOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Nhập số liệu của một đơn vị, một kỳ (tất cả hoặc không gì)",
)
def post_data_values(request: HttpRequest, payload: DataValuesIn) -> Status[DataValuesOut]:
    unit = org_unit_get(user=request.user, pk=payload.org_unit, cap=Cap.REPORT_VIEW)
    form = selectors.form_get(code=payload.form) if payload.form else None
    result = services.data_values_save(
        actor=request.user, org_unit=unit, period=payload.period, values=payload.values, form=form
    )
    saved = {
        row.indicator.code: (_float(row.value) if row.value is not None else row.text_value or None)
        for row in result.saved
    }
    return Status(
        201,
        DataValuesOut(
            org_unit=unit.pk,
            period=periods.parse(payload.period).code,
            saved=saved,
            warnings=result.warnings,
        ),
    )


def _workflow(request: HttpRequest, org_unit: int, period: str, form: str) -> dict[str, Any]:
    return {
        "actor": request.user,
        "org_unit": org_unit_get(user=request.user, pk=org_unit, cap=Cap.REPORT_VIEW),
        "period": period,
        "form": selectors.form_get(code=form),
    }


_WORKFLOW_RESPONSES = {200: ReportOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


@router.post("/reports/{org_unit}/{period}/{form}/submit", response=_WORKFLOW_RESPONSES)
def submit(request: HttpRequest, org_unit: int, period: str, form: str) -> ReportOut:
    return _report_out(services.report_submit(**_workflow(request, org_unit, period, form)))


_APPROVE_DOC = {
    "responses": {
        "403": {
            "description": (
                "Không có quyền duyệt đơn vị này, hoặc (khi bật REPORT_APPROVER_MUST_DIFFER) "
                "người duyệt chính là người đã gửi báo cáo hay đã nhập số liệu của báo cáo: "
                "«detail» nói cán bộ nào cần duyệt thay."
            )
        },
        "409": {"description": "Báo cáo chưa gửi, đã duyệt hoặc đang bị trả lại."},
    }
}


@router.post(
    "/reports/{org_unit}/{period}/{form}/approve",
    response=_WORKFLOW_RESPONSES,
    openapi_extra=_APPROVE_DOC,
)
def approve(request: HttpRequest, org_unit: int, period: str, form: str) -> ReportOut:
    return _report_out(services.report_approve(**_workflow(request, org_unit, period, form)))


@router.post("/reports/{org_unit}/{period}/{form}/return", response=_WORKFLOW_RESPONSES)
def return_report(
    request: HttpRequest, org_unit: int, period: str, form: str, payload: ReturnIn
) -> ReportOut:
    return _report_out(
        services.report_return(**_workflow(request, org_unit, period, form), reason=payload.reason)
    )


@router.post("/reports/{org_unit}/{period}/{form}/unapprove", response=_WORKFLOW_RESPONSES)
def unapprove(request: HttpRequest, org_unit: int, period: str, form: str) -> ReportOut:
    return _report_out(services.report_unapprove(**_workflow(request, org_unit, period, form)))


@router.get("/forms", response=list[FormOut], summary="Biểu mẫu: mã, loại kỳ, mã chỉ tiêu")
def list_forms(request: HttpRequest) -> list[FormOut]:
    return [
        FormOut(
            code=f.code,
            name=f.name,
            period_type=f.period_type,
            indicators=selectors.form_indicator_codes(f),
        )
        for f in selectors.form_list()
    ]


@router.get("/analytics", response={200: AnalyticsOut, 400: ErrorOut, 404: ErrorOut})
def analytics(
    request: HttpRequest,
    indicator: str,
    org_unit: int,
    period: str,
    compare: str | None = None,
    organisation_kind: str | None = None,
) -> AnalyticsOut:
    with reads_from_replica():
        return _analytics(request.user, indicator, org_unit, period, compare, organisation_kind)


def _analytics(
    user: Any,
    indicator: str,
    org_unit: int,
    period: str,
    compare: str | None,
    organisation_kind: str | None,
) -> AnalyticsOut:
    unit = org_unit_get(user=user, pk=org_unit, cap=Cap.REPORT_VIEW)
    the_indicator = selectors.indicator_get(code=indicator)
    the_period = services.parse_period(period)
    value = aggregate([the_indicator], unit, the_period, organisation_kind=organisation_kind)[
        the_indicator.code
    ]
    out = AnalyticsOut(
        indicator=the_indicator.code,
        org_unit=unit.pk,
        period=the_period.code,
        period_label=the_period.label,
        value=_float(value),
    )
    if compare:
        try:
            other = compare_period(the_period, compare)
        except periods.PeriodError as exc:
            from django.core.exceptions import ValidationError

            raise ValidationError({"compare": str(exc)}) from exc
        other_value = aggregate([the_indicator], unit, other, organisation_kind=organisation_kind)[
            the_indicator.code
        ]
        out.compare = compare
        out.compare_period = other.code
        out.compare_value = _float(other_value)
        out.change_percent = periods.percent_change(_float(value), _float(other_value))
    return out
