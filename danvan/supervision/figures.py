"""Figures from the supervision register (danvan/reporting/sources.py), for the report's
units and window [start, end]; RegisterUse key ``supervision``.

Activities (counted once, in the window of their first day):

- GIAM_SAT_CUOC: cuộc giám sát held — activities of kind «giám sát» that have begun
  (state đang thực hiện or đã kết thúc; a planned or cancelled one is not held) whose
  ``starts_on`` falls in the window.
- PHAN_BIEN_CUOC: the same for «phản biện xã hội».
- GOP_Y_218: the same for «góp ý xây dựng Đảng, chính quyền» (QĐ 218).

Recommendations, one cohort — those made in the window:

- KIEN_NGHI_GS: recommendations whose ``made_on`` falls in the window.
- KIEN_NGHI_DA_TRA_LOI: of those, the ones with an answer (``answered_on``, the day of
  the first response) on or before the window's last day.
- KIEN_NGHI_CHUA_TRA_LOI: of those, the rest (no answer by the window's last day,
  escalated ones without an answer included). So answered + not answered = made, at
  every level («34 kiến nghị, đã có trả lời 28, 6 chưa có trả lời»).

And a stock at the window's last day (aggregation LAST):

- KIEN_NGHI_QUA_HAN: recommendations made by the window's last day, still waiting for an
  answer then (not answered and not closed or escalated by then) and whose due date is
  before that day — whatever month they were made in (models.overdue_on).

Every count is of the units' own records; the reports of a subtree partition them, so the
city's figure is the sum of its wards' (danvan.reporting.sources).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse

from danvan.org.models import OrgUnit
from danvan.reporting import sources
from danvan.supervision.models import HELD, Activity, Kind, Recommendation, overdue_on

REGISTER = "Sổ theo dõi giám sát, phản biện xã hội"
USE = "supervision"
KEYS = {
    "GIAM_SAT_CUOC": "supervision.supervisions",
    "PHAN_BIEN_CUOC": "supervision.criticisms",
    "GOP_Y_218": "supervision.feedback",
    "KIEN_NGHI_GS": "supervision.recommendations",
    "KIEN_NGHI_DA_TRA_LOI": "supervision.answered",
    "KIEN_NGHI_CHUA_TRA_LOI": "supervision.unanswered",
    "KIEN_NGHI_QUA_HAN": "supervision.overdue",
}


def in_use(units: list[int], start: dt.date, end: dt.date) -> list[int] | None:
    return sources.in_use(USE, units, start, end)


def held(units: list[int], start: dt.date, end: dt.date) -> QuerySet[Activity]:
    return Activity.objects.filter(
        org_unit_id__in=units, state__in=HELD, starts_on__gte=start, starts_on__lte=end
    )


def made(units: list[int], start: dt.date, end: dt.date) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(
        org_unit_id__in=units,
        made_on__gte=start,
        made_on__lte=end,
        activity__deleted_at__isnull=True,
    )


def answered(rows: QuerySet[Recommendation], end: dt.date) -> QuerySet[Recommendation]:
    return rows.filter(answered_on__isnull=False, answered_on__lte=end)


def unanswered(rows: QuerySet[Recommendation], end: dt.date) -> QuerySet[Recommendation]:
    return rows.filter(Q(answered_on__isnull=True) | Q(answered_on__gt=end))


def overdue(units: list[int], end: dt.date) -> QuerySet[Recommendation]:
    rows = Recommendation.objects.filter(org_unit_id__in=units, activity__deleted_at__isnull=True)
    return overdue_on(rows, end)


def _held(kind: str) -> sources.Counter:
    def count(units: list[int], start: dt.date, end: dt.date) -> int:
        return held(units, start, end).filter(kind=kind).count()

    return count


def _made(units: list[int], start: dt.date, end: dt.date) -> int:
    return made(units, start, end).count()


def _answered(units: list[int], start: dt.date, end: dt.date) -> int:
    return answered(made(units, start, end), end).count()


def _unanswered(units: list[int], start: dt.date, end: dt.date) -> int:
    return unanswered(made(units, start, end), end).count()


def _overdue(units: list[int], start: dt.date, end: dt.date) -> int:
    return overdue(units, end).count()


def activities_url(unit: OrgUnit, start: dt.date, end: dt.date, kind: str = "") -> str:
    query = {
        "don_vi": str(unit.pk),
        "tu": f"{start:%d/%m/%Y}",
        "den": f"{end:%d/%m/%Y}",
        "da_to_chuc": "1",
    }
    if kind:
        query["loai"] = kind
    return f"{reverse('supervision:activities')}?{urlencode(query)}"


def recommendations_url(unit: OrgUnit, start: dt.date, end: dt.date, **extra: str) -> str:
    query = {"don_vi": str(unit.pk), "tu": f"{start:%d/%m/%Y}", "den": f"{end:%d/%m/%Y}"}
    return f"{reverse('supervision:recommendations')}?{urlencode({**query, **extra})}"


def overdue_url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
    query = {"don_vi": str(unit.pk), "qua_han_ngay": f"{end:%d/%m/%Y}"}
    return f"{reverse('supervision:recommendations')}?{urlencode(query)}"


def _activities(kind: str) -> sources.ListUrl:
    def url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
        return activities_url(unit, start, end, kind)

    return url


def _recs(**extra: str) -> sources.ListUrl:
    def url(unit: OrgUnit, start: dt.date, end: dt.date) -> str:
        return recommendations_url(unit, start, end, **extra)

    return url


def register_sources() -> None:
    counters: dict[str, tuple[sources.Counter, sources.ListUrl]] = {
        "GIAM_SAT_CUOC": (_held(Kind.SUPERVISION), _activities(Kind.SUPERVISION)),
        "PHAN_BIEN_CUOC": (_held(Kind.CRITICISM), _activities(Kind.CRITICISM)),
        "GOP_Y_218": (_held(Kind.FEEDBACK), _activities(Kind.FEEDBACK)),
        "KIEN_NGHI_GS": (_made, _recs()),
        "KIEN_NGHI_DA_TRA_LOI": (_answered, _recs(tra_loi="co")),
        "KIEN_NGHI_CHUA_TRA_LOI": (_unanswered, _recs(tra_loi="chua")),
        "KIEN_NGHI_QUA_HAN": (_overdue, overdue_url),
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
