"""Figures from the religious affairs register (danvan/reporting/sources.py), for the
report's units and window; RegisterUse key ``religion``:

- TG_CO_SO (a stock, aggregation LAST): places of worship active on the window's last
  day — begun by then (``active_since`` empty or not after it) and not suspended then
  (``suspended_on`` empty or after it).
- TG_DIEM_NHOM (LAST): registered group-worship points active on that day, counted from
  their decision's date.
- TG_SU_KIEN: events and festivals held (state «đã diễn ra») that began in the window.
- TG_THAM_DU: their actual attendance, summed.

A stock counted at the end of each unit's window sums over units: the city's count is the
sum of its wards', like every other figure here.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Q, QuerySet, Sum
from django.urls import reverse

from danvan.org.models import OrgUnit
from danvan.religion.models import Event, EventState, Place, PlaceKind
from danvan.reporting import sources

REGISTER = "Sổ theo dõi công tác tôn giáo"
USE = "religion"
KEYS = {
    "TG_CO_SO": "religion.places",
    "TG_DIEM_NHOM": "religion.group_points",
    "TG_SU_KIEN": "religion.events_held",
    "TG_THAM_DU": "religion.attendance",
}


def active_on(places: QuerySet[Place], day: dt.date) -> QuerySet[Place]:
    """Those of ``places`` counted in the stock on ``day``."""
    begun = Q(kind=PlaceKind.WORSHIP, active_since__isnull=True) | Q(
        kind=PlaceKind.WORSHIP, active_since__lte=day
    )
    registered = Q(kind=PlaceKind.GROUP, decision_on__isnull=True) | Q(
        kind=PlaceKind.GROUP, decision_on__lte=day
    )
    return places.filter(begun | registered).filter(
        Q(suspended_on__isnull=True) | Q(suspended_on__gt=day)
    )


def _places(kind: str) -> sources.Counter:
    def count(units: list[int], start: dt.date, end: dt.date) -> int:
        return active_on(Place.objects.filter(org_unit_id__in=units, kind=kind), end).count()

    return count


def held(units: list[int], start: dt.date, end: dt.date) -> QuerySet[Event]:
    return Event.objects.filter(
        org_unit_id__in=units,
        state=EventState.HELD,
        starts_on__gte=start,
        starts_on__lte=end,
        place__deleted_at__isnull=True,
    )


def events_held(units: list[int], start: dt.date, end: dt.date) -> int:
    return held(units, start, end).count()


def attendance(units: list[int], start: dt.date, end: dt.date) -> int:
    return int(held(units, start, end).aggregate(n=Sum("actual_attendance"))["n"] or 0)


def places_url(unit: OrgUnit, start: dt.date, end: dt.date, kind: str = "") -> str:
    query = {"don_vi": str(unit.pk), "ngay": f"{end:%d/%m/%Y}"}
    if kind:
        query["loai"] = kind
    return f"{reverse('religion:places')}?{urlencode(query)}"


def events_url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
    query = {
        "don_vi": str(unit.pk),
        "tu": f"{start:%d/%m/%Y}",
        "den": f"{end:%d/%m/%Y}",
        "tinh_trang": EventState.HELD,
    }
    return f"{reverse('religion:events')}?{urlencode(query)}"


def _place_url(kind: str) -> sources.ListUrl:
    def url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
        return places_url(unit, start, end, kind)

    return url


def register_sources() -> None:
    counters: dict[str, tuple[sources.Counter, sources.ListUrl]] = {
        "TG_CO_SO": (_places(PlaceKind.WORSHIP), _place_url(PlaceKind.WORSHIP)),
        "TG_DIEM_NHOM": (_places(PlaceKind.GROUP), _place_url(PlaceKind.GROUP)),
        "TG_SU_KIEN": (events_held, events_url),
        "TG_THAM_DU": (attendance, events_url),
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
