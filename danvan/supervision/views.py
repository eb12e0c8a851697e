"""Supervision pages: programmes, activities (list with filters and export, page with its
recommendations and their responses inline, form, moves), recommendations (list with the
open and overdue filters, export, page, answers, close, escalate).

A user without ``Cap.SUPERVISION_VIEW`` gets a 404 on every page here."""

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
from danvan.supervision import exports, selectors, services
from danvan.supervision.forms import (
    ActivityFilterForm,
    ActivityForm,
    CancelForm,
    CloseForm,
    EndForm,
    EscalateForm,
    ProgrammeForm,
    RecommendationFilterForm,
    RecommendationForm,
    ResponseForm,
    StartForm,
)
from danvan.supervision.models import (
    OPEN,
    Activity,
    ActivityState,
    Programme,
    Recommendation,
    RecState,
)

PAGE_SIZE = 25


def require_view(request: AppRequest, cap: Cap = Cap.SUPERVISION_VIEW) -> None:
    if not can(request.user, cap, None):
        raise Http404("Không tìm thấy trang.")


def require_manage(request: AppRequest, record: Any) -> None:
    if not can(request.user, Cap.SUPERVISION_MANAGE, record.org_unit):
        raise Http404("Không tìm thấy trang.")


def _pk(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 12 else None


def edit_page(
    request: AppRequest,
    *,
    form_class: type,
    record: Model | None,
    save: Callable[[dict[str, Any], Any], Model],
    title: str,
    back: str,
    detail: Callable[[Model], HttpResponse],
    **form_kwargs: Any,
) -> HttpResponse:
    """A create (``record`` None) or edit page: the form, the version, the service."""
    form = form_class(
        request.POST or None,
        instance=record,
        user=request.user,
        creating=record is None,
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
            return detail(saved)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": title, "back": back, "record": record}
    return render(request, "supervision/form.html", context, status=status)


# --- programmes ------------------------------------------------------------------------


@login_required
def programme_list(request: AppRequest) -> HttpResponse:
    require_view(request)
    form = ActivityFilterForm(request.GET, user=request.user)
    filters = form.filters()
    rows = selectors.programme_search(
        user=request.user,
        q=filters.get("q", ""),
        year=filters.get("year"),
        org_unit=filters.get("org_unit"),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "filtered": any(filters.get(k) for k in ("q", "year", "org_unit")),
        "can_create": can(request.user, Cap.SUPERVISION_MANAGE, None),
    }
    return render(request, "supervision/programme_list.html", context)


@login_required
def programme_detail(request: AppRequest, pk: int) -> HttpResponse:
    programme = selectors.get(request.user, Programme, pk)
    activities = selectors.with_counts(
        selectors.activity_search(user=request.user, programme=programme)
    ).order_by("starts_on", "id")
    context = {
        "programme": programme,
        "activities": activities,
        "manage": can(request.user, Cap.SUPERVISION_MANAGE, programme.org_unit),
    }
    return render(request, "supervision/programme_detail.html", context)


@login_required
def programme_create(request: AppRequest) -> HttpResponse:
    require_view(request, Cap.SUPERVISION_MANAGE)

    def save(values: dict[str, Any], form: Any) -> Model:
        values.pop("version", None)
        return services.programme_create(
            actor=request.user, org_unit=form.cleaned_data["org_unit"], **values
        )

    return edit_page(
        request,
        form_class=ProgrammeForm,
        record=None,
        save=save,
        title="Lập chương trình giám sát, phản biện năm",
        back="supervision:programmes",
        detail=lambda r: redirect("supervision:programme", pk=r.pk),
        initial={"year": clock.today().year, "basis": "217-QĐ/TW, 218-QĐ/TW"},
    )


@login_required
def programme_edit(request: AppRequest, pk: int) -> HttpResponse:
    programme = selectors.get(request.user, Programme, pk)
    require_manage(request, programme)

    def save(values: dict[str, Any], form: Any) -> Model:
        return services.programme_update(actor=request.user, programme=programme, **values)

    return edit_page(
        request,
        form_class=ProgrammeForm,
        record=programme,
        save=save,
        title=f"Sửa «{programme}»",
        back="supervision:programmes",
        detail=lambda r: redirect("supervision:programme", pk=r.pk),
    )


# --- activities ------------------------------------------------------------------------


@login_required
def activity_list(request: AppRequest) -> HttpResponse:
    require_view(request)
    form = ActivityFilterForm(request.GET, user=request.user)
    filters = form.filters()
    rows = selectors.with_counts(
        selectors.activity_search(user=request.user, **filters).order_by("-starts_on", "-id")
    )
    if wants_xlsx(request):
        return exports.activities_xlsx(rows, filters=asked(form))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    today = clock.today()
    context = {
        "form": form,
        "page": page,
        "filtered": any(v for v in filters.values()),
        "can_create": can(request.user, Cap.SUPERVISION_MANAGE, None),
        "overdue": selectors.recommendation_search(user=request.user, overdue_day=today).count(),
        "today": today,
    }
    return render(request, "supervision/activity_list.html", context)


def _activity_context(request: AppRequest, activity: Activity, **bound: Any) -> dict[str, Any]:
    manage = can(request.user, Cap.SUPERVISION_MANAGE, activity.org_unit)
    today = clock.today()
    recs = list(
        selectors.recommendation_search(user=request.user, activity=activity)
        .prefetch_related("responses")
        .order_by("made_on", "id")
    )
    version = activity.version
    return {
        "activity": activity,
        "recommendations": recs,
        "today": today,
        "manage": manage,
        "can_edit": manage and activity.state != ActivityState.CANCELLED,
        "can_start": manage and activity.state == ActivityState.PLANNED,
        "can_end": manage and activity.state == ActivityState.ONGOING,
        "can_cancel": manage
        and activity.state in (ActivityState.PLANNED, ActivityState.ONGOING)
        and not recs,
        "can_recommend": manage and activity.state in (ActivityState.ONGOING, ActivityState.ENDED),
        "start_form": bound.get("start_form") or StartForm(initial={"version": version}),
        "end_form": bound.get("end_form")
        or EndForm(initial={"version": version, "findings": activity.findings}),
        "cancel_form": bound.get("cancel_form") or CancelForm(initial={"version": version}),
        "rec_form": bound.get("rec_form")
        or RecommendationForm(user=request.user, creating=True, initial={"made_on": today}),
    }


@login_required
def activity_detail(request: AppRequest, pk: int) -> HttpResponse:
    activity = selectors.get(request.user, Activity, pk)
    return render(request, "supervision/activity_detail.html", _activity_context(request, activity))


@login_required
def activity_create(request: AppRequest, programme_pk: int) -> HttpResponse:
    programme = selectors.get(request.user, Programme, programme_pk)
    require_manage(request, programme)

    def save(values: dict[str, Any], form: Any) -> Model:
        values.pop("version", None)
        return services.activity_create(actor=request.user, programme=programme, **values)

    return edit_page(
        request,
        form_class=ActivityForm,
        record=None,
        save=save,
        title=f"Thêm hoạt động vào «{programme}»",
        back="supervision:activities",
        detail=lambda r: redirect("supervision:activity", pk=r.pk),
    )


@login_required
def activity_edit(request: AppRequest, pk: int) -> HttpResponse:
    activity = selectors.get(request.user, Activity, pk)
    require_manage(request, activity)

    def save(values: dict[str, Any], form: Any) -> Model:
        return services.activity_update(actor=request.user, activity=activity, **values)

    return edit_page(
        request,
        form_class=ActivityForm,
        record=activity,
        save=save,
        title=f"Sửa «{activity}»",
        back="supervision:activities",
        detail=lambda r: redirect("supervision:activity", pk=r.pk),
    )


def _activity_move(
    request: AppRequest, activity: Activity, form: Any, name: str, call: Any
) -> HttpResponse:
    require_manage(request, activity)
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã cập nhật «{activity}».")
            return redirect("supervision:activity", pk=activity.pk)
    activity.refresh_from_db()
    context = _activity_context(request, activity, **{name: form})
    context["refused"] = list(form.non_field_errors())
    return render(request, "supervision/activity_detail.html", context, status=400)


@login_required
@require_POST
def activity_start(request: AppRequest, pk: int) -> HttpResponse:
    activity = selectors.get(request.user, Activity, pk)
    return _activity_move(
        request,
        activity,
        StartForm(request.POST),
        "start_form",
        lambda d: services.activity_start(actor=request.user, activity=activity, **d),
    )


@login_required
@require_POST
def activity_end(request: AppRequest, pk: int) -> HttpResponse:
    activity = selectors.get(request.user, Activity, pk)
    return _activity_move(
        request,
        activity,
        EndForm(request.POST),
        "end_form",
        lambda d: services.activity_end(actor=request.user, activity=activity, **d),
    )


@login_required
@require_POST
def activity_cancel(request: AppRequest, pk: int) -> HttpResponse:
    activity = selectors.get(request.user, Activity, pk)
    return _activity_move(
        request,
        activity,
        CancelForm(request.POST),
        "cancel_form",
        lambda d: services.activity_cancel(actor=request.user, activity=activity, **d),
    )


@login_required
@require_POST
def recommendation_create(request: AppRequest, pk: int) -> HttpResponse:
    activity = selectors.get(request.user, Activity, pk)
    form = RecommendationForm(request.POST, user=request.user, creating=True)

    def call(d: dict[str, Any]) -> None:
        values = form.values()
        if values.get("made_on") is None:
            values.pop("made_on", None)
        services.recommendation_create(actor=request.user, activity=activity, **values)

    return _activity_move(request, activity, form, "rec_form", call)


# --- recommendations -------------------------------------------------------------------


@login_required
def recommendation_list(request: AppRequest) -> HttpResponse:
    require_view(request)
    today = clock.today()
    form = RecommendationFilterForm(request.GET, user=request.user)
    filters = form.filters(today)
    rows = selectors.recommendation_search(user=request.user, **filters).order_by("due_on", "id")
    if wants_xlsx(request):
        return exports.recommendations_xlsx(rows, filters=asked(form), today=today)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "filtered": any(v for v in filters.values()),
        "today": today,
    }
    return render(request, "supervision/recommendation_list.html", context)


def _rec_context(request: AppRequest, rec: Recommendation, **bound: Any) -> dict[str, Any]:
    manage = can(request.user, Cap.SUPERVISION_MANAGE, rec.org_unit)
    version = rec.version
    return {
        "rec": rec,
        "responses": list(rec.responses.all()),
        "today": clock.today(),
        "manage": manage,
        "open": rec.state in OPEN,
        "can_close": manage and rec.state == RecState.ANSWERED,
        "response_form": bound.get("response_form")
        or ResponseForm(initial={"version": version, "by_body": rec.addressed_to}),
        "close_form": bound.get("close_form") or CloseForm(initial={"version": version}),
        "escalate_form": bound.get("escalate_form") or EscalateForm(initial={"version": version}),
    }


@login_required
def recommendation_detail(request: AppRequest, pk: int) -> HttpResponse:
    rec = selectors.get(request.user, Recommendation, pk)
    return render(request, "supervision/recommendation_detail.html", _rec_context(request, rec))


@login_required
def recommendation_edit(request: AppRequest, pk: int) -> HttpResponse:
    rec = selectors.get(request.user, Recommendation, pk)
    require_manage(request, rec)

    def save(values: dict[str, Any], form: Any) -> Model:
        if values.get("made_on") is None:
            values.pop("made_on", None)
        return services.recommendation_update(actor=request.user, recommendation=rec, **values)

    return edit_page(
        request,
        form_class=RecommendationForm,
        record=rec,
        save=save,
        title=f"Sửa {rec}",
        back="supervision:recommendations",
        detail=lambda r: redirect("supervision:recommendation", pk=r.pk),
    )


def _rec_move(
    request: AppRequest, rec: Recommendation, form: Any, name: str, call: Any
) -> HttpResponse:
    require_manage(request, rec)
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã cập nhật {rec}.")
            return redirect("supervision:recommendation", pk=rec.pk)
    rec.refresh_from_db()
    context = _rec_context(request, rec, **{name: form})
    context["refused"] = list(form.non_field_errors())
    return render(request, "supervision/recommendation_detail.html", context, status=400)


@login_required
@require_POST
def response_create(request: AppRequest, pk: int) -> HttpResponse:
    rec = selectors.get(request.user, Recommendation, pk)
    return _rec_move(
        request,
        rec,
        ResponseForm(request.POST),
        "response_form",
        lambda d: services.response_record(actor=request.user, recommendation=rec, **d),
    )


@login_required
@require_POST
def recommendation_close(request: AppRequest, pk: int) -> HttpResponse:
    rec = selectors.get(request.user, Recommendation, pk)
    return _rec_move(
        request,
        rec,
        CloseForm(request.POST),
        "close_form",
        lambda d: services.recommendation_close(actor=request.user, recommendation=rec, **d),
    )


@login_required
@require_POST
def recommendation_escalate(request: AppRequest, pk: int) -> HttpResponse:
    rec = selectors.get(request.user, Recommendation, pk)
    return _rec_move(
        request,
        rec,
        EscalateForm(request.POST),
        "escalate_form",
        lambda d: services.recommendation_escalate(actor=request.user, recommendation=rec, **d),
    )
