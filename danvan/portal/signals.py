"""Wiring only: Wagtail's publishing signals empty the portal page cache."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from danvan.portal import roles
from danvan.portal.cache import bump_version


def _bump(**kwargs: Any) -> None:
    bump_version()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_bump, dispatch_uid=f"portal-cache-{id(signal)}")
    post_delete.connect(_bump, sender="wagtailcore.Page", dispatch_uid="portal-cache-delete")
    # The document list and the search show published register entries.
    post_save.connect(_bump, sender="documents.Document", dispatch_uid="portal-cache-doc")
    post_delete.connect(_bump, sender="documents.Document", dispatch_uid="portal-cache-doc-del")
    roles.connect_signals()  # Wagtail's editor/moderator groups follow our portal roles
