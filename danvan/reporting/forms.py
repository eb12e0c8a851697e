"""What the reporting pages read from the request and show as forms: the page's choice
of form, unit and period; the entry sheet (a report form filled with one unit's own
figures); the attachment and return-reason forms.

``report_attachment_add`` and ``report_attachment_delete`` are writes and belong in
``services.py`` (another owner): they are here until they move, with the same habits
(keyword-only, atomic and audited through ``@service``, refusals in Vietnamese).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, QueryDict
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import can, require, scoped
from danvan.core import concurrency
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.org.selectors import org_unit_get
from danvan.reporting import analytics, selectors, services, sources
from danvan.reporting.completeness import is_active_during, reports_itself
from danvan.reporting.dashboard import DEFAULT_FORM, default_period, first_root, form_indicators
from danvan.reporting.models import (
    COUNTED,
    DataValue,
    FormSection,
    Indicator,
    Report,
    ReportForm,
    Status,
)

Number = Decimal | None
# --- the page's choice: form, unit, period ------------------------------------------------


@dataclass(frozen=True)
class Selection:
    form: ReportForm
    unit: OrgUnit
    period: periods.Period

    @property
    def query(self) -> str:
        return f"form={self.form.code}&unit={self.unit.pk}&period={self.period.code}"


def selection_from(params: QueryDict, *, user: Any) -> Selection:
    """Form, unit and period from the query string, each defaulting (see
    ``dashboard.default_period``); a unit outside the user's scope is a 404."""
    require(user, Cap.REPORT_VIEW, None)
    available = selectors.form_list()
    code = params.get("form") or DEFAULT_FORM
    form = next((f for f in available if f.code == code), None)
    if form is None and "form" not in params:
        form = available[0] if available else None
    if form is None:
        raise Http404(f"Không có biểu mẫu báo cáo mã «{code}».")
    unit_id = params.get("unit", "")
    if unit_id.isdigit():
        unit = org_unit_get(user=user, pk=int(unit_id), cap=Cap.REPORT_VIEW)
    else:
        root = first_root(user=user)
        if root is None:
            raise Http404("Bạn chưa được phân quyền xem báo cáo tại đơn vị nào.")
        unit = root
    try:
        period = periods.parse(params.get("period", ""))
    except periods.PeriodError:
        period = None
    if period is None or period.kind != form.period_type:
        period = default_period(user=user, form=form, root=unit)
    return Selection(form=form, unit=unit, period=period)


def entry_target(
    *, user: Any, unit_id: int, period_code: str, form_code: str
) -> tuple[ReportForm, OrgUnit, periods.Period]:
    """The (form, unit, period) of an entry URL: 403 without reporting rights anywhere,
    404 for a unit outside the scope, an unknown form or a period of the wrong kind."""
    require(user, Cap.REPORT_VIEW, None)
    unit = org_unit_get(user=user, pk=unit_id, cap=Cap.REPORT_VIEW)
    form = selectors.form_get(code=form_code)
    try:
        period = periods.parse(period_code)
    except periods.PeriodError as exc:
        raise Http404(str(exc)) from exc
    if period.kind != form.period_type:
        raise Http404(
            f"Biểu mẫu «{form.name}» báo cáo theo {periods.KIND_LABELS[form.period_type].lower()}"
            f", không theo kỳ «{period_code}»."
        )
    return form, unit, period


# --- what the entry page allows ----------------------------------------------------------


@dataclass(frozen=True)
class EntryState:
    """Who may do what on one report now, and why the figures are read-only if they are."""

    report: Report | None
    status: str
    editable: bool
    reason: str
    can_submit: bool
    can_approve: bool
    can_return: bool
    can_unapprove: bool
    opens: dt.date
    due: dt.date
    locks: dt.date


