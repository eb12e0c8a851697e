"""Pages of the register under /quan-ly/van-ban/: the list with search and filters, an
entry with its relations, milestones, citations and tasks, the forms, numbering (đánh
số) and issuing the next number (cấp số)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.audit.selectors import history_for
from danvan.core import clock, concurrency, trash
from danvan.core.errors import int_param
from danvan.core.exports import wants_xlsx
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.documents import selectors, services
from danvan.documents.exports import documents_xlsx
from danvan.documents.forms import (
    DocumentForm,
    IssueForm,
    MilestoneForm,
    NumberingForm,
    RelationForm,
    register_units,
)
from danvan.documents.models import Document, DocumentType, ReviewMilestone
from danvan.lib import numbering as fmt
from danvan.org.selectors import org_unit_get

PAGE_SIZE = 25
PICKER_SIZE = 20
FORM_FIELDS = (
    "org_unit",
    "direction",
    "doc_type",
    "number",
    "symbol",
    "issuer_code",
    "issuer_name",
    "reference",
    "issued_on",
    "title",
    "is_public",
    "note",
)


def url_or_none(name: str, *args: Any) -> str | None:
    """A link to another app's page, or None while that page does not exist yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


@login_required
def document_list(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.DOCUMENT_VIEW, None)
    params = request.GET
    filters = {
        "q": params.get("q", "").strip(),
        "doc_type": params.get("doc_type", ""),
        "year": params.get("year", ""),
        "direction": params.get("direction", ""),
        "stub": params.get("stub", ""),
        "issuer": params.get("issuer", "").strip(),
    }
    docs = selectors.document_search(
        user=request.user,
        q=filters["q"],
        doc_type=filters["doc_type"] if filters["doc_type"].isdigit() else None,
        year=int_param(params, "year", low=1, high=9999),
        direction=filters["direction"] if filters["direction"] in Document.Direction else None,
        stub=True if filters["stub"] == "1" else None,
        issuer=filters["issuer"],
    )
    if wants_xlsx(request):
        typed = filters["doc_type"]
        kind = (
            DocumentType.objects.filter(pk=int(typed)).first()
            if typed.isdigit() and len(typed) < 10
            else None
        )
        shown = [
            ("Từ khóa", filters["q"]),
            ("Loại", kind.name if kind else ""),
            ("Năm", filters["year"]),
            ("Đến / đi", dict(Document.Direction.choices).get(filters["direction"], "")),
            ("Chưa đủ thông tin", "có" if filters["stub"] == "1" else ""),
            ("Cơ quan ban hành", filters["issuer"]),
        ]
        return documents_xlsx(docs, filters=shown)
    context = {
        "filters": filters,
        "filtering": any(filters.values()),
        "page": Paginator(docs, PAGE_SIZE).get_page(params.get("page")),
        "types": DocumentType.objects.all(),
        "years": selectors.document_years(user=request.user),
        "directions": Document.Direction.choices,
        "can_manage": can(request.user, Cap.DOCUMENT_MANAGE, None),
    }
    template = "documents/_results.html" if request.htmx else "documents/document_list.html"
    return render(request, template, context)


