"""The body of an official document, built with python-docx from its blocks and tables.

It goes into the template in one piece (at ``{{p body }}``, see ``layout.Body``) so that an
uploaded template only has to place it. Every paragraph and run carries its own format
(no style names), so it looks the same whatever styles the template defines:

- level 1: section heading, bold, caps ("I. TÌNH HÌNH NHÂN DÂN");
- level 2: sub-heading, bold ("1. Công tác tham mưu");
- level 0: body text, justified, first line indented;
- level 3: a bullet line "- …";
- a block with ``table`` set: its text (if any), then the table: caption, a header row
  (bold, repeated on each page), the rows, a bold total row.

A table no block points at is put at the end, so no figure is lost.
"""

from __future__ import annotations

import re
from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.shared import Mm

from danvan.drafting.context import Block, OfficialDocument, Table
from danvan.drafting.layout_closing import spelled
from danvan.drafting.layout_ooxml import (
    CENTER,
    JUSTIFY,
    LEFT,
    TEXT_WIDTH,
    add_text,
    cant_split,
    fixed_widths,
    grid_borders,
    mark_font,
    repeat_header,
    shape,
)

INDENT = Mm(12.7)
LINE = 1.1
_NUMBER = re.compile(r"^[\s\d.,%/+\-−–()]+$")
_BULLETS = ("- ", "+ ", "• ", "– ")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """Without the control characters XML cannot hold (pasted from other programs)."""
    return _NOT_XML.sub("", str(text))


def printed(text: str) -> str:
    """As the document prints it: cleaned, one spelling per word (``layout_closing``)."""
    return spelled(clean(text))


def build_body(target: Any, document: OfficialDocument, *, size: float) -> None:
    """Add the body of ``document`` to ``target`` (a python-docx Document)."""
    placed: set[int] = set()
    for block in document.blocks:
        if block.text.strip():
            _paragraph(target, block, size)
        if block.table is not None and 0 <= block.table < len(document.tables):
            _table(target, document.tables[block.table], size)
            placed.add(block.table)
    for index, table in enumerate(document.tables):
        if index not in placed:
            _table(target, table, size)
    # The last lines go over the page with the signature block, never the block alone.
    last = target.paragraphs[-1] if target.paragraphs else None
    if last is not None:
        last.paragraph_format.keep_with_next = True


def _paragraph(target: Any, block: Block, size: float) -> None:
    paragraph = target.add_paragraph()
    text = printed(block.text.strip())
    if block.level == 1:
        shape(paragraph, align=JUSTIFY, first_line=INDENT, before=6, after=6, line=LINE)
        paragraph.paragraph_format.keep_with_next = True
        add_text(paragraph, text.upper(), size, bold=True)
    elif block.level == 2:
        shape(paragraph, align=JUSTIFY, first_line=INDENT, before=3, after=6, line=LINE)
        paragraph.paragraph_format.keep_with_next = True
        add_text(paragraph, text, size, bold=True)
    elif block.level == 3:
        if not text.startswith(_BULLETS):
            text = "- " + text
        shape(paragraph, align=JUSTIFY, first_line=INDENT, after=6, line=LINE)
        add_text(paragraph, text, size)
    else:
        shape(paragraph, align=JUSTIFY, first_line=INDENT, after=6, line=LINE)
        add_text(paragraph, text, size)


def _table_size(columns: int, size: float) -> float:
    if columns <= 4:
        return size - 1
    if columns <= 7:
        return size - 2
    return size - 3


def _widths(table: Table, size: float) -> list[Any]:
    """Column widths in millimetres. A figure or a header word must never wrap ("9.826"
    split over two lines reads as two numbers), so each column first gets what its longest
    unbreakable piece needs at this font size plus the cell padding; the column with the
    longest text (the unit names) takes what is left, and it alone wraps."""
    char_mm = size * 0.16  # an average Times glyph is ~0.45 em; 1 pt = 0.353 mm
    padding_mm = 3.2
    needs: list[float] = []
    texts: list[int] = []
    for col, header in enumerate(table.columns):
        cells = [row[col] for row in table.rows if col < len(row)]
        if table.total is not None and col < len(table.total):
            cells.append(table.total[col])
        # Header words are bold and often capitals ("TT"): wider than digits.
        header_piece = max(
            (len(w) * (1.8 if w.isupper() else 1.35) for w in header.split()), default=1.0
        )
        cell_piece = max((len(w) * 1.1 for c in cells for w in str(c).split()), default=1.0)
        needs.append(max(header_piece, cell_piece) * char_mm + padding_mm)
        texts.append(max((len(str(c)) for c in cells), default=0))
    width = 165.0
    if not needs:
        return [TEXT_WIDTH]
    flexible = texts.index(max(texts))
    floor = min(30.0, width / len(needs))  # the names column keeps room for two words
    needs[flexible] = max(needs[flexible] if len(needs) == 1 else 0.0, floor)
    spare = width - sum(needs)
    if spare > 0:
        needs[flexible] += spare
    else:  # too many columns: everything shrinks alike and some headers wrap
        needs = [w * width / sum(needs) for w in needs]
    return [Mm(w) for w in needs] if needs else [TEXT_WIDTH]


def _table(target: Any, table: Table, size: float) -> None:
    if not table.columns:
        return
    small = _table_size(len(table.columns), size)
    if table.caption:
        caption = target.add_paragraph()
        shape(caption, align=CENTER, before=6, after=6, keep_next=True)
        add_text(caption, printed(table.caption), small, bold=True)
    rows = [*table.rows, *([table.total] if table.total is not None else [])]
    grid = target.add_table(rows=1 + len(rows), cols=len(table.columns))
    grid_borders(grid)
    fixed_widths(grid, _widths(table, small))
    header = grid.rows[0]
    repeat_header(header)
    cant_split(header)
    for cell, text in zip(header.cells, table.columns, strict=False):
        _cell(cell, text, small, bold=True, align=CENTER)
    for index, values in enumerate(rows, start=1):
        row = grid.rows[index]
        cant_split(row)
        bold = table.total is not None and index == len(rows)
        for col, cell in enumerate(row.cells):
            text = values[col] if col < len(values) else ""
            align = CENTER if _NUMBER.match(text) else LEFT
            _cell(cell, text, small, bold=bold, align=align)
    after = target.add_paragraph()
    shape(after, after=6)
    mark_font(after, 6)


def _cell(cell: Any, text: str, size: float, *, bold: bool, align: Any) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = cell.paragraphs[0]
    shape(paragraph, align=align, before=2, after=2)
    if text:
        add_text(paragraph, printed(text), size, bold=bold)
    else:
        mark_font(paragraph, size)
