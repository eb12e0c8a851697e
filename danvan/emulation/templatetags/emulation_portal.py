"""The portal's "Dân vận khéo" section: the recognised models their units made public."""

from __future__ import annotations

from typing import Any

from django import template

from danvan.emulation.portal import LIMIT, SECTION_SLUG, public_models

register = template.Library()


@register.inclusion_tag("emulation/portal/_models.html", takes_context=True)
def public_models_block(context: dict[str, Any], page: Any) -> dict[str, Any]:
    if getattr(page, "slug", "") != SECTION_SLUG:
        return {"show": False}
    request = context.get("request")
    q = (request.GET.get("q", "") if request is not None else "")[:100].strip()
    models = list(public_models(q)[:LIMIT])
    return {"show": True, "models": models, "q": q}
