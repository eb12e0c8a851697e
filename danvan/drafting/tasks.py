"""The background generation of an official document (django-tasks).

``services.generate`` creates a :class:`GeneratedFile` (queued) and enqueues
:func:`generate_file`; the database backend's worker (``manage.py db_worker``) runs it,
under tests the immediate backend runs it at once. Steps and the progress shown on the
page: content loaded 10 → DOCX 50 → XLSX appendix 70 (reports) → PDF 90 → done 100.

Each step runs in its own savepoint, and the progress is written between steps, so the
page sees it move while the worker runs (the worker has no surrounding transaction). A
failure leaves the row "failed" with a Vietnamese message, never a stack trace (that
goes to the log); a PDF that cannot be made does not fail the DOCX and XLSX.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from danvan.access.system import SYSTEM
from danvan.core.audit import acting_as
from danvan.drafting.context import REPORT, OfficialDocument, document_from_dict
from danvan.drafting.models import GeneratedFile
from danvan.lib import numbering as fmt
from danvan.lib.periods import PeriodError

logger = logging.getLogger(__name__)
T = TypeVar("T")

_UNEXPECTED = (
    "Không tạo được văn bản: lỗi hệ thống khi lưu tệp; hãy thử lại hoặc báo quản trị viên."
)
LOADED, DOCX_DONE, XLSX_DONE, PDF_DONE, DONE = 10, 50, 70, 90, 100


class StepFailed(Exception):
    """A step went wrong; ``str()`` is the Vietnamese message for the page."""


def _progress(row: GeneratedFile, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(row, name, value)
    GeneratedFile.objects.filter(pk=row.pk).update(**fields)


def _explain(error: BaseException) -> str:
    """The Vietnamese reason of an error the product raises on purpose ("" otherwise)."""
    from danvan.drafting.layout import TemplateRenderError
    from danvan.drafting.pdf import PdfError

    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    if isinstance(error, PeriodError | StepFailed | PdfError | TemplateRenderError):
        return str(error)
    return ""


def _step(what: str, fn: Callable[[], T]) -> T:
    """Run one step in a savepoint; anything it raises becomes a StepFailed for the page."""
    try:
        with transaction.atomic():
            return fn()
    except StepFailed:
        raise
    except Exception as error:
        reason = _explain(error)
        if not reason:
            logger.exception("Tạo văn bản: %s", what)
            reason = "lỗi hệ thống; hãy thử lại hoặc báo quản trị viên"
        raise StepFailed(f"{what}: {reason.rstrip('.')}.") from error


def _content(row: GeneratedFile, user: Any) -> tuple[OfficialDocument, Any]:
    """The document to lay out and its issuing unit."""
    from danvan.drafting import selectors

    draft = row.report_draft
    if draft is not None:
        if draft.is_deleted:
            raise StepFailed("Dự thảo báo cáo đã bị xóa.")
        return document_from_dict(draft.content), draft.issuer
    meeting = row.meeting
    if meeting is None or meeting.is_deleted:
        raise StepFailed("Hội nghị không còn trong hệ thống.")
    from danvan.drafting.meeting_docs import meeting_document

    issuer = selectors.issuer_for(meeting.org_unit)
    issued = selectors.meeting_issued(meeting=meeting, kind=row.kind)
    extra: dict[str, Any] = {}
    if issued is not None:
        numbering = getattr(issuer, "numbering", None)
        style = (
            numbering.style
            if numbering is not None
            else fmt.guess_style(issued.symbol, issued.issuer_code)
        )
        extra = {"number_line": fmt.line_for(style, issued.reference), "on": issued.issued_on}
    return meeting_document(user=user, meeting=meeting, kind=row.kind, **extra), issuer


def _file_in_register(row: GeneratedFile, docx: bytes, user: Any) -> str:
    """The first DOCX made of an issued document becomes its file in the register (so its
    text is searchable there). Returns a note for the page when that is refused."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.documents.services import document_update
    from danvan.drafting import selectors

    if row.report_draft is not None:
        registered = row.report_draft.document
    elif row.meeting is not None:
        registered = selectors.meeting_issued(meeting=row.meeting, kind=row.kind)
    else:
        registered = None
    if registered is None or registered.file:
        return ""
    upload = SimpleUploadedFile(_file_name(row, "docx"), docx)
    try:
        document_update(actor=user, document=registered, upload=upload)
    except ValidationError as error:
        return f"Chưa lưu được tệp vào sổ văn bản: {' '.join(error.messages)}"
    except PermissionDenied as error:
        return f"Chưa lưu được tệp vào sổ văn bản: {error}"
    return ""


