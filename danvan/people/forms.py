from __future__ import annotations

from typing import Any

from django import forms

from danvan.access.roles import Cap
from danvan.org.forms import DateInput, UnitChoiceField
from danvan.org.models import OrgUnit
from danvan.org.selectors import org_unit_list
from danvan.people.models import Person


def _units(user: Any) -> Any:
    return org_unit_list(user=user, cap=Cap.PEOPLE_MANAGE).order_by("path")


class PersonForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    org_unit = UnitChoiceField(
        empty_label="— Chọn —", label="Đơn vị quản lý hồ sơ", queryset=OrgUnit.objects.none()
    )
    gender = forms.ChoiceField(
        label="Giới tính", choices=[("", "—"), *Person.Gender.choices], required=False
    )
    birth_year = forms.IntegerField(
        label="Năm sinh", required=False, min_value=1900, max_value=2100
    )
    phone = forms.CharField(label="Điện thoại", max_length=30, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = _units(user)  # type: ignore[attr-defined]


class PositionForm(forms.Form):
    org_unit = UnitChoiceField(
        empty_label="— Chọn —", label="Đơn vị", queryset=OrgUnit.objects.none()
    )
    title = forms.CharField(
        label="Chức danh (ghi như văn bản)",
        max_length=255,
        help_text="Ví dụ: UVTV, Trưởng Ban Dân vận Quận ủy. Giữ nguyên các chữ viết tắt.",
    )
    term = forms.CharField(label="Nhiệm kỳ", max_length=30, required=False)
    start_date = forms.DateField(label="Từ ngày", required=False, widget=DateInput())
    end_date = forms.DateField(label="Đến ngày", required=False, widget=DateInput())
    is_primary = forms.BooleanField(label="Chức vụ chính", required=False, initial=True)
    source = forms.CharField(label="Nguồn", max_length=255, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = _units(user)  # type: ignore[attr-defined]
