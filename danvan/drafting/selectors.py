"""Reads of drafts and generated files, always through the scoping function.

Drafts and generated files are read with DOCUMENT_VIEW on their unit; a meeting's
issued documents (giấy mời, biên bản, thông báo kết luận) are found in the register by
the meeting's address written in their note (see :func:`meeting_note`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse

from danvan.access.roles import Cap
from danvan.access.scope import can, scoped
from danvan.documents.models import Document
from danvan.drafting.context import CONCLUSIONS_NOTICE, INVITATION, KINDS, MINUTES
from danvan.drafting.models import GeneratedFile, ReportDraft
from danvan.lib.dates import format_date
from danvan.lib.text import fold
from danvan.org.models import OrgUnit

MEETING_KINDS = (INVITATION, MINUTES, CONCLUSIONS_NOTICE)


def issuer_for(unit: OrgUnit) -> OrgUnit:
    """Who issues ``unit``'s compiled report: its coordinating board (the child whose
    organisation kind is a Ban Dân vận), else the unit itself (as ``compile_report``)."""
    from danvan.drafting.compile import default_issuer

    return default_issuer(unit)


# --- drafts ------------------------------------------------------------------------------


def draft_list(
    *, user: Any, q: str = "", period: str = "", status: str = ""
) -> QuerySet[ReportDraft]:
    drafts = scoped(ReportDraft.objects.all(), user, Cap.DOCUMENT_VIEW).select_related(
        "org_unit", "issuer", "document", "created_by"
    )
    if q:
        folded = fold(q)
        drafts = drafts.filter(
            Q(org_unit__name_folded__contains=folded) | Q(issuer__name_folded__contains=folded)
        )
    if period:
        drafts = drafts.filter(period=period.strip().upper())
    if status in ReportDraft.Status.values:
        drafts = drafts.filter(status=status)
    return drafts.order_by("-created_at", "-id")


def draft_get(*, user: Any, pk: int) -> ReportDraft:
    draft = (
        scoped(ReportDraft.objects.all(), user, Cap.DOCUMENT_VIEW)
        .select_related("org_unit", "issuer", "document", "created_by")
        .filter(pk=pk)
        .first()
    )
    if draft is None:
        raise Http404("Không có dự thảo này trong phạm vi của bạn.")
    return draft


def draft_periods(*, user: Any) -> list[str]:
    """Periods with a draft or a report in the user's scope, newest first."""
    from danvan.reporting.models import Report

    codes = set(
        scoped(Report.objects.all(), user, Cap.REPORT_VIEW)
        .values_list("period", flat=True)
        .distinct()
    )
    codes |= set(
        scoped(ReportDraft.objects.all(), user, Cap.DOCUMENT_VIEW)
        .values_list("period", flat=True)
        .distinct()
    )
    return sorted(codes, key=_period_sort_key, reverse=True)


def _period_sort_key(code: str) -> tuple[int, int, str]:
    from danvan.lib import periods

    try:
        period = periods.parse(code)
    except periods.PeriodError:
        return (0, 0, code)
    return (period.year, period.first_month, code)


# --- generated files ----------------------------------------------------------------------


def file_list(
    *,
    user: Any,
    q: str = "",
    period: str = "",
    kind: str = "",
    draft: ReportDraft | None = None,
    meeting: Any = None,
) -> QuerySet[GeneratedFile]:
    files = scoped(GeneratedFile.objects.all(), user, Cap.DOCUMENT_VIEW).select_related(
        "org_unit", "report_draft", "meeting", "created_by"
    )
    if q:
        folded = fold(q)
        files = files.filter(
            Q(org_unit__name_folded__contains=folded) | Q(meeting__title_folded__contains=folded)
        )
    if period:
        code = period.strip().upper()
        files = files.filter(Q(report_draft__period=code) | Q(meeting__period_code=code))
    if kind in KINDS:
        files = files.filter(kind=kind)
    if draft is not None:
        files = files.filter(report_draft=draft)
    if meeting is not None:
        files = files.filter(meeting=meeting)
    return files.order_by("-created_at", "-id")


