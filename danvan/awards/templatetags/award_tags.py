"""Award sections for other apps' pages: a meeting's awards presented there, a person's
and a unit's award history. Each tag reads through the awards selectors (scoped to the
viewer) and renders a small include, so those pages only add one line."""

from __future__ import annotations

from typing import Any

from django import template

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.awards import selectors

register = template.Library()
HISTORY_LIMIT = 50


@register.inclusion_tag("awards/_meeting_awards.html", takes_context=True)
def meeting_awards(context: dict[str, Any], meeting: Any) -> dict[str, Any]:
    user = context["request"].user
    groups = selectors.meeting_award_groups(meeting=meeting)
    return {
        "meeting": meeting,
        "groups": groups,
        "sentence": selectors.meeting_award_sentence(meeting=meeting),
        "collectives": sum(g.collectives for g in groups),
        "individuals": sum(g.individuals for g in groups),
        "can_list": can(user, Cap.AWARD_VIEW, None),
        "can_record": can(user, Cap.AWARD_MANAGE, None),
    }


@register.inclusion_tag("awards/_award_history.html", takes_context=True)
def person_awards(context: dict[str, Any], person: Any) -> dict[str, Any]:
    user = context["request"].user
    awards = list(selectors.person_awards(user=user, person=person)[:HISTORY_LIMIT])
    return {"awards": awards, "shown": can(user, Cap.AWARD_VIEW, None), "unit": None}


@register.inclusion_tag("awards/_award_history.html", takes_context=True)
def unit_awards(context: dict[str, Any], unit: Any) -> dict[str, Any]:
    user = context["request"].user
    awards = list(selectors.unit_awards(user=user, unit=unit)[:HISTORY_LIMIT])
    return {"awards": awards, "shown": can(user, Cap.AWARD_VIEW, None), "unit": unit}
