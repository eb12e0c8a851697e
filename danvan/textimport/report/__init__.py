"""Read a unit's report (Word, the outline of DOMAIN §5.1) into a proposal for the report
form: its narrative sections and figures for the unit and period (issue 17 §3).

``read(path_or_bytes, sections=…, indicators=…)`` is the whole reading, and writes
nothing: a plain dict (``import_unit_report --json`` prints it) with the header, the
period, each section's text and the figures, every item with the character spans of the
words it came from in ``text``. ``read_for_form`` takes them from a ReportForm.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from danvan.textimport.report import docx, figures, outline
from danvan.textimport.report.figures import Indicator
from danvan.textimport.report.outline import Section

__all__ = ["Indicator", "Section", "form_parts", "peek", "read", "read_for_form"]


def _data(source: str | Path | bytes) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        return source, "tệp"
    path = Path(source)
    return path.read_bytes(), path.name


def read(
    source: str | Path | bytes,
    *,
    sections: list[Section],
    indicators: list[Indicator],
    name: str = "",
) -> dict[str, Any]:
    data, default_name = _data(source)
    doc = docx.load(data, name or default_name)
    found = outline.read(doc, sections)
    body = [p.span for part in found.parts.values() for p in part.paragraphs]
    numbers = figures.read(doc, body, indicators)
    titles = {s.code: s.title for s in sections}
    return {
        "text": doc.text,
        "unit": found.unit,
        "number": found.number,
        "place": found.place,
        "date": found.date or None,
        "title": found.title,
        "period": found.period or None,
        "tables": len(doc.tables),
        "sections": [
            {
                "code": code,
                "title": titles[code],
                "text": part.text,
                "subsections": part.subsections,
                "placed": len(part.placed),
            }
            for code, part in found.parts.items()
        ],
        "unplaced": [b.text for b in found.unplaced],
        "figures": [f.as_dict() for f in numbers],
        "spans": _spans(found, numbers, titles),
    }


def _spans(
    found: outline.Outline, numbers: list[figures.Figure], titles: dict[str, str]
) -> dict[str, Any]:
    headings: list[list[int]] = []
    placed: list[list[int]] = []
    heading_notes: list[str] = []
    placed_notes: list[str] = []
    starts = sorted(s[0] for f in numbers for s in f.spans)
    for code, part in found.parts.items():
        for span in part.headings:
            headings.append(list(span))
            heading_notes.append(f"Mục «{titles[code]}»")
        for start, end in part.placed:
            # The paragraph's words up to its first figure: the figure keeps its own mark.
            end = next((s for s in starts if start < s < end), end)
            placed.append([start, end])
            placed_notes.append(f"Không có đề mục: xếp vào «{titles[code]}»")
    figure_spans: list[list[int]] = []
    flagged: list[list[int]] = []
    figure_notes: list[str] = []
    flag_notes: list[str] = []
    for figure in numbers:
        for span in figure.spans:
            target = flagged if figure.flag else figure_spans
            target.append(list(span))
            (flag_notes if figure.flag else figure_notes).append(
                f"{figure.name}: {figure.flag}" if figure.flag else figure.name
            )
    spans: dict[str, Any] = {
        "unit": [list(found.unit_span)] if found.unit_span else [],
        "number": [list(found.number_span)] if found.number_span else [],
        "date": [list(found.date_span)] if found.date_span else [],
        "period": [list(found.period_span)] if found.period_span else [],
        "heading": headings,
        "placed": placed,
        "figure": figure_spans,
        "flag": flagged,
    }
    spans["notes"] = {
        "heading": heading_notes,
        "placed": placed_notes,
        "figure": figure_notes,
        "flag": flag_notes,
    }
    return spans


def peek(source: str | Path | bytes, *, name: str = "") -> dict[str, Any]:
    """The header and period of the report (the file checked as ``read`` checks it)."""
    data, default_name = _data(source)
    doc = docx.load(data, name or default_name)
    found = outline.header(doc)
    return {
        "text": doc.text,
        "unit": found.unit,
        "number": found.number,
        "period": found.period or None,
    }


def form_parts(form: Any) -> tuple[list[Section], list[Indicator]]:
    """A ReportForm's narrative sections and the indicators a unit may type in it
    (stored ones: a ratio is computed, never read)."""
    from danvan.reporting.models import FormIndicator

    sections = [
        Section(s.code, s.title, s.help_text)
        for s in form.sections.filter(is_narrative=True).order_by("order", "id")
    ]
    links = (
        FormIndicator.objects.filter(section__form=form)
        .exclude(indicator__value_type="computed")
        .exclude(indicator__value_type="text")
        .select_related("indicator")
        .order_by("section__order", "order", "id")
    )
    indicators = list(
        {
            link.indicator.code: Indicator(
                link.indicator.code, link.indicator.name, link.indicator.unit
            )
            for link in links
        }.values()
    )
    return sections, indicators


def read_for_form(source: str | Path | bytes, form: Any, *, name: str = "") -> dict[str, Any]:
    sections, indicators = form_parts(form)
    proposal = read(source, sections=sections, indicators=indicators, name=name)
    proposal["form"] = form.code
    return proposal
