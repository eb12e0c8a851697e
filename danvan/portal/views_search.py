"""Placeholder until its helper lands."""

from django.http import HttpRequest, HttpResponse


def search(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)


def document_file(request: HttpRequest, **kwargs: object) -> HttpResponse:
    return HttpResponse(status=501)
