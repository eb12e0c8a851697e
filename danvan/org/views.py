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
from danvan.core import concurrency, trash
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.org import selectors, services
from danvan.org.forms import OrgUnitCreateForm, OrgUnitForm, OrgUnitMergeForm, OrgUnitMoveForm
from danvan.org.models import OrganisationKind, OrgLevel, UnitKind
from danvan.people.selectors import positions_in_unit

PAGE_SIZE = 50


@login_required
def unit_list(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.ORG_VIEW, None)
    params = request.GET
    filters = {
        "q": params.get("q", "").strip(),
        "kind": params.get("kind", ""),
        "level": params.get("level", ""),
        "organisation_kind": params.get("organisation_kind", ""),
        "status": params.get("status", ""),
    }
    searching = any(filters.values())
    if searching:
        units = selectors.org_unit_list(
            user=request.user,
            q=filters["q"],
            kind=filters["kind"],
            level=filters["level"],
            organisation_kind=filters["organisation_kind"],
            status=filters["status"],
        )
        page = Paginator(units, PAGE_SIZE).get_page(params.get("page"))
    else:
        page = None
    context = {
        "filters": filters,
        "page": page,
        "roots": None if searching else selectors.org_unit_roots(user=request.user),
        "stats": selectors.org_unit_stats(user=request.user),
        "kinds": UnitKind.objects.all(),
        "levels": OrgLevel.objects.all(),
        "organisation_kinds": OrganisationKind.objects.all(),
        "can_manage": can(request.user, Cap.ORG_MANAGE, None),
    }
    template = "org/_unit_results.html" if request.htmx else "org/unit_list.html"
    return render(request, template, context)


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.org_unit_get(user=request.user, pk=pk)
    return render(
        request,
        "org/unit_detail.html",
        {
            "unit": unit,
            "breadcrumbs": selectors.org_unit_breadcrumbs(user=request.user, unit=unit),
            "children": selectors.org_unit_children(user=request.user, unit=unit),
            "positions": positions_in_unit(user=request.user, unit_id=unit.pk),
            "links": selectors.org_unit_successions(unit=unit),
            "history": history_for(unit),
            "can_manage": can(request.user, Cap.ORG_MANAGE, unit) and not unit.is_historical,
        },
    )


@login_required
def unit_create(request: HttpRequest) -> HttpResponse:
    require(request.user, Cap.ORG_MANAGE, None)
    initial = {}
    parent_id = request.GET.get("parent")
    if parent_id and parent_id.isdigit():
        parent = selectors.org_unit_get(user=request.user, pk=int(parent_id), cap=Cap.ORG_MANAGE)
        initial = {"parent": parent, "level": parent.level}
    form = OrgUnitCreateForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.org_unit_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã thêm đơn vị «{unit.name}».")
            return redirect("org:detail", pk=unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "title": "Thêm đơn vị"})


@login_required
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.org_unit_get(user=request.user, pk=pk)
    require(request.user, Cap.ORG_MANAGE, unit)
    fields = list(OrgUnitForm.base_fields)
    form = OrgUnitForm(request.POST or None, initial={f: getattr(unit, f) for f in fields})
    concurrency.track(form, unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.org_unit_update(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu thay đổi của «{unit.name}».")
            return redirect("org:detail", pk=unit.pk)
    return render(
        request, "org/unit_form.html", {"form": form, "unit": unit, "title": f"Sửa «{unit.name}»"}
    )


@login_required
def unit_move(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.org_unit_get(user=request.user, pk=pk)
    require(request.user, Cap.ORG_MANAGE, unit)
    form = OrgUnitMoveForm(
        request.POST or None, user=request.user, unit=unit, initial={"new_parent": unit.parent}
    )
    concurrency.track(form, unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.org_unit_move(
                actor=request.user,
                unit=unit,
                new_parent=form.cleaned_data["new_parent"],
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            add_service_errors(form, error, renamed={"parent": "new_parent"})
        else:
            messages.success(request, f"Đã chuyển «{unit.name}» về «{unit.parent}».")
            return redirect("org:detail", pk=unit.pk)
    return render(
        request,
        "org/unit_form.html",
        {"form": form, "unit": unit, "title": f"Chuyển «{unit.name}» sang đơn vị cấp trên khác"},
    )


@login_required
def unit_merge(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.org_unit_get(user=request.user, pk=pk)
    require(request.user, Cap.ORG_MANAGE, unit)
    form = OrgUnitMergeForm(request.POST or None, user=request.user, unit=unit)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sources = [unit, *data["also"]]
        try:
            services.org_unit_merge(
                actor=request.user,
                sources=sources,
                target=data["target"],
                effective_date=data["effective_date"],
                decision=data["decision"],
                move_roles=data.get("move_roles") or [],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            names = ", ".join(f"«{s.name}»" for s in sources)
            moved = len(data.get("move_roles") or [])
            roles = f" và chuyển {moved} vai trò người dùng sang đó" if moved else ""
            messages.success(request, f"Đã sáp nhập {names} vào «{data['target'].name}»{roles}.")
            return redirect("org:detail", pk=data["target"].pk)
    return render(
        request,
        "org/unit_merge.html",
        {"form": form, "unit": unit, "title": f"Sáp nhập «{unit.name}»"},
    )


@login_required
@require_POST
def unit_delete(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.org_unit_get(user=request.user, pk=pk)
    try:
        services.org_unit_delete(actor=request.user, unit=unit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("org:detail", pk=unit.pk)
    messages.success(request, f"Đã xóa «{unit.name}». Có thể khôi phục trong mục «Đã xóa».")
    return redirect("org:detail", pk=unit.parent_id) if unit.parent_id else redirect("org:list")


@login_required
def unit_trash(request: HttpRequest) -> HttpResponse:
    require(request.user, Cap.ORG_MANAGE, None)
    deleted = selectors.org_unit_deleted(user=request.user)
    return trash.trash_page(request, deleted=deleted, template="org/unit_trash.html")


@login_required
@require_POST
def unit_restore(request: HttpRequest, pk: int) -> HttpResponse:
    return trash.restore(
        request,
        pk,
        deleted=selectors.org_unit_deleted(user=request.user),
        service=lambda unit: services.org_unit_restore(actor=request.user, unit=unit),
        what="đơn vị",
        trash_url="org:trash",
        detail_url="org:detail",
    )
