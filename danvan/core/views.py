from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.core.http import AppRequest
from danvan.notifications.context_processors import INBOX_ATTR
from danvan.notifications.selectors import inbox
from danvan.org.selectors import org_unit_stats
from danvan.people.selectors import person_search
from danvan.tasks.selectors import overdue_count, overdue_tasks


def healthz(request: HttpRequest) -> JsonResponse:
    """200 with the database engine when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return JsonResponse(
            {"status": "error", "database": connection.vendor, "error": str(exc)}, status=503
        )
    return JsonResponse({"status": "ok", "database": connection.vendor})


@login_required
def home(request: AppRequest) -> HttpResponse:
    """Việc cần làm (danvan/notifications), then who I am, where my roles reach, and the
    tree at a glance."""
    assignments = request.user.role_assignments.select_related("org_unit").order_by(
        "org_unit__path"
    )
    todo = inbox(user=request.user)
    setattr(request, INBOX_ATTR, todo)  # the menu's count reads it (no second computation)
    context: dict[str, Any] = {
        "inbox": todo,
        "assignments": assignments,
        "org_stats": org_unit_stats(user=request.user)
        if can(request.user, Cap.ORG_VIEW, None)
        else None,
        "people_count": person_search(user=request.user).count()
        if can(request.user, Cap.PEOPLE_VIEW, None)
        else None,
    }
    if can(request.user, Cap.TASK_MANAGE, None):
        context["overdue_tasks"] = overdue_tasks(user=request.user)
        context["overdue_total"] = overdue_count(user=request.user)
    return render(request, "core/home.html", context)
