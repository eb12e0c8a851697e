"""Reads of the register, always through the scoping function.

Models are scoped with ``Cap.EMULATION_VIEW`` on their registering or lead unit;
campaigns on their launching unit, and down the tree (a ward sees the city's campaign).

The counts (:func:`counts`) are the numbers the movement is judged by: *registered*
(every model not deleted), *effective* (đang thực hiện and later, not dừng) and
*recognised* (công nhận and later, not dừng), by field and by recognition level, for a
subtree. :func:`count_registered` and :func:`count_recognised` are the same counts for
the reports' sources (``danvan.emulation.sources``): one definition, so the figures of a
report and the register's page cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.emulation.models import (
    EFFECTIVE_STATES,
    RECOGNISED_STATES,
    Campaign,
    EmulationModel,
    EmulationModelQuerySet,
    Field,
    RecognitionLevel,
    State,
)
from danvan.lib.text import fold
from danvan.org.models import OrgUnit


def _visible(user: Any) -> EmulationModelQuerySet:
    ids = scoped(EmulationModel.objects.all(), user, Cap.EMULATION_VIEW).values("pk")
    return EmulationModel.objects.filter(pk__in=ids)


def _with_relations(models: EmulationModelQuerySet) -> EmulationModelQuerySet:
    return models.select_related(
        "campaign", "unit", "lead_unit", "field", "recognised_level", "recognised_by"
    )


def campaigns_visible(*, user: Any) -> QuerySet[Campaign]:
    return scoped(Campaign.objects.all(), user, Cap.EMULATION_VIEW).select_related(
        "launching_unit", "document"
    )


def campaign_search(
    *, user: Any, q: str = "", year: int | None = None, unit: OrgUnit | None = None
) -> QuerySet[Campaign]:
    campaigns = campaigns_visible(user=user)
    if q:
        campaigns = campaigns.filter(name_folded__contains=fold(q))
    if year:
        campaigns = campaigns.filter(year=year)
    if unit is not None:
        campaigns = campaigns.filter(launching_unit__path__startswith=unit.path)
    counted = campaigns.annotate(model_count=Count("models", filter=Q(models__deleted_at=None)))
    return counted.order_by("-year", "name", "id")


def campaign_get(*, user: Any, pk: int) -> Campaign:
    campaign = (
        (campaigns_visible(user=user).prefetch_related("levels", "criteria", "milestones"))
        .filter(pk=pk)
        .first()
    )
    if campaign is None:
        raise Http404("Không tìm thấy đợt thi đua, hoặc đợt thi đua nằm ngoài phạm vi của bạn.")
    return campaign


@dataclass
class ModelFilters:
    q: str = ""
    campaign: Campaign | None = None
    unit: OrgUnit | None = None
    field: Field | None = None
    state: str = ""
    level: RecognitionLevel | None = None
    year: int | None = None
    # Registered (or recognised, ``recognised=True``) within these days.
    start: dt.date | None = None
    end: dt.date | None = None
    recognised: bool = False


def model_search(*, user: Any, filters: ModelFilters | None = None) -> EmulationModelQuerySet:
    """Models in scope matching ``filters``, newest registration first."""
    f = filters or ModelFilters()
    models = _visible(user)
    if f.q:
        models = models.filter(name_folded__contains=fold(f.q))
    if f.campaign is not None:
        models = models.filter(campaign=f.campaign)
    if f.unit is not None:
        models = models.filter(unit__path__startswith=f.unit.path)
    if f.field is not None:
        models = models.filter(field=f.field)
    if f.state == "hieu_qua":
        models = models.effective()
    elif f.state == "da_cong_nhan":
        models = models.filter(state__in=RECOGNISED_STATES)
    elif f.state:
        models = models.filter(state=f.state)
    if f.level is not None:
        models = models.filter(recognised_level=f.level)
    if f.year:
        models = models.filter(campaign__year=f.year)
    day = "recognised_on" if f.recognised else "registered_on"
    if f.recognised:
        models = models.filter(state__in=RECOGNISED_STATES)
    if f.start is not None:
        models = models.filter(**{f"{day}__gte": f.start})
    if f.end is not None:
        models = models.filter(**{f"{day}__lte": f.end})
    return _with_relations(models).order_by("-registered_on", "name", "id")


def model_get(*, user: Any, pk: int) -> EmulationModel:
    model = (
        _with_relations(_visible(user))
        .prefetch_related("partner_units", "people", "campaign__levels", "campaign__criteria")
        .filter(pk=pk)
        .first()
    )
    if model is None:
        raise Http404("Không tìm thấy mô hình, hoặc mô hình nằm ngoài phạm vi của bạn.")
    return model


def model_history(model: EmulationModel) -> dict[str, Any]:
    """The detail page's timeline: moves, notes with evidence, evaluations with scores."""
    return {
        "transitions": list(model.transitions.select_related("actor")),
        "notes": list(model.notes.prefetch_related("evidence").select_related("created_by")),
        "evidence": list(model.evidence.all()),
        "evaluations": list(
            model.evaluations.prefetch_related("scores__criterion").select_related("evaluator")
        ),
    }


# --- counts ----------------------------------------------------------------------------


@dataclass
class Tally:
    registered: int = 0
    effective: int = 0
    recognised: int = 0


