"""Writes of periodic reporting: figures, narrative, and the report workflow.

Every write is atomic (a batch of figures lands whole or not at all), audited, and
checked against the access scope; refusals name the field in Vietnamese. The caller
learns the HTTP-ish kind of a refusal from the exception class: ValidationError (400),
PermissionDenied (403), ReportLocked (409).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.core import concurrency, uploads
from danvan.core.audit import service
from danvan.lib import periods
from danvan.lib.numbers import format_number, parse_number
from danvan.notifications import services as notify
from danvan.org.models import OrgUnit
from danvan.reporting import sources
from danvan.reporting.duties import refuse_own_report
from danvan.reporting.models import (
    COUNTED,
    DataValue,
    Indicator,
    Report,
    ReportAttachment,
    ReportForm,
    Status,
    ValidationRule,
)
from danvan.reporting.status_log import values_status_set

_MAX = Decimal("1e15")


class ReportLocked(Exception):
    """The figures are approved (or the input window closed): change refused, 409."""


@dataclass
class SaveResult:
    saved: list[DataValue]
    warnings: list[str] = field(default_factory=list)


def parse_period(code: str, field_name: str = "period") -> periods.Period:
    try:
        return periods.parse(code)
    except periods.PeriodError as exc:
        raise ValidationError({field_name: str(exc)}) from exc


def _refuse_outside_validity(unit: OrgUnit, period: periods.Period) -> None:
    if unit.valid_to and period.start > unit.valid_to:
        raise ValidationError(
            {
                "org_unit": (
                    f"«{unit.name}» đã ngừng hoạt động từ sau {unit.valid_to:%d/%m/%Y}: "
                    f"không nhận số liệu {period.label}."
                )
            }
        )
    if unit.valid_from and period.end < unit.valid_from:
        raise ValidationError(
            {
                "org_unit": (
                    f"«{unit.name}» bắt đầu hoạt động từ {unit.valid_from:%d/%m/%Y}: không nhận số "
                    f"liệu {period.label}."
                )
            }
        )


def _to_number(indicator: Indicator, raw: Any, where: str) -> Decimal | None:
    if raw is None or raw == "":
        return None
    if indicator.value_type == Indicator.ValueType.BOOLEAN:
        if raw in (True, 1, "1", "true", "có", "Có"):
            return Decimal(1)
        if raw in (False, 0, "0", "false", "không", "Không"):
            return Decimal(0)
        raise ValidationError({where: f"«{indicator.name}» chỉ nhận Có hoặc Không."})
    try:
        number = parse_number(raw)
    except ValueError as exc:
        raise ValidationError({where: f"«{indicator.name}»: «{raw}» không phải là số."}) from exc
    if not number.is_finite() or abs(number) >= _MAX:
        raise ValidationError({where: f"«{indicator.name}»: giá trị «{raw}» quá lớn."})
    if indicator.value_type == Indicator.ValueType.INTEGER and number != number.to_integral():
        raise ValidationError({where: f"«{indicator.name}» phải là số nguyên, không phải «{raw}»."})
    if number < 0:
        raise ValidationError({where: f"«{indicator.name}» không được âm ({raw})."})
    return number


def check_rules(
    rules: list[ValidationRule], values: dict[int, Decimal | None]
) -> tuple[list[tuple[ValidationRule, str]], list[tuple[ValidationRule, str]]]:
    """(blocking, warnings) violated by ``values`` (indicator id → number). A rule whose
    sides are not both known yet is not judged."""
    blocking: list[tuple[ValidationRule, str]] = []
    warnings: list[tuple[ValidationRule, str]] = []
    for rule in rules:
        left = values.get(rule.left_id)
        right = values.get(rule.right_id) if rule.right_id else rule.constant
        if left is None or right is None:
            continue
        ok = {"<=": left <= right, "==": left == right, ">=": left >= right}[rule.operator]
        if not ok:
            detail = (
                f"{rule.message} ({left.normalize():f} {rule.get_operator_display()} "
                f"{Decimal(right).normalize():f} không đúng)"
            )
            (blocking if rule.severity == ValidationRule.Severity.BLOCKING else warnings).append(
                (rule, detail)
            )
    return blocking, warnings


def _lock_reports(unit: OrgUnit, period: periods.Period, forms: list[ReportForm]) -> list[Report]:
    """The unit's reports of ``forms`` (those of the period's kind) for ``period``, each
    row-locked for the rest of the transaction and created as a draft where missing.

    Every write of figures takes these locks before it looks at a report's state or at
    the stored figures, and the workflow takes the same lock, so a save and a submit
    never interleave: the save sees the report sent (and is refused), or the submit sees
    the saved figure (and carries it up). Locks go in form order, so two writers never
    wait on each other in a circle."""
    kind = [f for f in forms if f.period_type == period.kind]
    if not kind:
        # No report can carry these figures; still, writers of the unit and period queue
        # up so the rules are judged against what the previous one stored.
        OrgUnit.objects.select_for_update().filter(pk=unit.pk).first()
        return []
    return [_report(form, unit, period) for form in sorted(kind, key=lambda f: f.pk)]


def _refuse_if_sent(reports: list[Report], unit: OrgUnit, period: periods.Period) -> None:
    for report in reports:
        if report.status in COUNTED:
            state = (
                "đã được duyệt" if report.status == Status.APPROVED else "đã gửi, đang chờ duyệt"
            )
            raise ReportLocked(
                f"Báo cáo «{report.form.name}» {period.label} của «{unit.name}» {state} "
                "nên số liệu bị khóa; cấp trên cần trả lại báo cáo trước khi sửa."
            )


def input_window(form: ReportForm, period: periods.Period) -> tuple[dt.date, dt.date, dt.date]:
    """(opens, due, locks) for ``form`` and ``period``, from the end of its window."""
    end = period.window(form.cutoff)[1]
    due = end + dt.timedelta(days=form.due_days)
    return end + dt.timedelta(days=form.opens_days), due, due + dt.timedelta(days=form.lock_days)


def today() -> dt.date:
    """The date input windows are judged on (one place, so tests can set the clock)."""
    return timezone.localdate()


def _may_approve(actor: Any, unit: OrgUnit) -> bool:
    return can(actor, Cap.REPORT_APPROVE, unit.parent if unit.parent is not None else unit)


def _refuse_outside_window(
    actor: Any, unit: OrgUnit, period: periods.Period, forms: list[ReportForm]
) -> None:
    """Each form of this period type is open for input from its opening day to its lock
    day. Outside that window only those who approve the unit (the leader above it, the
    board) may still write: late corrections go through them, not around them."""
    day = today()
    for form in forms:
        if form.period_type != period.kind:
            continue
        opens, _, locks = input_window(form, period)
        if opens <= day <= locks or _may_approve(actor, unit):
            continue
        if day < opens:
            raise ReportLocked(
                f"Biểu «{form.name}» {period.label} mở nhập từ ngày {opens:%d/%m/%Y}."
            )
        raise ReportLocked(
            f"Biểu «{form.name}» {period.label} đã khóa nhập từ ngày {locks:%d/%m/%Y}; "
            "chỉ cấp duyệt báo cáo mới sửa được."
        )


@service
def data_values_save(
    *,
    actor: Any,
    org_unit: OrgUnit,
    period: str,
    values: dict[str, Any],
    form: ReportForm | None = None,
    before_register: bool = False,
) -> SaveResult:
    """Store figures for one unit and period: all of them, or none (with the reason).

    ``before_register``: figures of a time before a register was kept (the demo's closed
    units, an old workbook brought in) are stored as typed even where an indicator now
    comes from a register; no page or API passes it."""
    require(actor, Cap.REPORT_ENTER, org_unit)
    the_period = parse_period(period)
    _refuse_outside_validity(org_unit, the_period)
    if not values:
        raise ValidationError({"values": "Không có số liệu nào để lưu."})
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=list(values))}
    unknown = sorted(set(values) - set(indicators))
    if unknown:
        raise ValidationError(
            {f"values.{unknown[0]}": f"Không có chỉ tiêu mã «{', '.join(unknown)}»."}
        )
    for code, indicator in indicators.items():
        if indicator.is_computed:
            raise ValidationError(
                {
                    f"values.{code}": (
                        f"«{indicator.name}» được tính từ hai chỉ tiêu khác, không nhập trực tiếp."
                    )
                }
            )
        if form is not None and not form.sections.filter(indicators=indicator).exists():
            raise ValidationError(
                {f"values.{code}": f"«{indicator.name}» không có trong biểu mẫu «{form.name}»."}
            )
    numbers: dict[int, Decimal | None] = {}
    texts: dict[int, str] = {}
    for code, raw in values.items():
        indicator = indicators[code]
        if indicator.value_type == Indicator.ValueType.TEXT:
            texts[indicator.pk] = "" if raw is None else str(raw).strip()
        else:
            numbers[indicator.pk] = _to_number(indicator, raw, f"values.{code}")
    carrying = list(
        ReportForm.objects.filter(sections__indicators__in=list(indicators.values())).distinct()
    )
    forms = [form] if form is not None else carrying
    from_register = (
        None
        if before_register
        else sources.refused(indicators.values(), forms, org_unit, the_period)
    )
    if from_register is not None:
        raise ValidationError({f"values.{from_register.code}": sources.message(from_register)})
    _refuse_outside_window(actor, org_unit, the_period, forms)
    # From here on the reports are locked: their state and the stored figures are what
    # the next writer will see too.
    _refuse_if_sent(_lock_reports(org_unit, the_period, carrying), org_unit, the_period)
    stored = {
        row.indicator_id: row
        for row in DataValue.objects.filter(org_unit=org_unit, period=the_period.code)
    }
    # Rules see the new figures together with what is already stored for the period.
    known = {pk: row.value for pk, row in stored.items()}
    known.update(numbers)
    rules = list(ValidationRule.objects.filter(form__in=forms).select_related("left", "right"))
    relevant = [r for r in rules if r.left_id in numbers or r.right_id in numbers]
    blocking, warnings = check_rules(relevant, known)
    if blocking:
        rule, detail = blocking[0]
        raise ValidationError({f"values.{rule.left.code}": detail})
    saved = []
    for indicator in indicators.values():
        new_value = numbers.get(indicator.pk)
        new_text = texts.get(indicator.pk, "")
        row = stored.get(indicator.pk)
        if row is None:
            row = DataValue.objects.create(
                indicator=indicator,
                org_unit=org_unit,
                period=the_period.code,
                period_start=the_period.start,
                period_end=the_period.end,
                period_span=the_period.months,
                value=new_value,
                text_value=new_text,
                updated_by=_user(actor),
            )
        elif row.value != new_value or row.text_value != new_text:
            # Only the figure itself: its status belongs to the report's workflow.
            row.value, row.text_value = new_value, new_text
            row.updated_by = _user(actor)
            row.save(update_fields=["value", "text_value", "updated_by", "updated_at"])
        row.indicator = indicator
        saved.append(row)
    return SaveResult(saved=saved, warnings=[detail for _, detail in warnings])


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _report(form: ReportForm, unit: OrgUnit, period: periods.Period) -> Report:
    report, _ = Report.objects.select_for_update().get_or_create(
        form=form, org_unit=unit, period=period.code
    )
    return report


def _form_values(report: Report) -> Any:
    return DataValue.objects.filter(
        org_unit=report.org_unit,
        period=report.period,
        indicator__in=Indicator.objects.filter(sections__form=report.form),
    )


def _set_values_status(report: Report, status: str) -> None:
    # The report's state carried to its figures, so aggregates count what was sent up;
    # each figure's change is audited too (one bulk insert, not one save per figure).
    values_status_set(_form_values(report), status)


@service
def report_save_narrative(
    *,
    actor: Any,
    form: ReportForm,
    org_unit: OrgUnit,
    period: str,
    narrative: dict[str, str],
    tokens: dict[str, str] | None = None,
) -> Report:
    """Save narrative sections (code → text). ``tokens`` (code → ``text_token`` of the text
    the user started from) guard each section on its own: a section someone else changed
    meanwhile refuses the call (``StaleText``, nothing saved); other sections never do."""
    require(actor, Cap.REPORT_ENTER, org_unit)
    the_period = parse_period(period)
    _refuse_outside_validity(org_unit, the_period)
    _refuse_outside_window(actor, org_unit, the_period, [form])
    report = _report(form, org_unit, the_period)
    if report.status in COUNTED:
        state = "đã được duyệt" if report.is_locked else "đã gửi, đang chờ duyệt"
        raise ReportLocked(f"Báo cáo {state} nên bị khóa; cấp trên cần trả lại trước khi sửa.")
    titles = dict(form.sections.filter(is_narrative=True).values_list("code", "title"))
    unknown = sorted(set(narrative) - set(titles))
    if unknown:
        raise ValidationError({"narrative": f"Biểu mẫu không có mục «{unknown[0]}»."})
    # Checked and merged against what is stored under the row lock: saving one section
    # never puts back an older text of another section someone saved meanwhile, and a
    # section changed by someone since this user opened it is refused, not overwritten.
    stored = dict(report.narrative or {})
    clashes = [
        concurrency.TextClash(code, titles[code], str(stored.get(code) or ""))
        for code, text in narrative.items()
        if concurrency.text_moved(stored.get(code), (tokens or {}).get(code), text)
    ]
    if clashes:
        who, when = concurrency.last_edit(report)
        raise concurrency.StaleText(clashes=clashes, who=who, when=when)
    merged = {**stored, **{k: (v or "").strip() for k, v in narrative.items()}}
    if merged != stored:
        report.narrative = merged
        concurrency.bump(report, "narrative")
    # Documents the narrative cites ("Kế hoạch số 138-KH/QU...") link to the register.
    from danvan.documents.services import citations_link

    text = "\n\n".join(str(part) for part in report.narrative.values() if part)
    citations_link(actor=actor, text=text, holder=org_unit, report=report)
    return report


@service
def report_submit(*, actor: Any, form: ReportForm, org_unit: OrgUnit, period: str) -> Report:
    require(actor, Cap.REPORT_SUBMIT, org_unit)
    the_period = parse_period(period)
    _refuse_outside_validity(org_unit, the_period)
    report = _report(form, org_unit, the_period)
    if report.status == Status.APPROVED:
        raise ReportLocked("Báo cáo đã được duyệt, không gửi lại được.")
    if report.status == Status.SUBMITTED:
        raise ReportLocked("Báo cáo đã được gửi và đang chờ duyệt.")
    # Under the report's lock: what is sent is what the registers hold now.
    sources.refresh(report=report)
    values = dict(_form_values(report).values_list("indicator_id", "value"))
    rules = list(form.rules.select_related("left", "right"))
    blocking, _ = check_rules(rules, values)
    if blocking:
        rule, detail = blocking[0]
        raise ValidationError({f"values.{rule.left.code}": detail})
    report.status = Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = _user(actor)
    report.return_reason = ""
    report.save(
        update_fields=["status", "submitted_at", "submitted_by", "return_reason", "updated_at"]
    )
    _set_values_status(report, Status.SUBMITTED)
    notify.report_submitted_notify(actor=actor, report=report)
    return report


def _report_to_decide(form: ReportForm, unit: OrgUnit, period: str) -> Report | None:
    """The report an approver acts on, locked for the rest of the transaction."""
    return (
        Report.objects.select_for_update()
        .filter(form=form, org_unit=unit, period=parse_period(period).code)
        .first()
    )


def _decide(report: Report, status: str, *, actor: Any, figures: str) -> Report:
    """Record an approver's decision and carry the report's state to its figures."""
    report.status = status
    report.decided_at = timezone.now()
    report.decided_by = _user(actor)
    report.save(update_fields=["status", "decided_at", "decided_by", "return_reason", "updated_at"])
    _set_values_status(report, figures)
    return report


def _approver_scope(actor: Any, unit: OrgUnit) -> None:
    """The parent unit's leader or board staff above it approves (not the unit itself)."""
    if unit.parent is None:
        require(actor, Cap.REPORT_APPROVE, unit)
    else:
        require(actor, Cap.REPORT_APPROVE, unit.parent)


