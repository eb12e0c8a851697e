from __future__ import annotations

from typing import Any

from django import forms

from danvan.access.roles import Cap
from danvan.org import selectors
from danvan.org.autocomplete import UnitAutocomplete, UnitAutocompleteMultiple, unit_label
from danvan.org.models import OrganisationKind, OrgLevel, OrgUnit, UnitKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class UnitChoiceField(forms.ModelChoiceField):
    """One unit, picked by typing its name (``org/autocomplete.py``): the page holds only
    the unit chosen, whatever the size of the queryset."""

    widget = UnitAutocomplete

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.widget.field = self

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        result = super().__deepcopy__(memo)
        result.widget.field = result
        return result

    def label_from_instance(self, obj: OrgUnit) -> str:
        return unit_label(obj)


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several units, picked like :class:`UnitChoiceField`, shown as removable chips (no
    "hold Ctrl")."""

    widget = UnitAutocompleteMultiple

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.widget.field = self

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        result = super().__deepcopy__(memo)
        result.widget.field = result
        return result

    def label_from_instance(self, obj: OrgUnit) -> str:
        return unit_label(obj)


def manageable_units(user: Any, exclude: OrgUnit | None = None) -> Any:
    units = selectors.org_unit_list(user=user, cap=Cap.ORG_MANAGE, status="active").order_by("path")
    if exclude is not None:
        units = units.exclude(path__startswith=exclude.path)
    return units


class OrgUnitForm(forms.Form):
    name = forms.CharField(label="Tên đơn vị", max_length=255)
    code = forms.CharField(
        label="Mã đơn vị", max_length=64, help_text="Mã ngắn, duy nhất, ví dụ HN-HM-DINHCONG."
    )
    level = forms.ModelChoiceField(
        empty_label="— Chọn —", label="Cấp", queryset=OrgLevel.objects.all()
    )
    kind = forms.ModelChoiceField(
        empty_label="— Chọn —", label="Loại đơn vị", queryset=UnitKind.objects.all()
    )
    organisation_kind = forms.ModelChoiceField(
        label="Loại tổ chức",
        queryset=OrganisationKind.objects.all(),
        required=False,
        help_text="Chỉ với cơ quan, tổ chức (Ban Dân vận, MTTQ, Hội CCB...).",
    )
    valid_from = forms.DateField(label="Hoạt động từ ngày", required=False, widget=DateInput())
    valid_to = forms.DateField(label="Hoạt động đến ngày", required=False, widget=DateInput())
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class OrgUnitCreateForm(OrgUnitForm):
    parent = UnitChoiceField(
        empty_label="— Chọn —", label="Đơn vị cấp trên", queryset=OrgUnit.objects.none()
    )

    field_order = ["parent", "name", "code", "level", "kind", "organisation_kind"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = manageable_units(user)  # type: ignore[attr-defined]


class OrgUnitMoveForm(forms.Form):
    new_parent = UnitChoiceField(
        empty_label="— Chọn —", label="Chuyển về đơn vị cấp trên", queryset=OrgUnit.objects.none()
    )

    def __init__(self, *args: Any, user: Any, unit: OrgUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The unit's own subtree is offered too: the service explains why it is refused.
        self.fields["new_parent"].queryset = manageable_units(user)  # type: ignore[attr-defined]


class OrgUnitMergeForm(forms.Form):
    target = UnitChoiceField(
        empty_label="— Chọn —", label="Đơn vị kế thừa", queryset=OrgUnit.objects.none()
    )
    also = forms.ModelMultipleChoiceField(
        label="Cùng sáp nhập các đơn vị cùng cấp",
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    effective_date = forms.DateField(label="Có hiệu lực từ ngày", widget=DateInput())
    decision = forms.CharField(
        label="Căn cứ (văn bản)",
        max_length=255,
        required=False,
        help_text="Ví dụ: Nghị quyết số 1656/NQ-UBTVQH15 ngày 16/6/2025.",
    )

    def __init__(self, *args: Any, user: Any, unit: OrgUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = manageable_units(user, exclude=unit)  # type: ignore[attr-defined]
        siblings = (
            manageable_units(user)
            .filter(parent_id=unit.parent_id, kind_id=unit.kind_id)
            .exclude(pk=unit.pk)
        )
        self.fields["also"].queryset = siblings  # type: ignore[attr-defined]
