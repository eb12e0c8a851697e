"""The figures of a unit's report: from its prose and from its tables.

- Prose: the article extractor's figures (``extract/facts.figures``: a number with its
  unit, mapped to an indicator by the words around it), over the paragraphs only.
- Tables: a row whose first cells name an indicator and a later cell holds a number; the
  row is matched to the form's indicator whose name (and unit) its words cover best.
  The first numeric cell is the figure (a «Lũy kế» column after it is not this period's).
- Both: the table is the statistic, the prose a retelling, so where they disagree for the
  same indicator the table's value is preselected and the disagreement flagged
  («Số liệu trong lời văn (318) khác bảng (316)»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from danvan.lib.numbers import format_number
from danvan.lib.text import fold
from danvan.textimport.extract import facts
from danvan.textimport.extract.text import Span
from danvan.textimport.report.docx import Document

_NUMBER_CELL = re.compile(r"^(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)$")
_SKIP_WORDS = {"so", "luong", "tong", "cua", "va", "cac", "duoc", "da", "trong", "ky", "thang"}
MIN_COVER = 0.6  # share of an indicator's name words a table row must carry


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str = ""


@dataclass
class Figure:
    indicator: str
    name: str
    value: Decimal
    source: str  # "bang", "loi_van", or both "bang+loi_van"
    prose: list[Decimal] = field(default_factory=list)
    table: Decimal | None = None
    flag: str = ""
    spans: list[Span] = field(default_factory=list)
    text: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "name": self.name,
            "value": str(self.value),
            "source": self.source,
            "prose": [str(v) for v in self.prose],
            "table": None if self.table is None else str(self.table),
            "flag": self.flag,
            "text": self.text,
            "spans": [list(s) for s in self.spans],
        }


def shown(value: Decimal) -> str:
    return format_number(value)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", fold(text)) if w not in _SKIP_WORDS and not w.isdigit()}


def _cell_value(text: str) -> Decimal | None:
    if not _NUMBER_CELL.match(text.strip()):
        return None
    try:
        return Decimal(text.strip().replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def match_row(label: str, indicators: list[Indicator]) -> Indicator | None:
    """The indicator a table row's words name (most of its name's words, then the
    fewest words left over), or None."""
    words = _words(label)
    best, best_key = None, (0.0, 0.0)
    for indicator in indicators:
        wanted = _words(indicator.name)
        if not wanted or not words:
            continue
        cover = len(words & wanted) / len(wanted)
        precision = len(words & wanted) / len(words)
        key = (cover, precision)
        if cover >= MIN_COVER and key > best_key:
            best, best_key = indicator, key
    return best


@dataclass(frozen=True)
class TableFigure:
    indicator: Indicator
    value: Decimal
    span: Span
    row: str


def from_tables(doc: Document, indicators: list[Indicator]) -> list[TableFigure]:
    out = []
    for table in doc.tables:
        for row in table.rows:
            numeric = [(i, c, _cell_value(c.text)) for i, c in enumerate(row.cells)]
            first = next(((i, c, v) for i, c, v in numeric if v is not None and i > 0), None)
            if first is None:
                continue
            at, cell, value = first
            label = " ".join(c.text for c in row.cells[:at] if _cell_value(c.text) is None)
            found = match_row(label, indicators)
            if found is None or value is None:
                continue
            out.append(TableFigure(found, value, cell.span, doc.text[row.span[0] : row.span[1]]))
    return out


def from_prose(doc: Document, body: list[Span]) -> list[facts.FigureFound]:
    """The extractor's figures in the paragraphs of ``body`` (tables blanked out, so
    offsets stay those of the document's text)."""
    chars = [" " if ch != "\n" else ch for ch in doc.text]
    for start, end in body:
        chars[start:end] = doc.text[start:end]
    return [f for f in facts.figures("".join(chars), 0) if f.indicator]


def read(doc: Document, body: list[Span], indicators: list[Indicator]) -> list[Figure]:
    known = {i.code: i for i in indicators}
    found: dict[str, Figure] = {}
    for t in from_tables(doc, indicators):
        if t.indicator.code in found:
            continue  # a second table row for it (a total, another table): the first stays
        found[t.indicator.code] = Figure(
            t.indicator.code, t.indicator.name, t.value, "bang", table=t.value, spans=[t.span]
        )
        found[t.indicator.code].text = t.row
    for p in from_prose(doc, body):
        code = p.indicator or ""
        if code not in known:
            continue
        figure = found.get(code)
        if figure is None:
            figure = found[code] = Figure(code, known[code].name, p.value, "loi_van", text=p.text)
        elif figure.source == "bang":
            figure.source = "bang+loi_van"
        figure.prose.append(p.value)
        figure.spans.append(p.span)
    for figure in found.values():
        differ = [v for v in figure.prose if figure.table is not None and v != figure.table]
        if differ and figure.table is not None:
            figure.flag = (
                f"Số liệu trong lời văn ({shown(differ[0])}) khác bảng ({shown(figure.table)})"
            )
        elif figure.table is None and len(set(figure.prose)) > 1:
            values = ", ".join(shown(v) for v in dict.fromkeys(figure.prose))
            figure.flag = f"Lời văn nêu nhiều số khác nhau ({values}): lấy số đầu tiên"
    order = {i.code: n for n, i in enumerate(indicators)}
    return sorted(found.values(), key=lambda f: order.get(f.indicator, 0))
