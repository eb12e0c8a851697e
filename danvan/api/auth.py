from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from danvan.accounts.services import user_for_token


class BearerToken(HttpBearer):
    """``Authorization: Bearer dv_…`` from ``manage.py create_api_token``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class Session(SessionAuth):
    """The logged-in browser session (CSRF-checked for writes), so pages can call the API."""


auth = [BearerToken(), Session()]
