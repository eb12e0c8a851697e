"""Thực hiện dân chủ ở cơ sở (Luật 10/2022/QH15, NĐ 59/2023/NĐ-CP), per commune and khu
dân cư:

- ``DisclosureItem``: the contents the law requires a commune to disclose (Điều 11),
  seeded as rows by a data migration (an administrator may add one).
- ``Disclosure`` ("dân biết"): what was made public, how, from when to when. Nháp →
  đang công khai → (hết hạn, computed from ``ends_on``) or thu hồi with a reason.
- ``PeopleDecision`` ("dân bàn, dân quyết"): a matter put to the households (hương ước,
  quy ước, electing the head of the thôn / tổ dân phố, contributions…) at a meeting, by
  ballot or online; the households and the votes; the outcome computed by the service
  (see ``PeopleDecision.passes``).
- ``Consultation`` ("dân bàn, cho ý kiến"): a matter commented on, the opinions received
  and how many were taken up. Đang lấy ý kiến → đã kết thúc.
- ``Oversight`` ("dân kiểm tra, giám sát"): a finding of the Ban Thanh tra nhân dân or of
  the Ban Giám sát đầu tư của cộng đồng, its recommendations. Mở → đã xử lý.
"""

from __future__ import annotations

import datetime as dt

from django.db import models

from danvan.core.concurrency import Versioned
from danvan.core.models import AliveManager, DomainModel, SoftDeleteQuerySet


class Manager(AliveManager.from_queryset(SoftDeleteQuerySet)):  # type: ignore[misc]
    pass


def _unit() -> models.ForeignKey:
    return models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="xã, phường, khu dân cư",
    )


class DisclosureItem(models.Model):
    """Một nội dung chính quyền cấp xã phải công khai (Luật 10/2022 Điều 11)."""

    code = models.SlugField("mã", max_length=40, unique=True)
    clause = models.CharField("căn cứ", max_length=60, blank=True)
    name = models.TextField("nội dung phải công khai")
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "nội dung phải công khai"
        verbose_name_plural = "danh mục nội dung phải công khai"

    def __str__(self) -> str:
        return f"{self.clause}: {self.name}" if self.clause else self.name


class DisclosureForm(models.TextChoices):
    NOTICE = "niem_yet", "Niêm yết tại trụ sở"
    LOUDSPEAKER = "loa", "Loa truyền thanh"
    PORTAL = "cong_thong_tin", "Cổng (trang) thông tin điện tử"
    MEETING = "hoi_nghi", "Hội nghị"
    DOCUMENT = "van_ban", "Văn bản gửi đến thôn, tổ dân phố"
    OTHER = "khac", "Hình thức khác"


class DisclosureState(models.TextChoices):
    DRAFT = "nhap", "Nháp"
    PUBLISHED = "cong_khai", "Đang công khai"
    WITHDRAWN = "thu_hoi", "Đã thu hồi"


# Shown, never stored: a published disclosure past its last day.
EXPIRED = ("het_han", "Hết hạn công khai")


class Disclosure(Versioned, DomainModel):
    SCOPE_UNIT_FIELDS = ("org_unit",)

    org_unit = _unit()
    content = models.CharField("nội dung công khai", max_length=500)
    item = models.ForeignKey(
        DisclosureItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="disclosures",
        verbose_name="thuộc nội dung luật định",
    )
    form = models.CharField("hình thức công khai", max_length=16, choices=DisclosureForm.choices)
    starts_on = models.DateField("công khai từ ngày")
    ends_on = models.DateField("đến ngày", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)
    state = models.CharField(
        "tình trạng", max_length=12, choices=DisclosureState.choices, default=DisclosureState.DRAFT
    )
    withdrawn_reason = models.TextField("lý do thu hồi", blank=True)

    objects = Manager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = "nội dung đã công khai"
        verbose_name_plural = "sổ công khai"

    def __str__(self) -> str:
        return self.content

    def shown_state(self, today: dt.date) -> tuple[str, str]:
        if self.state == DisclosureState.PUBLISHED and self.ends_on and self.ends_on < today:
            return EXPIRED
        return self.state, self.get_state_display()


class DecisionKind(models.TextChoices):
    HUONG_UOC = "huong_uoc", "Hương ước"
    QUY_UOC = "quy_uoc", "Quy ước"
    HEAD = "bau_truong", "Bầu, cho thôi trưởng thôn, tổ trưởng tổ dân phố"
    CONTRIBUTION = "dong_gop", "Đóng góp xây dựng công trình công cộng"
    OTHER = "khac", "Nội dung khác"


class DecisionMethod(models.TextChoices):
    MEETING = "hoi_nghi", "Hội nghị cử tri, hộ gia đình"
    BALLOT = "phat_phieu", "Phát phiếu lấy ý kiến hộ gia đình"
    ONLINE = "truc_tuyen", "Biểu quyết trực tuyến"


class DecisionState(models.TextChoices):
    PLANNED = "du_kien", "Dự kiến tổ chức"
    DECIDED = "da_bieu_quyet", "Đã biểu quyết"
    CANCELLED = "huy", "Hủy"


