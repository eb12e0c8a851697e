"""What kind of meeting: the first kind the lead names wins over the headline's.

giao_ban, so_ket, tong_ket, trien_khai (a meeting held to roll out or study a text:
«hội nghị triển khai…», «quán triệt»; not the «triển khai nhiệm vụ…» that ends most
reviews), tap_huan (tập huấn, bồi dưỡng courses), hoi_thao (hội thảo, tọa đàm; not the
«phòng Hội thảo» of a venue), other.
"""

from __future__ import annotations

import re

from danvan.textimport.extract.text import Piece, Span

KINDS = ("giao_ban", "so_ket", "tong_ket", "trien_khai", "tap_huan", "hoi_thao", "other")
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("giao_ban", re.compile(r"giao\s+ban", re.I)),
    ("so_ket", re.compile(r"sơ\s+kết", re.I)),
    ("tong_ket", re.compile(r"tổng\s+kết", re.I)),
    ("tap_huan", re.compile(r"tập\s+huấn|bồi\s+dưỡng|lớp\s+học", re.I)),
    ("hoi_thao", re.compile(r"hội\s+thảo|t[oọ]a\s+đàm|diễn\s+đàn", re.I)),
    (
        "trien_khai",
        re.compile(
            r"(?:hội\s+nghị|lễ)\s+(?:quán\s+triệt|triển\s+khai|học\s+tập)|quán\s+triệt", re.I
        ),
    ),
]
_VENUE_BEFORE = re.compile(r"(?:phòng|hội\s+trường|tại)\s+$", re.I)


def _first(text: str, piece: Piece) -> tuple[str, Span] | None:
    best: tuple[int, str, Span] | None = None
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text, piece.start, piece.end):
            if kind == "hoi_thao" and _VENUE_BEFORE.search(
                text[max(0, match.start() - 15) : match.start()]
            ):
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), kind, (match.start(), match.end()))
            break
    return (best[1], best[2]) if best else None


def meeting_kind(text: str, pieces: list[Piece]) -> tuple[str, Span | None]:
    """``pieces`` in order of authority (the lead's sentences, then the headline)."""
    for piece in pieces:
        found = _first(text, piece)
        if found is not None:
            return found
    return "other", None


_MEETING = re.compile(r"hội\s+nghị", re.I)


def by_period(text: str, pieces: list[Piece], code: str) -> str:
    """A «hội nghị» that names no kind but reviews a period is that period's review: a
    half-year's sơ kết, a year's tổng kết, a month's or quarter's giao ban."""
    if not any(_MEETING.search(text, p.start, p.end) for p in pieces):
        return "other"
    if "H" in code or ".." in code:
        return "so_ket"
    if "Q" in code or "-" in code:
        return "giao_ban"
    return "tong_ket" if code.isdigit() else "other"
