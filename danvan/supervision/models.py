"""Giám sát, phản biện xã hội (QĐ 217-QĐ/TW) and góp ý xây dựng Đảng, chính quyền
(QĐ 218-QĐ/TW), in the forms of NQLT 403/2017. The texts in force are data (a programme's
``basis`` and its optional link to the documents register), never code.

- A ``Programme`` is the yearly plan of one Front or organisation unit.
- An ``Activity`` of the programme: its kind (giám sát, phản biện, góp ý 218), its form,
  what it looks at (body or matter), its dates and members, its findings. It moves
  kế hoạch → đang thực hiện → đã kết thúc, or → hủy (with the reason).
- A ``Recommendation`` (kiến nghị) made by an activity, addressed to a body with a date
  the answer is due. It moves chờ trả lời → đã trả lời (a ``Response`` recorded) → đã
  đóng, or → kiến nghị tiếp (escalated: to whom, why). ``answered_on`` is the day of the
  first response, ``settled_on`` the day it was closed or escalated.
- Overdue is computed, never stored (:func:`overdue_on`): still waiting for an answer on
  a day after its due date.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet

from danvan.core.concurrency import Versioned
from danvan.core.models import AliveManager, DomainModel, SoftDeleteQuerySet


class Kind(models.TextChoices):
    SUPERVISION = "giam_sat", "Giám sát"
    CRITICISM = "phan_bien", "Phản biện xã hội"
    FEEDBACK = "gop_y_xay_dung", "Góp ý xây dựng Đảng, chính quyền (QĐ 218)"


class Form(models.TextChoices):
    DOCUMENTS = "nghien_cuu_van_ban", "Nghiên cứu văn bản"
    TEAM = "doan_giam_sat", "Đoàn giám sát"
    PEOPLES_INSPECTION = "ban_ttnd", "Qua Ban Thanh tra nhân dân"
    COMMUNITY_INVESTMENT = "ban_gsdtcd", "Qua Ban Giám sát đầu tư của cộng đồng"
    CONFERENCE = "hoi_nghi_phan_bien", "Hội nghị phản biện"
    DRAFT_COMMENTS = "gop_y_du_thao", "Góp ý dự thảo"
    DIALOGUE = "doi_thoai", "Đối thoại"


class ActivityState(models.TextChoices):
    PLANNED = "ke_hoach", "Kế hoạch"
    ONGOING = "dang_thuc_hien", "Đang thực hiện"
    ENDED = "da_ket_thuc", "Đã kết thúc"
    CANCELLED = "huy", "Hủy"


class RecState(models.TextChoices):
    WAITING = "cho_tra_loi", "Chờ trả lời"
    ANSWERED = "da_tra_loi", "Đã trả lời"
    CLOSED = "da_dong", "Đã đóng"
    ESCALATED = "kien_nghi_tiep", "Kiến nghị tiếp"


ACTIVITY_MOVES: dict[str, tuple[str, ...]] = {
    ActivityState.PLANNED: (ActivityState.ONGOING, ActivityState.CANCELLED),
    ActivityState.ONGOING: (ActivityState.ENDED, ActivityState.CANCELLED),
    ActivityState.ENDED: (),
    ActivityState.CANCELLED: (),
}
# An activity is held (tổ chức) once it has begun.
HELD = (ActivityState.ONGOING, ActivityState.ENDED)
REC_MOVES: dict[str, tuple[str, ...]] = {
    RecState.WAITING: (RecState.ANSWERED, RecState.ESCALATED),
    RecState.ANSWERED: (RecState.CLOSED, RecState.ESCALATED),
    RecState.CLOSED: (),
    RecState.ESCALATED: (),
}
OPEN = (RecState.WAITING, RecState.ANSWERED)


class Manager(AliveManager.from_queryset(SoftDeleteQuerySet)):  # type: ignore[misc]
    pass


def _unit(label: str = "đơn vị") -> models.ForeignKey:
    return models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=label
    )


class Programme(Versioned, DomainModel):
    """Chương trình (kế hoạch) giám sát, phản biện xã hội năm của một đơn vị."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    org_unit = _unit("Mặt trận, tổ chức")
    year = models.PositiveSmallIntegerField("năm")
    title = models.CharField("tên chương trình", max_length=300)
    basis = models.CharField(
        "căn cứ",
        max_length=300,
        blank=True,
        help_text="Văn bản đang áp dụng, ví dụ: 217-QĐ/TW, 218-QĐ/TW, NQLT 403/2017",
    )
    basis_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="văn bản căn cứ trong sổ",
    )
    approved_by = models.CharField("cơ quan phê duyệt", max_length=200, blank=True)
    approved_on = models.DateField("ngày phê duyệt", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    objects = Manager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "org_unit__path", "title"]
        verbose_name = "chương trình giám sát, phản biện"
        verbose_name_plural = "chương trình giám sát, phản biện"

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class Activity(Versioned, DomainModel):
    """Một cuộc giám sát, một hội nghị phản biện, một đợt góp ý xây dựng Đảng, chính quyền."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="activities", verbose_name="chương trình"
    )
    org_unit = _unit("Mặt trận, tổ chức chủ trì")
    kind = models.CharField("loại hoạt động", max_length=16, choices=Kind.choices)
    form = models.CharField("hình thức", max_length=20, choices=Form.choices)
    title = models.CharField("nội dung", max_length=400)
    target = models.CharField(
        "đối tượng (cơ quan hoặc vấn đề)", max_length=400, help_text="Cơ quan, tổ chức, hoặc vấn đề"
    )
    starts_on = models.DateField("ngày bắt đầu")
    ends_on = models.DateField("ngày kết thúc", null=True, blank=True)
    members = models.TextField("thành phần tham gia", blank=True)
    findings = models.TextField("kết quả, phát hiện", blank=True)
    state = models.CharField(
        "tình trạng", max_length=16, choices=ActivityState.choices, default=ActivityState.PLANNED
    )
    cancel_reason = models.TextField("lý do hủy", blank=True)

    objects = Manager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = "hoạt động giám sát, phản biện"
        verbose_name_plural = "hoạt động giám sát, phản biện"
        indexes = [models.Index(fields=["kind", "state", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class Recommendation(Versioned, DomainModel):
    """Một kiến nghị sau giám sát, phản biện, góp ý; gửi một cơ quan, có hạn trả lời."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    activity = models.ForeignKey(
        Activity,
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name="hoạt động",
    )
    org_unit = _unit("đơn vị kiến nghị")
    content = models.TextField("nội dung kiến nghị")
    addressed_to = models.CharField("cơ quan nhận kiến nghị", max_length=300)
    addressed_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="cơ quan nhận (trong hệ thống)",
    )
    made_on = models.DateField("ngày kiến nghị")
    due_on = models.DateField("hạn trả lời")
    state = models.CharField(
        "tình trạng", max_length=16, choices=RecState.choices, default=RecState.WAITING
    )
    answered_on = models.DateField("ngày có trả lời", null=True, blank=True)
    settled_on = models.DateField("ngày kết thúc theo dõi", null=True, blank=True)
    escalated_to = models.CharField("kiến nghị tiếp tới", max_length=300, blank=True)
    outcome = models.TextField("kết quả theo dõi, lý do", blank=True)

    objects = Manager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = "kiến nghị"
        verbose_name_plural = "kiến nghị"
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self) -> str:
        return f"Kiến nghị số {self.pk} gửi {self.addressed_to}"

    def is_overdue(self, day: dt.date) -> bool:
        return self.state == RecState.WAITING and self.due_on < day


