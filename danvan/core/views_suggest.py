"""The pickers' answers (``core/autocomplete.py``): one endpoint for every source."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_POST

from danvan.access.scope import scoped
from danvan.core.autocomplete import queryset_from, suggest
from danvan.core.http import AppRequest

MAX_QUERY = 100


@login_required
@require_POST
def suggest_view(request: AppRequest) -> HttpResponse:
    """POST ``token`` (from the picker) and ``q``: up to 20 rows, JSON, inside the field's
    queryset and the asker's scope. 400 with a Vietnamese message for a missing or altered
    token or a query too long."""
    q = request.POST.get("q", "")
    if len(q) > MAX_QUERY or "\x00" in q:
        return JsonResponse({"detail": "Từ tìm kiếm quá dài hoặc không hợp lệ."}, status=400)
    try:
        found, rows = queryset_from(request.POST.get("token", ""))
    except (signing.BadSignature, ValueError, KeyError):
        return JsonResponse({"detail": "Danh sách chọn không hợp lệ: tải lại trang."}, status=400)
    visible = scoped(found.model._default_manager.all(), request.user, found.cap).values("pk")
    return JsonResponse({"results": suggest(found, rows.filter(pk__in=visible), q)})
