"""The unit autocomplete's answers (``org/autocomplete.py``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_POST

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.core.http import AppRequest
from danvan.org.autocomplete import queryset_from, suggest
from danvan.org.models import OrgUnit

MAX_QUERY = 100


@login_required
@require_POST
def unit_suggest(request: AppRequest) -> HttpResponse:
    """POST ``token`` (from the picker) and ``q``: up to 20 units, JSON. 400 with a
    Vietnamese message for a missing or altered token or a query too long."""
    q = request.POST.get("q", "")
    if len(q) > MAX_QUERY or "\x00" in q:
        return JsonResponse({"detail": "Từ tìm kiếm quá dài hoặc không hợp lệ."}, status=400)
    try:
        units = queryset_from(request.POST.get("token", ""))
    except (signing.BadSignature, ValueError):
        return JsonResponse(
            {"detail": "Danh sách chọn đơn vị không hợp lệ: tải lại trang."}, status=400
        )
    visible = scoped(OrgUnit.objects.all(), request.user, Cap.ORG_VIEW).values("pk")
    return JsonResponse({"results": suggest(units.filter(pk__in=visible), q)})
