"""Writes to the register of documents. Each service is atomic, audited, checks access
(DOCUMENT_MANAGE on the unit holding the entry) and refuses bad input with a Vietnamese
message naming the field.

Numbering lives in :mod:`danvan.documents.issuing` and the citation linker in
:mod:`danvan.documents.citations`; both are re-exported here, so callers import every
write from one place.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import require, scoped
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.documents.citations import citations_link
from danvan.documents.extract import extract_text
from danvan.documents.folding import refresh_search
from danvan.documents.issuing import (
    IssuedNumber,
    number_allocate,
    number_preview,
    numbering_configure,
)
from danvan.documents.models import Document, DocumentRelation, DocumentType, ReviewMilestone
from danvan.documents.upload import upload_check, upload_name
from danvan.lib import numbering as fmt
from danvan.lib.dates import format_date
from danvan.lib.text import fold, normalize_spaces
from danvan.org.models import OrgUnit

__all__ = [
    "IssuedNumber",
    "citations_link",
    "document_create",
    "document_delete",
    "document_issue",
    "document_relation_add",
    "document_relation_remove",
    "document_restore",
    "document_update",
    "milestone_add",
    "milestone_mark_done",
    "number_allocate",
    "number_preview",
    "numbering_configure",
]

EDITABLE_FIELDS = (
    "org_unit",
    "direction",
    "doc_type",
    "number",
    "symbol",
    "issuer_code",
    "issuer_name",
    "issuer_unit",
    "reference",
    "issued_on",
    "title",
    "is_public",
    "note",
)
_SHORT_TEXT = ("number", "symbol", "issuer_code", "issuer_name", "reference")


def _refuse_if_historical(unit: OrgUnit) -> None:
    if unit.is_historical:
        raise ValidationError(
            {
                "org_unit": f"«{unit.name}» đã ngừng hoạt động: sổ văn bản của đơn vị cũ chỉ "
                "được xem, không ghi thêm."
            }
        )


def _auto_reference(document: Document) -> str:
    """ "138-KH/QU" from number, symbol and issuer code, in the issuer's style."""
    if not document.number or not document.issuer_code:
        return document.number
    numbering = getattr(document.issuer_unit, "numbering", None) if document.issuer_unit else None
    style = numbering.style if numbering else fmt.guess_style(document.symbol, document.issuer_code)
    if style == fmt.PARTY and not document.symbol:
        style = fmt.STATE
    return fmt.compose(style, document.number, document.symbol, document.issuer_code)


def _validate(document: Document) -> None:
    errors: dict[str, str] = {}
    if not document.is_stub:
        if document.doc_type_id is None:
            errors["doc_type"] = "Phải chọn loại văn bản."
        if not document.title:
            errors["title"] = "Trích yếu (nội dung tóm tắt) không được để trống."
    if document.is_public and document.is_stub:
        errors["is_public"] = "Văn bản chưa đủ thông tin thì chưa công bố được."
    if document.issued_on and document.issued_on > clock.today() + dt.timedelta(days=366):
        errors["issued_on"] = f"Ngày ban hành {format_date(document.issued_on)} quá xa."
    if document.number:
        clash = _same_number(document)
        if clash is not None:
            when = f" ngày {format_date(clash.issued_on)}" if clash.issued_on else ""
            hint = (
                " Văn bản đó đang chờ bổ sung thông tin: hãy mở và sửa nó." if clash.is_stub else ""
            )
            errors["number"] = f"Sổ của «{document.org_unit.name}» đã có «{clash}»{when}.{hint}"
    if errors:
        raise ValidationError(errors)
    document.full_clean(
        exclude=["org_unit", "doc_type", "issuer_unit", "file", "search_folded", "file_folded"]
    )


def _same_number(document: Document) -> Document | None:
    same = Document.objects.filter(
        org_unit_id=document.org_unit_id,
        doc_type_id=document.doc_type_id,
        number=document.number,
        symbol=document.symbol,
        issuer_code=document.issuer_code,
    ).exclude(pk=document.pk)
    if document.issued_on:
        same = same.filter(Q(issued_on=document.issued_on) | Q(issued_on__isnull=True))
    return same.select_related("doc_type").first()


