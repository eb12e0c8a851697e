"""Writes on a petition's papers: attachments (checked by content, removed with a reason,
never erased from the history) and the letters (a number from the unit's outgoing
register, the DOCX kept with the petition). Same rules as :mod:`danvan.petitions.services`:
the petition's row is locked before anything is checked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.core.uploads import DOCUMENT_KINDS, check_files
from danvan.documents.models import Document
from danvan.documents.services import document_issue, document_update
from danvan.drafting.context import PARTY
from danvan.lib import numbering as fmt
from danvan.lib.periods import Period
from danvan.lib.text import normalize_spaces
from danvan.org.models import OrgUnit
from danvan.petitions import letters, statistics
from danvan.petitions.models import (
    Attachment,
    Forwarding,
    Letter,
    LetterKind,
    Petition,
    PetitionKind,
    Stage,
)

MAX_ATTACHMENTS = 50
_CASES = (PetitionKind.COMPLAINT, PetitionKind.DENUNCIATION)


@service
def attachment_add(
    *, actor: Any, petition: Petition, files: Sequence[Any], caption: str = ""
) -> list[Attachment]:
    """Đính kèm tài liệu: every file checked by its content before any is stored."""
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    if not files:
        raise ValidationError({"files": "Chọn ít nhất một tệp."})
    kept = petition.attachments.filter(removed_at__isnull=True).count()
    if kept + len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"files": f"Mỗi đơn kèm tối đa {MAX_ATTACHMENTS} tệp (đã có {kept})."}
        )
    checked = check_files(files, accepted=DOCUMENT_KINDS)
    caption = normalize_spaces(caption)[:300]
    by = actor if getattr(actor, "pk", None) else None
    return [
        Attachment.objects.create(
            petition=petition,
            file=upload,
            original_name=name,
            kind=kind,
            size=upload.size or 0,
            caption=caption,
            uploaded_by=by,
        )
        for upload, kind, name in checked
    ]


@service
def attachment_remove(*, actor: Any, attachment: Attachment, reason: str) -> Attachment:
    """Gỡ một tệp đính kèm nhầm: hidden from the petition, kept for the audit."""
    petition = attachment.petition
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    attachment.refresh_from_db()
    if attachment.removed_at is not None:
        raise ValidationError({"reason": f"Tệp «{attachment}» đã được gỡ."})
    reason = normalize_spaces(reason)
    if not reason:
        raise ValidationError({"reason": "Ghi lý do gỡ tệp (ví dụ: đính kèm nhầm đơn)."})
    attachment.removed_at = timezone.now()
    attachment.removed_reason = reason[:300]
    attachment.save(update_fields=["removed_at", "removed_reason"])
    return attachment


def _refuse_letter(petition: Petition, kind: str, forwarding: Forwarding | None) -> None:
    """Each letter only where the record says what it tells."""
    if kind not in LetterKind.values:
        raise ValidationError({"kind": "Loại văn bản không hợp lệ."})
    if kind == LetterKind.FORWARD:
        if forwarding is None or forwarding.petition_id != petition.pk:
            raise ValidationError({"forwarding": "Chọn lần chuyển đơn của đơn này."})
        if Letter.objects.filter(forwarding=forwarding).exists() or forwarding.letter_id:
            raise ValidationError(
                {"forwarding": f"Lần chuyển đến {forwarding.receiver_name} đã có phiếu chuyển."}
            )
        return
    if forwarding is not None:
        raise ValidationError({"forwarding": "Chỉ phiếu chuyển đơn gắn với một lần chuyển."})
    done = Letter.objects.filter(petition=petition, kind=kind).select_related("document").first()
    if done is not None:
        raise ValidationError(
            {"kind": f"Đơn đã có {LetterKind(kind).label.lower()} số {done.document.reference}."}
        )
    if kind == LetterKind.GUIDANCE:
        if not petition.timeline.filter(stage=Stage.GUIDED).exists():
            raise ValidationError(
                {"kind": "Chỉ lập phiếu hướng dẫn cho đơn đã chuyển sang bước «Hướng dẫn»."}
            )
    elif petition.kind not in _CASES:
        raise ValidationError(
            {"kind": "Thông báo thụ lý, không thụ lý chỉ lập cho đơn khiếu nại, tố cáo."}
        )
    elif kind == LetterKind.ACCEPT and petition.accepted_on is None:
        raise ValidationError({"kind": "Đơn chưa được thụ lý."})
    elif kind == LetterKind.REFUSE and (
        petition.accepted_on is not None or petition.stage not in (Stage.ARCHIVED, Stage.GUIDED)
    ):
        raise ValidationError(
            {
                "kind": "Thông báo không thụ lý chỉ lập cho đơn đã lưu hoặc đã hướng dẫn, "
                "chưa thụ lý."
            }
        )


def _title(kind: str, petition: Petition, forwarding: Forwarding | None) -> str:
    """The register's trích yếu: no names (the register is read more widely)."""
    label = LetterKind(kind).label
    what = letters.subject_line(kind, petition, forwarding)
    return f"{label} (V/v {what}), đơn số {petition.reference}"


