"""The register of documents (sổ văn bản) and how each issuer numbers its own.

A *document* (văn bản) is a directive, plan, notice, report... with its number and
symbol kept apart from its type (Quy định is written both ``QĐi`` and ``QĐ``, so one
never infers the other, DOMAIN.md §1.1). A register entry is held by an org unit and
readable down the tree (a Thành ủy directive is read in every ward under it). An entry
made because minutes or a report cited a document the register did not know yet is a
*stub* (``is_stub``), to be completed by an officer.

*Numbering* (đánh số) is per issuer: the Party style ``Số 15-NQ/TU`` restarts per type
per term (nhiệm kỳ); the State style ``Số: 12/QĐ-UBND`` restarts every 1 January; the
Front writes the State way (``249/MTTQ-BTT``). Each issuing unit has one
:class:`IssuerNumbering`; :class:`NumberSequence` holds the last number given per type
and per term or year.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from danvan.core.concurrency import Versioned
from danvan.core.models import AliveManager, DomainModel, SoftDeleteQuerySet


class DocumentType(models.Model):
    """Loại văn bản, with its symbol in each style (a row, so administrators add types)."""

    name = models.CharField("tên loại", max_length=100, unique=True)
    party_symbol = models.CharField(
        "ký hiệu (văn bản Đảng)",
        max_length=16,
        blank=True,
        help_text="Theo Hướng dẫn 36-HD/VPTW, ví dụ NQ, KH, CV, QĐi.",
    )
    state_symbol = models.CharField(
        "ký hiệu (văn bản Nhà nước, Mặt trận)",
        max_length=16,
        blank=True,
        help_text="Theo Nghị định 30/2020/NĐ-CP, ví dụ QĐ, KH, QyĐ; để trống với Công văn.",
    )
    sort_order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "loại văn bản"
        verbose_name_plural = "loại văn bản"

    def __str__(self) -> str:
        return self.name


class NumberingStyle(models.TextChoices):
    PARTY = "party", "Đảng (Số 15-NQ/TU, đánh số theo nhiệm kỳ)"
    STATE = "state", "Nhà nước (Số: 12/QĐ-UBND, đánh số theo năm)"
    FRONT = "front", "Mặt trận, đoàn thể (249/MTTQ-BTT, đánh số theo năm)"


class IssuerNumbering(models.Model):
    """How one issuing unit numbers its documents."""

    SCOPE_UNIT_FIELDS = ("org_unit",)

    org_unit = models.OneToOneField(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="numbering",
        verbose_name="cơ quan ban hành",
    )
    style = models.CharField("thể thức", max_length=8, choices=NumberingStyle.choices)
    issuer_code = models.CharField(
        "ký hiệu cơ quan ban hành",
        max_length=40,
        help_text="Phần sau dấu gạch chéo (Đảng: QU, BDVQU) hoặc sau ký hiệu loại "
        "(Nhà nước: UBND; Mặt trận: MTTQ-BTT).",
    )
    term_label = models.CharField(
        "nhiệm kỳ hiện tại",
        max_length=20,
        blank=True,
        help_text="Văn bản Đảng đánh số lại từ 01 mỗi nhiệm kỳ, ví dụ 2025-2030.",
    )
    term_started_on = models.DateField("nhiệm kỳ bắt đầu từ", null=True, blank=True)
    place_name = models.CharField(
        "địa danh ghi trên văn bản", max_length=100, blank=True, help_text="Ví dụ: Hà Nội"
    )

    class Meta:
        verbose_name = "cách đánh số văn bản"
        verbose_name_plural = "cách đánh số văn bản"
        constraints = [
            models.CheckConstraint(
                condition=~Q(style="party") | ~Q(term_label=""),
                name="numbering_party_has_term",
            )
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} ({self.get_style_display()})"


class NumberSequence(models.Model):
    """The last number given by an issuer for a type in a term (Party) or year (State)."""

    numbering = models.ForeignKey(
        IssuerNumbering,
        on_delete=models.CASCADE,
        related_name="sequences",
        verbose_name="cách đánh số",
    )
    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, verbose_name="loại văn bản"
    )
    key = models.CharField("nhiệm kỳ hoặc năm", max_length=20)
    last_number = models.PositiveIntegerField("số đã cấp gần nhất", default=0)

    class Meta:
        verbose_name = "dãy số văn bản"
        verbose_name_plural = "dãy số văn bản"
        constraints = [
            models.UniqueConstraint(
                fields=["numbering", "doc_type", "key"], name="number_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.numbering.issuer_code} {self.doc_type} {self.key}: {self.last_number}"


class DocumentQuerySet(SoftDeleteQuerySet):
    def complete(self) -> DocumentQuerySet:
        return self.filter(is_stub=False)


class DocumentManager(AliveManager.from_queryset(DocumentQuerySet)):  # type: ignore[misc]
    pass


class Document(Versioned, DomainModel):
    """Một văn bản trong sổ: đến (received) hoặc đi (issued by the holder)."""

    SCOPE_UNIT_FIELDS = ("org_unit",)
    SCOPE_INHERITED = True

    class Direction(models.TextChoices):
        INCOMING = "den", "Văn bản đến"
        OUTGOING = "di", "Văn bản đi"

    org_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name="đơn vị lưu sổ",
    )
    direction = models.CharField(
        "sổ", max_length=4, choices=Direction.choices, default=Direction.INCOMING
    )
    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name="loại"
    )
    number = models.CharField("số", max_length=20, blank=True)
    symbol = models.CharField(
        "ký hiệu loại", max_length=16, blank=True, help_text="Như văn bản ghi: KH, QĐi, QĐ..."
    )
    issuer_code = models.CharField(
        "ký hiệu cơ quan", max_length=60, blank=True, help_text="Ví dụ TW, QU, MTTQ-BTT"
    )
    issuer_name = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    issuer_unit = models.ForeignKey(
        "org.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issued_documents",
        verbose_name="cơ quan ban hành (trong hệ thống)",
    )
    reference = models.CharField(
        "số và ký hiệu", max_length=120, blank=True, help_text="Như văn bản ghi: 138-KH/QU"
    )
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.TextField("trích yếu", blank=True)
    file = models.FileField("tệp", upload_to="van-ban/%Y/%m/", blank=True)
    file_name = models.CharField("tên tệp gốc", max_length=255, blank=True)
    file_kind = models.CharField("định dạng tệp", max_length=8, blank=True)
    file_size = models.PositiveBigIntegerField("dung lượng", default=0)
    file_text = models.TextField("nội dung tệp (trích)", blank=True, editable=False)
    is_stub = models.BooleanField(
        "chưa đủ thông tin",
        default=False,
        help_text="Tạo tự động khi biên bản, báo cáo trích dẫn một văn bản chưa có trong sổ.",
    )
    is_public = models.BooleanField("công bố trên cổng thông tin", default=False)
    note = models.TextField("ghi chú", blank=True)
    # Folded copies (no marks, đ→d, lower case) of the reference + title, and of the file
    # text, so search ignores diacritics on SQLite and PostgreSQL alike.
    search_folded = models.TextField(editable=False, default="")
    file_folded = models.TextField(editable=False, default="")

    objects = DocumentManager()
    all_objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        indexes = [models.Index(fields=["number", "symbol", "issuer_code"])]

    def __str__(self) -> str:
        label = self.doc_type.name if self.doc_type is not None else "Văn bản"
        return f"{label} {self.reference}".strip() if self.reference else label


class DocumentRelation(models.Model):
    """``source`` implements / replaces / amends / reviews ``target``."""

    class Kind(models.TextChoices):
        IMPLEMENTS = "implements", "Triển khai thực hiện"
        REPLACES = "replaces", "Thay thế"
        AMENDS = "amends", "Sửa đổi, bổ sung"
        REVIEWS = "reviews", "Sơ kết, tổng kết"

    source = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="relations_out", verbose_name="văn bản"
    )
    target = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="relations_in", verbose_name="liên quan"
    )
    kind = models.CharField("quan hệ", max_length=16, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="tạo lúc")

    class Meta:
        verbose_name = "quan hệ văn bản"
        verbose_name_plural = "quan hệ văn bản"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="document_relation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="document_relation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} — {self.get_kind_display()} — {self.target}"


class ReviewMilestone(models.Model):
    """A review a document calls for: "sơ kết 5 năm", "tổng kết 10 năm" (due and done)."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="milestones", verbose_name="văn bản"
    )
    title = models.CharField("mốc", max_length=255)
    due_on = models.DateField("thời hạn")
    done_on = models.DateField("đã thực hiện ngày", null=True, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_milestones",
        verbose_name="hội nghị sơ kết, tổng kết",
    )

    class Meta:
        ordering = ["due_on"]
        verbose_name = "mốc sơ kết, tổng kết"
        verbose_name_plural = "mốc sơ kết, tổng kết"

    def __str__(self) -> str:
        return f"{self.title} ({self.due_on:%d/%m/%Y})"


class Citation(models.Model):
    """A document cited in a meeting's minutes or a report's narrative (found by the
    reference parser, ``raw`` as written)."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="citations", verbose_name="văn bản"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name="cuộc họp",
    )
    report = models.ForeignKey(
        "reporting.Report",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name="báo cáo",
    )
    raw = models.CharField("trích dẫn", max_length=255)

    class Meta:
        verbose_name = "trích dẫn văn bản"
        verbose_name_plural = "trích dẫn văn bản"
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False, report__isnull=True)
                | Q(meeting__isnull=True, report__isnull=False),
                name="citation_has_one_source",
            ),
            models.UniqueConstraint(
                fields=["document", "meeting"],
                condition=Q(meeting__isnull=False),
                name="citation_meeting_unique",
            ),
            models.UniqueConstraint(
                fields=["document", "report"],
                condition=Q(report__isnull=False),
                name="citation_report_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.raw
