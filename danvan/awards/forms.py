from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.awards.models import STATED_MAX, AwardDecision, AwardForm, RecipientKind
from danvan.awards.selectors import REVOKED_CHOICES
from danvan.emulation.models import RECOGNISED_STATES, Campaign, EmulationModel
from danvan.meetings.models import Meeting
from danvan.org import selectors as org_selectors
from danvan.org.forms import DateInput, UnitChoiceField
from danvan.org.models import OrgUnit
from danvan.people.autocomplete import PersonChoiceField
from danvan.people.models import Person


def _units(user: Any, cap: Cap) -> QuerySet[OrgUnit]:
    return org_selectors.org_unit_list(user=user, cap=cap, status="active").order_by("path")


class AwardFilterForm(forms.Form):
    """The list filters; a value that does not parse is ignored, not an error page."""

    q = forms.CharField(required=False, max_length=200)
    org_unit = UnitChoiceField(
        label="Đơn vị (khen hoặc được khen)",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="Tất cả",
    )
    form = forms.ModelChoiceField(
        label="Hình thức", queryset=AwardForm.objects.all(), required=False, empty_label="Tất cả"
    )
    recipient_kind = forms.ChoiceField(
        label="Đối tượng", required=False, choices=[("", "Tất cả"), *RecipientKind.choices]
    )
    year = forms.IntegerField(label="Năm", required=False, min_value=1945, max_value=2100)
    meeting = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    revoked = forms.ChoiceField(label="Hiệu lực", required=False, choices=REVOKED_CHOICES)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = org_selectors.org_unit_list(  # type: ignore[attr-defined]
            user=user, cap=Cap.AWARD_VIEW
        ).order_by("path")

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": (data.get("q") or "").strip(),
            "org_unit": data.get("org_unit"),
            "form": data.get("form"),
            "recipient_kind": data.get("recipient_kind") or "",
            "year": data.get("year"),
            "revoked": data.get("revoked") or "",
        }


