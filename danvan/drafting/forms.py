from __future__ import annotations

from typing import Any

from django import forms

from danvan.access.roles import Cap
from danvan.documents.selectors import issuers_managed
from danvan.org.forms import UnitChoiceField
from danvan.org.models import OrgUnit
from danvan.org.selectors import org_unit_list


def drafting_units(user: Any) -> Any:
    """Units whose subtree the user may compile (DOCUMENT_MANAGE). Closed units stay in
    the list: their past periods can still be compiled, only not issued."""
    return org_unit_list(user=user, cap=Cap.DOCUMENT_MANAGE).order_by("path")


class _UnitField(UnitChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        label = super().label_from_instance(obj)
        return f"{label} (đã ngừng hoạt động)" if obj.is_historical else label


class DraftCreateForm(forms.Form):
    org_unit = _UnitField(
        empty_label="— Chọn —",
        label="Đơn vị (tổng hợp cả các đơn vị trực thuộc)",
        queryset=OrgUnit.objects.none(),
    )
    period = forms.CharField(
        label="Kỳ báo cáo",
        max_length=16,
        help_text="Ví dụ 2023-02 (tháng), 2023Q1 (quý), 2023H1 (6 tháng), 2023 (năm).",
        widget=forms.TextInput(attrs={"list": "drafting-periods", "autocomplete": "off"}),
    )
    issuer = forms.ModelChoiceField(
        label="Cơ quan ban hành",
        required=False,
        queryset=OrgUnit.objects.none(),
        empty_label="Mặc định: Ban Dân vận của đơn vị (hoặc chính đơn vị)",
        help_text="Chỉ các đơn vị đã thiết lập cách đánh số văn bản.",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = drafting_units(user)  # type: ignore[attr-defined]
        issuer_ids = issuers_managed(user=user).values_list("org_unit_id", flat=True)
        self.fields["issuer"].queryset = OrgUnit.objects.filter(  # type: ignore[attr-defined]
            pk__in=issuer_ids
        ).order_by("path")


class DraftHeadForm(forms.Form):
    """The parts of a draft around the body: trích yếu, nơi nhận, the signature."""

    subject = forms.CharField(
        label="Trích yếu", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    recipients = forms.CharField(
        label="Nơi nhận (mỗi dòng một nơi)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    authority = forms.CharField(
        label="Quyền hạn ký",
        required=False,
        max_length=100,
        help_text="T/M BAN THƯỜNG VỤ, K/T TRƯỞNG BAN, T/L… (để trống nếu người đứng đầu ký).",
    )
    title = forms.CharField(label="Chức vụ người ký", required=False, max_length=200)
    name = forms.CharField(label="Họ và tên người ký", required=False, max_length=200)
