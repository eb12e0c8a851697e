"""Writes of official documents out: compiled drafts (create, edit, compile again, issue,
delete), issuing a meeting's documents, and queueing a generation.

Every service is atomic and audited, checks access (DOCUMENT_MANAGE on the issuing unit;
compiling also reads the unit's reports, REPORT_VIEW) and refuses with a Vietnamese
message naming the field. Issuing goes through the documents app's ``document_issue``,
which gives the issuer's next number and enters the document in its outgoing register.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.core import clock, concurrency
from danvan.core.audit import service
from danvan.documents.issuing import numbering_of
from danvan.documents.models import Document
from danvan.documents.services import document_issue
from danvan.drafting import headings, selectors
from danvan.drafting.context import (
    KINDS,
    REPORT,
    OfficialDocument,
    document_from_dict,
    document_to_dict,
    empty_sections,
)
from danvan.drafting.models import GeneratedFile, ReportDraft
from danvan.lib import numbering as fmt
from danvan.lib import periods
from danvan.lib.text import normalize_spaces
from danvan.org.models import OrgUnit

MAX_BLOCK_CHARS = 20_000
MAX_BLOCKS = 2_000


def _user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _period_code(period: str) -> str:
    try:
        return periods.parse(period).code
    except periods.PeriodError as error:
        raise ValidationError({"period": str(error)}) from error


def _refuse_if_issued(draft: ReportDraft, what: str) -> None:
    if draft.status == ReportDraft.Status.ISSUED:
        reference = draft.document.reference if draft.document else ""
        number = f" (số {reference})" if reference else ""
        raise ValidationError({"blocks": f"Báo cáo đã ban hành{number} nên không {what} được nữa."})


def _compile(actor: Any, org_unit: OrgUnit, period: str, issuer: OrgUnit) -> OfficialDocument:
    from danvan.drafting.compile import compile_report

    return compile_report(user=actor, org_unit=org_unit, period=period, issuer=issuer)


# --- drafts -------------------------------------------------------------------------------


@service
def draft_create(
    *, actor: Any, org_unit: OrgUnit, period: str, issuer: OrgUnit | None = None
) -> ReportDraft:
    """Compile ``org_unit``'s subtree for ``period`` into a draft the officer edits."""
    code = _period_code(period)
    require(actor, Cap.REPORT_VIEW, org_unit)
    issuer = issuer or selectors.issuer_for(org_unit)
    require(actor, Cap.DOCUMENT_MANAGE, issuer)
    document = _compile(actor, org_unit, code, issuer)
    draft = ReportDraft(
        org_unit=org_unit,
        issuer=issuer,
        period=code,
        content=document_to_dict(document),
        created_by=_user_or_none(actor),
    )
    draft.save()
    return draft


def _clean_blocks(blocks: Any, tables: int) -> list[dict[str, Any]]:
    if not isinstance(blocks, list):
        raise ValidationError({"blocks": "Nội dung báo cáo phải là danh sách các đoạn văn."})
    if len(blocks) > MAX_BLOCKS:
        raise ValidationError({"blocks": f"Báo cáo quá dài: tối đa {MAX_BLOCKS} đoạn."})
    cleaned: list[dict[str, Any]] = []
    for position, raw in enumerate(blocks, start=1):
        if not isinstance(raw, dict):
            raise ValidationError({"blocks": f"Đoạn thứ {position} không hợp lệ."})
        text = str(raw.get("text") or "").replace("\r\n", "\n").strip()
        level = raw.get("level", 0)
        table = raw.get("table")
        if not isinstance(level, int) or not 0 <= level <= 3:
            raise ValidationError({"blocks": f"Đoạn thứ {position}: cấp đề mục không hợp lệ."})
        if table is not None and (not isinstance(table, int) or not 0 <= table < tables):
            raise ValidationError(
                {"blocks": f"Đoạn thứ {position} trỏ tới bảng số liệu không có trong báo cáo."}
            )
        if len(text) > MAX_BLOCK_CHARS:
            raise ValidationError(
                {"blocks": f"Đoạn thứ {position} quá dài (tối đa {MAX_BLOCK_CHARS} ký tự)."}
            )
        needed = raw.get("needed") is True and level == 0
        if not text and table is None and not needed:
            continue  # an emptied paragraph is dropped (a section's slot to fill stays)
        if level in (1, 2):
            text = normalize_spaces(text)
        link = str(raw.get("link") or "")
        cleaned.append(
            {
                "text": text,
                "level": level,
                "source": str(raw.get("source") or ""),
                # only a path of this site (a register's list): never a script or elsewhere
                "link": link if link.startswith("/") and not link.startswith("//") else "",
                "table": table,
                "sources": [str(x) for x in raw.get("sources") or [] if x][:500],
                "origins": [str(x) for x in raw.get("origins") or [] if x][:500],
                "needed": needed,
            }
        )
    if not cleaned:
        raise ValidationError({"blocks": "Báo cáo phải còn ít nhất một đoạn nội dung."})
    return cleaned


