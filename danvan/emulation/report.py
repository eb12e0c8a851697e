"""The «Dân vận khéo» paragraph of the compiled report (danvan.drafting.registers): the
models of the subtree recognised in the period, by name and unit, from the register."""

from __future__ import annotations

from typing import Any

from danvan.drafting import prose, registers
from danvan.emulation.selectors import ModelFilters, model_search
from danvan.emulation.sources import REGISTER, list_url
from danvan.lib.periods import Period
from danvan.org.models import OrgUnit


def recognised_paragraphs(user: Any, root: OrgUnit, period: Period) -> list[registers.Paragraph]:
    filters = ModelFilters(unit=root, start=period.start, end=period.end, recognised=True)
    models = list(model_search(user=user, filters=filters).order_by("recognised_on", "name"))
    text = prose.recognised_models_paragraph(models, period)
    if not text:
        return []
    link = list_url(root, period.start, period.end, recognised=True)
    return [registers.Paragraph(text, source=REGISTER, link=link)]


def register() -> None:
    registers.register(
        registers.Contribution(
            key="emulation",
            section="ket_qua",
            heading="Phong trào thi đua “Dân vận khéo”",
            order=30,
            build=recognised_paragraphs,
        )
    )
