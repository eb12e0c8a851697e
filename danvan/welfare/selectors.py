"""Reads of the welfare register, always through the scoping function: campaigns, gifts and
contributions with ``Cap.WELFARE_VIEW`` (their names masked by the pages unless the reader
holds ``WELFARE_MANAGE``), the beneficiaries' register with ``WELFARE_MANAGE``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.lib.text import fold
from danvan.org.models import OrgUnit
from danvan.welfare.models import (
    FLAGGED_STATES,
    Beneficiary,
    Campaign,
    CampaignState,
    Category,
    Contribution,
    DuplicateState,
    Gift,
    GiftQuerySet,
)

MILLION = Decimal(1_000_000)


def campaigns_visible(user: Any) -> QuerySet[Campaign]:
    return scoped(Campaign.objects.all(), user, Cap.WELFARE_VIEW)


def campaign_search(
    *,
    user: Any,
    q: str = "",
    state: str = "",
    kind: str = "",
    org_unit: OrgUnit | None = None,
    year: int | None = None,
) -> QuerySet[Campaign]:
    rows = campaigns_visible(user)
    if q:
        rows = rows.filter(name_folded__contains=fold(q))
    if state in CampaignState.values:
        rows = rows.filter(state=state)
    if kind:
        rows = rows.filter(kind=kind)
    if org_unit is not None:
        rows = rows.filter(
            Q(org_unit__path__startswith=org_unit.path)
            | Q(participants__path__startswith=org_unit.path)
        ).distinct()
    if year is not None:
        rows = rows.filter(starts_on__year__lte=year, ends_on__year__gte=year)
    return rows.select_related("org_unit").order_by("-starts_on", "-id")


def campaign_get(*, user: Any, pk: int) -> Campaign:
    found = campaigns_visible(user).select_related("org_unit").filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy đợt an sinh, hoặc đợt nằm ngoài phạm vi của bạn.")
    return found


def gifts_visible(user: Any) -> GiftQuerySet:
    return scoped(Gift.objects.all(), user, Cap.WELFARE_VIEW)


def gift_search(
    *,
    user: Any,
    campaign: Campaign | None = None,
    q: str = "",
    category: str = "",
    org_unit: OrgUnit | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    duplicates: bool = False,
) -> GiftQuerySet:
    """Gifts in scope, newest first. ``q`` (without marks) finds a household by name only
    among the gifts whose names the reader may see (a masked list is not searchable by a
    name it hides), and the gift's content everywhere."""
    rows = gifts_visible(user)
    if campaign is not None:
        rows = rows.filter(campaign=campaign)
    if q:
        folded = fold(q)
        named = scoped(Gift.objects.all(), user, Cap.WELFARE_MANAGE).filter(
            beneficiary__name_folded__contains=folded
        )
        rows = rows.filter(Q(pk__in=named.values("pk")) | Q(description__icontains=q.strip()))
    if category in Category.values:
        rows = rows.filter(category=category)
    if org_unit is not None:
        rows = rows.filter(giver__path__startswith=org_unit.path)
    if start is not None:
        rows = rows.filter(given_on__gte=start)
    if end is not None:
        rows = rows.filter(given_on__lte=end)
    if duplicates:
        rows = rows.filter(duplicate_state__in=FLAGGED_STATES)
    return rows.select_related(
        "campaign", "giver", "beneficiary__area", "beneficiary__org_unit", "duplicate_of__giver"
    ).order_by("-given_on", "-id")


