"""Reads of the grassroots-democracy register, through the one scoping function
(``danvan.access.scope.scoped`` with ``Cap.DEMOCRACY_VIEW``): a record outside the user's
scope is a 404."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Count, Model, Q, QuerySet
from django.http import Http404

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.democracy.figures import MADE_PUBLIC
from danvan.democracy.models import (
    Consultation,
    Disclosure,
    DisclosureItem,
    DisclosureState,
    Oversight,
    PeopleDecision,
)
from danvan.org.models import OrgUnit

M = TypeVar("M", bound=Model)
NOT_FOUND = "Không tìm thấy, hoặc nằm ngoài phạm vi của bạn."

# The date each list filters by «từ ngày / đến ngày»: the one its figure counts.
DATE_FIELD: dict[type[Model], str] = {
    Disclosure: "starts_on",
    PeopleDecision: "held_on",
    Consultation: "starts_on",
    Oversight: "found_on",
}
SEARCHED: dict[type[Model], tuple[str, ...]] = {
    Disclosure: ("content", "note", "item__name"),
    PeopleDecision: ("subject", "note"),
    Consultation: ("subject", "taken_up_summary"),
    Oversight: ("subject", "findings", "recommendations"),
}


def visible(user: Any, model: type[M], cap: Cap = Cap.DEMOCRACY_VIEW) -> QuerySet[M]:
    return scoped(model.objects.all(), user, cap)  # type: ignore[attr-defined]


def get(user: Any, model: type[M], pk: int) -> M:
    found = visible(user, model).select_related("org_unit").filter(pk=pk).first()
    if found is None:
        raise Http404(NOT_FOUND)
    return found


def search(
    model: type[M],
    *,
    user: Any,
    q: str = "",
    org_unit: OrgUnit | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    state: str = "",
    **exact: Any,
) -> QuerySet[M]:
    """``model``'s records in scope, under ``org_unit``, dated (by DATE_FIELD) within
    ``start``–``end``, in ``state``; ``exact`` are further equality filters (empty ones
    ignored). ``made_public=True`` on disclosures keeps those counted as disclosed."""
    rows = visible(user, model)
    if org_unit is not None:
        rows = rows.filter(org_unit__path__startswith=org_unit.path)
    if q:
        match = Q()
        for name in SEARCHED[model]:
            match |= Q(**{f"{name}__icontains": q})
        rows = rows.filter(match)
    day = DATE_FIELD[model]
    if start is not None:
        rows = rows.filter(**{f"{day}__gte": start})
    if end is not None:
        rows = rows.filter(**{f"{day}__lte": end})
    if state:
        rows = rows.filter(state=state)
    if exact.pop("made_public", False):
        rows = rows.filter(state__in=MADE_PUBLIC)
    rows = rows.filter(**{k: v for k, v in exact.items() if v not in ("", None)})
    related = ["org_unit", "item"] if model is Disclosure else ["org_unit"]
    return rows.select_related(*related).order_by(f"-{day}", "-id")


def counts(*, user: Any, org_unit: OrgUnit | None = None) -> dict[str, dict[str, int]]:
    """Records by state of each list, in scope (and under ``org_unit``)."""
    found: dict[str, dict[str, int]] = {}
    for key, model in (
        ("disclosures", Disclosure),
        ("decisions", PeopleDecision),
        ("consultations", Consultation),
        ("oversight", Oversight),
    ):
        rows = search(model, user=user, org_unit=org_unit).order_by()
        grouped = rows.values("state").annotate(n=Count("id"))  # type: ignore[misc]
        by_state = {r["state"]: r["n"] for r in grouped}
        found[key] = {state: by_state.get(state, 0) for state in _states(model)}
    return found


def _states(model: type[Model]) -> list[str]:
    return [c[0] for c in model._meta.get_field("state").choices]  # type: ignore[union-attr]


@dataclass
class ChecklistRow:
    item: DisclosureItem
    disclosures: list[Disclosure] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return not self.disclosures


def checklist(*, user: Any, unit: OrgUnit, year: int) -> list[ChecklistRow]:
    """Each content the law requires to be disclosed, with the unit's (and its khu dân
    cư's) disclosures of it public during ``year`` (đang công khai or hết hạn, public on at
    least one day of it); an item without any is missing. A withdrawn disclosure does not
    cover its item (it was taken back: the content has to be disclosed again)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = (
        visible(user, Disclosure)
        .filter(org_unit__path__startswith=unit.path, item__isnull=False)
        .filter(state=DisclosureState.PUBLISHED)
        .filter(starts_on__lte=last)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=first))
        .select_related("org_unit")
        .order_by("starts_on", "id")
    )
    by_item: dict[int, list[Disclosure]] = {}
    for row in rows:
        by_item.setdefault(row.item_id, []).append(row)  # type: ignore[arg-type]
    return [ChecklistRow(item, by_item.get(item.pk, [])) for item in DisclosureItem.objects.all()]
