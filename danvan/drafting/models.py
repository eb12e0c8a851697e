"""Official documents out: templates, compiled drafts, and the files generated.

- :class:`DocxTemplate`: the docxtpl template of one kind (báo cáo, giấy mời, biên bản,
  thông báo kết luận) in one style (Party, State), either the built-in default
  (``issuer`` empty) or uploaded by an administrator for one issuing unit. Every upload
  is kept; the newest active one is used, so a broken upload never replaces a good one.
- :class:`ReportDraft`: a compiled period report of a unit's subtree before it is issued.
  Its body is a list of blocks, each remembering which unit wrote it, editable by the
  officer; issuing gives it a number from the register and freezes it.
- :class:`GeneratedFile`: one generation run (DOCX, with its XLSX appendix and PDF when
  asked), queued as a background task with its progress, downloadable when done.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.core.concurrency import Versioned
from danvan.core.models import AliveManager, DomainModel, SoftDeleteQuerySet
from danvan.drafting.context import KINDS, PARTY, STATE

KIND_CHOICES = list(KINDS.items())
STYLE_CHOICES = [(PARTY, "Đảng (Hướng dẫn 36-HD/VPTW)"), (STATE, "Nhà nước (Nghị định 30/2020)")]


class DocxTemplate(models.Model):
    SCOPE_UNIT_FIELDS = ("issuer",)

    kind = models.CharField("loại văn bản", max_length=24, choices=KIND_CHOICES)
    style = models.CharField("thể thức", max_length=8, choices=STYLE_CHOICES)
    issuer = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="docx_templates",
        verbose_name="cơ quan ban hành (để trống: mẫu chung)",
    )
    file = models.FileField("tệp mẫu (.docx)", upload_to="mau-van-ban/%Y/")
    original_name = models.CharField("tên tệp", max_length=255, blank=True)
    is_active = models.BooleanField("đang dùng", default=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="người tải lên",
    )
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)

    class Meta:
        ordering = ["kind", "style", "-uploaded_at", "-id"]
        verbose_name = "mẫu văn bản"
        verbose_name_plural = "mẫu văn bản"

    def __str__(self) -> str:
        where = self.issuer.name if self.issuer is not None else "mẫu chung"
        return f"{self.get_kind_display()} ({self.get_style_display()}) — {where}"


class ReportDraft(Versioned, DomainModel):
    """Dự thảo báo cáo tổng hợp of ``org_unit``'s subtree for ``period``."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        ISSUED = "issued", "Đã ban hành"

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="report_drafts",
        verbose_name="đơn vị (tổng hợp cả đơn vị trực thuộc)",
    )
    issuer = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="issued_report_drafts",
        verbose_name="cơ quan ban hành",
    )
    period = models.CharField("kỳ báo cáo", max_length=16)
    status = models.CharField(
        "tình trạng", max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    # The compiled OfficialDocument (context.OfficialDocument as a dict): heading, subject,
    # blocks with their source units, tables, recipients, signature. Edited in place.
    content = models.JSONField("nội dung", default=dict)
    document = models.OneToOneField(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="report_draft",
        verbose_name="văn bản đã ban hành (sổ văn bản đi)",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="người tạo",
    )

    objects = AliveManager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "dự thảo báo cáo tổng hợp"
        verbose_name_plural = "dự thảo báo cáo tổng hợp"
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(document__isnull=False),
                name="report_draft_issued_has_document",
            )
        ]

    def __str__(self) -> str:
        return f"Báo cáo {self.period} — {self.org_unit}"


class GeneratedFile(models.Model):
    """One generation: queued, running (with progress), done (files) or failed (why)."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang tạo"
        DONE = "done", "Xong"
        FAILED = "failed", "Lỗi"

    kind = models.CharField("loại văn bản", max_length=24, choices=KIND_CHOICES)
    title = models.CharField("tên", max_length=500)
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="generated_files",
        verbose_name="đơn vị",
    )
    report_draft = models.ForeignKey(
        ReportDraft,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="files",
        verbose_name="dự thảo báo cáo",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="generated_files",
        verbose_name="cuộc họp",
    )
    want_pdf = models.BooleanField("kèm PDF", default=False)
    status = models.CharField(
        "tình trạng", max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    message = models.TextField("thông báo", blank=True)
    task_id = models.CharField(max_length=64, blank=True, verbose_name="mã tác vụ nền")
    docx = models.FileField(upload_to="van-ban-xuat/%Y/%m/", blank=True, verbose_name="tệp Word")
    xlsx = models.FileField(upload_to="van-ban-xuat/%Y/%m/", blank=True, verbose_name="tệp Excel")
    pdf = models.FileField(upload_to="van-ban-xuat/%Y/%m/", blank=True, verbose_name="tệp PDF")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="người tạo",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    finished_at = models.DateTimeField("xong lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "tệp văn bản đã tạo"
        verbose_name_plural = "tệp văn bản đã tạo"

    def __str__(self) -> str:
        return self.title