@login_required
def document_detail(request: AppRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    can_manage = (
        can(request.user, Cap.DOCUMENT_MANAGE, document.org_unit)
        and not document.org_unit.is_historical
    )
    citations = [
        (c, url_or_none("meetings:detail", c.meeting_id) if c.meeting_id else _report_url(c))
        for c in selectors.document_citations(user=request.user, document=document)
    ]
    assign = url_or_none("tasks:create")
    today = clock.today()
    milestones = [(m, m.done_on is None and m.due_on < today) for m in document.milestones.all()]
    return render(
        request,
        "documents/document_detail.html",
        {
            "doc": document,
            "can_manage": can_manage,
            "relations": selectors.document_relations(user=request.user, document=document),
            "milestones": milestones,
            "milestone_form": MilestoneForm(),
            "citations": citations,
            "tasks": [
                (task, task.display_status(today))
                for task in selectors.document_tasks(user=request.user, document=document)
            ],
            "assign_url": f"{assign}?document={document.pk}"
            if assign and can(request.user, Cap.TASK_MANAGE, None)
            else None,
            "today": today,
            "history": history_for(document),
        },
    )


def _report_url(citation: Any) -> str | None:
    report = citation.report
    if report is None:
        return None
    return url_or_none("reporting:entry", report.org_unit_id, report.period, report.form.code)


@login_required
def document_create(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.DOCUMENT_MANAGE, None)
    units = register_units(request.user)
    initial: dict[str, Any] = {"direction": Document.Direction.INCOMING}
    if units.count() == 1:
        initial["org_unit"] = units.first()
    form = DocumentForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        try:
            document = services.document_create(actor=request.user, upload=upload, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã vào sổ «{document}».")
            return redirect("documents:detail", pk=document.pk)
    return render(
        request, "documents/document_form.html", {"form": form, "title": "Vào sổ văn bản"}
    )


@login_required
def document_edit(request: AppRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    require(request.user, Cap.DOCUMENT_MANAGE, document.org_unit)
    initial = {field: getattr(document, field) for field in FORM_FIELDS}
    form = DocumentForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    concurrency.track(form, document)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("file") or None
        try:
            services.document_update(actor=request.user, document=document, upload=upload, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu thay đổi của «{document}».")
            return redirect("documents:detail", pk=document.pk)
    return render(
        request,
        "documents/document_form.html",
        {"form": form, "doc": document, "title": f"Sửa «{document}»"},
    )


@login_required
@require_POST
def document_delete(request: AppRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    try:
        services.document_delete(actor=request.user, document=document)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("documents:detail", pk=document.pk)
    messages.success(request, f"Đã xóa «{document}». Có thể khôi phục trong mục «Đã xóa».")
    return redirect("documents:list")


@login_required
def document_trash(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.DOCUMENT_MANAGE, None)
    deleted = selectors.document_deleted(user=request.user)
    return trash.trash_page(request, deleted=deleted, template="documents/document_trash.html")


@login_required
@require_POST
def document_restore(request: AppRequest, pk: int) -> HttpResponse:
    return trash.restore(
        request,
        pk,
        deleted=selectors.document_deleted(user=request.user),
        service=lambda document: services.document_restore(actor=request.user, document=document),
        what="văn bản",
        trash_url="documents:trash",
        detail_url="documents:detail",
    )


@login_required
def document_file(request: AppRequest, pk: int) -> FileResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    if not document.file:
        raise Http404("Văn bản này chưa có tệp.")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    # Always a download, never shown inline: an uploaded file must not run in the page.
    return FileResponse(handle, as_attachment=True, filename=document.file_name or "van-ban")


# --- relations and milestones -----------------------------------------------------------


@login_required
def relation_add(request: AppRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    require(request.user, Cap.DOCUMENT_MANAGE, document.org_unit)
    form = RelationForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            target = selectors.document_get(user=request.user, pk=form.cleaned_data["target"])
            try:
                services.document_relation_add(
                    actor=request.user,
                    source=document,
                    target=target,
                    kind=form.cleaned_data["kind"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Đã liên kết «{document}» với «{target}».")
                return redirect("documents:detail", pk=document.pk)
        else:
            form.add_error(None, "Hãy chọn một văn bản trong danh sách.")
    q = request.GET.get("q", "").strip()
    candidates = selectors.document_picker(user=request.user, exclude=document, q=q)
    return render(
        request,
        "documents/relation_form.html",
        {"doc": document, "form": form, "q": q, "candidates": candidates[:PICKER_SIZE]},
    )


@login_required
@require_POST
def relation_remove(request: AppRequest, pk: int, relation_pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    relation = document.relations_out.filter(pk=relation_pk).first()
    if relation is None:
        raise Http404("Không có quan hệ này.")
    services.document_relation_remove(actor=request.user, relation=relation)
    messages.success(request, "Đã bỏ quan hệ giữa hai văn bản.")
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_POST
def milestone_add(request: AppRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, str(problem))
        return redirect("documents:detail", pk=document.pk)
    try:
        milestone = services.milestone_add(
            actor=request.user, document=document, **form.cleaned_data
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã thêm mốc «{milestone.title}».")
    return redirect("documents:detail", pk=document.pk)


@login_required
@require_POST
def milestone_done(request: AppRequest, pk: int, milestone_pk: int) -> HttpResponse:
    document = selectors.document_get(user=request.user, pk=pk)
    milestone = ReviewMilestone.objects.filter(document=document, pk=milestone_pk).first()
    if milestone is None:
        raise Http404("Không có mốc này.")
    services.milestone_mark_done(actor=request.user, milestone=milestone)
    messages.success(request, f"Đã đánh dấu «{milestone.title}» đã thực hiện.")
    return redirect("documents:detail", pk=document.pk)


# --- numbering and issuing --------------------------------------------------------------


@login_required
def numbering(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.DOCUMENT_VIEW, None)
    unit_id = request.GET.get("unit", "")
    unit = (
        org_unit_get(user=request.user, pk=int(unit_id), cap=Cap.DOCUMENT_VIEW)
        if unit_id.isdigit()
        else None
    )
    current = selectors.numbering_get(user=request.user, unit=unit) if unit else None
    can_manage = unit is not None and can(request.user, Cap.DOCUMENT_MANAGE, unit)
    form = None
    if can_manage and unit is not None:
        initial = {}
        if current is not None:
            initial = {f: getattr(current, f) for f in NumberingForm.base_fields}
        form = NumberingForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.numbering_configure(actor=request.user, org_unit=unit, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Đã lưu cách đánh số văn bản của «{unit.name}».")
                return redirect(f"{reverse('documents:numbering')}?unit={unit.pk}")
    elif request.method == "POST":
        raise PermissionDenied("Bạn không có quyền thiết lập cách đánh số của đơn vị này.")
    today = clock.today()
    return render(
        request,
        "documents/numbering.html",
        {
            "unit": unit,
            "current": current,
            "form": form,
            "next_numbers": selectors.next_numbers(numbering=current, on=today) if current else [],
            "numberings": selectors.numbering_for(user=request.user),
            "units": register_units(request.user),
            "today": today,
        },
    )


@login_required
def issue(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.DOCUMENT_MANAGE, None)
    form = IssueForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        holder = data.pop("holder").org_unit
        try:
            document = services.document_issue(
                actor=request.user, holder=holder, upload=data.pop("file"), **data
            )
        except ValidationError as error:
            add_service_errors(form, error, renamed={"issuer": "holder"})
        else:
            line = fmt.line_for(holder.numbering.style, document.reference)
            messages.success(request, f"Đã cấp số: {line} cho «{document.title}».")
            return redirect("documents:detail", pk=document.pk)
    return render(
        request,
        "documents/issue.html",
        {"form": form, "issuers": form.fields["holder"].queryset},  # type: ignore[attr-defined]
    )
