"""Small helpers for the meeting templates."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

from danvan.lib import periods

register = template.Library()


@register.simple_tag
def optional_url(name: str, *args: Any, **kwargs: Any) -> str:
    """The URL of a page another app provides, or "" while that app has no such page
    (``{% optional_url 'tasks:detail' task.pk as url %}{% if url %}...``)."""
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


@register.filter
def period_label(code: str) -> str:
    """ "2023-02" → "tháng 2/2023"; a code that does not parse is shown as written."""
    try:
        return periods.parse(code).label if code else ""
    except periods.PeriodError:
        return code


@register.filter
def indent(depth: int) -> str:
    """Tree depth as dashes for a select option: 2 → "— — "."""
    return "— " * int(depth or 0)
