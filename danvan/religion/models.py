"""Công tác tôn giáo, dân tộc: the religious organisations, places of worship and
registered group-worship points of each unit, their dignitaries and key followers, their
events and festivals, and the situations the board follows.

- ``Religion`` is a lookup (seeded by the migration): Phật giáo, Công giáo, Tin lành…
- A ``Place`` is a cơ sở thờ tự or an điểm nhóm sinh hoạt tôn giáo tập trung (registered by
  a decision, with its reference and date). It is counted in the stock at a day when it
  began before that day and was not suspended then (``suspended_on``).
- A ``Figure`` (chức sắc, chức việc, tín đồ cốt cán) is personal data: lists show the
  name masked to those without ``Cap.RELIGION_MANAGE``, the phone only to them, and every
  read is written to ``ReadLog``.
- An ``Event`` moves đăng ký/thông báo → đã diễn ra (the actual attendance required) or
  → hủy.
- A ``Situation`` is restricted: only ``Cap.RELIGION_SENSITIVE`` holders see it at all,
  every read is logged, and it is never written into a report.
- A place or organisation may be linked to a «Dân vận khéo» model (``emulation_model``):
  the models of mobilisation among believers.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.core.concurrency import Versioned
from danvan.core.models import AliveManager, DomainModel, SoftDeleteQuerySet


class Religion(models.Model):
    """Danh mục tôn giáo (data, not code: an administrator may add one)."""

    code = models.SlugField("mã", max_length=30, unique=True)
    name = models.CharField("tên tôn giáo", max_length=100)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "tôn giáo"
        verbose_name_plural = "danh mục tôn giáo"

    def __str__(self) -> str:
        return self.name


class OrgStatus(models.TextChoices):
    RECOGNISED = "cong_nhan", "Được công nhận tổ chức tôn giáo"
    REGISTERED = "dang_ky", "Đã đăng ký hoạt động"
    UNREGISTERED = "chua_dang_ky", "Chưa đăng ký"


class PlaceKind(models.TextChoices):
    WORSHIP = "co_so", "Cơ sở thờ tự"
    GROUP = "diem_nhom", "Điểm nhóm sinh hoạt tôn giáo tập trung"


class PlaceState(models.TextChoices):
    ACTIVE = "hoat_dong", "Đang hoạt động"
    SUSPENDED = "tam_ngung", "Tạm ngừng"


class FigureRole(models.TextChoices):
    DIGNITARY = "chuc_sac", "Chức sắc"
    OFFICIAL = "chuc_viec", "Chức việc"
    KEY_FOLLOWER = "cot_can", "Tín đồ cốt cán"


class EventState(models.TextChoices):
    PLANNED = "dang_ky", "Đăng ký, thông báo"
    HELD = "da_dien_ra", "Đã diễn ra"
    CANCELLED = "huy", "Hủy"


class SituationState(models.TextChoices):
    WATCHING = "theo_doi", "Đang theo dõi"
    SETTLED = "on_dinh", "Đã ổn định"
    HANDED_OVER = "chuyen_co_quan", "Chuyển cơ quan chức năng"


EVENT_MOVES: dict[str, tuple[str, ...]] = {
    EventState.PLANNED: (EventState.HELD, EventState.CANCELLED),
    EventState.HELD: (),
    EventState.CANCELLED: (),
}
SITUATION_MOVES: dict[str, tuple[str, ...]] = {
    SituationState.WATCHING: (SituationState.SETTLED, SituationState.HANDED_OVER),
    SituationState.SETTLED: (),
    SituationState.HANDED_OVER: (),
}


class Manager(AliveManager.from_queryset(SoftDeleteQuerySet)):  # type: ignore[misc]
    pass


def _unit() -> models.ForeignKey:
    return models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị, địa bàn"
    )


def _emulation_model() -> models.ForeignKey:
    return models.ForeignKey(
        "emulation.EmulationModel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="mô hình «Dân vận khéo»",
    )


class Organisation(Versioned, DomainModel):
    """Tổ chức tôn giáo (hoặc tổ chức tôn giáo trực thuộc) trên địa bàn."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    org_unit = _unit()
    name = models.CharField("tên tổ chức", max_length=300)
    religion = models.ForeignKey(
        Religion, on_delete=models.PROTECT, related_name="organisations", verbose_name="tôn giáo"
    )
    status = models.CharField(
        "tình trạng pháp lý", max_length=14, choices=OrgStatus.choices, default=OrgStatus.REGISTERED
    )
    decision_ref = models.CharField("số quyết định công nhận, đăng ký", max_length=100, blank=True)
    decision_on = models.DateField("ngày quyết định", null=True, blank=True)
    address = models.CharField("địa chỉ trụ sở", max_length=300, blank=True)
    note = models.TextField("ghi chú", blank=True)
    emulation_model = _emulation_model()

    objects = Manager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["religion__sort_order", "name"]
        verbose_name = "tổ chức tôn giáo"
        verbose_name_plural = "tổ chức tôn giáo"

    def __str__(self) -> str:
        return self.name


