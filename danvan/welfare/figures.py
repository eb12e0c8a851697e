"""Figures from the welfare register (danvan/reporting/sources.py), for the report's units
and period window:

- QUA_SUAT: suất quà given in the window by the units' organisations (a gift removed as a
  duplicate is not counted; one kept after review is).
- QUA_GIA_TRI: their value, summed in đồng and reported in triệu đồng (2.811.700.000 đồng
  → 2.811,7). The sum is exact to the hundred đồng (four decimals of a million), so the
  figures of a subtree's reports add up to the register's total at every level; the pages
  and the compiled report show one decimal.
- QUA_TRUNG: suất flagged as a second organisation's gift to the same household in the
  same campaign, still standing (waiting for review, or kept after it).
- UNG_HO_GIA_TRI: cash and goods (valued) received in the window by the units, triệu đồng.

A gift counts where it was given (the giving organisation's unit), a contribution where
it was received: the wards' reports partition a city-wide campaign.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.db.models import F, QuerySet, Sum
from django.urls import reverse

from danvan.org.models import OrgUnit
from danvan.reporting import sources
from danvan.welfare.models import FLAGGED_STATES, Contribution, Gift

REGISTER = "Sổ an sinh xã hội, trao quà"
KEYS = {
    "QUA_SUAT": "welfare.gifts",
    "QUA_GIA_TRI": "welfare.value",
    "QUA_TRUNG": "welfare.duplicates",
    "UNG_HO_GIA_TRI": "welfare.contributions",
}
# RegisterUse rows of this register (danvan.reporting.models.RegisterUse).
USE = "welfare"
MILLION = Decimal(1_000_000)
PLACES = Decimal("0.0001")


def millions(dong: Decimal | int | None) -> Decimal:
    return (Decimal(dong or 0) / MILLION).quantize(PLACES, rounding=ROUND_HALF_UP)


def _gifts(units: list[int], start: dt.date, end: dt.date) -> QuerySet[Gift]:
    return Gift.objects.filter(
        giver_id__in=units,
        given_on__gte=start,
        given_on__lte=end,
        campaign__deleted_at__isnull=True,
    )


def portions(units: list[int], start: dt.date, end: dt.date) -> int:
    return int(_gifts(units, start, end).aggregate(n=Sum("portions"))["n"] or 0)


def value(units: list[int], start: dt.date, end: dt.date) -> Decimal:
    return millions(_gifts(units, start, end).aggregate(v=Sum("value"))["v"])


def duplicates(units: list[int], start: dt.date, end: dt.date) -> int:
    flagged = _gifts(units, start, end).filter(duplicate_state__in=FLAGGED_STATES)
    return int(flagged.aggregate(n=Sum("portions"))["n"] or 0)


def contributions(units: list[int], start: dt.date, end: dt.date) -> Decimal:
    rows = Contribution.objects.filter(
        received_by_id__in=units,
        received_on__gte=start,
        received_on__lte=end,
        campaign__deleted_at__isnull=True,
    )
    return millions(rows.aggregate(v=Sum(F("cash") + F("in_kind_value")))["v"])


def list_url(unit: OrgUnit, start: dt.date, end: dt.date, **extra: str) -> str:
    query = {"don_vi": str(unit.pk), "tu": f"{start:%d/%m/%Y}", "den": f"{end:%d/%m/%Y}"}
    return f"{reverse('welfare:gifts')}?{urlencode({**query, **extra})}"


def _gifts_url(**extra: str) -> sources.ListUrl:
    def url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
        return list_url(unit, start, end, **extra)

    return url


def _campaigns_url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
    return f"{reverse('welfare:list')}?{urlencode({'don_vi': str(unit.pk), 'nam': start.year})}"


def register_sources() -> None:
    counters: dict[str, tuple[sources.Counter, sources.ListUrl]] = {
        "QUA_SUAT": (portions, _gifts_url()),
        "QUA_GIA_TRI": (value, _gifts_url()),
        "QUA_TRUNG": (duplicates, _gifts_url(trung="1")),
        "UNG_HO_GIA_TRI": (contributions, _campaigns_url),
    }
    for code, (count, url) in counters.items():
        sources.register(
            sources.Source(
                key=KEYS[code],
                register=REGISTER,
                count=sources.counted_where_kept(USE, count),
                list_url=url,
            )
        )
