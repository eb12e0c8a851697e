"""Đơn thư: each petition from intake to reply, with its petitioners, stages and chain.

A ``Petition`` is entered in the register of the unit that received it (``org_unit``),
numbered per unit and year ("12/2026"). Its ``stage`` follows the law's steps:

    tiếp nhận (vào sổ) → phân loại → thụ lý | hướng dẫn | chuyển đơn | lưu đơn
    thụ lý → xác minh → giải quyết → trả lời → theo dõi → kết thúc

``due_on`` is the deadline of the stage under way, computed in working days from the
``DeadlineRule`` rows and the ``CalendarDay`` calendar when the stage is entered (and
moved by an ``Extension``); *quá hạn* is computed from it and today, never stored.
``resolved_on`` is the day the petition was dealt with (answered, the citizen guided,
archived); the figures count it.

Across bodies: forwarding to a unit of the system (``Forwarding.to_unit``) creates that
unit's entry with ``forwarded_from`` pointing back; its reply is written on both. To a
body outside the tree, ``Forwarding.to_body`` with the letter and the awaited reply date.

Duplicates (*đơn trùng*): ``duplicate_of`` is proposed by the register (same petitioner,
same matter, folded without marks) and confirmed or rejected by a person.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.core.concurrency import Versioned
from danvan.core.models import AliveManager, DomainModel, SoftDeleteQuerySet
from danvan.petitions.models.clock import DeadlineRule, PetitionKind


class Channel(models.TextChoices):
    RECEPTION = "tiep_dan", "Tại buổi tiếp công dân"
    POST = "buu_dien", "Qua bưu điện"
    ONLINE = "truc_tuyen", "Trực tuyến"
    VOTERS = "cu_tri", "Tại tiếp xúc cử tri"
    FORWARDED = "chuyen_den", "Cơ quan khác chuyển đến"


class Stage(models.TextChoices):
    RECEIVED = "tiep_nhan", "Tiếp nhận, vào sổ"
    CLASSIFIED = "phan_loai", "Đã phân loại"
    ACCEPTED = "thu_ly", "Thụ lý"
    GUIDED = "huong_dan", "Hướng dẫn công dân"
    FORWARDED = "chuyen_don", "Chuyển đơn"
    ARCHIVED = "luu_don", "Lưu đơn"
    VERIFYING = "xac_minh", "Xác minh"
    RESOLVING = "giai_quyet", "Giải quyết"
    ANSWERED = "tra_loi", "Đã trả lời"
    FOLLOWING = "theo_doi", "Theo dõi thực hiện"
    CLOSED = "ket_thuc", "Kết thúc"


# Stages a petition may move to from each stage (the services refuse any other move).
MOVES: dict[str, tuple[str, ...]] = {
    Stage.RECEIVED: (Stage.CLASSIFIED,),
    Stage.CLASSIFIED: (Stage.ACCEPTED, Stage.GUIDED, Stage.FORWARDED, Stage.ARCHIVED),
    Stage.ACCEPTED: (Stage.VERIFYING, Stage.RESOLVING),
    Stage.VERIFYING: (Stage.RESOLVING,),
    Stage.RESOLVING: (Stage.ANSWERED,),
    Stage.FORWARDED: (Stage.ANSWERED,),
    Stage.ANSWERED: (Stage.FOLLOWING, Stage.CLOSED),
    Stage.FOLLOWING: (Stage.CLOSED,),
    Stage.GUIDED: (Stage.CLOSED,),
    Stage.ARCHIVED: (),
    Stage.CLOSED: (),
}
FINISHED = (Stage.GUIDED, Stage.ARCHIVED, Stage.ANSWERED, Stage.FOLLOWING, Stage.CLOSED)
OPEN = tuple(s for s in Stage.values if s not in FINISHED)
OVERDUE = "qua_han"
DUE_SOON = "sap_den_han"


class DuplicateState(models.TextChoices):
    NONE = "", "Không"
    PROPOSED = "de_xuat", "Nghi trùng (chờ xác nhận)"
    CONFIRMED = "xac_nhan", "Đơn trùng (đã xác nhận)"
    REJECTED = "bac_bo", "Không trùng (đã xem xét)"


class PetitionQuerySet(SoftDeleteQuerySet):
    def open(self) -> PetitionQuerySet:
        return self.filter(stage__in=OPEN)

    def overdue(self, today: dt.date) -> PetitionQuerySet:
        return self.open().filter(due_on__lt=today)


class PetitionManager(AliveManager.from_queryset(PetitionQuerySet)):  # type: ignore[misc]
    pass


class Petition(Versioned, DomainModel):
    """Một đơn thư trong sổ của đơn vị tiếp nhận."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="petitions",
        verbose_name="đơn vị tiếp nhận",
    )
    year = models.PositiveSmallIntegerField("năm vào sổ", editable=False)
    number = models.PositiveIntegerField("số vào sổ", editable=False)
    received_on = models.DateField("ngày nhận")
    channel = models.CharField("nguồn đơn", max_length=12, choices=Channel.choices)
    kind = models.CharField(
        "loại đơn", max_length=16, choices=PetitionKind.choices, default=PetitionKind.UNCLASSIFIED
    )
    subject = models.TextField("nội dung đơn")
    subject_folded = models.TextField(editable=False, default="")
    concerned_body = models.CharField(
        "cơ quan, người bị khiếu nại, tố cáo, kiến nghị", max_length=300, blank=True
    )
    anonymous = models.BooleanField("đơn nặc danh", default=False)
    group_size = models.PositiveSmallIntegerField(
        "số người đứng đơn", default=1, help_text="Đơn nhiều người cùng ký: số người ký."
    )
    eligible = models.BooleanField("đủ điều kiện xử lý", null=True, blank=True)
    competent = models.BooleanField("thuộc thẩm quyền", null=True, blank=True)
    complex_case = models.BooleanField("vụ việc phức tạp", default=False)
    stage = models.CharField(
        "giai đoạn", max_length=12, choices=Stage.choices, default=Stage.RECEIVED
    )
    stage_since = models.DateField("từ ngày")
    due_on = models.DateField("hạn của giai đoạn", null=True, blank=True)
    due_rule = models.ForeignKey(
        DeadlineRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="theo thời hạn",
    )
    accepted_on = models.DateField("ngày thụ lý", null=True, blank=True)
    resolved_on = models.DateField("ngày xử lý xong", null=True, blank=True)
    outcome = models.TextField("kết quả giải quyết, trả lời", blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_petitions",
        verbose_name="cán bộ xử lý",
    )
    visit = models.ForeignKey(
        "petitions.ReceptionVisit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name="tại lượt tiếp công dân",
    )
    voter_batch = models.ForeignKey(
        "petitions.VoterBatch",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
        verbose_name="đợt tổng hợp ý kiến cử tri",
    )
    forwarded_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forwarded_entries",
        verbose_name="do đơn vị khác chuyển đến (đơn gốc)",
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="trùng với đơn",
    )
    duplicate_state = models.CharField(
        "đơn trùng", max_length=8, choices=DuplicateState.choices, blank=True, default=""
    )

    objects = PetitionManager()
    all_objects = PetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = "đơn thư"
        verbose_name_plural = "đơn thư"
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "year", "number"], name="petition_number_per_unit_year"
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_state__in=["de_xuat", "xac_nhan"])
                | Q(duplicate_of__isnull=False),
                name="petition_duplicate_has_original",
            ),
            models.CheckConstraint(condition=Q(group_size__gte=1), name="petition_group_ge_1"),
        ]
        indexes = [models.Index(fields=["stage", "due_on"]), models.Index(fields=["received_on"])]

    def __str__(self) -> str:
        return f"Đơn số {self.reference}"

    @property
    def reference(self) -> str:
        return f"{self.number:02d}/{self.year}"

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < today

    @property
    def is_denunciation(self) -> bool:
        return self.kind == PetitionKind.DENUNCIATION


