"""A Word report as text: its paragraphs and tables in document order.

The text is one line per paragraph and one line per table row (cells joined by « | »),
normalised like an article's (``extract/text.normalise``), so each block keeps its span
in it and every proposal can show the words it came from. A file that is not a DOCX,
too large, hostile (ZIP bomb, macros) or broken is refused with a Vietnamese message
naming the file; nothing here writes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError

from danvan.core.uploads import refuse_hostile
from danvan.lib import files
from danvan.textimport.extract.text import Span, normalise

CELL_SEPARATOR = " | "
MAX_BLOCKS = 5_000


@dataclass(frozen=True)
class Cell:
    text: str
    span: Span


@dataclass(frozen=True)
class Row:
    cells: list[Cell]
    span: Span


@dataclass
class Block:
    """A paragraph (``rows`` empty) or a table (``rows``: one per table row)."""

    text: str
    span: Span
    table: int | None = None  # the table's number in the document, from 0
    rows: list[Row] = field(default_factory=list)

    @property
    def is_table(self) -> bool:
        return self.table is not None


@dataclass
class Document:
    text: str
    blocks: list[Block]

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if not b.is_table]

    @property
    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.is_table]


def max_bytes() -> int:
    return int(settings.UPLOAD_MAX_MB) * 1024 * 1024


def _refuse(name: str, why: str) -> ValidationError:
    return ValidationError({"file": f"Tệp «{name}» {why}"})


def check_size(size: int, name: str) -> None:
    if size > max_bytes():
        raise _refuse(name, f"nặng {files.human_size(size)}, quá {settings.UPLOAD_MAX_MB} MB.")


def check(data: bytes, name: str) -> None:
    """Refuse what is not a readable DOCX before python-docx opens it."""
    if not data:
        raise _refuse(name, "trống.")
    check_size(len(data), name)
    stream = io.BytesIO(data)
    try:
        refuse_hostile(stream, name=name)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    kind = files.sniff(stream)
    if kind != files.DOCX:
        what = files.LABELS[kind] if kind else "không phải tệp Word"
        raise _refuse(name, f"là {what}: chỉ nhận báo cáo Word (.docx).")


def _raw_blocks(data: bytes) -> list[tuple[str, list[list[str]] | None]]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    out: list[tuple[str, list[list[str]] | None]] = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append((Paragraph(child, document).text, None))
        elif tag == "tbl":
            rows = []
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    # A merged cell repeats across the columns it spans: once is enough.
                    if not cells or cells[-1] != text or not text:
                        cells.append(text)
                rows.append(cells)
            out.append(("", rows))
        if len(out) > MAX_BLOCKS:
            break
    return out


def load(data: bytes, name: str = "tệp") -> Document:
    """The document of ``data`` (the bytes of a .docx), or ValidationError on ``file``."""
    check(data, name)
    try:
        raw = _raw_blocks(data)
    except Exception as error:  # a broken file of the right kind
        raise _refuse(name, "hỏng, không đọc được.") from error
    lines: list[str] = []
    blocks: list[Block] = []
    pos = 0
    tables = 0

    def add(line: str) -> Span:
        nonlocal pos
        lines.append(line)
        span = (pos, pos + len(line))
        pos += len(line) + 1
        return span

    for paragraph, table in raw:
        if table is None:
            text = " ".join(normalise(paragraph).split())
            if text:
                blocks.append(Block(text, add(text)))
            continue
        rows: list[Row] = []
        start = pos
        for cells in table:
            texts = [" ".join(normalise(c).split()) for c in cells]
            if not any(texts):
                continue
            line = CELL_SEPARATOR.join(texts)
            row_span = add(line)
            at, row_cells = row_span[0], []
            for text in texts:
                row_cells.append(Cell(text, (at, at + len(text))))
                at += len(text) + len(CELL_SEPARATOR)
            rows.append(Row(row_cells, row_span))
        if rows:
            blocks.append(Block("", (start, pos - 1), table=tables, rows=rows))
            tables += 1
    text = "\n".join(lines)
    if not text.strip():
        raise _refuse(name, "không có chữ để đọc.")
    return Document(text, blocks)
