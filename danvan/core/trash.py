"""The "Đã xóa" page and the restore button, shared by every soft-deleted record.

Each app passes its own scoped selector of deleted rows and its restore service, so the
access rules stay where they are; this only saves writing the same two views again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

PAGE_SIZE = 30


def trash_page(request: HttpRequest, *, deleted: QuerySet[Any], template: str) -> HttpResponse:
    page = Paginator(deleted, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {"page": page})


def restore(
    request: HttpRequest,
    pk: int,
    *,
    deleted: QuerySet[Any],
    service: Callable[[Any], Any],
    what: str,
    trash_url: str,
    detail_url: str,
) -> HttpResponse:
    """Restore deleted row ``pk`` (404 when it is not among ``deleted``), then go to its
    page; a refusal (its parent is deleted too...) goes back to the trash with the reason."""
    row = deleted.filter(pk=pk).first()
    if row is None:
        raise Http404(f"Không có {what} đã xóa này trong phạm vi của bạn.")
    try:
        service(row)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(trash_url)
    messages.success(request, f"Đã khôi phục «{row}».")
    return redirect(detail_url, pk=row.pk)
