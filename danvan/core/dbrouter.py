"""Reads that may go to a PostgreSQL streaming replica, and everything else to the primary.

A replica is a few milliseconds (sometimes seconds) behind the primary, so only reads
that tolerate that go there: the dashboard, the analytics API and the public portal
(pages and search). Their views are marked with ``@replica_reads`` (or run their code in
``with reads_from_replica():``); every other read, every write, every migration goes to
``default``.

Read-your-writes: after a request that changed something (POST, PUT, PATCH, DELETE that
succeeded) the browser gets a signed cookie saying "until t + DATABASE_REPLICA_PIN_SECONDS";
while it holds, that browser's replica-safe reads go to the primary too, so an officer
who just saved figures sees them on the dashboard at once.

Without ``DATABASE_REPLICAS`` (no ``DATABASE_REPLICA_URLS``) everything is ``default``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse

PIN_COOKIE = "danvan_ghi"
_PIN_SALT = "danvan.core.dbrouter.pin"
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class _Reads:
    replica: str | None = None  # the alias this context reads from; None: the primary
    pinned: bool = False  # this browser wrote a moment ago: the primary, whatever is asked


_PRIMARY = _Reads()
_reads: ContextVar[_Reads | None] = ContextVar("danvan_replica_reads", default=None)


def _state() -> _Reads:
    return _reads.get() or _PRIMARY


def replicas() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", []))


def read_alias() -> str:
    """The alias this context's reads go to."""
    return _state().replica or DEFAULT_DB_ALIAS


def read_connection() -> BaseDatabaseWrapper:
    """The connection for raw SQL that only reads (``with read_connection().cursor()``)."""
    return connections[read_alias()]


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Reads inside go to one replica (the same one throughout, so a page is consistent
    with itself), unless no replica is configured or this browser is pinned."""
    state = _state()
    choices = replicas()
    if state.replica or state.pinned or not choices:
        yield
        return
    token = _reads.set(_Reads(replica=random.choice(choices)))
    try:
        yield
    finally:
        _reads.reset(token)


def replica_reads(view: F) -> F:
    """Mark a view whose reads may be a few seconds behind (GET and HEAD only)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        with reads_from_replica():
            response = view(request, *args, **kwargs)
            # Wagtail's pages are TemplateResponses, rendered after the view returns: render
            # here, so that the template's queries read the same replica.
            if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
                response.render()
            return response

    return wrapped  # type: ignore[return-value]


@contextmanager
def pinned_to_primary() -> Iterator[None]:
    token = _reads.set(_Reads(pinned=True))
    try:
        yield
    finally:
        _reads.reset(token)


class ReplicaRouter:
    """``DATABASE_ROUTERS`` entry: reads by context, writes and migrations on default."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return read_alias()

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # every alias holds the same data

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


def _now() -> float:
    return time.time()


def _pinned(request: HttpRequest) -> bool:
    until = request.get_signed_cookie(PIN_COOKIE, default=None, salt=_PIN_SALT)
    try:
        return until is not None and float(until) > _now()
    except ValueError:
        return False


class ReadYourWritesMiddleware:
    """Pins a browser to the primary for a few seconds after it changed something.

    Sits above every middleware that reads, so the pin covers the whole request; the
    cookie is only set when replicas are configured (a single server has no lag)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replicas():
            return self.get_response(request)
        if _pinned(request):
            with pinned_to_primary():
                response = self.get_response(request)
        else:
            response = self.get_response(request)
        if request.method in _UNSAFE and response.status_code < 400:
            seconds = settings.DATABASE_REPLICA_PIN_SECONDS
            response.set_signed_cookie(
                PIN_COOKIE,
                str(_now() + seconds),
                salt=_PIN_SALT,
                max_age=seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
