from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.documents.autocomplete import DocumentChoiceField
from danvan.documents.models import Document
from danvan.meetings.models import MeetingKind
from danvan.org import selectors as org_selectors
from danvan.org.forms import DateInput, UnitChoiceField, UnitMultipleChoiceField
from danvan.org.models import OrgUnit
from danvan.tasks.models import ProgrammeItem, TaskStatus
from danvan.tasks.selectors import SOURCES, STATUS_TABS


def units_for(user: Any, cap: Cap) -> Any:
    return org_selectors.org_unit_list(user=user, cap=cap, status="active").order_by("path")


class TaskForm(forms.Form):
    title = forms.CharField(
        label="Nhiệm vụ", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    description = forms.CharField(
        label="Nội dung, yêu cầu", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    owner_unit = UnitChoiceField(
        label="Đơn vị giao, theo dõi",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="— Theo nguồn nhiệm vụ —",
        help_text="Để trống: đơn vị tổ chức hội nghị, đơn vị của chương trình hoặc đơn vị "
        "lưu văn bản.",
    )
    lead_unit = UnitChoiceField(
        label="Đơn vị chủ trì", queryset=OrgUnit.objects.none(), empty_label="— Chọn —"
    )
    co_units = UnitMultipleChoiceField(
        label="Đơn vị phối hợp",
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text="Gõ tên để thêm từng đơn vị; bấm × để bỏ.",
    )
    deadline = forms.DateField(label="Thời hạn", required=False, widget=DateInput())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = units_for(user, Cap.TASK_MANAGE)  # type: ignore[attr-defined]
        reachable = units_for(user, Cap.ORG_VIEW)
        self.fields["lead_unit"].queryset = reachable  # type: ignore[attr-defined]
        self.fields["co_units"].queryset = reachable  # type: ignore[attr-defined]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name. Their type and size are judged by the service (by
    content), so every refusal names its file and nothing is saved when one is bad."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        return list(data) if isinstance(data, list | tuple) else [data]


class ProgressForm(forms.Form):
    progress = forms.IntegerField(
        label="Tiến độ (%)",
        min_value=0,
        max_value=100,
        error_messages={
            "required": "Nhập tiến độ (0–100%).",
            "invalid": "Tiến độ là một số từ 0 đến 100.",
            "min_value": "Tiến độ không nhỏ hơn 0%%.",
            "max_value": "Tiến độ không vượt quá 100%%.",
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    note = forms.CharField(
        label="Nội dung đã thực hiện",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Nhập nội dung đã thực hiện."},
    )
    done = forms.BooleanField(label="Đã hoàn thành nhiệm vụ", required=False)
    evidence = MultipleFileField(
        label="Minh chứng",
        required=False,
        help_text="PDF, Word, ODT, Excel hoặc ảnh PNG/JPEG; có thể chọn nhiều tệp.",
    )

    def status(self) -> str | None:
        return TaskStatus.DONE if self.cleaned_data.get("done") else None


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Lý do",
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Nhập lý do."},
    )


class TaskFilterForm(forms.Form):
    """The list filters; a value that does not parse is ignored, not an error page."""

    q = forms.CharField(required=False)
    status = forms.ChoiceField(required=False, choices=[("", ""), *STATUS_TABS])
    org_unit = UnitChoiceField(
        label="Đơn vị (chủ trì hoặc giao)",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="Tất cả",
    )
    source = forms.ChoiceField(
        label="Nguồn", required=False, choices=[("", "Tất cả"), *SOURCES.items()]
    )
    deadline_from = forms.DateField(label="Thời hạn từ", required=False, widget=DateInput())
    deadline_to = forms.DateField(label="đến", required=False, widget=DateInput())
    # By default "my unit" reaches the units under it: a board officer of a district
    # follows what its MTTQ and unions were given. Ticking this narrows to the unit itself.
    rieng = forms.BooleanField(
        label="Chỉ chính đơn vị tôi (không gồm đơn vị trực thuộc)", required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units_for(user, Cap.ORG_VIEW)  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": (data.get("q") or "").strip(),
            "org_unit": data.get("org_unit"),
            "source": data.get("source") or "",
            "deadline_from": data.get("deadline_from"),
            "deadline_to": data.get("deadline_to"),
        }


class ProgrammeForm(forms.Form):
    org_unit = UnitChoiceField(
        label="Đơn vị", queryset=OrgUnit.objects.none(), empty_label="— Chọn —"
    )
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    title = forms.CharField(
        label="Tên chương trình",
        max_length=500,
        help_text="Ví dụ: Chương trình công tác năm 2023 của Ban Dân vận Quận ủy.",
    )
    document = DocumentChoiceField(
        label="Văn bản ban hành",
        queryset=Document.objects.none(),
        required=False,
        empty_label="— Không chọn —",
    )

    def __init__(self, *args: Any, user: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["org_unit"]
        else:
            self.fields["org_unit"].queryset = units_for(user, Cap.TASK_MANAGE)  # type: ignore[attr-defined]
        documents = scoped(Document.objects.complete(), user, Cap.DOCUMENT_VIEW)
        self.fields["document"].queryset = documents.select_related("doc_type")  # type: ignore[attr-defined]


class ProgrammeItemForm(forms.Form):
    month = forms.TypedChoiceField(
        label="Tháng", coerce=int, choices=[(m, f"Tháng {m}") for m in range(1, 13)]
    )
    title = forms.CharField(
        label="Nội dung", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    kind = forms.ChoiceField(label="Loại", choices=ProgrammeItem.Kind.choices)
    lead_unit = UnitChoiceField(
        label="Đơn vị chủ trì",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="— Đơn vị của chương trình —",
    )
    meeting_kind = forms.ModelChoiceField(
        label="Loại hội nghị",
        queryset=MeetingKind.objects.filter(is_active=True),
        required=False,
        help_text="Chỉ với nội dung là hội nghị.",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units_for(user, Cap.ORG_VIEW)  # type: ignore[attr-defined]
