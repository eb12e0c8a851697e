"""Helpers shared by the meeting services (no service of their own)."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, QuerySet
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import require
from danvan.meetings.models import Meeting


def require_manage(actor: Any, meeting: Meeting) -> None:
    """Writing to a meeting or any of its parts needs MEETING_MANAGE on its organiser."""
    require(actor, Cap.MEETING_MANAGE, meeting.org_unit)


def next_value(rows: QuerySet[Any], field: str = "order") -> int:
    """One more than the largest ``field`` among ``rows`` (1 when there are none)."""
    top = rows.aggregate(top=Max(field))["top"]
    return (top or 0) + 1


def format_moment(moment: Any) -> str:
    """23/02/2023 08:00 in the local time zone."""
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def link_citations(*, actor: Any, meeting: Meeting) -> list[Any]:
    """Record the documents the meeting's texts cite: summary, minutes, opinions and
    conclusions ("sơ tổng kết ... Kết luận 114", "theo Quyết định 217 và 218"). All at
    once, so a citation found in one text is not dropped when another is saved."""
    from danvan.documents.services import citations_link

    parts = [meeting.summary, meeting.minutes]
    parts += [opinion.content for opinion in meeting.opinions.all()]
    parts += [conclusion.text for conclusion in meeting.conclusions.all()]
    text = "\n\n".join(part for part in parts if part)
    links = citations_link(actor=actor, text=text, holder=meeting.org_unit, meeting=meeting)
    # A page that loaded the meeting with its citations must not show the old ones.
    getattr(meeting, "_prefetched_objects_cache", {}).pop("citations", None)
    return links
