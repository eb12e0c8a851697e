"""Tasks (nhiệm vụ) and yearly work programmes (chương trình công tác năm).

A task comes from somewhere: an item of a meeting's conclusion, an item of a work
programme, or a document. It is assigned by one unit (``owner_unit``, the one that
follows it up) to a lead unit (*đơn vị chủ trì*), with co-units (*đơn vị phối hợp*) and
a deadline. Progress updates carry a percentage, a note and evidence files. The status
is stored for what people decide (mới, đang thực hiện, hoàn thành, hủy); *quá hạn*
(overdue) is computed from the deadline and today, never stored, so it cannot go stale.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.core.concurrency import Versioned
from danvan.core.models import AliveManager, DomainModel, SoftDeleteQuerySet


class TaskStatus(models.TextChoices):
    NEW = "moi", "Mới"
    IN_PROGRESS = "dang_thuc_hien", "Đang thực hiện"
    DONE = "hoan_thanh", "Hoàn thành"
    CANCELLED = "huy", "Hủy"


OPEN_STATUSES = (TaskStatus.NEW, TaskStatus.IN_PROGRESS)
OVERDUE = "qua_han"
OVERDUE_LABEL = "Quá hạn"


class TaskQuerySet(SoftDeleteQuerySet):
    def open(self) -> TaskQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: dt.date) -> TaskQuerySet:
        return self.open().filter(deadline__lt=today)


class TaskManager(AliveManager.from_queryset(TaskQuerySet)):  # type: ignore[misc]
    pass


class Task(Versioned, DomainModel):
    """Một nhiệm vụ được giao."""

    # Seen by the unit that assigned it, the lead unit and the co-units (and their parents).
    SCOPE_UNIT_FIELDS = ("owner_unit", "lead_unit", "co_units")

    title = models.CharField("nhiệm vụ", max_length=500)
    description = models.TextField("nội dung, yêu cầu", blank=True)
    owner_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="assigned_tasks",
        verbose_name="đơn vị giao, theo dõi",
    )
    lead_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="led_tasks",
        verbose_name="đơn vị chủ trì",
    )
    co_units = models.ManyToManyField(
        "org.OrgUnit", blank=True, related_name="co_tasks", verbose_name="đơn vị phối hợp"
    )
    deadline = models.DateField("thời hạn", null=True, blank=True)
    status = models.CharField(
        "tình trạng", max_length=16, choices=TaskStatus.choices, default=TaskStatus.NEW
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    completed_on = models.DateField("hoàn thành ngày", null=True, blank=True)
    cancel_reason = models.CharField("lý do hủy", max_length=255, blank=True)
    conclusion = models.ForeignKey(
        "meetings.Conclusion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name="từ kết luận",
    )
    programme_item = models.ForeignKey(
        "tasks.ProgrammeItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name="từ chương trình công tác",
    )
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name="từ văn bản",
    )
    title_folded = models.CharField(max_length=500, db_index=True, editable=False, default="")

    objects = TaskManager()
    all_objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="task_progress_le_100"),
            models.CheckConstraint(
                condition=~Q(status="hoan_thanh") | Q(completed_on__isnull=False),
                name="task_done_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: dt.date) -> bool:
        return self.status in OPEN_STATUSES and self.deadline is not None and self.deadline < today

    def display_status(self, today: dt.date) -> tuple[str, str]:
        """(code, label), with the computed quá hạn in place of an open status."""
        if self.is_overdue(today):
            return OVERDUE, OVERDUE_LABEL
        return self.status, self.get_status_display()


class TaskUpdate(models.Model):
    """Báo cáo tiến độ: a percentage, a note, evidence files."""

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="updates", verbose_name="nhiệm vụ"
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)")
    note = models.TextField("nội dung")
    status = models.CharField("tình trạng sau cập nhật", max_length=16, choices=TaskStatus.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="người cập nhật",
    )
    created_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "cập nhật tiến độ"
        verbose_name_plural = "cập nhật tiến độ"
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="task_update_progress_le_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.task}: {self.progress}%"


class TaskEvidence(models.Model):
    """Minh chứng: a file attached to a progress update."""

    update = models.ForeignKey(
        TaskUpdate, on_delete=models.CASCADE, related_name="evidence", verbose_name="lần cập nhật"
    )
    file = models.FileField("tệp", upload_to="minh-chung/%Y/%m/")
    original_name = models.CharField("tên tệp", max_length=255)
    kind = models.CharField("định dạng", max_length=8)
    size = models.PositiveBigIntegerField("dung lượng")

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def __str__(self) -> str:
        return self.original_name


class WorkProgramme(Versioned, DomainModel):
    """Chương trình công tác năm of a unit."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="work_programmes",
        verbose_name="đơn vị",
    )
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("tên chương trình", max_length=500)
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_programmes",
        verbose_name="văn bản ban hành",
    )

    objects = AliveManager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = "chương trình công tác"
        verbose_name_plural = "chương trình công tác"

    def __str__(self) -> str:
        return self.title


class ProgrammeItem(Versioned, models.Model):
    """One line of a programme: in month N, a task to do or a meeting to hold."""

    class Kind(models.TextChoices):
        TASK = "task", "Nhiệm vụ"
        MEETING = "meeting", "Hội nghị"

    programme = models.ForeignKey(
        WorkProgramme,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name="chương trình công tác",
    )
    month = models.PositiveSmallIntegerField("tháng")
    title = models.CharField("nội dung", max_length=500)
    kind = models.CharField("loại", max_length=8, choices=Kind.choices, default=Kind.TASK)
    lead_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đơn vị chủ trì",
    )
    meeting_kind = models.ForeignKey(
        "meetings.MeetingKind",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="loại hội nghị",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_items",
        verbose_name="hội nghị đã lên lịch",
    )

    class Meta:
        ordering = ["month", "id"]
        verbose_name = "nội dung chương trình công tác"
        verbose_name_plural = "nội dung chương trình công tác"
        constraints = [
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="programme_item_month_valid"
            ),
            models.CheckConstraint(
                condition=~Q(kind="meeting") | Q(meeting_kind__isnull=False),
                name="programme_meeting_item_has_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"Tháng {self.month}: {self.title}"
