"""The menu's counts: things to do and unread notifications, computed only when a
template reads them (a portal page or an htmx partial pays nothing)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.http import HttpRequest

from danvan.notifications.selectors import inbox_count, unread_count

# A page that computed the whole inbox already (the home page) leaves it here, so the
# menu's count does not compute it a second time.
INBOX_ATTR = "danvan_inbox"


class Counts:
    def __init__(self, user: Any, request: HttpRequest | None = None) -> None:
        self.user = user
        self.request = request

    @cached_property
    def todo(self) -> int:
        computed = getattr(self.request, INBOX_ATTR, None)
        if computed is not None:
            return int(computed.total)
        return inbox_count(user=self.user)

    @cached_property
    def unread(self) -> int:
        return unread_count(user=self.user)


def counts(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notice_counts": Counts(user, request)}
