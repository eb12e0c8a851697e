"""Reads of the register, always through the scoping function.

Documents are inherited down the tree (``SCOPE_INHERITED``): a ward reads what the city
holds. Search folds the query like the stored columns (no marks, đ→d, lower case) and
asks every word to appear in the entry or in its file's text, with plain ``LIKE`` so it
behaves the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet
from django.http import Http404

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.documents.issuing import number_preview, usable_types
from danvan.documents.models import (
    Citation,
    Document,
    DocumentQuerySet,
    DocumentRelation,
    DocumentType,
    IssuerNumbering,
)
from danvan.lib.text import fold
from danvan.meetings.models import Meeting
from danvan.org.models import OrgUnit
from danvan.reporting.models import Report
from danvan.tasks.models import Task

# What the other side of a relation is, read from the target: "Được triển khai bởi".
INVERSE_LABELS = {
    DocumentRelation.Kind.IMPLEMENTS: "Được triển khai thực hiện bởi",
    DocumentRelation.Kind.REPLACES: "Bị thay thế bởi",
    DocumentRelation.Kind.AMENDS: "Được sửa đổi, bổ sung bởi",
    DocumentRelation.Kind.REVIEWS: "Được sơ kết, tổng kết tại",
}


def document_search(
    *,
    user: Any,
    q: str = "",
    doc_type: int | str | None = None,
    year: int | str | None = None,
    direction: str | None = None,
    stub: bool | None = None,
    issuer: str = "",
    org_unit: int | None = None,
) -> DocumentQuerySet:
    docs = scoped(Document.objects.all(), user, Cap.DOCUMENT_VIEW).select_related(
        "doc_type", "org_unit"
    )
    for word in fold(q).split():
        docs = docs.filter(Q(search_folded__contains=word) | Q(file_folded__contains=word))
    if doc_type:
        docs = docs.filter(doc_type_id=doc_type)
    if year:
        docs = docs.filter(issued_on__year=year)
    if direction:
        docs = docs.filter(direction=direction)
    if stub is not None:
        docs = docs.filter(is_stub=stub)
    if issuer.strip():
        code = issuer.strip()
        folded = Q()
        for word in fold(issuer).split():
            folded &= Q(search_folded__contains=word)
        docs = docs.filter(Q(issuer_code__iexact=code) | folded)
    if org_unit:
        docs = docs.filter(org_unit_id=org_unit)
    return docs.order_by(F("issued_on").desc(nulls_last=True), "-id")


def document_get(*, user: Any, pk: int, cap: Cap = Cap.DOCUMENT_VIEW) -> Document:
    document = (
        scoped(Document.objects.filter(pk=pk), user, cap)
        .select_related("doc_type", "org_unit", "issuer_unit")
        .first()
    )
    if document is None:
        raise Http404("Không tìm thấy văn bản, hoặc văn bản nằm ngoài phạm vi của bạn.")
    return document


def document_years(*, user: Any) -> list[int]:
    docs = scoped(Document.objects.exclude(issued_on=None), user, Cap.DOCUMENT_VIEW)
    return [day.year for day in docs.dates("issued_on", "year", order="DESC")]


def document_deleted(*, user: Any) -> DocumentQuerySet:
    return (
        scoped(Document.all_objects.filter(deleted_at__isnull=False), user, Cap.DOCUMENT_MANAGE)
        .select_related("doc_type", "org_unit")
        .order_by("-deleted_at")
    )


@dataclass(frozen=True)
class Related:
    relation: DocumentRelation
    label: str
    other: Document
    outgoing: bool


def document_relations(*, user: Any, document: Document) -> list[Related]:
    """Both directions: what this document implements, and what implements it. Only the
    other documents the user may see are listed."""
    visible = scoped(Document.objects.all(), user, Cap.DOCUMENT_VIEW).values("pk")
    related = "source__doc_type", "target__doc_type"
    out = document.relations_out.filter(target__in=visible).select_related(*related)
    into = document.relations_in.filter(source__in=visible).select_related(*related)
    rows = [Related(r, r.get_kind_display(), r.target, True) for r in out]
    rows += [
        Related(r, INVERSE_LABELS[DocumentRelation.Kind(r.kind)], r.source, False) for r in into
    ]
    return rows


def document_citations(*, user: Any, document: Document) -> list[Citation]:
    """Where the document is cited, among the meetings and reports the user may see."""
    meetings = scoped(Meeting.objects.all(), user, Cap.MEETING_VIEW).values("pk")
    reports = scoped(Report.objects.all(), user, Cap.REPORT_VIEW).values("pk")
    return list(
        Citation.objects.filter(document=document)
        .filter(Q(meeting__in=meetings) | Q(report__in=reports))
        .select_related("meeting", "report__form", "report__org_unit")
        .order_by("-id")
    )


def document_tasks(*, user: Any, document: Document) -> QuerySet[Task]:
    return (
        scoped(Task.objects.filter(document=document), user, Cap.TASK_VIEW)
        .select_related("lead_unit")
        .order_by("deadline", "id")
    )


def document_picker(*, user: Any, exclude: Document, q: str = "") -> DocumentQuerySet:
    """Documents offered as the other side of a relation (the first matches only)."""
    return document_search(user=user, q=q).exclude(pk=exclude.pk)


def numbering_for(*, user: Any) -> QuerySet[IssuerNumbering]:
    return (
        scoped(IssuerNumbering.objects.all(), user, Cap.DOCUMENT_VIEW)
        .select_related("org_unit")
        .order_by("org_unit__path")
    )


def numbering_get(*, user: Any, unit: OrgUnit) -> IssuerNumbering | None:
    return numbering_for(user=user).filter(org_unit=unit).first()


@dataclass(frozen=True)
class NextNumber:
    doc_type: DocumentType
    reference: str


def next_numbers(*, numbering: IssuerNumbering, on: dt.date) -> list[NextNumber]:
    """The reference each usable type would get next (none given out)."""
    rows = []
    for doc_type in usable_types(numbering):
        try:
            reference = number_preview(numbering=numbering, doc_type=doc_type, on=on)
        except ValidationError:  # the term starts after ``on``: nothing to preview
            break
        rows.append(NextNumber(doc_type, reference))
    return rows


def issuers_managed(*, user: Any) -> QuerySet[IssuerNumbering]:
    """The issuers whose numbers the user may give out."""
    return (
        scoped(IssuerNumbering.objects.all(), user, Cap.DOCUMENT_MANAGE)
        .select_related("org_unit")
        .order_by("org_unit__path")
    )


def public_documents() -> DocumentQuerySet:
    """Complete documents marked for the public portal (no user: the public sees them)."""
    return (
        Document.objects.filter(is_public=True, is_stub=False)
        .select_related("doc_type")
        .order_by(F("issued_on").desc(nulls_last=True), "-id")
    )
