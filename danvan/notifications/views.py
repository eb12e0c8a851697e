"""Thông báo: the list (all or unread, paginated), open one (marks it read and goes to
the page where the thing is done), mark one or all read. Writes are POST with CSRF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from danvan.core.http import AppRequest
from danvan.notifications import email, selectors, services
from danvan.notifications.models import Delivery, Kind


def _back(request: AppRequest) -> HttpResponseRedirect:
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("notifications:list")
    return HttpResponseRedirect(target)


@login_required
def notification_list(request: AppRequest) -> HttpResponse:
    unread_only = request.GET.get("chua_doc") == "1"
    page = selectors.notification_page(
        user=request.user, unread_only=unread_only, page=request.GET.get("trang") or 1
    )
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "unread_only": unread_only,
            "unread": selectors.unread_count(user=request.user),
        },
    )


@login_required
@require_POST
def notification_open(request: AppRequest, pk: int) -> HttpResponse:
    row = services.notification_mark_read(user=request.user, pk=pk)
    if row is None:
        raise Http404("Không có thông báo này.")
    if row.url and url_has_allowed_host_and_scheme(row.url, allowed_hosts=None):
        return HttpResponseRedirect(row.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read(request: AppRequest, pk: int) -> HttpResponse:
    if services.notification_mark_read(user=request.user, pk=pk) is None:
        raise Http404("Không có thông báo này.")
    return _back(request)


@login_required
@require_POST
def notification_read_all(request: AppRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return _back(request)


@login_required
def preferences(request: AppRequest) -> HttpResponse:
    """Cách nhận thông báo: per kind, in the app only, an immediate mail or the digest."""
    if request.method == "POST":
        choices = {kind: request.POST.get(kind, "") for kind in Kind.values}
        bad = [Kind(k).label for k, v in choices.items() if v not in Delivery.values]
        if bad:
            return render(
                request,
                "notifications/preferences.html",
                _preferences_context(request, error=f"Chọn cách nhận cho: {', '.join(bad)}."),
                status=400,
            )
        changed = email.preferences_save(user=request.user, choices=choices)
        messages.success(request, f"Đã lưu cách nhận thông báo ({changed} thay đổi).")
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", _preferences_context(request))


def _preferences_context(request: AppRequest, error: str = "") -> dict[str, object]:
    current = email.deliveries(request.user)
    return {
        "rows": [(kind, Kind(kind).label, current[kind]) for kind in Kind.values],
        "deliveries": Delivery.choices,
        "has_email": bool(request.user.email),
        "error": error,
    }


@csrf_exempt
def unsubscribe(request: AppRequest, token: str) -> HttpResponse:
    """One click from a mail: GET asks (link scanners open links), POST does it. The
    signed token is the authority, so no login and no CSRF token (RFC 8058)."""
    target = email.unsubscribe_target(token)
    if target is None:
        return render(request, "notifications/unsubscribe.html", {"invalid": True}, status=400)
    user, kind = target
    done = request.method == "POST"
    if done:
        email.unsubscribe(user=user, kind=kind)
    return render(
        request,
        "notifications/unsubscribe.html",
        {"label": Kind(kind).label, "done": done, "who": user},
    )
