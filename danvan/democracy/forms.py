"""Forms of the grassroots-democracy pages. They parse and bound the input (a number too
large, a NUL byte, a bad date is a form error naming the field); the services decide
(scope, states, votes)."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.access.roles import Cap
from danvan.democracy.models import (
    Board,
    Consultation,
    ConsultationState,
    DecisionKind,
    DecisionState,
    Disclosure,
    DisclosureForm,
    DisclosureItem,
    DisclosureState,
    Outcome,
    Oversight,
    OversightState,
    PeopleDecision,
)
from danvan.democracy.services import MAX_COUNT
from danvan.org import selectors as org_selectors
from danvan.org.forms import DateInput, UnitChoiceField
from danvan.org.models import OrgUnit

_BLANK = [("", "— Tất cả —")]
_DATE_FIELDS = ("starts_on", "ends_on", "held_on", "found_on")


def units(user: Any, cap: Cap = Cap.DEMOCRACY_MANAGE) -> Any:
    return org_selectors.org_unit_list(user=user, cap=cap, status="active").order_by("path")


def places(user: Any) -> Any:
    """Where records are kept: communes, wards and khu dân cư (not bodies)."""
    return units(user).filter(kind__is_place=True)


def _no_nul(form: forms.BaseForm) -> None:
    for name, value in form.data.items():
        if isinstance(value, str) and "\x00" in value and name in form.fields:
            form.add_error(name, f"«{form.fields[name].label}» chứa ký tự không hợp lệ.")


def _count_field(label: str, required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=MAX_COUNT, required=required)


class Filter(forms.Form):
    q = forms.CharField(label="Tìm", required=False, max_length=200)
    don_vi = UnitChoiceField(
        label="Đơn vị, địa bàn",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="— Tất cả —",
    )
    tu = forms.DateField(label="Từ ngày", required=False, widget=DateInput())
    den = forms.DateField(label="Đến ngày", required=False, widget=DateInput())
    tinh_trang = forms.ChoiceField(label="Tình trạng", required=False, choices=_BLANK)

    states: list[tuple[str, str]] = []

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].queryset = units(user, Cap.DEMOCRACY_VIEW)  # type: ignore[attr-defined]
        self.fields["tinh_trang"].choices = _BLANK + self.states  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        _no_nul(self)
        return super().clean() or {}

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        found = {
            "q": d["q"],
            "org_unit": d["don_vi"],
            "start": d["tu"],
            "end": d["den"],
            "state": d["tinh_trang"],
        }
        return found | self.extra()

    def extra(self) -> dict[str, Any]:
        return {}


class DisclosureFilter(Filter):
    states = DisclosureState.choices
    noi_dung = forms.ModelChoiceField(
        label="Nội dung luật định",
        queryset=DisclosureItem.objects.all(),
        required=False,
        empty_label="— Tất cả —",
    )
    hinh_thuc = forms.ChoiceField(
        label="Hình thức", required=False, choices=_BLANK + DisclosureForm.choices
    )
    da_cong_khai = forms.BooleanField(label="Chỉ nội dung đã công khai", required=False)

    def extra(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"item": d["noi_dung"], "form": d["hinh_thuc"], "made_public": d["da_cong_khai"]}


class DecisionFilter(Filter):
    states = DecisionState.choices
    loai = forms.ChoiceField(
        label="Loại nội dung", required=False, choices=_BLANK + DecisionKind.choices
    )
    ket_qua = forms.ChoiceField(label="Kết quả", required=False, choices=_BLANK + Outcome.choices)

    def extra(self) -> dict[str, Any]:
        return {"kind": self.cleaned_data["loai"], "outcome": self.cleaned_data["ket_qua"]}


class ConsultationFilter(Filter):
    states = ConsultationState.choices


class OversightFilter(Filter):
    states = OversightState.choices
    ban = forms.ChoiceField(label="Ban thực hiện", required=False, choices=_BLANK + Board.choices)

    def extra(self) -> dict[str, Any]:
        return {"board": self.cleaned_data["ban"]}


class RecordForm(forms.ModelForm):
    """A record's fields; ``org_unit`` (a commune, ward or khu dân cư) only when creating."""

    def __init__(self, *args: Any, user: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for name in _DATE_FIELDS:
            if name in self.fields:
                self.fields[name].widget = DateInput()
        if "org_unit" in self.fields:
            if creating:
                self.fields["org_unit"].queryset = places(user)  # type: ignore[attr-defined]
            else:
                del self.fields["org_unit"]
        for name, field in list(self.fields.items()):
            if isinstance(field, forms.IntegerField):
                self.fields[name] = _count_field(str(field.label or name), field.required)

    def clean(self) -> dict[str, Any]:
        _no_nul(self)
        return super().clean() or {}

    def _post_clean(self) -> None:
        # The services validate the record (scope, states, votes): not the model form.
        pass

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("org_unit", "version")}


class DisclosureRecordForm(RecordForm):
    class Meta:
        model = Disclosure
        fields = ["org_unit", "content", "item", "form", "starts_on", "ends_on", "note"]


class DecisionRecordForm(RecordForm):
    class Meta:
        model = PeopleDecision
        fields = ["org_unit", "kind", "subject", "method", "held_on", "households_total", "note"]


class ConsultationRecordForm(RecordForm):
    class Meta:
        model = Consultation
        fields = ["org_unit", "subject", "starts_on", "ends_on"]


class OversightRecordForm(RecordForm):
    class Meta:
        model = Oversight
        fields = ["org_unit", "board", "subject", "found_on", "findings", "recommendations"]


class MoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def clean(self) -> dict[str, Any]:
        _no_nul(self)
        return super().clean() or {}


class ReasonForm(MoveForm):
    reason = forms.CharField(
        label="Lý do", max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class VotesForm(MoveForm):
    households_total = _count_field("Tổng số hộ gia đình")
    households_taking_part = _count_field("Số hộ tham gia")
    votes_for = _count_field("Số hộ tán thành")
    votes_against = _count_field("Số hộ không tán thành")


class CloseForm(MoveForm):
    opinions_received = _count_field("Số ý kiến nhận được")
    taken_up_count = _count_field("Số ý kiến được tiếp thu")
    taken_up_summary = forms.CharField(
        label="Nội dung tiếp thu, giải trình",
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResolveForm(MoveForm):
    resolution = forms.CharField(
        label="Kết quả xử lý kiến nghị", max_length=8000, widget=forms.Textarea(attrs={"rows": 3})
    )
    on = forms.DateField(label="Ngày xử lý xong", required=False, widget=DateInput())
