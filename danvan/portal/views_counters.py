"""``/_dem/``: the counters' beacon, one POST per page load (``counters.js``).

``csrf_exempt``: it is sent from cached anonymous pages that carry no token, and all it
can do is add one view, which anyone can do by loading the page. Never cached: the
answer is this moment's counts (``Cache-Control: no-store``; the portal cache skips
POSTs and paths under ``/_``). The visitor is ``REMOTE_ADDR`` with the browser's
User-Agent; see ``views_comments`` about addresses behind a proxy. An address counts once
per page per ``PORTAL_VIEW_DEDUP_MINUTES`` (``counters.first_view``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from danvan.portal import counters

_MAX_PAGE_ID = 2**63 - 1


def _page_id(raw: str | None) -> int | None:
    """The page the beacon counts a view for; anything but a positive id counts none (a
    forged id is dropped at flush time, when the page does not exist)."""
    try:
        value = int(raw or "")
    except ValueError:
        return None
    return value if 0 < value <= _MAX_PAGE_ID else None


@csrf_exempt
@require_POST
def hit(request: HttpRequest) -> HttpResponse:
    page_id = _page_id(request.POST.get("page"))
    now = timezone.now()
    ip = str(request.META.get("REMOTE_ADDR") or "")
    key = counters.visitor_key(ip=ip, user_agent=request.headers.get("User-Agent", ""))
    counted = counters.first_view(ip=ip, page_id=page_id)
    counters.record_hit(page_id=page_id, visitor_key=key, now=now, counted=counted)
    response = JsonResponse(counters.counts(page_id=page_id, now=now))
    response["Cache-Control"] = "no-store"
    return response
