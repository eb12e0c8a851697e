"""Forms of the meeting pages. They only collect input; the services decide, and their
Vietnamese refusals are shown on the fields (``add_service_errors``)."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.core.period_picker import PeriodField
from danvan.documents.autocomplete import DocumentMultipleChoiceField
from danvan.documents.models import Document
from danvan.lib import periods
from danvan.meetings.models import Attendance, Meeting, MeetingKind, MeetingSeries
from danvan.org.forms import UnitChoiceField, UnitMultipleChoiceField
from danvan.org.models import OrgUnit
from danvan.org.selectors import org_unit_list
from danvan.people.autocomplete import PersonChoiceField
from danvan.people.models import Person
from danvan.people.selectors import person_search
from danvan.reporting.autocomplete import ReportMultipleChoiceField
from danvan.reporting.models import Report


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


def managed_units(user: Any) -> Any:
    # Closed units stay offered: old meetings are recorded under them (the service refuses
    # a date after the unit closed).
    return org_unit_list(user=user, cap=Cap.MEETING_MANAGE).order_by("path")


def visible_units(user: Any) -> Any:
    return org_unit_list(user=user, cap=Cap.ORG_VIEW).order_by("path")


def _kinds() -> Any:
    return MeetingKind.objects.filter(is_active=True)


class MeetingForm(forms.Form):
    title = forms.CharField(
        label="Tên hội nghị",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Ví dụ: Giao ban công tác dân vận tháng 2, triển khai nhiệm vụ tháng 3/2023.",
    )
    kind = forms.ModelChoiceField(empty_label="— Chọn —", label="Loại", queryset=_kinds())
    org_unit = UnitChoiceField(
        empty_label="— Chọn —", label="Đơn vị chủ trì tổ chức", queryset=OrgUnit.objects.none()
    )
    co_organisers = UnitMultipleChoiceField(
        label="Đơn vị phối hợp tổ chức",
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text="Gõ tên để thêm từng đơn vị; bấm × để bỏ.",
    )
    starts_at = forms.DateTimeField(label="Bắt đầu", widget=DateTimeInput())
    ends_at = forms.DateTimeField(label="Kết thúc", required=False, widget=DateTimeInput())
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    is_online = forms.BooleanField(label="Họp trực tuyến (có điểm cầu)", required=False)
    period_code = PeriodField(
        label="Kỳ đánh giá",
        required=False,
        help_text="Chọn loại kỳ (tháng, quý, 6 tháng, năm), rồi kỳ; để trống nếu hội nghị "
        "không đánh giá theo kỳ.",
    )
    status = forms.ChoiceField(label="Tình trạng", choices=Meeting.Status.choices)
    summary = forms.CharField(
        label="Tóm tắt kết quả",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Các văn bản được nhắc tới (ví dụ Kế hoạch số 138-KH/QU) được tự động "
        "liên kết với hội nghị.",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = managed_units(user)  # type: ignore[attr-defined]
        self.fields["co_organisers"].queryset = visible_units(user)  # type: ignore[attr-defined]


def meeting_initial(meeting: Meeting) -> dict[str, Any]:
    fields = [f for f in MeetingForm.base_fields if f != "co_organisers"]
    initial = {name: getattr(meeting, name) for name in fields}
    initial["co_organisers"] = list(meeting.co_organisers.all())
    return initial


class MeetingFilterForm(forms.Form):
    """The list's filters; bad values are dropped rather than refused."""

    q = forms.CharField(required=False)
    kind = forms.ModelChoiceField(queryset=MeetingKind.objects.all(), required=False)
    org_unit = forms.IntegerField(required=False)
    date_from = forms.DateField(required=False)
    date_to = forms.DateField(required=False)
    status = forms.ChoiceField(choices=[("", ""), *Meeting.Status.choices], required=False)

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if name not in self.errors}


class SeriesForm(forms.Form):
    name = forms.CharField(
        label="Tên hội nghị định kỳ",
        max_length=255,
        help_text="Ví dụ: Giao ban công tác dân vận. Tên từng kỳ được ghi thêm "
        "«tháng 3/2023», «quý I/2023»...",
    )
    kind = forms.ModelChoiceField(empty_label="— Chọn —", label="Loại", queryset=_kinds())
    org_unit = UnitChoiceField(
        empty_label="— Chọn —", label="Đơn vị tổ chức", queryset=OrgUnit.objects.none()
    )
    recurrence = forms.ChoiceField(label="Lặp lại", choices=MeetingSeries.Recurrence.choices)
    day_of_month = forms.IntegerField(
        label="Ngày họp trong tháng",
        initial=25,
        help_text="Tháng ngắn hơn thì họp ngày cuối tháng. Họp theo quý, 6 tháng, năm: "
        "vào tháng cuối của kỳ.",
    )
    start_time = forms.TimeField(label="Giờ bắt đầu", initial="08:00", widget=TimeInput())
    duration_minutes = forms.IntegerField(label="Thời lượng (phút)", initial=120)
    place = forms.CharField(label="Địa điểm", max_length=255, required=False)
    is_active = forms.BooleanField(label="Đang họp định kỳ", required=False, initial=True)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = managed_units(user)  # type: ignore[attr-defined]


def series_initial(series: MeetingSeries) -> dict[str, Any]:
    return {name: getattr(series, name) for name in SeriesForm.base_fields}


