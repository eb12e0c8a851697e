"""What the public portal shows of the register: recognised models their unit made public.

The portal's "Dân vận khéo" section (``portal/section_page.html``, slug ``dan-van-kheo``)
lists them above its articles, searchable without marks (``?q=``). Publishing or
withdrawing one, or a public model leaving the recognised states, empties the portal's
page cache (:func:`published_changed`), as publishing a page does.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q

from danvan.emulation.models import EmulationModel, EmulationModelQuerySet, Evidence
from danvan.lib.text import fold

SECTION_SLUG = "dan-van-kheo"
LIMIT = 24


def published_changed() -> None:
    from danvan.portal.cache import bump_version

    bump_version()


def public_models(q: str = "") -> EmulationModelQuerySet:
    models = EmulationModel.objects.published()
    if q:
        folded = fold(q)
        models = models.filter(
            Q(name_folded__contains=folded) | Q(unit__name_folded__contains=folded)
        )
    photos = Evidence.objects.filter(kind__in=("png", "jpeg")).order_by("created_at", "id")
    return (
        models.select_related("unit", "field", "recognised_level", "campaign")
        .prefetch_related(Prefetch("evidence", queryset=photos, to_attr="photos"))
        .order_by("-recognised_on", "name", "id")
    )
