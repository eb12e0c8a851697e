"""Campaign pages: the list, a campaign (totals by organisation and category, contributions,
its gifts with search and pages, duplicates), create and edit (with the version), the
moves of its state, contributions, and the public disclosure list (print / XLSX).

A user without ``Cap.WELFARE_VIEW`` gets a 404 on every page here."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
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
from danvan.welfare import privacy, selectors, services
from danvan.welfare.exports import disclosure_xlsx
from danvan.welfare.forms import (
    CampaignFilterForm,
    CampaignForm,
    ContributionForm,
    GiftFilterForm,
    MoveForm,
)
from danvan.welfare.models import MOVES, Campaign, CampaignState, ReadLog

PAGE_SIZE = 25
MOVE_LABELS: dict[str, str] = {
    CampaignState.RUNNING: "Bắt đầu triển khai",
    CampaignState.ENDED: "Kết thúc đợt",
    CampaignState.PUBLISHED: "Công khai danh sách",
}


def require_view(request: AppRequest) -> None:
    if not can(request.user, Cap.WELFARE_VIEW, None):
        raise Http404("Không tìm thấy trang.")


@login_required
def campaign_list(request: AppRequest) -> HttpResponse:
    require_view(request)
    form = CampaignFilterForm(request.GET, user=request.user)
    filters = form.filters()
    campaigns = selectors.campaign_search(user=request.user, **filters)
    page = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(c, selectors.campaign_totals(c)) for c in page.object_list]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "filtered": any(v for v in filters.values()),
        "can_create": can(request.user, Cap.WELFARE_MANAGE, None),
    }
    template = "welfare/_campaigns.html" if request.htmx else "welfare/campaign_list.html"
    return render(request, template, context)


def _gift_page(request: AppRequest, campaign: Campaign) -> dict[str, Any]:
    data = request.GET.copy()
    data["dot"] = str(campaign.pk)
    form = GiftFilterForm(data, user=request.user)
    filters = form.filters() or {"campaign": campaign}
    gifts = selectors.gift_search(user=request.user, **filters)
    page = Paginator(gifts, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    shown = "; ".join(f"{label}: {value}" for label, value in asked(form))
    privacy.log_gifts(user=request.user, gifts=rows, filters=shown, page=page.number)
    return {
        "gift_form": form,
        "page": page,
        "gift_rows": [(g, privacy.gift_label(request.user, g)) for g in rows],
        "filtered": bool(request.GET.get("q") or request.GET.get("doi_tuong")),
    }


def _detail_context(request: AppRequest, campaign: Campaign, **forms: Any) -> dict[str, Any]:
    user = request.user
    manage = can(user, Cap.WELFARE_MANAGE, campaign.org_unit)
    contributions = selectors.contributions(user=user, campaign=campaign)
    moves = [(to, MOVE_LABELS.get(to, "Mở lại đợt")) for to in MOVES.get(campaign.state, ())]
    return {
        "campaign": campaign,
        "participants": list(campaign.participants.order_by("path")),
        "totals": selectors.campaign_totals(campaign),
        "contributions": contributions,
        "received": selectors.contribution_totals(campaign.contributions.all()),
        "flagged": selectors.flagged(user=user, campaign=campaign).count(),
        "manage": manage,
        "can_enter": campaign.takes_gifts and can(user, Cap.WELFARE_MANAGE, None),
        "can_contribute": campaign.takes_contributions and can(user, Cap.WELFARE_MANAGE, None),
        "moves": moves if manage else [],
        "move_form": forms.get("move_form") or MoveForm(),
        **_gift_page(request, campaign),
    }


@login_required
def campaign_detail(request: AppRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    if request.htmx:
        context = {"campaign": campaign, **_gift_page(request, campaign)}
        return render(request, "welfare/_gifts.html", context)
    return render(request, "welfare/campaign_detail.html", _detail_context(request, campaign))


@login_required
def campaign_create(request: AppRequest) -> HttpResponse:
    require_view(request)
    if not can(request.user, Cap.WELFARE_MANAGE, None):
        raise Http404("Không tìm thấy trang.")
    today = clock.today()
    form = CampaignForm(
        request.POST or None, user=request.user, initial={"starts_on": today, "ends_on": today}
    )
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã tạo đợt «{campaign}».")
            return redirect("welfare:detail", pk=campaign.pk)
    return render(request, "welfare/form.html", {"form": form, "title": "Tạo đợt an sinh"})


@login_required
def campaign_edit(request: AppRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    if not can(request.user, Cap.WELFARE_MANAGE, campaign.org_unit):
        raise Http404("Không tìm thấy trang.")
    initial = {f: getattr(campaign, f) for f in ("name", "kind", "starts_on", "ends_on", "note")}
    initial["participants"] = list(campaign.participants.all())
    form = CampaignForm(request.POST or None, user=request.user, editing=True, initial=initial)
    concurrency.track(form, campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đã lưu đợt «{campaign}».")
            return redirect("welfare:detail", pk=campaign.pk)
    context = {"form": form, "title": f"Sửa đợt «{campaign}»", "campaign": campaign}
    return render(request, "welfare/form.html", context)


@login_required
@require_POST
def campaign_move(request: AppRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.campaign_move(
                actor=request.user,
                campaign=campaign,
                to=form.cleaned_data["to"],
                on=form.cleaned_data["on"],
                version=_version(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Đợt «{campaign}»: {campaign.get_state_display()}.")
            return redirect("welfare:detail", pk=campaign.pk)
    campaign.refresh_from_db()
    context = _detail_context(request, campaign, move_form=form)
    return render(request, "welfare/campaign_detail.html", context, status=400)


def _version(request: AppRequest) -> int | None:
    return concurrency.posted_version(request.POST.get("version"))


@login_required
def contribution_add(request: AppRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    if not can(request.user, Cap.WELFARE_MANAGE, None):
        raise Http404("Không tìm thấy trang.")
    form = ContributionForm(
        request.POST or None,
        user=request.user,
        campaign=campaign,
        initial={"received_on": clock.today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_add(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Đã ghi khoản ủng hộ.")
            return redirect("welfare:detail", pk=campaign.pk)
    context = {"form": form, "title": f"Ghi nhận ủng hộ — {campaign}", "campaign": campaign}
    return render(request, "welfare/form.html", context)


@login_required
@require_POST
def contribution_remove(request: AppRequest, pk: int) -> HttpResponse:
    contribution = selectors.contribution_get(user=request.user, pk=pk)
    try:
        services.contribution_remove(actor=request.user, contribution=contribution)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Đã xóa khoản ủng hộ của {contribution.donor_name}.")
    return redirect("welfare:detail", pk=contribution.campaign_id)


@login_required
def disclosure(request: AppRequest, pk: int) -> HttpResponse:
    """Danh sách công khai: printable, or XLSX."""
    campaign = selectors.campaign_get(user=request.user, pk=pk)
    full = privacy.disclosure_names(request.user, campaign)
    gifts = selectors.disclosure(user=request.user, campaign=campaign)
    totals = selectors.totals(gifts)
    received = selectors.contribution_totals(campaign.contributions.all())
    privacy.log(
        user=request.user,
        action=ReadLog.Action.DISCLOSURE,
        what=f"{'XLSX' if wants_xlsx(request) else 'Trang'}: danh sách công khai «{campaign}», "
        f"{totals.gifts} suất",
        org_unit=campaign.org_unit,
        identity_shown=full,
    )
    if wants_xlsx(request):
        return disclosure_xlsx(campaign, gifts, full_names=full)
    rows = [(g, g.beneficiary.head_name if full else privacy.masked(g.beneficiary)) for g in gifts]
    context = {
        "campaign": campaign,
        "rows": rows,
        "totals": totals,
        "received": received,
        "full": full,
    }
    return render(request, "welfare/disclosure.html", context)