class Outcome(models.TextChoices):
    PASSED = "thong_qua", "Thông qua"
    REJECTED = "khong_thong_qua", "Không thông qua"


class PeopleDecision(Versioned, DomainModel):
    """Nội dung Nhân dân bàn và quyết định.

    Rule of the outcome (``passes``): a matter is **thông qua** when the households
    voting for it are more than half of the households of the khu dân cư
    (``votes_for * 2 > households_total``) — Luật 10/2022 (Điều 22, 23: hội nghị / phát
    phiếu; trên 50% tổng số hộ gia đình tán thành), as the old Pháp lệnh 34/2007 did.
    ⚠ DOMAIN.md flags the share as to be checked against the text of the law.
    Votes: ``votes_for + votes_against ≤ households_taking_part ≤ households_total``.
    """

    SCOPE_UNIT_FIELDS = ("org_unit",)

    org_unit = _unit()
    kind = models.CharField("loại nội dung", max_length=16, choices=DecisionKind.choices)
    subject = models.CharField("nội dung đưa ra Nhân dân quyết định", max_length=500)
    method = models.CharField("hình thức", max_length=16, choices=DecisionMethod.choices)
    held_on = models.DateField("ngày tổ chức")
    households_total = models.PositiveIntegerField("tổng số hộ gia đình", default=0)
    households_taking_part = models.PositiveIntegerField("số hộ tham gia", null=True, blank=True)
    votes_for = models.PositiveIntegerField("số hộ tán thành", null=True, blank=True)
    votes_against = models.PositiveIntegerField("số hộ không tán thành", null=True, blank=True)
    outcome = models.CharField(
        "kết quả", max_length=16, choices=Outcome.choices, blank=True, editable=False
    )
    note = models.TextField("ghi chú", blank=True)
    state = models.CharField(
        "tình trạng", max_length=14, choices=DecisionState.choices, default=DecisionState.PLANNED
    )

    objects = Manager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "nội dung Nhân dân bàn và quyết định"
        verbose_name_plural = "nội dung Nhân dân bàn và quyết định"

    def __str__(self) -> str:
        return self.subject

    @staticmethod
    def passes(households_total: int, votes_for: int) -> bool:
        return votes_for * 2 > households_total

    @property
    def share_for(self) -> str:
        if not self.households_total or self.votes_for is None:
            return ""
        return f"{self.votes_for * 100 / self.households_total:.1f}".replace(".", ",") + "%"


class ConsultationState(models.TextChoices):
    OPEN = "dang_lay", "Đang lấy ý kiến"
    CLOSED = "ket_thuc", "Đã kết thúc"


class Consultation(Versioned, DomainModel):
    """Nội dung Nhân dân bàn, tham gia ý kiến trước khi cơ quan có thẩm quyền quyết định."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    org_unit = _unit()
    subject = models.CharField("nội dung lấy ý kiến", max_length=500)
    starts_on = models.DateField("lấy ý kiến từ ngày")
    ends_on = models.DateField("đến ngày")
    opinions_received = models.PositiveIntegerField("số ý kiến nhận được", default=0)
    taken_up_count = models.PositiveIntegerField("số ý kiến được tiếp thu", default=0)
    taken_up_summary = models.TextField("nội dung tiếp thu, giải trình", blank=True)
    state = models.CharField(
        "tình trạng",
        max_length=10,
        choices=ConsultationState.choices,
        default=ConsultationState.OPEN,
    )

    objects = Manager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = "nội dung lấy ý kiến Nhân dân"
        verbose_name_plural = "nội dung lấy ý kiến Nhân dân"

    def __str__(self) -> str:
        return self.subject


class Board(models.TextChoices):
    INSPECTION = "ttnd", "Ban Thanh tra nhân dân"
    INVESTMENT = "gsdtcd", "Ban Giám sát đầu tư của cộng đồng"


class OversightState(models.TextChoices):
    OPEN = "mo", "Mở, chờ xử lý"
    RESOLVED = "da_xu_ly", "Đã xử lý"


class Oversight(Versioned, DomainModel):
    """Kết quả kiểm tra, giám sát của Ban Thanh tra nhân dân / Ban Giám sát đầu tư của
    cộng đồng, kiến nghị và việc xử lý."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    org_unit = _unit()
    board = models.CharField("ban thực hiện", max_length=8, choices=Board.choices)
    subject = models.CharField("nội dung, công trình được giám sát", max_length=500)
    found_on = models.DateField("ngày kết luận")
    findings = models.TextField("kết quả kiểm tra, giám sát")
    recommendations = models.TextField("kiến nghị", blank=True)
    state = models.CharField(
        "tình trạng", max_length=10, choices=OversightState.choices, default=OversightState.OPEN
    )
    resolution = models.TextField("kết quả xử lý kiến nghị", blank=True)
    resolved_on = models.DateField("ngày xử lý xong", null=True, blank=True)

    objects = Manager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name = "kết quả kiểm tra, giám sát"
        verbose_name_plural = "kết quả kiểm tra, giám sát của Nhân dân"

    def __str__(self) -> str:
        return self.subject
