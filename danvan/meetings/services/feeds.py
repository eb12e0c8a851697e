"""The read-only key of the iCal feeds (``models.CalendarFeedToken``)."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import transaction

from danvan.meetings.models import CalendarFeedToken


@transaction.atomic
def feed_token_reset(*, actor: Any) -> CalendarFeedToken:
    """Give ``actor`` a new feed key, replacing the old one (its addresses stop working)."""
    key = CalendarFeedToken.PREFIX + secrets.token_urlsafe(32)
    token, created = CalendarFeedToken.objects.select_for_update().get_or_create(
        user=actor, defaults={"key": key}
    )
    if not created:
        token.key = key
        token.save(update_fields=["key"])
    return token


def user_for_feed_key(key: str) -> Any:
    """The active user behind a feed key, or None: an API token is not a feed key, and a
    demo account's key works only while DEBUG is on (like its password)."""
    if not key.startswith(CalendarFeedToken.PREFIX):
        return None
    token = CalendarFeedToken.objects.select_related("user").filter(key=key).first()
    if token is None or not token.user.is_active:
        return None
    if token.user.is_demo and not settings.DEBUG:
        return None
    return token.user
