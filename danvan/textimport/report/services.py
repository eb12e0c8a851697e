"""Writes of «Nhập báo cáo đơn vị»: propose (only the import is written), accept (the
narrative sections and figures go into the unit's draft report for the form and period,
all or nothing, through reporting's own services and their checks), discard.

Accepting goes through ``report_save_narrative`` and ``data_values_save``: the report is
row-locked and refused there when it is sent or approved, when the entry window is
closed, when a figure breaks a blocking rule. A figure the form counts from a register is
not written (noted); a section someone typed in the report meanwhile is kept unless the
person ticked «thay thế»."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.access.scope import require
from danvan.core import concurrency
from danvan.core.audit import service
from danvan.lib import periods
from danvan.org.models import OrgUnit
from danvan.reporting import services as reporting
from danvan.reporting import sources
from danvan.reporting.models import Indicator, Report, ReportForm
from danvan.textimport import report as reader
from danvan.textimport.models import ReportImport
from danvan.textimport.report import selectors
from danvan.textimport.report.selectors import CAP


@dataclass(frozen=True)
class Created:
    item: ReportImport
    new: bool


def digest_of(text: str) -> str:
    """The same words are the same report: a copy saved again (Word rewrites the file's
    dates and ZIP) or renamed is the same import."""
    flat = " ".join(text.split())
    return hashlib.sha256(flat.encode("utf-8")).hexdigest()


def _period(code: str, field_name: str = "period") -> periods.Period:
    try:
        return periods.parse(code.strip())
    except periods.PeriodError as error:
        raise ValidationError({field_name: str(error)}) from error


@service
def report_import_create(
    *,
    actor: Any,
    data: bytes,
    file_name: str,
    org_unit: OrgUnit,
    period: str = "",
    form: ReportForm | None = None,
) -> Created:
    """Read ``data`` (a .docx) as ``org_unit``'s report; the same file again gives back
    its first import and proposes nothing new."""
    require(actor, CAP, org_unit)
    name = (file_name or "tệp").replace("\\", "/").rsplit("/", 1)[-1][:255]
    head = reader.peek(data, name=name)  # refuses a bad file before anything else
    digest = digest_of(head["text"])
    existing = ReportImport.all_objects.filter(digest=digest).first()
    if existing is not None:
        return Created(existing, False)
    code = (period or "").strip() or head["period"] or ""
    if not code:
        raise ValidationError(
            {"period": f"Không thấy kỳ báo cáo trong tiêu đề của «{name}»: hãy nhập kỳ."}
        )
    the_period = _period(code)
    if form is None:
        form = selectors.form_for(org_unit, the_period.kind)
    if form is None:
        raise ValidationError(
            {"form": f"Không có biểu mẫu báo cáo {the_period.label} cho «{org_unit.name}»."}
        )
    if form.period_type != the_period.kind:
        raise ValidationError(
            {"form": f"Biểu mẫu «{form.name}» không báo cáo theo kỳ {the_period.label}."}
        )
    proposal = reader.read_for_form(data, form, name=name)
    text = proposal.pop("text")
    item = ReportImport(
        file_name=name,
        digest=digest,
        text=text,
        proposal=proposal,
        org_unit=org_unit,
        period=the_period.code,
        form=form,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    item.full_clean(exclude=["digest", "proposal", "created_by"])
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        # The same file brought in at the same moment: theirs is the import.
        return Created(ReportImport.all_objects.get(digest=digest), False)
    return Created(item, True)


@dataclass
class Accepted:
    report: Report
    sections: list[str] = field(default_factory=list)  # titles written
    kept: list[str] = field(default_factory=list)  # titles typed meanwhile, left as they are
    figures: int = 0
    skipped: list[str] = field(default_factory=list)  # register-counted, not written
    warnings: list[str] = field(default_factory=list)


def _check_open(item: ReportImport, version: int | None) -> None:
    concurrency.check_version(item, version)
    if item.status != ReportImport.Status.PROPOSED:
        raise ValidationError(
            {
                "status": f"Báo cáo nhập đang «{item.get_status_display()}»: "
                "không chấp nhận được nữa."
            }
        )


def registered(form: ReportForm, unit: OrgUnit, period: str, codes: list[str]) -> set[str]:
    """Those of ``codes`` the form counts from a register for this unit and period."""
    the_period = periods.parse(period)
    return {
        i.code
        for i in Indicator.objects.filter(code__in=codes)
        if sources.refused([i], [form], unit, the_period) is not None
    }


def typed_meanwhile(report: Report | None, proposed: dict[str, str]) -> dict[str, str]:
    """Sections the report already holds a text for, other than the one proposed."""
    stored = (report.narrative or {}) if report is not None else {}
    return {
        code: str(stored[code])
        for code, text in proposed.items()
        if str(stored.get(code) or "").strip() and str(stored[code]).strip() != text.strip()
    }


def _refuse_lost_sections(
    item: ReportImport, form: ReportForm, narrative: dict[str, str], titles: dict[str, str]
) -> None:
    """A text read for a section the chosen form does not have would be dropped without a
    word: refuse, naming it, so the person empties it or keeps the form it was read for."""
    read_for = {s["code"]: s["title"] for s in item.proposal.get("sections") or []}
    lost = [
        read_for.get(code, code)
        for code, text in narrative.items()
        if text.strip() and code not in titles
    ]
    if lost:
        names = ", ".join(f"«{t}»" for t in lost)
        raise ValidationError(
            {
                "form": f"Biểu mẫu «{form.name}» không có mục {names}: xóa trắng mục đó "
                "hoặc giữ biểu mẫu đã đọc văn bản."
            }
        )


@service
def report_import_accept(
    *,
    actor: Any,
    item: ReportImport,
    version: int | None,
    form: ReportForm,
    period: str,
    narrative: dict[str, str],
    figures: dict[str, Decimal],
    replace: set[str] | frozenset[str] = frozenset(),
) -> Accepted:
    concurrency.lock(item)
    _check_open(item, version)
    unit = item.org_unit
    require(actor, CAP, unit)
    the_period = _period(period)
    if form.period_type != the_period.kind:
        raise ValidationError(
            {"form": f"Biểu mẫu «{form.name}» không báo cáo theo kỳ {the_period.label}."}
        )
    # Reporting's own checks, under the report's row lock: the right to enter, the unit's
    # validity, the input window, a report not yet sent or approved.
    report = reporting.report_save_narrative(
        actor=actor, form=form, org_unit=unit, period=the_period.code, narrative={}
    )
    titles = dict(form.sections.filter(is_narrative=True).values_list("code", "title"))
    _refuse_lost_sections(item, form, narrative, titles)
    wanted = {c: t.strip() for c, t in narrative.items() if c in titles and t.strip()}
    kept = {c: t for c, t in typed_meanwhile(report, wanted).items() if c not in replace}
    to_write = {c: t for c, t in wanted.items() if c not in kept}
    skipped = registered(form, unit, the_period.code, list(figures))
    values = {c: v for c, v in figures.items() if c not in skipped}
    if not to_write and not values:
        raise ValidationError({"__all__": "Không có mục lời văn hay số liệu nào để ghi."})
    accepted = Accepted(report=report)
    if values:
        saved = reporting.data_values_save(
            actor=actor, org_unit=unit, period=the_period.code, values=values, form=form
        )
        accepted.figures, accepted.warnings = len(saved.saved), saved.warnings
    if to_write:
        report = reporting.report_save_narrative(
            actor=actor, form=form, org_unit=unit, period=the_period.code, narrative=to_write
        )
    names = dict(Indicator.objects.filter(code__in=skipped).values_list("code", "name"))
    accepted.report = report
    accepted.sections = [titles[c] for c in to_write]
    accepted.kept = [titles[c] for c in kept]
    accepted.skipped = [names[c] for c in sorted(skipped)]
    item.status = ReportImport.Status.ACCEPTED
    item.form, item.period, item.report = form, the_period.code, report
    item.decided_by = actor if getattr(actor, "pk", None) else None
    item.decided_at = timezone.now()
    item.note = _note(accepted)[:500]
    concurrency.bump(item, "status", "form", "period", "report", "decided_by", "decided_at", "note")
    return accepted


def _note(accepted: Accepted) -> str:
    parts = []
    if accepted.kept:
        parts.append("Giữ nguyên mục đã nhập trước: " + "; ".join(accepted.kept))
    if accepted.skipped:
        parts.append("Không ghi số liệu tính từ sổ theo dõi: " + "; ".join(accepted.skipped))
    return ". ".join(parts)


@service
def report_import_discard(
    *, actor: Any, item: ReportImport, version: int | None, note: str = ""
) -> ReportImport:
    concurrency.lock(item)
    require(actor, CAP, item.org_unit)
    _check_open(item, version)
    item.status = ReportImport.Status.DISCARDED
    item.note = (note or "").replace("\x00", "").strip()[:500]
    item.decided_by = actor if getattr(actor, "pk", None) else None
    item.decided_at = timezone.now()
    concurrency.bump(item, "status", "note", "decided_by", "decided_at")
    return item
