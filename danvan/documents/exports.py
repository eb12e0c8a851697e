"""The register as XLSX («Xuất Excel» on Sổ văn bản)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpResponse

from danvan.core.exports import Column, xlsx_response
from danvan.documents.models import Document


def documents_xlsx(
    documents: Iterable[Document], *, filters: Sequence[tuple[str, str]]
) -> HttpResponse:
    columns = [
        Column("Loại", lambda d: d.doc_type.name if d.doc_type_id else "Văn bản", 14),
        Column("Số, ký hiệu", lambda d: d.reference or d.number, 22),
        Column("Ngày ban hành", lambda d: d.issued_on, 13),
        Column("Trích yếu", lambda d: d.title, 70, wrap=True),
        Column("Cơ quan ban hành", lambda d: d.issuer_name, 32, wrap=True),
        Column("Đến / đi", lambda d: d.get_direction_display(), 14),
        Column("Đơn vị lưu sổ", lambda d: d.org_unit.name, 30),
        Column("Chưa đủ thông tin", lambda d: d.is_stub, 12),
        Column("Công bố trên cổng", lambda d: d.is_public, 12),
    ]
    return xlsx_response(
        title="Sổ văn bản", columns=columns, rows=documents, filename="so-van-ban", filters=filters
    )
