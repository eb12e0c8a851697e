"""An article brought in as text, its proposal, and what accepting it created.

The text is kept as read (normalised: see ``extract/text.py``), so every record made
from it can show the words it came from; its digest makes the same text imported twice
the same import, never a second proposal.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from danvan.core.concurrency import Versioned
from danvan.core.models import AliveManager, DomainModel, SoftDeleteQuerySet


class SourceKind(models.TextChoices):
    TEXT = "text", "Văn bản dán vào"
    HTML = "html", "Trang web đã lưu (HTML)"
    DOCX = "docx", "Word (.docx)"
    PDF = "pdf", "PDF"
    FILE = "txt", "Tệp văn bản (.txt)"


class _Imported(Versioned, DomainModel):
    """What an article and a unit report brought in share: the machine's proposal, its
    state, and who brought it in and who decided on it."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    class Status(models.TextChoices):
        PROPOSED = "de_xuat", "Chờ xem xét"
        ACCEPTED = "da_nhan", "Đã chấp nhận"
        DISCARDED = "da_bo", "Đã bỏ qua"

    proposal = models.JSONField("đề xuất", default=dict, editable=False)
    status = models.CharField(
        "trạng thái", max_length=8, choices=Status.choices, default=Status.PROPOSED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="người nhập",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người quyết định",
    )
    decided_at = models.DateTimeField("quyết định lúc", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    objects = AliveManager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]


class ArticleImport(_Imported):
    """Một bài viết nhập vào: văn bản, đề xuất của máy, và những gì đã tạo khi chấp nhận."""

    title = models.CharField("tiêu đề", max_length=500)
    source_name = models.CharField("nguồn", max_length=255, blank=True)
    source_kind = models.CharField(
        "dạng nguồn", max_length=8, choices=SourceKind.choices, default=SourceKind.TEXT
    )
    text = models.TextField("văn bản")
    digest = models.CharField("dấu văn bản", max_length=64, unique=True, editable=False)
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đơn vị",
    )
    meeting = models.OneToOneField(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="article_import",
        verbose_name="hội nghị đã tạo",
    )
    report = models.ForeignKey(
        "reporting.Report",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="báo cáo nháp đã tạo",
    )

    class Meta(_Imported.Meta):
        verbose_name = "bài viết nhập"
        verbose_name_plural = "bài viết nhập"

    def __str__(self) -> str:
        return self.title or f"Bài viết nhập #{self.pk}"

    @property
    def label(self) -> str:
        return f"Bài viết nhập #{self.pk}: {self.title[:120]}"


class ReportImport(_Imported):
    """Một báo cáo đơn vị (Word) nhập vào: phần lời văn và số liệu đề xuất cho báo cáo
    nháp của đơn vị trong kỳ; chưa chấp nhận thì không ghi gì vào báo cáo.

    ``digest`` is the SHA-256 of the words read from the file: the same report brought in
    again (even saved anew or renamed) is the same import, never a second proposal.
    ``text`` is the file read as text (paragraphs and table rows in document order); the
    proposal's spans point into it."""

    file_name = models.CharField("tên tệp", max_length=255)
    digest = models.CharField("dấu nội dung (SHA-256)", max_length=64, unique=True, editable=False)
    text = models.TextField("văn bản đọc được")
    org_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị"
    )
    period = models.CharField("kỳ báo cáo", max_length=8)
    form = models.ForeignKey(
        "reporting.ReportForm",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="biểu mẫu",
    )
    report = models.ForeignKey(
        "reporting.Report",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="báo cáo đã ghi",
    )

    class Meta(_Imported.Meta):
        verbose_name = "báo cáo đơn vị nhập từ Word"
        verbose_name_plural = "báo cáo đơn vị nhập từ Word"

    def __str__(self) -> str:
        return self.file_name or f"Báo cáo nhập #{self.pk}"

    @property
    def label(self) -> str:
        return f"Báo cáo nhập #{self.pk}: {self.file_name}"
