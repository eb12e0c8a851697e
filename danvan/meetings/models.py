"""Meetings (hội nghị) and what they produce.

Every seed article reports one: a monthly *giao ban* (briefing), a six-month *sơ kết*,
a yearly *tổng kết*, a ten-year review of directives. A meeting is organised by one or
more units ("Ban Dân vận phối hợp với Hội CCB..."), reviews a period, is chaired
(*chủ trì*) and attended by people or by units ("đại diện lãnh đạo MTTQ"); its agenda
presents reports and documents, the minutes (*biên bản*) record it, participants give
opinions, and the chair's *kết luận* (conclusions, numbered) become the next period's
tasks (``danvan.tasks``). A *series* (the monthly giao ban of a board) creates its next
meetings, whose agenda reviews the tasks still open from earlier ones.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from danvan.core.concurrency import Versioned
from danvan.core.models import AliveManager, DomainModel, SoftDeleteQuerySet


class MeetingKind(models.Model):
    """Loại hội nghị (a row, so administrators add kinds)."""

    code = models.SlugField("mã", max_length=32, unique=True)
    name = models.CharField("tên loại", max_length=100)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "loại hội nghị"
        verbose_name_plural = "loại hội nghị"

    def __str__(self) -> str:
        return self.name


class MeetingSeries(Versioned, DomainModel):
    """A recurring meeting: "Giao ban công tác dân vận hằng tháng" of one unit."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    class Recurrence(models.TextChoices):
        MONTHLY = "monthly", "Hằng tháng"
        QUARTERLY = "quarterly", "Hằng quý"
        HALF_YEARLY = "half_yearly", "6 tháng một lần"
        YEARLY = "yearly", "Hằng năm"

    name = models.CharField("tên", max_length=255)
    kind = models.ForeignKey(MeetingKind, on_delete=models.PROTECT, verbose_name="loại")
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="meeting_series",
        verbose_name="đơn vị tổ chức",
    )
    recurrence = models.CharField(
        "lặp lại", max_length=16, choices=Recurrence.choices, default=Recurrence.MONTHLY
    )
    day_of_month = models.PositiveSmallIntegerField(
        "ngày trong tháng",
        default=25,
        help_text="Ngày họp trong tháng (tháng ngắn hơn thì họp ngày cuối tháng).",
    )
    start_time = models.TimeField("giờ bắt đầu", default="08:00")
    duration_minutes = models.PositiveSmallIntegerField("thời lượng (phút)", default=120)
    place = models.CharField("địa điểm", max_length=255, blank=True)
    is_active = models.BooleanField("đang họp định kỳ", default=True)

    objects = AliveManager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "hội nghị định kỳ"
        verbose_name_plural = "hội nghị định kỳ"

    def __str__(self) -> str:
        return self.name


