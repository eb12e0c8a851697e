"""The folded copies search reads (``Document.search_folded``), in one place.

Kept apart from the services so that the citation linker, which creates stub entries on
its own, folds them the same way.
"""

from __future__ import annotations

from danvan.documents.models import Document
from danvan.lib.text import fold


def refresh_search(document: Document) -> None:
    """Fold type name, reference, issuer and title into ``search_folded`` (not saved)."""
    type_name = document.doc_type.name if document.doc_type is not None else ""
    parts = [
        type_name,
        document.reference,
        document.number,
        document.symbol,
        document.issuer_code,
        document.issuer_name,
        document.title,
    ]
    document.search_folded = fold(" ".join(part for part in parts if part))
