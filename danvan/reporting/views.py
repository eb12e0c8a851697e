"""Pages of periodic reporting: the report list with completeness and timeliness, the
entry page (saves each figure as it is typed), the workflow buttons, attachments, and the
dashboard with its XLSX export. Views parse the request, call one service or selector,
and render; refusals come back as messages or an inline status, never as a stack trace."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.audit.selectors import history_for
from danvan.core.concurrency import StaleText, text_token
from danvan.core.dbrouter import replica_reads
from danvan.core.exports import wants_xlsx
from danvan.core.http import AppRequest
from danvan.lib import periods
from danvan.reporting import completeness, dashboard, forms, selectors, services
from danvan.reporting.duties import ApproverMustDiffer
from danvan.reporting.exports import reports_xlsx
from danvan.reporting.models import ReportForm
from danvan.reporting.services import ReportLocked

PAGE_SIZE = 25


def _choices(request: AppRequest, selection: forms.Selection) -> dict[str, Any]:
    return {
        "selection": selection,
        "form_choices": selectors.form_list(),
        "period_choices": dashboard.period_choices(selection.form, selection.period),
        "unit_choices": dashboard.unit_choices(user=request.user, unit=selection.unit),
    }


@login_required
def report_home(request: AppRequest) -> HttpResponse:
    """Báo cáo: who of the subtree has sent the form for the period, in time or not."""
    selection = forms.selection_from(request.GET, user=request.user)
    status = completeness.completeness(
        user=request.user, form=selection.form, root=selection.unit, period=selection.period
    )
    only_missing = request.GET.get("chua_gui") == "1"
    rows = [row for row in status.rows if not (only_missing and row.is_submitted)]
    if wants_xlsx(request):
        shown = [
            ("Mẫu", selection.form.name),
            ("Kỳ", selection.period.label),
            ("Đơn vị", selection.unit.name),
            ("Chỉ đơn vị chưa gửi", "có" if only_missing else ""),
        ]
        title = f"Tình hình gửi báo cáo — {selection.period.label}"
        return reports_xlsx(rows, title=title, filters=shown)
    return render(
        request,
        "reporting/home.html",
        {
            **_choices(request, selection),
            "completeness": status,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "own_report": completeness.reports_itself(selection.form, selection.unit),
            "only_missing": only_missing,
        },
    )


# --- entry ------------------------------------------------------------------------------


def _entry_url(form: ReportForm, unit_id: int, period: periods.Period) -> str:
    return reverse("reporting:entry", args=[unit_id, period.code, form.code])


def _entry_context(request: AppRequest, unit_id: int, period: str, form_code: str) -> Any:
    form, unit, the_period = forms.entry_target(
        user=request.user, unit_id=unit_id, period_code=period, form_code=form_code
    )
    report = forms.report_for(user=request.user, form=form, unit=unit, period=the_period)
    return {
        "form": form,
        "unit": unit,
        "period": the_period,
        "state": forms.entry_state(
            user=request.user, form=form, unit=unit, period=the_period, report=report
        ),
        "sections": forms.entry_sections(
            user=request.user, form=form, unit=unit, period=the_period, report=report
        ),
        "attachments": list(report.attachments.all()) if report else [],
        "history": history_for(report) if report else [],
        "has_previous": bool(
            forms.previous_narrative(user=request.user, form=form, unit=unit, period=the_period)
        ),
        "attachment_form": forms.AttachmentForm(),
        "return_form": forms.ReturnForm(),
        "list_url": f"{reverse('reporting:home')}?form={form.code}&period={the_period.code}"
        f"&unit={_list_unit_id(request, unit)}",
    }


def _list_unit_id(request: AppRequest, unit: Any) -> int:
    """The report list that shows this unit among its siblings, when the user sees them."""
    parent = unit.parent
    return parent.pk if parent and can(request.user, Cap.REPORT_VIEW, parent) else unit.pk


@login_required
def entry(request: AppRequest, unit_id: int, period: str, form_code: str) -> HttpResponse:
    """Nhập báo cáo. Each field saves itself through ``entry_save`` (htmx); a POST here is
    the whole sheet at once, for browsers without JavaScript."""
    context = _entry_context(request, unit_id, period, form_code)
    if request.method == "POST":
        if not context["state"].editable:
            messages.error(request, context["state"].reason)
        elif _save_sheet(request, context):
            return redirect(_entry_url(context["form"], unit_id, context["period"]))
        return render(request, "reporting/entry.html", context, status=400)
    return render(request, "reporting/entry.html", context)


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").strip()


def _save_sheet(request: AppRequest, context: dict[str, Any]) -> bool:
    """Store what the user changed on the sheet: figures all or none, then the narrative.

    "Changed" is against what the sheet showed when it was opened (``o-`` fields), not
    against what is stored now: a field someone else saved meanwhile and this user left
    alone keeps the other person's value."""
    current: dict[str, str] = {}
    for section in context["sections"]:
        current[section.key] = section.narrative
        current.update({f.key: f.text for f in section.fields})
    changed = {
        key: _lines(request.POST[key])
        for key in current
        if key in request.POST
        and _lines(request.POST[key]) != _lines(request.POST.get(f"o-{key}", current[key]))
    }
    target: dict[str, Any] = {
        "actor": request.user,
        "org_unit": context["unit"],
        "period": context["period"].code,
    }
    values = {key[2:]: raw for key, raw in changed.items() if key.startswith("v-")}
    narrative = {key[2:]: raw for key, raw in changed.items() if key.startswith("n-")}
    tokens = {code: request.POST.get(f"t-n-{code}", "") for code in narrative}
    try:
        if values:
            result = services.data_values_save(**target, values=values, form=context["form"])
            for warning in result.warnings:
                messages.warning(request, warning)
        if narrative:
            services.report_save_narrative(
                **target, form=context["form"], narrative=narrative, tokens=tokens
            )
    except (ValidationError, ReportLocked) as error:
        messages.error(request, _message(error))
        clashes = error.by_key() if isinstance(error, StaleText) else {}
        if clashes and values:
            messages.info(request, "Các số liệu đã được lưu; chỉ phần lời văn chưa lưu.")
        for section in context["sections"]:
            section.narrative = changed.get(section.key, section.narrative)
            if section.section.code in clashes:
                # The other person's text is shown; a second «Lưu» is a deliberate choice.
                section.clash = clashes[section.section.code]
                section.token = section.clash.token
            elif section.key in changed:
                section.token = tokens.get(section.section.code) or section.token
            for f in section.fields:
                f.text = changed.get(f.key, f.text)
        return False
    messages.success(request, "Đã lưu." if changed else "Không có gì thay đổi.")
    return True


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


