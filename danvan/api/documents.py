"""/api/v1/documents: the register in scope, searched without marks; enter a document;
take the next number of an issuer (cấp số)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from danvan.api.input import Pagination, optional_id, optional_year
from danvan.api.schemas import ErrorOut
from danvan.api.work_schemas import DocumentIn, DocumentOut, NumberIn
from danvan.core import clock
from danvan.documents import selectors, services
from danvan.documents.models import Document, DocumentType
from danvan.org.selectors import org_unit_get

router = Router()
_WRITE = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.get("", response=list[DocumentOut], summary="Tìm văn bản (không cần dấu)")
@paginate(Pagination)
def list_documents(
    request: HttpRequest,
    q: str = "",
    year: int | None = optional_year(),
    direction: str = "",
    stub: bool | None = None,
    org_unit: int | None = optional_id(),
) -> Any:
    return selectors.document_search(
        user=request.user,
        q=q,
        year=year,
        direction=direction or None,
        stub=stub,
        org_unit=org_unit,
    )


@router.get("/{int:document_id}", response={200: DocumentOut, 404: ErrorOut})
def get_document(request: HttpRequest, document_id: int) -> Document:
    return selectors.document_get(user=request.user, pk=document_id)


def _type(name: str | None) -> DocumentType | None:
    if not name:
        return None
    found = DocumentType.objects.filter(name__iexact=name.strip()).first()
    if found is None:
        raise ValidationError({"type": f"Không có loại văn bản «{name}»."})
    return found


@router.post("", response={201: DocumentOut, **_WRITE})
def create_document(request: HttpRequest, payload: DocumentIn) -> Status[Document]:
    document = services.document_create(
        actor=request.user,
        org_unit=org_unit_get(user=request.user, pk=payload.org_unit),
        direction=payload.direction,
        doc_type=_type(payload.type),
        number=payload.number,
        symbol=payload.symbol,
        issuer_code=payload.issuer_code,
        issuer_name=payload.issuer_name,
        issued_on=payload.issued_on,
        title=payload.title,
        note=payload.note,
    )
    return Status(201, document)


@router.post("/issue", response={201: DocumentOut, **_WRITE}, summary="Cấp số văn bản đi")
def issue_document(request: HttpRequest, payload: NumberIn) -> Status[Document]:
    doc_type = _type(payload.type)
    if doc_type is None:
        raise ValidationError({"type": "Chọn loại văn bản."})
    document = services.document_issue(
        actor=request.user,
        holder=org_unit_get(user=request.user, pk=payload.issuer),
        doc_type=doc_type,
        title=payload.title,
        issued_on=payload.issued_on or clock.today(),
    )
    return Status(201, document)
