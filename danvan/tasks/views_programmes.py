"""Work programme pages: the list, one programme month by month, its items."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.audit.selectors import history_for
from danvan.core import clock, concurrency
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.lib.dates import format_date
from danvan.meetings.models import Meeting
from danvan.tasks import programmes as services
from danvan.tasks import selectors
from danvan.tasks.forms import ProgrammeForm, ProgrammeItemForm, TaskFilterForm

PAGE_SIZE = 30


@login_required
def programme_list(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.TASK_VIEW, None)
    unit_form = TaskFilterForm(request.GET, user=request.user)
    org_unit = unit_form.filters()["org_unit"]
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else None
    q = request.GET.get("q", "").strip()
    found = selectors.programme_search(user=request.user, q=q, year=year, org_unit=org_unit)
    context = {
        "page": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
        "form": unit_form,
        "q": q,
        "year": year,
        "years": selectors.programme_years(user=request.user),
        "filtered": bool(q or year or org_unit),
        "can_manage": can(request.user, Cap.TASK_MANAGE, None),
    }
    return render(request, "tasks/programme_list.html", context)


@login_required
def programme_detail(request: AppRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(user=request.user, pk=pk)
    can_manage = can(request.user, Cap.TASK_MANAGE, programme.org_unit)
    context = {
        "programme": programme,
        "months": selectors.programme_months(user=request.user, programme=programme),
        "history": history_for(programme),
        "can_manage": can_manage,
        "today": clock.today(),
    }
    return render(request, "tasks/programme_detail.html", context)


@login_required
def programme_create(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.TASK_MANAGE, None)
    form = ProgrammeForm(
        request.POST or None, user=request.user, initial={"year": clock.today().year}
    )
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã tạo «{programme.title}». Thêm các nội dung theo tháng.")
            return redirect("tasks:programme_detail", pk=programme.pk)
    return render(
        request, "tasks/programme_form.html", {"form": form, "title": "Thêm chương trình công tác"}
    )


@login_required
def programme_edit(request: AppRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(user=request.user, pk=pk)
    require(request.user, Cap.TASK_MANAGE, programme.org_unit)
    initial = {f: getattr(programme, f) for f in services.PROGRAMME_FIELDS}
    form = ProgrammeForm(request.POST or None, user=request.user, editing=True, initial=initial)
    concurrency.track(form, programme)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            services.programme_update(
                actor=request.user, programme=programme, version=version, **data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu «{programme.title}».")
            return redirect("tasks:programme_detail", pk=programme.pk)
    return render(
        request,
        "tasks/programme_form.html",
        {"form": form, "programme": programme, "title": "Sửa chương trình công tác"},
    )


@login_required
@require_POST
def programme_delete(request: AppRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(user=request.user, pk=pk)
    try:
        services.programme_delete(actor=request.user, programme=programme)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("tasks:programme_detail", pk=programme.pk)
    messages.success(request, f"Đã xóa «{programme.title}».")
    return redirect("tasks:programme_list")


@login_required
def programme_item_add(request: AppRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get(user=request.user, pk=pk)
    require(request.user, Cap.TASK_MANAGE, programme.org_unit)
    month = request.GET.get("month", "")
    form = ProgrammeItemForm(
        request.POST or None,
        user=request.user,
        initial={"month": int(month) if month.isdigit() else clock.today().month},
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = services.programme_item_add(
                actor=request.user, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã thêm nội dung tháng {item.month}.")
            if "again" in request.POST:
                return redirect(
                    f"{request.path}?month={item.month}",
                )
            return redirect("tasks:programme_detail", pk=programme.pk)
    return render(
        request,
        "tasks/programme_item_form.html",
        {"form": form, "programme": programme, "title": "Thêm nội dung chương trình"},
    )


@login_required
def programme_item_edit(request: AppRequest, pk: int) -> HttpResponse:
    item = selectors.programme_item_get(user=request.user, pk=pk)
    programme = item.programme
    require(request.user, Cap.TASK_MANAGE, programme.org_unit)
    initial = {f: getattr(item, f) for f in services.ITEM_FIELDS}
    form = ProgrammeItemForm(request.POST or None, user=request.user, initial=initial)
    concurrency.track(form, item)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            services.programme_item_update(actor=request.user, item=item, version=version, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu nội dung chương trình.")
            return redirect("tasks:programme_detail", pk=programme.pk)
    return render(
        request,
        "tasks/programme_item_form.html",
        {"form": form, "programme": programme, "item": item, "title": "Sửa nội dung chương trình"},
    )


@login_required
@require_POST
def programme_item_remove(request: AppRequest, pk: int) -> HttpResponse:
    item = selectors.programme_item_get(user=request.user, pk=pk)
    try:
        services.programme_item_remove(actor=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã xóa nội dung «{item.title}».")
    return redirect("tasks:programme_detail", pk=item.programme_id)


@login_required
@require_POST
def programme_item_materialise(request: AppRequest, pk: int) -> HttpResponse:
    item = selectors.programme_item_get(user=request.user, pk=pk)
    try:
        made = services.programme_item_materialise(actor=request.user, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("tasks:programme_detail", pk=item.programme_id)
    if isinstance(made, Meeting):
        when = format_date(timezone.localdate(made.starts_at))
        messages.success(request, f"Đã lên lịch hội nghị «{made.title}» ngày {when}.")
        return redirect("tasks:programme_detail", pk=item.programme_id)
    messages.success(
        request, f"Đã tạo nhiệm vụ «{made.title}», thời hạn {format_date(made.deadline)}."
    )
    return redirect("tasks:detail", pk=made.pk)
