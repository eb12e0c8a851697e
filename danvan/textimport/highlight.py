"""The article as segments for the review page: plain text, and the words each proposed
field came from, marked with that field (no HTML is built here: the template escapes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LABELS = {
    "meeting_date": "Ngày họp",
    "meeting_kind": "Loại hội nghị",
    "period_covered": "Kỳ đánh giá",
    "organizer": "Đơn vị tổ chức",
    "location": "Địa điểm",
    "chair_names": "Chủ trì",
    "officials": "Người dự",
    "documents_cited": "Văn bản",
    "awards": "Khen thưởng",
    "figures": "Số liệu",
}


@dataclass(frozen=True)
class Segment:
    text: str
    field: str = ""  # a key of LABELS, or "" for plain text
    index: int = 0

    @property
    def label(self) -> str:
        return LABELS.get(self.field, "")


def _spans(spans: dict[str, Any]) -> list[tuple[int, int, str, int]]:
    out = []
    for key, value in spans.items():
        if key not in LABELS or not value:
            continue
        items = value if isinstance(value[0], list) else [value]
        for index, pair in enumerate(items):
            if isinstance(pair, list) and len(pair) == 2 and pair[0] < pair[1]:
                out.append((int(pair[0]), int(pair[1]), key, index))
    # Chairs are people too: mark them as chairs, not twice.
    return sorted(out, key=lambda s: (s[0], -(s[1] - s[0]), s[2] != "chair_names"))


def segments(text: str, spans: dict[str, Any]) -> list[Segment]:
    out: list[Segment] = []
    pos = 0
    for start, end, key, index in _spans(spans):
        if start < pos or end > len(text):
            continue  # overlaps one already marked
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], key, index))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out
