"""The article as text: normalised (NFC, one kind of space), split into a headline, a
publication line, sentences and clauses, each piece keeping its offsets in the text so
every extracted field can carry the span it came from."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from danvan.lib.vietnamese import sentence_spans, tone_normalise

Span = tuple[int, int]


def normalise(raw: str) -> str:
    """NFC, no NUL or control characters, non-breaking and odd spaces as plain spaces,
    line ends as ``\\n``, the modern tone placement in common words («uỷ ban» → «ủy ban»;
    names as written). Offsets of every span refer to this text."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(
        " " if ch in "\u00a0\u2007\u202f\u2009\u200a\t" else ch
        for ch in text
        if ch in "\n\t" or unicodedata.category(ch)[0] != "C"
    )
    return tone_normalise(text)


@dataclass(frozen=True)
class Piece:
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def lines(text: str) -> list[Piece]:
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            out.append(Piece(stripped, pos + line.index(stripped)))
        pos += len(line) + 1
    return out


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Piece]:
    """Sentences of ``text[start:end]`` (underthesea's splitter; a line break always ends
    one)."""
    return [Piece(text[a:b], a) for a, b in sentence_spans(text, start, end)]


def clauses(sentence: Piece) -> list[Piece]:
    """A sentence cut at semicolons (lists of guests are written one per clause)."""
    out, pos = [], 0
    for part in sentence.text.split(";"):
        if part.strip():
            lead = len(part) - len(part.lstrip())
            out.append(Piece(part.strip(), sentence.start + pos + lead))
        pos += len(part) + 1
    return out