@dataclass
class Counts:
    """The register's counts for one subtree (and one campaign or year, if chosen)."""

    unit: OrgUnit | None
    total: Tally = field(default_factory=Tally)
    by_field: list[tuple[Field, Tally]] = field(default_factory=list)
    by_level: list[tuple[RecognitionLevel, int]] = field(default_factory=list)
    by_state: list[tuple[str, str, int]] = field(default_factory=list)
    by_unit: list[tuple[OrgUnit, Tally]] = field(default_factory=list)
    # state code -> field pk -> count: the board's table "by state and field".
    grid: dict[str, dict[int, int]] = field(default_factory=dict)


_TALLY = {
    "registered": Count("pk"),
    "effective": Count("pk", filter=Q(state__in=EFFECTIVE_STATES)),
    "recognised": Count("pk", filter=Q(state__in=RECOGNISED_STATES)),
}


def _tally(row: dict[str, Any]) -> Tally:
    return Tally(int(row["registered"]), int(row["effective"]), int(row["recognised"]))


def counts(
    *,
    user: Any,
    unit: OrgUnit | None = None,
    campaign: Campaign | None = None,
    year: int | None = None,
) -> Counts:
    """Registered, effective and recognised models of ``unit``'s subtree in scope: in all,
    by field, by level, by state, by the units right under ``unit``."""
    models = model_search(user=user, filters=ModelFilters(unit=unit, campaign=campaign, year=year))
    models = models.order_by()
    result = Counts(unit=unit)
    result.total = _tally(models.aggregate(**_TALLY))
    per_field = {row["field"]: row for row in models.values("field").annotate(**_TALLY)}
    result.by_field = [
        (f, _tally(per_field[f.pk]) if f.pk in per_field else Tally())
        for f in Field.objects.filter(Q(is_active=True) | Q(pk__in=list(per_field)))
    ]
    per_level = dict(
        models.filter(state__in=RECOGNISED_STATES)
        .values_list("recognised_level")
        .annotate(n=Count("pk"))
        .values_list("recognised_level", "n")
    )
    result.by_level = [(lv, int(per_level.get(lv.pk, 0))) for lv in RecognitionLevel.objects.all()]
    per_state = dict(models.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    result.by_state = [(s.value, s.label, int(per_state.get(s.value, 0))) for s in State]
    for state, field_id, n in models.values_list("state", "field").annotate(n=Count("pk")):
        result.grid.setdefault(state, {})[field_id] = int(n)
    if unit is not None:
        result.by_unit = _by_child(models, unit)
    return result


def _by_child(models: EmulationModelQuerySet, unit: OrgUnit) -> list[tuple[OrgUnit, Tally]]:
    """The tallies of ``unit`` itself and of each unit right under it (one query: a
    model's child is the path segment after ``unit``'s path)."""
    own = Tally()
    per_child: dict[int, Tally] = {}
    for path, state in models.values_list("unit__path", "state"):
        rest = str(path)[len(unit.path) :]
        tally = own if not rest else per_child.setdefault(int(rest.split("/", 1)[0]), Tally())
        tally.registered += 1
        tally.effective += state in EFFECTIVE_STATES
        tally.recognised += state in RECOGNISED_STATES
    children = OrgUnit.objects.filter(pk__in=list(per_child)).order_by("name")
    rows = [(child, per_child[child.pk]) for child in children]
    return [(unit, own), *rows] if own.registered else rows


# --- the reports' sources (no user: the report's own unit set) ---------------------------


def register_kept(unit_ids: Iterable[int], start: dt.date, end: dt.date) -> bool:
    """Was the register kept for these units in the window? Yes when a campaign launched
    by one of them or by a unit above them runs in the window (or a model was registered
    there anyway). A window before any campaign is a time before the register: the
    reports keep what their units typed then (``danvan.reporting.sources``)."""
    ids = list(unit_ids)
    paths = OrgUnit.objects.filter(pk__in=ids).values_list("path", flat=True)
    above = {int(part) for path in paths for part in path.strip("/").split("/") if part}
    running = Campaign.objects.filter(
        launching_unit_id__in=above, starts_on__lte=end, ends_on__gte=start
    )
    return (
        running.exists()
        or EmulationModel.objects.filter(
            unit_id__in=ids, registered_on__gte=start, registered_on__lte=end
        ).exists()
    )


def count_registered(
    unit_ids: Iterable[int], start: dt.date, end: dt.date, field_code: str = ""
) -> int | None:
    ids = list(unit_ids)
    if not register_kept(ids, start, end):
        return None
    models = EmulationModel.objects.filter(
        unit_id__in=ids, registered_on__gte=start, registered_on__lte=end
    )
    if field_code:
        models = models.filter(field__code=field_code)
    return models.count()


def count_recognised(unit_ids: Iterable[int], start: dt.date, end: dt.date) -> int | None:
    ids = list(unit_ids)
    if not register_kept(ids, start, end):
        return None
    return EmulationModel.objects.filter(
        unit_id__in=ids,
        state__in=RECOGNISED_STATES,
        recognised_on__gte=start,
        recognised_on__lte=end,
    ).count()


def recognised_in(unit_ids: Iterable[int], start: dt.date, end: dt.date) -> list[EmulationModel]:
    """The models recognised in the window, for the compiled report ("có địa chỉ")."""
    return list(
        EmulationModel.objects.filter(
            unit_id__in=list(unit_ids),
            state__in=RECOGNISED_STATES,
            recognised_on__gte=start,
            recognised_on__lte=end,
        )
        .select_related("unit", "field", "recognised_level")
        .order_by("recognised_on", "name", "id")
    )
