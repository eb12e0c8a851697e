from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.access.roles import Cap
from danvan.access.scope import require


@login_required
def report_home(request: HttpRequest) -> HttpResponse:
    require(request.user, Cap.REPORT_VIEW, None)
    return render(request, "reporting/home.html", {})
