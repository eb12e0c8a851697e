"""Reads of the supervision register, through the scoping function (``Cap.SUPERVISION_VIEW``
reads; a record out of scope is a 404)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.db.models import Count, Model, Q, QuerySet
from django.http import Http404

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.org.models import OrgUnit
from danvan.supervision.models import (
    HELD,
    Activity,
    ActivityState,
    Kind,
    Programme,
    Recommendation,
    RecState,
    overdue_on,
)

M = TypeVar("M", bound=Model)
NOT_FOUND = "Không tìm thấy, hoặc nằm ngoài phạm vi của bạn."


def visible(user: Any, model: type[M], cap: Cap = Cap.SUPERVISION_VIEW) -> QuerySet[M]:
    return scoped(model.objects.all(), user, cap)  # type: ignore[attr-defined]


def get(user: Any, model: type[M], pk: int) -> M:
    found = visible(user, model).select_related("org_unit").filter(pk=pk).first()
    if found is None:
        raise Http404(NOT_FOUND)
    return found


def _under(rows: QuerySet[M], unit: OrgUnit | None) -> QuerySet[M]:
    return rows.filter(org_unit__path__startswith=unit.path) if unit is not None else rows


def programme_search(
    *, user: Any, q: str = "", year: int | None = None, org_unit: OrgUnit | None = None
) -> QuerySet[Programme]:
    rows = _under(visible(user, Programme), org_unit)
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(basis__icontains=q))
    if year:
        rows = rows.filter(year=year)
    return (
        rows.select_related("org_unit", "basis_document")
        .annotate(activity_count=Count("activities", filter=Q(activities__deleted_at__isnull=True)))
        .order_by("-year", "org_unit__path", "title", "id")
    )


def activity_search(
    *,
    user: Any,
    q: str = "",
    kind: str = "",
    state: str = "",
    year: int | None = None,
    org_unit: OrgUnit | None = None,
    programme: Programme | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    held_only: bool = False,
) -> QuerySet[Activity]:
    """Activities of the subtree; ``start``/``end`` bound the first day (as the figures
    count them); ``held_only`` keeps those begun (đang thực hiện, đã kết thúc)."""
    rows = _under(visible(user, Activity), org_unit).filter(programme__deleted_at__isnull=True)
    if q:
        rows = rows.filter(
            Q(title__icontains=q) | Q(target__icontains=q) | Q(findings__icontains=q)
        )
    if kind in Kind.values:
        rows = rows.filter(kind=kind)
    if state in ActivityState.values:
        rows = rows.filter(state=state)
    if year:
        rows = rows.filter(programme__year=year)
    if programme is not None:
        rows = rows.filter(programme=programme)
    if start is not None:
        rows = rows.filter(starts_on__gte=start)
    if end is not None:
        rows = rows.filter(starts_on__lte=end)
    if held_only:
        rows = rows.filter(state__in=HELD)
    return rows.select_related("org_unit", "programme")


def with_counts(rows: QuerySet[Activity]) -> QuerySet[Activity]:
    """``rec_count``: each activity's recommendations (for the lists; never count a
    queryset annotated so by another column)."""
    return rows.annotate(
        rec_count=Count("recommendations", filter=Q(recommendations__deleted_at__isnull=True))
    )


def recommendation_search(
    *,
    user: Any,
    q: str = "",
    state: str = "",
    kind: str = "",
    org_unit: OrgUnit | None = None,
    activity: Activity | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    answered: str = "",
    overdue_day: dt.date | None = None,
) -> QuerySet[Recommendation]:
    """Recommendations of the subtree. ``start``/``end`` bound the day made; ``answered``
    «co» / «chua»: with / without an answer by ``end`` (today when no end);
    ``overdue_day``: waiting for an answer on that day past their due date."""
    rows = _under(visible(user, Recommendation), org_unit).filter(activity__deleted_at__isnull=True)
    if q:
        rows = rows.filter(
            Q(content__icontains=q) | Q(addressed_to__icontains=q) | Q(activity__title__icontains=q)
        )
    if state in RecState.values:
        rows = rows.filter(state=state)
    if kind in Kind.values:
        rows = rows.filter(activity__kind=kind)
    if activity is not None:
        rows = rows.filter(activity=activity)
    if start is not None:
        rows = rows.filter(made_on__gte=start)
    if end is not None:
        rows = rows.filter(made_on__lte=end)
    if answered in ("co", "chua"):
        from danvan.core import clock

        by = end or clock.today()
        have = Q(answered_on__isnull=False, answered_on__lte=by)
        rows = rows.filter(have) if answered == "co" else rows.exclude(have)
    if overdue_day is not None:
        rows = overdue_on(rows, overdue_day)
    return rows.select_related("org_unit", "activity", "addressed_unit")


def overdue_for(*, user: Any, units: list[OrgUnit], day: dt.date) -> list[Recommendation]:
    """Recommendations of the subtrees of ``units`` waiting for an answer on ``day`` past
    their due date (the inbox, the giao ban), oldest due first."""
    if not units:
        return []
    under = Q()
    for unit in units:
        under |= Q(org_unit__path__startswith=unit.path)
    rows = recommendation_search(user=user, overdue_day=day).filter(under)
    return list(rows.order_by("due_on", "id"))


def stats(*, user: Any, org_unit: OrgUnit | None, today: dt.date) -> dict[str, Any]:
    """Counts of the subtree: activities by kind and state, recommendations by state,
    and those overdue today."""
    activities = _under(visible(user, Activity), org_unit).filter(
        programme__deleted_at__isnull=True
    )
    recs = _under(visible(user, Recommendation), org_unit).filter(activity__deleted_at__isnull=True)
    by_kind: dict[str, dict[str, int]] = {
        k: dict.fromkeys(ActivityState.values, 0) for k in Kind.values
    }
    for row in activities.values("kind", "state").annotate(n=Count("id")).order_by():
        by_kind[row["kind"]][row["state"]] = row["n"]
    by_state = {r["state"]: r["n"] for r in recs.values("state").annotate(n=Count("id")).order_by()}
    return {
        "programmes": _under(visible(user, Programme), org_unit).count(),
        "activities": by_kind,
        "recommendations": {s: by_state.get(s, 0) for s in RecState.values},
        "overdue": overdue_on(recs, today).count(),
    }
