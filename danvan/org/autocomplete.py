"""The unit source of the pickers (``core/autocomplete.py``): search by name without marks
(or by code), showing the parent ("Phường Định Công — Thành phố Hà Nội"), units open
today first, closed ones marked."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from danvan.access.roles import Cap
from danvan.core import autocomplete, clock
from danvan.lib.text import fold
from danvan.org.models import OrgUnit

INLINE_LIMIT = autocomplete.INLINE_LIMIT


def unit_label(unit: OrgUnit) -> str:
    """ "Phường Định Công — Thành phố Hà Nội", closed units marked."""
    parent = f" — {unit.parent.name}" if unit.parent_id and unit.parent is not None else ""
    closed = " (đã ngừng hoạt động)" if unit.is_historical else ""
    return f"{unit.name}{parent}{closed}"


def _search(units: QuerySet[OrgUnit], q: str) -> QuerySet[OrgUnit]:
    folded = fold(q)
    if folded:
        units = units.filter(Q(name_folded__contains=folded) | Q(code__iexact=q))
    closed = Case(
        When(valid_to__isnull=False, valid_to__lt=clock.today(), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return units.annotate(closed=closed).order_by("closed", "name_folded", "pk")


UNITS = autocomplete.Source(
    name="unit",
    model=OrgUnit,
    cap=Cap.ORG_VIEW,
    search=_search,
    label=unit_label,
    context=lambda unit: "",
    prepare=lambda units: units.select_related("parent"),
    placeholder="Gõ tên đơn vị (không cần dấu)…",
    empty="Không tìm thấy đơn vị nào.",
    closed=lambda unit: bool(getattr(unit, "closed", unit.is_historical)),
)


def sign_queryset(queryset: QuerySet[OrgUnit]) -> str:
    return autocomplete.sign_queryset("unit", queryset)


def suggest(queryset: QuerySet[OrgUnit], q: str, limit: int = autocomplete.RESULTS) -> list[Any]:
    return autocomplete.suggest(UNITS, queryset, q, limit)