@login_required
@require_POST
def entry_save(request: AppRequest, unit_id: int, period: str, form_code: str) -> HttpResponse:
    """Autosave of one field (``v-CODE`` figure or ``n-CODE`` narrative section): returns
    its status line ("Đã lưu 10:42", the refusal, or the rules it breaks) and the ratios
    recomputed out of band."""
    form, unit, the_period = forms.entry_target(
        user=request.user, unit_id=unit_id, period_code=period, form_code=form_code
    )
    posted = [(k, v) for k, v in request.POST.items() if k[:2] in ("v-", "n-")]
    context: dict[str, Any] = {"error": "", "warnings": [], "computed": []}
    if len(posted) != 1:
        context["error"] = "Mỗi lần chỉ lưu một ô."
        return render(request, "reporting/_save_status.html", context, status=400)
    key = posted[0][0]
    raw = request.POST.get(key, "")
    target: dict[str, Any] = {"actor": request.user, "org_unit": unit, "period": the_period.code}
    context["key"] = key
    try:
        if key.startswith("v-"):
            result = services.data_values_save(**target, values={key[2:]: raw}, form=form)
            context["warnings"] = result.warnings
        else:
            token = request.POST.get(f"t-{key}", "")
            report = services.report_save_narrative(
                **target, form=form, narrative={key[2:]: raw}, tokens={key[2:]: token}
            )
            # The page's token follows the text now stored, for the next autosave.
            context["token"] = text_token(report.narrative.get(key[2:]))
    except StaleText as error:
        context["error"] = _message(error)
        context["clash"] = error.clashes[0]
        context["save_url"] = request.path
    except (ValidationError, ReportLocked) as error:
        context["error"] = _message(error)
    except PermissionDenied as error:
        context["error"] = str(error)
        return render(request, "reporting/_save_status.html", context, status=403)
    else:
        context["saved_at"] = timezone.localtime()
    if key.startswith("v-"):
        stored = forms.own_values(user=request.user, unit=unit, period=the_period)
        numbers = {pk: row.value for pk, row in stored.items()}
        computed = [i for i in dashboard.form_indicators(form) if i.is_computed]
        context["computed"] = forms.computed_for(computed, numbers).items()
    return render(request, "reporting/_save_status.html", context)


