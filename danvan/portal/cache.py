"""A page cache for anonymous readers of the portal.

The middleware sits before sessions, locale and authentication: a reader without a session
gets a page another reader already caused to be rendered, without touching the database.
Only responses the portal marks cacheable (``CacheablePage.serve``) are kept, and only when
they set no cookie. Publishing, unpublishing, moving or deleting a page and moderating a
comment change the cache version, which empties it at once for every process that shares
the cache (Redis in production, ``REDIS_URL``); with the per-process memory cache other
processes see the change when their copy expires (``PORTAL_CACHE_SECONDS``).

The query string is part of the key, bounded: only the parameters portal pages read
(``trang``, the page number; ``q``, the search; ``da-gui``, the thanks after a comment)
count, so ``?fbclid=…`` and the like share the plain page's copy; a page number that is
not a short number or a query longer than ``MAX_QUERY_CHARS`` is rendered, never kept.

With read replicas (``DATABASE_REPLICA_URLS``) a page rendered just after a change may
come from a replica that has not replayed it yet: for ``DATABASE_REPLICA_PIN_SECONDS``
after the version changes, pages are served but not kept, so an old copy cannot outlive
the change by ``PORTAL_CACHE_SECONDS``.

View counts stay right under the cache: the page asks for them with a small request of
its own (``portal.counters``), which is never cached.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from danvan.core.dbrouter import replicas

VERSION_KEY = "portal:cache-version"
CHANGED_KEY = "portal:changed-at"
_EXCLUDED = (
    "/quan-ly/",
    "/cms/",
    "/django-admin/",
    "/api/",
    "/tai-khoan/",
    "/static/",
    "/media/",
    "/i18n/",
    "/healthz",
    "/_",
)

MAX_QUERY_CHARS = 100
MAX_PAGE_DIGITS = 4

# Headers of one response only, not of the page.
_NOT_KEPT = {"x-portal-cache", "date", "set-cookie", "content-length"}


def bump_version() -> None:
    """Forget every cached portal page."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    cache.set(CHANGED_KEY, time.time(), None)


def _replicas_may_lag() -> bool:
    """A replica may not have replayed the last change yet."""
    if not replicas():
        return False
    changed = cache.get(CHANGED_KEY) or 0.0
    return time.time() - float(changed) < settings.DATABASE_REPLICA_PIN_SECONDS


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return str(version)


def _eligible(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(_EXCLUDED):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and (
        settings.LANGUAGE_COOKIE_NAME not in cookies
    )


def cache_key(request: HttpRequest) -> str | None:
    """The cache key of an anonymous GET, or None when the request must not be kept."""
    params = request.GET
    parts = []
    page = params.get("trang", "")
    if page:
        if len(params.getlist("trang")) > 1 or not (
            page.isascii() and page.isdigit() and len(page) <= MAX_PAGE_DIGITS
        ):
            return None
        parts.append(f"trang={int(page)}")
    query = params.get("q", "")
    if query:
        if len(params.getlist("q")) > 1 or len(query) > MAX_QUERY_CHARS:
            return None
        parts.append(f"q={query}")
    if "da-gui" in params:
        parts.append("da-gui")
    raw = f"{request.get_host()}\n{request.path}\n{'&'.join(parts)}"
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
    return f"portal:page3:{_version()}:{digest}"


class PortalCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PORTAL_CACHE_SECONDS
        if not seconds or not _eligible(request):
            return self.get_response(request)
        key = cache_key(request)
        if key is None:
            return self.get_response(request)
        hit = cache.get(key)
        if hit is not None:
            status, headers, body = hit
            response = HttpResponse(body, status=status)
            # The headers the middleware below this one added (X-Frame-Options, Vary,
            # Content-Language…): a cached copy must not be framable when the page is not.
            for name, value in headers:
                response[name] = value
            response["X-Portal-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        if (
            getattr(response, "portal_cacheable", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not _replicas_may_lag()
        ):
            headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_KEPT]
            cache.set(key, (200, headers, response.content), seconds)
            response["X-Portal-Cache"] = "MISS"
        return response