HEAD_LABELS = {
    "subject": "Trích yếu",
    "recipients": "Nơi nhận",
    "authority": "Quyền hạn ký",
    "title": "Chức vụ người ký",
    "name": "Họ và tên người ký",
}


def layout_token(content: dict[str, Any]) -> str:
    """A fingerprint of the draft's body layout (which paragraph is where): the edit page
    addresses paragraphs by position, so a save from another layout is refused."""
    shape = [
        f"{b.get('level')}|{b.get('source')}|{b.get('table')}" for b in content.get("blocks") or []
    ]
    return concurrency.text_token("\n".join(shape))


def head_texts(content: dict[str, Any]) -> dict[str, str]:
    """The head fields as the edit page shows them (each guarded by its own token)."""
    signature = content.get("signature") or {}
    return {
        "subject": str(content.get("subject") or ""),
        "recipients": "\n".join(content.get("recipients") or []),
        **{k: str(signature.get(k) or "") for k in ("authority", "title", "name")},
    }


def _block_label(position: int, block: dict[str, Any]) -> str:
    kind = "Đề mục" if block.get("level") in (1, 2) else "Đoạn"
    source = f" ({block['source']})" if block.get("source") else ""
    return f"{kind} thứ {position}{source}"


def _merge_texts(
    draft: ReportDraft,
    blocks: list[dict[str, Any]],
    head: dict[str, str | None],
    tokens: dict[str, str],
    layout: str | None,
) -> tuple[list[dict[str, Any]], dict[str, str | None]]:
    """Each text the user changed is written unless someone else changed it since the
    page was opened (``StaleText``: nothing saved); a text the user left as it was keeps
    what is stored now, so another person's edit of it survives."""
    stored_blocks = list(draft.content.get("blocks") or [])
    if (layout and layout != layout_token(draft.content)) or len(blocks) != len(stored_blocks):
        who, when = concurrency.last_edit(draft)
        moment = f" lúc {concurrency.format_moment(when)}" if when else ""
        raise ValidationError(
            f"Dự thảo đã được {who} tổng hợp lại hoặc thay đổi bố cục{moment} sau khi bạn mở "
            "trang, nên chỉnh sửa của bạn chưa được lưu. Hãy mở lại dự thảo rồi sửa lại.",
            code="stale",
        )
    clashes: list[concurrency.TextClash] = []

    def pick(key: str, label: str, stored: str, mine: str) -> str:
        opened = tokens.get(key)
        if opened and concurrency.text_token(mine) == opened:
            return stored  # left as it was opened: what is stored now stays
        if concurrency.text_moved(stored, opened, mine):
            clashes.append(concurrency.TextClash(key, label, stored))
        return mine

    merged = [
        {
            **old,
            "text": pick(
                f"text-{i}",
                _block_label(i + 1, old),
                str(old.get("text") or ""),
                str(new.get("text") or ""),
            ),
        }
        for i, (old, new) in enumerate(zip(stored_blocks, blocks, strict=True))
    ]
    stored_head = head_texts(draft.content)
    merged_head = {
        key: None if mine is None else pick(key, HEAD_LABELS[key], stored_head[key], mine)
        for key, mine in head.items()
    }
    if clashes:
        who, when = concurrency.last_edit(draft)
        raise concurrency.StaleText(clashes=clashes, who=who, when=when)
    return merged, merged_head


