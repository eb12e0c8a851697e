"""Our roles decide who writes and who publishes in Wagtail: its groups follow them.

A user's roles live in ``access.RoleAssignment`` (a role held in an org unit). The CMS
knows nothing of units: it has two groups (renamed in migration ``portal/0002``), whose
permissions are Wagtail's defaults — editors add and edit pages and use images and
documents, then "Gửi duyệt" (submit for moderation); moderators may also publish, so they
approve the workflow "Duyệt bài trước khi đăng". Holding the role anywhere puts the user in
the group: there is one portal, not one per unit.

A system administrator holds every capability (``access.roles.ROLE_CAPS``), so the role
``system_admin`` counts as a moderator here; a superuser passes every Wagtail check anyway.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from danvan.access.roles import Role

EDITORS = "Biên tập viên cổng thông tin"
MODERATORS = "Kiểm duyệt viên cổng thông tin"
logger = logging.getLogger(__name__)

# Group name → the roles that put a user in it.
GROUP_ROLES: dict[str, frozenset[str]] = {
    EDITORS: frozenset({Role.PORTAL_EDITOR}),
    MODERATORS: frozenset({Role.PORTAL_MODERATOR, Role.SYSTEM_ADMIN}),
}


def _groups() -> dict[str, Group]:
    found = {group.name: group for group in Group.objects.filter(name__in=GROUP_ROLES)}
    missing = sorted(set(GROUP_ROLES) - found.keys())
    if missing:
        # Migration portal/0002 renames Wagtail's "Editors" and "Moderators". A database
        # without them (flushed by a browser test) still lets roles be granted: the CMS
        # part is skipped, not the grant refused.
        logger.warning("Thiếu nhóm quyền Wagtail %s: chưa chạy manage.py migrate?", missing)
    return found


@transaction.atomic
def sync_cms_groups(user: Any) -> None:
    """Put ``user`` in exactly the portal's Wagtail groups their roles call for."""
    held = set(user.role_assignments.values_list("role", flat=True))
    member = set(user.groups.filter(name__in=GROUP_ROLES).values_list("name", flat=True))
    for name, group in _groups().items():
        wanted = bool(held & GROUP_ROLES[name])
        # Only what changes is written: a resync of users already right writes nothing.
        if wanted and name not in member:
            user.groups.add(group)
        elif not wanted and name in member:
            user.groups.remove(group)


@transaction.atomic
def sync_all_cms_groups() -> int:
    """Resynchronise every user who holds a portal role or sits in a portal group."""
    user_model = get_user_model()
    roles: set[str] = set().union(*GROUP_ROLES.values())
    users = user_model.objects.filter(role_assignments__role__in=roles) | user_model.objects.filter(
        groups__name__in=GROUP_ROLES
    )
    count = 0
    for user in users.distinct().order_by("pk"):
        sync_cms_groups(user)
        count += 1
    return count


def _role_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    # On a cascade (the user being deleted) the user row may be gone already.
    user = get_user_model().objects.filter(pk=instance.user_id).first()
    if user is not None:
        sync_cms_groups(user)


def connect_signals() -> None:
    """Wiring only: a role granted or withdrawn moves the user between the CMS groups."""
    for signal in (post_save, post_delete):
        signal.connect(
            _role_changed,
            sender="access.RoleAssignment",
            dispatch_uid=f"portal-cms-groups-{id(signal)}",
        )
