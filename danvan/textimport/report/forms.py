"""Forms of «Nhập báo cáo đơn vị»: bring a Word report in, then review what it proposes."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.org.forms import UnitChoiceField
from danvan.org.models import OrgUnit
from danvan.petitions.forms import Text
from danvan.reporting.models import ReportForm
from danvan.textimport.forms import FigureFields
from danvan.textimport.report import selectors

PERIOD_HELP = "Để trống: đọc từ tiêu đề («… tháng 11 năm 2026»). Ví dụ 2026-11, 2026H1."


def _forms() -> Any:
    return ReportForm.objects.filter(is_active=True).order_by("code")


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp báo cáo (Word .docx)")
    org_unit = UnitChoiceField(label="Đơn vị báo cáo", queryset=OrgUnit.objects.none())
    period = Text(label="Kỳ báo cáo", required=False, max_length=8, help_text=PERIOD_HELP)
    form = forms.ModelChoiceField(
        label="Biểu mẫu",
        queryset=ReportForm.objects.none(),
        required=False,
        empty_label="— Biểu mẫu hợp với đơn vị và kỳ —",
        to_field_name="code",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = selectors.units_for(user)
        self.fields["org_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["form"].queryset = _forms()  # type: ignore[attr-defined]
        if not self.initial.get("org_unit"):
            only = list(units[:2])
            if len(only) == 1:  # a ward's reporter reports for one unit: no choice to make
                self.initial["org_unit"] = only[0].pk


class ReviewForm(forms.Form):
    """The report's target (form, period) and one text per narrative section; a section
    the report already holds another text for offers «thay thế»."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)
    form = forms.ModelChoiceField(
        label="Biểu mẫu", queryset=ReportForm.objects.none(), to_field_name="code"
    )
    period = Text(label="Kỳ báo cáo", max_length=8)

    def __init__(
        self,
        *args: Any,
        sections: list[tuple[str, str]],
        stored: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = _forms()  # type: ignore[attr-defined]
        self.sections = sections
        self.stored = stored
        for code, title in sections:
            self.fields[f"n_{code}"] = forms.CharField(
                label=title,
                required=False,
                max_length=50_000,
                widget=forms.Textarea(attrs={"rows": 6}),
            )
            if code in stored:
                self.fields[f"r_{code}"] = forms.BooleanField(
                    label="Thay thế nội dung báo cáo đang có", required=False
                )

    def rows(self) -> list[dict[str, Any]]:
        """Each section's field, its «thay thế» box and the text the report holds now."""
        return [
            {
                "code": code,
                "field": self[f"n_{code}"],
                "replace": self[f"r_{code}"] if code in self.stored else None,
                "stored": self.stored.get(code, ""),
            }
            for code, _ in self.sections
        ]

    def narrative(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"n_{code}") or "" for code, _ in self.sections}

    def replace(self) -> set[str]:
        return {code for code, _ in self.sections if self.cleaned_data.get(f"r_{code}")}


class FigureRowForm(FigureFields):
    text = forms.CharField(widget=forms.HiddenInput, required=False, max_length=300)
    flag = forms.CharField(widget=forms.HiddenInput, required=False, max_length=300)
    note = forms.CharField(widget=forms.HiddenInput, required=False, max_length=300)

    def __init__(
        self, *args: Any, choices: list[tuple[str, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.offer(choices or [])


class _FiguresBase(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        self.choices = choices
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "choices": self.choices}


FiguresFormSet = forms.formset_factory(
    FigureRowForm, formset=_FiguresBase, extra=0, max_num=300, validate_max=True
)