class ScheduleForm(forms.Form):
    count = forms.IntegerField(label="Số kỳ", initial=1, min_value=1, max_value=24)


# --- parts of a meeting -----------------------------------------------------------------


class AttendanceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Attendance) -> str:
        return str(obj)


class _MeetingPartForm(forms.Form):
    """A form about one meeting: participants are offered from its thành phần dự."""

    attendance_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, meeting: Meeting, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        for name in self.attendance_fields:
            self.fields[name].queryset = meeting.attendances.select_related(  # type: ignore[attr-defined]
                "person", "org_unit"
            )


class AttendanceForm(_MeetingPartForm):
    person = PersonChoiceField(
        label="Cán bộ",
        queryset=Person.objects.none(),
        required=False,
        empty_label="— Không chọn —",
    )
    org_unit = UnitChoiceField(
        label="Hoặc đơn vị",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="— Không chọn —",
    )
    name_as_written = forms.CharField(
        label="Hoặc ghi như văn bản",
        max_length=255,
        required=False,
        help_text="Ví dụ: đại diện lãnh đạo MTTQ, các đoàn thể chính trị - xã hội Quận.",
    )
    position_as_written = forms.CharField(
        label="Chức vụ (như văn bản)",
        max_length=255,
        required=False,
        help_text="Để trống thì lấy chức vụ hiện tại của cán bộ.",
    )
    role = forms.ChoiceField(
        label="Vai trò", choices=Attendance.Role.choices, initial=Attendance.Role.ATTENDS
    )
    present = forms.BooleanField(label="Có mặt", required=False, initial=True)
    absence_reason = forms.CharField(
        label="Lý do vắng", max_length=255, required=False, help_text="Bắt buộc khi vắng mặt."
    )

    def __init__(self, *args: Any, meeting: Meeting, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, meeting=meeting, user=user, **kwargs)
        self.fields["person"].queryset = person_search(user=user)  # type: ignore[attr-defined]
        self.fields["org_unit"].queryset = visible_units(user)  # type: ignore[attr-defined]


class BridgePointForm(_MeetingPartForm):
    name = forms.CharField(label="Điểm cầu", max_length=255, required=False)
    org_unit = UnitChoiceField(
        label="Đơn vị",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="— Không chọn —",
    )

    def __init__(self, *args: Any, meeting: Meeting, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, meeting=meeting, user=user, **kwargs)
        self.fields["org_unit"].queryset = visible_units(user)  # type: ignore[attr-defined]


def report_choices(user: Any, meeting: Meeting) -> Any:
    """Reports the user may read, of the meeting's period (and the periods inside it) when
    it has one."""
    reports = scoped(Report.objects.all(), user, Cap.REPORT_VIEW).select_related("form", "org_unit")
    if meeting.period_code:
        try:
            period = periods.parse(meeting.period_code)
        except periods.PeriodError:
            period = None
        if period is not None:
            codes = [period.code]
            for kind in periods.KINDS:
                codes += [p.code for p in period.sub_periods(kind)]
            reports = reports.filter(period__in=codes)
    return reports.order_by("-period", "org_unit__path", "form__code")


def document_choices(user: Any) -> Any:
    return scoped(Document.objects.all(), user, Cap.DOCUMENT_VIEW).order_by("-issued_on", "-id")


class AgendaItemForm(_MeetingPartForm):
    attendance_fields = ("presenter",)

    title = forms.CharField(label="Nội dung", max_length=500)
    presenter = AttendanceChoiceField(
        label="Người trình bày",
        queryset=Attendance.objects.none(),
        required=False,
        empty_label="— Không chọn —",
    )
    presenter_text = forms.CharField(
        label="Hoặc ghi người trình bày", max_length=255, required=False
    )
    reports = ReportMultipleChoiceField(
        label="Báo cáo trình bày", queryset=Report.objects.none(), required=False
    )
    documents = DocumentMultipleChoiceField(
        label="Văn bản", queryset=Document.objects.none(), required=False
    )
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, meeting: Meeting, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, meeting=meeting, user=user, **kwargs)
        self.fields["reports"].queryset = report_choices(user, meeting)  # type: ignore[attr-defined]
        self.fields["documents"].queryset = document_choices(user)  # type: ignore[attr-defined]


class OpinionForm(_MeetingPartForm):
    attendance_fields = ("speaker",)

    speaker = AttendanceChoiceField(
        label="Người phát biểu",
        queryset=Attendance.objects.none(),
        required=False,
        empty_label="— Không chọn —",
    )
    speaker_text = forms.CharField(
        label="Hoặc ghi người, đơn vị phát biểu", max_length=255, required=False
    )
    content = forms.CharField(label="Nội dung", widget=forms.Textarea(attrs={"rows": 3}))


class ConclusionForm(_MeetingPartForm):
    attendance_fields = ("concluded_by",)

    text = forms.CharField(label="Nội dung kết luận", widget=forms.Textarea(attrs={"rows": 3}))
    concluded_by = AttendanceChoiceField(
        label="Người kết luận",
        queryset=Attendance.objects.none(),
        required=False,
        empty_label="— Không chọn —",
    )


class MinutesForm(forms.Form):
    summary = forms.CharField(
        label="Tóm tắt kết quả", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    minutes = forms.CharField(
        label="Biên bản",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Các văn bản được nhắc tới (ví dụ Chỉ thị 18-CT/TW) được tự động liên kết.",
    )
