"""Phong trào thi đua "Dân vận khéo" (DOMAIN.md §3): campaigns and their register of models.

- :class:`Campaign` (*đợt thi đua*): the yearly "Dân vận khéo" campaign of a unit, or a
  thematic one ("10 năm thực hiện Kết luận 66"), launched by a document of the register,
  with a registration deadline, review milestones, the criteria models are scored on and
  the levels it recognises.
- :class:`EmulationModel` (*mô hình* — a model with an address and a result — or *điển
  hình*, an exemplary collective or person) registered by a unit in a campaign, with the
  registration fields of the 2026 ward Front form. It moves through the states of
  :class:`State` (the moves and who may make them: ``danvan.emulation.workflow``); each
  move is a :class:`Transition` row.
- Lookup tables kept as data: :class:`Field` (*lĩnh vực*) and :class:`RecognitionLevel`
  (*cấp công nhận*; "huyện" ended with the districts on 1/7/2025).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from danvan.core.concurrency import Versioned
from danvan.core.models import AliveManager, DomainModel, SoftDeleteQuerySet


class Field(models.Model):
    """Lĩnh vực of a model: kinh tế, văn hóa – xã hội… (a province may add its own)."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên lĩnh vực", max_length=150)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"

    def __str__(self) -> str:
        return self.name


class RecognitionLevel(models.Model):
    """Cấp công nhận: cơ sở, huyện (until 30/6/2025), tỉnh.

    ``org_level_code`` names the org level (``org.OrgLevel.code``) of the unit that
    recognises at this level: the recogniser is the model's unit's ancestor (or itself) at
    that level, and whoever recognises needs the capability there.
    """

    code = models.SlugField("mã", max_length=32, unique=True)
    name = models.CharField("tên cấp", max_length=100)
    org_level_code = models.SlugField("cấp đơn vị công nhận", max_length=32)
    rank = models.PositiveSmallIntegerField("thứ bậc", help_text="số nhỏ là cấp cao hơn")
    valid_from = models.DateField("áp dụng từ", null=True, blank=True)
    valid_to = models.DateField("áp dụng đến", null=True, blank=True)

    class Meta:
        ordering = ["-rank"]
        verbose_name = "cấp công nhận"
        verbose_name_plural = "cấp công nhận"

    def __str__(self) -> str:
        return self.name

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class CampaignKind(models.TextChoices):
    YEARLY = "hang_nam", "Dân vận khéo hằng năm"
    THEMATIC = "chuyen_de", "Chuyên đề"