@service
def letter_issue(
    *,
    actor: Any,
    petition: Petition,
    kind: str,
    forwarding: Forwarding | None = None,
    reason: str = "",
    on: dt.date | None = None,
) -> Letter:
    """Lập văn bản về đơn: the unit's next number for its type, dated today, entered in
    the outgoing register, and the DOCX kept with the petition. Refused as a whole (the
    number is not used up)."""
    concurrency.lock(petition)
    require(actor, Cap.PETITION_MANAGE, petition.org_unit)
    if forwarding is not None:
        forwarding = Forwarding.objects.select_for_update().get(pk=forwarding.pk)
    _refuse_letter(petition, kind, forwarding)
    reason = (reason or "").strip() or (
        petition.outcome if kind in (LetterKind.GUIDANCE, LetterKind.REFUSE) else ""
    )
    if kind in (LetterKind.GUIDANCE, LetterKind.REFUSE) and not normalize_spaces(reason):
        raise ValidationError({"reason": "Ghi nội dung hướng dẫn hoặc lý do không thụ lý."})
    if len(reason) > 4000:
        raise ValidationError({"reason": "Nội dung quá dài (tối đa 4.000 ký tự)."})
    today = clock.today()
    if on is not None and not (petition.received_on <= on <= today):
        raise ValidationError({"on": "Ngày văn bản phải từ ngày nhận đơn đến hôm nay."})
    today = on or today
    document = document_issue(
        actor=actor,
        holder=petition.org_unit,
        doc_type=letters.doc_type(kind),
        title=_title(kind, petition, forwarding),
        issued_on=today,
        note="Văn bản về đơn thư: tệp lưu trong hồ sơ đơn (dữ liệu cá nhân).",
    )
    letter = Letter(
        petition=petition,
        kind=kind,
        forwarding=forwarding,
        document=document,
        reason=reason,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    letter.file.save(f"{kind}-{document.pk}.docx", ContentFile(letter_docx(actor, letter)), False)
    letter.save()
    if forwarding is not None:
        forwarding.letter = document
        forwarding.save(update_fields=["letter"])
    return letter


@service
def report_issue(*, actor: Any, unit: OrgUnit, period: Period) -> Document:
    """Báo cáo tình hình tiếp công dân, xử lý đơn thư: the unit's next Báo cáo number,
    dated today, entered in the outgoing register with the DOCX (counts only, no names)."""
    require(actor, Cap.PETITION_MANAGE, unit)
    today = clock.today()
    if period.start > today:
        raise ValidationError({"period": f"Kỳ {period.label} chưa bắt đầu."})
    document = document_issue(
        actor=actor,
        holder=unit,
        doc_type=statistics.doc_type(),
        title=f"Báo cáo kết quả công tác tiếp công dân, xử lý đơn thư {period.label}",
        issued_on=today,
        note="Lập từ sổ tiếp công dân, xử lý đơn thư.",
    )
    style = fmt.PARTY if _style_of(unit) == PARTY else fmt.STATE
    built = statistics.build(
        user=actor,
        unit=unit,
        period=period,
        on=today,
        number_line=fmt.line_for(style, document.reference),
    )
    name = f"bao-cao-don-thu-{period.code}.docx"
    document_update(
        actor=actor, document=document, upload=SimpleUploadedFile(name, statistics.render(built))
    )
    document.refresh_from_db()
    return document


def letter_docx(user: Any, letter: Letter) -> bytes:
    """The letter's DOCX with the number the register gave it."""
    document: Document = letter.document
    style = fmt.PARTY if _style(letter.petition) == PARTY else fmt.STATE
    built = letters.build(
        user=user,
        kind=letter.kind,
        petition=letter.petition,
        forwarding=letter.forwarding,
        reason=letter.reason,
        on=document.issued_on or clock.today(),
        number_line=fmt.line_for(style, document.reference),
    )
    return letters.render(built)


def _style(petition: Petition) -> str:
    return _style_of(petition.org_unit)


def _style_of(unit: OrgUnit) -> str:
    from danvan.drafting import headings

    return headings.describe(unit).style
