"""Forms of the supervision pages. They parse and bound the input; the services decide
(scope, states, dates)."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.documents.models import Document
from danvan.org import selectors as org_selectors
from danvan.org.forms import DateInput, UnitChoiceField
from danvan.org.models import OrgUnit
from danvan.supervision.models import (
    Activity,
    ActivityState,
    Kind,
    Programme,
    Recommendation,
    RecState,
)
from danvan.supervision.services import MAX_YEAR, MIN_YEAR

_BLANK = [("", "— Tất cả —")]
_DATE_FIELDS = ("approved_on", "starts_on", "ends_on", "made_on", "due_on", "received_on", "on")


def units(user: Any, cap: Cap = Cap.SUPERVISION_MANAGE) -> Any:
    return org_selectors.org_unit_list(user=user, cap=cap, status="active").order_by("path")


def _no_nul(form: forms.BaseForm) -> None:
    for name, value in form.data.items():
        if isinstance(value, str) and "\x00" in value and name in form.fields:
            form.add_error(name, f"«{form.fields[name].label}» chứa ký tự không hợp lệ.")


class _Checked(forms.Form):
    def clean(self) -> dict[str, Any]:
        _no_nul(self)
        return super().clean() or {}


class _Filter(_Checked):
    q = forms.CharField(label="Tìm", required=False, max_length=200)
    don_vi = UnitChoiceField(
        label="Đơn vị", queryset=OrgUnit.objects.none(), required=False, empty_label="— Tất cả —"
    )
    loai = forms.ChoiceField(label="Loại hoạt động", required=False, choices=_BLANK + Kind.choices)
    tu = forms.DateField(label="Từ ngày", required=False, widget=DateInput())
    den = forms.DateField(label="Đến ngày", required=False, widget=DateInput())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].queryset = units(user, Cap.SUPERVISION_VIEW)  # type: ignore[attr-defined]


class ActivityFilterForm(_Filter):
    nam = forms.IntegerField(label="Năm", required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)
    tinh_trang = forms.ChoiceField(
        label="Tình trạng", required=False, choices=_BLANK + ActivityState.choices
    )
    da_to_chuc = forms.BooleanField(label="Chỉ hoạt động đã tiến hành", required=False)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "q": d["q"],
            "org_unit": d["don_vi"],
            "kind": d["loai"],
            "state": d["tinh_trang"],
            "year": d["nam"],
            "start": d["tu"],
            "end": d["den"],
            "held_only": d["da_to_chuc"],
        }


class RecommendationFilterForm(_Filter):
    tinh_trang = forms.ChoiceField(
        label="Tình trạng", required=False, choices=_BLANK + RecState.choices
    )
    tra_loi = forms.ChoiceField(
        label="Trả lời",
        required=False,
        choices=[*_BLANK, ("co", "Đã có trả lời"), ("chua", "Chưa có trả lời")],
    )
    qua_han = forms.BooleanField(label="Chỉ kiến nghị quá hạn (hôm nay)", required=False)
    qua_han_ngay = forms.DateField(label="Quá hạn tại ngày", required=False, widget=DateInput())

    def filters(self, today: Any) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        overdue = d["qua_han_ngay"] or (today if d["qua_han"] else None)
        return {
            "q": d["q"],
            "org_unit": d["don_vi"],
            "kind": d["loai"],
            "state": d["tinh_trang"],
            "start": d["tu"],
            "end": d["den"],
            "answered": d["tra_loi"],
            "overdue_day": overdue,
        }


class _RecordForm(forms.ModelForm):
    """A record's fields; ``org_unit`` only when creating."""

    def __init__(self, *args: Any, user: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for name in _DATE_FIELDS:
            if name in self.fields:
                self.fields[name].widget = DateInput()
        if "org_unit" in self.fields:
            if creating:
                self.fields["org_unit"].queryset = units(user)  # type: ignore[attr-defined]
            else:
                del self.fields["org_unit"]

    def clean(self) -> dict[str, Any]:
        _no_nul(self)
        return super().clean() or {}

    def _post_clean(self) -> None:
        # The services validate the record (scope, states, dates): not the model form.
        pass

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("org_unit", "version")}


class ProgrammeForm(_RecordForm):
    year = forms.IntegerField(label="Năm", min_value=MIN_YEAR, max_value=MAX_YEAR)

    class Meta:
        model = Programme
        fields = [
            "org_unit",
            "year",
            "title",
            "basis",
            "basis_document",
            "approved_by",
            "approved_on",
            "note",
        ]

    def __init__(self, *args: Any, user: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, user=user, creating=creating, **kwargs)
        self.fields["basis_document"].queryset = scoped(  # type: ignore[attr-defined]
            Document.objects.all(), user, Cap.DOCUMENT_VIEW
        ).order_by("-issued_on", "id")


class ActivityForm(_RecordForm):
    class Meta:
        model = Activity
        fields = ["kind", "form", "title", "target", "starts_on", "ends_on", "members", "findings"]

    def __init__(self, *args: Any, user: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, user=user, creating=creating, **kwargs)
        record = kwargs.get("instance")
        if record is not None and record.state == ActivityState.ENDED:
            for name in list(self.fields):
                if name not in ("members", "findings"):
                    del self.fields[name]


class RecommendationForm(_RecordForm):
    class Meta:
        model = Recommendation
        fields = ["content", "addressed_to", "addressed_unit", "made_on", "due_on"]

    def __init__(self, *args: Any, user: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, user=user, creating=creating, **kwargs)
        self.fields["addressed_unit"].queryset = units(user, Cap.ORG_VIEW)  # type: ignore[attr-defined]
        self.fields["made_on"].required = False


class StartForm(_Checked):
    on = forms.DateField(label="Ngày bắt đầu", required=False, widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class EndForm(_Checked):
    findings = forms.CharField(
        label="Kết quả, phát hiện", max_length=20000, widget=forms.Textarea(attrs={"rows": 4})
    )
    on = forms.DateField(label="Ngày kết thúc", required=False, widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class CancelForm(_Checked):
    reason = forms.CharField(label="Lý do hủy", max_length=4000)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class ResponseForm(_Checked):
    received_on = forms.DateField(label="Ngày nhận trả lời", required=False, widget=DateInput())
    by_body = forms.CharField(label="Cơ quan trả lời", max_length=300, required=False)
    document_ref = forms.CharField(
        label="Số, ký hiệu văn bản trả lời", max_length=120, required=False
    )
    summary = forms.CharField(
        label="Nội dung trả lời", max_length=20000, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class CloseForm(_Checked):
    outcome = forms.CharField(
        label="Kết quả giải quyết", max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = forms.DateField(label="Ngày đóng", required=False, widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class EscalateForm(_Checked):
    escalated_to = forms.CharField(label="Kiến nghị tiếp tới", max_length=300)
    outcome = forms.CharField(
        label="Lý do kiến nghị tiếp", max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = forms.DateField(label="Ngày kiến nghị tiếp", required=False, widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
