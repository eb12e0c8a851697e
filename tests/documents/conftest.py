"""Document types, issuers with their numbering, and a register to search.

Types come from the data migration; the fixture makes sure they are there even after a
transactional test flushed the tables."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest

from danvan.access.system import SYSTEM
from danvan.documents import services
from danvan.documents.models import Document, DocumentType, IssuerNumbering

_TYPES = importlib.import_module("danvan.documents.migrations.0003_document_types").TYPES


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def types(db: Any) -> dict[str, DocumentType]:
    for order, (name, party, state) in enumerate(_TYPES, start=1):
        DocumentType.objects.get_or_create(
            name=name, defaults={"party_symbol": party, "state_symbol": state, "sort_order": order}
        )
    return {t.name: t for t in DocumentType.objects.all()}


@pytest.fixture
def numberings(tree: Any, types: Any) -> dict[str, IssuerNumbering]:
    """The board numbers the Party way (term 2020-2025), the ward's People's Committee
    stands in for a State issuer, the ward Front writes 249/MTTQ-BTT."""
    return {
        "party": services.numbering_configure(
            actor=SYSTEM,
            org_unit=tree.bdv_hoang_mai,
            style="party",
            issuer_code="BDVQU",
            term_label="2020-2025",
            term_started_on=dt.date(2020, 10, 15),
            place_name="Hoàng Mai",
        ),
        "state": services.numbering_configure(
            actor=SYSTEM, org_unit=tree.dinh_cong, style="state", issuer_code="UBND"
        ),
        "front": services.numbering_configure(
            actor=SYSTEM, org_unit=tree.mttq_dinh_cong, style="front", issuer_code="MTTQ-BTT"
        ),
    }


def enter(unit: Any, doc_type: DocumentType, number: str, **fields: Any) -> Document:
    """A register entry made by the system (symbol, issuer and title have defaults)."""
    values = {
        "org_unit": unit,
        "direction": Document.Direction.INCOMING,
        "doc_type": doc_type,
        "number": number,
        "symbol": doc_type.party_symbol if doc_type else "",
        "issuer_code": "TW",
        "issuer_name": "",
        "issued_on": dt.date(2023, 1, 31),
        "title": f"Văn bản số {number}",
    }
    values.update(fields)
    return services.document_create(actor=SYSTEM, **values)


@pytest.fixture
def register(tree: Any, types: Any) -> dict[str, Document]:
    """The city's directive, the district plan that implements it, a Tây Hồ notice."""
    return {
        "chi_thi_18": enter(
            tree.hanoi,
            types["Chỉ thị"],
            "18",
            issuer_name="Ban Bí thư Trung ương Đảng",
            issued_on=dt.date(2022, 10, 26),
            title="Về phát huy vai trò của Nhân dân trong công tác xây dựng Đảng",
        ),
        "ke_hoach_138": enter(
            tree.bdv_hoang_mai,
            types["Kế hoạch"],
            "138",
            issuer_code="QU",
            issuer_name="Quận ủy Hoàng Mai",
            title="Triển khai công tác dân vận năm 2023",
        ),
        "tay_ho": enter(
            tree.tay_ho,
            types["Thông báo"],
            "187",
            issuer_code="QU",
            issuer_name="Quận ủy Tây Hồ",
            issued_on=dt.date(2023, 2, 10),
            title="Kết luận giao ban tháng 2",
        ),
    }
