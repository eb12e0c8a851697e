"""Task pages: Việc của đơn vị tôi, all tasks, a task with its progress, assign and edit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.audit.selectors import history_for
from danvan.core import concurrency
from danvan.core.exports import asked, wants_xlsx
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.tasks import selectors, services
from danvan.tasks.exports import tasks_xlsx
from danvan.tasks.forms import ProgressForm, ReasonForm, TaskFilterForm, TaskForm
from danvan.tasks.models import OPEN_STATUSES, Task
from danvan.tasks.programmes import month_end

PAGE_SIZE = 30
_STATUSES = {code for code, _ in selectors.STATUS_TABS}


def _list(request: AppRequest, *, mine: bool) -> HttpResponse:
    require(request.user, Cap.TASK_VIEW, None)
    form = TaskFilterForm(request.GET, user=request.user)
    filters = form.filters()
    include_children = not form.cleaned_data.get("rieng")
    status = request.GET.get("status", "")
    status = status if status in _STATUSES else ""
    base = (
        selectors.my_unit_tasks_base(user=request.user, include_children=include_children)
        if mine
        else None
    )
    tasks = selectors.task_search(user=request.user, status=status, base=base, **filters)
    if wants_xlsx(request):
        title = "Việc của đơn vị tôi" if mine else "Nhiệm vụ"
        return tasks_xlsx(tasks, title=title, filters=asked(form, {"status": "Tình trạng"}))
    counts = selectors.task_status_counts(user=request.user, base=base, **filters)
    context = {
        "mine": mine,
        "form": form,
        "status": status,
        "tabs": [(code, label, counts[code]) for code, label in selectors.STATUS_TABS],
        "total": counts[""],
        "page": Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page")),
        "filtered": any(filters.values()),
        "my_units": selectors.my_units(user=request.user) if mine else None,
        "include_children": include_children,
        "can_create": can(request.user, Cap.TASK_MANAGE, None),
    }
    template = "tasks/_task_results.html" if request.htmx else "tasks/task_list.html"
    return render(request, template, context)


@login_required
def task_mine(request: AppRequest) -> HttpResponse:
    """Việc của đơn vị tôi: what the units where I hold a role lead or support."""
    return _list(request, mine=True)


@login_required
def task_list(request: AppRequest) -> HttpResponse:
    return _list(request, mine=False)


def _detail_context(request: AppRequest, task: Task, **forms: Any) -> dict[str, Any]:
    is_open = task.status in OPEN_STATUSES
    can_progress = is_open and services.can_update_progress(request.user, task)
    return {
        "task": task,
        "updates": selectors.task_updates(task=task),
        "history": history_for(task),
        "can_manage": can(request.user, Cap.TASK_MANAGE, task.owner_unit),
        "can_progress": can_progress,
        "is_open": is_open,
        "progress_form": forms.get("progress_form")
        or ProgressForm(initial={"progress": task.progress}),
        "cancel_form": forms.get("cancel_form") or ReasonForm(),
    }


@login_required
def task_detail(request: AppRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    return render(request, "tasks/task_detail.html", _detail_context(request, task))


def _source(request: AppRequest) -> dict[str, Any]:
    """The conclusion, document or programme item a new task comes from (?conclusion=...)."""
    params = request.GET
    found: dict[str, Any] = {}
    for name, getter in (
        ("conclusion", selectors.conclusion_get),
        ("document", selectors.document_get),
        ("programme_item", selectors.programme_item_get),
    ):
        value = params.get(name, "")
        if value.isdigit():
            found[name] = getter(user=request.user, pk=int(value))
        elif value:
            raise Http404("Nguồn nhiệm vụ không hợp lệ.")
    return found


def _initial(source: dict[str, Any]) -> dict[str, Any]:
    if "conclusion" in source:
        conclusion = source["conclusion"]
        text = " ".join(conclusion.text.split())
        return {
            "title": text[:500],
            "description": conclusion.text if len(text) > 500 else "",
            "owner_unit": conclusion.meeting.org_unit,
        }
    if "programme_item" in source:
        item = source["programme_item"]
        return {
            "title": item.title,
            "owner_unit": item.programme.org_unit,
            "lead_unit": item.lead_unit or item.programme.org_unit,
            "deadline": month_end(item.programme.year, item.month),
        }
    if "document" in source:
        document = source["document"]
        return {
            "title": f"Triển khai thực hiện {document}",
            "description": document.title,
            "owner_unit": document.org_unit,
        }
    return {}


@login_required
def task_create(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.TASK_MANAGE, None)
    source = _source(request)
    form = TaskForm(request.POST or None, user=request.user, initial=_initial(source))
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(actor=request.user, **form.cleaned_data, **source)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã giao nhiệm vụ «{task.title}» cho {task.lead_unit}.")
            return redirect("tasks:detail", pk=task.pk)
    return render(
        request,
        "tasks/task_form.html",
        {"form": form, "source": source, "title": "Giao nhiệm vụ"},
    )


@login_required
def task_edit(request: AppRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    require(request.user, Cap.TASK_MANAGE, task.owner_unit)
    initial = {field: getattr(task, field) for field in services.EDITABLE_FIELDS}
    initial["co_units"] = list(task.co_units.all())
    form = TaskForm(request.POST or None, user=request.user, initial=initial)
    concurrency.track(form, task)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(actor=request.user, task=task, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu nhiệm vụ «{task.title}».")
            return redirect("tasks:detail", pk=task.pk)
    return render(
        request,
        "tasks/task_form.html",
        {"form": form, "task": task, "title": "Sửa nhiệm vụ"},
    )


@login_required
@require_POST
def task_progress(request: AppRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    if not services.can_update_progress(request.user, task):
        raise PermissionDenied("Bạn không được cập nhật tiến độ nhiệm vụ này.")
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.task_progress_add(
                actor=request.user,
                task=task,
                progress=data["progress"],
                note=data["note"],
                status=form.status(),
                files=data["evidence"],
            )
        except ValidationError as error:
            add_service_errors(form, error, renamed={"files": "evidence"})
            task.refresh_from_db()
        else:
            messages.success(request, f"Đã cập nhật tiến độ: {task.progress}%.")
            return redirect("tasks:detail", pk=task.pk)
    context = _detail_context(request, task, progress_form=form)
    return render(request, "tasks/task_detail.html", context)


@login_required
def task_cancel(request: AppRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    require(request.user, Cap.TASK_MANAGE, task.owner_unit)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_cancel(actor=request.user, task=task, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã hủy nhiệm vụ «{task.title}».")
            return redirect("tasks:detail", pk=task.pk)
    return render(request, "tasks/task_cancel.html", {"form": form, "task": task})


@login_required
@require_POST
def task_reopen(request: AppRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    try:
        services.task_reopen(actor=request.user, task=task, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã mở lại nhiệm vụ «{task.title}».")
    return redirect("tasks:detail", pk=task.pk)


@login_required
@require_POST
def task_delete(request: AppRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(user=request.user, pk=pk)
    services.task_delete(actor=request.user, task=task)
    messages.success(request, f"Đã xóa nhiệm vụ «{task.title}».")
    return redirect("tasks:list")


@login_required
def evidence_download(request: AppRequest, pk: int) -> FileResponse:
    evidence = selectors.evidence_get(user=request.user, pk=pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Tệp không còn trên máy chủ.") from exc
    # Always a download, never shown inline.
    return FileResponse(handle, as_attachment=True, filename=evidence.original_name)
