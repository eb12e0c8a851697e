"""Reads of the religious affairs register, through the scoping function: places,
organisations, figures and events with ``Cap.RELIGION_VIEW``; situations only with
``Cap.RELIGION_SENSITIVE`` (anyone else gets nothing, and a 404 on a record)."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.db.models import Count, Model, Q, QuerySet, Sum
from django.http import Http404

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.org.models import OrgUnit
from danvan.religion.figures import active_on
from danvan.religion.models import (
    Event,
    EventState,
    Figure,
    Organisation,
    Place,
    PlaceKind,
    Religion,
    Situation,
)

M = TypeVar("M", bound=Model)
NOT_FOUND = "Không tìm thấy, hoặc nằm ngoài phạm vi của bạn."


def visible(user: Any, model: type[M], cap: Cap = Cap.RELIGION_VIEW) -> QuerySet[M]:
    cap = Cap.RELIGION_SENSITIVE if model is Situation else cap
    return scoped(model.objects.all(), user, cap)  # type: ignore[attr-defined]


def get(user: Any, model: type[M], pk: int) -> M:
    found = visible(user, model).select_related("org_unit").filter(pk=pk).first()
    if found is None:
        raise Http404(NOT_FOUND)
    return found


def _under(rows: QuerySet[M], unit: OrgUnit | None) -> QuerySet[M]:
    return rows.filter(org_unit__path__startswith=unit.path) if unit is not None else rows


def place_search(
    *,
    user: Any,
    q: str = "",
    religion: Religion | None = None,
    kind: str = "",
    state: str = "",
    org_unit: OrgUnit | None = None,
    active_day: dt.date | None = None,
) -> QuerySet[Place]:
    places = _under(visible(user, Place), org_unit)
    if q:
        places = places.filter(
            Q(name__icontains=q) | Q(address__icontains=q) | Q(organisation__name__icontains=q)
        )
    if religion is not None:
        places = places.filter(religion=religion)
    if kind in PlaceKind.values:
        places = places.filter(kind=kind)
    if state:
        places = places.filter(state=state)
    if active_day is not None:
        places = active_on(places, active_day)
    return places.select_related("org_unit", "religion", "organisation").order_by(
        "org_unit__path", "kind", "name", "id"
    )


def organisation_search(
    *, user: Any, q: str = "", religion: Religion | None = None, org_unit: OrgUnit | None = None
) -> QuerySet[Organisation]:
    rows = _under(visible(user, Organisation), org_unit)
    if q:
        rows = rows.filter(name__icontains=q)
    if religion is not None:
        rows = rows.filter(religion=religion)
    return (
        rows.select_related("org_unit", "religion", "emulation_model")
        .annotate(place_count=Count("places", filter=Q(places__deleted_at__isnull=True)))
        .order_by("religion__sort_order", "name", "id")
    )


def event_search(
    *,
    user: Any,
    q: str = "",
    state: str = "",
    org_unit: OrgUnit | None = None,
    religion: Religion | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[Event]:
    events = _under(visible(user, Event), org_unit).filter(place__deleted_at__isnull=True)
    if q:
        events = events.filter(Q(name__icontains=q) | Q(place__name__icontains=q))
    if state in EventState.values:
        events = events.filter(state=state)
    if religion is not None:
        events = events.filter(place__religion=religion)
    if start is not None:
        events = events.filter(ends_on__gte=start)
    if end is not None:
        events = events.filter(starts_on__lte=end)
    return events.select_related("org_unit", "place", "place__religion")


def upcoming(*, user: Any, today: dt.date, days: int = 45) -> QuerySet[Event]:
    return event_search(
        user=user, state=EventState.PLANNED, start=today, end=today + dt.timedelta(days=days)
    ).order_by("starts_on", "id")


def figure_search(
    *, user: Any, place: Place | None = None, org_unit: OrgUnit | None = None, role: str = ""
) -> QuerySet[Figure]:
    rows = _under(visible(user, Figure), org_unit)
    if place is not None:
        rows = rows.filter(place=place)
    if role:
        rows = rows.filter(role=role)
    return rows.select_related("org_unit", "place")


def situation_search(
    *, user: Any, state: str = "", org_unit: OrgUnit | None = None
) -> QuerySet[Situation]:
    rows = _under(visible(user, Situation), org_unit)
    if state:
        rows = rows.filter(state=state)
    return rows.select_related("org_unit", "place")


def linked_models(*, user: Any, org_unit: OrgUnit | None = None) -> list[Place | Organisation]:
    """Places and organisations linked to a «Dân vận khéo» model: the models of
    mobilisation among believers."""
    places = _under(visible(user, Place), org_unit).filter(emulation_model__isnull=False)
    orgs = _under(visible(user, Organisation), org_unit).filter(emulation_model__isnull=False)
    rows: list[Place | Organisation] = [
        *places.select_related("emulation_model", "org_unit", "religion"),
        *orgs.select_related("emulation_model", "org_unit", "religion"),
    ]
    return rows


def stats(
    *, user: Any, org_unit: OrgUnit | None, today: dt.date, sensitive: bool
) -> dict[str, Any]:
    """Counts for the subtree: places by kind and religion, events by state, attendance;
    situations by state only when ``sensitive`` (the caller checks the capability)."""
    places = _under(visible(user, Place), org_unit)
    active = active_on(places, today)
    by_religion = (
        active.values("religion__name", "kind").annotate(n=Count("id")).order_by("religion__name")
    )
    events = _under(visible(user, Event), org_unit).filter(place__deleted_at__isnull=True)
    by_state = {row["state"]: row["n"] for row in events.values("state").annotate(n=Count("id"))}
    result: dict[str, Any] = {
        "places": active.filter(kind=PlaceKind.WORSHIP).count(),
        "group_points": active.filter(kind=PlaceKind.GROUP).count(),
        "by_religion": [
            {"religion": r["religion__name"], "kind": r["kind"], "count": r["n"]}
            for r in by_religion
        ],
        "followers": int(active.aggregate(n=Sum("followers"))["n"] or 0),
        "events": {state: by_state.get(state, 0) for state in EventState.values},
        "attendance": int(
            events.filter(state=EventState.HELD).aggregate(n=Sum("actual_attendance"))["n"] or 0
        ),
        "figures": _under(visible(user, Figure), org_unit).count(),
        "situations": None,
    }
    if sensitive:
        rows = _under(visible(user, Situation), org_unit).values("state").annotate(n=Count("id"))
        result["situations"] = {row["state"]: row["n"] for row in rows}
    return result
