"""Pages of «Nhập báo cáo đơn vị» (/quan-ly/nhap-bai-viet/bao-cao-don-vi/): bring a ward's
Word report in, review its sections and figures beside the words they came from, accept
into the draft report (or set aside)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from danvan.access.scope import can
from danvan.core import concurrency
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.lib import periods
from danvan.reporting import forms as reporting_forms
from danvan.reporting.services import ReportLocked
from danvan.textimport.highlight import REPORT_LABELS, segments
from danvan.textimport.models import ReportImport
from danvan.textimport.report import docx, form_parts, selectors, services
from danvan.textimport.report.forms import FiguresFormSet, ReviewForm, UploadForm
from danvan.textimport.report.selectors import CAP

REGISTER_NOTE = "Tính từ sổ theo dõi: không ghi"


def _require(request: AppRequest) -> None:
    if not can(request.user, CAP, None):
        raise Http404("Không tìm thấy trang.")


@login_required
def report_new(request: AppRequest) -> HttpResponse:
    _require(request)
    initial = {
        "org_unit": request.GET.get("don_vi") or None,
        "period": request.GET.get("ky", ""),
        "form": request.GET.get("bieu") or None,
    }
    form = UploadForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            # Refused by its size before it is read into memory.
            docx.check_size(upload.size or 0, upload.name or "tệp")
            created = services.report_import_create(
                actor=request.user,
                data=upload.read(),
                file_name=upload.name or "",
                org_unit=form.cleaned_data["org_unit"],
                period=form.cleaned_data.get("period") or "",
                form=form.cleaned_data.get("form"),
            )
        except PermissionDenied as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            item = created.item
            if created.new:
                messages.success(request, "Đã đọc báo cáo: xem lại từng mục rồi chấp nhận.")
                return redirect("textimport:report_detail", pk=item.pk)
            if selectors.report_imports_visible(request.user).filter(pk=item.pk).exists():
                messages.info(
                    request,
                    f"Tệp này đã được nhập ({item.created_at:%d/%m/%Y}): không có đề xuất mới.",
                )
                return redirect("textimport:report_detail", pk=item.pk)
            form.add_error(None, f"Tệp này đã được nhập cho một đơn vị khác (#{item.pk}).")
    status = 400 if request.method == "POST" else 200
    return render(request, "textimport/report_new.html", {"form": form}, status=status)


def _figure_rows(item: ReportImport) -> list[dict[str, Any]]:
    figures = item.proposal.get("figures") or []
    counted = services.registered(
        item.form, item.org_unit, item.period, [f["indicator"] for f in figures]
    )
    return [
        {
            "include": f["indicator"] not in counted,
            "indicator": f["indicator"],
            "value": Decimal(f["value"]),
            "text": (f.get("text") or "")[:300],
            "flag": f.get("flag") or "",
            "note": REGISTER_NOTE if f["indicator"] in counted else "",
        }
        for f in figures
    ]


def _context(request: AppRequest, item: ReportImport, **bound: Any) -> dict[str, Any]:
    the_period = periods.parse(item.period)
    sections, indicators = form_parts(item.form)
    report = reporting_forms.report_for(
        user=request.user, form=item.form, unit=item.org_unit, period=the_period
    )
    proposed = {s["code"]: s["text"] for s in item.proposal.get("sections") or []}
    stored = services.typed_meanwhile(report, proposed)
    open_ = item.status == ReportImport.Status.PROPOSED
    pairs = [(s.code, s.title) for s in sections]
    form = bound.get("form") or ReviewForm(
        initial={
            "version": item.version,
            "form": item.form.code,
            "period": item.period,
            **{f"n_{code}": text for code, text in proposed.items()},
        },
        sections=pairs,
        stored=stored,
    )
    choices = [(i.code, f"{i.name} ({i.unit})" if i.unit else i.name) for i in indicators]
    figures = bound.get("figures") or FiguresFormSet(
        initial=_figure_rows(item),
        prefix="so_lieu",
        choices=choices,  # type: ignore[call-arg]
    )
    state = reporting_forms.entry_state(
        user=request.user, form=item.form, unit=item.org_unit, period=the_period, report=report
    )
    return {
        "item": item,
        "proposal": item.proposal,
        "segments": segments(item.text, item.proposal.get("spans", {}), REPORT_LABELS),
        "form": form,
        "figures": figures,
        "state": state,
        "open": open_,
        "mismatch": selectors.header_mismatch(item.proposal.get("unit"), item.org_unit),
        "entry_url": reverse(
            "reporting:entry", args=[item.org_unit_id, item.period, item.form.code]
        ),
    }


@login_required
def report_detail(request: AppRequest, pk: int) -> HttpResponse:
    _require(request)
    item = selectors.report_import_get(request.user, pk)
    return render(request, "textimport/report_detail.html", _context(request, item))


@login_required
@require_POST
def report_accept(request: AppRequest, pk: int) -> HttpResponse:
    _require(request)
    item = selectors.report_import_get(request.user, pk)
    sections, indicators = form_parts(item.form)
    proposed = {s["code"]: s["text"] for s in item.proposal.get("sections") or []}
    the_period = periods.parse(item.period)
    report = reporting_forms.report_for(
        user=request.user, form=item.form, unit=item.org_unit, period=the_period
    )
    form = ReviewForm(
        request.POST,
        sections=[(s.code, s.title) for s in sections],
        stored=services.typed_meanwhile(report, proposed),
    )
    choices = [(i.code, i.name) for i in indicators]
    figures = FiguresFormSet(request.POST, prefix="so_lieu", choices=choices)  # type: ignore[call-arg]
    if form.is_valid() & figures.is_valid():
        values = {
            row["indicator"]: row["value"]
            for row in figures.cleaned_data
            if row.get("include") and row.get("indicator")
        }
        try:
            accepted = services.report_import_accept(
                actor=request.user,
                item=item,
                version=form.cleaned_data["version"],
                form=form.cleaned_data["form"],
                period=form.cleaned_data["period"],
                narrative=form.narrative(),
                figures=values,
                replace=form.replace(),
            )
        except concurrency.StaleEdit as error:
            concurrency.show_stale(form, error)
        except (PermissionDenied, ReportLocked) as error:
            form.add_error(None, str(error))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _say_accepted(request, accepted)
            report = accepted.report
            return redirect("reporting:entry", report.org_unit_id, report.period, report.form.code)
    item.refresh_from_db()
    context = _context(request, item, form=form, figures=figures)
    return render(request, "textimport/report_detail.html", context, status=400)


def _say_accepted(request: AppRequest, accepted: services.Accepted) -> None:
    messages.success(
        request,
        f"Đã ghi {len(accepted.sections)} mục lời văn và {accepted.figures} số liệu vào báo cáo "
        "nháp từ tệp Word.",
    )
    if accepted.kept:
        messages.info(
            request, "Giữ nguyên các mục đã có nội dung: " + "; ".join(accepted.kept) + "."
        )
    if accepted.skipped:
        messages.info(
            request,
            "Không ghi số liệu tính từ sổ theo dõi: " + "; ".join(accepted.skipped) + ".",
        )
    for warning in accepted.warnings:
        messages.warning(request, warning)


@login_required
@require_POST
def report_discard(request: AppRequest, pk: int) -> HttpResponse:
    _require(request)
    item = selectors.report_import_get(request.user, pk)
    version = concurrency.posted_version(request.POST.get("version"))
    try:
        services.report_import_discard(
            actor=request.user, item=item, version=version, note=request.POST.get("note", "")
        )
        messages.success(request, "Đã bỏ qua báo cáo nhập: không ghi gì vào báo cáo.")
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
    return redirect("textimport:report_detail", pk=item.pk)
