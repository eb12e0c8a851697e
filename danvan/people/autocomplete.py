"""The people source of the pickers (``core/autocomplete.py``): cán bộ found by name or by
title without marks, each shown with the position held and its unit."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from danvan.access.roles import Cap
from danvan.core import autocomplete
from danvan.lib.text import fold
from danvan.people.models import Person, Position


def person_context(person: Person) -> str:
    """ "Phó Chủ tịch UBND — Phường Định Công", or the person's unit without a position."""
    positions = list(person.positions.all())
    if positions:
        return f"{positions[0].title} — {positions[0].org_unit.name}"
    return person.org_unit.name if person.org_unit_id else ""


def _search(people: QuerySet[Person], q: str) -> QuerySet[Person]:
    folded = fold(q)
    if folded:
        by_title = Position.objects.filter(title_folded__contains=folded).values("person_id")
        people = people.filter(Q(name_folded__contains=folded) | Q(pk__in=by_title))
    return people.order_by("name_folded", "pk")


def _prepare(people: QuerySet[Person]) -> QuerySet[Person]:
    # Current positions first: the one shown is what the person holds now.
    positions = Position.objects.select_related("org_unit").order_by(
        "end_date", "-is_primary", "-start_date", "id"
    )
    return (
        people.prefetch_related(None)
        .select_related("org_unit")
        .prefetch_related(Prefetch("positions", queryset=positions))
    )


PEOPLE = autocomplete.Source(
    name="person",
    model=Person,
    cap=Cap.PEOPLE_VIEW,
    search=_search,
    label=lambda person: person.full_name,
    context=person_context,
    prepare=_prepare,
    placeholder="Gõ tên hoặc chức vụ cán bộ (không cần dấu)…",
    empty="Không tìm thấy cán bộ nào.",
)


class PersonChoiceField(autocomplete.AutocompleteChoiceField):
    source_name = "person"


class PersonMultipleChoiceField(autocomplete.AutocompleteMultipleChoiceField):
    source_name = "person"