class Campaign(Versioned, DomainModel):
    """Đợt thi đua "Dân vận khéo" of a unit (yearly or thematic)."""

    # Held by the launching unit; readable in every unit under it (a ward registers its
    # models in the city's campaign), changed only by those whose scope reaches the holder.
    SCOPE_UNIT_FIELDS = ("launching_unit",)
    SCOPE_INHERITED = True

    name = models.CharField("tên đợt thi đua", max_length=300)
    kind = models.CharField(
        "loại", max_length=16, choices=CampaignKind.choices, default=CampaignKind.YEARLY
    )
    year = models.PositiveSmallIntegerField("năm")
    launching_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="emulation_campaigns",
        verbose_name="đơn vị phát động",
    )
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emulation_campaigns",
        verbose_name="văn bản phát động",
    )
    starts_on = models.DateField("từ ngày")
    ends_on = models.DateField("đến ngày")
    registration_deadline = models.DateField("hạn đăng ký", null=True, blank=True)
    description = models.TextField("nội dung, yêu cầu", blank=True)
    levels = models.ManyToManyField(
        RecognitionLevel, blank=True, related_name="campaigns", verbose_name="các cấp công nhận"
    )
    name_folded = models.CharField(max_length=300, db_index=True, editable=False, default="")

    objects = AliveManager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name", "id"]
        verbose_name = "đợt thi đua"
        verbose_name_plural = "đợt thi đua"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="campaign_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    """Mốc đánh giá of a campaign: sơ kết 6 tháng, đánh giá cuối năm, hạn công nhận…"""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="milestones", verbose_name="đợt thi đua"
    )
    name = models.CharField("mốc", max_length=200)
    due_on = models.DateField("ngày")

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = "mốc đánh giá"
        verbose_name_plural = "mốc đánh giá"

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """Tiêu chí chấm điểm of a campaign, with its maximum score."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="criteria", verbose_name="đợt thi đua"
    )
    name = models.CharField("tiêu chí", max_length=300)
    max_score = models.DecimalField("điểm tối đa", max_digits=6, decimal_places=2)
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = "tiêu chí"
        verbose_name_plural = "tiêu chí"
        constraints = [
            models.CheckConstraint(condition=Q(max_score__gt=0), name="criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class State(models.TextChoices):
    REGISTERED = "dang_ky", "Đăng ký"
    CHECKING = "kiem_tra", "Kiểm tra, khảo sát"
    RUNNING = "dang_thuc_hien", "Đang thực hiện"
    REVIEWED = "so_ket", "Sơ kết"
    EVALUATED = "danh_gia", "Đánh giá"
    RECOGNISED = "cong_nhan", "Công nhận"
    EXEMPLARY = "tieu_bieu", "Tiêu biểu"
    PROPOSED = "de_nghi_khen_thuong", "Đề nghị khen thưởng"
    REPLICATED = "nhan_rong", "Nhân rộng"
    STOPPED = "dung", "Dừng"


# "Effective" models (có hiệu quả, đang duy trì): running and later, not stopped.
EFFECTIVE_STATES = (
    State.RUNNING,
    State.REVIEWED,
    State.EVALUATED,
    State.RECOGNISED,
    State.EXEMPLARY,
    State.PROPOSED,
    State.REPLICATED,
)
RECOGNISED_STATES = (State.RECOGNISED, State.EXEMPLARY, State.PROPOSED, State.REPLICATED)
FINAL_STATES = (State.PROPOSED, State.REPLICATED, State.STOPPED)


class Kind(models.TextChoices):
    MODEL = "mo_hinh", "Mô hình"
    EXEMPLAR = "dien_hinh", "Điển hình"


class Holder(models.TextChoices):
    COLLECTIVE = "tap_the", "Tập thể"
    INDIVIDUAL = "ca_nhan", "Cá nhân"


class EmulationModelQuerySet(SoftDeleteQuerySet):
    def effective(self) -> EmulationModelQuerySet:
        return self.filter(state__in=EFFECTIVE_STATES)

    def recognised(self) -> EmulationModelQuerySet:
        return self.filter(state__in=RECOGNISED_STATES, recognised_on__isnull=False)

    def published(self) -> EmulationModelQuerySet:
        return self.recognised().filter(is_public=True, deleted_at__isnull=True)


class EmulationModelManager(AliveManager.from_queryset(EmulationModelQuerySet)):  # type: ignore[misc]
    pass


class EmulationModel(Versioned, DomainModel):
    """Một mô hình hoặc điển hình "Dân vận khéo" đăng ký trong một đợt thi đua."""

    # Seen by the registering unit and by the lead unit (and their ancestors).
    SCOPE_UNIT_FIELDS = ("unit", "lead_unit")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="models", verbose_name="đợt thi đua"
    )
    unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="emulation_models",
        verbose_name="đơn vị đăng ký",
    )
    name = models.CharField("tên mô hình, điển hình", max_length=300)
    kind = models.CharField("loại", max_length=16, choices=Kind.choices, default=Kind.MODEL)
    holder = models.CharField(
        "tập thể / cá nhân", max_length=16, choices=Holder.choices, default=Holder.COLLECTIVE
    )
    field = models.ForeignKey(
        Field, on_delete=models.PROTECT, related_name="models", verbose_name="lĩnh vực"
    )
    address = models.CharField("địa chỉ, địa bàn", max_length=300)
    beneficiaries = models.TextField("đối tượng thụ hưởng", blank=True)
    lead_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="led_emulation_models",
        verbose_name="lực lượng chủ trì",
    )
    partner_units = models.ManyToManyField(
        "org.OrgUnit",
        blank=True,
        related_name="partner_emulation_models",
        verbose_name="lực lượng phối hợp",
    )
    people = models.ManyToManyField(
        "people.Person",
        blank=True,
        related_name="emulation_models",
        verbose_name="người thực hiện / điển hình",
    )
    rationale = models.TextField("thực trạng, lý do", blank=True)
    goals = models.TextField("mục tiêu, tiêu chí", blank=True)
    method = models.TextField("nội dung, cách thức thực hiện", blank=True)
    resources = models.TextField("nguồn lực", blank=True)
    funds = models.DecimalField(
        "kinh phí (triệu đồng)", max_digits=14, decimal_places=1, null=True, blank=True
    )
    socialised_funds = models.DecimalField(
        "xã hội hóa (triệu đồng)", max_digits=14, decimal_places=1, null=True, blank=True
    )
    workdays = models.PositiveIntegerField("ngày công", null=True, blank=True)
    starts_on = models.DateField("bắt đầu", null=True, blank=True)
    ends_on = models.DateField("kết thúc dự kiến", null=True, blank=True)
    timeline = models.TextField("thời gian, mốc đánh giá", blank=True)
    outputs = models.TextField("sản phẩm đầu ra (kiểm chứng được)", blank=True)
    sustainability = models.TextField("khả năng duy trì, nhân rộng", blank=True)
    summary = models.TextField("tóm tắt kết quả (đăng cổng thông tin)", blank=True)

    registered_on = models.DateField("ngày đăng ký")
    state = models.CharField(
        "tình trạng", max_length=24, choices=State.choices, default=State.REGISTERED
    )
    state_changed_on = models.DateField("chuyển tình trạng ngày", null=True, blank=True)
    recognised_level = models.ForeignKey(
        RecognitionLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="models",
        verbose_name="cấp công nhận",
    )
    recognised_by = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recognised_emulation_models",
        verbose_name="đơn vị công nhận",
    )
    recognised_on = models.DateField("công nhận ngày", null=True, blank=True)
    stop_reason = models.CharField("lý do dừng", max_length=500, blank=True)
    is_public = models.BooleanField("công khai trên cổng thông tin", default=False)
    name_folded = models.CharField(max_length=300, db_index=True, editable=False, default="")

    objects = EmulationModelManager()
    all_objects = EmulationModelQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_on", "name", "id"]
        verbose_name = "mô hình, điển hình"
        verbose_name_plural = "mô hình, điển hình"
        constraints = [
            models.CheckConstraint(
                condition=~Q(state__in=[s.value for s in RECOGNISED_STATES])
                | Q(recognised_level__isnull=False, recognised_on__isnull=False),
                name="emulation_recognised_has_level",
            ),
            models.CheckConstraint(
                condition=~Q(state="dung") | ~Q(stop_reason=""),
                name="emulation_stopped_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["state", "registered_on"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_recognised(self) -> bool:
        return self.state in RECOGNISED_STATES


class Transition(models.Model):
    """One move of a model through the workflow: who, when, from what to what, why."""

    model = models.ForeignKey(
        EmulationModel,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name="mô hình",
    )
    move = models.CharField("thao tác", max_length=32)
    from_state = models.CharField("từ", max_length=24, choices=State.choices)
    to_state = models.CharField("sang", max_length=24, choices=State.choices)
    on = models.DateField("ngày")
    note = models.TextField("ghi chú", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="người thực hiện",
    )
    at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "lần chuyển tình trạng"
        verbose_name_plural = "lần chuyển tình trạng"

    def __str__(self) -> str:
        return f"{self.model}: {self.from_state} → {self.to_state}"


class Evaluation(models.Model):
    """Đánh giá: the scores against the campaign's criteria and the evaluator's comment."""

    model = models.ForeignKey(
        EmulationModel,
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name="mô hình",
    )
    evaluated_on = models.DateField("ngày đánh giá")
    comment = models.TextField("nhận xét của người đánh giá")
    total = models.DecimalField("tổng điểm", max_digits=8, decimal_places=2)
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="người đánh giá",
    )
    created_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["-evaluated_on", "-id"]
        verbose_name = "đánh giá"
        verbose_name_plural = "đánh giá"

    def __str__(self) -> str:
        return f"{self.model}: {self.total}"


class Score(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="scores", verbose_name="đánh giá"
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name="tiêu chí"
    )
    score = models.DecimalField("điểm", max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["criterion__sort_order", "criterion_id"]
        verbose_name = "điểm"
        verbose_name_plural = "điểm"
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="score_once_per_criterion"
            ),
            models.CheckConstraint(condition=Q(score__gte=0), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class ProgressNote(models.Model):
    """Tiến độ: what was done on a date, with its evidence."""

    model = models.ForeignKey(
        EmulationModel,
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name="mô hình",
    )
    noted_on = models.DateField("ngày")
    text = models.TextField("nội dung")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="người ghi",
    )
    created_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["-noted_on", "-id"]
        verbose_name = "ghi nhận tiến độ"
        verbose_name_plural = "ghi nhận tiến độ"

    def __str__(self) -> str:
        return f"{self.model}: {self.noted_on}"


class Evidence(models.Model):
    """Minh chứng: a file or photo of a model (checked by content when uploaded)."""

    model = models.ForeignKey(
        EmulationModel,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name="mô hình",
    )
    note = models.ForeignKey(
        ProgressNote,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name="kèm ghi nhận",
    )
    file = models.FileField("tệp", upload_to="dan-van-kheo/%Y/%m/")
    original_name = models.CharField("tên tệp", max_length=255)
    kind = models.CharField("định dạng", max_length=8)
    size = models.PositiveBigIntegerField("dung lượng")
    caption = models.CharField("chú thích", max_length=300, blank=True)
    is_illustration = models.BooleanField("ảnh minh họa", default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="người tải lên",
    )
    created_at = models.DateTimeField("lúc", auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_photo(self) -> bool:
        return self.kind in ("png", "jpeg")
