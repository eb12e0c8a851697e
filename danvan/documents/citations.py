"""Link the documents a text cites (minutes of a meeting, a report's narrative) to the
register, creating a *stub* entry for each one the register does not know yet.

The register is shared knowledge: a citation of "Chỉ thị 18-CT/TW" in a ward's minutes
links to the entry the city (or a neighbouring ward) holds, when there is one; among equal
matches the entries the citing unit can see (its own, its ancestors', its descendants')
come first. Local issuer codes are ambiguous (every district committee wrote ``/QU``), so
a document with a local code is only matched among the entries the citing unit can see.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.core.audit import service
from danvan.documents.folding import refresh_search
from danvan.documents.models import Citation, Document, DocumentType
from danvan.lib.references import ISSUER_CODES, Reference, find_references
from danvan.lib.text import fold
from danvan.org.models import OrgUnit

# The code part of a reference as written: 138-KH/QU, 30 - CT/TW, 12/QĐ-UBND, 249/MTTQ-BTT.
_CODE_PART = re.compile(r"\d+\s*-\s*[^\s/]+\s*/\s*[^\s,;()]+|\d+\s*/\s*[^\s,;()]+")
_STRONG, _WEAK = 0, 1


def _number_variants(number: str) -> set[str]:
    """ "09" and "9" are the same number as written by different hands."""
    variants = {number}
    if number.isdigit():
        value = int(number)
        variants |= {str(value), f"{value:02d}"}
    return variants


def _code_part(ref: Reference) -> str:
    if ref.code and ref.issuer_code:
        return ref.code
    if not ref.issuer_code:
        return ref.number
    match = _CODE_PART.search(ref.raw)
    return re.sub(r"\s+", "", match.group(0)).rstrip(".") if match else ref.number


def _issuer_code(ref: Reference) -> str:
    return ref.issuer_code or ISSUER_CODES.get(fold(ref.issuer), "")


def _strength(doc: Document, ref: Reference) -> int | None:
    """How well ``doc`` answers ``ref``: strong, weak (a stub that may be it) or not at all."""
    type_name = doc.doc_type.name if doc.doc_type is not None else None
    if ref.issuer_code:
        if doc.symbol == (ref.symbol or "") and doc.issuer_code == ref.issuer_code:
            return _STRONG
        # A stub from "Quyết định 217 của Bộ Chính trị" answers a later "217-QĐ/TW".
        if (
            doc.is_stub
            and not doc.symbol
            and type_name == ref.type
            and doc.issuer_code in ("", ref.issuer_code)
        ):
            return _WEAK
        return None
    if type_name != ref.type:
        return None
    if not ref.issuer:
        return _STRONG
    code = _issuer_code(ref)
    if fold(doc.issuer_name) == fold(ref.issuer) or (code and doc.issuer_code == code):
        return _STRONG
    if not doc.issuer_name and not doc.issuer_code:
        return _WEAK
    return None


def _visible_from(doc: Document, holder: OrgUnit) -> bool:
    path = doc.org_unit.path
    return holder.path.startswith(path) or path.startswith(holder.path)


def _is_local(code: str) -> bool:
    """QU, HU, ĐU, UBND, MTTQ-BTT... name a body by its rank, not its place: the
    "187-TB/QU" of one district is not another district's. Central codes (TW, BDVTW) are."""
    return bool(code) and "TW" not in code.upper()


def _find(ref: Reference, holder: OrgUnit) -> Document | None:
    candidates = Document.objects.filter(number__in=_number_variants(ref.number)).select_related(
        "doc_type", "org_unit"
    )
    local = _is_local(_issuer_code(ref))
    ranked = []
    for doc in candidates:
        strength = _strength(doc, ref)
        visible = _visible_from(doc, holder)
        if strength is None or (local and not visible):
            continue
        ranked.append(((strength, not visible, doc.is_stub, doc.pk), doc))
    return min(ranked, key=lambda item: item[0])[1] if ranked else None


def _complete_stub(doc: Document, ref: Reference) -> None:
    """Fill what a stub lacked from a fuller citation (only blanks: running twice is a no-op)."""
    changed = []
    if not doc.symbol and ref.symbol:
        doc.symbol, doc.reference = ref.symbol, _code_part(ref)[:120]
        changed += ["symbol", "reference"]
    if not doc.issuer_code and _issuer_code(ref):
        doc.issuer_code = _issuer_code(ref)
        changed.append("issuer_code")
    if not doc.issuer_name and ref.issuer and ref.issuer != ref.issuer_code:
        doc.issuer_name = ref.issuer
        changed.append("issuer_name")
    if doc.issued_on is None and ref.date:
        doc.issued_on = dt.date.fromisoformat(ref.date)
        changed.append("issued_on")
    if changed:
        refresh_search(doc)
        doc.save(update_fields=[*changed, "search_folded", "updated_at"])


def _stub(ref: Reference, holder: OrgUnit, cited_in: str) -> Document:
    doc_type = DocumentType.objects.filter(name=ref.type).first() if ref.type else None
    doc = Document(
        org_unit=holder,
        direction=Document.Direction.INCOMING,
        doc_type=doc_type,
        number=ref.number,
        symbol=ref.symbol or "",
        issuer_code=_issuer_code(ref),
        issuer_name=ref.issuer if ref.issuer and ref.issuer != ref.issuer_code else "",
        reference=_code_part(ref)[:120],
        issued_on=dt.date.fromisoformat(ref.date) if ref.date else None,
        is_stub=True,
        note=f"Tạo tự động: được trích dẫn là «{ref.raw}» trong {cited_in}. "
        "Cần bổ sung trích yếu và tệp văn bản.",
    )
    refresh_search(doc)
    doc.save()
    return doc


def _source(meeting: Any, report: Any) -> tuple[dict[str, Any], Cap, str]:
    if (meeting is None) == (report is None):
        raise ValidationError("Trích dẫn phải thuộc đúng một hội nghị hoặc một báo cáo.")
    if meeting is not None:
        return {"meeting": meeting}, Cap.MEETING_MANAGE, f"biên bản hội nghị «{meeting.title}»"
    return {"report": report}, Cap.REPORT_ENTER, f"báo cáo «{report}»"


@service
def citations_link(
    *, actor: Any, text: str, holder: OrgUnit, meeting: Any = None, report: Any = None
) -> list[Citation]:
    """Make the citations of ``meeting`` (or ``report``) exactly the documents ``text`` cites.

    Safe to run on every save: the same text changes nothing; a citation gone from the
    text loses its Citation row, never its document. Writing the source is the right
    asked for (minutes: MEETING_MANAGE; narrative: REPORT_ENTER) on ``holder``, which
    keeps the stubs.
    """
    source, cap, cited_in = _source(meeting, report)
    require(actor, cap, holder)
    cited: dict[int, tuple[Document, str]] = {}
    for ref in find_references(text or ""):
        doc = _find(ref, holder)
        if doc is None:
            doc = _stub(ref, holder, cited_in)
        elif doc.is_stub:
            _complete_stub(doc, ref)
        cited.setdefault(doc.pk, (doc, ref.raw))
    Citation.objects.filter(**source).exclude(document_id__in=list(cited)).delete()
    kept = {c.document_id: c for c in Citation.objects.filter(**source)}
    links = []
    for pk, (doc, raw) in cited.items():
        citation = kept.get(pk)
        if citation is None:
            citation = Citation.objects.create(document=doc, raw=raw[:255], **source)
        links.append(citation)
    return links
