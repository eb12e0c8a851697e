from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from danvan.accounts.models import ApiToken, User, hash_token
from danvan.core.audit import service

_TOUCH_EVERY = dt.timedelta(minutes=5)


@service
def api_token_create(*, actor: Any, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a token and return it with the raw key, which is never stored."""
    raw = ApiToken.new_raw_key()
    token = ApiToken.objects.create(
        user=user, name=name, key_prefix=raw[:10], key_hash=hash_token(raw)
    )
    return token, raw


@service
def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def user_for_token(raw: str) -> User | None:
    """The active user behind a raw Bearer key, or None (also for a demo account's key
    while DEBUG is off)."""
    if not raw or not raw.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(Q(revoked_at__isnull=True), key_hash=hash_token(raw))
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.user.is_demo and not settings.DEBUG:
        # Like their passwords (``backends.DemoAwareBackend``): the demo's keys are known.
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        # Not audited: a usage timestamp, written at most every five minutes.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