def _attach(document: Document, upload: Any) -> None:
    """Check the upload by content, keep it, and read its text for search."""
    kind = upload_check(upload)
    text = extract_text(upload, kind)
    name = upload_name(upload)
    upload.name = name
    document.file = upload
    document.file_name = name[:255]
    document.file_kind = kind
    document.file_size = int(upload.size or 0)
    document.file_text = text
    document.file_folded = fold(text)


def _clean_text(field: str, value: Any) -> Any:
    if field in _SHORT_TEXT:
        return normalize_spaces(value)
    if field in ("title", "note"):
        return (value or "").strip()
    return value


@service
def document_create(
    *,
    actor: Any,
    org_unit: OrgUnit,
    direction: str,
    doc_type: DocumentType | None,
    number: str,
    symbol: str,
    issuer_code: str,
    issuer_name: str,
    issuer_unit: OrgUnit | None = None,
    reference: str = "",
    issued_on: dt.date | None,
    title: str,
    upload: Any = None,
    is_public: bool = False,
    note: str = "",
) -> Document:
    require(actor, Cap.DOCUMENT_MANAGE, org_unit)
    _refuse_if_historical(org_unit)
    if direction not in Document.Direction.values:
        raise ValidationError({"direction": "Phải chọn sổ văn bản đến hoặc văn bản đi."})
    document = Document(
        org_unit=org_unit,
        direction=direction,
        doc_type=doc_type,
        issuer_unit=issuer_unit,
        issued_on=issued_on,
        is_public=is_public,
    )
    values = {
        "number": number,
        "symbol": symbol,
        "issuer_code": issuer_code,
        "issuer_name": issuer_name,
        "reference": reference,
        "title": title,
        "note": note,
    }
    for field, value in values.items():
        setattr(document, field, _clean_text(field, value))
    document.reference = document.reference or _auto_reference(document)
    _validate(document)
    if upload is not None:
        _attach(document, upload)
    refresh_search(document)
    document.save()
    return document


@service
def document_update(
    *,
    actor: Any,
    document: Document,
    upload: Any = None,
    version: int | None = None,
    **changes: Any,
) -> Document:
    """Change the fields named in ``changes``. A reference left empty, or left as it was
    built from the old number and symbols, is built again from the new ones.

    Completing a stub (type and number filled) makes it a full entry. An edit made from
    another ``version`` than the stored one is refused."""
    concurrency.lock(document)
    require(actor, Cap.DOCUMENT_MANAGE, document.org_unit)
    _refuse_if_historical(document.org_unit)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Không sửa được các trường: {', '.join(sorted(unknown))}.")
    concurrency.check_version(document, version)
    before = concurrency.snapshot(document)
    new_unit = changes.get("org_unit")
    if new_unit is not None and new_unit.pk != document.org_unit_id:
        require(actor, Cap.DOCUMENT_MANAGE, new_unit)
        _refuse_if_historical(new_unit)
    if "direction" in changes and changes["direction"] not in Document.Direction.values:
        raise ValidationError({"direction": "Phải chọn sổ văn bản đến hoặc văn bản đi."})
    built = _auto_reference(document)
    for field, value in changes.items():
        setattr(document, field, _clean_text(field, value))
    if not document.reference or document.reference == built:
        document.reference = _auto_reference(document)
    if document.is_stub and document.doc_type_id and document.number:
        document.is_stub = False
    _validate(document)
    if upload is not None:
        _attach(document, upload)
    refresh_search(document)
    concurrency.save_changed(document, before)
    return document


@service
def document_delete(*, actor: Any, document: Document) -> Document:
    """Soft delete: hidden from the register, restorable, history kept."""
    require(actor, Cap.DOCUMENT_MANAGE, document.org_unit)
    _refuse_if_historical(document.org_unit)
    if document.is_deleted:
        raise ValidationError(f"«{document}» đã bị xóa trước đó.")
    document.deleted_at = timezone.now()
    document.save(update_fields=["deleted_at", "updated_at"])
    return document


@service
def document_restore(*, actor: Any, document: Document) -> Document:
    require(actor, Cap.DOCUMENT_MANAGE, document.org_unit)
    if not document.is_deleted:
        raise ValidationError(f"«{document}» chưa bị xóa.")
    document.deleted_at = None
    document.save(update_fields=["deleted_at", "updated_at"])
    return document


