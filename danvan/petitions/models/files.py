"""What a petition carries on paper: the files that came with it (attachments) and the
letters the unit sends about it (phiếu hướng dẫn, phiếu chuyển đơn, thông báo thụ lý /
không thụ lý), each numbered in the unit's outgoing register.

Both hold personal data. They live in the petitions' own storage folder and are served
only through the petition's page (its privacy rules, every download logged); the outgoing
register (danvan.documents) gets the letter's number, date and a trích yếu without names,
not the file.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Attachment(models.Model):
    """Tài liệu kèm theo đơn: a scan of the đơn, evidence the citizen brought (checked by
    content when uploaded)."""

    petition = models.ForeignKey(
        "petitions.Petition",
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name="đơn",
    )
    file = models.FileField("tệp", upload_to="don-thu/%Y/%m/")
    original_name = models.CharField("tên tệp", max_length=255)
    kind = models.CharField("định dạng", max_length=8)
    size = models.PositiveBigIntegerField("dung lượng")
    caption = models.CharField("mô tả", max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người tải lên",
    )
    created_at = models.DateTimeField("lúc", auto_now_add=True)
    removed_at = models.DateTimeField("gỡ lúc", null=True, blank=True)
    removed_reason = models.CharField("lý do gỡ", max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "tài liệu kèm đơn"
        verbose_name_plural = "tài liệu kèm đơn"

    def __str__(self) -> str:
        return self.original_name


class LetterKind(models.TextChoices):
    GUIDANCE = "huong_dan", "Phiếu hướng dẫn"
    FORWARD = "chuyen_don", "Phiếu chuyển đơn"
    ACCEPT = "thu_ly", "Thông báo thụ lý"
    REFUSE = "khong_thu_ly", "Thông báo không thụ lý"


class Letter(models.Model):
    """Văn bản đi về một đơn: its number in the unit's outgoing register and the DOCX."""

    petition = models.ForeignKey(
        "petitions.Petition",
        on_delete=models.PROTECT,
        related_name="letters",
        verbose_name="đơn",
    )
    kind = models.CharField("loại", max_length=16, choices=LetterKind.choices)
    forwarding = models.OneToOneField(
        "petitions.Forwarding",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="slip",
        verbose_name="lần chuyển đơn",
    )
    document = models.OneToOneField(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="petition_letter",
        verbose_name="số trong sổ văn bản đi",
    )
    file = models.FileField("tệp", upload_to="don-thu/van-ban/%Y/")
    reason = models.TextField("lý do, nội dung", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người lập",
    )
    created_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "văn bản về đơn"
        verbose_name_plural = "văn bản về đơn"
        constraints = [
            # One guidance, acceptance or refusal notice per petition; one slip per forwarding.
            models.UniqueConstraint(
                fields=["petition", "kind"],
                condition=~Q(kind="chuyen_don"),
                name="petition_letter_once",
            ),
            models.CheckConstraint(
                condition=Q(kind="chuyen_don", forwarding__isnull=False)
                | (~Q(kind="chuyen_don") & Q(forwarding__isnull=True)),
                name="petition_letter_forwarding_iff_slip",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.document.reference}"
