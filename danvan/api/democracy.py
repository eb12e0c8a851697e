"""/api/v1/democracy: the grassroots-democracy register's four lists and their counts,
within the caller's scope (``Cap.DEMOCRACY_VIEW``), and a commune's disclosure checklist.

- ``GET /{list}`` with ``list`` one of ``disclosures``, ``decisions``, ``consultations``,
  ``oversight``: ``q``, ``org_unit`` (its subtree), ``start``/``end`` (the date the
  figure counts), ``state``, ``limit``/``offset`` → ``{count, items}``;
- ``GET /{list}/{id}``; ``GET /stats?org_unit=`` → records by state of each list;
- ``GET /checklist?org_unit=&year=`` → each required content, its disclosures, missing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Model
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.api.input import MAX_BIGINT, check_text, optional_id
from danvan.api.schemas import ErrorOut
from danvan.core import clock
from danvan.democracy import selectors
from danvan.democracy.models import Disclosure
from danvan.democracy.registry import KINDS
from danvan.org.selectors import org_unit_get

router = Router()
_READ = {400: ErrorOut, 404: ErrorOut}


class RecordPage(Schema):
    count: int
    items: list[dict[str, Any]]


class ChecklistOut(Schema):
    org_unit: dict[str, Any]
    year: int
    missing: int
    items: list[dict[str, Any]]


def _require(request: HttpRequest) -> None:
    if not can(request.user, Cap.DEMOCRACY_VIEW, None):
        raise Http404("Không tìm thấy.")


def _kind(name: str) -> Any:
    found = KINDS.get(name)
    if found is None:
        raise Http404(f"Không có danh sách «{name[:40]}».")
    return found


def record(row: Model) -> dict[str, Any]:
    """A record's fields, its unit, its state's label (and a disclosure's shown state)."""
    out: dict[str, Any] = {"id": row.pk}
    for field in row._meta.concrete_fields:
        name = field.name
        if name in ("id", "deleted_at", "org_unit", "item"):
            continue
        value = getattr(row, name)
        out[name] = value.isoformat() if isinstance(value, dt.date | dt.datetime) else value
        if field.choices and value:
            out[f"{name}_label"] = getattr(row, f"get_{name}_display")()
    unit = row.org_unit  # type: ignore[attr-defined]
    out["org_unit"] = {"id": unit.pk, "name": unit.name}
    if isinstance(row, Disclosure):
        out["item"] = {"id": row.item.pk, "clause": row.item.clause} if row.item else None
        shown, label = row.shown_state(clock.today())
        out["shown_state"], out["shown_state_label"] = shown, label
    return out


@router.get("/stats", response={200: dict[str, dict[str, int]], **_READ})
def stats(request: HttpRequest, org_unit: int | None = optional_id()) -> Any:
    _require(request)
    unit = org_unit_get(user=request.user, pk=org_unit) if org_unit else None
    return selectors.counts(user=request.user, org_unit=unit)


@router.get("/checklist", response={200: ChecklistOut, **_READ})
def checklist(
    request: HttpRequest,
    org_unit: int = Query(..., ge=1, le=MAX_BIGINT),
    year: int = Query(..., ge=2023, le=2100),
) -> Any:
    _require(request)
    unit = org_unit_get(user=request.user, pk=org_unit)
    if not can(request.user, Cap.DEMOCRACY_VIEW, unit):
        raise Http404("Không tìm thấy.")
    rows = selectors.checklist(user=request.user, unit=unit, year=year)
    return {
        "org_unit": {"id": unit.pk, "name": unit.name},
        "year": year,
        "missing": sum(1 for r in rows if r.missing),
        "items": [
            {
                "id": r.item.pk,
                "code": r.item.code,
                "clause": r.item.clause,
                "name": r.item.name,
                "missing": r.missing,
                "disclosures": [d.pk for d in r.disclosures],
            }
            for r in rows
        ],
    }


@router.get("/{name}", response={200: RecordPage, **_READ})
def list_records(
    request: HttpRequest,
    name: str,
    q: str = "",
    state: str = "",
    org_unit: int | None = optional_id(),
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_BIGINT),
) -> Any:
    _require(request)
    kind = _kind(name)
    for field, value in (("q", q), ("state", state)):
        check_text(field, value)
    unit = org_unit_get(user=request.user, pk=org_unit) if org_unit else None
    found = selectors.search(
        kind.model, user=request.user, q=q, state=state, org_unit=unit, start=start, end=end
    )
    return {"count": found.count(), "items": [record(r) for r in found[offset : offset + limit]]}


@router.get("/{name}/{int:record_id}", response={200: dict[str, Any], 404: ErrorOut})
def get_record(request: HttpRequest, name: str, record_id: int) -> Any:
    _require(request)
    kind = _kind(name)
    return record(selectors.get(request.user, kind.model, record_id))
