"""Forms of the welfare pages. They parse and bound the input; the services decide."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from danvan.access.roles import Cap
from danvan.access.scope import scope_paths, scoped
from danvan.lib.numbers import parse_number
from danvan.org import selectors as org_selectors
from danvan.org.forms import DateInput, UnitChoiceField, UnitMultipleChoiceField
from danvan.org.models import OrgUnit
from danvan.petitions.forms import Text
from danvan.welfare.models import (
    Campaign,
    CampaignKind,
    CampaignState,
    Category,
    GiftForm,
)

_BLANK = [("", "— Tất cả —")]
AREA_LEVEL = "khu-dan-cu"


def units_for(user: Any, cap: Cap = Cap.WELFARE_MANAGE) -> Any:
    return org_selectors.org_unit_list(user=user, cap=cap, status="active").order_by("path")


def campaign_units(user: Any, campaign: Campaign) -> Any:
    """Units of the campaign (its unit's subtree, the participants') where ``user`` enters."""
    from django.db.models import Q

    paths = [campaign.org_unit.path, *(p.path for p in campaign.participants.all())]
    near = Q()
    for path in paths:
        near |= Q(path__startswith=path)
    return (
        scoped(OrgUnit.objects.filter(near), user, Cap.WELFARE_MANAGE)
        .filter(kind__is_place=False)
        .order_by("path")
    )


def areas_for(user: Any) -> Any:
    """Khu dân cư of the communes the user works in: under its units, or under a unit
    above them (a ward's women's union names the ward's tổ dân phố)."""
    from django.db.models import Q

    near = Q()
    for path in scope_paths(user, Cap.WELFARE_MANAGE):
        parts = path.strip("/").split("/")
        above = ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]
        near |= Q(path__startswith=path) | Q(parent__path__in=above)
    if not near:
        return OrgUnit.objects.none()
    return (
        OrgUnit.objects.filter(near, level__code=AREA_LEVEL, valid_to__isnull=True)
        .select_related("parent")
        .order_by("path")
    )


def partner_units(user: Any) -> Any:
    """Organisations a campaign may enlist: those of the places where the user runs one
    (a ward's Front enlists the ward's women's union and Red Cross)."""
    from django.db.models import Q

    paths = scope_paths(user, Cap.WELFARE_MANAGE)
    if "/" in paths:
        near = Q()
    else:
        near = Q(pk__in=[])
        for unit in OrgUnit.objects.filter(path__in=paths).select_related("kind", "parent"):
            place: OrgUnit | None = unit
            while place is not None and not place.kind.is_place:
                place = place.parent
            near |= Q(path__startswith=(place or unit).path)
    return OrgUnit.objects.filter(near, kind__is_place=False, valid_to__isnull=True).order_by(
        "path"
    )


class MoneyField(forms.CharField):
    """Whole đồng, typed as people type it: «300.000», «1 200 000»."""

    def clean(self, value: Any) -> Any:
        text = super().clean(value)
        if text in (None, ""):
            return Decimal(0)
        if "\x00" in text:
            raise forms.ValidationError(f"«{self.label}» chứa ký tự không hợp lệ.")
        try:
            amount = parse_number(text)
        except ValueError:
            raise forms.ValidationError(f"«{self.label}»: số tiền không hợp lệ.") from None
        if amount < 0 or amount != amount.to_integral_value() or amount >= Decimal(10) ** 14:
            raise forms.ValidationError(f"«{self.label}»: ghi số đồng, không âm, không phần lẻ.")
        return amount


class CampaignFilterForm(forms.Form):
    q = Text(label="Tìm đợt (không cần dấu)", required=False, max_length=200)
    trang_thai = forms.ChoiceField(
        label="Trạng thái", required=False, choices=_BLANK + CampaignState.choices
    )
    loai = forms.ChoiceField(
        label="Loại đợt", required=False, choices=_BLANK + CampaignKind.choices
    )
    don_vi = UnitChoiceField(
        label="Đơn vị", queryset=OrgUnit.objects.none(), required=False, empty_label="— Tất cả —"
    )
    nam = forms.IntegerField(label="Năm", required=False, min_value=1990, max_value=2100)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].queryset = org_selectors.org_unit_list(  # type: ignore[attr-defined]
            user=user, cap=Cap.WELFARE_VIEW
        ).order_by("path")

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "q": d["q"],
            "state": d["trang_thai"],
            "kind": d["loai"],
            "org_unit": d["don_vi"],
            "year": d["nam"],
        }