class DecisionForm(forms.Form):
    issuer = UnitChoiceField(
        label="Cơ quan ra quyết định", queryset=OrgUnit.objects.none(), empty_label="— Chọn —"
    )
    form = forms.ModelChoiceField(
        label="Hình thức khen thưởng",
        queryset=AwardForm.objects.filter(is_active=True),
        empty_label="— Chọn —",
    )
    decided_on = forms.DateField(label="Ngày quyết định", widget=DateInput())
    reason = forms.CharField(
        label="Thành tích được khen",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Ví dụ: đã có thành tích xuất sắc trong công tác dân vận năm 2019.",
    )
    signer_name = forms.CharField(label="Người ký", max_length=150, required=False)
    signer_title = forms.CharField(
        label="Chức vụ người ký", max_length=150, required=False, help_text="Ví dụ: Phó Bí thư"
    )
    proposed_by = UnitChoiceField(
        label="Đơn vị đề nghị", queryset=OrgUnit.objects.none(), required=False, empty_label="—"
    )
    proposed_on = forms.DateField(label="Ngày đề nghị", required=False, widget=DateInput())
    proposal_reference = forms.CharField(
        label="Số tờ trình đề nghị", max_length=120, required=False
    )
    council_on = forms.DateField(
        label="Ngày họp Hội đồng thi đua, khen thưởng", required=False, widget=DateInput()
    )
    council_opinion = forms.CharField(
        label="Ý kiến Hội đồng thi đua, khen thưởng",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        label="Ghi chú", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    stated_collectives = forms.IntegerField(
        label="Số tập thể theo nguồn",
        min_value=0,
        max_value=STATED_MAX,
        required=False,
        help_text="Khi chưa có danh sách: số mà bài viết, báo cáo nêu. Để trống hoặc 0 nếu không.",
    )
    stated_individuals = forms.IntegerField(
        label="Số cá nhân theo nguồn", min_value=0, max_value=STATED_MAX, required=False
    )
    stated_households = forms.IntegerField(
        label="Số hộ gia đình theo nguồn", min_value=0, max_value=STATED_MAX, required=False
    )
    source = forms.CharField(
        label="Ghi theo nguồn",
        max_length=255,
        required=False,
        help_text="Ví dụ: bài viết trên cổng thông tin ngày 13/01/2023.",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = _units(user, Cap.AWARD_MANAGE)  # type: ignore[attr-defined]
        self.fields["proposed_by"].queryset = _units(user, Cap.ORG_VIEW)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("stated_collectives", "stated_individuals", "stated_households"):
            if name in data and data[name] is None:
                data[name] = 0
        return data


class AwardAddForm(forms.Form):
    recipient_kind = forms.ChoiceField(label="Đối tượng", choices=RecipientKind.choices)
    recipient_unit = UnitChoiceField(
        label="Tập thể là đơn vị trong hệ thống",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="—",
    )
    recipient_person = PersonChoiceField(
        label="Cá nhân là cán bộ trong danh sách",
        queryset=Person.objects.none(),
        required=False,
        empty_label="—",
    )
    recipient_name = forms.CharField(
        label="Hoặc tên tập thể, cá nhân, hộ gia đình",
        max_length=255,
        required=False,
        help_text="Để trống khi đã chọn đơn vị hoặc cán bộ ở trên.",
    )
    recipient_detail = forms.CharField(
        label="Chức vụ, đơn vị công tác (hoặc địa chỉ hộ gia đình)", max_length=255, required=False
    )
    achievement = forms.CharField(
        label="Thành tích",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Để trống: thành tích ghi trong quyết định.",
    )
    meeting = forms.ModelChoiceField(
        label="Trao tại hội nghị",
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="— Không —",
    )
    emulation_model = forms.ModelChoiceField(
        label="Khen thưởng mô hình, điển hình «Dân vận khéo»",
        queryset=EmulationModel.objects.none(),
        required=False,
        empty_label="— Không —",
        help_text="Các mô hình đã được công nhận trong phạm vi cơ quan ra quyết định.",
    )
    campaign = forms.ModelChoiceField(
        label="Hoặc đợt thi đua",
        queryset=Campaign.objects.none(),
        required=False,
        empty_label="— Không —",
    )

    def __init__(self, *args: Any, user: Any, decision: AwardDecision, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient_unit"].queryset = org_selectors.org_unit_list(  # type: ignore[attr-defined]
            user=user, cap=Cap.ORG_VIEW
        ).order_by("path")
        self.fields["recipient_person"].queryset = scoped(  # type: ignore[attr-defined]
            Person.objects.all(), user, Cap.PEOPLE_VIEW
        )
        self.fields["meeting"].queryset = meeting_choices(user=user, decision=decision)  # type: ignore[attr-defined]
        around = decision.issuer.path[: _parent_cut(decision.issuer)]
        self.fields["emulation_model"].queryset = (  # type: ignore[attr-defined]
            scoped(EmulationModel.objects.all(), user, Cap.EMULATION_VIEW)
            .filter(state__in=RECOGNISED_STATES, unit__path__startswith=around)
            .order_by("name")
        )
        self.fields["campaign"].queryset = scoped(  # type: ignore[attr-defined]
            Campaign.objects.all(), user, Cap.EMULATION_VIEW
        ).order_by("-year", "name")


def meeting_choices(*, user: Any, decision: AwardDecision) -> QuerySet[Meeting]:
    """Meetings of the issuer's subtree held from the decision's day to a year later: where
    its awards are presented (tổng kết, sơ kết…)."""
    start = dt.datetime.combine(
        decision.decided_on, dt.time.min, tzinfo=timezone.get_current_timezone()
    )
    meetings = scoped(Meeting.objects.all(), user, Cap.MEETING_VIEW).filter(
        org_unit__path__startswith=decision.issuer.path[: _parent_cut(decision.issuer)],
        starts_at__gte=start,
        starts_at__lt=start + dt.timedelta(days=366),
    )
    return meetings.exclude(status=Meeting.Status.CANCELLED).order_by("starts_at")


def _parent_cut(unit: OrgUnit) -> int:
    """The length of the issuer's parent path: a Quận ủy's awards are presented at a
    meeting its Ban Dân vận organises (a sibling under the same district)."""
    parts = [p for p in unit.path.strip("/").split("/") if p]
    return len("/" + "/".join(parts[:-1]) + "/") if len(parts) > 1 else len(unit.path)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label="Lý do thu hồi", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
