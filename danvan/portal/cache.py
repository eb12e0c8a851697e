"""A page cache for anonymous readers of the portal.

The middleware sits before sessions, locale and authentication: a reader without a session
gets a page another reader already caused to be rendered, without touching the database.
Only responses the portal marks cacheable (``CacheablePage.serve``) are kept, and only when
they set no cookie. Publishing, unpublishing, moving or deleting a page and moderating a
comment change the cache version, which empties it at once for every process that shares
the cache (Redis in production, ``REDIS_URL``); with the per-process memory cache other
processes see the change when their copy expires (``PORTAL_CACHE_SECONDS``).

View counts stay right under the cache: the page asks for them with a small request of
its own (``portal.counters``), which is never cached.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

VERSION_KEY = "portal:cache-version"
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

# Headers of one response only, not of the page.
_NOT_KEPT = {"x-portal-cache", "date", "set-cookie", "content-length"}


def bump_version() -> None:
    """Forget every cached portal page."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


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


class PortalCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PORTAL_CACHE_SECONDS
        if not seconds or not _eligible(request):
            return self.get_response(request)
        key = f"portal:page2:{_version()}:{request.get_host()}:{request.get_full_path()}"
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
        ):
            headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_KEPT]
            cache.set(key, (200, headers, response.content), seconds)
            response["X-Portal-Cache"] = "MISS"
        return response
