"""Buổi tiếp công dân, the citizens received at it, and the Front's voter-opinion batches.

A ``ReceptionSession`` is one day's reception at a unit: who received (the head on his
weekly day, or the duty officer), its kind (thường xuyên, định kỳ, đột xuất). Each
``ReceptionVisit`` is one citizen or one group (*đoàn đông người*, with its size) received,
what they raised and what was answered on the spot; a petition handed in is registered
from the visit.

*Lượt tiếp công dân* (the TIEP_CONG_DAN figure) counts citizens received: a group counts
its size (a delegation of 12 is 12 lượt), so the figure is the number of people the
reception served. A group of five or more is a *đoàn đông người* (Luật Tiếp công dân
2013, Điều 30 ⚠: «nhiều người cùng khiếu nại, tố cáo, kiến nghị, phản ánh về một nội
dung» — threshold of 5 per NĐ 64/2014 ⚠).

A ``VoterBatch`` groups the opinions (ý kiến, kiến nghị cử tri) gathered at voter
meetings (tiếp xúc cử tri) by the Front, forwarded to the competent bodies, with one joint
reply per batch.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.core.concurrency import Versioned
from danvan.core.models import AliveManager, DomainModel, SoftDeleteQuerySet

GROUP_THRESHOLD = 5


class ReceptionSession(Versioned, DomainModel):
    SCOPE_UNIT_FIELDS = ("org_unit",)

    class Kind(models.TextChoices):
        REGULAR = "thuong_xuyen", "Thường xuyên"
        PERIODIC = "dinh_ky", "Định kỳ (người đứng đầu)"
        SUDDEN = "dot_xuat", "Đột xuất"

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="reception_sessions",
        verbose_name="đơn vị tiếp",
    )
    held_on = models.DateField("ngày tiếp")
    kind = models.CharField("hình thức", max_length=12, choices=Kind.choices)
    host = models.CharField("người tiếp", max_length=200)
    host_title = models.CharField("chức vụ người tiếp", max_length=200, blank=True)
    place = models.CharField("địa điểm", max_length=300, blank=True)
    note = models.TextField("ghi chú", blank=True)

    objects = AliveManager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "buổi tiếp công dân"
        verbose_name_plural = "buổi tiếp công dân"

    def __str__(self) -> str:
        return f"Tiếp công dân {self.held_on:%d/%m/%Y}"


class ReceptionVisit(models.Model):
    """Một lượt tiếp: one citizen, or a group with its size."""

    session = models.ForeignKey(
        ReceptionSession, on_delete=models.CASCADE, related_name="visits", verbose_name="buổi tiếp"
    )
    full_name = models.CharField("họ và tên (người đại diện)", max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, default="")
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    group_size = models.PositiveSmallIntegerField("số người", default=1)
    raised = models.TextField("nội dung trình bày")
    answered = models.TextField("trả lời, hướng dẫn tại buổi tiếp", blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "lượt tiếp công dân"
        verbose_name_plural = "lượt tiếp công dân"
        constraints = [
            models.CheckConstraint(
                condition=Q(group_size__gte=1, group_size__lte=10000), name="visit_group_size_valid"
            )
        ]

    def __str__(self) -> str:
        return f"Lượt tiếp {self.pk}"

    @property
    def is_group(self) -> bool:
        return self.group_size >= GROUP_THRESHOLD


class VoterBatch(Versioned, DomainModel):
    """Đợt tổng hợp ý kiến, kiến nghị cử tri (one round of voter meetings)."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    class Status(models.TextChoices):
        GATHERED = "tong_hop", "Đang tổng hợp"
        ANSWERED_HERE = "da_tra_loi", "Đã trả lời"
        FORWARDED = "da_chuyen", "Đã chuyển cơ quan có thẩm quyền"
        ANSWERED_THERE = "co_quan_tra_loi", "Cơ quan có thẩm quyền đã trả lời"

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="voter_batches",
        verbose_name="đơn vị tổng hợp",
    )
    title = models.CharField("tên đợt", max_length=300)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="hội nghị tiếp xúc cử tri",
    )
    met_on = models.DateField("ngày tiếp xúc cử tri")
    status = models.CharField(
        "tình trạng", max_length=16, choices=Status.choices, default=Status.GATHERED
    )
    joint_reply = models.TextField("trả lời chung của đợt", blank=True)
    replied_on = models.DateField("ngày trả lời", null=True, blank=True)

    objects = AliveManager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-met_on", "-id"]
        verbose_name = "đợt ý kiến, kiến nghị cử tri"
        verbose_name_plural = "đợt ý kiến, kiến nghị cử tri"

    def __str__(self) -> str:
        return self.title


class ReadLog(models.Model):
    """Nhật ký truy cập đơn thư: every read of a petition (page, API, export)."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    class Action(models.TextChoices):
        DETAIL = "xem", "Mở hồ sơ đơn"
        LIST = "danh_sach", "Xem danh sách"
        EXPORT = "xuat", "Xuất danh sách"
        EXPORT_IDS = "xuat_giay_to", "Xuất danh sách kèm số giấy tờ"
        API_DETAIL = "api_xem", "API: đọc một đơn"
        API_LIST = "api_danh_sach", "API: đọc danh sách"
        DOCUMENT = "van_ban", "Tạo văn bản từ đơn"
        FILE = "tai_tep", "Tải tệp, văn bản của đơn"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="petition_reads",
        verbose_name="người đọc",
    )
    at = models.DateTimeField("lúc", auto_now_add=True, db_index=True)
    action = models.CharField("thao tác", max_length=16, choices=Action.choices)
    petition = models.ForeignKey(
        "petitions.Petition",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reads",
        verbose_name="đơn",
    )
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đơn vị",
    )
    what = models.CharField("nội dung đọc", max_length=500)
    identity_shown = models.BooleanField("thấy thông tin người đứng đơn", default=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "lượt đọc đơn thư"
        verbose_name_plural = "nhật ký đọc đơn thư"

    def __str__(self) -> str:
        return f"{self.user} {self.get_action_display()} {self.what}"
