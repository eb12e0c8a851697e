"""The docxtpl templates administrators replace: which one is used, and uploading one.

A template is used for (kind, style, issuer): the issuer's newest active upload, else the
newest shared one (issuer empty), else the built-in default (``layout.default_template``).
Every upload is kept; an upload that is not a DOCX, or that cannot render a sample
document, is refused with the template error and where it is, and the template in use
stays in use.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models import Q, QuerySet
from django.http import Http404

from danvan.access.roles import Cap
from danvan.access.scope import require, scoped
from danvan.core import uploads
from danvan.core.audit import service
from danvan.drafting.context import (
    CONCLUSIONS_NOTICE,
    INVITATION,
    KINDS,
    MINUTES,
    PARTY,
    REPORT,
    STATE,
    Block,
    Heading,
    OfficialDocument,
    Signature,
    Table,
)
from danvan.drafting.models import STYLE_CHOICES, DocxTemplate
from danvan.lib import files, zipguard
from danvan.lib.numbers import format_number
from danvan.lib.text import fold
from danvan.org.models import OrgUnit

STYLES = dict(STYLE_CHOICES)
_MB = 1024 * 1024
# Written in the sample document's body: an upload must print it somewhere.
SAMPLE_BODY_MARK = "Nội dung mẫu để kiểm tra mẫu văn bản."


def template_candidates(*, kind: str, style: str, issuer: OrgUnit | None) -> list[DocxTemplate]:
    """In order of preference: the issuer's active uploads, then the shared ones, newest
    first (the next one is used when a file has gone from the storage)."""
    rows = DocxTemplate.objects.filter(kind=kind, style=style, is_active=True).order_by(
        "-uploaded_at", "-id"
    )
    own = list(rows.filter(issuer=issuer)) if issuer is not None else []
    return own + list(rows.filter(issuer__isnull=True))


def active_template(*, kind: str, style: str, issuer: OrgUnit | None) -> DocxTemplate | None:
    """The template used for ``issuer``'s documents of ``kind`` in ``style``: its own newest
    active upload, else the newest shared one; None means the built-in default."""
    found = template_candidates(kind=kind, style=style, issuer=issuer)
    return found[0] if found else None


# --- reads for the pages (TEMPLATE_MANAGE) ---------------------------------------------


@dataclass
class Slot:
    """One kind × style: the shared template in use (None: built-in) and the issuers that
    have their own."""

    kind: str
    kind_label: str
    style: str
    style_label: str
    shared: DocxTemplate | None
    own: list[DocxTemplate]


def template_slots(*, user: Any) -> list[Slot]:
    require(user, Cap.TEMPLATE_MANAGE, None)
    active = DocxTemplate.objects.filter(is_active=True).select_related("issuer", "uploaded_by")
    shared: dict[tuple[str, str], DocxTemplate] = {}
    for row in active.filter(issuer__isnull=True).order_by("-uploaded_at", "-id"):
        shared.setdefault((row.kind, row.style), row)
    own: dict[tuple[str, str, int], DocxTemplate] = {}
    for row in scoped(active.filter(issuer__isnull=False), user, Cap.TEMPLATE_MANAGE).order_by(
        "-uploaded_at", "-id"
    ):
        assert row.issuer_id is not None
        own.setdefault((row.kind, row.style, row.issuer_id), row)
    slots = []
    for kind, kind_label in KINDS.items():
        for style, style_label in STYLE_CHOICES:
            mine = [t for (k, s, _), t in own.items() if k == kind and s == style]
            mine.sort(key=lambda t: fold(t.issuer.name if t.issuer else ""))
            slots.append(
                Slot(kind, kind_label, style, style_label, shared.get((kind, style)), mine)
            )
    return slots


def template_history(*, user: Any, q: str = "") -> QuerySet[DocxTemplate]:
    """Every upload the user may see, newest first (shared ones and those of issuers in
    scope); ``q`` matches the issuer's name or the file name, without diacritics."""
    require(user, Cap.TEMPLATE_MANAGE, None)
    rows = DocxTemplate.objects.select_related("issuer", "uploaded_by")
    visible = rows.filter(issuer__isnull=True) | scoped(
        rows.filter(issuer__isnull=False), user, Cap.TEMPLATE_MANAGE
    )
    visible = visible.order_by("-uploaded_at", "-id")
    if q.strip():
        visible = visible.filter(
            Q(issuer__name_folded__contains=fold(q)) | Q(original_name__icontains=q.strip())
        )
    return visible


def template_get(*, user: Any, pk: int) -> DocxTemplate:
    """One upload: 404 outside the user's scope, 403 without TEMPLATE_MANAGE."""
    require(user, Cap.TEMPLATE_MANAGE, None)
    row = DocxTemplate.objects.select_related("issuer").filter(pk=pk).first()
    if row is None:
        raise Http404("Không có mẫu văn bản này.")
    if row.issuer is not None and not scoped(
        DocxTemplate.objects.filter(pk=pk), user, Cap.TEMPLATE_MANAGE
    ):
        raise Http404("Không có mẫu văn bản này.")
    return row


def issuer_get(*, user: Any, pk: int) -> OrgUnit:
    """A unit in the user's TEMPLATE_MANAGE scope, else 404."""
    unit = scoped(OrgUnit.objects.all(), user, Cap.TEMPLATE_MANAGE).filter(pk=pk).first()
    if unit is None:
        raise Http404("Không có đơn vị này.")
    return unit


def issuer_choices(*, user: Any) -> QuerySet[OrgUnit]:
    """Units a template can be uploaded for: those that issue numbered documents, and
    those that already have a template of their own."""
    units = scoped(OrgUnit.objects.all(), user, Cap.TEMPLATE_MANAGE)
    return units.filter(Q(numbering__isnull=False) | Q(docx_templates__isnull=False)).distinct()


