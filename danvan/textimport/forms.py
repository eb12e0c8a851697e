"""Forms of the text import: bring a text in, then review what it proposes."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.access.roles import Cap
from danvan.awards.models import STATED_MAX, AwardForm
from danvan.meetings.models import Attendance, MeetingKind
from danvan.org import selectors as org_selectors
from danvan.org.forms import DateInput, UnitChoiceField
from danvan.org.models import OrgUnit
from danvan.petitions.forms import Text
from danvan.reporting.models import Indicator
from danvan.textimport import matching
from danvan.textimport.sources import MAX_TEXT

UPLOAD_HELP = "Văn bản (.txt), trang web đã lưu (.html), Word (.docx) hoặc PDF."
NEW, ONLY_NAME = "moi", ""


class BringForm(forms.Form):
    text = Text(
        label="Dán nội dung bài viết (hoặc mã nguồn trang web)",
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    file = forms.FileField(label="Hoặc chọn tệp", required=False, help_text=UPLOAD_HELP)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError("Dán nội dung bài viết hoặc chọn một tệp.")
        return data


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)
    title = Text(label="Tên hội nghị", max_length=500)
    org_unit = UnitChoiceField(label="Đơn vị tổ chức", queryset=OrgUnit.objects.none())
    kind = forms.ModelChoiceField(label="Loại hội nghị", queryset=MeetingKind.objects.none())
    held_on = forms.DateField(label="Ngày họp", widget=DateInput())
    place = Text(label="Địa điểm", required=False, max_length=255)
    period_code = Text(
        label="Kỳ đánh giá (2023-02, 2023Q1, 2023H1, 2023)", required=False, max_length=8
    )
    make_report = forms.BooleanField(
        label="Tạo báo cáo nháp từ các số liệu được chọn", required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = matching.units_for(user).order_by("path")  # type: ignore[attr-defined]
        self.fields["kind"].queryset = MeetingKind.objects.filter(is_active=True).order_by(  # type: ignore[attr-defined]
            "sort_order", "name"
        )


class PersonRowForm(forms.Form):
    include = forms.BooleanField(label="Ghi nhận", required=False)
    name = Text(label="Họ và tên", max_length=150)
    position = Text(label="Chức vụ (như bài viết)", required=False, max_length=255)
    role = forms.ChoiceField(label="Vai trò", choices=Attendance.Role.choices)
    match = forms.ChoiceField(label="Cán bộ trong hệ thống", required=False)

    def __init__(
        self, *args: Any, choices: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["match"].choices = choices or [  # type: ignore[attr-defined]
            (NEW, "Tạo cán bộ mới"),
            (ONLY_NAME, "Chỉ ghi tên, chức vụ"),
        ]


class FigureFields(forms.Form):
    """A figure read from a text, to take or leave: its indicator and value (the article's
    and the unit report's review rows)."""

    include = forms.BooleanField(label="Lấy", required=False)
    indicator = forms.ChoiceField(label="Chỉ tiêu", required=False)
    value = forms.DecimalField(
        label="Giá trị", max_digits=18, decimal_places=4, min_value=0, max_value=10**13
    )

    def offer(self, choices: list[tuple[str, str]]) -> None:
        field = self.fields["indicator"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "— Không lấy —"), *choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("include") and not data.get("indicator"):
            self.add_error("indicator", "Chọn chỉ tiêu cho số liệu được lấy.")
        return data


class FigureRowForm(FigureFields):
    text = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stored = (
            Indicator.objects.filter(numerator=None).order_by("code").values_list("code", "name")
        )
        self.offer([(c, f"{c} — {n}") for c, n in stored])


class AwardRowForm(forms.Form):
    """One decision the article states by its numbers (danvan/textimport/awards.py)."""

    include = forms.BooleanField(label="Ghi vào sổ khen thưởng", required=False)
    form = forms.ModelChoiceField(
        label="Hình thức", queryset=AwardForm.objects.none(), required=False, empty_label="— Chọn —"
    )
    issuer = UnitChoiceField(
        label="Cơ quan khen thưởng",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="— Đơn vị tổ chức —",
    )
    collectives = forms.IntegerField(label="Số tập thể", min_value=0, max_value=STATED_MAX)
    individuals = forms.IntegerField(label="Số cá nhân", min_value=0, max_value=STATED_MAX)
    reason = Text(label="Thành tích được khen", required=False, max_length=500)
    text = forms.CharField(widget=forms.HiddenInput, required=False, max_length=600)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = AwardForm.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["issuer"].queryset = org_selectors.org_unit_list(  # type: ignore[attr-defined]
            user=user, cap=Cap.AWARD_MANAGE, status="active"
        ).order_by("path")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("include"):
            if not data.get("form"):
                self.add_error("form", "Chọn hình thức khen thưởng.")
            if not (data.get("reason") or "").strip():
                self.add_error("reason", "Nhập thành tích được khen (lý do của quyết định).")
            if not (data.get("collectives") or data.get("individuals")):
                self.add_error("collectives", "Nhập số tập thể hoặc cá nhân được khen.")
        return data


class _AwardsBase(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "user": self.user}


class _PeopleBase(forms.BaseFormSet):  # type: ignore[type-arg]
    """Each row offers the people its name matched (``row_choices``, in row order)."""

    def __init__(self, *args: Any, row_choices: list[list[tuple[str, str]]], **kwargs: Any) -> None:
        self.row_choices = row_choices
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs = super().get_form_kwargs(index)
        if index is not None and index < len(self.row_choices):
            kwargs["choices"] = self.row_choices[index]
        return kwargs


PeopleFormSet = forms.formset_factory(
    PersonRowForm, formset=_PeopleBase, extra=0, max_num=200, validate_max=True
)
FiguresFormSet = forms.formset_factory(FigureRowForm, extra=0, max_num=200, validate_max=True)
AwardsFormSet = forms.formset_factory(
    AwardRowForm, formset=_AwardsBase, extra=0, max_num=50, validate_max=True
)
