"""Thông báo: one message to one user about one thing (a report, a task, a meeting...).

A notification is written by the service that causes it (a report returned, a task
assigned) or by the daily reminder run (``send_reminders``), never by a signal. The
"Việc cần làm" list is *not* stored: it is computed from the records each time
(:mod:`danvan.notifications.selectors`), so it cannot go stale; notifications are the
history of what was said, read or not.

``dedupe_key`` makes a reminder once per (recipient, kind, object, day): a second run of
the reminders the same day finds the key and writes nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Kind(models.TextChoices):
    REPORT_DUE = "report_due", "Báo cáo sắp đến hạn"
    REPORT_OVERDUE = "report_overdue", "Báo cáo quá hạn"
    REPORT_RETURNED = "report_returned", "Báo cáo bị trả lại"
    REPORT_APPROVED = "report_approved", "Báo cáo đã được duyệt"
    REPORT_SUBMITTED = "report_submitted", "Báo cáo chờ duyệt"
    TASK_ASSIGNED = "task_assigned", "Được giao nhiệm vụ"
    TASK_DUE = "task_due", "Nhiệm vụ sắp đến hạn"
    TASK_OVERDUE = "task_overdue", "Nhiệm vụ quá hạn"
    TASK_PROGRESS = "task_progress", "Báo cáo tiến độ nhiệm vụ"
    MEETING_INVITED = "meeting_invited", "Mời dự hội nghị"
    MEETING_CHANGED = "meeting_changed", "Hội nghị thay đổi"
    COMMENT_PENDING = "comment_pending", "Ý kiến bạn đọc chờ duyệt"
    # Petitions (danvan/petitions): the text names the petition by number and unit only.
    PETITION_FORWARDED = "petition_forwarded", "Đơn thư được chuyển đến"
    PETITION_REPLIED = "petition_replied", "Đơn thư đã chuyển được trả lời"
    PETITION_DUE = "petition_due", "Đơn thư sắp đến hạn"
    PETITION_OVERDUE = "petition_overdue", "Đơn thư quá hạn"


class EmailState(models.TextChoices):
    QUEUED = "queued", "Đang chờ gửi"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Gửi lỗi"


class Delivery(models.TextChoices):
    """How a user wants one kind of notification (default: in the app only)."""

    APP = "app", "Chỉ trong ứng dụng"
    IMMEDIATE = "immediate", "Gửi thư ngay"
    DIGEST = "digest", "Thư tổng hợp hằng ngày"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="người nhận",
    )
    kind = models.CharField("loại", max_length=24, choices=Kind.choices)
    text = models.TextField("nội dung")
    url = models.CharField("đường dẫn", max_length=500, blank=True)
    # The unit the thing belongs to (digests group by it; closed units get no reminders).
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đơn vị",
    )
    report = models.ForeignKey(
        "reporting.Report",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name="báo cáo",
    )
    task = models.ForeignKey(
        "tasks.Task",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name="nhiệm vụ",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name="hội nghị",
    )
    created_at = models.DateTimeField("lúc", default=timezone.now, db_index=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    dedupe_key = models.CharField(max_length=160, blank=True, editable=False)
    # E-mail (danvan/notifications/email.py): "" not mailed, else queued, sent or failed
    # (with the error, listed for administrators; the next reminder run tries again).
    email_state = models.CharField(
        "thư điện tử", max_length=8, choices=EmailState.choices, blank=True, default=""
    )
    email_error = models.TextField("lỗi gửi thư", blank=True)
    emailed_at = models.DateTimeField("gửi thư lúc", null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_once_per_key",
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.text[:60]}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailPreference(models.Model):
    """One user's choice for one kind; no row means in the app only (no mail is noise)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name="người dùng",
    )
    kind = models.CharField("loại thông báo", max_length=24, choices=Kind.choices)
    delivery = models.CharField(
        "cách nhận", max_length=12, choices=Delivery.choices, default=Delivery.APP
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "cách nhận thông báo"
        verbose_name_plural = "cách nhận thông báo"
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="email_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()} — {self.get_delivery_display()}"