def gift_get(*, user: Any, pk: int) -> Gift:
    found = (
        gifts_visible(user)
        .select_related("campaign__org_unit", "giver", "beneficiary__area", "duplicate_of")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("Không tìm thấy suất quà, hoặc nằm ngoài phạm vi của bạn.")
    return found


@dataclass
class Totals:
    """Suất and value (đồng) of a set of gifts, by organisation and by category."""

    portions: int = 0
    value: Decimal = Decimal(0)
    gifts: int = 0
    by_giver: list[dict[str, Any]] = field(default_factory=list)
    by_category: list[dict[str, Any]] = field(default_factory=list)

    @property
    def millions(self) -> Decimal:
        return self.value / MILLION


def totals(gifts: QuerySet[Gift]) -> Totals:
    plain = gifts.order_by()
    whole = plain.aggregate(p=Sum("portions"), v=Sum("value"), n=Count("pk"))
    labels = dict(Category.choices)
    by_giver: list[dict[str, Any]] = [
        dict(row)
        for row in plain.values("giver_id", "giver__name")
        .annotate(portions=Sum("portions"), value=Sum("value"), gifts=Count("pk"))
        .order_by("-portions", "giver__name")
    ]
    by_category = [
        {**row, "label": labels.get(row["category"], row["category"])}
        for row in plain.values("category")
        .annotate(portions=Sum("portions"), value=Sum("value"))
        .order_by("-portions", "category")
    ]
    return Totals(
        portions=int(whole["p"] or 0),
        value=Decimal(whole["v"] or 0),
        gifts=int(whole["n"] or 0),
        by_giver=by_giver,
        by_category=by_category,
    )


def campaign_totals(campaign: Campaign) -> Totals:
    """The whole campaign's totals (not personal data: every reader of the campaign sees
    them, whatever part of its gift list their scope shows)."""
    return totals(Gift.objects.filter(campaign=campaign).select_related(None))


def contributions_visible(user: Any) -> QuerySet[Contribution]:
    return scoped(Contribution.objects.all(), user, Cap.WELFARE_VIEW)


def contributions(*, user: Any, campaign: Campaign) -> QuerySet[Contribution]:
    return (
        contributions_visible(user)
        .filter(campaign=campaign)
        .select_related("received_by", "donor_unit")
        .order_by("received_on", "id")
    )


def contribution_get(*, user: Any, pk: int) -> Contribution:
    found = (
        scoped(Contribution.objects.all(), user, Cap.WELFARE_VIEW)
        .select_related("campaign__org_unit", "received_by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("Không tìm thấy khoản ủng hộ.")
    return found


def contribution_totals(rows: QuerySet[Contribution]) -> dict[str, Decimal]:
    found = rows.order_by().aggregate(cash=Sum("cash"), goods=Sum("in_kind_value"))
    cash, goods = Decimal(found["cash"] or 0), Decimal(found["goods"] or 0)
    return {"cash": cash, "goods": goods, "total": cash + goods}


def flagged(*, user: Any, campaign: Campaign) -> GiftQuerySet:
    """The «trùng» list: gifts flagged as a second organisation's gift to a household."""
    return gift_search(user=user, campaign=campaign).filter(
        duplicate_state__in=[DuplicateState.FLAGGED, DuplicateState.KEPT]
    )


def disclosure(*, user: Any, campaign: Campaign) -> GiftQuerySet:
    """The rows of the public disclosure list, by area then name: once published every gift
    standing (the list is public); before that, a draft of the gifts in the reader's scope."""
    rows = Gift.objects.all() if campaign.state == CampaignState.PUBLISHED else gifts_visible(user)
    return (
        rows.filter(campaign=campaign)
        .select_related("giver", "beneficiary__area", "beneficiary__org_unit")
        .order_by("beneficiary__area__name", "beneficiary__name_folded", "given_on", "id")
    )


# --- the beneficiaries' register ------------------------------------------------------


def beneficiaries_kept(user: Any) -> QuerySet[Beneficiary]:
    """Households whose names ``user`` may read: holders of ``WELFARE_MANAGE`` on the
    commune or on one of its organisations (the register is inherited down)."""
    return scoped(Beneficiary.objects.all(), user, Cap.WELFARE_MANAGE)


def beneficiary_search(
    *,
    user: Any,
    q: str = "",
    category: str = "",
    org_unit: OrgUnit | None = None,
) -> QuerySet[Beneficiary]:
    rows = beneficiaries_kept(user)
    if q:
        folded = fold(q)
        rows = rows.filter(Q(name_folded__contains=folded) | Q(household_key__contains=folded))
    if category in Category.values:
        rows = rows.filter(category=category)
    if org_unit is not None:
        rows = rows.filter(org_unit__path__startswith=commune_path(org_unit))
    return rows.select_related("org_unit", "area").order_by("name_folded", "id")


def commune_path(unit: OrgUnit) -> str:
    from danvan.welfare.services import commune_of

    return commune_of(unit).path


def beneficiary_get(*, user: Any, pk: int) -> Beneficiary:
    found = beneficiaries_kept(user).select_related("org_unit", "area").filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy đối tượng, hoặc nằm ngoài phạm vi của bạn.")
    return found


def stats(
    *,
    user: Any,
    org_unit: OrgUnit | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    campaign: Campaign | None = None,
) -> Totals:
    """Suất and value for a subtree (given by its organisations), by category and giver."""
    return totals(
        gift_search(user=user, org_unit=org_unit, start=start, end=end, campaign=campaign)
    )
