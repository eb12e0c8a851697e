"""Reads of people, always through the scoping function."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.lib.text import fold
from danvan.people.models import Person, Position


def _with_positions(people: QuerySet[Person]) -> QuerySet[Person]:
    return people.select_related("org_unit").prefetch_related(
        Prefetch(
            "positions",
            queryset=Position.objects.select_related("org_unit").order_by(
                "-is_primary", "-start_date", "id"
            ),
        )
    )


def person_search(
    *, user: Any, q: str = "", org_unit: int | None = None, cap: Cap = Cap.PEOPLE_VIEW
) -> QuerySet[Person]:
    """People in scope whose name (or title) matches ``q``, marks and đ ignored.

    "khuong quoc hung" finds "Khương Quốc Hưng"; "uy vien ban thuong vu" finds a title
    written "UVTV".
    """
    people = scoped(Person.objects.all(), user, cap)
    folded = fold(q)
    if folded:
        by_title = Position.objects.filter(title_folded__contains=folded).values("person_id")
        people = people.filter(Q(name_folded__contains=folded) | Q(pk__in=by_title))
    if org_unit is not None:
        held_there = Position.objects.filter(org_unit_id=org_unit).values("person_id")
        people = people.filter(Q(org_unit_id=org_unit) | Q(pk__in=held_there))
    return _with_positions(people).order_by("name_folded", "id")


def person_get(*, user: Any, pk: int, cap: Cap = Cap.PEOPLE_VIEW) -> Person:
    person = _with_positions(scoped(Person.objects.filter(pk=pk), user, cap)).first()
    if person is None:
        raise Http404("Không tìm thấy cán bộ, hoặc hồ sơ nằm ngoài phạm vi của bạn.")
    return person


def position_get(*, user: Any, pk: int, cap: Cap = Cap.PEOPLE_VIEW) -> Position:
    position = (
        scoped(Position.objects.filter(pk=pk), user, cap)
        .select_related("person", "org_unit")
        .first()
    )
    if position is None:
        raise Http404("Không tìm thấy chức vụ, hoặc chức vụ nằm ngoài phạm vi của bạn.")
    return position


def positions_in_unit(*, user: Any, unit_id: int) -> QuerySet[Position]:
    return (
        scoped(Position.objects.filter(org_unit_id=unit_id), user, Cap.PEOPLE_VIEW)
        .select_related("person")
        .order_by("-is_primary", "person__name_folded")
    )
