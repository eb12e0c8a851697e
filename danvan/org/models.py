"""The org tree, as data.

Levels (cấp), unit kinds (quận, phường, xã, đặc khu, tổ dân phố, cơ quan...) and
organisation kinds (ban dân vận, MTTQ, CCB, LHPN...) are rows, not code: on 1 July
2025 the district level ended and the tree changed shape, and it will again. A unit
that is merged or split keeps its data, gets ``valid_to`` and links to its successors;
from then on it is read-only.

Places (tỉnh, phường...) and organisations (Ban Dân vận Quận ủy, Hội CCB phường...)
live in one tree: an organisation is a child of the place it works in, tagged with
exactly one organisation kind, so figures can be cut by place (subtree) or by
organisation (kind).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from danvan.core.concurrency import Versioned
from danvan.core.models import DomainModel


class OrgLevel(models.Model):
    """Cấp: trung ương, tỉnh, huyện (to 30/6/2025), xã, khu dân cư."""

    code = models.SlugField("mã", max_length=32, unique=True)
    name = models.CharField("tên cấp", max_length=100)
    rank = models.PositiveSmallIntegerField("thứ bậc", unique=True, help_text="0 là cấp cao nhất")
    valid_from = models.DateField("áp dụng từ", null=True, blank=True)
    valid_to = models.DateField("áp dụng đến", null=True, blank=True)

    class Meta:
        ordering = ["rank"]
        verbose_name = "cấp"
        verbose_name_plural = "các cấp"

    def __str__(self) -> str:
        return self.name


class UnitKind(models.Model):
    """Loại đơn vị: a place (Quận, Phường, Xã, Tổ dân phố...) or an organisation body."""

    code = models.SlugField("mã", max_length=32, unique=True)
    name = models.CharField("tên loại", max_length=100)
    is_place = models.BooleanField(
        "là địa bàn",
        default=True,
        help_text="Địa bàn hành chính (tỉnh, xã, tổ dân phố); bỏ chọn cho cơ quan, tổ chức.",
    )
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "loại đơn vị"
        verbose_name_plural = "loại đơn vị"

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.Model):
    """Loại tổ chức: cấp ủy, ban dân vận, chính quyền, MTTQ, CCB, LHPN, ĐTN, HND, CTĐ..."""

    code = models.SlugField("mã", max_length=32, unique=True)
    name = models.CharField("tên loại tổ chức", max_length=150)
    short_name = models.CharField("viết tắt", max_length=30, blank=True)
    is_coordinating_board = models.BooleanField(
        "là cơ quan tham mưu công tác dân vận",
        default=False,
        help_text="Ban Dân vận, Ban Tuyên giáo và Dân vận, khối dân vận cơ sở.",
    )
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "loại tổ chức"
        verbose_name_plural = "loại tổ chức"

    def __str__(self) -> str:
        return self.short_name or self.name


class OrgUnitQuerySet(models.QuerySet):
    def active_on(self, day: dt.date) -> OrgUnitQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def active(self) -> OrgUnitQuerySet:
        return self.active_on(timezone.localdate())

    def historical(self) -> OrgUnitQuerySet:
        return self.filter(valid_to__lt=timezone.localdate())

    def subtree_of(self, unit: OrgUnit) -> OrgUnitQuerySet:
        return self.filter(path__startswith=unit.path)


class OrgUnitManager(models.Manager.from_queryset(OrgUnitQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> OrgUnitQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class OrgUnit(Versioned, DomainModel):
    """Đơn vị: one node of the tree (a place or an organisation)."""

    SCOPE_UNIT_FIELDS = ("",)

    name = models.CharField("tên đơn vị", max_length=255)
    code = models.CharField(
        "mã đơn vị", max_length=64, help_text="Mã ngắn, duy nhất, ví dụ HN-HM-DINHCONG."
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="đơn vị cấp trên",
    )
    level = models.ForeignKey(OrgLevel, on_delete=models.PROTECT, verbose_name="cấp")
    kind = models.ForeignKey(UnitKind, on_delete=models.PROTECT, verbose_name="loại đơn vị")
    organisation_kind = models.ForeignKey(
        OrganisationKind,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name="loại tổ chức",
    )
    valid_from = models.DateField("hoạt động từ", null=True, blank=True)
    valid_to = models.DateField("hoạt động đến", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    # Materialised path of primary keys, "/1/5/23/": a subtree is a prefix match.
    path = models.CharField(max_length=512, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)

    objects = OrgUnitManager()
    all_objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(deleted_at__isnull=True), name="org_unit_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="org_unit_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_historical(self) -> bool:
        """Closed (merged, split or dissolved): kept with its data, read-only."""
        return self.valid_to is not None and self.valid_to < timezone.localdate()

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]


class OrgUnitSuccession(models.Model):
    """Kế thừa: an old unit continued by a new one (sáp nhập, chia tách, đổi tên)."""

    class Kind(models.TextChoices):
        MERGE = "merge", "Sáp nhập"
        SPLIT = "split", "Chia tách"
        RENAME = "rename", "Đổi tên, tổ chức lại"

    predecessor = models.ForeignKey(
        OrgUnit, on_delete=models.CASCADE, related_name="successions", verbose_name="đơn vị cũ"
    )
    successor = models.ForeignKey(
        OrgUnit,
        on_delete=models.CASCADE,
        related_name="predecessions",
        verbose_name="đơn vị kế thừa",
    )
    kind = models.CharField("hình thức", max_length=16, choices=Kind.choices)
    effective_date = models.DateField("có hiệu lực từ")
    decision = models.CharField("căn cứ (văn bản)", max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False, verbose_name="tạo lúc")

    class Meta:
        ordering = ["effective_date", "id"]
        verbose_name = "kế thừa đơn vị"
        verbose_name_plural = "kế thừa đơn vị"
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="org_succession_unique"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")), name="org_succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.get_kind_display()})"
