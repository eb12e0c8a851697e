"""Ý kiến bạn đọc: reader comments, held until a portal moderator approves them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt"
    REJECTED = "rejected", "Từ chối"


class ReaderCommentQuerySet(models.QuerySet["ReaderComment"]):
    def approved(self) -> ReaderCommentQuerySet:
        return self.filter(status=CommentStatus.APPROVED)

    def pending(self) -> ReaderCommentQuerySet:
        return self.filter(status=CommentStatus.PENDING)


class ReaderComment(models.Model):
    """A reader's comment on a portal page, kept as plain text (escaped when shown)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="bài viết",
        on_delete=models.CASCADE,
        related_name="reader_comments",
    )
    name = models.CharField("họ tên", max_length=80)
    email = models.EmailField("thư điện tử", blank=True)
    text = models.TextField("ý kiến", max_length=2000)
    status = models.CharField(
        "trạng thái",
        max_length=16,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField("gửi lúc", default=timezone.now, db_index=True)
    # A keyed hash of the sender's address: enough for the rate limit, not the address.
    ip_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    moderated_at = models.DateTimeField("duyệt lúc", null=True, blank=True, editable=False)

    objects = ReaderCommentQuerySet.as_manager()

    class Meta:
        verbose_name = "ý kiến bạn đọc"
        verbose_name_plural = "ý kiến bạn đọc"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["page", "status", "created_at"], name="portal_comment_page")
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:60]}"
