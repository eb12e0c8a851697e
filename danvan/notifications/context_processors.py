"""The menu's counts: things to do and unread notifications, computed only when a
template reads them (a portal page or an htmx partial pays nothing)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.http import HttpRequest

from danvan.notifications.selectors import inbox_count, unread_count


class Counts:
    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def todo(self) -> int:
        return inbox_count(user=self.user)

    @cached_property
    def unread(self) -> int:
        return unread_count(user=self.user)


def counts(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notice_counts": Counts(user)}
