"""Periodic reporting, after DHIS2's aggregate model.

An *indicator* (chỉ tiêu) is one figure: a count of people, of lượt, of suất quà...
Ratios are never stored: a computed indicator is numerator / denominator × factor over
two stored counts, recomputed at every level ("08/24 đơn" stays 8 and 24, so a district
rate is the sum of resolved over the sum of received, never an average of ward rates).

A *report form* (biểu mẫu báo cáo) groups indicators and narrative sections for a period
type; a *report* is one unit's form for one period and carries the workflow (nháp → đã
gửi → đã duyệt, or trả lại). A *data value* is (indicator, unit, period), unique.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from danvan.core.concurrency import Versioned
from danvan.lib import periods


class Indicator(models.Model):
    class ValueType(models.TextChoices):
        INTEGER = "integer", "Số nguyên"
        DECIMAL = "decimal", "Số thập phân"
        TEXT = "text", "Văn bản"
        BOOLEAN = "boolean", "Có/Không"
        COMPUTED = "computed", "Tính từ hai chỉ tiêu (tỷ lệ)"

    class Aggregation(models.TextChoices):
        SUM = "sum", "Cộng dồn (số phát sinh)"
        LAST = "last", "Lấy số cuối kỳ (số tồn, ví dụ hội viên)"
        AVERAGE = "average", "Trung bình"
        NONE = "none", "Không tổng hợp"

    code = models.SlugField("mã", max_length=64, unique=True, allow_unicode=False)
    name = models.CharField("tên chỉ tiêu", max_length=255)
    unit = models.CharField("đơn vị tính", max_length=50, blank=True)
    value_type = models.CharField(
        "kiểu giá trị", max_length=16, choices=ValueType.choices, default=ValueType.INTEGER
    )
    aggregation = models.CharField(
        "cách tổng hợp", max_length=16, choices=Aggregation.choices, default=Aggregation.SUM
    )
    numerator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="tử số",
    )
    denominator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="mẫu số",
    )
    factor = models.DecimalField("hệ số", max_digits=12, decimal_places=4, default=Decimal(100))
    description = models.TextField("mô tả", blank=True)
    # A register's key (danvan/reporting/sources.py): the figure is counted from its
    # records and shown read-only; blank for a figure the unit types.
    source = models.CharField(
        "sổ nguồn",
        max_length=64,
        blank=True,
        help_text="Chỉ tiêu tính từ hồ sơ của một sổ theo dõi (không nhập tay).",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    value_type="computed", numerator__isnull=False, denominator__isnull=False
                )
                | (~Q(value_type="computed") & Q(numerator__isnull=True, denominator__isnull=True)),
                name="indicator_computed_has_both_terms",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name

    @property
    def is_computed(self) -> bool:
        return self.value_type == self.ValueType.COMPUTED

    @property
    def is_numeric(self) -> bool:
        return self.value_type in {
            self.ValueType.INTEGER,
            self.ValueType.DECIMAL,
            self.ValueType.BOOLEAN,
        }


class ReportForm(models.Model):
    class CutOff(models.TextChoices):
        CALENDAR = periods.CALENDAR, "Theo tháng dương lịch"
        OFFICIAL = periods.OFFICIAL_15_14, "Từ ngày 15 tháng trước đến ngày 14"

    code = models.SlugField("mã biểu mẫu", max_length=64, unique=True)
    name = models.CharField("tên biểu mẫu", max_length=255)
    period_type = models.CharField(
        "loại kỳ", max_length=16, choices=[(k, periods.KIND_LABELS[k]) for k in periods.KINDS]
    )
    cutoff = models.CharField(
        "chốt số liệu", max_length=16, choices=CutOff.choices, default=CutOff.CALENDAR
    )
    opens_days = models.SmallIntegerField(
        "mở nhập (ngày so với cuối kỳ)",
        default=-5,
        help_text="Âm: trước ngày cuối kỳ. Ví dụ -5: mở 5 ngày trước cuối kỳ.",
    )
    due_days = models.SmallIntegerField(
        "hạn gửi (ngày sau cuối kỳ)",
        default=3,
        help_text="Gửi muộn hơn hạn này vẫn được nhận nhưng tính là không đúng hạn.",
    )
    lock_days = models.PositiveSmallIntegerField(
        "khóa nhập (ngày sau hạn gửi)",
        default=30,
        help_text="Sau số ngày này không nhập, sửa được nữa (trừ quản trị).",
    )
    unit_kinds = models.ManyToManyField(
        "org.UnitKind", blank=True, verbose_name="loại đơn vị báo cáo"
    )
    organisation_kinds = models.ManyToManyField(
        "org.OrganisationKind", blank=True, verbose_name="loại tổ chức báo cáo"
    )
    levels = models.ManyToManyField("org.OrgLevel", blank=True, verbose_name="cấp báo cáo")
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "biểu mẫu báo cáo"
        verbose_name_plural = "biểu mẫu báo cáo"

    def __str__(self) -> str:
        return self.name


class FormSection(models.Model):
    """A part of the form: a table of indicators, or a narrative heading (DOMAIN.md §5.1)."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="sections")
    code = models.SlugField("mã mục", max_length=64)
    title = models.CharField("tiêu đề", max_length=255)
    is_narrative = models.BooleanField("phần lời văn", default=False)
    help_text = models.TextField("hướng dẫn", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    indicators = models.ManyToManyField(
        Indicator, through="FormIndicator", blank=True, related_name="sections"
    )

    class Meta:
        ordering = ["form", "order", "id"]
        verbose_name = "mục biểu mẫu"
        verbose_name_plural = "mục biểu mẫu"
        constraints = [
            models.UniqueConstraint(fields=["form", "code"], name="form_section_code_unique")
        ]

    def __str__(self) -> str:
        return self.title


class FormIndicator(models.Model):
    section = models.ForeignKey(FormSection, on_delete=models.CASCADE)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT)
    order = models.PositiveSmallIntegerField(default=0)
    # The form lets units type a figure its indicator would take from a register (units
    # that do not keep that register yet).
    typed = models.BooleanField(
        "nhập tay", default=False, help_text="Đơn vị tự nhập dù chỉ tiêu có sổ nguồn."
    )

    class Meta:
        ordering = ["section", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["section", "indicator"], name="form_indicator_unique")
        ]

    def __str__(self) -> str:
        return f"{self.section} — {self.indicator}"


