"""Granting and withdrawing roles: atomic, audited, never wider than the granter's own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError

from danvan.access.grants import grant_refusal, role_label
from danvan.access.models import RoleAssignment
from danvan.access.scope import forget
from danvan.core.audit import service

if TYPE_CHECKING:
    from danvan.accounts.models import User
    from danvan.org.models import OrgUnit


def _lock_user(user: User) -> User:
    return type(user).objects.select_for_update().get(pk=user.pk)


@service
def role_grant(*, actor: Any, user: User, role: str, org_unit: OrgUnit) -> RoleAssignment:
    refusal = grant_refusal(actor, role, org_unit)
    if refusal:
        raise PermissionDenied(refusal)
    locked = _lock_user(user)
    if RoleAssignment.objects.filter(user=locked, role=role, org_unit=org_unit).exists():
        raise ValidationError(
            {"role": f"«{user}» đã có vai trò «{role_label(role)}» tại «{org_unit.name}»."}
        )
    assignment = RoleAssignment(user=locked, role=role, org_unit=org_unit)
    assignment.full_clean(validate_unique=False)
    assignment.save()
    forget(user)
    return assignment


@service
def role_withdraw(*, actor: Any, assignment: RoleAssignment) -> RoleAssignment:
    if getattr(actor, "pk", None) is not None and assignment.user_id == actor.pk:
        raise ValidationError(
            "Bạn không tự thu hồi vai trò của chính mình; hãy nhờ người quản lý cấp trên."
        )
    refusal = grant_refusal(actor, assignment.role, assignment.org_unit, withdrawing=True)
    if refusal:
        raise PermissionDenied(refusal)
    locked = RoleAssignment.objects.select_for_update().filter(pk=assignment.pk).first()
    if locked is None:
        raise ValidationError("Vai trò này đã được thu hồi.")
    locked.delete()
    forget(assignment.user)
    return assignment


@service
def roles_move_to_successor(
    *, actor: Any, assignments: Sequence[RoleAssignment], successor: OrgUnit
) -> list[RoleAssignment]:
    """Move roles held in closed units to the unit that continues them (after a merge).

    Each move is a withdrawal at the old unit and a grant at the successor, both under
    the usual rules; one refusal moves nothing. A user who already holds the role at the
    successor only loses the old one."""
    moved: list[RoleAssignment] = []
    for assignment in assignments:
        refusal = grant_refusal(actor, assignment.role, successor) or grant_refusal(
            actor, assignment.role, assignment.org_unit, withdrawing=True
        )
        if refusal:
            raise PermissionDenied(refusal)
        locked = RoleAssignment.objects.select_for_update().filter(pk=assignment.pk).first()
        if locked is None:
            continue
        user = locked.user
        locked.delete()
        kept = RoleAssignment.objects.filter(
            user=user, role=assignment.role, org_unit=successor
        ).first()
        if kept is None:
            kept = RoleAssignment(user=user, role=assignment.role, org_unit=successor)
            kept.full_clean(validate_unique=False)
            kept.save()
        forget(user)
        moved.append(kept)
    return moved
