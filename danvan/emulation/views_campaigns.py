"""Pages of campaigns (đợt thi đua) and the register's counts («Thống kê»)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render

from danvan.access.roles import Cap
from danvan.access.scope import can, require
from danvan.core import concurrency
from danvan.core.forms import add_service_errors
from danvan.core.http import AppRequest
from danvan.emulation import campaigns as services
from danvan.emulation import selectors
from danvan.emulation.forms import CampaignForm, StatsForm, campaign_initial
from danvan.emulation.models import Field, State

PAGE_SIZE = 30


@login_required
def campaign_list(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.EMULATION_VIEW, None)
    q = request.GET.get("q", "")[:200]
    found = selectors.campaign_search(user=request.user, q=q)
    context = {
        "q": q,
        "page": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_create": can(request.user, Cap.EMULATION_CAMPAIGN, None),
    }
    return render(request, "emulation/campaign_list.html", context)


@login_required
def campaign_detail(request: AppRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    counts = selectors.counts(user=request.user, campaign=campaign)
    context = {
        "campaign": campaign,
        "counts": counts,
        "campaign_query": f"campaign={campaign.pk}&",
        "fields": list(Field.objects.all()),
        "states": list(State),
        "can_edit": can(request.user, Cap.EMULATION_CAMPAIGN, campaign.launching_unit),
        "can_register": can(request.user, Cap.EMULATION_REGISTER, None),
    }
    return render(request, "emulation/campaign_detail.html", context)


@login_required
def campaign_create(request: AppRequest) -> HttpResponse:
    require(request.user, Cap.EMULATION_CAMPAIGN, None)
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã phát động «{campaign.name}».")
            return redirect("emulation:campaign_detail", pk=campaign.pk)
    context = {"form": form, "title": "Phát động đợt thi đua"}
    return render(request, "emulation/campaign_form.html", context)


@login_required
def campaign_edit(request: AppRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    require(request.user, Cap.EMULATION_CAMPAIGN, campaign.launching_unit)
    form = CampaignForm(request.POST or None, user=request.user, initial=campaign_initial(campaign))
    concurrency.track(form, campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(actor=request.user, campaign=campaign, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu «{campaign.name}».")
            return redirect("emulation:campaign_detail", pk=campaign.pk)
    context = {"form": form, "campaign": campaign, "title": "Sửa đợt thi đua"}
    return render(request, "emulation/campaign_form.html", context)


@login_required
def stats(request: AppRequest) -> HttpResponse:
    """Thống kê: registered, effective, recognised by field, level, state and unit."""
    require(request.user, Cap.EMULATION_VIEW, None)
    form = StatsForm(request.GET, user=request.user)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    counts = selectors.counts(
        user=request.user,
        unit=data.get("don_vi"),
        campaign=data.get("campaign"),
        year=data.get("nam"),
    )
    asked = {
        "don_vi": getattr(data.get("don_vi"), "pk", None),
        "campaign": getattr(data.get("campaign"), "pk", None),
        "nam": data.get("nam"),
    }
    context = {
        "form": form,
        "counts": counts,
        "query": "".join(f"{k}={v}&" for k, v in asked.items() if v),
        "fields": list(Field.objects.all()),
        "states": list(State),
    }
    return render(request, "emulation/stats.html", context)
