"""The legal clocks as data: the calendar of days off and made-up days, and the periods.

``CalendarDay`` rows are the public holidays (*ngày nghỉ lễ, Tết*) and the Saturdays worked
in exchange (*ngày làm bù*) of each year, editable by administrators in Django admin and
seeded for 2019–2027 by a data migration. ``DeadlineRule`` rows say, per kind of petition
and stage, how many days the law gives, how they are counted, from which event, since when
and on what legal basis. Code never holds a number of days.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q

from danvan.lib import workdays


class CalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "nghi", "Ngày nghỉ lễ, Tết"
        MAKEUP = "lam_bu", "Ngày làm bù (làm việc)"

    day = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=8, choices=Kind.choices)
    name = models.CharField("tên", max_length=200)
    basis = models.CharField(
        "căn cứ", max_length=300, blank=True, help_text="Văn bản, thông báo quy định ngày nghỉ"
    )
    verified = models.BooleanField(
        "đã đối chiếu văn bản",
        default=True,
        help_text="Bỏ chọn khi ngày nghỉ chỉ là dự kiến, chưa đối chiếu thông báo chính thức.",
    )

    class Meta:
        ordering = ["day"]
        verbose_name = "ngày nghỉ lễ, làm bù"
        verbose_name_plural = "lịch ngày nghỉ lễ, làm bù"

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} — {self.name}"


def working_calendar() -> workdays.Calendar:
    """The calendar as stored now (a handful of rows a year: read on each use)."""
    holidays: list[dt.date] = []
    makeup: list[dt.date] = []
    for day, kind in CalendarDay.objects.values_list("day", "kind"):
        (makeup if kind == CalendarDay.Kind.MAKEUP else holidays).append(day)
    return workdays.Calendar(holidays=holidays, makeup_days=makeup)


class PetitionKind(models.TextChoices):
    UNCLASSIFIED = "chua_phan_loai", "Chưa phân loại"
    COMPLAINT = "khieu_nai", "Khiếu nại"
    DENUNCIATION = "to_cao", "Tố cáo"
    PROPOSAL = "kien_nghi", "Kiến nghị, phản ánh"


class ClockStage(models.TextChoices):
    """The stages a legal period applies to."""

    CLASSIFY = "phan_loai", "Xử lý đơn (phân loại, đề xuất)"
    ACCEPT = "thu_ly", "Thụ lý hoặc từ chối thụ lý"
    RESOLVE = "giai_quyet", "Giải quyết"


class DeadlineRule(models.Model):
    class Counting(models.TextChoices):
        WORKING = workdays.WORKING, "ngày làm việc"
        CALENDAR = workdays.CALENDAR, "ngày (dương lịch)"

    class From(models.TextChoices):
        RECEIVED = "ngay_nhan", "kể từ ngày nhận đơn"
        ACCEPTED = "ngay_thu_ly", "kể từ ngày thụ lý"

    kind = models.CharField(
        "loại đơn",
        max_length=16,
        choices=PetitionKind.choices,
        help_text="«Chưa phân loại»: quy định chung cho mọi đơn mới nhận.",
    )
    stage = models.CharField("giai đoạn", max_length=12, choices=ClockStage.choices)
    days = models.PositiveSmallIntegerField("số ngày")
    complex_days = models.PositiveSmallIntegerField(
        "số ngày (vụ việc phức tạp)", null=True, blank=True
    )
    counting = models.CharField("cách tính", max_length=8, choices=Counting.choices)
    counted_from = models.CharField("mốc tính", max_length=12, choices=From.choices)
    basis = models.TextField("căn cứ pháp lý")
    verified = models.BooleanField(
        "đã đối chiếu văn bản",
        default=False,
        help_text="⚠ Bỏ chọn khi thời hạn chưa được đối chiếu với văn bản gốc.",
    )
    valid_from = models.DateField("áp dụng từ ngày")
    valid_to = models.DateField("áp dụng đến ngày", null=True, blank=True)

    class Meta:
        ordering = ["kind", "stage", "-valid_from"]
        verbose_name = "thời hạn xử lý đơn"
        verbose_name_plural = "thời hạn xử lý đơn"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="deadline_rule_dates_ordered",
            ),
            models.CheckConstraint(condition=Q(days__lte=3660), name="deadline_rule_days_le_3660"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} — {self.get_stage_display()}: {self.days} "
            f"{self.get_counting_display()} {self.get_counted_from_display()}"
        )

    def period(self, *, complex_case: bool = False) -> int:
        if complex_case and self.complex_days:
            return self.complex_days
        return self.days
