"""Pages for Excel in and out: download a form's template, upload it back filled."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.core.http import AppRequest
from danvan.core.period_picker import PeriodField
from danvan.lib import periods
from danvan.org.forms import UnitChoiceField
from danvan.org.models import OrgUnit
from danvan.org.selectors import org_unit_list
from danvan.reporting import excel
from danvan.reporting.excel_import import ImportResult, import_workbook
from danvan.reporting.models import ReportForm

MAX_UPLOAD = 10 * 1024 * 1024


class TemplateForm(forms.Form):
    form = forms.ModelChoiceField(
        label="Biểu mẫu",
        queryset=ReportForm.objects.filter(is_active=True),
        to_field_name="code",
        empty_label="— Chọn —",
    )
    period = PeriodField(
        label="Kỳ báo cáo", help_text="Loại kỳ theo biểu mẫu: tháng, quý, 6 tháng hoặc năm."
    )
    org_unit = UnitChoiceField(
        label="Đơn vị",
        queryset=OrgUnit.objects.none(),
        empty_label="— Chọn —",
        help_text="Biểu gồm đơn vị này và các đơn vị trực thuộc có báo cáo biểu mẫu.",
    )
    filled = forms.BooleanField(label="Kèm số liệu đã nhập", required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = org_unit_list(user=user, cap=Cap.REPORT_VIEW).order_by("path")
        self.fields["org_unit"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        form, code = data.get("form"), data.get("period")
        if form is not None and code:
            try:
                data["period"] = excel.period_for(form, code)
            except periods.PeriodError as exc:
                self.add_error("period", str(exc))
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp Excel (.xlsx)",
        help_text="Biểu mẫu tải ở trên, đã điền số. Có ô sai thì không ghi số liệu nào.",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx (Excel 2007 trở lên).")
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Tệp lớn hơn 10 MB: hãy chia nhỏ theo đơn vị.")
        return upload


def _page(
    request: AppRequest,
    template_form: TemplateForm,
    upload_form: UploadForm,
    result: ImportResult | None = None,
) -> HttpResponse:
    context = {
        "template_form": template_form,
        "upload_form": upload_form,
        "result": result,
        "can_enter": can(request.user, Cap.REPORT_ENTER, None),
    }
    return render(request, "reporting/excel/page.html", context)


def _blank_template_form(request: AppRequest) -> TemplateForm:
    due = periods.due(periods.MONTH, timezone.localdate())
    return TemplateForm(user=request.user, initial={"period": due.code})


@login_required
@require_GET
def excel_template(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.REPORT_VIEW, None)
    return _page(request, _blank_template_form(request), UploadForm())


@login_required
@require_GET
def excel_export(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.REPORT_VIEW, None)
    form = TemplateForm(request.GET, user=request.user)
    if not form.is_valid():
        return _page(request, form, UploadForm())
    data = form.cleaned_data
    report_form, root, period = data["form"], data["org_unit"], data["period"]
    units = excel.template_units(user=request.user, form=report_form, root=root, period=period)
    book = excel.build_workbook(report_form, units, period, filled=data["filled"], root=root)
    kind = "so-lieu" if data["filled"] else "bieu-mau"
    name = f"{kind}_{report_form.code}_{period.code}_{root.code}.xlsx"
    response = HttpResponse(excel.workbook_bytes(book), content_type=excel.CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@login_required
def excel_upload(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.REPORT_ENTER, None)
    upload = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and upload.is_valid():
        result = import_workbook(upload.cleaned_data["file"], actor=request.user)
    return _page(request, _blank_template_form(request), upload, result)