class Place(Versioned, DomainModel):
    """Cơ sở thờ tự, hoặc điểm nhóm sinh hoạt tôn giáo tập trung đã đăng ký."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    org_unit = _unit()
    name = models.CharField("tên cơ sở", max_length=300)
    kind = models.CharField("loại", max_length=10, choices=PlaceKind.choices)
    religion = models.ForeignKey(
        Religion, on_delete=models.PROTECT, related_name="places", verbose_name="tôn giáo"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="places",
        verbose_name="thuộc tổ chức tôn giáo",
    )
    address = models.CharField("địa chỉ", max_length=300)
    decision_ref = models.CharField(
        "số văn bản chấp thuận đăng ký",
        max_length=100,
        blank=True,
        help_text="Bắt buộc với điểm nhóm sinh hoạt tôn giáo tập trung.",
    )
    decision_on = models.DateField("ngày chấp thuận", null=True, blank=True)
    active_since = models.DateField(
        "hoạt động từ ngày",
        null=True,
        blank=True,
        help_text="Để trống nếu đã hoạt động từ trước khi lập sổ.",
    )
    followers = models.PositiveIntegerField("số tín đồ sinh hoạt", default=0)
    state = models.CharField(
        "tình trạng", max_length=10, choices=PlaceState.choices, default=PlaceState.ACTIVE
    )
    suspended_on = models.DateField("tạm ngừng từ ngày", null=True, blank=True, editable=False)
    note = models.TextField("ghi chú", blank=True)
    emulation_model = _emulation_model()

    objects = Manager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["org_unit__path", "kind", "name"]
        verbose_name = "cơ sở thờ tự, điểm nhóm"
        verbose_name_plural = "cơ sở thờ tự, điểm nhóm"
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="diem_nhom") | ~Q(decision_ref=""),
                name="religion_group_point_has_decision",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def start(self) -> dt.date | None:
        """The day it counts from: its decision for a group point, else active_since."""
        return self.decision_on if self.kind == PlaceKind.GROUP else self.active_since


class Figure(Versioned, DomainModel):
    """Chức sắc, chức việc, tín đồ cốt cán (dữ liệu cá nhân: xem privacy.py)."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    org_unit = _unit()
    full_name = models.CharField("họ và tên", max_length=200)
    role = models.CharField("là", max_length=10, choices=FigureRole.choices)
    title = models.CharField(
        "phẩm sắc, chức vụ tôn giáo",
        max_length=200,
        blank=True,
        help_text="vd: Đại đức, trụ trì; Linh mục chính xứ; Trưởng ban hành giáo",
    )
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="figures",
        verbose_name="sinh hoạt tại",
    )
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    note = models.TextField("ghi chú", blank=True)

    objects = Manager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["role", "full_name"]
        verbose_name = "chức sắc, chức việc, cốt cán"
        verbose_name_plural = "chức sắc, chức việc, cốt cán"

    def __str__(self) -> str:
        return self.full_name


class Event(Versioned, DomainModel):
    """Sự kiện, lễ hội tôn giáo tại một cơ sở (its unit is the place's)."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    org_unit = _unit()
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="events", verbose_name="tại cơ sở"
    )
    name = models.CharField("tên sự kiện, lễ hội", max_length=300)
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    expected_attendance = models.PositiveIntegerField("số người dự kiến", default=0)
    actual_attendance = models.PositiveIntegerField("số người tham dự", null=True, blank=True)
    state = models.CharField(
        "tình trạng", max_length=10, choices=EventState.choices, default=EventState.PLANNED
    )
    note = models.TextField("ghi chú, kết quả", blank=True)

    objects = Manager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = "sự kiện, lễ hội tôn giáo"
        verbose_name_plural = "sự kiện, lễ hội tôn giáo"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="religion_event_dates"
            ),
            models.CheckConstraint(
                condition=~Q(state="da_dien_ra") | Q(actual_attendance__isnull=False),
                name="religion_event_held_has_attendance",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Situation(Versioned, DomainModel):
    """Tình hình cần theo dõi (hạn chế: chỉ người có quyền RELIGION_SENSITIVE)."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    org_unit = _unit()
    place = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="situations",
        verbose_name="liên quan cơ sở",
    )
    noted_on = models.DateField("ngày nắm tình hình")
    summary = models.TextField("diễn biến")
    assessment = models.TextField("nhận định, đánh giá", blank=True)
    state = models.CharField(
        "tình trạng",
        max_length=14,
        choices=SituationState.choices,
        default=SituationState.WATCHING,
    )
    closed_on = models.DateField("ngày kết thúc theo dõi", null=True, blank=True)
    handed_to = models.CharField("chuyển đến cơ quan", max_length=300, blank=True)
    outcome = models.TextField("kết quả", blank=True)

    objects = Manager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-noted_on", "-id"]
        verbose_name = "tình hình cần theo dõi"
        verbose_name_plural = "tình hình cần theo dõi"

    def __str__(self) -> str:
        return f"Tình hình ngày {self.noted_on:%d/%m/%Y}"


class ReadLog(models.Model):
    """Nhật ký truy cập: every read of a figure's data or of a situation."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    class Action(models.TextChoices):
        DETAIL = "xem", "Mở hồ sơ"
        LIST = "danh_sach", "Xem danh sách"
        EXPORT = "xuat", "Xuất danh sách"
        API_DETAIL = "api_xem", "API: đọc một hồ sơ"
        API_LIST = "api_danh_sach", "API: đọc danh sách"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="religion_reads",
        verbose_name="người đọc",
    )
    at = models.DateTimeField("lúc", auto_now_add=True, db_index=True)
    action = models.CharField("thao tác", max_length=16, choices=Action.choices)
    figure = models.ForeignKey(
        Figure,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reads",
        verbose_name="chức sắc, cốt cán",
    )
    situation = models.ForeignKey(
        Situation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reads",
        verbose_name="tình hình",
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
    full_shown = models.BooleanField("thấy đầy đủ thông tin cá nhân", default=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "nhật ký đọc hồ sơ tôn giáo"
        verbose_name_plural = "nhật ký đọc hồ sơ tôn giáo"

    def __str__(self) -> str:
        return f"{self.user} — {self.get_action_display()} — {self.what[:60]}"