@service
def draft_update(
    *,
    actor: Any,
    draft: ReportDraft,
    blocks: list[dict[str, Any]],
    subject: str | None = None,
    recipients: list[str] | None = None,
    signature: dict[str, str] | None = None,
    tokens: dict[str, str] | None = None,
    layout: str | None = None,
) -> ReportDraft:
    """Save the officer's edits: the body blocks (each keeps the unit it came from), and
    optionally the trích yếu, nơi nhận and signature. An issued draft is frozen.

    ``tokens`` (``text-N``, ``subject``, ``recipients``, ``authority``, ``title``,
    ``name`` → ``text_token`` of the text the page showed) and ``layout``
    (``layout_token``) guard each text on its own against a colleague's edit made since
    the page was opened; without them the posted texts are written as sent."""
    concurrency.lock(draft)
    require(actor, Cap.DOCUMENT_MANAGE, draft.issuer)
    _refuse_if_issued(draft, "sửa")
    if tokens is not None:
        head: dict[str, str | None] = {
            "subject": subject,
            "recipients": None if recipients is None else "\n".join(recipients),
            **{k: (signature or {}).get(k) for k in ("authority", "title", "name")},
        }
        blocks, head = _merge_texts(draft, blocks, head, tokens, layout)
        subject = head["subject"]
        recipients = None if head["recipients"] is None else head["recipients"].split("\n")
        if signature is not None:
            signature = {k: head[k] or "" for k in signature}
    content = dict(draft.content)
    content["blocks"] = _clean_blocks(blocks, len(content.get("tables") or []))
    if subject is not None:
        subject = normalize_spaces(subject)
        if not subject:
            raise ValidationError({"subject": "Trích yếu của báo cáo không được để trống."})
        content["subject"] = subject
    if recipients is not None:
        content["recipients"] = [line.strip() for line in recipients if line and line.strip()]
    if signature is not None:
        old = dict(content.get("signature") or {})  # type: ignore[call-overload]
        for key in ("authority", "title", "name"):
            if key in signature:
                old[key] = normalize_spaces(signature[key] or "")
        content["signature"] = old
    document_from_dict(content)  # still a well-formed document
    if content != draft.content:
        draft.content = content
        concurrency.bump(draft, "content")
    return draft


@service
def draft_recompile(*, actor: Any, draft: ReportDraft) -> ReportDraft:
    """Build the draft again from the reports as they are now (edits are lost)."""
    concurrency.lock(draft)
    require(actor, Cap.DOCUMENT_MANAGE, draft.issuer)
    _refuse_if_issued(draft, "tổng hợp lại")
    require(actor, Cap.REPORT_VIEW, draft.org_unit)
    document = _compile(actor, draft.org_unit, draft.period, draft.issuer)
    draft.content = document_to_dict(document)
    concurrency.bump(draft, "content")
    return draft


@service
def draft_issue(
    *,
    actor: Any,
    draft: ReportDraft,
    on: dt.date | None = None,
    confirm_empty: bool = False,
) -> ReportDraft:
    """Give the draft its number from the issuer's register, write the number and the date
    into the heading, and freeze it. A section with nothing written under it is refused
    (code ``empty_sections``, naming them) unless ``confirm_empty``: the officer said it is
    meant to stay empty."""
    concurrency.lock(draft)
    require(actor, Cap.DOCUMENT_MANAGE, draft.issuer)
    _refuse_if_issued(draft, "ban hành lại")
    on = on or clock.today()
    document = document_from_dict(draft.content)
    numbering = numbering_of(draft.issuer)
    empty = empty_sections(document)
    if empty and not confirm_empty:
        raise ValidationError(
            "Các mục chưa có nội dung: " + "; ".join(f"«{title}»" for title in empty) + ".",
            code="empty_sections",
            params={"sections": empty},
        )
    label = periods.parse(draft.period).label
    registered = document_issue(
        actor=actor,
        holder=draft.issuer,
        doc_type=headings.doc_type_for(REPORT),
        title=capfirst(document.subject) or f"Báo cáo {label}",
        issued_on=on,
        note=f"Báo cáo tổng hợp {label} của «{draft.org_unit.name}», soạn thảo trong hệ thống.",
    )
    document.heading.number_line = fmt.line_for(numbering.style, registered.reference)
    document.heading.place_date = headings.place_date(headings.describe(draft.issuer), on)
    draft.content = document_to_dict(document)
    draft.status = ReportDraft.Status.ISSUED
    draft.document = registered
    concurrency.bump(draft, "content", "status", "document")
    return draft


