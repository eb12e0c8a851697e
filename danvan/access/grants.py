"""Who may grant which role where, and who may act on another user's account.

The rule is written with capabilities, never with role names:

* a role is granted in a unit only by someone who holds ``USERS_MANAGE`` there and every
  capability the role carries there too (so a unit leader cannot make board staff, who
  manage the org tree, and only a holder of every capability makes a system administrator);
* a role that itself manages users is granted only by a holder of ``USERS_DELEGATE``
  (the board appoints leaders; a leader adds reporters and viewers, not other leaders);
* the capabilities that read a unit's personal records (welfare beneficiaries' names,
  religious situations followed: ``PERSONAL``) are the one exception: the board, who
  appoints leaders and reporters (``USERS_DELEGATE``), grants roles carrying them without
  holding them itself;
* nobody grants in a closed unit;
* acting on an account (locking it, setting its password, linking it to a person) needs
  the right to grant every role it holds: otherwise a ward leader could reset the
  password of a board officer who also holds a role in the ward, and become them. Here
  there is no exception: the board does not act on the account of someone who reads
  personal records it may not read (else it could become them and read them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from danvan.access.roles import ROLE_CAPS, Cap, Role
from danvan.access.scope import can

if TYPE_CHECKING:
    from danvan.org.models import OrgUnit

EVERY_CAP = frozenset(Cap)
PERSONAL = frozenset({Cap.WELFARE_MANAGE, Cap.RELIGION_SENSITIVE})


def role_label(role: str) -> str:
    try:
        return str(Role(role).label)
    except ValueError:
        return role


def grant_refusal(
    actor: Any, role: str, unit: OrgUnit, *, withdrawing: bool = False, strict: bool = False
) -> str:
    """Why ``actor`` may not grant (or withdraw) ``role`` in ``unit``; "" when they may.
    ``strict``: no exception for ``PERSONAL`` (acting on an account)."""
    label = role_label(role)
    wanted = ROLE_CAPS.get(role)
    if wanted is None:
        return f"Vai trò «{role}» không tồn tại."
    if not can(actor, Cap.USERS_MANAGE, unit):
        return f"Bạn không có quyền quản lý người dùng tại «{unit.name}»."
    if not withdrawing and unit.is_historical:
        return f"«{unit.name}» đã ngừng hoạt động: không cấp vai trò tại đơn vị cũ."
    if wanted == EVERY_CAP and not all(can(actor, cap, unit) for cap in wanted):
        return f"Chỉ quản trị hệ thống mới cấp hoặc thu hồi được vai trò «{label}»."
    if Cap.USERS_MANAGE in wanted and not can(actor, Cap.USERS_DELEGATE, unit):
        return (
            f"Bạn không cấp hoặc thu hồi được vai trò «{label}»: vai trò này quản lý người "
            "dùng, chỉ Ban hoặc quản trị hệ thống mới giao được."
        )
    needed = wanted
    if not strict and can(actor, Cap.USERS_DELEGATE, unit):
        needed = wanted - PERSONAL
    if not all(can(actor, cap, unit) for cap in needed):
        return (
            f"Bạn không cấp hoặc thu hồi được vai trò «{label}» tại «{unit.name}»: vai trò "
            "này có những quyền mà chính bạn không có tại đó."
        )
    return ""


def may_grant(actor: Any, role: str, unit: OrgUnit) -> bool:
    return not grant_refusal(actor, role, unit)


def grantable_roles(actor: Any, unit: OrgUnit | None = None) -> list[tuple[str, str]]:
    """The roles ``actor`` may grant in ``unit`` (None: in some unit of their scope)."""
    from danvan.access.scope import scope_paths
    from danvan.org.models import OrgUnit

    if unit is not None:
        units = [unit]
    else:
        paths = scope_paths(actor, Cap.USERS_MANAGE)
        if "/" in paths:
            units = list(OrgUnit.objects.filter(parent__isnull=True))
        else:
            units = list(OrgUnit.objects.filter(path__in=paths))
    return [
        (value, str(label))
        for value, label in Role.choices
        if any(not grant_refusal(actor, value, u, withdrawing=True) for u in units)
    ]


def account_refusal(actor: Any, target: Any) -> str:
    """Why ``actor`` may not act on ``target``'s account; "" when they may."""
    if getattr(target, "is_superuser", False) or getattr(target, "is_staff", False):
        if not getattr(actor, "is_superuser", False):
            return (
                f"«{target}» có quyền vào trang quản trị Django: chỉ quản trị viên cấp cao "
                "nhất mới thao tác được trên tài khoản này."
            )
        return ""
    unit = getattr(target, "org_unit", None)
    if unit is not None and not can(actor, Cap.USERS_MANAGE, unit):
        return f"«{target}» thuộc «{unit.name}», ngoài phạm vi quản lý người dùng của bạn."
    assignments = list(target.role_assignments.select_related("org_unit"))
    if unit is None and not assignments and not getattr(actor, "is_superuser", False):
        return f"«{target}» chưa thuộc đơn vị nào: chỉ quản trị viên cấp cao nhất thao tác được."
    for assignment in assignments:
        if grant_refusal(
            actor, assignment.role, assignment.org_unit, withdrawing=True, strict=True
        ):
            return (
                f"«{target}» giữ vai trò «{assignment.get_role_display()}» tại "
                f"«{assignment.org_unit.name}», vượt quá quyền của bạn."
            )
    return ""
