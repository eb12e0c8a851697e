"""The document source of the pickers (``core/autocomplete.py``): register entries found by
number, type, issuer or trích yếu without marks, shown with their date and issuer."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from danvan.access.roles import Cap
from danvan.core import autocomplete
from danvan.documents.models import Document
from danvan.lib.text import fold


def document_label(document: Document) -> str:
    """ "Kế hoạch 138-KH/QU, ngày 12/03/2023"."""
    day = f", ngày {document.issued_on:%d/%m/%Y}" if document.issued_on else ""
    return f"{document}{day}"


def document_context(document: Document) -> str:
    title = (document.title or "").strip()
    title = title if len(title) <= 90 else title[:89] + "…"
    issuer = document.issuer_name or document.issuer_code
    return " — ".join(part for part in (issuer, title) if part)


def _search(documents: QuerySet[Document], q: str) -> QuerySet[Document]:
    for word in fold(q).split():
        documents = documents.filter(Q(search_folded__contains=word) | Q(number=word))
    return documents.order_by(F("issued_on").desc(nulls_last=True), "-pk")


DOCUMENTS = autocomplete.Source(
    name="document",
    model=Document,
    cap=Cap.DOCUMENT_VIEW,
    search=_search,
    label=document_label,
    context=document_context,
    prepare=lambda documents: documents.select_related("doc_type"),
    placeholder="Gõ số, ký hiệu hoặc trích yếu văn bản (không cần dấu)…",
    empty="Không tìm thấy văn bản nào.",
)


class DocumentChoiceField(autocomplete.AutocompleteChoiceField):
    source_name = "document"


class DocumentMultipleChoiceField(autocomplete.AutocompleteMultipleChoiceField):
    source_name = "document"
