"""Reads of users, always through the scoping function."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404

from danvan.access.models import RoleAssignment
from danvan.access.roles import Cap
from danvan.access.scope import scope_paths, scoped
from danvan.accounts.models import User
from danvan.audit.selectors import HISTORY_LIMIT, AuditRow, with_changes
from danvan.lib.text import fold
from danvan.people.models import Person
from danvan.people.selectors import person_search


def _matching(users: QuerySet[User], q: str) -> QuerySet[User]:
    """Marks and đ ignored, as everywhere: "nguyen van an" finds "Nguyễn Văn An".

    Names are folded here rather than stored folded: users are few (hundreds per
    province), and a login made in the Django admin or by a command stays findable."""
    folded = fold(q)
    if not folded:
        return users
    rows = users.values_list("pk", "full_name", "username", "email")
    found = [pk for pk, *texts in rows if any(folded in fold(t) for t in texts)]
    return users.filter(pk__in=found)


def user_list(
    *,
    user: Any,
    q: str = "",
    org_unit: int | None = None,
    role: str = "",
    active: bool | None = None,
) -> QuerySet[User]:
    """The users of ``user``'s subtree: those working in it or holding a role in it."""
    users = scoped(User.objects.all(), user, Cap.USERS_MANAGE)
    if org_unit is not None:
        in_unit = RoleAssignment.objects.filter(org_unit_id=org_unit).values("user_id")
        users = users.filter(Q(org_unit_id=org_unit) | Q(pk__in=in_unit))
    if role:
        users = users.filter(pk__in=RoleAssignment.objects.filter(role=role).values("user_id"))
    if active is not None:
        users = users.filter(is_active=active)
    users = _matching(users, q)
    return users.select_related("org_unit").order_by("full_name", "username", "id")


def user_get(*, user: Any, pk: int) -> User:
    found = (
        scoped(User.objects.filter(pk=pk), user, Cap.USERS_MANAGE)
        .select_related("org_unit", "person")
        .first()
    )
    if found is None:
        raise Http404("Không tìm thấy người dùng, hoặc người dùng nằm ngoài phạm vi của bạn.")
    return found


def roles_of(*, user: Any, target: User) -> tuple[list[RoleAssignment], int]:
    """``target``'s roles that ``user`` may see, and how many others it holds elsewhere."""
    paths = scope_paths(user, Cap.USERS_MANAGE)
    assignments = list(
        target.role_assignments.select_related("org_unit").order_by("org_unit__path", "role")
    )
    seen = [a for a in assignments if any(a.org_unit.path.startswith(p) for p in paths)]
    return seen, len(assignments) - len(seen)


def role_assignment_get(*, user: Any, target: User, pk: int) -> RoleAssignment:
    assignment = (
        scoped(RoleAssignment.objects.filter(pk=pk, user=target), user, Cap.USERS_MANAGE)
        .select_related("org_unit", "user")
        .first()
    )
    if assignment is None:
        raise Http404("Không tìm thấy vai trò này trong phạm vi của bạn.")
    return assignment


def user_history(*, target: User, limit: int = HISTORY_LIMIT) -> list[AuditRow]:
    """Changes of the account and of its roles (withdrawn ones too), newest first."""
    user_type = ContentType.objects.get_for_model(User)
    role_type = ContentType.objects.get_for_model(RoleAssignment)
    entries = (
        LogEntry.objects.filter(
            Q(content_type=user_type, object_pk=str(target.pk))
            | Q(content_type=role_type, additional_data__user_id=target.pk)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )[:limit]
    return with_changes(entries)


def person_candidates(*, user: Any, q: str, limit: int = 20) -> list[Person]:
    """People in ``user``'s scope for linking a login, best first (by name, unmarked)."""
    if not fold(q):
        return []
    return list(person_search(user=user, q=q)[:limit])