@service
def draft_delete(*, actor: Any, draft: ReportDraft) -> ReportDraft:
    """Soft delete. An issued report stays: it is in the register."""
    concurrency.lock(draft)
    require(actor, Cap.DOCUMENT_MANAGE, draft.issuer)
    _refuse_if_issued(draft, "xóa")
    draft.deleted_at = timezone.now()
    draft.save(update_fields=["deleted_at", "updated_at"])
    return draft


# --- meetings -----------------------------------------------------------------------------


def _meeting_kind(kind: str) -> str:
    if kind not in selectors.MEETING_KINDS:
        choices = ", ".join(KINDS[k].lower() for k in selectors.MEETING_KINDS)
        raise ValidationError({"kind": f"Hội nghị chỉ có các văn bản: {choices}."})
    return kind


@service
def meeting_document_issue(
    *, actor: Any, meeting: Any, kind: str, on: dt.date | None = None
) -> Document:
    """Number a meeting's giấy mời, biên bản or thông báo kết luận and enter it in the
    issuer's outgoing register; its note names the meeting and links to it."""
    from danvan.drafting.meeting_docs import meeting_document

    _meeting_kind(kind)
    issuer = selectors.issuer_for(meeting.org_unit)
    require(actor, Cap.DOCUMENT_MANAGE, issuer)
    already = selectors.meeting_issued(meeting=meeting, kind=kind)
    if already is not None:
        raise ValidationError(
            {
                "kind": f"{KINDS[kind]} của hội nghị này đã được cấp số {already.reference} "
                f"ngày {already.issued_on:%d/%m/%Y}."
            }
        )
    on = on or clock.today()
    content = meeting_document(user=actor, meeting=meeting, kind=kind, on=on)
    title = capfirst(content.subject) or f"{KINDS[kind]} hội nghị {meeting.title}"
    return document_issue(
        actor=actor,
        holder=issuer,
        doc_type=headings.doc_type_for(kind),
        title=title,
        issued_on=on,
        note=selectors.meeting_note(meeting, kind),
    )


# --- generation ---------------------------------------------------------------------------


def _title(kind: str, draft: ReportDraft | None, meeting: Any) -> str:
    if draft is not None:
        return f"Báo cáo {periods.parse(draft.period).label} — {draft.org_unit.name}"[:500]
    return f"{KINDS[kind]} — {meeting.title}"[:500]


@service
def generate(
    *,
    actor: Any,
    kind: str,
    draft: ReportDraft | None = None,
    meeting: Any = None,
    want_pdf: bool = False,
) -> GeneratedFile:
    """Queue the DOCX (with its XLSX appendix for a report, and PDF when asked) of a draft
    or of a meeting's document; the background task fills in the files and progress."""
    from danvan.drafting.tasks import generate_file

    if (draft is None) == (meeting is None):
        raise ValidationError("Phải chọn một dự thảo báo cáo hoặc một hội nghị để tạo văn bản.")
    if draft is not None:
        if kind != REPORT:
            raise ValidationError({"kind": "Dự thảo báo cáo chỉ tạo được văn bản loại Báo cáo."})
        require(actor, Cap.DOCUMENT_MANAGE, draft.issuer)
        unit = draft.org_unit
    else:
        _meeting_kind(kind)
        require(actor, Cap.DOCUMENT_MANAGE, selectors.issuer_for(meeting.org_unit))
        unit = meeting.org_unit
    row = GeneratedFile.objects.create(
        kind=kind,
        title=_title(kind, draft, meeting),
        org_unit=unit,
        report_draft=draft,
        meeting=meeting,
        want_pdf=want_pdf,
        created_by=_user_or_none(actor),
    )
    result = generate_file.enqueue(file_id=row.pk)
    GeneratedFile.objects.filter(pk=row.pk).update(task_id=str(result.id)[:64])
    row.refresh_from_db()
    return row