class Meeting(Versioned, DomainModel):
    """Một hội nghị."""

    SCOPE_UNIT_FIELDS = ("org_unit", "co_organisers")

    class Status(models.TextChoices):
        PLANNED = "planned", "Dự kiến"
        HELD = "held", "Đã họp"
        CANCELLED = "cancelled", "Hủy"

    title = models.CharField("tên hội nghị", max_length=500)
    kind = models.ForeignKey(MeetingKind, on_delete=models.PROTECT, verbose_name="loại")
    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name="thuộc hội nghị định kỳ",
    )
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name="đơn vị chủ trì tổ chức",
    )
    co_organisers = models.ManyToManyField(
        "org.OrgUnit",
        blank=True,
        related_name="co_organised_meetings",
        verbose_name="đơn vị phối hợp tổ chức",
    )
    starts_at = models.DateTimeField("bắt đầu")
    ends_at = models.DateTimeField("kết thúc", null=True, blank=True)
    place = models.CharField("địa điểm", max_length=255, blank=True)
    is_online = models.BooleanField("trực tuyến", default=False)
    period_code = models.CharField(
        "kỳ đánh giá",
        max_length=16,
        blank=True,
        help_text="Mã kỳ: 2023-02 (tháng), 2022Q3, 2021H1, 2019 (năm).",
    )
    status = models.CharField(
        "tình trạng", max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    summary = models.TextField("tóm tắt kết quả", blank=True)
    minutes = models.TextField("biên bản", blank=True)
    documents = models.ManyToManyField(
        "documents.Document",
        blank=True,
        related_name="meetings",
        verbose_name="văn bản được sơ kết, tổng kết hoặc triển khai",
    )
    title_folded = models.CharField(max_length=500, db_index=True, editable=False, default="")

    objects = AliveManager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = "hội nghị"
        verbose_name_plural = "hội nghị"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class BridgePoint(Versioned, models.Model):
    """Điểm cầu of an online meeting."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="bridge_points", verbose_name="cuộc họp"
    )
    name = models.CharField("điểm cầu", max_length=255)
    org_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, verbose_name="đơn vị"
    )

    class Meta:
        ordering = ["id"]
        verbose_name = "điểm cầu"
        verbose_name_plural = "điểm cầu"

    def __str__(self) -> str:
        return self.name


class Attendance(Versioned, models.Model):
    """Who took part, and how: a person, or a unit by representative."""

    class Role(models.TextChoices):
        CHAIR = "chu_tri", "Chủ trì"
        DIRECTS = "du_chi_dao", "Dự và chỉ đạo"
        REPORTS = "bao_cao", "Báo cáo"
        SPEAKS = "phat_bieu", "Phát biểu"
        CONCLUDES = "ket_luan", "Phát biểu kết luận"
        SECRETARY = "thu_ky", "Thư ký"  # keeps the biên bản and signs it beside the chair
        ATTENDS = "du", "Dự"

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name="cuộc họp"
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name="cán bộ",
    )
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name="đơn vị",
    )
    name_as_written = models.CharField(
        "ghi như văn bản",
        max_length=255,
        blank=True,
        help_text="Ví dụ: đại diện lãnh đạo MTTQ, các đoàn thể chính trị - xã hội Quận",
    )
    position_as_written = models.CharField("chức vụ (như văn bản)", max_length=255, blank=True)
    role = models.CharField("vai trò", max_length=12, choices=Role.choices, default=Role.ATTENDS)
    present = models.BooleanField("có mặt", default=True)
    absence_reason = models.CharField("lý do vắng", max_length=255, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "thành phần dự"
        verbose_name_plural = "thành phần dự"
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False)
                | Q(org_unit__isnull=False)
                | ~Q(name_as_written=""),
                name="attendance_names_someone",
            ),
            models.CheckConstraint(
                condition=Q(present=False) | Q(absence_reason=""),
                name="attendance_reason_only_when_absent",
            ),
        ]

    def __str__(self) -> str:
        if self.person_id:
            return str(self.person)
        if self.name_as_written:
            return self.name_as_written
        return str(self.org_unit)


class AgendaItem(Versioned, models.Model):
    """Một nội dung của chương trình hội nghị."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name="cuộc họp"
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    title = models.CharField("nội dung", max_length=500)
    presenter = models.ForeignKey(
        Attendance,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="presented_items",
        verbose_name="người trình bày",
    )
    presenter_text = models.CharField("người trình bày (ghi)", max_length=255, blank=True)
    reports = models.ManyToManyField(
        "reporting.Report", blank=True, related_name="agenda_items", verbose_name="báo cáo"
    )
    documents = models.ManyToManyField(
        "documents.Document", blank=True, related_name="agenda_items", verbose_name="văn bản"
    )
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "nội dung chương trình"
        verbose_name_plural = "chương trình hội nghị"

    def __str__(self) -> str:
        return self.title


class Opinion(Versioned, models.Model):
    """Ý kiến phát biểu: by a participant or a unit."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="opinions", verbose_name="cuộc họp"
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    speaker = models.ForeignKey(
        Attendance,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opinions",
        verbose_name="người phát biểu",
    )
    speaker_text = models.CharField("người, đơn vị phát biểu (ghi)", max_length=255, blank=True)
    content = models.TextField("nội dung")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "ý kiến"
        verbose_name_plural = "ý kiến"

    def __str__(self) -> str:
        return self.speaker_text or str(self.speaker or "")


class Conclusion(Versioned, models.Model):
    """One numbered item of the chair's conclusion (kết luận)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="conclusions", verbose_name="cuộc họp"
    )
    number = models.PositiveSmallIntegerField("số thứ tự")
    text = models.TextField("nội dung kết luận")
    concluded_by = models.ForeignKey(
        Attendance,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conclusions",
        verbose_name="người kết luận",
    )

    class Meta:
        ordering = ["number"]
        verbose_name = "kết luận"
        verbose_name_plural = "kết luận"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="conclusion_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class CalendarFeedToken(models.Model):
    """A person's read-only key for the iCal feeds of the meetings they may see, for
    calendar apps that cannot log in. It is not an API token: it reads feeds and nothing
    else, and "Tạo lại" replaces it (the old address stops working). It is kept as is,
    like a calendar's secret address, so the page can show it again."""

    PREFIX = "lich_"

    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
        verbose_name="người dùng",
    )
    key = models.CharField("mã", max_length=64, unique=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "mã đăng ký lịch"
        verbose_name_plural = "mã đăng ký lịch"

    def __str__(self) -> str:
        return f"{self.key[:9]}… ({self.user})"
