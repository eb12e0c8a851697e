"""Numbering (đánh số): each issuer's setting, the next number, and giving one out.

The Party numbers per type per term (nhiệm kỳ), the State and the Front per type per
calendar year (DOMAIN.md §1). A number is given inside the caller's transaction with the
:class:`NumberSequence` row locked, so two officers issuing at the same moment never get
the same number; if the document is then refused, the number is not used up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.core.audit import service
from danvan.documents.models import DocumentType, IssuerNumbering, NumberingStyle, NumberSequence
from danvan.lib import numbering as fmt
from danvan.lib.dates import format_date
from danvan.lib.text import normalize_spaces
from danvan.org.models import OrgUnit

# The one type a State or Front issuer writes without a type symbol (249/MTTQ-BTT).
CONG_VAN = "Công văn"


@dataclass(frozen=True)
class IssuedNumber:
    number: int
    reference: str
    line: str
    symbol: str
    issuer_code: str
    key: str


@service
def numbering_configure(
    *,
    actor: Any,
    org_unit: OrgUnit,
    style: str,
    issuer_code: str,
    term_label: str = "",
    term_started_on: dt.date | None = None,
    place_name: str = "",
) -> IssuerNumbering:
    require(actor, Cap.DOCUMENT_MANAGE, org_unit)
    issuer_code = normalize_spaces(issuer_code)
    term_label = normalize_spaces(term_label)
    errors: dict[str, str] = {}
    if style not in NumberingStyle.values:
        errors["style"] = "Phải chọn thể thức đánh số: Đảng, Nhà nước hoặc Mặt trận."
    if not issuer_code:
        errors["issuer_code"] = f"Phải nhập ký hiệu cơ quan ban hành của «{org_unit.name}»."
    elif " " in issuer_code or "/" in issuer_code:
        errors["issuer_code"] = (
            f"Ký hiệu «{issuer_code}» không được chứa dấu cách hay dấu gạch chéo "
            "(ví dụ đúng: QU, BDVQU, MTTQ-BTT)."
        )
    if style == NumberingStyle.PARTY and not term_label:
        errors["term_label"] = (
            "Văn bản Đảng đánh số lại theo nhiệm kỳ: phải nhập nhiệm kỳ hiện tại (ví dụ 2025-2030)."
        )
    if errors:
        raise ValidationError(errors)
    numbering = IssuerNumbering.objects.filter(org_unit=org_unit).first() or IssuerNumbering(
        org_unit=org_unit
    )
    numbering.style = style
    numbering.issuer_code = issuer_code
    numbering.term_label = term_label
    numbering.term_started_on = term_started_on
    numbering.place_name = normalize_spaces(place_name)
    numbering.full_clean(exclude=["org_unit"])
    numbering.save()
    return numbering


def symbol_for(numbering: IssuerNumbering, doc_type: DocumentType) -> str:
    """The type symbol this issuer writes, or ValidationError when the type has none."""
    if numbering.style == NumberingStyle.PARTY:
        if not doc_type.party_symbol:
            raise ValidationError(
                {
                    "doc_type": f"Loại «{doc_type.name}» chưa có ký hiệu cho văn bản Đảng: "
                    "quản trị viên cần bổ sung trong danh mục loại văn bản."
                }
            )
        return doc_type.party_symbol
    if not doc_type.state_symbol and doc_type.name != CONG_VAN:
        raise ValidationError(
            {
                "doc_type": f"Loại «{doc_type.name}» chưa có ký hiệu cho văn bản Nhà nước, "
                "Mặt trận: quản trị viên cần bổ sung trong danh mục loại văn bản."
            }
        )
    return doc_type.state_symbol


def sequence_key(numbering: IssuerNumbering, on: dt.date) -> str:
    """The term label (Party) or the year of ``on`` (State, Front)."""
    if numbering.style != NumberingStyle.PARTY:
        return str(on.year)
    if numbering.term_started_on and on < numbering.term_started_on:
        raise ValidationError(
            {
                "issued_on": f"Ngày {format_date(on)} trước ngày bắt đầu nhiệm kỳ "
                f"{numbering.term_label} ({format_date(numbering.term_started_on)}) "
                f"của «{numbering.org_unit.name}»: không cấp số nhiệm kỳ cũ."
            }
        )
    return numbering.term_label


def number_preview(*, numbering: IssuerNumbering, doc_type: DocumentType, on: dt.date) -> str:
    """The reference the next document of ``doc_type`` would get (nothing is given out)."""
    symbol = symbol_for(numbering, doc_type)
    key = sequence_key(numbering, on)
    last = (
        NumberSequence.objects.filter(numbering=numbering, doc_type=doc_type, key=key)
        .values_list("last_number", flat=True)
        .first()
    )
    reference, _ = fmt.format_reference(
        numbering.style, (last or 0) + 1, symbol, numbering.issuer_code
    )
    return reference


def numbering_of(issuer: OrgUnit) -> IssuerNumbering:
    numbering = IssuerNumbering.objects.select_related("org_unit").filter(org_unit=issuer).first()
    if numbering is None:
        raise ValidationError(
            {
                "issuer": f"«{issuer.name}» chưa thiết lập cách đánh số văn bản "
                "(Văn bản › Đánh số): chưa cấp số được."
            }
        )
    return numbering


@service
def number_allocate(
    *, actor: Any, issuer: OrgUnit, doc_type: DocumentType, on: dt.date
) -> IssuedNumber:
    require(actor, Cap.DOCUMENT_MANAGE, issuer)
    numbering = numbering_of(issuer)
    symbol = symbol_for(numbering, doc_type)
    key = sequence_key(numbering, on)
    # Create the row if this is the type's first number in the term or year, then lock it:
    # a second allocation waits here until the first one's transaction ends.
    NumberSequence.objects.get_or_create(numbering=numbering, doc_type=doc_type, key=key)
    sequence = NumberSequence.objects.select_for_update().get(
        numbering=numbering, doc_type=doc_type, key=key
    )
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    reference, line = fmt.format_reference(
        numbering.style, sequence.last_number, symbol, numbering.issuer_code
    )
    return IssuedNumber(
        number=sequence.last_number,
        reference=reference,
        line=line,
        symbol=symbol,
        issuer_code=numbering.issuer_code,
        key=key,
    )


def usable_types(numbering: IssuerNumbering) -> list[DocumentType]:
    """The types this issuer can number (those with a symbol in its style, and Công văn)."""
    usable = []
    for doc_type in DocumentType.objects.all():
        try:
            symbol_for(numbering, doc_type)
        except ValidationError:
            continue
        usable.append(doc_type)
    return usable
