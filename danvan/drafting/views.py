"""Pages under /quan-ly/soan-thao/: drafts of compiled reports and the files generated
(list with search, filters and progress), a draft to edit, generate and issue, and the
downloads. The meeting page's buttons post here too (views_meetings)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.audit.selectors import history_for
from danvan.core import concurrency
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.drafting import selectors, services
from danvan.drafting.context import KINDS, REPORT, OfficialDocument, document_from_dict
from danvan.drafting.forms import DraftCreateForm, DraftHeadForm
from danvan.drafting.models import GeneratedFile, ReportDraft

PAGE_SIZE = 20
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def draft_sections(
    document: OfficialDocument,
    posted: Any = None,
    clashes: dict[str, concurrency.TextClash] | None = None,
) -> list[dict[str, Any]]:
    """The body grouped by section (a level-1 heading and what follows it), each block
    with its index (the textarea's name), its text (as posted after a refused save), the
    token of the text the page was opened with, what another person saved meanwhile when
    a save was refused for it, the unit it came from and the table it carries."""
    sections: list[dict[str, Any]] = []
    current: dict[str, Any] = {"heading": None, "items": []}
    for index, block in enumerate(document.blocks):
        text = block.text
        if posted is not None and f"text-{index}" in posted:
            text = posted[f"text-{index}"]
        table = None
        if block.table is not None and 0 <= block.table < len(document.tables):
            table = document.tables[block.table]
        key = f"text-{index}"
        clash = (clashes or {}).get(key)
        token = concurrency.text_token(block.text)
        if posted is not None and posted.get(f"tok-{key}"):
            token = posted[f"tok-{key}"]
        item = {
            "index": index,
            "token": clash.token if clash else token,
            "clash": clash,
            "level": block.level,
            "text": text,
            "source": block.source,
            "link": block.link,
            "origins": block.origins,
            "needed": block.needed and not text.strip(),
            "table": table,
            "rows": max(2, min(16, len(text) // 90 + text.count("\n") + 1)),
        }
        if block.level == 1:
            if current["heading"] is not None or current["items"]:
                sections.append(current)
            current = {"heading": item, "items": []}
        else:
            current["items"].append(item)
    if current["heading"] is not None or current["items"]:
        sections.append(current)
    used = {b.table for b in document.blocks if b.table is not None}
    loose = [t for i, t in enumerate(document.tables) if i not in used]
    if loose:
        sections.append({"heading": None, "items": [], "tables": loose})
    return sections


def _pdf() -> tuple[bool, str]:
    from danvan.drafting.pdf import pdf_available

    return pdf_available()


@login_required
def home(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.DOCUMENT_VIEW, None)
    params = request.GET
    filters = {
        "q": params.get("q", "").strip(),
        "period": params.get("period", "").strip(),
        "kind": params.get("kind", "") if params.get("kind", "") in KINDS else "",
        "status": params.get("status", "")
        if params.get("status", "") in ReportDraft.Status.values
        else "",
    }
    drafts = selectors.draft_list(
        user=request.user, q=filters["q"], period=filters["period"], status=filters["status"]
    )
    if filters["kind"] and filters["kind"] != REPORT:
        drafts = drafts.none()
    files = selectors.file_list(
        user=request.user, q=filters["q"], period=filters["period"], kind=filters["kind"]
    )
    can_manage = can(request.user, Cap.DOCUMENT_MANAGE, None)
    context = {
        "filters": filters,
        "filtering": any(filters.values()),
        "drafts": Paginator(drafts, PAGE_SIZE).get_page(params.get("trang")),
        "page": Paginator(files, PAGE_SIZE).get_page(params.get("page")),
        "kinds": list(KINDS.items()),
        "statuses": ReportDraft.Status.choices,
        "periods": selectors.draft_periods(user=request.user),
        "can_manage": can_manage,
        "create_form": DraftCreateForm(user=request.user) if can_manage else None,
        "can_templates": can(request.user, Cap.TEMPLATE_MANAGE, None),
    }
    template = "drafting/_home_results.html" if request.htmx else "drafting/home.html"
    return render(request, template, context)


@login_required
def draft_create(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.DOCUMENT_MANAGE, None)
    form = DraftCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.draft_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Đã tổng hợp dự thảo báo cáo {draft.period} của «{draft.org_unit.name}». "
                "Hãy đọc, sửa rồi tạo tệp hoặc ban hành.",
            )
            return redirect("drafting:draft", pk=draft.pk)
    return render(
        request,
        "drafting/draft_create.html",
        {"form": form, "periods": selectors.draft_periods(user=request.user)},
    )


@login_required
def draft_detail(request: AppRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(user=request.user, pk=pk)
    return render(request, "drafting/draft_detail.html", _draft_context(request, draft))


def _draft_context(
    request: AppRequest, draft: ReportDraft, head_form: DraftHeadForm | None = None
) -> dict[str, Any]:
    document = document_from_dict(draft.content)
    editable = draft.status == ReportDraft.Status.DRAFT
    can_manage = can(request.user, Cap.DOCUMENT_MANAGE, draft.issuer)
    if head_form is None:
        head_form = DraftHeadForm(
            initial={
                "subject": document.subject,
                "recipients": "\n".join(document.recipients),
                "authority": document.signature.authority,
                "title": document.signature.title,
                "name": document.signature.name,
            }
        )
    pdf_ok, pdf_reason = _pdf()
    preview, preview_problem = (
        selectors.issue_preview(draft) if editable and can_manage else ("", "")
    )
    return {
        "draft": draft,
        "document": document,
        "sections": draft_sections(document),
        "editable": editable and can_manage,
        "can_manage": can_manage,
        "head_form": head_form,
        "head_tokens": {
            k: concurrency.text_token(v) for k, v in services.head_texts(draft.content).items()
        },
        "layout": services.layout_token(draft.content),
        "files": selectors.file_list(user=request.user, draft=draft)[:PAGE_SIZE],
        "pdf_ok": pdf_ok,
        "pdf_reason": pdf_reason,
        "issue_preview": preview,
        "issue_problem": preview_problem,
        "history": history_for(draft),
    }


@login_required
@require_POST
def draft_save(request: AppRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(user=request.user, pk=pk)
    require(request.user, Cap.DOCUMENT_MANAGE, draft.issuer)
    document = document_from_dict(draft.content)
    blocks = []
    for index, block in enumerate(document.blocks):
        text = request.POST.get(f"text-{index}")
        blocks.append(
            {
                "text": block.text if text is None else text,
                "level": block.level,
                "source": block.source,
                "link": block.link,
                "table": block.table,
                "sources": block.sources,
                "origins": block.origins,
                "needed": block.needed,
            }
        )
    form = DraftHeadForm(request.POST)
    clashes: dict[str, concurrency.TextClash] = {}
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.draft_update(
                actor=request.user,
                draft=draft,
                blocks=blocks,
                subject=data["subject"],
                recipients=data["recipients"].splitlines(),
                signature={k: data[k] for k in ("authority", "title", "name")},
                tokens={
                    k[4:]: str(request.POST.get(k))
                    for k in request.POST
                    if k.startswith("tok-") and request.POST.get(k)
                },
                layout=request.POST.get("layout") or None,
            )
        except concurrency.StaleText as error:
            form.add_error(None, error.messages)
            clashes = error.by_key()
            # The head fields' clashes are listed with the form, the paragraphs' at each.
            form.stale = [  # type: ignore[attr-defined]
                concurrency.OtherChange(c.label, c.text or concurrency.EMPTY)
                for c in error.clashes
                if not c.key.startswith("text-")
            ]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu các chỉnh sửa của dự thảo.")
            return redirect("drafting:draft", pk=draft.pk)
    messages.error(request, "Chưa lưu được: hãy xem các lỗi bên dưới.")
    context = _draft_context(request, draft, head_form=form)
    context["sections"] = draft_sections(document, posted=request.POST, clashes=clashes)
    # Tokens as posted, a clashing text's replaced by the stored one: saving again after
    # reading the other person's text is a deliberate choice.
    context["head_tokens"] = {
        k: clashes[k].token if k in clashes else request.POST.get(f"tok-{k}", v)
        for k, v in context["head_tokens"].items()
    }
    context["layout"] = request.POST.get("layout") or context["layout"]
    return render(request, "drafting/draft_detail.html", context, status=400)


@login_required
@require_POST
def draft_recompile(request: AppRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(user=request.user, pk=pk)
    try:
        services.draft_recompile(actor=request.user, draft=draft)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã tổng hợp lại dự thảo từ số liệu, báo cáo hiện có.")
    return redirect("drafting:draft", pk=draft.pk)


@login_required
@require_POST
def draft_issue(request: AppRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(user=request.user, pk=pk)
    confirmed = request.POST.get("confirm_empty") == "1"
    try:
        services.draft_issue(actor=request.user, draft=draft, confirm_empty=confirmed)
    except ValidationError as error:
        if getattr(error, "code", None) == "empty_sections":
            # Ask before issuing a report with sections left empty.
            context = _draft_context(request, draft)
            context["empty_sections"] = (error.params or {}).get("sections", [])
            return render(request, "drafting/draft_issue_confirm.html", context)
        messages.error(request, f"Chưa ban hành được: {' '.join(error.messages)}")
    else:
        line = document_from_dict(draft.content).heading.number_line
        messages.success(
            request, f"Đã cấp số và vào sổ văn bản đi: {line}. Dự thảo không sửa được nữa."
        )
    return redirect("drafting:draft", pk=draft.pk)


@login_required
@require_POST
def draft_delete(request: AppRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(user=request.user, pk=pk)
    try:
        services.draft_delete(actor=request.user, draft=draft)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("drafting:draft", pk=draft.pk)
    messages.success(request, f"Đã xóa dự thảo «{draft}».")
    return redirect("drafting:home")


@login_required
@require_POST
def draft_generate(request: AppRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_get(user=request.user, pk=pk)
    want_pdf = request.POST.get("pdf") == "1"
    try:
        row = services.generate(actor=request.user, kind=REPORT, draft=draft, want_pdf=want_pdf)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _queued_text(row))
    return redirect(f"{_url('drafting:draft', draft.pk)}#tep")


def _url(name: str, *args: Any) -> str:
    from django.urls import reverse

    return reverse(name, args=args)


def _queued_text(row: GeneratedFile) -> str:
    if row.status == GeneratedFile.Status.DONE:
        return f"Đã tạo «{row.title}»: tải về ở danh sách tệp."
    if row.status == GeneratedFile.Status.FAILED:
        return f"Không tạo được «{row.title}»: {row.message}"
    return f"Đang tạo «{row.title}»: tiến độ hiện ở danh sách tệp, tải về khi xong."


# --- generated files -----------------------------------------------------------------------


@login_required
def file_status(request: AppRequest, pk: int) -> HttpResponse:
    row = selectors.file_get(user=request.user, pk=pk)
    template = "drafting/_file_item.html" if request.GET.get("gon") else "drafting/_file_row.html"
    return render(request, template, {"f": row})


@login_required
def file_download(request: AppRequest, pk: int, fmt: str) -> FileResponse:
    row = selectors.file_get(user=request.user, pk=pk)
    if fmt not in FORMATS:
        raise Http404("Không có định dạng này.")
    stored = getattr(row, fmt)
    if not stored:
        raise Http404("Tệp này chưa có (đang tạo, lỗi, hoặc không yêu cầu).")
    try:
        handle = stored.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(row, fmt),
        content_type=FORMATS[fmt],
    )


def download_name(row: GeneratedFile, ext: str) -> str:
    """ "Báo cáo 6 tháng đầu năm 2023 — Quận Hoàng Mai.docx" (no path characters)."""
    safe = "".join(" " if ch in '\\/:*?"<>|\n\r\t' else ch for ch in row.title)
    safe = " ".join(safe.split())[:150].strip(" .") or "van-ban"
    suffix = " (phụ lục)" if ext == "xlsx" else ""
    return f"{safe}{suffix}.{ext}"
