"""Forms of the religious affairs pages. They parse and bound the input; the services
decide (scope, links, states)."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.emulation.models import EmulationModel
from danvan.org import selectors as org_selectors
from danvan.org.forms import DateInput, UnitChoiceField
from danvan.org.models import OrgUnit
from danvan.religion import selectors
from danvan.religion.models import (
    Event,
    EventState,
    Figure,
    FigureRole,
    Organisation,
    Place,
    PlaceKind,
    PlaceState,
    Religion,
    Situation,
    SituationState,
)

_BLANK = [("", "— Tất cả —")]
_DATE_FIELDS = ("decision_on", "active_since", "starts_on", "ends_on", "noted_on")


def units(user: Any, cap: Cap = Cap.RELIGION_MANAGE) -> Any:
    return org_selectors.org_unit_list(user=user, cap=cap, status="active").order_by("path")


def _no_nul(form: forms.BaseForm) -> None:
    for name, value in form.data.items():
        if isinstance(value, str) and "\x00" in value and name in form.fields:
            form.add_error(name, f"«{form.fields[name].label}» chứa ký tự không hợp lệ.")


class _Filter(forms.Form):
    q = forms.CharField(label="Tìm", required=False, max_length=200)
    ton_giao = forms.ModelChoiceField(
        label="Tôn giáo", queryset=Religion.objects.all(), required=False, empty_label="— Tất cả —"
    )
    don_vi = UnitChoiceField(
        label="Đơn vị, địa bàn",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="— Tất cả —",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].queryset = units(user, Cap.RELIGION_VIEW)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        _no_nul(self)
        return super().clean() or {}


class PlaceFilterForm(_Filter):
    loai = forms.ChoiceField(label="Loại", required=False, choices=_BLANK + PlaceKind.choices)
    tinh_trang = forms.ChoiceField(
        label="Tình trạng", required=False, choices=_BLANK + PlaceState.choices
    )
    ngay = forms.DateField(label="Đang hoạt động ngày", required=False, widget=DateInput())

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "q": d["q"],
            "religion": d["ton_giao"],
            "kind": d["loai"],
            "state": d["tinh_trang"],
            "org_unit": d["don_vi"],
            "active_day": d["ngay"],
        }


class EventFilterForm(_Filter):
    tinh_trang = forms.ChoiceField(
        label="Tình trạng", required=False, choices=_BLANK + EventState.choices
    )
    tu = forms.DateField(label="Từ ngày", required=False, widget=DateInput())
    den = forms.DateField(label="Đến ngày", required=False, widget=DateInput())

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "q": d["q"],
            "religion": d["ton_giao"],
            "state": d["tinh_trang"],
            "org_unit": d["don_vi"],
            "start": d["tu"],
            "end": d["den"],
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
                self.fields["org_unit"].queryset = units(user, self.unit_cap)  # type: ignore[attr-defined]
            else:
                del self.fields["org_unit"]
        if "emulation_model" in self.fields:
            self.fields["emulation_model"].queryset = scoped(  # type: ignore[attr-defined]
                EmulationModel.objects.all(), user, Cap.EMULATION_VIEW
            ).order_by("name")
        if "organisation" in self.fields:
            self.fields["organisation"].queryset = selectors.visible(user, Organisation)  # type: ignore[attr-defined]
        if "place" in self.fields:
            self.fields["place"].queryset = selectors.visible(  # type: ignore[attr-defined]
                user, Place, Cap.RELIGION_MANAGE
            ).order_by("name")

    unit_cap = Cap.RELIGION_MANAGE

    def clean(self) -> dict[str, Any]:
        _no_nul(self)
        return super().clean() or {}

    def _post_clean(self) -> None:
        # The services validate the record (scope, links, states): not the model form.
        pass

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("org_unit", "version")}


class OrganisationForm(_RecordForm):
    class Meta:
        model = Organisation
        fields = [
            "org_unit",
            "name",
            "religion",
            "status",
            "decision_ref",
            "decision_on",
            "address",
            "note",
            "emulation_model",
        ]


class PlaceForm(_RecordForm):
    class Meta:
        model = Place
        fields = [
            "org_unit",
            "name",
            "kind",
            "religion",
            "organisation",
            "address",
            "decision_ref",
            "decision_on",
            "active_since",
            "followers",
            "note",
            "emulation_model",
        ]


class FigureForm(_RecordForm):
    class Meta:
        model = Figure
        fields = ["org_unit", "full_name", "role", "title", "place", "phone", "note"]


class EventForm(_RecordForm):
    class Meta:
        model = Event
        fields = ["place", "name", "starts_on", "ends_on", "expected_attendance", "note"]

    def __init__(self, *args: Any, user: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, user=user, creating=creating, **kwargs)
        if not creating:
            del self.fields["place"]
        else:
            self.fields["place"].queryset = self.fields["place"].queryset.filter(  # type: ignore[attr-defined]
                state=PlaceState.ACTIVE
            )


class SituationForm(_RecordForm):
    unit_cap = Cap.RELIGION_SENSITIVE

    class Meta:
        model = Situation
        fields = ["org_unit", "place", "noted_on", "summary", "assessment"]


class PlaceStateForm(forms.Form):
    state = forms.ChoiceField(label="Chuyển sang", choices=PlaceState.choices)
    on = forms.DateField(label="Từ ngày", required=False, widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class HeldForm(forms.Form):
    actual_attendance = forms.IntegerField(
        label="Số người thực tế tham dự", min_value=0, max_value=10_000_000
    )
    note = forms.CharField(
        label="Ghi chú, kết quả",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def clean(self) -> dict[str, Any]:
        _no_nul(self)
        return super().clean() or {}


class CancelForm(forms.Form):
    note = forms.CharField(label="Lý do hủy", max_length=4000)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def clean(self) -> dict[str, Any]:
        _no_nul(self)
        return super().clean() or {}


class SituationCloseForm(forms.Form):
    to = forms.ChoiceField(
        label="Kết thúc theo dõi",
        choices=[c for c in SituationState.choices if c[0] != SituationState.WATCHING],
    )
    outcome = forms.CharField(
        label="Kết quả", max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    handed_to = forms.CharField(label="Cơ quan chức năng tiếp nhận", required=False, max_length=300)
    on = forms.DateField(label="Ngày", required=False, widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def clean(self) -> dict[str, Any]:
        _no_nul(self)
        return super().clean() or {}


ROLE_CHOICES = _BLANK + FigureRole.choices
