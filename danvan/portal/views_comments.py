"""Placeholder until its helper lands."""

from django.http import HttpRequest, HttpResponse


def post_comment(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)
