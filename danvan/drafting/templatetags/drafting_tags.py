"""The official-documents panel other pages include (the meeting page)."""

from __future__ import annotations

from typing import Any

from django import template

from danvan.drafting import selectors

register = template.Library()


@register.inclusion_tag("drafting/_meeting_panel.html", takes_context=True)
def meeting_documents(context: Any, meeting: Any) -> dict[str, Any]:
    """``{% load drafting_tags %}{% meeting_documents meeting %}``: generate and issue the
    meeting's giấy mời, biên bản and thông báo kết luận; the files made so far."""
    request = context.get("request")
    user = getattr(request, "user", None)
    panel = selectors.meeting_panel(user=user, meeting=meeting)
    panel["csrf_token"] = context.get("csrf_token")
    panel["request"] = request
    return panel


@register.filter
def waiting_long(row: Any) -> bool:
    """A generation still queued after a minute: no background worker has taken it."""
    from datetime import timedelta

    from django.utils import timezone

    return bool(row.status == "queued" and timezone.now() - row.created_at > timedelta(minutes=1))
