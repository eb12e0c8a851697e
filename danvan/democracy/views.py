"""Grassroots-democracy pages: the overview with its four lists (disclosures, matters
decided by the people, consultations, oversight findings), each with search, filters,
pagination and XLSX; a record's page with its moves; create and edit forms carrying the
version; the per-commune checklist of what the law requires to be disclosed.

A user without ``Cap.DEMOCRACY_VIEW`` (or a record outside their scope) gets a 404; a
reader who may not keep the register gets a 403 on a form or a move."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.core import clock, concurrency
from danvan.core.exports import asked, wants_xlsx
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.democracy import exports, selectors, services
from danvan.democracy.forms import units
from danvan.democracy.models import DisclosureItem
from danvan.democracy.registry import KINDS, Kind, Move, show
from danvan.org.models import OrgUnit

PAGE_SIZE = 25
FIRST_YEAR = 2023  # Luật 10/2022 in force from 01/7/2023


def _kind(key: str) -> Kind:
    found = KINDS.get(key)
    if found is None:
        raise Http404("Không tìm thấy trang.")
    return found


def require_view(request: AppRequest) -> None:
    if not can(request.user, Cap.DEMOCRACY_VIEW, None):
        raise Http404("Không tìm thấy trang.")


def require_manage(request: AppRequest, unit: OrgUnit | None) -> None:
    if not can(request.user, Cap.DEMOCRACY_MANAGE, unit):
        raise PermissionDenied("Bạn không có quyền cập nhật sổ thực hiện dân chủ ở cơ sở.")


def _tabs(request: AppRequest) -> list[tuple[str, str]]:
    return [(k.key, k.title) for k in KINDS.values()]


@login_required
def overview(request: AppRequest) -> HttpResponse:
    require_view(request)
    today = clock.today()
    counts = selectors.counts(user=request.user)
    cards = []
    for kind in KINDS.values():
        field: Any = kind.model._meta.get_field("state")
        states = dict(field.choices)
        cards.append(
            {
                "kind": kind,
                "total": sum(counts[kind.key].values()),
                "states": [(s, states[s], n) for s, n in counts[kind.key].items()],
            }
        )
    communes = units(request.user, Cap.DEMOCRACY_VIEW).filter(kind__is_place=True, level__code="xa")
    context = {
        "cards": cards,
        "communes": communes,
        "year": today.year,
        "can_manage": can(request.user, Cap.DEMOCRACY_MANAGE, None),
        "tabs": _tabs(request),
    }
    return render(request, "democracy/overview.html", context)


@login_required
def record_list(request: AppRequest, key: str) -> HttpResponse:
    require_view(request)
    kind = _kind(key)
    form = kind.filter_form(request.GET, user=request.user)
    filters = form.filters()
    rows = selectors.search(kind.model, user=request.user, **filters)
    if wants_xlsx(request):
        return exports.list_xlsx(kind, rows, filters=asked(form))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    table = [(r, [(c.label, show(c.get(r))) for c in kind.columns]) for r in page.object_list]
    context = {
        "kind": kind,
        "form": form,
        "page": page,
        "table": table,
        "filtered": any(v for v in filters.values()),
        "can_manage": can(request.user, Cap.DEMOCRACY_MANAGE, None),
        "tabs": _tabs(request),
    }
    status = 400 if form.errors else 200
    return render(request, "democracy/list.html", context, status=status)


@login_required
def record_detail(request: AppRequest, key: str, pk: int) -> HttpResponse:
    require_view(request)
    kind = _kind(key)
    record = selectors.get(request.user, kind.model, pk)
    manage = can(request.user, Cap.DEMOCRACY_MANAGE, record.org_unit)  # type: ignore[attr-defined]
    moves = []
    if manage:
        for move in kind.moves_for(record):
            form = move.form(initial={"version": record.version})  # type: ignore[attr-defined]
            if "households_total" in form.fields:
                form.fields["households_total"].initial = record.households_total  # type: ignore[attr-defined]
            moves.append((move, form))
    context = {
        "kind": kind,
        "record": record,
        "facts": [(c.label, show(c.get(record))) for c in kind.facts],
        "state": kind.columns[-1].get(record),
        "manage": manage,
        "editable": manage and record.state == kind.editable_state,  # type: ignore[attr-defined]
        "moves": moves,
        "tabs": _tabs(request),
    }
    return render(request, "democracy/detail.html", context)


def _form_page(request: AppRequest, kind: Kind, record: Any) -> HttpResponse:
    creating = record is None
    initial: dict[str, Any] = {}
    if creating:
        if request.GET.get("noi_dung", "").isdigit():
            initial["item"] = DisclosureItem.objects.filter(pk=int(request.GET["noi_dung"])).first()
        if request.GET.get("don_vi", "").isdigit():
            initial["org_unit"] = int(request.GET["don_vi"])
    form = kind.record_form(
        request.POST or None, instance=record, user=request.user, creating=creating, initial=initial
    )
    if record is not None:
        concurrency.track(form, record)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        values = form.values()
        try:
            if creating:
                create = getattr(services, f"{kind.record}_create")
                saved = create(actor=request.user, org_unit=form.cleaned_data["org_unit"], **values)
            else:
                update = getattr(services, f"{kind.record}_update")
                saved = update(
                    actor=request.user,
                    version=form.cleaned_data.get("version"),
                    **{kind.record: record},
                    **values,
                )
        except ValidationError as error:
            add_service_errors(form, error)  # type: ignore[arg-type]
        else:
            messages.success(request, f"Đã lưu «{saved}».")
            return redirect("democracy:detail", key=kind.key, pk=saved.pk)
    status = 400 if request.method == "POST" else 200
    title = f"Thêm {kind.noun}" if creating else f"Sửa «{record}»"
    context = {"form": form, "title": title, "kind": kind, "record": record}
    return render(request, "democracy/form.html", context, status=status)


@login_required
def record_create(request: AppRequest, key: str) -> HttpResponse:
    require_view(request)
    kind = _kind(key)
    require_manage(request, None)
    return _form_page(request, kind, None)


@login_required
def record_edit(request: AppRequest, key: str, pk: int) -> HttpResponse:
    require_view(request)
    kind = _kind(key)
    record = selectors.get(request.user, kind.model, pk)
    require_manage(request, record.org_unit)  # type: ignore[attr-defined]
    if record.state != kind.editable_state:  # type: ignore[attr-defined]
        messages.error(request, "Bản ghi đã chuyển tình trạng: không sửa được nữa.")
        return redirect("democracy:detail", key=kind.key, pk=pk)
    return _form_page(request, kind, record)


@login_required
@require_POST
def record_move(request: AppRequest, key: str, pk: int, move: str) -> HttpResponse:
    require_view(request)
    kind = _kind(key)
    record = selectors.get(request.user, kind.model, pk)
    require_manage(request, record.org_unit)  # type: ignore[attr-defined]
    found: Move | None = next((m for m in kind.moves if m.slug == move), None)
    if found is None:
        raise Http404("Không tìm thấy trang.")
    form = found.form(request.POST)
    if form.is_valid():
        try:
            getattr(services, found.service)(
                actor=request.user, **{kind.record: record}, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, found.done)
            return redirect("democracy:detail", key=kind.key, pk=pk)
    errors = [
        f"{form.fields[k].label}: {' '.join(str(e) for e in v)}"
        if k in form.fields
        else " ".join(str(e) for e in v)
        for k, v in form.errors.items()
    ]
    context = {
        "kind": kind,
        "record": record,
        "move": found,
        "form": form,
        "errors": errors,
        "tabs": _tabs(request),
    }
    return render(request, "democracy/move.html", context, status=400)


@login_required
def checklist_pick(request: AppRequest) -> HttpResponse:
    require_view(request)
    unit, year = request.GET.get("don_vi", ""), request.GET.get("nam", "")
    if unit.isdigit() and year.isdigit() and len(year) == 4:
        return redirect("democracy:checklist", unit=int(unit), year=int(year))
    messages.error(request, "Chọn xã, phường và năm cần kiểm tra.")
    return redirect("democracy:overview")


@login_required
def checklist(request: AppRequest, unit: int, year: int) -> HttpResponse:
    require_view(request)
    found = OrgUnit.all_objects.filter(pk=unit).first()
    if found is None or not can(request.user, Cap.DEMOCRACY_VIEW, found):
        raise Http404("Không tìm thấy, hoặc nằm ngoài phạm vi của bạn.")
    if not FIRST_YEAR <= year <= clock.today().year + 1:
        raise Http404(f"Năm kiểm tra phải từ {FIRST_YEAR} đến {clock.today().year + 1}.")
    rows = selectors.checklist(user=request.user, unit=found, year=year)
    if wants_xlsx(request):
        return exports.checklist_xlsx(rows, unit=found, year=year)
    missing = [r for r in rows if r.missing]
    context = {
        "unit": found,
        "year": year,
        "rows": rows,
        "missing": missing,
        "years": [y for y in range(FIRST_YEAR, clock.today().year + 1)],
        "can_manage": can(request.user, Cap.DEMOCRACY_MANAGE, found),
        "tabs": _tabs(request),
        "today": clock.today(),
        "first_day": dt.date(year, 1, 1),
    }
    return render(request, "democracy/checklist.html", context)
