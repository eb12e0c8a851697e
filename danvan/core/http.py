"""Request types for views: what middleware adds, spelled out for the type checker."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from danvan.accounts.models import User


class AppRequest(HttpRequest):
    """A request to a page behind ``login_required``: htmx details and a real user."""

    htmx: HtmxDetails
    user: User  # type: ignore[assignment]
