"""Religious affairs pages: places (list with filters and export, page, form, state),
organisations, figures (masked for those who may not see them, every read logged) and
the models of mobilisation among believers. Events and situations: views_events.py.

A user without ``Cap.RELIGION_VIEW`` gets a 404 on every page here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.core import clock, concurrency
from danvan.core.exports import asked, wants_xlsx
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.religion import exports, privacy, selectors, services
from danvan.religion.forms import (
    FigureForm,
    OrganisationForm,
    PlaceFilterForm,
    PlaceForm,
    PlaceStateForm,
    _Filter,
)
from danvan.religion.models import Figure, Organisation, Place, PlaceState, ReadLog

PAGE_SIZE = 25


def require_view(request: AppRequest, cap: Cap = Cap.RELIGION_VIEW) -> None:
    if not can(request.user, cap, None):
        raise Http404("Không tìm thấy trang.")


def require_manage(request: AppRequest, record: Any, cap: Cap = Cap.RELIGION_MANAGE) -> None:
    if not can(request.user, cap, record.org_unit):
        raise Http404("Không tìm thấy trang.")


def edit_page(
    request: AppRequest,
    *,
    form_class: type,
    record: Model | None,
    save: Callable[[dict[str, Any], Any], Model],
    title: str,
    back: str,
    detail: str,
    **form_kwargs: Any,
) -> HttpResponse:
    """A create (``record`` None) or edit page: the form, the version, the service."""
    creating = record is None
    form = form_class(
        request.POST or None,
        instance=record,
        user=request.user,
        creating=creating,
        **form_kwargs,
    )
    if record is not None:
        concurrency.track(form, record)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.values() | {"version": form.cleaned_data.get("version")}, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu «{saved}».")
            return redirect(detail, pk=saved.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": title, "back": back, "record": record}
    return render(request, "religion/form.html", context, status=status)


# --- places ----------------------------------------------------------------------------


@login_required
def place_list(request: AppRequest) -> HttpResponse:
    require_view(request)
    form = PlaceFilterForm(request.GET, user=request.user)
    filters = form.filters()
    places = selectors.place_search(user=request.user, **filters)
    if wants_xlsx(request):
        return exports.places_xlsx(places, filters=asked(form))
    page = Paginator(places, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "filtered": any(v for v in filters.values()),
        "can_create": can(request.user, Cap.RELIGION_MANAGE, None),
        "sensitive": can(request.user, Cap.RELIGION_SENSITIVE, None),
        "upcoming": list(selectors.upcoming(user=request.user, today=clock.today())[:5]),
    }
    template = "religion/_places.html" if request.htmx else "religion/place_list.html"
    return render(request, template, context)


@login_required
def place_detail(request: AppRequest, pk: int) -> HttpResponse:
    place = selectors.get(request.user, Place, pk)
    user = request.user
    figures = list(selectors.figure_search(user=user, place=place))
    privacy.log_figures(user=user, figures=figures, where=f"Trang cơ sở {place} #{place.pk}")
    context = {
        "place": place,
        "figures": [(f, privacy.name_for(user, f), privacy.phone_for(user, f)) for f in figures],
        "events": selectors.event_search(user=user).filter(place=place).order_by("-starts_on"),
        "manage": can(user, Cap.RELIGION_MANAGE, place.org_unit),
        "state_form": PlaceStateForm(
            initial={
                "state": PlaceState.SUSPENDED
                if place.state == PlaceState.ACTIVE
                else PlaceState.ACTIVE,
                "version": place.version,
            }
        ),
        "sensitive": can(user, Cap.RELIGION_SENSITIVE, place.org_unit),
        "situations": selectors.situation_search(user=user).filter(place=place)
        if can(user, Cap.RELIGION_SENSITIVE, place.org_unit)
        else [],
    }
    return render(request, "religion/place_detail.html", context)


@login_required
def place_create(request: AppRequest) -> HttpResponse:
    require_view(request, Cap.RELIGION_MANAGE)

    def save(values: dict[str, Any], form: Any) -> Model:
        values.pop("version", None)
        return services.place_create(
            actor=request.user, org_unit=form.cleaned_data["org_unit"], **values
        )

    return edit_page(
        request,
        form_class=PlaceForm,
        record=None,
        save=save,
        title="Thêm cơ sở thờ tự, điểm nhóm",
        back="religion:places",
        detail="religion:place",
    )


@login_required
def place_edit(request: AppRequest, pk: int) -> HttpResponse:
    place = selectors.get(request.user, Place, pk)
    require_manage(request, place)

    def save(values: dict[str, Any], form: Any) -> Model:
        return services.place_update(actor=request.user, place=place, **values)

    return edit_page(
        request,
        form_class=PlaceForm,
        record=place,
        save=save,
        title=f"Sửa «{place}»",
        back="religion:places",
        detail="religion:place",
    )


@login_required
@require_POST
def place_state(request: AppRequest, pk: int) -> HttpResponse:
    place = selectors.get(request.user, Place, pk)
    require_manage(request, place)
    form = PlaceStateForm(request.POST)
    if form.is_valid():
        try:
            services.place_set_state(actor=request.user, place=place, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("religion:place", pk=pk)
        messages.success(request, f"Đã cập nhật tình trạng «{place}».")
    else:
        messages.error(
            request,
            "Dữ liệu không hợp lệ: "
            + "; ".join(
                f"{form.fields[k].label}: {' '.join(str(m) for m in v)}"
                for k, v in form.errors.items()
                if k in form.fields
            ),
        )
    return redirect("religion:place", pk=pk)


# --- organisations -------------------------------------------------------------------


@login_required
def organisation_list(request: AppRequest) -> HttpResponse:
    require_view(request)
    form = _Filter(request.GET, user=request.user)
    d = form.cleaned_data if form.is_valid() else {}
    rows = selectors.organisation_search(
        user=request.user, q=d.get("q", ""), religion=d.get("ton_giao"), org_unit=d.get("don_vi")
    )
    if wants_xlsx(request):
        return exports.organisations_xlsx(rows, filters=asked(form))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_create": can(request.user, Cap.RELIGION_MANAGE, None),
        "sensitive": can(request.user, Cap.RELIGION_SENSITIVE, None),
    }
    return render(request, "religion/organisation_list.html", context)


@login_required
def organisation_detail(request: AppRequest, pk: int) -> HttpResponse:
    organisation = selectors.get(request.user, Organisation, pk)
    context = {
        "organisation": organisation,
        "places": selectors.visible(request.user, Place).filter(organisation=organisation),
        "manage": can(request.user, Cap.RELIGION_MANAGE, organisation.org_unit),
    }
    return render(request, "religion/organisation_detail.html", context)


@login_required
def organisation_create(request: AppRequest) -> HttpResponse:
    require_view(request, Cap.RELIGION_MANAGE)

    def save(values: dict[str, Any], form: Any) -> Model:
        values.pop("version", None)
        return services.organisation_create(
            actor=request.user, org_unit=form.cleaned_data["org_unit"], **values
        )

    return edit_page(
        request,
        form_class=OrganisationForm,
        record=None,
        save=save,
        title="Thêm tổ chức tôn giáo",
        back="religion:organisations",
        detail="religion:organisation",
    )


@login_required
def organisation_edit(request: AppRequest, pk: int) -> HttpResponse:
    organisation = selectors.get(request.user, Organisation, pk)
    require_manage(request, organisation)

    def save(values: dict[str, Any], form: Any) -> Model:
        return services.organisation_update(actor=request.user, organisation=organisation, **values)

    return edit_page(
        request,
        form_class=OrganisationForm,
        record=organisation,
        save=save,
        title=f"Sửa «{organisation}»",
        back="religion:organisations",
        detail="religion:organisation",
    )


# --- figures ---------------------------------------------------------------------------


@login_required
def figure_list(request: AppRequest) -> HttpResponse:
    require_view(request)
    user = request.user
    figures = selectors.figure_search(user=user, role=request.GET.get("vai_tro", "")[:20])
    if wants_xlsx(request):
        rows = list(figures)
        privacy.log_figures(
            user=user, figures=rows, where="Xuất danh sách", action=ReadLog.Action.EXPORT
        )
        return exports.figures_xlsx(rows, user=user)
    page = Paginator(figures, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    privacy.log_figures(user=user, figures=rows, where=f"Danh sách trang {page.number}")
    context = {
        "page": page,
        "rows": [(f, privacy.name_for(user, f), privacy.phone_for(user, f)) for f in rows],
        "can_create": can(user, Cap.RELIGION_MANAGE, None),
        "sensitive": can(user, Cap.RELIGION_SENSITIVE, None),
    }
    return render(request, "religion/figure_list.html", context)


@login_required
def figure_detail(request: AppRequest, pk: int) -> HttpResponse:
    figure = selectors.get(request.user, Figure, pk)
    privacy.log_figure(user=request.user, figure=figure)
    context = {
        "figure": figure,
        "name": privacy.name_for(request.user, figure),
        "phone": privacy.phone_for(request.user, figure),
        "manage": privacy.may_see_person(request.user, figure),
    }
    return render(request, "religion/figure_detail.html", context)


@login_required
def figure_create(request: AppRequest) -> HttpResponse:
    require_view(request, Cap.RELIGION_MANAGE)

    def save(values: dict[str, Any], form: Any) -> Model:
        values.pop("version", None)
        return services.figure_create(
            actor=request.user, org_unit=form.cleaned_data["org_unit"], **values
        )

    return edit_page(
        request,
        form_class=FigureForm,
        record=None,
        save=save,
        title="Thêm chức sắc, chức việc, cốt cán",
        back="religion:figures",
        detail="religion:figure",
    )


@login_required
def figure_edit(request: AppRequest, pk: int) -> HttpResponse:
    figure = selectors.get(request.user, Figure, pk)
    require_manage(request, figure)

    def save(values: dict[str, Any], form: Any) -> Model:
        return services.figure_update(actor=request.user, figure=figure, **values)

    return edit_page(
        request,
        form_class=FigureForm,
        record=figure,
        save=save,
        title=f"Sửa «{figure}»",
        back="religion:figures",
        detail="religion:figure",
    )


@login_required
def models_list(request: AppRequest) -> HttpResponse:
    """Mô hình dân vận khéo trong đồng bào có đạo: places and organisations linked."""
    require_view(request)
    rows = selectors.linked_models(user=request.user)
    sensitive = can(request.user, Cap.RELIGION_SENSITIVE, None)
    return render(request, "religion/models.html", {"rows": rows, "sensitive": sensitive})


@login_required
def read_log(request: AppRequest) -> HttpResponse:
    if not can(request.user, Cap.AUDIT_VIEW, None):
        raise Http404("Không tìm thấy trang.")
    from danvan.access.scope import scoped

    logs = scoped(ReadLog.objects.all(), request.user, Cap.AUDIT_VIEW).select_related("user")
    page = Paginator(logs, 50).get_page(request.GET.get("page"))
    return render(request, "religion/read_log.html", {"page": page})