class Petitioner(models.Model):
    """Người đứng đơn. Personal data: read only through the petition's privacy rules."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="petitioners", verbose_name="đơn"
    )
    full_name = models.CharField("họ và tên", max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    address_folded = models.CharField(max_length=300, editable=False, default="")
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    id_number = models.CharField("số CCCD/CMND", max_length=12, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "người đứng đơn"
        verbose_name_plural = "người đứng đơn"

    def __str__(self) -> str:
        return self.full_name


class StageEntry(models.Model):
    """One step of the timeline: the stage entered, when, by whom, why, its deadline."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="timeline", verbose_name="đơn"
    )
    stage = models.CharField("giai đoạn", max_length=12, choices=Stage.choices)
    on = models.DateField("ngày")
    note = models.TextField("nội dung", blank=True)
    due_on = models.DateField("hạn", null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người thực hiện",
    )
    at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = "bước xử lý đơn"
        verbose_name_plural = "bước xử lý đơn"

    def __str__(self) -> str:
        return f"{self.petition}: {self.get_stage_display()}"


class Extension(models.Model):
    """Gia hạn: more days for the stage under way, with the reason."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="extensions", verbose_name="đơn"
    )
    stage = models.CharField("giai đoạn", max_length=12, choices=Stage.choices)
    days = models.PositiveSmallIntegerField("thêm số ngày")
    counting = models.CharField("cách tính", max_length=8, choices=DeadlineRule.Counting.choices)
    reason = models.TextField("lý do gia hạn")
    old_due = models.DateField("hạn cũ", null=True, blank=True)
    new_due = models.DateField("hạn mới")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "gia hạn"
        verbose_name_plural = "gia hạn"

    def __str__(self) -> str:
        return f"{self.petition}: +{self.days}"


class Forwarding(models.Model):
    """Chuyển đơn: to a unit of the system (its linked entry) or to a body outside."""

    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="forwardings", verbose_name="đơn"
    )
    to_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="chuyển đến đơn vị",
    )
    to_body = models.CharField("chuyển đến cơ quan (ngoài hệ thống)", max_length=300, blank=True)
    receiver_entry = models.OneToOneField(
        Petition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_forwarding",
        verbose_name="đơn ở đơn vị nhận",
    )
    letter = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="phiếu chuyển, công văn",
    )
    sent_on = models.DateField("ngày chuyển")
    reply_due = models.DateField("hạn trả lời", null=True, blank=True)
    replied_on = models.DateField("ngày trả lời", null=True, blank=True)
    reply = models.TextField("nội dung trả lời", blank=True)
    reply_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="văn bản trả lời",
    )

    class Meta:
        ordering = ["sent_on", "id"]
        verbose_name = "chuyển đơn"
        verbose_name_plural = "chuyển đơn"
        constraints = [
            models.CheckConstraint(
                condition=(Q(to_unit__isnull=False) & Q(to_body=""))
                | (Q(to_unit__isnull=True) & ~Q(to_body="")),
                name="forwarding_one_receiver",
            )
        ]

    def __str__(self) -> str:
        return f"{self.petition} → {self.receiver_name}"

    @property
    def receiver_name(self) -> str:
        return self.to_unit.name if self.to_unit_id else self.to_body  # type: ignore[union-attr]
