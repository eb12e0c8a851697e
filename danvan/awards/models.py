"""Thi đua, khen thưởng (Luật Thi đua, khen thưởng 06/2022/QH15): the register of awards.

- :class:`AwardForm` — a title (danh hiệu: Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Tập
  thể lao động xuất sắc, Cờ thi đua) or a form of commendation (hình thức: Giấy khen, Bằng
  khen), with the kinds of recipient it may go to (tập thể, cá nhân, hộ gia đình). Rows,
  so an administrator adds the forms of their province.
- :class:`AwardAuthority` — who may award a form: an issuing level (``org.OrgLevel``),
  optionally a kind of body (chính quyền, cấp ủy, MTTQ), from ``valid_from`` to
  ``valid_to``. Dated rows, because the structure changes: the district level's powers
  ended with the districts on 01/7/2025.
- :class:`AwardDecision` — one *quyết định khen thưởng*: the issuing unit, the form, the
  date and signer, the proposal (đề nghị: who, when), the council's opinion (Hội đồng thi
  đua, khen thưởng) and the register entry (``documents.Document``) holding its number.
  A decision known only by its numbers (an article: «khen thưởng 10 tập thể, 6 cá nhân»)
  holds the stated counts and its source; until its list is in, it counts, for each kind
  of recipient, the larger of the names listed and the number stated.
- :class:`Award` — one line of the decision's danh sách: a collective (an org unit, or a
  named group outside the tree), an individual (a ``people.Person``, or a named person not
  in the register) or a household, with the achievement rewarded, the meeting where it was
  presented (*trao tại hội nghị*), the "Dân vận khéo" campaign or model it rewards
  (``emulation``) and, when revoked, the date and reason (the row stays).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q

from danvan.core.concurrency import Versioned
from danvan.core.models import AliveManager, DomainModel, SoftDeleteQuerySet

STATED_MAX = 100_000  # more recipients than any decision lists


class RecipientKind(models.TextChoices):
    COLLECTIVE = "tap_the", "Tập thể"
    INDIVIDUAL = "ca_nhan", "Cá nhân"
    HOUSEHOLD = "ho_gia_dinh", "Hộ gia đình"


class AwardForm(models.Model):
    """Danh hiệu thi đua or hình thức khen thưởng."""

    class Category(models.TextChoices):
        TITLE = "danh_hieu", "Danh hiệu thi đua"
        COMMENDATION = "khen_thuong", "Hình thức khen thưởng"

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=150)
    category = models.CharField("loại", max_length=12, choices=Category.choices)
    for_collective = models.BooleanField("tặng tập thể", default=False)
    for_individual = models.BooleanField("tặng cá nhân", default=False)
    for_household = models.BooleanField("tặng hộ gia đình", default=False)
    basis = models.CharField("căn cứ", max_length=255, blank=True)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "hình thức, danh hiệu khen thưởng"
        verbose_name_plural = "hình thức, danh hiệu khen thưởng"

    def __str__(self) -> str:
        return self.name

    def accepts(self, kind: str) -> bool:
        allowed: dict[str, bool] = {
            RecipientKind.COLLECTIVE.value: self.for_collective,
            RecipientKind.INDIVIDUAL.value: self.for_individual,
            RecipientKind.HOUSEHOLD.value: self.for_household,
        }
        return allowed.get(kind, False)

    @property
    def recipients_label(self) -> str:
        kinds = [k.label.lower() for k in RecipientKind if self.accepts(k.value)]
        return ", ".join(kinds)


class AwardAuthority(models.Model):
    """Thẩm quyền: a level (and kind of body) may award a form between two dates."""

    form = models.ForeignKey(
        AwardForm, on_delete=models.CASCADE, related_name="authorities", verbose_name="hình thức"
    )
    level = models.ForeignKey(
        "org.OrgLevel", on_delete=models.PROTECT, related_name="+", verbose_name="cấp ra quyết định"
    )
    organisation_kind = models.ForeignKey(
        "org.OrganisationKind",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="loại cơ quan",
        help_text="Để trống: mọi cơ quan của cấp này.",
    )
    authority_title = models.CharField(
        "người có thẩm quyền", max_length=150, blank=True, help_text="Ví dụ: Chủ tịch UBND cấp xã"
    )
    valid_from = models.DateField("áp dụng từ", null=True, blank=True)
    valid_to = models.DateField("áp dụng đến", null=True, blank=True)
    basis = models.CharField("căn cứ", max_length=255, blank=True)

    class Meta:
        ordering = ["form__sort_order", "level__rank", "valid_from"]
        verbose_name = "thẩm quyền khen thưởng"
        verbose_name_plural = "thẩm quyền khen thưởng"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="award_authority_valid_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.form} — {self.level}"


class AwardDecision(Versioned, DomainModel):
    """Một quyết định khen thưởng."""

    SCOPE_UNIT_FIELDS = ("issuer",)

    issuer = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="award_decisions",
        verbose_name="cơ quan ra quyết định",
    )
    form = models.ForeignKey(AwardForm, on_delete=models.PROTECT, verbose_name="hình thức")
    decided_on = models.DateField("ngày quyết định")
    reason = models.CharField(
        "thành tích được khen",
        max_length=500,
        help_text="Ví dụ: đã có thành tích xuất sắc trong công tác dân vận năm 2019.",
    )
    signer_name = models.CharField("người ký", max_length=150, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=150, blank=True)
    proposed_by = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_proposals",
        verbose_name="đơn vị đề nghị",
    )
    proposed_on = models.DateField("ngày đề nghị", null=True, blank=True)
    proposal_reference = models.CharField("số tờ trình đề nghị", max_length=120, blank=True)
    council_opinion = models.TextField("ý kiến Hội đồng thi đua, khen thưởng", blank=True)
    council_on = models.DateField("ngày họp hội đồng", null=True, blank=True)
    document = models.OneToOneField(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_decision",
        verbose_name="văn bản trong sổ",
    )
    note = models.TextField("ghi chú", blank=True)
    # Numbers stated by a source before the danh sách is in (see the module's docstring).
    stated_collectives = models.PositiveIntegerField(
        "số tập thể theo nguồn", default=0, validators=[MaxValueValidator(STATED_MAX)]
    )
    stated_individuals = models.PositiveIntegerField(
        "số cá nhân theo nguồn", default=0, validators=[MaxValueValidator(STATED_MAX)]
    )
    stated_households = models.PositiveIntegerField(
        "số hộ gia đình theo nguồn", default=0, validators=[MaxValueValidator(STATED_MAX)]
    )
    source = models.CharField(
        "ghi theo nguồn",
        max_length=255,
        blank=True,
        help_text="Khi chưa có bản quyết định: bài viết, báo cáo mà số liệu được ghi theo.",
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="award_decisions",
        verbose_name="trao tại hội nghị",
    )

    objects = AliveManager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = "quyết định khen thưởng"
        verbose_name_plural = "quyết định khen thưởng"
        constraints = [
            models.CheckConstraint(
                condition=Q(proposed_on__isnull=True) | Q(proposed_on__lte=F("decided_on")),
                name="award_decision_proposed_before",
            ),
        ]

    def __str__(self) -> str:
        reference = self.document.reference if self.document_id else "chưa cấp số"  # type: ignore[union-attr]
        return f"Quyết định {reference}: {self.form} — {self.issuer}"

    @property
    def reference(self) -> str:
        return self.document.reference if self.document is not None else ""

    def stated(self, kind: str) -> int:
        return {
            RecipientKind.COLLECTIVE.value: self.stated_collectives,
            RecipientKind.INDIVIDUAL.value: self.stated_individuals,
            RecipientKind.HOUSEHOLD.value: self.stated_households,
        }.get(kind, 0)

    @property
    def has_stated_counts(self) -> bool:
        return bool(self.stated_collectives or self.stated_individuals or self.stated_households)


class AwardQuerySet(SoftDeleteQuerySet):
    def standing(self) -> AwardQuerySet:
        """Not revoked."""
        return self.filter(revoked_on__isnull=True)


class AwardManager(AliveManager.from_queryset(AwardQuerySet)):  # type: ignore[misc]
    pass


class Award(Versioned, DomainModel):
    """Một tập thể, cá nhân hoặc hộ gia đình được khen thưởng trong một quyết định."""

    # Seen by the issuer's subtree and by the recipient's (a ward sees what the province
    # gave it; a person's awards show through their unit).
    SCOPE_UNIT_FIELDS = ("decision__issuer", "recipient_unit", "recipient_person__org_unit")

    decision = models.ForeignKey(
        AwardDecision, on_delete=models.PROTECT, related_name="awards", verbose_name="quyết định"
    )
    recipient_kind = models.CharField(
        "đối tượng", max_length=12, choices=RecipientKind.choices, default=RecipientKind.COLLECTIVE
    )
    recipient_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards_received",
        verbose_name="tập thể (đơn vị)",
    )
    recipient_person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name="cá nhân (cán bộ)",
    )
    recipient_name = models.CharField(
        "tên tập thể, cá nhân",
        max_length=255,
        help_text="Như quyết định ghi; tự điền theo đơn vị, cán bộ khi chọn.",
    )
    recipient_detail = models.CharField(
        "chức vụ, đơn vị công tác", max_length=255, blank=True, help_text="Ghi trong danh sách."
    )
    achievement = models.CharField("thành tích", max_length=500)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name="trao tại hội nghị",
    )
    # What the award rewards, when it is a "Dân vận khéo" model or campaign (danvan.emulation).
    campaign = models.ForeignKey(
        "emulation.Campaign",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name="đợt thi đua",
    )
    emulation_model = models.ForeignKey(
        "emulation.EmulationModel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name="mô hình, điển hình",
    )
    revoked_on = models.DateField("thu hồi ngày", null=True, blank=True)
    revoked_reason = models.CharField("lý do thu hồi", max_length=500, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="người thu hồi",
    )
    note = models.CharField("ghi chú", max_length=255, blank=True)
    # Folded (no marks, đ→d, lower case) recipient name + achievement, for search; and the
    # folded achievement alone, for the "same achievement" rule.
    search_folded = models.TextField(editable=False, default="")
    achievement_folded = models.CharField(max_length=500, editable=False, default="")

    objects = AwardManager()
    all_objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["decision", "recipient_kind", "id"]
        verbose_name = "khen thưởng"
        verbose_name_plural = "khen thưởng"
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient_unit__isnull=True) | Q(recipient_person__isnull=True),
                name="award_one_recipient",
            ),
            models.CheckConstraint(
                condition=Q(recipient_person__isnull=True) | Q(recipient_kind="ca_nhan"),
                name="award_person_is_individual",
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | ~Q(revoked_reason=""),
                name="award_revoked_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["recipient_kind", "revoked_on"])]

    def __str__(self) -> str:
        return f"{self.recipient_name} — {self.decision.form}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_on is not None