def _file_name(row: GeneratedFile, ext: str) -> str:
    return f"{row.kind.replace('_', '-')}-{row.pk}.{ext}"


def run(file_id: int) -> str:
    """Generate the files of one :class:`GeneratedFile`; returns its final status."""
    from danvan.drafting.layout import render_docx
    from danvan.drafting.pdf import docx_to_pdf, pdf_available

    try:
        row = GeneratedFile.objects.select_related(
            "report_draft__issuer", "report_draft__org_unit", "meeting__org_unit", "created_by"
        ).get(pk=file_id)
    except ObjectDoesNotExist:
        logger.warning("Tạo văn bản: không còn tệp số %s", file_id)
        return "missing"
    if row.status in (GeneratedFile.Status.DONE, GeneratedFile.Status.FAILED):
        return str(row.status)
    user = row.created_by or SYSTEM
    _progress(row, status=GeneratedFile.Status.RUNNING, progress=1, message="")
    notes: list[str] = []
    try:
        with acting_as(user):
            document, issuer = _step("Không đọc được nội dung văn bản", lambda: _content(row, user))
            _progress(row, progress=LOADED)
            docx = _step(
                "Không dàn trang được tệp DOCX", lambda: render_docx(document, issuer=issuer)
            )
            row.docx.save(_file_name(row, "docx"), ContentFile(docx), save=False)
            _progress(row, progress=DOCX_DONE, docx=row.docx.name)
            note = _file_in_register(row, docx, user)
            if note:
                notes.append(note)
            if row.kind == REPORT and row.report_draft is not None:
                draft = row.report_draft
                from danvan.drafting.appendix import appendix_xlsx, report_reference

                reference = report_reference(
                    document.heading.number_line, document.heading.place_date
                )
                xlsx = _step(
                    "Không tạo được phụ lục số liệu XLSX",
                    lambda: appendix_xlsx(
                        user=user, org_unit=draft.org_unit, period=draft.period, reference=reference
                    ),
                )
                row.xlsx.save(_file_name(row, "xlsx"), ContentFile(xlsx), save=False)
                _progress(row, progress=XLSX_DONE, xlsx=row.xlsx.name)
            if row.want_pdf:
                available, reason = pdf_available()
                if not available:
                    notes.append(f"Không tạo được PDF: {reason}")
                else:
                    try:
                        pdf = _step("Không chuyển được sang PDF", lambda: docx_to_pdf(docx))
                    except StepFailed as error:
                        notes.append(str(error))
                    else:
                        row.pdf.save(_file_name(row, "pdf"), ContentFile(pdf), save=False)
                        _progress(row, pdf=row.pdf.name)
                _progress(row, progress=PDF_DONE)
    except Exception as error:
        if not isinstance(error, StepFailed):
            logger.exception("Tạo văn bản số %s: lỗi", file_id)
        message = str(error) if isinstance(error, StepFailed) else _UNEXPECTED
        _progress(
            row,
            status=GeneratedFile.Status.FAILED,
            message=message,
            finished_at=timezone.now(),
        )
        return str(row.status)
    _progress(
        row,
        status=GeneratedFile.Status.DONE,
        progress=DONE,
        message=" ".join(notes),
        finished_at=timezone.now(),
    )
    return str(row.status)


@task()
def generate_file(file_id: int) -> str:
    """The django-tasks entry point (arguments stay JSON: the row's id)."""
    return run(file_id)
