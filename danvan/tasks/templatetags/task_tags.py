"""Task status badges ("Quá hạn 3 ngày" in red) and links to other apps' pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

from danvan.core import clock
from danvan.tasks.models import OVERDUE, Task

register = template.Library()


@register.inclusion_tag("tasks/_badge.html")
def task_badge(task: Task) -> dict[str, Any]:
    today = clock.today()
    code, label = task.display_status(today)
    days = (today - task.deadline).days if code == OVERDUE and task.deadline else 0
    return {"code": code, "label": label, "days": days}


@register.filter
def is_late(task: Task) -> bool:
    return task.is_overdue(clock.today())


@register.simple_tag
def url_or_empty(name: str, *args: Any) -> str:
    """``{% url %}`` that yields "" while the target page does not exist yet (the meetings
    and documents pages are built beside this app)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""
