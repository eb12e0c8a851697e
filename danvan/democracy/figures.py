"""Figures from the grassroots-democracy register (danvan/reporting/sources.py), for the
report's units and window; RegisterUse key ``democracy``. Windows:

- DC_CONG_KHAI: disclosures made public (đang công khai, hết hạn or thu hồi later — not a
  draft) whose first day (``starts_on``) falls in the window.
- DC_BIEU_QUYET: matters the people decided (state «đã biểu quyết»), held in the window
  (``held_on``).
- DC_THONG_QUA: of those, the ones passed (``outcome`` «thông qua»).
- DC_LAY_Y_KIEN: consultations opened in the window (``starts_on``), open or closed.
- DC_GIAM_SAT: findings of the people's inspection and community investment-monitoring
  boards concluded in the window (``found_on``), open or resolved.

Every figure is a flow (SUM): a unit's count is the sum of its subtree's, at every level.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from danvan.democracy.models import (
    Consultation,
    DecisionState,
    Disclosure,
    DisclosureState,
    Outcome,
    Oversight,
    PeopleDecision,
)
from danvan.org.models import OrgUnit
from danvan.reporting import sources

REGISTER = "Sổ theo dõi thực hiện dân chủ ở cơ sở"
USE = "democracy"
KEYS = {
    "DC_CONG_KHAI": "democracy.disclosures",
    "DC_BIEU_QUYET": "democracy.decided",
    "DC_THONG_QUA": "democracy.passed",
    "DC_LAY_Y_KIEN": "democracy.consultations",
    "DC_GIAM_SAT": "democracy.oversight",
}
MADE_PUBLIC = (DisclosureState.PUBLISHED, DisclosureState.WITHDRAWN)


def disclosed(units: list[int], start: dt.date, end: dt.date) -> QuerySet[Disclosure]:
    return Disclosure.objects.filter(
        org_unit_id__in=units, state__in=MADE_PUBLIC, starts_on__gte=start, starts_on__lte=end
    )


def decided(units: list[int], start: dt.date, end: dt.date) -> QuerySet[PeopleDecision]:
    return PeopleDecision.objects.filter(
        org_unit_id__in=units, state=DecisionState.DECIDED, held_on__gte=start, held_on__lte=end
    )


def consulted(units: list[int], start: dt.date, end: dt.date) -> QuerySet[Consultation]:
    return Consultation.objects.filter(
        org_unit_id__in=units, starts_on__gte=start, starts_on__lte=end
    )


def overseen(units: list[int], start: dt.date, end: dt.date) -> QuerySet[Oversight]:
    return Oversight.objects.filter(org_unit_id__in=units, found_on__gte=start, found_on__lte=end)


def _count_disclosed(units: list[int], start: dt.date, end: dt.date) -> int:
    return disclosed(units, start, end).count()


def _count_decided(units: list[int], start: dt.date, end: dt.date) -> int:
    return decided(units, start, end).count()


def _count_passed(units: list[int], start: dt.date, end: dt.date) -> int:
    return decided(units, start, end).filter(outcome=Outcome.PASSED).count()


def _count_consulted(units: list[int], start: dt.date, end: dt.date) -> int:
    return consulted(units, start, end).count()


def _count_overseen(units: list[int], start: dt.date, end: dt.date) -> int:
    return overseen(units, start, end).count()


def list_url(tab: str, unit: OrgUnit, start: dt.date, end: dt.date, **extra: str) -> str:
    """The tab's list, filtered to ``unit``'s subtree and the window (the list's dates
    filter the same date the figure counts)."""
    query = {"don_vi": str(unit.pk), "tu": f"{start:%d/%m/%Y}", "den": f"{end:%d/%m/%Y}"}
    query.update(extra)
    return f"{reverse('democracy:list', kwargs={'key': tab})}?{urlencode(query)}"


def disclosures_url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
    return list_url("disclosures", unit, start, end, da_cong_khai="1")


def decisions_url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
    return list_url("decisions", unit, start, end, tinh_trang=DecisionState.DECIDED)


def passed_url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
    return list_url(
        "decisions", unit, start, end, tinh_trang=DecisionState.DECIDED, ket_qua=Outcome.PASSED
    )


def consultations_url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
    return list_url("consultations", unit, start, end)


def oversight_url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
    return list_url("oversight", unit, start, end)


def register_sources() -> None:
    counters: dict[str, tuple[sources.Counter, sources.ListUrl]] = {
        "DC_CONG_KHAI": (_count_disclosed, disclosures_url),
        "DC_BIEU_QUYET": (_count_decided, decisions_url),
        "DC_THONG_QUA": (_count_passed, passed_url),
        "DC_LAY_Y_KIEN": (_count_consulted, consultations_url),
        "DC_GIAM_SAT": (_count_overseen, oversight_url),
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