@service
def report_approve(*, actor: Any, form: ReportForm, org_unit: OrgUnit, period: str) -> Report:
    _approver_scope(actor, org_unit)
    report = _report_to_decide(form, org_unit, period)
    if report is None or report.status != Status.SUBMITTED:
        state = report.get_status_display().lower() if report else "chưa có"
        raise ReportLocked(f"Chỉ duyệt được báo cáo đã gửi; báo cáo này {state}.")
    refuse_own_report(actor, report)
    _decide(report, Status.APPROVED, actor=actor, figures=Status.APPROVED)
    notify.report_approved_notify(actor=actor, report=report)
    return report


@service
def report_return(
    *, actor: Any, form: ReportForm, org_unit: OrgUnit, period: str, reason: str
) -> Report:
    _approver_scope(actor, org_unit)
    if not (reason or "").strip():
        raise ValidationError({"reason": "Cần ghi lý do trả lại để đơn vị biết phải sửa gì."})
    report = _report_to_decide(form, org_unit, period)
    if report is None or report.status not in COUNTED:
        raise ReportLocked("Chỉ trả lại được báo cáo đã gửi hoặc đã duyệt.")
    report.return_reason = reason.strip()
    _decide(report, Status.RETURNED, actor=actor, figures=Status.DRAFT)
    notify.report_returned_notify(actor=actor, report=report)
    return report