@login_required
@require_POST
def entry_copy(request: AppRequest, unit_id: int, period: str, form_code: str) -> HttpResponse:
    """Chép phần lời văn kỳ trước: last period's text into the sections still empty."""
    form, unit, the_period = forms.entry_target(
        user=request.user, unit_id=unit_id, period_code=period, form_code=form_code
    )
    previous = forms.previous_narrative(user=request.user, form=form, unit=unit, period=the_period)
    report = forms.report_for(user=request.user, form=form, unit=unit, period=the_period)
    current = report.narrative if report else {}
    copying = {code: text for code, text in previous.items() if not current.get(code)}
    label = the_period.previous().label
    if not previous:
        messages.info(request, f"Báo cáo {label} chưa có phần lời văn để chép.")
    elif not copying:
        messages.info(request, "Các mục lời văn đều đã có nội dung; không chép đè lên.")
    else:
        try:
            services.report_save_narrative(
                actor=request.user,
                form=form,
                org_unit=unit,
                period=the_period.code,
                narrative=copying,
                # Only into sections still empty: one someone filled meanwhile is refused.
                tokens={code: text_token("") for code in copying},
            )
        except (ValidationError, ReportLocked) as error:
            messages.error(request, _message(error))
        else:
            kept = len(previous) - len(copying)
            note = f"; giữ nguyên {kept} mục đã có nội dung" if kept else ""
            messages.success(request, f"Đã chép {len(copying)} mục lời văn từ {label}{note}.")
    return redirect(_entry_url(form, unit.pk, the_period))


# --- attachments ------------------------------------------------------------------------


@login_required
@require_POST
def attachment_add(request: AppRequest, unit_id: int, period: str, form_code: str) -> HttpResponse:
    form, unit, the_period = forms.entry_target(
        user=request.user, unit_id=unit_id, period_code=period, form_code=form_code
    )
    upload = forms.AttachmentForm(request.POST, request.FILES)
    if not upload.is_valid():
        for problems in upload.errors.values():
            for problem in problems:
                messages.error(request, str(problem))
    else:
        try:
            saved = services.report_attachment_add(
                actor=request.user,
                form=form,
                org_unit=unit,
                period=the_period.code,
                upload=upload.cleaned_data["file"],
            )
        except (ValidationError, ReportLocked) as error:
            messages.error(request, _message(error))
        else:
            messages.success(request, f"Đã đính kèm tệp «{saved.name}».")
    return redirect(_entry_url(form, unit.pk, the_period))


