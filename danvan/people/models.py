"""Cán bộ and their positions (chức vụ), titles kept exactly as written."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from danvan.core.concurrency import Versioned
from danvan.core.models import AliveManager, DomainModel, SoftDeleteQuerySet
from danvan.lib.titles import abbreviations_in, expand_title


class Person(Versioned, DomainModel):
    """A person the system knows: a cán bộ, a union leader, a guest at a meeting."""

    # Visible through the unit that keeps the record or any unit where they hold a post.
    SCOPE_UNIT_FIELDS = ("org_unit", "positions__org_unit")

    class Gender(models.TextChoices):
        MALE = "nam", "Nam"
        FEMALE = "nu", "Nữ"

    full_name = models.CharField("họ và tên", max_length=150)
    gender = models.CharField("giới tính", max_length=8, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="people",
        verbose_name="đơn vị quản lý hồ sơ",
    )
    note = models.TextField("ghi chú", blank=True)
    name_folded = models.CharField(max_length=150, db_index=True, editable=False)

    objects = AliveManager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["full_name", "id"]
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"

    def __str__(self) -> str:
        return self.full_name

    @property
    def given_name(self) -> str:
        """Vietnamese names sort by the given name, the last word."""
        return self.full_name.rsplit(" ", 1)[-1]


class PositionQuerySet(models.QuerySet):
    def current(self) -> PositionQuerySet:
        today = timezone.localdate()
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))


class PositionManager(models.Manager.from_queryset(PositionQuerySet)):  # type: ignore[misc]
    def get_queryset(self) -> PositionQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class Position(Versioned, DomainModel):
    """Chức vụ: a title held in a unit for a term, as written ("UVTV, Trưởng Ban...")."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="positions", verbose_name="cán bộ"
    )
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name="đơn vị",
    )
    title = models.CharField(
        "chức danh (như văn bản ghi)",
        max_length=255,
        help_text="Ghi đúng như trong văn bản, kể cả viết tắt: UVTV, Trưởng Ban Dân vận Quận ủy.",
    )
    term = models.CharField("nhiệm kỳ", max_length=30, blank=True, help_text="Ví dụ 2020-2025.")
    start_date = models.DateField("từ ngày", null=True, blank=True)
    end_date = models.DateField("đến ngày", null=True, blank=True)
    is_primary = models.BooleanField("chức vụ chính", default=True)
    source = models.CharField("nguồn", max_length=255, blank=True)
    title_folded = models.CharField(max_length=400, editable=False)

    objects = PositionManager()
    all_objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["-is_primary", "-start_date", "id"]
        verbose_name = "chức vụ"
        verbose_name_plural = "chức vụ"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="position_date_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.title}"

    @property
    def title_expanded(self) -> str:
        return expand_title(self.title)

    @property
    def abbreviations(self) -> list[tuple[str, str]]:
        return abbreviations_in(self.title)

    @property
    def is_current(self) -> bool:
        return self.end_date is None or self.end_date >= timezone.localdate()
