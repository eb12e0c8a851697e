"""Placeholder until its helper lands."""

from typing import Any

from django.http import HttpRequest, HttpResponse


def listing_feed(request: HttpRequest, *, page: Any) -> HttpResponse:
    return HttpResponse(status=501)