@login_required
def attachment_download(request: AppRequest, pk: int) -> FileResponse:
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    # Always a download, never shown inline: an uploaded HTML page must not run here.
    return FileResponse(handle, as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def attachment_delete(request: AppRequest, pk: int) -> HttpResponse:
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    report = attachment.report
    try:
        services.report_attachment_delete(actor=request.user, attachment=attachment)
    except ReportLocked as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Đã xóa tệp «{attachment.name}».")
    return redirect(_entry_url(report.form, report.org_unit_id, periods.parse(report.period)))


# --- workflow ---------------------------------------------------------------------------

_DONE = {
    "submit": "Đã gửi báo cáo",
    "approve": "Đã duyệt báo cáo",
    "return": "Đã trả lại báo cáo",
    "unapprove": "Đã hủy duyệt báo cáo",
}


def _workflow_service(action: str, reason: str) -> Callable[..., Any]:
    if action == "submit":
        return services.report_submit
    if action == "approve":
        return services.report_approve
    if action == "unapprove":
        return services.report_unapprove
    return lambda **kwargs: services.report_return(**kwargs, reason=reason)


@login_required
@require_POST
def workflow(
    request: AppRequest, action: str, unit_id: int, period: str, form_code: str
) -> HttpResponse:
    """Gửi, duyệt, trả lại (with a reason), hủy duyệt: one service each, then back to where
    the button was (``next``) with a message. Lacking the right is a 403."""
    form, unit, the_period = forms.entry_target(
        user=request.user, unit_id=unit_id, period_code=period, form_code=form_code
    )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = _entry_url(form, unit.pk, the_period)
    reason = ""
    if action == "return":
        reasons = forms.ReturnForm(request.POST)
        if not reasons.is_valid():
            messages.error(request, " ".join(str(e) for e in reasons.errors["reason"]))
            return redirect(back)
        reason = reasons.cleaned_data["reason"]
    run = _workflow_service(action, reason)
    try:
        run(actor=request.user, form=form, org_unit=unit, period=the_period.code)
    except (ValidationError, ReportLocked, ApproverMustDiffer) as error:
        messages.error(request, _message(error))
    else:
        messages.success(
            request, f"{_DONE[action]} «{form.name}» {the_period.label} của «{unit.name}»."
        )
    return redirect(back)


# --- dashboard --------------------------------------------------------------------------


@replica_reads
@login_required
def dashboard_page(request: AppRequest) -> HttpResponse:
    """Tổng hợp: key figures with their comparisons and trends, completeness, targets met
    by the grassroots, and the pivot by child unit."""
    selection = forms.selection_from(request.GET, user=request.user)
    indicators = dashboard.form_indicators(selection.form)
    where: dict[str, Any] = {"root": selection.unit, "period": selection.period}
    whose: dict[str, Any] = {"user": request.user, "form": selection.form}
    figures = dashboard.key_figures(indicators=indicators, **whose, **where)
    return render(
        request,
        "reporting/dashboard.html",
        {
            **_choices(request, selection),
            "figures": figures,
            "coverage_notes": dashboard.coverage_notes(figures),
            "previous": selection.period.previous(),
            "last_year": selection.period.same_last_year(),
            "previous_short": dashboard.short_label(selection.period.previous()),
            "last_year_short": dashboard.short_label(selection.period.same_last_year()),
            "trend": dashboard.trend(indicators=indicators, **whose, **where),
            "completeness": completeness.completeness(**whose, **where),
            "targets": dashboard.targets(user=request.user, indicators=indicators, **where),
            "pivot": dashboard.pivot(user=request.user, indicators=indicators, **where),
        },
    )


@replica_reads
@login_required
def dashboard_xlsx(request: AppRequest) -> HttpResponse:
    selection = forms.selection_from(request.GET, user=request.user)
    table = dashboard.pivot(
        user=request.user,
        indicators=dashboard.form_indicators(selection.form),
        root=selection.unit,
        period=selection.period,
    )
    name = f"tong-hop-{selection.form.code}-{selection.unit.code}-{selection.period.code}.xlsx"
    return HttpResponse(
        dashboard.pivot_xlsx(table, selection.form),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": content_disposition_header(True, name)},
    )
