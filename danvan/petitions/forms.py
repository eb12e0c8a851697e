"""Forms of the petition pages. They parse and bound the input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from danvan.access.roles import Cap
from danvan.core.period_picker import PeriodField
from danvan.documents.autocomplete import DocumentChoiceField
from danvan.documents.models import Document
from danvan.lib import periods
from danvan.org import selectors as org_selectors
from danvan.org.forms import DateInput, UnitChoiceField
from danvan.org.models import OrgUnit
from danvan.petitions.models import (
    Channel,
    Forwarding,
    LetterKind,
    Petition,
    PetitionKind,
    ReceptionSession,
    Stage,
)
from danvan.petitions.selectors import DUE_CHOICES

YES_NO = [("1", "Có"), ("0", "Không")]
_BLANK = [("", "— Tất cả —")]


def petition_units(user: Any, cap: Cap = Cap.PETITION_MANAGE) -> Any:
    return org_selectors.org_unit_list(user=user, cap=cap, status="active").order_by("path")


class Text(forms.CharField):
    """A text field that refuses NUL bytes with a message naming the field (a 400, not a
    database error)."""

    def clean(self, value: Any) -> Any:
        if isinstance(value, str) and "\x00" in value:
            raise forms.ValidationError(f"«{self.label}» chứa ký tự không hợp lệ.")
        return super().clean(value)


class PetitionFilterForm(forms.Form):
    q = Text(label="Tìm (không cần dấu)", required=False, max_length=200)
    giai_doan = forms.ChoiceField(label="Giai đoạn", required=False, choices=_BLANK + Stage.choices)
    loai = forms.ChoiceField(
        label="Loại đơn", required=False, choices=_BLANK + PetitionKind.choices
    )
    nguon = forms.ChoiceField(label="Nguồn đơn", required=False, choices=_BLANK + Channel.choices)
    han = forms.ChoiceField(label="Thời hạn", required=False, choices=_BLANK + list(DUE_CHOICES))
    don_vi = UnitChoiceField(
        label="Đơn vị", queryset=OrgUnit.objects.none(), required=False, empty_label="— Tất cả —"
    )
    tu = forms.DateField(label="Nhận từ ngày", required=False, widget=DateInput())
    den = forms.DateField(label="Nhận đến ngày", required=False, widget=DateInput())
    trung = forms.BooleanField(label="Chỉ đơn trùng, nghi trùng", required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].queryset = org_selectors.org_unit_list(  # type: ignore[attr-defined]
            user=user, cap=Cap.PETITION_VIEW
        ).order_by("path")

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {
            "q": d["q"],
            "stage": d["giai_doan"],
            "kind": d["loai"],
            "channel": d["nguon"],
            "due": d["han"],
            "org_unit": d["don_vi"],
            "received_from": d["tu"],
            "received_to": d["den"],
            "duplicates": d["trung"],
        }


class PetitionForm(forms.Form):
    org_unit = forms.ModelChoiceField(
        label="Đơn vị tiếp nhận", queryset=OrgUnit.objects.none(), empty_label="— Chọn —"
    )
    received_on = forms.DateField(label="Ngày nhận đơn", widget=DateInput())
    channel = forms.ChoiceField(label="Nguồn đơn", choices=Channel.choices)
    kind = forms.ChoiceField(
        label="Loại đơn (nếu đã rõ)",
        choices=PetitionKind.choices,
        initial=PetitionKind.UNCLASSIFIED,
    )
    subject = Text(label="Nội dung đơn", widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
    concerned_body = Text(
        label="Cơ quan, người bị khiếu nại, tố cáo, kiến nghị", required=False, max_length=300
    )
    anonymous = forms.BooleanField(label="Đơn nặc danh (không ghi người đứng đơn)", required=False)
    full_name = Text(label="Họ và tên người đứng đơn", required=False, max_length=200)
    address = Text(label="Địa chỉ", required=False, max_length=300)
    phone = Text(label="Điện thoại", required=False, max_length=20)
    id_number = Text(label="Số CCCD/CMND (không bắt buộc)", required=False, max_length=12)
    group_size = forms.IntegerField(
        label="Số người cùng đứng đơn", min_value=1, max_value=10000, initial=1
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = petition_units(user)  # type: ignore[attr-defined]

    def service_args(self) -> dict[str, Any]:
        d = self.cleaned_data
        people = (
            []
            if d["anonymous"]
            else [{k: d[k] for k in ("full_name", "address", "phone", "id_number")}]
        )
        return {
            "org_unit": d["org_unit"],
            "received_on": d["received_on"],
            "channel": d["channel"],
            "kind": d["kind"],
            "subject": d["subject"],
            "concerned_body": d["concerned_body"],
            "anonymous": d["anonymous"],
            "petitioners": [p for p in people if p["full_name"]],
            "group_size": d["group_size"],
        }


class PetitionEditForm(forms.Form):
    subject = Text(label="Nội dung đơn", widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)
    concerned_body = Text(
        label="Cơ quan, người bị khiếu nại, tố cáo, kiến nghị", required=False, max_length=300
    )
    group_size = forms.IntegerField(label="Số người cùng đứng đơn", min_value=1, max_value=10000)
    complex_case = forms.BooleanField(label="Vụ việc phức tạp", required=False)


class ClassifyForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại đơn", choices=[c for c in PetitionKind.choices if c[0] != "chua_phan_loai"]
    )
    eligible = forms.TypedChoiceField(
        label="Đủ điều kiện xử lý", choices=YES_NO, coerce=lambda v: v == "1"
    )
    competent = forms.TypedChoiceField(
        label="Thuộc thẩm quyền", choices=YES_NO, coerce=lambda v: v == "1"
    )
    complex_case = forms.BooleanField(label="Vụ việc phức tạp", required=False)
    note = Text(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))


STEPS = {
    "thu_ly": "Thụ lý",
    "huong_dan": "Hướng dẫn công dân",
    "luu_don": "Lưu đơn",
    "xac_minh": "Xác minh",
    "giai_quyet": "Giải quyết",
    "tra_loi": "Trả lời công dân",
    "theo_doi": "Theo dõi thực hiện",
    "ket_thuc": "Kết thúc",
}


class StepForm(forms.Form):
    to = forms.ChoiceField(label="Bước tiếp theo", choices=list(STEPS.items()))
    note = Text(
        label="Nội dung (hướng dẫn, lý do, kết quả, trả lời)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10000,
    )


def forward_targets(petition: Petition) -> Any:
    """Bodies near the petition's unit: those of its place and of every place above (a
    ward's Front forwards to the ward's UBND, a district's bodies, the city's)."""
    unit = petition.org_unit
    paths = [
        unit.path,
        *(
            f"/{'/'.join(unit.path.strip('/').split('/')[:n])}/"
            for n in range(1, unit.path.strip("/").count("/") + 1)
        ),
    ]
    near = Q(parent__path__in=paths) | Q(path__in=paths)
    return (
        OrgUnit.objects.filter(near, kind__is_place=False)
        .filter(Q(valid_to__isnull=True))
        .exclude(pk=unit.pk)
        .order_by("path")
    )


class ForwardForm(forms.Form):
    to_unit = forms.ModelChoiceField(
        label="Chuyển đến đơn vị trong hệ thống",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="— Không (cơ quan ngoài hệ thống) —",
    )
    to_body = Text(label="hoặc cơ quan ngoài hệ thống", required=False, max_length=300)
    letter = DocumentChoiceField(
        label="Phiếu chuyển, công văn (trong sổ văn bản)",
        queryset=Document.objects.none(),
        required=False,
    )
    reply_due = forms.DateField(label="Hạn trả lời", required=False, widget=DateInput())
    note = Text(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, petition: Petition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from danvan.access.scope import scoped

        self.fields["to_unit"].queryset = forward_targets(petition)  # type: ignore[attr-defined]
        self.fields["letter"].queryset = scoped(  # type: ignore[attr-defined]
            Document.objects.all(), user, Cap.DOCUMENT_VIEW
        )


class ExtendForm(forms.Form):
    days = forms.IntegerField(label="Gia hạn thêm (ngày)", min_value=1, max_value=90)
    reason = Text(label="Lý do gia hạn", widget=forms.Textarea(attrs={"rows": 2}))


class DuplicateForm(forms.Form):
    confirm = forms.TypedChoiceField(
        label="Kết luận",
        choices=[("1", "Đúng là đơn trùng: lưu đơn"), ("0", "Không trùng: xử lý như đơn mới")],
        coerce=lambda v: v == "1",
    )
    note = Text(label="Ghi chú", required=False)


class OutsideReplyForm(forms.Form):
    reply = Text(label="Nội dung trả lời", widget=forms.Textarea(attrs={"rows": 3}))
    replied_on = forms.DateField(label="Ngày trả lời", widget=DateInput())


class SessionForm(forms.Form):
    org_unit = forms.ModelChoiceField(
        label="Đơn vị tiếp", queryset=OrgUnit.objects.none(), empty_label="— Chọn —"
    )
    held_on = forms.DateField(label="Ngày tiếp", widget=DateInput())
    kind = forms.ChoiceField(label="Hình thức", choices=ReceptionSession.Kind.choices)
    host = Text(label="Người tiếp", max_length=200)
    host_title = Text(label="Chức vụ", required=False, max_length=200)
    place = Text(label="Địa điểm", required=False, max_length=300)
    note = Text(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = petition_units(user)  # type: ignore[attr-defined]


class VisitForm(forms.Form):
    full_name = Text(label="Họ và tên (người đại diện của đoàn)", max_length=200)
    address = Text(label="Địa chỉ", required=False, max_length=300)
    phone = Text(label="Điện thoại", required=False, max_length=20)
    group_size = forms.IntegerField(label="Số người", min_value=1, max_value=10000, initial=1)
    raised = Text(label="Nội dung trình bày", widget=forms.Textarea(attrs={"rows": 2}))
    answered = Text(
        label="Trả lời, hướng dẫn tại buổi tiếp",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BatchForm(forms.Form):
    org_unit = forms.ModelChoiceField(
        label="Đơn vị tổng hợp", queryset=OrgUnit.objects.none(), empty_label="— Chọn —"
    )
    title = Text(label="Tên đợt", max_length=300)
    met_on = forms.DateField(label="Ngày tiếp xúc cử tri", widget=DateInput())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = petition_units(user)  # type: ignore[attr-defined]


class OpinionForm(forms.Form):
    subject = Text(label="Ý kiến, kiến nghị", widget=forms.Textarea(attrs={"rows": 2}))
    voter = Text(label="Cử tri (không bắt buộc)", required=False, max_length=200)
    address = Text(label="Địa chỉ", required=False, max_length=300)


class BatchStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Tình trạng mới",
        choices=[
            ("da_chuyen", "Đã chuyển cơ quan có thẩm quyền"),
            ("da_tra_loi", "Đã trả lời (Mặt trận trả lời)"),
            ("co_quan_tra_loi", "Cơ quan có thẩm quyền đã trả lời"),
        ],
    )
    joint_reply = Text(
        label="Trả lời chung của đợt", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class LetterForm(forms.Form):
    """Lập văn bản về đơn: which letter (those the record allows), the forwarding a slip is
    for, and the text the record does not hold (guidance, the reason for a refusal)."""

    kind = forms.ChoiceField(label="Văn bản", choices=())
    forwarding = forms.ModelChoiceField(
        label="Lần chuyển đơn (với phiếu chuyển)",
        queryset=Forwarding.objects.none(),
        required=False,
        empty_label="— Không —",
    )
    reason = Text(
        label="Nội dung hướng dẫn, lý do không thụ lý hoặc ghi thêm",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: Any, kinds: list[str], forwardings: list[Forwarding], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, LetterKind(k).label) for k in kinds]  # type: ignore[attr-defined]
        pks = [f.pk for f in forwardings]
        self.fields["forwarding"].queryset = Forwarding.objects.filter(pk__in=pks)  # type: ignore[attr-defined]
        self.fields["forwarding"].label_from_instance = (  # type: ignore[attr-defined]
            lambda f: f"{f.sent_on:%d/%m/%Y} → {f.receiver_name}"
        )


class PapersReportForm(forms.Form):
    """Báo cáo tình hình tiếp công dân, xử lý đơn thư: the unit and the period."""

    unit = UnitChoiceField(label="Đơn vị", queryset=OrgUnit.objects.none(), empty_label="— Chọn —")
    ky = PeriodField(label="Kỳ báo cáo")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = petition_units(user, Cap.PETITION_VIEW)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ky"):
            data["period"] = periods.parse(data["ky"])
        return data