@service
def document_issue(
    *,
    actor: Any,
    holder: OrgUnit,
    doc_type: DocumentType,
    title: str,
    issued_on: dt.date,
    upload: Any = None,
    note: str = "",
) -> Document:
    """Give ``holder``'s next number for ``doc_type`` and enter the document in its
    outgoing register (sổ văn bản đi). Refused as a whole: the number is not used up."""
    if not (title or "").strip():
        raise ValidationError({"title": "Trích yếu (nội dung tóm tắt) không được để trống."})
    issued = number_allocate(actor=actor, issuer=holder, doc_type=doc_type, on=issued_on)
    return document_create(
        actor=actor,
        org_unit=holder,
        direction=Document.Direction.OUTGOING,
        doc_type=doc_type,
        number=fmt.pad(issued.number),
        symbol=issued.symbol,
        issuer_code=issued.issuer_code,
        issuer_name=holder.name,
        issuer_unit=holder,
        reference=issued.reference,
        issued_on=issued_on,
        title=title,
        upload=upload,
        note=note,
    )


# --- relations and review milestones ----------------------------------------------------


@service
def document_relation_add(
    *, actor: Any, source: Document, target: Document, kind: str
) -> DocumentRelation:
    require(actor, Cap.DOCUMENT_MANAGE, source.org_unit)
    if kind not in DocumentRelation.Kind.values:
        raise ValidationError({"kind": "Phải chọn loại quan hệ giữa hai văn bản."})
    if target.pk == source.pk:
        raise ValidationError({"target": f"Không thể liên kết «{source}» với chính nó."})
    if not scoped(Document.objects.filter(pk=target.pk), actor, Cap.DOCUMENT_VIEW).exists():
        raise ValidationError({"target": "Văn bản liên quan không có trong phạm vi của bạn."})
    label = DocumentRelation.Kind(kind).label
    if DocumentRelation.objects.filter(source=source, target=target, kind=kind).exists():
        raise ValidationError(
            {"target": f"Đã ghi nhận «{source}» — {label.lower()} — «{target}» rồi."}
        )
    relation = DocumentRelation(source=source, target=target, kind=kind)
    relation.full_clean(exclude=["source", "target"])
    relation.save()
    return relation


@service
def document_relation_remove(*, actor: Any, relation: DocumentRelation) -> None:
    require(actor, Cap.DOCUMENT_MANAGE, relation.source.org_unit)
    relation.delete()


@service
def milestone_add(
    *, actor: Any, document: Document, title: str, due_on: dt.date | None
) -> ReviewMilestone:
    require(actor, Cap.DOCUMENT_MANAGE, document.org_unit)
    title = normalize_spaces(title)
    errors = {}
    if not title:
        errors["title"] = "Phải ghi tên mốc, ví dụ «Sơ kết 5 năm»."
    if due_on is None:
        errors["due_on"] = "Phải nhập thời hạn của mốc sơ kết, tổng kết."
    elif document.issued_on and due_on < document.issued_on:
        errors["due_on"] = (
            f"Thời hạn {format_date(due_on)} trước ngày ban hành văn bản "
            f"({format_date(document.issued_on)})."
        )
    if errors or due_on is None:
        raise ValidationError(errors)
    milestone = ReviewMilestone(document=document, title=title, due_on=due_on)
    milestone.full_clean(exclude=["document", "meeting"])
    milestone.save()
    return milestone


@service
def milestone_mark_done(
    *, actor: Any, milestone: ReviewMilestone, done_on: dt.date | None = None, meeting: Any = None
) -> ReviewMilestone:
    require(actor, Cap.DOCUMENT_MANAGE, milestone.document.org_unit)
    done_on = done_on or clock.today()
    if done_on > clock.today():
        raise ValidationError(
            {"done_on": f"Ngày thực hiện {format_date(done_on)} chưa đến: chưa đánh dấu được."}
        )
    milestone.done_on = done_on
    if meeting is not None:
        milestone.meeting = meeting
    milestone.save(update_fields=["done_on", "meeting"])
    return milestone
