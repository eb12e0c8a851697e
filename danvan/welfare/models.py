"""An sinh xã hội: welfare campaigns, what was given to them and what they gave out.

A ``Campaign`` (đợt: «Tết Nguyên đán Tân Sửu 2021») is run by one unit (usually a Front
committee), with the organisations taking part; its ``state`` moves

    kế hoạch → đang triển khai → đã kết thúc → đã công khai

(the last once the public disclosure list, *danh sách công khai*, is posted: the rules on
charity and relief campaigns require publishing what was received and distributed).

``Contribution`` (ủng hộ): cash and/or goods valued in VND, received by one of the
campaign's organisations. ``Beneficiary``: a household or person in a commune's register
of beneficiaries (hộ nghèo, cận nghèo, gia đình chính sách…), independent of campaigns;
personal data, read through :mod:`danvan.welfare.privacy` (masked in lists, every read
logged in ``ReadLog``). ``Gift`` (trao quà): one household's gift in a campaign, from one
organisation: suất, value in VND, cash or in kind.

*Trùng* (duplicates across organisations): a gift to a household (the same beneficiary,
or the same name and address folded without marks) that another organisation already gave
to in the same campaign is flagged when it is saved (``duplicate_state``), never refused;
a person then keeps both (with a note) or removes the duplicate gift.

Money is stored in whole đồng; the figures report it in triệu đồng.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from danvan.core.concurrency import Versioned
from danvan.core.models import AliveManager, DomainModel, SoftDeleteQuerySet


class CampaignKind(models.TextChoices):
    TET = "tet", "Tết Nguyên đán"
    DISASTER = "thien_tai", "Thiên tai, thảm họa"
    POOR = "vi_nguoi_ngheo", "«Vì người nghèo»"
    OTHER = "khac", "Khác"


class CampaignState(models.TextChoices):
    PLANNED = "ke_hoach", "Kế hoạch"
    RUNNING = "dang_trien_khai", "Đang triển khai"
    ENDED = "da_ket_thuc", "Đã kết thúc"
    PUBLISHED = "da_cong_khai", "Đã công khai"


# States a campaign may move to from each state (the services refuse any other move).
MOVES: dict[str, tuple[str, ...]] = {
    CampaignState.PLANNED: (CampaignState.RUNNING,),
    CampaignState.RUNNING: (CampaignState.ENDED,),
    CampaignState.ENDED: (CampaignState.PUBLISHED, CampaignState.RUNNING),
    CampaignState.PUBLISHED: (),
}
# Gifts are entered while the campaign runs; contributions also while it is planned.
GIFT_STATES = (CampaignState.RUNNING,)
CONTRIBUTION_STATES = (CampaignState.PLANNED, CampaignState.RUNNING)


class Category(models.TextChoices):
    POOR = "ho_ngheo", "Hộ nghèo"
    NEAR_POOR = "ho_can_ngheo", "Hộ cận nghèo"
    POLICY = "gia_dinh_chinh_sach", "Gia đình chính sách"
    MERIT = "nguoi_co_cong", "Người có công"
    ELDERLY = "nguoi_cao_tuoi", "Người cao tuổi"
    CHILDREN = "tre_em_kho_khan", "Trẻ em có hoàn cảnh khó khăn"
    DISABLED = "nguoi_khuyet_tat", "Người khuyết tật"
    OTHER = "khac", "Khác"


class GiftForm(models.TextChoices):
    CASH = "tien_mat", "Tiền mặt"
    IN_KIND = "hien_vat", "Hiện vật"


class DuplicateState(models.TextChoices):
    NONE = "", "Không"
    FLAGGED = "nghi_trung", "Trùng (chờ xem xét)"
    KEPT = "giu_ca_hai", "Đã xem xét: giữ cả hai"
    REMOVED = "da_loai", "Đã loại suất trùng"


FLAGGED_STATES = (DuplicateState.FLAGGED, DuplicateState.KEPT)


class Campaign(Versioned, DomainModel):
    """Một đợt an sinh xã hội, trao quà."""

    SCOPE_UNIT_FIELDS = ("org_unit", "participants")

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="welfare_campaigns",
        verbose_name="đơn vị tổ chức",
    )
    name = models.CharField("tên đợt", max_length=300)
    name_folded = models.CharField(max_length=300, editable=False, default="")
    kind = models.CharField("loại đợt", max_length=16, choices=CampaignKind.choices)
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    state = models.CharField(
        "trạng thái", max_length=16, choices=CampaignState.choices, default=CampaignState.PLANNED
    )
    published_on = models.DateField("ngày công khai", null=True, blank=True)
    participants = models.ManyToManyField(
        "org.OrgUnit",
        blank=True,
        related_name="welfare_campaigns_joined",
        verbose_name="các tổ chức tham gia",
    )
    note = models.TextField("ghi chú", blank=True)

    objects = AliveManager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = "đợt an sinh xã hội"
        verbose_name_plural = "đợt an sinh xã hội"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="welfare_campaign_dates_ordered"
            ),
            models.CheckConstraint(
                condition=~Q(state="da_cong_khai") | Q(published_on__isnull=False),
                name="welfare_campaign_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def takes_gifts(self) -> bool:
        return self.state in GIFT_STATES

    @property
    def takes_contributions(self) -> bool:
        return self.state in CONTRIBUTION_STATES


class Contribution(DomainModel):
    """Ủng hộ: tiền và/hoặc hàng (quy ra tiền) một tổ chức của đợt tiếp nhận."""

    SCOPE_UNIT_FIELDS = ("received_by", "campaign__org_unit")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="contributions", verbose_name="đợt"
    )
    received_by = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị tiếp nhận"
    )
    donor_name = models.CharField("tổ chức, cá nhân ủng hộ", max_length=300)
    donor_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="đơn vị ủng hộ (trong hệ thống)",
    )
    received_on = models.DateField("ngày nhận")
    cash = models.DecimalField(
        "tiền mặt (đồng)", max_digits=15, decimal_places=0, default=Decimal(0)
    )
    in_kind = models.CharField("hàng hóa, hiện vật", max_length=500, blank=True)
    in_kind_value = models.DecimalField(
        "giá trị hàng (đồng)", max_digits=15, decimal_places=0, default=Decimal(0)
    )

    objects = AliveManager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = "khoản ủng hộ"
        verbose_name_plural = "khoản ủng hộ"
        constraints = [
            models.CheckConstraint(
                condition=Q(cash__gte=0) & Q(in_kind_value__gte=0),
                name="welfare_contribution_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(cash__gt=0) | Q(in_kind_value__gt=0),
                name="welfare_contribution_has_value",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.donor_name} — {self.campaign}"

    @property
    def total(self) -> Decimal:
        return self.cash + self.in_kind_value


class Beneficiary(Versioned, DomainModel):
    """Đối tượng thụ hưởng (hộ gia đình, cá nhân) in a commune's register. Personal data.

    Kept by the commune or ward (``org_unit``, a place) and readable by its Front and
    organisations (``SCOPE_INHERITED``: the ward's register serves them all, which is what
    lets a second organisation's gift to the same household be seen as one)."""

    SCOPE_UNIT_FIELDS = ("org_unit",)
    SCOPE_INHERITED = True

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="welfare_beneficiaries",
        verbose_name="xã, phường quản lý",
    )
    head_name = models.CharField("họ tên chủ hộ, người thụ hưởng", max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True, default="")
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    household_key = models.CharField(max_length=520, editable=False, db_index=True, default="")
    area = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="khu dân cư",
    )
    category = models.CharField("đối tượng", max_length=24, choices=Category.choices)
    id_number = models.CharField("số CCCD/CMND", max_length=12, blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    note = models.CharField("ghi chú", max_length=300, blank=True)

    objects = AliveManager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["name_folded", "id"]
        verbose_name = "đối tượng thụ hưởng"
        verbose_name_plural = "đối tượng thụ hưởng"

    def __str__(self) -> str:
        return self.head_name


class GiftQuerySet(SoftDeleteQuerySet):
    def flagged(self) -> GiftQuerySet:
        return self.filter(duplicate_state__in=FLAGGED_STATES)


class GiftManager(AliveManager.from_queryset(GiftQuerySet)):  # type: ignore[misc]
    pass


class Gift(Versioned, DomainModel):
    """Trao quà: one household's gift in a campaign, from one organisation."""

    SCOPE_UNIT_FIELDS = ("giver", "campaign__org_unit")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="gifts", verbose_name="đợt"
    )
    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.PROTECT, related_name="gifts", verbose_name="đối tượng"
    )
    giver = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name="đơn vị trao"
    )
    given_on = models.DateField("ngày trao")
    portions = models.PositiveSmallIntegerField("số suất", default=1)
    value = models.DecimalField("giá trị (đồng)", max_digits=15, decimal_places=0)
    form = models.CharField("hình thức", max_length=10, choices=GiftForm.choices)
    description = models.CharField("nội dung quà", max_length=300, blank=True)
    # The beneficiary's category and household when the gift was given (the figures by
    # category and the duplicate check read these, not today's register).
    category = models.CharField("đối tượng", max_length=24, choices=Category.choices)
    household_key = models.CharField(max_length=520, editable=False, db_index=True, default="")
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="trùng với suất",
    )
    duplicate_state = models.CharField(
        "trùng", max_length=12, choices=DuplicateState.choices, blank=True, default=""
    )
    duplicate_note = models.TextField("ghi chú xem xét trùng", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người nhập",
    )

    objects = GiftManager()
    all_objects = GiftQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = "suất quà"
        verbose_name_plural = "suất quà"
        constraints = [
            models.CheckConstraint(condition=Q(portions__gte=1), name="welfare_gift_portions_ge_1"),
            models.CheckConstraint(condition=Q(value__gte=0), name="welfare_gift_value_ge_0"),
            models.CheckConstraint(
                condition=Q(duplicate_state="") | Q(duplicate_of__isnull=False),
                name="welfare_gift_duplicate_has_original",
            ),
        ]
        indexes = [
            models.Index(fields=["campaign", "household_key"]),
            models.Index(fields=["given_on"]),
        ]

    def __str__(self) -> str:
        return f"Suất quà #{self.pk} — {self.campaign}"


class ReadLog(models.Model):
    """Nhật ký đọc danh sách đối tượng: every read of beneficiaries' names (page, API,
    export, disclosure list)."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    class Action(models.TextChoices):
        DETAIL = "xem", "Mở hồ sơ đối tượng"
        LIST = "danh_sach", "Xem danh sách"
        SEARCH = "tim", "Tìm đối tượng (nhập quà)"
        EXPORT = "xuat", "Xuất danh sách"
        DISCLOSURE = "cong_khai", "Xem, xuất danh sách công khai"
        API_LIST = "api_danh_sach", "API: đọc danh sách"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="welfare_reads",
        verbose_name="người đọc",
    )
    at = models.DateTimeField("lúc", auto_now_add=True, db_index=True)
    action = models.CharField("thao tác", max_length=16, choices=Action.choices)
    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reads",
        verbose_name="đối tượng",
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
    identity_shown = models.BooleanField("thấy họ tên đầy đủ", default=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "lượt đọc danh sách đối tượng"
        verbose_name_plural = "nhật ký đọc danh sách đối tượng"

    def __str__(self) -> str:
        return f"{self.user} {self.get_action_display()} {self.what}"
