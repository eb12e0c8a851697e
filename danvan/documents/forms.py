from __future__ import annotations

from typing import Any

from django import forms

from danvan.access.roles import Cap
from danvan.core import clock
from danvan.documents import selectors
from danvan.documents.models import (
    Document,
    DocumentRelation,
    DocumentType,
    IssuerNumbering,
    NumberingStyle,
)
from danvan.org.forms import DateInput, UnitChoiceField
from danvan.org.models import OrgUnit
from danvan.org.selectors import org_unit_list

ACCEPT = ".pdf,.docx,.doc,.odt"


def register_units(user: Any) -> Any:
    """Units whose register the user keeps (DOCUMENT_MANAGE), still active."""
    return org_unit_list(user=user, cap=Cap.DOCUMENT_MANAGE, status="active").order_by("path")


def _file_field() -> forms.FileField:
    return forms.FileField(
        label="Tệp văn bản",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text="PDF, DOCX, DOC hoặc ODT. Nội dung tệp được đọc để tìm kiếm.",
    )


class DocumentForm(forms.Form):
    org_unit = UnitChoiceField(
        empty_label="— Chọn —", label="Đơn vị lưu sổ", queryset=OrgUnit.objects.none()
    )
    direction = forms.ChoiceField(label="Sổ", choices=Document.Direction.choices)
    doc_type = forms.ModelChoiceField(
        empty_label="— Chọn —", label="Loại văn bản", queryset=DocumentType.objects.all()
    )
    number = forms.CharField(label="Số", max_length=20, required=False)
    symbol = forms.CharField(
        label="Ký hiệu loại",
        max_length=16,
        required=False,
        help_text="Như văn bản ghi: KH, QĐi, QĐ... (Công văn của Nhà nước, Mặt trận: để trống).",
    )
    issuer_code = forms.CharField(
        label="Ký hiệu cơ quan ban hành",
        max_length=60,
        required=False,
        help_text="Ví dụ TW, TU, QU, UBND, MTTQ-BTT.",
    )
    issuer_name = forms.CharField(
        label="Cơ quan ban hành", max_length=255, required=False, help_text="Ví dụ: Ban Bí thư"
    )
    reference = forms.CharField(
        label="Số và ký hiệu",
        max_length=120,
        required=False,
        help_text="Để trống để tự ghép từ số và ký hiệu (138-KH/QU, 12/QĐ-UBND).",
    )
    issued_on = forms.DateField(label="Ngày ban hành", required=False, widget=DateInput())
    title = forms.CharField(
        label="Trích yếu", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    file = _file_field()
    is_public = forms.BooleanField(label="Công bố trên cổng thông tin", required=False)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = register_units(user)  # type: ignore[attr-defined]
        self.fields["file"].widget.attrs["accept"] = ACCEPT


class IssueForm(forms.Form):
    holder = forms.ModelChoiceField(
        empty_label="— Chọn —",
        label="Cơ quan ban hành",
        queryset=IssuerNumbering.objects.none(),
        help_text="Chỉ các đơn vị đã thiết lập cách đánh số.",
    )
    doc_type = forms.ModelChoiceField(
        empty_label="— Chọn —", label="Loại văn bản", queryset=DocumentType.objects.all()
    )
    issued_on = forms.DateField(label="Ngày ban hành", widget=DateInput())
    title = forms.CharField(
        label="Trích yếu", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    file = _file_field()
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("issued_on", clock.today())
        super().__init__(*args, **kwargs)
        holder = self.fields["holder"]
        holder.queryset = selectors.issuers_managed(user=user)  # type: ignore[attr-defined]
        holder.label_from_instance = lambda n: f"{n.org_unit.name} ({n.issuer_code})"  # type: ignore[attr-defined]


class NumberingForm(forms.Form):
    style = forms.ChoiceField(label="Thể thức", choices=NumberingStyle.choices)
    issuer_code = forms.CharField(
        label="Ký hiệu cơ quan ban hành",
        max_length=40,
        help_text="Đảng: phần sau dấu gạch chéo (QU, BDVQU). Nhà nước: phần sau ký hiệu loại "
        "(UBND). Mặt trận: MTTQ-BTT.",
    )
    term_label = forms.CharField(
        label="Nhiệm kỳ hiện tại",
        max_length=20,
        required=False,
        help_text="Bắt buộc với văn bản Đảng (đánh số lại từ 01 mỗi nhiệm kỳ), ví dụ 2025-2030.",
    )
    term_started_on = forms.DateField(
        label="Nhiệm kỳ bắt đầu từ", required=False, widget=DateInput()
    )
    place_name = forms.CharField(
        label="Địa danh ghi trên văn bản",
        max_length=100,
        required=False,
        help_text="Để trống: tên đơn vị hành chính nơi cơ quan đóng trụ sở (Hoàng Mai, Định "
        "Công). Chỉ ghi khi cần khác, ví dụ TP. Hồ Chí Minh.",
    )


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label="Quan hệ", choices=DocumentRelation.Kind.choices)
    target = forms.IntegerField(widget=forms.HiddenInput)


class MilestoneForm(forms.Form):
    title = forms.CharField(label="Mốc", max_length=255, help_text="Ví dụ: Sơ kết 5 năm")
    due_on = forms.DateField(label="Thời hạn", widget=DateInput())
