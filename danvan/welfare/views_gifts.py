"""Gift pages: the list across campaigns (the list behind the figures), gift entry with
the household search (htmx: the register can grow), a gift's edit (with its version),
the «trùng» list of a campaign with the review of each flag, and the beneficiaries'
register (holders of ``Cap.WELFARE_MANAGE`` only: it is names)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.core import clock, concurrency
from danvan.core.exports import asked, wants_xlsx
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.welfare import privacy, selectors, services
from danvan.welfare.exports import gifts_xlsx
from danvan.welfare.forms import (
    BeneficiaryFilterForm,
    BeneficiaryForm,
    DuplicateForm,
    GiftEditForm,
    GiftEntryForm,
    GiftFilterForm,
    NewHouseholdForm,
)
from danvan.welfare.models import Gift, ReadLog
from danvan.welfare.views import PAGE_SIZE, require_view

SEARCH_LIMIT = 15


def require_manage(request: AppRequest) -> None:
    if not can(request.user, Cap.WELFARE_MANAGE, None):
        raise Http404("Không tìm thấy trang.")


@login_required
def gift_list(request: AppRequest) -> HttpResponse:
    require_view(request)
    form = GiftFilterForm(request.GET, user=request.user)
    filters = form.filters()
    gifts = selectors.gift_search(user=request.user, **filters)
    shown = "; ".join(f"{label}: {value}" for label, value in asked(form))
    if wants_xlsx(request):
        privacy.log(
            user=request.user,
            action=ReadLog.Action.EXPORT,
            what=f"{gifts.count()} suất quà; lọc: {shown or 'không'}",
            identity_shown=can(request.user, Cap.WELFARE_MANAGE, None),
        )
        return gifts_xlsx(gifts, user=request.user, filters=asked(form))
    page = Paginator(gifts, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    privacy.log_gifts(user=request.user, gifts=rows, filters=shown, page=page.number)
    context = {
        "gift_form": form,
        "page": page,
        "gift_rows": [(g, privacy.gift_label(request.user, g)) for g in rows],
        "filtered": any(v for v in filters.values()),
        "totals": selectors.totals(gifts),
    }
    template = "welfare/_gifts.html" if request.htmx else "welfare/gift_list.html"
    return render(request, template, context)


@login_required
def household_search(request: AppRequest) -> HttpResponse:
    """The households matching what the officer types, for gift entry (htmx partial)."""
    require_manage(request)
    q = request.GET.get("ho", "")[:200].replace("\x00", "").strip()
    rows = []
    if len(q) >= 2:
        rows = list(selectors.beneficiary_search(user=request.user, q=q)[:SEARCH_LIMIT])
        privacy.log(
            user=request.user,
            action=ReadLog.Action.SEARCH,
            what=f"Tìm «{q}»: {len(rows)} đối tượng",
            identity_shown=bool(rows),
        )
    return render(request, "welfare/_households.html", {"rows": rows, "q": q})


def _chosen(request: AppRequest) -> Any:
    """The household picked in the search (a radio of ``_households.html``), or None."""
    raw = request.POST.get("beneficiary", "")
    if not raw.isdigit() or len(raw) > 12:
        return None
    return selectors.beneficiaries_kept(request.user).filter(pk=int(raw)).first()


@login_required
def gift_create(request: AppRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    require_manage(request)
    data = request.POST or None
    form = GiftEntryForm(
        data, user=request.user, campaign=campaign, initial={"given_on": clock.today()}
    )
    chosen = _chosen(request) if data else None
    household = NewHouseholdForm(data if data and chosen is None else None, user=request.user)
    if data and form.is_valid() and (chosen is not None or household.is_valid()):
        values = form.cleaned_data
        try:
            with transaction.atomic():
                person = chosen or services.beneficiary_create(
                    actor=request.user, org_unit=values["giver"], **household.cleaned_data
                )
                gift = services.gift_create(
                    actor=request.user, campaign=campaign, beneficiary=person, **values
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã ghi suất quà cho {person}.")
            if gift.duplicate_state:
                messages.warning(
                    request,
                    f"Hộ này đã nhận quà của {gift.duplicate_of.giver.name} trong đợt: suất quà "  # type: ignore[union-attr]
                    "được gắn cờ trùng, cần xem xét.",
                )
            if request.POST.get("tiep") == "1":
                return redirect("welfare:gift_create", pk=campaign.pk)
            return redirect("welfare:detail", pk=campaign.pk)
    status = 400 if data else 200
    context = {"form": form, "household": household, "campaign": campaign, "chosen": chosen}
    return render(request, "welfare/gift_form.html", context, status=status)


@login_required
def gift_edit(request: AppRequest, pk: int) -> HttpResponse:
    gift = selectors.gift_get(user=request.user, pk=pk)
    if not can(request.user, Cap.WELFARE_MANAGE, gift.giver):
        raise Http404("Không tìm thấy trang.")
    fields = ("given_on", "portions", "value", "form", "description")
    initial = {f: getattr(gift, f) for f in fields}
    initial["value"] = str(int(gift.value))
    form = GiftEditForm(request.POST or None, initial=initial)
    concurrency.track(form, gift)
    if request.method == "POST" and form.is_valid():
        try:
            services.gift_update(actor=request.user, gift=gift, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã lưu suất quà.")
            return redirect("welfare:detail", pk=gift.campaign_id)
    context = {
        "form": form,
        "title": f"Sửa suất quà — {privacy.gift_label(request.user, gift)}",
        "campaign": gift.campaign,
    }
    return render(request, "welfare/form.html", context)


@login_required
def duplicates(request: AppRequest, pk: int) -> HttpResponse:
    """The «trùng» list of a campaign: each flagged gift beside the one it repeats."""
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    rows = list(selectors.flagged(user=request.user, campaign=campaign))
    privacy.log_gifts(user=request.user, gifts=rows, filters=f"trùng, đợt «{campaign}»")
    context = {
        "campaign": campaign,
        "rows": [
            (
                g,
                privacy.gift_label(request.user, g),
                can(request.user, Cap.WELFARE_MANAGE, g.giver)
                or can(request.user, Cap.WELFARE_MANAGE, campaign.org_unit),
            )
            for g in rows
        ],
        "decide_form": DuplicateForm(),
    }
    return render(request, "welfare/duplicates.html", context)


@login_required
@require_POST
def duplicate_decide(request: AppRequest, pk: int) -> HttpResponse:
    gift = selectors.gift_get(user=request.user, pk=pk)
    form = DuplicateForm(request.POST)
    if form.is_valid():
        try:
            services.gift_duplicate_decide(actor=request.user, gift=gift, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Đã xem xét: {gift.get_duplicate_state_display()}.")
            return redirect("welfare:duplicates", pk=gift.campaign_id)
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("welfare:duplicates", pk=gift.campaign_id)


# --- the beneficiaries' register ------------------------------------------------------


@login_required
def beneficiary_list(request: AppRequest) -> HttpResponse:
    require_manage(request)
    form = BeneficiaryFilterForm(request.GET)
    q, category = "", ""
    if form.is_valid():
        q, category = form.cleaned_data["q"], form.cleaned_data["doi_tuong"]
    rows = selectors.beneficiary_search(user=request.user, q=q, category=category)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    privacy.log(
        user=request.user,
        action=ReadLog.Action.LIST,
        what=f"Danh sách đối tượng, trang {page.number}: {len(page.object_list)} hộ; "
        f"lọc: {q or 'không'}",
        identity_shown=True,
    )
    return render(request, "welfare/beneficiary_list.html", {"form": form, "page": page})


@login_required
def beneficiary_create(request: AppRequest) -> HttpResponse:
    require_manage(request)
    form = BeneficiaryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.beneficiary_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã thêm {person} vào danh sách đối tượng.")
            return redirect("welfare:beneficiaries")
    return render(request, "welfare/form.html", {"form": form, "title": "Thêm đối tượng"})


def _beneficiary_initial(person: Any) -> dict[str, Any]:
    fields = ("head_name", "address", "area", "category", "id_number", "phone", "note")
    return {f: getattr(person, f) for f in fields}


@login_required
def beneficiary_edit(request: AppRequest, pk: int) -> HttpResponse:
    require_manage(request)
    person = selectors.beneficiary_get(user=request.user, pk=pk)
    privacy.log(
        user=request.user,
        action=ReadLog.Action.DETAIL,
        what=f"{person} — {person.org_unit.name}",
        beneficiary=person,
        identity_shown=True,
    )
    form = BeneficiaryForm(
        request.POST or None, user=request.user, editing=True, initial=_beneficiary_initial(person)
    )
    concurrency.track(form, person)
    if request.method == "POST" and form.is_valid():
        try:
            services.beneficiary_update(actor=request.user, beneficiary=person, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu {person}.")
            return redirect("welfare:beneficiaries")
    gifts = Gift.objects.filter(beneficiary=person).select_related("campaign", "giver")
    context = {"form": form, "title": f"Đối tượng: {person}", "person": person, "gifts": gifts}
    return render(request, "welfare/form.html", context)