class Response(DomainModel):
    """Một văn bản, ý kiến trả lời kiến nghị."""

    SCOPE_UNIT_FIELDS = ("recommendation__org_unit",)

    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name="kiến nghị",
    )
    received_on = models.DateField("ngày nhận trả lời")
    by_body = models.CharField("cơ quan trả lời", max_length=300)
    summary = models.TextField("nội dung trả lời")
    document_ref = models.CharField("số, ký hiệu văn bản trả lời", max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người ghi",
    )

    objects = Manager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = "trả lời kiến nghị"
        verbose_name_plural = "trả lời kiến nghị"

    def __str__(self) -> str:
        return f"Trả lời của {self.by_body} ngày {self.received_on:%d/%m/%Y}"


def waiting_on(rows: QuerySet[Recommendation], day: dt.date) -> QuerySet[Recommendation]:
    """Those of ``rows`` made by ``day`` and still without an answer on it (neither
    answered nor settled by then): the stock followed at that day."""
    return rows.filter(made_on__lte=day).filter(
        Q(answered_on__isnull=True) | Q(answered_on__gt=day),
        Q(settled_on__isnull=True) | Q(settled_on__gt=day),
    )


def overdue_on(rows: QuerySet[Recommendation], day: dt.date) -> QuerySet[Recommendation]:
    """Those of ``rows`` waiting for an answer on ``day`` past their due date."""
    return waiting_on(rows, day).filter(due_on__lt=day)
