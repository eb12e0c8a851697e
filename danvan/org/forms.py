from __future__ import annotations

from typing import Any

from django import forms

from danvan.access.grants import grant_refusal
from danvan.access.models import RoleAssignment
from danvan.access.roles import Cap
from danvan.core.autocomplete import AutocompleteChoiceField, AutocompleteMultipleChoiceField
from danvan.org import selectors
from danvan.org.models import OrganisationKind, OrgLevel, OrgUnit, UnitKind


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class UnitChoiceField(AutocompleteChoiceField):
    """One unit, picked by typing its name (``org/autocomplete.py``): the page holds only
    the unit chosen, whatever the size of the queryset."""

    source_name = "unit"


class UnitMultipleChoiceField(AutocompleteMultipleChoiceField):
    """Several units, picked like :class:`UnitChoiceField`, shown as removable chips (no
    "hold Ctrl")."""

    source_name = "unit"


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


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: RoleAssignment) -> str:
        return f"{obj.user} — {obj.get_role_display()} tại {obj.org_unit.name}"


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
    move_roles = RoleChoiceField(
        label="Chuyển vai trò của người dùng sang đơn vị kế thừa",
        queryset=RoleAssignment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Vai trò được chọn chuyển sang đơn vị kế thừa; vai trò không chọn ở lại "
        "đơn vị cũ (chỉ còn xem được dữ liệu cũ).",
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
        movable = [
            a.pk
            for a in RoleAssignment.objects.filter(
                org_unit__in=[unit.pk, *siblings.values_list("pk", flat=True)]
            ).select_related("org_unit")
            if not grant_refusal(user, a.role, a.org_unit, withdrawing=True)
        ]
        roles = RoleAssignment.objects.filter(pk__in=movable).select_related("user", "org_unit")
        self.fields["move_roles"].queryset = roles.order_by("org_unit__path", "user__full_name")  # type: ignore[attr-defined]
        if not movable:
            del self.fields["move_roles"]  # nobody to move: no empty list on the page
        elif not self.is_bound:
            self.initial["move_roles"] = [a.pk for a in roles if a.org_unit_id == unit.pk]
        self.unit = unit

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        sources = {self.unit.pk, *(u.pk for u in data.get("also") or [])}
        stray = [a for a in data.get("move_roles") or [] if a.org_unit_id not in sources]
        if stray:
            names = ", ".join(f"«{a.org_unit.name}»" for a in stray)
            self.add_error(
                "move_roles", f"Vai trò tại {names} chỉ chuyển được khi đơn vị đó cùng sáp nhập."
            )
        return data