class ValidationRule(models.Model):
    """left ≤ / = / ≥ right (an indicator or a constant): "resolved ≤ received", "≥ 0"."""

    class Operator(models.TextChoices):
        LE = "<=", "≤"
        EQ = "==", "="
        GE = ">=", "≥"

    class Severity(models.TextChoices):
        BLOCKING = "blocking", "Chặn (không lưu được)"
        WARNING = "warning", "Cảnh báo"

    form = models.ForeignKey(
        ReportForm, on_delete=models.CASCADE, related_name="rules", verbose_name="biểu mẫu"
    )
    left = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name="vế trái"
    )
    operator = models.CharField("so sánh", max_length=2, choices=Operator.choices)
    right = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="vế phải (chỉ tiêu)",
    )
    constant = models.DecimalField(
        "vế phải (hằng số)", max_digits=18, decimal_places=4, null=True, blank=True
    )
    severity = models.CharField(
        "mức độ", max_length=16, choices=Severity.choices, default=Severity.BLOCKING
    )
    message = models.CharField("thông báo", max_length=255)

    class Meta:
        verbose_name = "quy tắc kiểm tra"
        verbose_name_plural = "quy tắc kiểm tra"
        constraints = [
            models.CheckConstraint(
                condition=Q(right__isnull=False, constant__isnull=True)
                | Q(right__isnull=True, constant__isnull=False),
                name="rule_right_side_is_one_thing",
            )
        ]

    def __str__(self) -> str:
        return self.message


class Status(models.TextChoices):
    DRAFT = "draft", "Nháp"
    SUBMITTED = "submitted", "Đã gửi"
    APPROVED = "approved", "Đã duyệt"
    RETURNED = "returned", "Trả lại"


# Values that count in aggregates: what a unit has sent up (DESIGN: fresh on submit).
COUNTED = (Status.SUBMITTED, Status.APPROVED)


