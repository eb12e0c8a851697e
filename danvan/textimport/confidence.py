"""How sure a proposal is that it can be accepted as offered: the share of what a meeting
needs that the text fixed — the day (0.35), the unit the user manages (0.35), the kind
(0.15, «other» counts nothing) and the period reviewed (0.15). The batch import accepts
by itself only above the threshold its user sets; the rest waits for review."""

from __future__ import annotations

from typing import Any

from danvan.textimport.models import ArticleImport

WEIGHTS = {"held_on": 0.35, "org_unit": 0.35, "kind": 0.15, "period_code": 0.15}


def score(item: ArticleImport, initial: dict[str, Any]) -> float:
    found = {
        "held_on": bool(initial.get("held_on")),
        "org_unit": bool(initial.get("org_unit")),
        "kind": item.proposal.get("meeting_kind") not in (None, "", "other"),
        "period_code": bool(initial.get("period_code")),
    }
    return round(sum(WEIGHTS[key] for key, ok in found.items() if ok), 2)