class CampaignForm(forms.Form):
    org_unit = forms.ModelChoiceField(
        label="Đơn vị tổ chức", queryset=OrgUnit.objects.none(), empty_label="— Chọn —"
    )
    name = Text(label="Tên đợt", max_length=300)
    kind = forms.ChoiceField(label="Loại đợt", choices=CampaignKind.choices)
    starts_on = forms.DateField(label="Từ ngày", widget=DateInput())
    ends_on = forms.DateField(label="Đến ngày", widget=DateInput())
    participants = UnitMultipleChoiceField(
        label="Các tổ chức tham gia", queryset=OrgUnit.objects.none(), required=False
    )
    note = Text(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units_for(user)  # type: ignore[attr-defined]
        self.fields["participants"].queryset = partner_units(user)  # type: ignore[attr-defined]
        if editing:
            del self.fields["org_unit"]


class MoveForm(forms.Form):
    to = forms.ChoiceField(label="Chuyển sang", choices=CampaignState.choices)
    on = forms.DateField(label="Ngày (để trống: hôm nay)", required=False, widget=DateInput())


class ContributionForm(forms.Form):
    received_by = forms.ModelChoiceField(
        label="Đơn vị tiếp nhận", queryset=OrgUnit.objects.none(), empty_label="— Chọn —"
    )
    donor_name = Text(label="Tổ chức, cá nhân ủng hộ", max_length=300)
    received_on = forms.DateField(label="Ngày nhận", widget=DateInput())
    cash = MoneyField(label="Tiền mặt (đồng)", required=False)
    in_kind = Text(label="Hàng hóa, hiện vật", required=False, max_length=500)
    in_kind_value = MoneyField(label="Giá trị hàng quy ra tiền (đồng)", required=False)

    def __init__(self, *args: Any, user: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_by"].queryset = campaign_units(user, campaign)  # type: ignore[attr-defined]


class GiftFilterForm(forms.Form):
    q = Text(label="Tìm (tên chủ hộ, không cần dấu)", required=False, max_length=200)
    dot = forms.ModelChoiceField(
        label="Đợt", queryset=Campaign.objects.none(), required=False, empty_label="— Tất cả —"
    )
    doi_tuong = forms.ChoiceField(
        label="Đối tượng", required=False, choices=_BLANK + Category.choices
    )
    don_vi = UnitChoiceField(
        label="Đơn vị trao",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="— Tất cả —",
    )
    tu = forms.DateField(label="Trao từ ngày", required=False, widget=DateInput())
    den = forms.DateField(label="Trao đến ngày", required=False, widget=DateInput())
    trung = forms.BooleanField(label="Chỉ suất trùng", required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from danvan.welfare.selectors import campaigns_visible

        self.fields["dot"].queryset = campaigns_visible(user)  # type: ignore[attr-defined]
        self.fields["don_vi"].queryset = org_selectors.org_unit_list(  # type: ignore[attr-defined]
            user=user, cap=Cap.WELFARE_VIEW
        ).order_by("path")

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "campaign": d["dot"],
            "q": d["q"],
            "category": d["doi_tuong"],
            "org_unit": d["don_vi"],
            "start": d["tu"],
            "end": d["den"],
            "duplicates": d["trung"],
        }


class HouseholdFields(forms.Form):
    """A household: chosen from the register, or entered new."""

    head_name = Text(label="Họ tên chủ hộ (hộ mới)", required=False, max_length=200)
    address = Text(label="Địa chỉ", required=False, max_length=300)
    area = forms.ModelChoiceField(
        label="Khu dân cư", queryset=OrgUnit.objects.none(), required=False, empty_label="— Không —"
    )
    category = forms.ChoiceField(label="Đối tượng", choices=Category.choices, required=False)
    id_number = Text(label="Số CCCD (không bắt buộc)", required=False, max_length=12)


class NewHouseholdForm(HouseholdFields):
    """A household not yet in the register, entered with its first gift."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["head_name"].required = True
        self.fields["category"].required = True
        self.fields["area"].queryset = areas_for(user)  # type: ignore[attr-defined]


class GiftEntryForm(forms.Form):
    giver = forms.ModelChoiceField(
        label="Đơn vị trao", queryset=OrgUnit.objects.none(), empty_label="— Chọn —"
    )
    given_on = forms.DateField(label="Ngày trao", widget=DateInput())
    portions = forms.IntegerField(label="Số suất", min_value=1, max_value=1000, initial=1)
    value = MoneyField(label="Giá trị (đồng)")
    form = forms.ChoiceField(label="Hình thức", choices=GiftForm.choices)
    description = Text(label="Nội dung quà", required=False, max_length=300)

    def __init__(self, *args: Any, user: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["giver"].queryset = campaign_units(user, campaign)  # type: ignore[attr-defined]


class GiftEditForm(forms.Form):
    given_on = forms.DateField(label="Ngày trao", widget=DateInput())
    portions = forms.IntegerField(label="Số suất", min_value=1, max_value=1000)
    value = MoneyField(label="Giá trị (đồng)")
    form = forms.ChoiceField(label="Hình thức", choices=GiftForm.choices)
    description = Text(label="Nội dung quà", required=False, max_length=300)


class DuplicateForm(forms.Form):
    keep = forms.TypedChoiceField(
        label="Quyết định",
        choices=[("1", "Giữ cả hai suất (ghi lý do)"), ("0", "Loại suất trùng này")],
        coerce=lambda v: v == "1",
    )
    note = Text(
        label="Ghi chú, lý do",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BeneficiaryForm(HouseholdFields):
    org_unit = forms.ModelChoiceField(
        label="Xã, phường (hoặc tổ chức của xã, phường)",
        queryset=OrgUnit.objects.none(),
        empty_label="— Chọn —",
    )
    phone = Text(label="Điện thoại", required=False, max_length=20)
    note = Text(label="Ghi chú", required=False, max_length=300)

    def __init__(self, *args: Any, user: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["head_name"].label = "Họ tên chủ hộ, người thụ hưởng"
        self.fields["head_name"].required = True
        self.fields["category"].required = True
        self.fields["org_unit"].queryset = units_for(user)  # type: ignore[attr-defined]
        self.fields["area"].queryset = areas_for(user)  # type: ignore[attr-defined]
        if editing:
            del self.fields["org_unit"]
        else:
            self.order_fields(["org_unit"])


class BeneficiaryFilterForm(forms.Form):
    q = Text(label="Tìm (không cần dấu)", required=False, max_length=200)
    doi_tuong = forms.ChoiceField(
        label="Đối tượng", required=False, choices=_BLANK + Category.choices
    )
