"""Figures from the register (danvan/reporting/sources.py), for the report's units and
period window:

- TIEP_CONG_DAN: lượt tiếp công dân, the citizens received at the units' reception
  sessions held in the window; a group counts its size (see models/reception.py).
- DOAN_DONG_NGUOI: groups of five or more received (đoàn đông người).
- DON_NHAN: petitions received in the window, except a confirmed duplicate (it is
  counted in DON_TRUNG and followed up through its original) and except an entry another
  unit of the system forwarded in (the petition is counted once, where it was first
  received; the receiver's list still shows it).
- DON_GIAI_QUYET: of those, the ones dealt with (answered, guided, archived) by the
  window's last day; DON_DANG_XEM_XET: the rest. So «08/24 đơn, 16 đang xem xét» is one
  cohort: resolved + in progress = received, at every level.
- DON_TRUNG: confirmed duplicates received in the window.
- DON_KHIEU_NAI, DON_TO_CAO, DON_KIEN_NGHI: DON_NHAN by kind.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Q, QuerySet, Sum
from django.urls import reverse

from danvan.org.models import OrgUnit
from danvan.petitions.models import (
    GROUP_THRESHOLD,
    DuplicateState,
    Petition,
    PetitionKind,
    ReceptionVisit,
)
from danvan.reporting import sources

REGISTER = "Sổ tiếp công dân, xử lý đơn thư"
KEYS = {
    "TIEP_CONG_DAN": "petitions.citizens_received",
    "DOAN_DONG_NGUOI": "petitions.groups_received",
    "DON_NHAN": "petitions.received",
    "DON_GIAI_QUYET": "petitions.resolved",
    "DON_DANG_XEM_XET": "petitions.in_progress",
    "DON_TRUNG": "petitions.duplicates",
    "DON_KHIEU_NAI": "petitions.complaints",
    "DON_TO_CAO": "petitions.denunciations",
    "DON_KIEN_NGHI": "petitions.proposals",
}


# RegisterUse rows of this register (danvan.reporting.models.RegisterUse).
USE = "petitions"


def in_use(units: list[int], start: dt.date, end: dt.date) -> list[int] | None:
    """Those of ``units`` that kept the register in the window; None when none did."""
    return sources.in_use(USE, units, start, end)


def _counted(count: sources.Counter) -> sources.Counter:
    return sources.counted_where_kept(USE, count)


def _visits(units: list[int], start: dt.date, end: dt.date) -> QuerySet[ReceptionVisit]:
    return ReceptionVisit.objects.filter(
        session__org_unit_id__in=units,
        session__deleted_at__isnull=True,
        session__held_on__gte=start,
        session__held_on__lte=end,
    )


def citizens_received(units: list[int], start: dt.date, end: dt.date) -> int:
    return int(_visits(units, start, end).aggregate(n=Sum("group_size"))["n"] or 0)


def groups_received(units: list[int], start: dt.date, end: dt.date) -> int:
    return _visits(units, start, end).filter(group_size__gte=GROUP_THRESHOLD).count()


def _received(units: list[int], start: dt.date, end: dt.date) -> QuerySet[Petition]:
    return (
        Petition.objects.filter(org_unit_id__in=units, received_on__gte=start, received_on__lte=end)
        .exclude(duplicate_state=DuplicateState.CONFIRMED)
        .exclude(forwarded_from__isnull=False)
    )


def received(units: list[int], start: dt.date, end: dt.date) -> int:
    return _received(units, start, end).count()


def resolved(units: list[int], start: dt.date, end: dt.date) -> int:
    return _received(units, start, end).filter(resolved_on__lte=end).count()


def in_progress(units: list[int], start: dt.date, end: dt.date) -> int:
    return (
        _received(units, start, end)
        .filter(Q(resolved_on__isnull=True) | Q(resolved_on__gt=end))
        .count()
    )


def duplicates(units: list[int], start: dt.date, end: dt.date) -> int:
    return Petition.objects.filter(
        org_unit_id__in=units,
        received_on__gte=start,
        received_on__lte=end,
        duplicate_state=DuplicateState.CONFIRMED,
    ).count()


def _by_kind(kind: str) -> sources.Counter:
    def count(units: list[int], start: dt.date, end: dt.date) -> int:
        return _received(units, start, end).filter(kind=kind).count()

    return count


def _list_url(**extra: str) -> sources.ListUrl:
    def url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
        query = {"don_vi": str(unit.pk), "tu": f"{start:%d/%m/%Y}", "den": f"{end:%d/%m/%Y}"}
        return f"{reverse('petitions:list')}?{urlencode({**query, **extra})}"

    return url


def list_url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
    """The register's list for ``unit``'s subtree, received in [start, end]."""
    return _list_url()(unit, start, end)


def _sessions_url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
    query = {"don_vi": str(unit.pk), "tu": f"{start:%d/%m/%Y}", "den": f"{end:%d/%m/%Y}"}
    return f"{reverse('petitions:sessions')}?{urlencode(query)}"


def register_sources() -> None:
    counters: dict[str, tuple[sources.Counter, sources.ListUrl]] = {
        "TIEP_CONG_DAN": (citizens_received, _sessions_url),
        "DOAN_DONG_NGUOI": (groups_received, _sessions_url),
        "DON_NHAN": (received, _list_url()),
        "DON_GIAI_QUYET": (resolved, _list_url()),
        "DON_DANG_XEM_XET": (in_progress, _list_url()),
        "DON_TRUNG": (duplicates, _list_url(trung="1")),
        "DON_KHIEU_NAI": (_by_kind(PetitionKind.COMPLAINT), _list_url(loai="khieu_nai")),
        "DON_TO_CAO": (_by_kind(PetitionKind.DENUNCIATION), _list_url(loai="to_cao")),
        "DON_KIEN_NGHI": (_by_kind(PetitionKind.PROPOSAL), _list_url(loai="kien_nghi")),
    }
    for code, (count, url) in counters.items():
        sources.register(
            sources.Source(key=KEYS[code], register=REGISTER, count=_counted(count), list_url=url)
        )
