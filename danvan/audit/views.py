from __future__ import annotations

from auditlog.models import LogEntry
from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.audit import logins, selectors
from danvan.org.forms import DateInput

ACTIONS = [
    (str(LogEntry.Action.CREATE), "Tạo mới"),
    (str(LogEntry.Action.UPDATE), "Sửa"),
    (str(LogEntry.Action.DELETE), "Xóa hẳn"),
    *logins.EVENTS.items(),
]


class AuditFilterForm(forms.Form):
    content_type = forms.TypedChoiceField(label="Loại dữ liệu", required=False, coerce=int)
    action = forms.ChoiceField(label="Thao tác", required=False, choices=[("", "Tất cả"), *ACTIONS])
    actor = forms.CharField(label="Người thực hiện", required=False)
    q = forms.CharField(label="Bản ghi", required=False)
    address = forms.GenericIPAddressField(label="Địa chỉ IP", required=False)
    date_from = forms.DateField(label="Từ ngày", required=False, widget=DateInput())
    date_to = forms.DateField(label="Đến ngày", required=False, widget=DateInput())

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices: list[tuple[object, str]] = [("", "Tất cả")]
        for content_type in selectors.audited_content_types():
            model = content_type.model_class()
            if model is not None:
                choices.append((content_type.pk, str(model._meta.verbose_name).capitalize()))
        self.fields["content_type"].choices = choices  # type: ignore[attr-defined]


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    """The audit page for administrators: every recorded write, filtered."""
    require(request.user, Cap.AUDIT_VIEW, None)
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    filters = {k: v for k, v in filters.items() if v not in (None, "")}
    entries = selectors.audit_search(**filters)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = selectors.audit_rows(page.object_list)
    return render(request, "audit/audit_list.html", {"form": form, "page": page, "rows": rows})
