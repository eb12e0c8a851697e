"""Which existing records a proposal's words name: people (by name without marks, then
by how well their positions match the position written), units (by name), meeting kinds
and indicators. Reads only what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.lib.text import fold
from danvan.lib.titles import expand_title
from danvan.meetings.models import MeetingKind
from danvan.org import selectors as org_selectors
from danvan.org.models import OrgUnit
from danvan.people.models import Person

# The extractor's kinds → the product's meeting kinds (meetings/0002).
KIND_CODES = {
    "giao_ban": "giao-ban-thang",
    "so_ket": "so-ket",
    "tong_ket": "tong-ket",
    "trien_khai": "trien-khai",
    "tap_huan": "tap-huan",
    "hoi_thao": "hoi-thao",
    "other": "chuyen-de",
}


@dataclass(frozen=True)
class PersonMatch:
    person: Person
    score: float  # 0..1, how well a position of theirs matches the one written


def _words(text: str) -> set[str]:
    return set(fold(expand_title(text)).replace(",", " ").split())


def people_for(user: Any, name: str, position: str) -> list[PersonMatch]:
    """People in scope with this name (marks ignored), best position first."""
    found = scoped(Person.objects.all(), user, Cap.PEOPLE_VIEW).filter(name_folded=fold(name))
    written = _words(position)
    out = []
    for person in found.prefetch_related("positions")[:20]:
        best = 0.0
        for held in person.positions.all():
            theirs = _words(held.title)
            if written and theirs:
                best = max(best, len(written & theirs) / len(written | theirs))
        out.append(PersonMatch(person, best))
    return sorted(out, key=lambda m: (-m.score, m.person.full_name, m.person.pk))


def kind_for(code: str, period: str = "") -> MeetingKind | None:
    wanted = KIND_CODES.get(code, "chuyen-de")
    if wanted == "giao-ban-thang" and "Q" in period:
        wanted = "giao-ban-quy"
    return MeetingKind.objects.filter(code=wanted).first() or MeetingKind.objects.first()


def units_for(user: Any) -> Any:
    return org_selectors.org_unit_list(user=user, cap=Cap.MEETING_MANAGE, status="active")


def unit_for(user: Any, organizer: str | None) -> OrgUnit | None:
    """The open unit the user manages meetings of whose name is the organizer's (or, when
    none is, the only one the user manages)."""
    units = units_for(user)
    if organizer:
        folded = fold(organizer)
        for found in (units.filter(name_folded=folded), units.filter(name_folded__contains=folded)):
            named = list(found[:2])
            if len(named) == 1:
                return named[0]
    only = list(units[:2])
    return only[0] if len(only) == 1 else None
