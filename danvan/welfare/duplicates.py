"""Trùng: the same household receiving from two organisations in the same campaign.

A gift is a duplicate candidate when another organisation's gift in the same campaign, still
standing, went to the same beneficiary record or to a household with the same key: the
head's name and the address folded without marks (the helper the petitions register uses,
``danvan.lib.text.fold``), punctuation and «số» dropped, so «Số 8, ngõ 12, Định Công» and
«so 8 ngo 12 dinh cong» are one household. The same organisation giving twice is not
flagged (a second suất of its own is its choice, seen in its own list).

Flags never block entry: the gift is saved and flagged, and a person decides.
"""

from __future__ import annotations

import re

from danvan.lib.text import fold
from danvan.welfare.models import Gift

_WORD = re.compile(r"[a-z0-9]+")
_DROPPED = frozenset({"so", "nha"})


def household_key(name: str, address: str) -> str:
    """«Nguyễn Văn An» at «Số 8, ngõ 12» → «nguyen van an|8 ngo 12»."""
    who = " ".join(_WORD.findall(fold(name)))
    where = " ".join(w for w in _WORD.findall(fold(address)) if w not in _DROPPED)
    return f"{who}|{where}" if who else ""


def original_of(gift: Gift) -> Gift | None:
    """The earliest other organisation's gift to the same household in the campaign."""
    from django.db.models import Q

    same = Q(beneficiary_id=gift.beneficiary_id)
    if gift.household_key:
        same |= Q(household_key=gift.household_key)
    return (
        Gift.objects.filter(same, campaign_id=gift.campaign_id)
        .exclude(pk=gift.pk)
        .exclude(giver_id=gift.giver_id)
        .order_by("given_on", "id")
        .first()
    )
