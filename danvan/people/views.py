from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.audit.selectors import history_for
from danvan.core import concurrency
from danvan.core.exports import wants_xlsx
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.org.selectors import org_unit_get
from danvan.people import selectors, services
from danvan.people.exports import people_xlsx
from danvan.people.forms import PersonForm, PositionForm

PAGE_SIZE = 30


@login_required
def person_list(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.PEOPLE_VIEW, None)
    q = request.GET.get("q", "").strip()
    unit_id = request.GET.get("org_unit", "")
    unit = (
        org_unit_get(user=request.user, pk=int(unit_id), cap=Cap.PEOPLE_VIEW)
        if unit_id.isdigit()
        else None
    )
    people = selectors.person_search(
        user=request.user, q=q, org_unit=unit.pk if unit is not None else None
    )
    if wants_xlsx(request):
        shown = [("Từ khóa", q), ("Đơn vị", unit.name if unit is not None else "")]
        return people_xlsx(people, filters=shown)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "q": q,
        "unit": unit,
        "page": page,
        "can_manage": can(request.user, Cap.PEOPLE_MANAGE, None),
    }
    template = "people/_person_results.html" if request.htmx else "people/person_list.html"
    return render(request, template, context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(user=request.user, pk=pk)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "history": history_for(person),
            "can_manage": can(request.user, Cap.PEOPLE_MANAGE, person.org_unit),
        },
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Cap.PEOPLE_MANAGE, None)
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v is not None}
        try:
            person = services.person_create(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã thêm cán bộ «{person.full_name}».")
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "title": "Thêm cán bộ"})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(user=request.user, pk=pk)
    require(request.user, Cap.PEOPLE_MANAGE, person.org_unit)
    initial = {f: getattr(person, f) for f in PersonForm.base_fields}
    form = PersonForm(request.POST or None, user=request.user, initial=initial)
    concurrency.track(form, person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu hồ sơ «{person.full_name}».")
            return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "person": person, "title": f"Sửa hồ sơ «{person.full_name}»"},
    )


@login_required
@require_POST
def person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(user=request.user, pk=pk)
    services.person_delete(actor=request.user, person=person)
    messages.success(request, f"Đã xóa hồ sơ «{person.full_name}».")
    return redirect("people:list")


@login_required
def position_create(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = selectors.person_get(user=request.user, pk=person_pk)
    require(request.user, Cap.PEOPLE_MANAGE, None)
    form = PositionForm(
        request.POST or None, user=request.user, initial={"org_unit": person.org_unit}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.position_create(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã thêm chức vụ cho «{person.full_name}».")
            return redirect("people:detail", pk=person.pk)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "person": person, "title": f"Thêm chức vụ — {person.full_name}"},
    )


@login_required
def position_edit(request: HttpRequest, pk: int) -> HttpResponse:
    position = selectors.position_get(user=request.user, pk=pk)
    require(request.user, Cap.PEOPLE_MANAGE, position.org_unit)
    initial = {f: getattr(position, f) for f in PositionForm.base_fields}
    form = PositionForm(request.POST or None, user=request.user, initial=initial)
    concurrency.track(form, position)
    if request.method == "POST" and form.is_valid():
        try:
            services.position_update(actor=request.user, position=position, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu chức vụ.")
            return redirect("people:detail", pk=position.person_id)
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "person": position.person,
            "title": f"Sửa chức vụ — {position.person.full_name}",
        },
    )


@login_required
@require_POST
def position_delete(request: HttpRequest, pk: int) -> HttpResponse:
    position = selectors.position_get(user=request.user, pk=pk)
    services.position_delete(actor=request.user, position=position)
    messages.success(request, f"Đã xóa chức vụ «{position.title}».")
    return redirect("people:detail", pk=position.person_id)
