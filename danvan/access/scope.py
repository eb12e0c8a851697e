"""The one place that decides what a user may see or change.

Every selector passes its queryset through :func:`scoped`; every service asks
:func:`require`. A role held in an org unit reaches that unit and its subtree, which
the materialised ``path`` makes a prefix match ("/1/5/" reaches "/1/5/23/").

A model says where its org unit is with ``SCOPE_UNIT_FIELDS`` (``""`` for OrgUnit
itself); several fields are OR-ed (a person is visible through the unit that manages
the record or through any unit where they hold a position).

A model that sets ``SCOPE_INHERITED = True`` is also visible *down* the tree: a directive
held by the Thành ủy is readable in every ward under it (its unit is an ancestor of the
user's), while only those whose scope reaches the holder may change it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

from danvan.access.roles import ROLE_CAPS, Cap

if TYPE_CHECKING:
    from danvan.org.models import OrgUnit

QS = TypeVar("QS", bound=QuerySet[Any])

_CACHE_ATTR = "_danvan_scope_paths"
_ALL = "/"


def scope_paths(user: Any, cap: Cap) -> list[str]:
    """Paths of the subtrees where ``user`` holds ``cap`` (cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser:
        return [_ALL]
    cache: dict[Cap, list[str]] | None = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        rows = user.role_assignments.select_related("org_unit").values_list(
            "role", "org_unit__path"
        )
        for role, path in rows:
            for granted in ROLE_CAPS.get(role, ()):
                cache.setdefault(granted, []).append(path)
        for granted, paths in cache.items():
            cache[granted] = _outermost(paths)
        setattr(user, _CACHE_ATTR, cache)
    return cache.get(cap, [])


def forget(user: Any) -> None:
    """Drop the cached scope (after the user's roles change)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _outermost(paths: list[str]) -> list[str]:
    kept: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(outer) for outer in kept):
            kept.append(path)
    return kept


def _unit_fields(model: type[Model]) -> tuple[str, ...]:
    fields = getattr(model, "SCOPE_UNIT_FIELDS", None)
    if fields is None:
        raise TypeError(f"{model.__name__} không khai báo SCOPE_UNIT_FIELDS")
    return tuple(fields)


def scoped(queryset: QS, user: Any, cap: Cap) -> QS:
    """Restrict ``queryset`` to the records ``user`` may reach with ``cap``."""
    paths = scope_paths(user, cap)
    if not paths:
        return cast(QS, queryset.none())
    if _ALL in paths:
        return queryset
    fields = _unit_fields(queryset.model)
    inherited = getattr(queryset.model, "SCOPE_INHERITED", False)
    condition = Q()
    for field in fields:
        prefix = f"{field}__path" if field else "path"
        for path in paths:
            condition |= Q(**{f"{prefix}__startswith": path})
        if inherited:
            condition |= Q(**{f"{prefix}__in": _ancestor_paths(paths)})
    narrowed = queryset.filter(condition)
    # A record reached through a to-many field (a task's co-units) would come back once
    # per matching row.
    if any("__" in f or (f and _to_many(queryset.model, f)) for f in fields):
        narrowed = narrowed.distinct()
    return cast(QS, narrowed)


def _to_many(model: type[Model], field: str) -> bool:
    return bool(model._meta.get_field(field).many_to_many)


def _ancestor_paths(paths: list[str]) -> list[str]:
    """ "/1/5/23/" → "/1/", "/1/5/" (the path itself is matched by the prefix already)."""
    found: set[str] = set()
    for path in paths:
        parts = path.strip("/").split("/")
        for depth in range(1, len(parts)):
            found.add("/" + "/".join(parts[:depth]) + "/")
    return sorted(found)


def can(user: Any, cap: Cap, unit: OrgUnit | None) -> bool:
    """May ``user`` use ``cap`` on ``unit`` (None: anywhere at all)?"""
    paths = scope_paths(user, cap)
    if unit is None:
        return bool(paths)
    return any(unit.path.startswith(path) for path in paths)


def require(user: Any, cap: Cap, unit: OrgUnit | None) -> None:
    if not can(user, cap, unit):
        where = f" tại «{unit.name}»" if unit is not None else ""
        raise PermissionDenied(f"Bạn không có quyền thực hiện thao tác này{where}.")