@service
def report_unapprove(*, actor: Any, form: ReportForm, org_unit: OrgUnit, period: str) -> Report:
    """Undo an approval (a mistake found later): back to submitted, figures editable again
    after the unit is returned the report."""
    _approver_scope(actor, org_unit)
    report = _report_to_decide(form, org_unit, period)
    if report is None or report.status != Status.APPROVED:
        raise ReportLocked("Báo cáo chưa được duyệt nên không có gì để hủy duyệt.")
    return _decide(report, Status.SUBMITTED, actor=actor, figures=Status.SUBMITTED)


MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def _size(n: int) -> str:
    return format_number(Decimal(n) / (1024 * 1024), 1) + " MB"


def check_attachment_size(upload: UploadedFile) -> None:
    if (upload.size or 0) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            f"Tệp «{upload.name}» nặng {_size(upload.size or 0)}, vượt giới hạn 10 MB."
        )


@service
def report_attachment_add(
    *, actor: Any, form: ReportForm, org_unit: OrgUnit, period: str, upload: UploadedFile
) -> ReportAttachment:
    # The narrative service with nothing to change opens the report the file hangs on,
    # with its checks: the right to enter, the unit's validity, a report not yet sent.
    report = report_save_narrative(
        actor=actor, form=form, org_unit=org_unit, period=period, narrative={}
    )
    name = uploads.upload_name(upload)[:255]
    try:
        check_attachment_size(upload)
        # By content, like every other upload: a renamed program is no attachment.
        uploads.checked_kind(upload, name=name, accepted=uploads.DOCUMENT_KINDS)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    attachment = ReportAttachment(
        report=report, file=upload, name=name, uploaded_by=actor if actor.pk else None
    )
    attachment.save()
    return attachment


@service
def report_attachment_delete(*, actor: Any, attachment: ReportAttachment) -> None:
    report = Report.objects.select_for_update().get(pk=attachment.report_id)
    require(actor, Cap.REPORT_ENTER, report.org_unit)
    if report.status in COUNTED:
        raise ReportLocked(
            f"Báo cáo {report.get_status_display().lower()} nên không xóa được tệp đính kèm."
        )
    stored = attachment.file.name or ""
    storage = attachment.file.storage
    attachment.delete()
    if stored:
        # The file goes only once the row is gone for good.
        transaction.on_commit(lambda: storage.delete(stored))