def _read_only_reason(
    *, user: Any, form: ReportForm, unit: OrgUnit, period: periods.Period, report: Report | None
) -> str:
    """Why the sheet cannot be typed into, said before anyone types (the services refuse
    the same cases; this is their explanation, at the top of the page)."""
    if not reports_itself(form, unit):
        return (
            f"«{unit.name}» không lập «{form.name}» của riêng mình: số liệu của đơn vị là "
            "tổng hợp từ các đơn vị trực thuộc (xem Tổng hợp số liệu)."
        )
    if not is_active_during(unit, period):
        since = f" từ {unit.valid_from:%d/%m/%Y}" if unit.valid_from else ""
        until = f" đến {unit.valid_to:%d/%m/%Y}" if unit.valid_to else ""
        return f"«{unit.name}» hoạt động{since}{until}: không nhận số liệu {period.label}."
    if report is not None and report.status == Status.APPROVED:
        when = timezone.localtime(report.decided_at) if report.decided_at else None
        at = f" ngày {when:%d/%m/%Y}" if when else ""
        return (
            f"Báo cáo đã được duyệt{at} nên bị khóa. Cấp duyệt có thể hủy duyệt và trả lại "
            "nếu cần sửa."
        )
    if report is not None and report.status == Status.SUBMITTED:
        when = timezone.localtime(report.submitted_at) if report.submitted_at else None
        at = f" lúc {when:%H:%M %d/%m/%Y}" if when else ""
        return (
            f"Báo cáo đã gửi{at}, đang chờ duyệt: không sửa được. Cấp duyệt có thể trả lại "
            "để đơn vị sửa."
        )
    if not can(user, Cap.REPORT_ENTER, unit):
        return "Bạn chỉ có quyền xem báo cáo của đơn vị này, không nhập hay sửa số liệu."
    return _window_reason(user=user, form=form, unit=unit, period=period)


def _window_reason(*, user: Any, form: ReportForm, unit: OrgUnit, period: periods.Period) -> str:
    """The input window of ``services._refuse_outside_window``: outside it only those who
    approve the unit (the leader above it, the board) may still write."""
    opens, _, locks = services.input_window(form, period)
    day = services.today()
    if opens <= day <= locks or can(user, Cap.REPORT_APPROVE, unit.parent or unit):
        return ""
    if day < opens:
        return (
            f"{period.label.capitalize()} chưa mở nhập: biểu «{form.name}» mở từ ngày "
            f"{opens:%d/%m/%Y}."
        )
    if day > locks:
        return (
            f"{period.label.capitalize()} đã khóa sổ từ ngày {locks:%d/%m/%Y}: chỉ cấp duyệt báo "
            "cáo của đơn vị mới sửa được số liệu."
        )
    return ""


def entry_state(
    *, user: Any, form: ReportForm, unit: OrgUnit, period: periods.Period, report: Report | None
) -> EntryState:
    status = report.status if report else Status.DRAFT
    reason = _read_only_reason(user=user, form=form, unit=unit, period=period, report=report)
    active = is_active_during(unit, period)
    deciding = can(user, Cap.REPORT_APPROVE, unit.parent or unit)
    opens, due, locks = services.input_window(form, period)
    return EntryState(
        report=report,
        status=status,
        editable=not reason,
        reason=reason,
        can_submit=active
        and reports_itself(form, unit)
        and status in (Status.DRAFT, Status.RETURNED)
        and can(user, Cap.REPORT_SUBMIT, unit),
        can_approve=deciding and status == Status.SUBMITTED,
        can_return=deciding and status in COUNTED,
        can_unapprove=deciding and status == Status.APPROVED,
        opens=opens,
        due=due,
        locks=locks,
    )


# --- the entry sheet ---------------------------------------------------------------------


@dataclass
class EntryField:
    indicator: Indicator
    value: Number = None
    text: str = ""
    problems: list[str] = field(default_factory=list)
    # Counted from a register's records (read-only, the number links to the list).
    source: sources.Figure | None = None

    @property
    def key(self) -> str:
        return f"v-{self.indicator.code}"


@dataclass
class EntrySection:
    section: FormSection
    fields: list[EntryField] = field(default_factory=list)
    computed: list[EntryField] = field(default_factory=list)
    narrative: str = ""
    # The token of the stored text the page was opened with (sent back by every save),
    # and, after a refused save, what the other person wrote and when.
    token: str = ""
    clash: concurrency.TextClash | None = None

    @property
    def key(self) -> str:
        return f"n-{self.section.code}"


def input_text(indicator: Indicator, value: Number) -> str:
    """How a stored number is typed back: no thousands dots (so it parses again), a
    decimal comma: 1234, 2811,7; Có/Không is 1/0."""
    if value is None:
        return ""
    return f"{value.normalize():f}".replace(".", ",")