# --- the upload ---------------------------------------------------------------------------


def _name(upload: Any) -> str:
    return str(getattr(upload, "name", "") or "mau.docx").replace("\\", "/").rsplit("/", 1)[-1]


def _read(upload: Any) -> bytes:
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read()
    if hasattr(upload, "seek"):
        upload.seek(0)
    return bytes(data)


@service
def template_upload(
    *, actor: Any, kind: str, style: str, issuer: OrgUnit | None, upload: Any
) -> DocxTemplate:
    """Store ``upload`` as the template of ``kind`` × ``style`` for ``issuer`` (None: shared
    by every issuer without one of its own). Refused, with the previous one kept in use,
    when it is not a DOCX or cannot render a sample document."""
    from danvan.drafting.layout import TemplateRenderError, render_with

    require(actor, Cap.TEMPLATE_MANAGE, issuer)
    if kind not in KINDS:
        raise ValidationError({"kind": f"Không có loại văn bản «{kind}»."})
    if style not in STYLES:
        raise ValidationError({"style": f"Không có thể thức «{style}»."})
    if upload is None:
        raise ValidationError({"file": "Hãy chọn tệp mẫu (.docx)."})
    name = _name(upload)
    size = int(getattr(upload, "size", 0) or 0)
    limit = settings.UPLOAD_MAX_MB
    if size > limit * _MB:
        raise ValidationError(
            {
                "file": f"Tệp «{name}» nặng {format_number(Decimal(size) / _MB, 1)} MB, "
                f"vượt giới hạn {limit} MB."
            }
        )
    try:
        uploads.refuse_hostile(upload, name=name)
    except ValidationError as refused:
        raise ValidationError({"file": refused.messages}) from None
    kind_found = files.sniff(upload)
    if kind_found != files.DOCX:
        what = files.LABELS.get(kind_found, "") if kind_found else ""
        raise ValidationError(
            {
                "file": f"Tệp «{name}» không phải tệp Word .docx"
                + (f" (nội dung là {what})" if what else "")
                + ", chưa thay mẫu đang dùng."
            }
        )
    data = _read(upload)
    try:
        rendered = render_with(data, sample_document(kind, style))
    except TemplateRenderError as error:
        raise ValidationError(
            {"file": f"Mẫu «{name}» bị lỗi, chưa thay mẫu đang dùng: {error}"}
        ) from error
    if not _mentions(rendered, SAMPLE_BODY_MARK):
        raise ValidationError(
            {
                "file": f"Mẫu «{name}» không có chỗ đặt nội dung văn bản (thẻ «{{{{p body }}}}» "
                "đứng riêng một đoạn), chưa thay mẫu đang dùng."
            }
        )
    row = DocxTemplate(
        kind=kind,
        style=style,
        issuer=issuer,
        original_name=name[:255],
        is_active=True,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    row.file.save(name if name.lower().endswith(".docx") else f"{name}.docx", ContentFile(data))
    return row


def _mentions(docx: bytes, text: str) -> bool:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        try:
            body = zipguard.read_member(
                archive, "word/document.xml", uploads.zip_limits().max_uncompressed
            )
        except zipguard.Refused:
            return False  # (the upload is refused then)
        return text in body.decode("utf-8")


def sample_document(kind: str, style: str) -> OfficialDocument:
    """A full document of ``kind`` in ``style`` to try an uploaded template with."""
    party = style != STATE
    heading = Heading(
        style=PARTY if party else STATE,
        superior="ĐẢNG BỘ QUẬN HOÀNG MAI" if party else "UBND QUẬN HOÀNG MAI",
        issuer="BAN DÂN VẬN QUẬN ỦY" if party else "ỦY BAN NHÂN DÂN PHƯỜNG ĐỊNH CÔNG",
        number_line="Số 15-BC/BDVQU" if party else "Số: 12/BC-UBND",
        place_date="Hoàng Mai, ngày 03 tháng 02 năm 2023",
    )
    type_name = {
        REPORT: "BÁO CÁO",
        INVITATION: "GIẤY MỜI",
        MINUTES: "BIÊN BẢN",
        CONCLUSIONS_NOTICE: "THÔNG BÁO",
    }.get(kind, "BÁO CÁO")
    table = Table(
        caption="Bảng 1. Tiếp công dân, giải quyết đơn thư",
        columns=["Đơn vị", "Tiếp công dân (lượt)", "Đơn đã giải quyết"],
        rows=[["Phường Định Công", "117", "08/24"], ["Phường Đại Kim", "95", "11/15"]],
        total=["Tổng cộng", "212", "19/39"],
    )
    return OfficialDocument(
        kind=kind,
        heading=heading,
        type_name=type_name,
        subject="kết quả công tác dân vận tháng 01/2023, phương hướng, nhiệm vụ tháng 02/2023",
        blocks=[
            Block("I. TÌNH HÌNH NHÂN DÂN", level=1),
            Block(SAMPLE_BODY_MARK),
            Block("1. Công tác tham mưu", level=2),
            Block("Tiếp 117 lượt công dân, đã giải quyết 08/24 đơn.", table=0),
            Block("Tổ chức đối thoại với Nhân dân.", level=3),
        ],
        tables=[table],
        recipients=["- Thường trực Quận ủy,", "- Lưu Văn phòng."],
        signature=Signature(
            "T/M BAN THƯỜNG VỤ" if party else "TM. ỦY BAN NHÂN DÂN",
            "PHÓ BÍ THƯ" if party else "CHỦ TỊCH",
            "Nguyễn Văn A",
        ),
    )