def file_get(*, user: Any, pk: int) -> GeneratedFile:
    found = (
        scoped(GeneratedFile.objects.all(), user, Cap.DOCUMENT_VIEW)
        .select_related("org_unit", "report_draft", "meeting")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("Không có tệp này trong phạm vi của bạn.")
    return found


# --- meetings -----------------------------------------------------------------------------


def meeting_get(*, user: Any, pk: int) -> Any:
    from danvan.meetings.models import Meeting

    meeting = (
        scoped(Meeting.objects.all(), user, Cap.MEETING_VIEW)
        .select_related("org_unit", "kind")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404("Không có hội nghị này trong phạm vi của bạn.")
    return meeting


def meeting_url(meeting: Any) -> str:
    return reverse("meetings:detail", args=[meeting.pk])


def meeting_note(meeting: Any, kind: str) -> str:
    """What an issued meeting document says in its register note: which document of
    which meeting, with the meeting's address (how it is found again)."""
    day = format_date(meeting.starts_at.date()) if meeting.starts_at else ""
    when = f" ngày {day}" if day else ""
    return f"{KINDS[kind]} hội nghị «{meeting.title}»{when} — {meeting_url(meeting)}"


def meeting_issued(*, meeting: Any, kind: str) -> Document | None:
    """The register entry already issued for ``meeting``'s document of ``kind``."""
    from danvan.drafting.headings import doc_type_for

    try:
        doc_type = doc_type_for(kind)
    except ValidationError:
        # The type was removed from the catalogue: nothing can be registered under it, and
        # the meeting page must still open (issuing says what is missing).
        return None
    return (
        Document.objects.filter(
            direction=Document.Direction.OUTGOING,
            doc_type=doc_type,
            note__contains=meeting_url(meeting),
        )
        .select_related("doc_type")
        .order_by("-id")
        .first()
    )


def meeting_panel(*, user: Any, meeting: Any) -> dict[str, Any]:
    """What the meeting page shows about its official documents: per kind, the issued
    number (if any) and whether the user may generate and issue; the files generated."""
    from danvan.drafting.pdf import pdf_available

    issuer = issuer_for(meeting.org_unit)
    may_manage = can(user, Cap.DOCUMENT_MANAGE, issuer)
    closed = (
        f"«{issuer.name}» đã ngừng hoạt động: vẫn tạo được tệp, nhưng không cấp số, "
        "vào sổ văn bản đi được nữa."
        if issuer.is_historical
        else ""
    )
    no_numbering = "" if closed or not may_manage else _numbering_missing(issuer)
    rows = []
    for kind in MEETING_KINDS:
        rows.append(
            {
                "kind": kind,
                "label": KINDS[kind],
                "issued": meeting_issued(meeting=meeting, kind=kind),
            }
        )
    pdf_ok, pdf_reason = pdf_available()
    return {
        "show": may_manage or can(user, Cap.DOCUMENT_VIEW, meeting.org_unit),
        "meeting": meeting,
        "issuer": issuer,
        "rows": rows,
        "can_manage": may_manage,
        "can_issue": may_manage and not closed,
        "no_numbering": no_numbering,
        "closed": closed,
        "files": list(file_list(user=user, meeting=meeting)[:5]),
        "pdf_ok": pdf_ok,
        "pdf_reason": pdf_reason,
    }


def _numbering_missing(issuer: OrgUnit) -> str:
    """Why ``issuer`` cannot give numbers yet (no numbering set up), or ""."""
    from django.core.exceptions import ValidationError

    from danvan.documents.issuing import numbering_of

    try:
        numbering_of(issuer)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def issue_preview(draft: ReportDraft) -> tuple[str, str]:
    """(the number line issuing would give today, "") or ("", why it cannot be issued)."""
    from django.core.exceptions import ValidationError

    from danvan.core import clock
    from danvan.documents.issuing import number_preview, numbering_of
    from danvan.drafting.context import REPORT
    from danvan.drafting.headings import doc_type_for
    from danvan.lib import numbering as fmt

    if draft.issuer.is_historical:
        return "", (
            f"«{draft.issuer.name}» đã ngừng hoạt động: sổ văn bản của đơn vị cũ chỉ được xem, "
            "không ghi thêm."
        )
    try:
        numbering = numbering_of(draft.issuer)
        reference = number_preview(
            numbering=numbering, doc_type=doc_type_for(REPORT), on=clock.today()
        )
    except ValidationError as error:
        return "", " ".join(error.messages)
    return fmt.line_for(numbering.style, reference), ""
