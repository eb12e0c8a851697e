"""Reads of the org tree, always through the scoping function."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from danvan.access.roles import Cap
from danvan.access.scope import scope_paths, scoped
from danvan.lib.text import fold
from danvan.org.models import OrgUnit, OrgUnitQuerySet, OrgUnitSuccession

STATUS_ACTIVE = "active"
STATUS_HISTORICAL = "historical"


def org_unit_list(
    *,
    user: Any,
    q: str = "",
    parent: int | None = None,
    kind: int | str | None = None,
    level: int | str | None = None,
    organisation_kind: int | str | None = None,
    status: str = "",
    cap: Cap = Cap.ORG_VIEW,
) -> OrgUnitQuerySet:
    units = scoped(OrgUnit.objects.all(), user, cap).select_related(
        "parent", "kind", "level", "organisation_kind"
    )
    if q:
        folded = fold(q)
        units = units.filter(Q(name_folded__contains=folded) | Q(code__iexact=q.strip()))
    if parent is not None:
        units = units.filter(parent_id=parent)
    if kind:
        units = units.filter(Q(kind__code=kind) if not str(kind).isdigit() else Q(kind_id=kind))
    if level:
        units = units.filter(
            Q(level__code=level) if not str(level).isdigit() else Q(level_id=level)
        )
    if organisation_kind:
        units = units.filter(
            Q(organisation_kind__code=organisation_kind)
            if not str(organisation_kind).isdigit()
            else Q(organisation_kind_id=organisation_kind)
        )
    if status == STATUS_ACTIVE:
        units = units.active()
    elif status == STATUS_HISTORICAL:
        units = units.historical()
    return units.order_by("depth", "name_folded", "id")


def org_unit_get(*, user: Any, pk: int, cap: Cap = Cap.ORG_VIEW) -> OrgUnit:
    unit = (
        scoped(OrgUnit.objects.all(), user, cap)
        .select_related("parent", "kind", "level", "organisation_kind")
        .filter(pk=pk)
        .first()
    )
    if unit is None:
        raise Http404("Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.")
    return unit


def org_unit_roots(*, user: Any, cap: Cap = Cap.ORG_VIEW) -> OrgUnitQuerySet:
    """The top units the user reaches: the starting points for browsing the tree."""
    paths = scope_paths(user, cap)
    units = OrgUnit.objects.select_related("kind", "level", "organisation_kind")
    if "/" in paths:
        return units.filter(parent__isnull=True).order_by("name_folded")
    return units.filter(path__in=paths).order_by("depth", "name_folded")


def org_unit_children(*, user: Any, unit: OrgUnit) -> OrgUnitQuerySet:
    return (
        scoped(OrgUnit.objects.filter(parent=unit), user, Cap.ORG_VIEW)
        .select_related("kind", "level", "organisation_kind")
        .annotate(child_count=Count("children", filter=Q(children__deleted_at__isnull=True)))
        .order_by("kind__is_place", "organisation_kind__sort_order", "name_folded")
    )


def org_unit_breadcrumbs(*, user: Any, unit: OrgUnit) -> list[tuple[OrgUnit, bool]]:
    """Ancestors from the root, each with whether the user may open it."""
    ancestors = {u.pk: u for u in OrgUnit.objects.filter(pk__in=unit.ancestor_ids)}
    paths = scope_paths(user, Cap.ORG_VIEW)
    trail = []
    for pk in unit.ancestor_ids:
        ancestor = ancestors.get(pk)
        if ancestor is not None:
            trail.append((ancestor, any(ancestor.path.startswith(p) for p in paths)))
    return trail


@dataclass(frozen=True)
class SuccessionGroup:
    """One reorganisation seen from a unit: "Kế thừa bởi A, B, C — chia tách, 01/07/2025"."""

    kind: str
    effective_date: dt.date
    decision: str
    units: list[OrgUnit]


def _group(links: list[OrgUnitSuccession], other: str) -> list[SuccessionGroup]:
    groups: dict[tuple[str, dt.date, str], list[OrgUnit]] = {}
    for link in links:
        key = (link.get_kind_display(), link.effective_date, link.decision)
        groups.setdefault(key, []).append(getattr(link, other))
    return [SuccessionGroup(k, d, dec, units) for (k, d, dec), units in groups.items()]


def org_unit_successions(*, unit: OrgUnit) -> dict[str, list[SuccessionGroup]]:
    related = ("predecessor", "successor")
    return {
        "successors": _group(list(unit.successions.select_related(*related)), "successor"),
        "predecessors": _group(list(unit.predecessions.select_related(*related)), "predecessor"),
    }


def org_unit_deleted(*, user: Any) -> OrgUnitQuerySet:
    return (
        scoped(OrgUnit.all_objects.filter(deleted_at__isnull=False), user, Cap.ORG_MANAGE)
        .select_related("parent", "kind")
        .order_by("-deleted_at")
    )


def org_unit_stats(*, user: Any) -> dict[str, int]:
    units = scoped(OrgUnit.objects.all(), user, Cap.ORG_VIEW)
    today = timezone.localdate()
    return {
        "total": units.count(),
        "active": units.active_on(today).count(),
        "historical": units.filter(valid_to__lt=today).count(),
    }
