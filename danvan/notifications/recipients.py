"""Who is told: users resolved by the roles they hold in a unit (danvan/access).

A role is looked up *at* the unit, not above it: the board of a province can see every
ward's report, but the ward's own reporter and leader are the ones a reminder is for.
Approvers are the nearest unit above that has someone with the right to approve.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model

from danvan.access.models import RoleAssignment
from danvan.access.roles import Cap, Role, roles_with
from danvan.org.models import OrgUnit


def _roles(cap: Cap) -> list[str]:
    # A system administrator holds every capability but is nobody's reminder target.
    return [role for role in roles_with(cap) if role != Role.SYSTEM_ADMIN]


def holders(units: Iterable[OrgUnit | int], cap: Cap) -> list[Any]:
    """Active users holding a role with ``cap`` at one of ``units`` (the units themselves)."""
    ids = [u if isinstance(u, int) else u.pk for u in units]
    if not ids:
        return []
    user_ids = RoleAssignment.objects.filter(
        org_unit_id__in=ids, role__in=_roles(cap), user__is_active=True
    ).values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids).order_by("pk"))


def holders_by_unit(units: Iterable[OrgUnit], cap: Cap) -> dict[int, list[int]]:
    """{unit id: [user ids]} of the users holding ``cap`` at each unit (one query)."""
    found: dict[int, list[int]] = {}
    rows = RoleAssignment.objects.filter(
        org_unit__in=list(units), role__in=_roles(cap), user__is_active=True
    ).values_list("org_unit_id", "user_id")
    for unit_id, user_id in rows.order_by("user_id"):
        found.setdefault(unit_id, [])
        if user_id not in found[unit_id]:
            found[unit_id].append(user_id)
    return found


def approvers(unit: OrgUnit) -> list[Any]:
    """Who approves ``unit``'s reports: the holders at the nearest unit above with any."""
    above = list(OrgUnit.objects.filter(pk__in=unit.ancestor_ids)) if unit.parent_id else [unit]
    for candidate in sorted(above, key=lambda u: len(u.path), reverse=True):
        found = holders([candidate], Cap.REPORT_APPROVE)
        if found:
            return found
    return []


def portal_moderators() -> list[Any]:
    user_ids = RoleAssignment.objects.filter(
        role__in=_roles(Cap.PORTAL_PUBLISH), user__is_active=True
    ).values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids).order_by("pk"))
