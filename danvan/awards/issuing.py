"""Issuing a decision (cấp số): the register's next number, the outgoing register entry,
and the DOCX of the decision with its danh sách as the entry's file; or, for a decision
made on paper, linking the register entry that already holds it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.access.roles import Cap
from danvan.access.scope import require, scoped
from danvan.awards import decision_docs
from danvan.awards.models import Award, AwardDecision
from danvan.awards.services import refuse_if_closed
from danvan.core import concurrency
from danvan.core.audit import service
from danvan.documents.models import Document
from danvan.documents.services import document_issue, document_update
from danvan.lib.dates import format_date


def _refuse_if_registered(decision: AwardDecision) -> None:
    if decision.document_id is not None:
        raise ValidationError(
            {
                "document": f"Quyết định đã vào sổ với số {decision.reference} "
                f"ngày {format_date(decision.decided_on)}."
            }
        )


def _title(decision: AwardDecision) -> str:
    return f"{decision_docs.subject(decision)} {decision.reason.rstrip('. ')}"[:2000]


@service
def decision_issue(*, actor: Any, decision: AwardDecision) -> Document:
    """Give the issuer's next Quyết định number on the decision's date, enter it in the
    outgoing register and file the generated DOCX there. Refused as a whole."""
    concurrency.lock(decision)
    require(actor, Cap.AWARD_MANAGE, decision.issuer)
    require(actor, Cap.DOCUMENT_MANAGE, decision.issuer)
    refuse_if_closed(decision.issuer)
    _refuse_if_registered(decision)
    awards = list(
        Award.objects.standing().filter(decision=decision).order_by("recipient_kind", "id")
    )
    if not awards:
        raise ValidationError(
            {"document": "Danh sách chưa có tập thể, cá nhân nào: chưa cấp số được."}
        )
    document = document_issue(
        actor=actor,
        holder=decision.issuer,
        doc_type=decision_docs.doc_type(),
        title=_title(decision),
        issued_on=decision.decided_on,
        note=f"Quyết định khen thưởng ({decision.form.name}), danh sách kèm theo.",
    )
    decision.document = document
    concurrency.bump(decision, "document")
    docx = decision_docs.decision_docx(user=actor, decision=decision, awards=awards)
    name = f"quyet-dinh-khen-thuong-{document.number or document.pk}.docx"
    document_update(actor=actor, document=document, upload=SimpleUploadedFile(name, docx))
    return document


@service
def decision_link(*, actor: Any, decision: AwardDecision, document: Document) -> AwardDecision:
    """Vào sổ a decision made elsewhere: link the register entry that holds it."""
    concurrency.lock(decision)
    require(actor, Cap.AWARD_MANAGE, decision.issuer)
    _refuse_if_registered(decision)
    if not scoped(Document.objects.filter(pk=document.pk), actor, Cap.DOCUMENT_VIEW).exists():
        raise PermissionDenied("Bạn không xem được văn bản này.")
    if AwardDecision.all_objects.filter(document=document).exclude(pk=decision.pk).exists():
        raise ValidationError(
            {"document": f"«{document}» đã là văn bản của một quyết định khen thưởng khác."}
        )
    if document.issued_on is not None and document.issued_on != decision.decided_on:
        raise ValidationError(
            {
                "document": f"«{document}» ban hành ngày {format_date(document.issued_on)}, khác "
                f"ngày quyết định {format_date(decision.decided_on)}."
            }
        )
    decision.document = document
    concurrency.bump(decision, "document")
    return decision