def own_values(*, user: Any, unit: OrgUnit, period: periods.Period) -> dict[int, DataValue]:
    rows = scoped(DataValue.objects.all(), user, Cap.REPORT_VIEW).filter(
        org_unit=unit, period=period.code
    )
    return {row.indicator_id: row for row in rows}


def computed_for(indicators: Sequence[Indicator], values: dict[int, Number]) -> dict[str, Number]:
    """Each ratio recomputed from the unit's own counts (never stored)."""
    return {
        i.code: analytics.ratio(
            i, values.get(i.numerator_id or 0), values.get(i.denominator_id or 0)
        )
        for i in indicators
        if i.is_computed
    }


def report_for(
    *, user: Any, form: ReportForm, unit: OrgUnit, period: periods.Period
) -> Report | None:
    return (
        scoped(Report.objects.all(), user, Cap.REPORT_VIEW)
        .select_related("submitted_by", "decided_by")
        .filter(form=form, org_unit=unit, period=period.code)
        .first()
    )


def entry_sections(
    *,
    user: Any,
    form: ReportForm,
    unit: OrgUnit,
    period: periods.Period,
    report: Report | None,
) -> list[EntrySection]:
    """The form as the entry page shows it, filled with the unit's own figures, each
    figure with the rules it breaks now."""
    stored = own_values(user=user, unit=unit, period=period)
    numbers = {pk: row.value for pk, row in stored.items()}
    # A draft shows what the registers hold now; a sent report what was sent.
    sent = report is not None and report.status in (Status.SUBMITTED, Status.APPROVED)
    counted = sources.figures(form, unit, period.code)
    for pk, found in counted.items():
        if not sent:
            numbers[pk] = found.value
    problems: dict[int, list[str]] = {}
    blocking, warnings = services.check_rules(
        list(form.rules.select_related("left", "right")), numbers
    )
    for rule, detail in [*blocking, *warnings]:
        problems.setdefault(rule.left_id, []).append(detail)
    computed = [i for i in form_indicators(form) if i.is_computed]
    ratios = computed_for(computed, numbers)
    narrative = report.narrative if report else {}
    sections = []
    for section in form.sections.prefetch_related("formindicator_set__indicator"):
        text = str(narrative.get(section.code) or "")
        entry = EntrySection(section=section, narrative=text, token=concurrency.text_token(text))
        for link in section.formindicator_set.all():
            indicator = link.indicator
            row = stored.get(indicator.pk)
            figure = None if link.typed else counted.get(indicator.pk)
            value = row.value if row else None
            if figure is not None and not sent:
                value = figure.value
            entry.fields.append(
                EntryField(
                    indicator=indicator,
                    value=value,
                    text=(row.text_value if row else "")
                    if indicator.value_type == Indicator.ValueType.TEXT
                    else input_text(indicator, value),
                    problems=problems.get(indicator.pk, []),
                    source=figure,
                )
            )
        codes = {f.indicator.pk for f in entry.fields}
        entry.computed = [
            EntryField(indicator=i, value=ratios[i.code])
            for i in computed
            if i.denominator_id in codes
        ]
        sections.append(entry)
    return sections


def previous_narrative(
    *, user: Any, form: ReportForm, unit: OrgUnit, period: periods.Period
) -> dict[str, str]:
    """Last period's narrative sections that have text."""
    report = (
        scoped(Report.objects.all(), user, Cap.REPORT_VIEW)
        .filter(form=form, org_unit=unit, period=period.previous().code)
        .first()
    )
    return {k: v for k, v in (report.narrative if report else {}).items() if v}


# --- attachments ------------------------------------------------------------------------


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="Tệp đính kèm",
        help_text="Tối đa 10 MB mỗi tệp: PDF, Word, Excel, OpenDocument, ảnh PNG hoặc JPEG.",
        error_messages={
            "required": "Chọn một tệp để tải lên.",
            "empty": "Tệp rỗng, không có nội dung.",
            "invalid": "Không đọc được tệp tải lên; thử lại.",
        },
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        services.check_attachment_size(upload)
        return upload


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="Lý do trả lại",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Cần ghi lý do trả lại để đơn vị biết phải sửa gì."},
    )
