"""Reads of the text import: an import is seen by whoever brought it in and, once it has
a unit, by those who manage that unit's meetings."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.textimport.models import ArticleImport


def imports_visible(user: Any) -> QuerySet[ArticleImport]:
    mine = ArticleImport.objects.filter(created_by_id=getattr(user, "pk", None))
    # A draft without a unit is its author's (and an administrator's, whose scope is all).
    theirs = scoped(ArticleImport.objects.all(), user, Cap.MEETING_MANAGE)
    return ArticleImport.objects.filter(Q(pk__in=mine.values("pk")) | Q(pk__in=theirs.values("pk")))


def import_search(user: Any, *, q: str = "", status: str = "") -> QuerySet[ArticleImport]:
    found = imports_visible(user).select_related("meeting", "org_unit", "created_by")
    if status in ArticleImport.Status.values:
        found = found.filter(status=status)
    q = q.replace("\x00", "").strip()[:200]
    if q:
        found = found.filter(Q(title__icontains=q) | Q(source_name__icontains=q))
    return found.order_by("-created_at", "-pk")


def import_get(user: Any, pk: int) -> ArticleImport:
    item = (
        imports_visible(user).select_related("meeting", "org_unit", "report").filter(pk=pk).first()
    )
    if item is None:
        raise Http404("Không tìm thấy bài viết nhập.")
    return item