class DataValue(models.Model):
    SCOPE_UNIT_FIELDS = ("org_unit",)

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, verbose_name="chỉ tiêu")
    org_unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, verbose_name="đơn vị")
    period = models.CharField("kỳ", max_length=8)
    period_start = models.DateField(editable=False)
    period_end = models.DateField(editable=False)
    # Months the period spans (1, 3, 6, 12): a coarser value covers the finer ones inside.
    period_span = models.PositiveSmallIntegerField(
        editable=False, default=1, verbose_name="độ dài kỳ"
    )
    value = models.DecimalField("giá trị", max_digits=20, decimal_places=4, null=True, blank=True)
    text_value = models.TextField("nội dung", blank=True)
    status = models.CharField(
        "trạng thái", max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người sửa",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "org_unit", "period"], name="data_value_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period", "status"], name="dv_ind_period_status"),
            models.Index(fields=["org_unit", "period"], name="dv_unit_period"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.org_unit} {self.period}"


class Report(Versioned, models.Model):
    SCOPE_UNIT_FIELDS = ("org_unit",)

    form = models.ForeignKey(
        ReportForm, on_delete=models.PROTECT, related_name="reports", verbose_name="biểu mẫu"
    )
    org_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="reports", verbose_name="đơn vị"
    )
    period = models.CharField("kỳ", max_length=8)
    status = models.CharField(
        "trạng thái", max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    narrative = models.JSONField("phần lời văn", default=dict, blank=True)
    submitted_at = models.DateTimeField("gửi lúc", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người gửi",
    )
    decided_at = models.DateTimeField("duyệt/trả lúc", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người duyệt/trả lại",
    )
    return_reason = models.TextField("lý do trả lại", blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name="tạo lúc")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "báo cáo"
        verbose_name_plural = "báo cáo"
        constraints = [
            models.UniqueConstraint(fields=["form", "org_unit", "period"], name="report_unique"),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="report_returned_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["form", "period", "status"], name="report_form_period")]

    def __str__(self) -> str:
        return f"{self.form} — {self.org_unit} — {self.period}"

    @property
    def period_obj(self) -> periods.Period:
        return periods.parse(self.period)

    @property
    def is_locked(self) -> bool:
        return self.status == Status.APPROVED


def attachment_path(instance: ReportAttachment, filename: str) -> str:
    return f"bao-cao/{instance.report.period}/{instance.report.org_unit_id}/{filename}"


class ReportAttachment(models.Model):
    SCOPE_UNIT_FIELDS = ("report__org_unit",)

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="attachments", verbose_name="báo cáo"
    )
    file = models.FileField("tệp", upload_to=attachment_path)
    name = models.CharField("tên tệp", max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="người tải lên",
    )
    uploaded_at = models.DateTimeField(default=timezone.now, verbose_name="tải lên lúc")

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"

    def __str__(self) -> str:
        return self.name


class RegisterUse(models.Model):
    """Since when (and until when) a unit keeps one register (đơn thư, quà, giám sát…).

    A figure that comes from a register (danvan.reporting.sources) is counted from the
    records only for the units that kept that register in the report's window; for the
    others it is typed (a unit that does not use the register yet, a time before it:
    history, old workbooks). The nearest row on a unit's path decides (a city's row covers
    its wards, a ward's its Front and committees); a unit with no row above it types.
    ``register`` is the first part of the source keys ("petitions" for
    "petitions.received").
    """

    SCOPE_UNIT_FIELDS = ("org_unit",)

    register = models.CharField("sổ", max_length=40)
    org_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.CASCADE, related_name="+", verbose_name="đơn vị"
    )
    since = models.DateField("dùng sổ từ ngày")
    until = models.DateField("đến ngày", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        ordering = ["register", "org_unit__path", "since"]
        verbose_name = "thời gian dùng sổ"
        verbose_name_plural = "thời gian dùng sổ"
        constraints = [
            models.UniqueConstraint(
                fields=["register", "org_unit"], name="register_use_one_per_unit"
            ),
            models.CheckConstraint(
                condition=models.Q(until__isnull=True) | models.Q(until__gte=models.F("since")),
                name="register_use_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.register} — {self.org_unit}: từ {self.since:%d/%m/%Y}"

    def covers(self, start: dt.date, end: dt.date) -> bool:
        return self.since <= end and (self.until is None or self.until >= start)


# The rollup's tables live in their own module; Django finds models through this one.
from danvan.reporting.rollup_models import RollupDelta, UnitContribution  # noqa: E402, F401
