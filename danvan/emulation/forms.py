"""Forms of the register: campaigns, models, progress, moves, evaluation, recognition."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.documents.autocomplete import DocumentChoiceField
from danvan.documents.models import Document
from danvan.emulation.models import (
    Campaign,
    CampaignKind,
    EmulationModel,
    Field,
    Holder,
    Kind,
    RecognitionLevel,
    State,
)
from danvan.org import selectors as org_selectors
from danvan.org.forms import DateInput, UnitChoiceField, UnitMultipleChoiceField
from danvan.org.models import OrgUnit
from danvan.people.autocomplete import PersonMultipleChoiceField
from danvan.people.models import Person
from danvan.tasks.forms import MultipleFileField

TEXTAREA = {"rows": 3}
# Extra states of the list's filter: groups of states.
STATE_GROUPS = [
    ("hieu_qua", "Có hiệu quả (đang thực hiện trở đi)"),
    ("da_cong_nhan", "Đã công nhận"),
]


def units_for(user: Any, cap: Cap) -> Any:
    return org_selectors.org_unit_list(user=user, cap=cap, status="active").order_by("path")


def _money_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=Decimal(0),
        max_value=Decimal("999999999"),
        decimal_places=1,
        max_digits=14,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class CampaignForm(forms.Form):
    name = forms.CharField(label="Tên đợt thi đua", max_length=300)
    kind = forms.ChoiceField(label="Loại", choices=CampaignKind.choices)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    launching_unit = UnitChoiceField(
        label="Đơn vị phát động", queryset=OrgUnit.objects.none(), empty_label="— Chọn —"
    )
    document = DocumentChoiceField(
        label="Văn bản phát động",
        queryset=Document.objects.none(),
        required=False,
        empty_label="— Không chọn —",
        help_text="Gõ số, ký hiệu hoặc trích yếu (không cần dấu).",
    )
    starts_on = forms.DateField(label="Từ ngày", widget=DateInput())
    ends_on = forms.DateField(label="Đến ngày", widget=DateInput())
    registration_deadline = forms.DateField(label="Hạn đăng ký", required=False, widget=DateInput())
    levels = forms.ModelMultipleChoiceField(
        label="Các cấp công nhận",
        queryset=RecognitionLevel.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label="Nội dung, yêu cầu", required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    criteria_text = forms.CharField(
        label="Tiêu chí chấm điểm",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Mỗi dòng một tiêu chí: tên | điểm tối đa. Ví dụ: «Có địa chỉ cụ thể | 10».",
    )
    milestones_text = forms.CharField(
        label="Mốc đánh giá",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi dòng một mốc: tên | ngày (dd/mm/yyyy). Ví dụ: «Sơ kết 6 tháng | 30/6/2026».",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["launching_unit"].queryset = units_for(user, Cap.EMULATION_CAMPAIGN)  # type: ignore[attr-defined]
        documents = scoped(Document.objects.complete(), user, Cap.DOCUMENT_VIEW)
        self.fields["document"].queryset = documents.select_related("doc_type")  # type: ignore[attr-defined]

    def clean_criteria_text(self) -> list[tuple[str, Decimal]]:
        rows: list[tuple[str, Decimal]] = []
        for number, line in enumerate(self.cleaned_data["criteria_text"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _, score = line.rpartition("|")
            try:
                value = Decimal(score.strip().replace(",", "."))
            except ArithmeticError:
                value = Decimal(-1)
            if not name.strip() or not value.is_finite() or value <= 0 or value > 1000:
                raise forms.ValidationError(
                    f"Dòng {number}: viết «tên tiêu chí | điểm tối đa» (điểm từ 0 đến 1.000)."
                )
            rows.append((name.strip(), value))
        return rows

    def clean_milestones_text(self) -> list[tuple[str, dt.date]]:
        rows: list[tuple[str, dt.date]] = []
        for number, line in enumerate(self.cleaned_data["milestones_text"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _, day = line.rpartition("|")
            try:
                parsed = dt.datetime.strptime(day.strip(), "%d/%m/%Y").date()
            except ValueError:
                parsed = None
            if not name.strip() or parsed is None:
                raise forms.ValidationError(f"Dòng {number}: viết «tên mốc | dd/mm/yyyy».")
            rows.append((name.strip(), parsed))
        return rows

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["criteria"] = data.pop("criteria_text")
        data["milestones"] = data.pop("milestones_text")
        return data


def campaign_initial(campaign: Campaign) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(campaign, name)
        for name in (
            "name",
            "kind",
            "year",
            "launching_unit",
            "document",
            "starts_on",
            "ends_on",
            "registration_deadline",
            "description",
        )
    }
    initial["levels"] = list(campaign.levels.all())
    initial["criteria_text"] = "\n".join(
        f"{c.name} | {c.max_score.normalize():f}" for c in campaign.criteria.all()
    )
    initial["milestones_text"] = "\n".join(
        f"{m.name} | {m.due_on:%d/%m/%Y}" for m in campaign.milestones.all()
    )
    return initial


class ModelForm(forms.Form):
    """Phiếu đăng ký mô hình, điển hình (the fields of the 2026 ward Front form)."""

    campaign = forms.ModelChoiceField(label="Đợt thi đua", queryset=Campaign.objects.none())
    unit = UnitChoiceField(
        label="Đơn vị đăng ký", queryset=OrgUnit.objects.none(), empty_label="— Chọn —"
    )
    name = forms.CharField(label="Tên mô hình, điển hình", max_length=300)
    kind = forms.ChoiceField(label="Loại", choices=Kind.choices)
    holder = forms.ChoiceField(label="Tập thể / cá nhân", choices=Holder.choices)
    field = forms.ModelChoiceField(
        label="Lĩnh vực", queryset=Field.objects.filter(is_active=True), empty_label="— Chọn —"
    )
    address = forms.CharField(label="Địa chỉ, địa bàn", max_length=300)
    beneficiaries = forms.CharField(
        label="Đối tượng thụ hưởng", required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    lead_unit = UnitChoiceField(
        label="Lực lượng chủ trì",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="— Đơn vị đăng ký —",
    )
    partner_units = UnitMultipleChoiceField(
        label="Lực lượng phối hợp", queryset=OrgUnit.objects.none(), required=False
    )
    people = PersonMultipleChoiceField(
        label="Người thực hiện / điển hình",
        queryset=Person.objects.none(),
        required=False,
        help_text="Gõ tên để thêm từng người.",
    )
    rationale = forms.CharField(
        label="Thực trạng, lý do", required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    goals = forms.CharField(
        label="Mục tiêu, tiêu chí", required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    method = forms.CharField(
        label="Nội dung, cách thức thực hiện",
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    resources = forms.CharField(
        label="Nguồn lực", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    funds = _money_field("Kinh phí (triệu đồng)")
    socialised_funds = _money_field("Xã hội hóa (triệu đồng)")
    workdays = forms.IntegerField(
        label="Ngày công", required=False, min_value=0, max_value=10_000_000
    )
    starts_on = forms.DateField(label="Bắt đầu", required=False, widget=DateInput())
    ends_on = forms.DateField(label="Kết thúc dự kiến", required=False, widget=DateInput())
    timeline = forms.CharField(
        label="Thời gian, mốc đánh giá", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    outputs = forms.CharField(
        label="Sản phẩm đầu ra (kiểm chứng được)",
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    sustainability = forms.CharField(
        label="Khả năng duy trì, nhân rộng", required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    summary = forms.CharField(
        label="Tóm tắt kết quả (đăng cổng thông tin)",
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(self, *args: Any, user: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["campaign"]
            del self.fields["unit"]
        else:
            campaigns = scoped(Campaign.objects.all(), user, Cap.EMULATION_VIEW)
            self.fields["campaign"].queryset = campaigns.order_by("-year", "name")  # type: ignore[attr-defined]
            self.fields["unit"].queryset = units_for(user, Cap.EMULATION_REGISTER)  # type: ignore[attr-defined]
        reachable = units_for(user, Cap.ORG_VIEW)
        self.fields["lead_unit"].queryset = reachable  # type: ignore[attr-defined]
        self.fields["partner_units"].queryset = reachable  # type: ignore[attr-defined]
        people = scoped(Person.objects.all(), user, Cap.PEOPLE_VIEW)
        self.fields["people"].queryset = people  # type: ignore[attr-defined]


def model_initial(model: EmulationModel) -> dict[str, Any]:
    from danvan.emulation.services import EDITABLE

    initial = {
        name: getattr(model, name) for name in EDITABLE if name not in ("partner_units", "people")
    }
    initial["partner_units"] = list(model.partner_units.all())
    initial["people"] = list(model.people.all())
    return initial


class NoteForm(forms.Form):
    noted_on = forms.DateField(label="Ngày", required=False, widget=DateInput())
    text = forms.CharField(
        label="Nội dung đã thực hiện, kết quả",
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={"required": "Nhập nội dung đã thực hiện."},
    )
    evidence = MultipleFileField(
        label="Minh chứng, hình ảnh",
        required=False,
        help_text="Ảnh PNG/JPEG, PDF, Word, ODT hoặc Excel; xét theo nội dung tệp.",
    )
    caption = forms.CharField(label="Chú thích ảnh", max_length=300, required=False)


class MoveForm(forms.Form):
    move = forms.CharField(widget=forms.HiddenInput)
    on = forms.DateField(label="Ngày", required=False, widget=DateInput())
    note = forms.CharField(
        label="Ghi chú (lý do dừng, kết quả sơ kết…)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class EvaluationForm(forms.Form):
    on = forms.DateField(label="Ngày đánh giá", required=False, widget=DateInput())
    comment = forms.CharField(
        label="Nhận xét của người đánh giá",
        widget=forms.Textarea(attrs=TEXTAREA),
        error_messages={"required": "Nhập nhận xét của người đánh giá."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, model: EmulationModel, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(model.campaign.criteria.all())
        for criterion in self.criteria:
            self.fields[f"diem_{criterion.pk}"] = forms.DecimalField(
                label=f"{criterion.name} (tối đa {criterion.max_score.normalize():f})",
                min_value=Decimal(0),
                max_value=criterion.max_score,
                max_digits=6,
                decimal_places=2,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )

    def scores(self) -> dict[int, Decimal]:
        return {c.pk: self.cleaned_data[f"diem_{c.pk}"] for c in self.criteria}


class RecogniseForm(forms.Form):
    level = forms.ModelChoiceField(
        label="Cấp công nhận", queryset=RecognitionLevel.objects.none(), empty_label="— Chọn —"
    )
    on = forms.DateField(label="Ngày công nhận", required=False, widget=DateInput())
    note = forms.CharField(
        label="Căn cứ, ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, model: EmulationModel, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = model.campaign.levels.all()  # type: ignore[attr-defined]


class ModelFilterForm(forms.Form):
    """The list filters; a value that does not parse is ignored, not an error page."""

    q = forms.CharField(required=False)
    campaign = forms.ModelChoiceField(
        label="Đợt thi đua", queryset=Campaign.objects.none(), required=False, empty_label="Tất cả"
    )
    don_vi = UnitChoiceField(
        label="Đơn vị", queryset=OrgUnit.objects.none(), required=False, empty_label="Tất cả"
    )
    linh_vuc = forms.ModelChoiceField(
        label="Lĩnh vực",
        queryset=Field.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="Tất cả",
    )
    state = forms.ChoiceField(
        label="Tình trạng", required=False, choices=[("", "Tất cả"), *STATE_GROUPS, *State.choices]
    )
    cap = forms.ModelChoiceField(
        label="Cấp công nhận",
        queryset=RecognitionLevel.objects.all(),
        to_field_name="code",
        required=False,
        empty_label="Tất cả",
    )
    nam = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)
    tu = forms.DateField(label="Từ ngày", required=False, widget=DateInput())
    den = forms.DateField(label="Đến ngày", required=False, widget=DateInput())
    theo = forms.ChoiceField(
        label="Tính ngày theo",
        required=False,
        choices=[("", "Ngày đăng ký"), ("cong_nhan", "Ngày công nhận")],
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        campaigns = scoped(Campaign.objects.all(), user, Cap.EMULATION_VIEW)
        self.fields["campaign"].queryset = campaigns.order_by("-year", "name")  # type: ignore[attr-defined]
        self.fields["don_vi"].queryset = units_for(user, Cap.EMULATION_VIEW)  # type: ignore[attr-defined]

    def filters(self) -> Any:
        from danvan.emulation.selectors import ModelFilters

        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return ModelFilters(
            q=(data.get("q") or "").strip(),
            campaign=data.get("campaign"),
            unit=data.get("don_vi"),
            field=data.get("linh_vuc"),
            state=data.get("state") or "",
            level=data.get("cap"),
            year=data.get("nam"),
            start=data.get("tu"),
            end=data.get("den"),
            recognised=data.get("theo") == "cong_nhan",
        )


class StatsForm(forms.Form):
    don_vi = UnitChoiceField(
        label="Đơn vị", queryset=OrgUnit.objects.none(), required=False, empty_label="Tất cả"
    )
    campaign = forms.ModelChoiceField(
        label="Đợt thi đua", queryset=Campaign.objects.none(), required=False, empty_label="Tất cả"
    )
    nam = forms.IntegerField(label="Năm", required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        campaigns = scoped(Campaign.objects.all(), user, Cap.EMULATION_VIEW)
        self.fields["campaign"].queryset = campaigns.order_by("-year", "name")  # type: ignore[attr-defined]
        self.fields["don_vi"].queryset = units_for(user, Cap.EMULATION_VIEW)  # type: ignore[attr-defined]
