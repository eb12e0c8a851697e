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


# A unit's report read from Word (danvan/textimport/report): its header, headings and figures.
REPORT_LABELS = {
    "unit": "Đơn vị",
    "number": "Số báo cáo",
    "date": "Địa danh, ngày",
    "period": "Kỳ báo cáo",
    "heading": "Đề mục",
    "placed": "Đoạn không có đề mục",
    "figure": "Số liệu",
    "flag": "Số liệu lệch giữa lời văn và bảng",
}


@dataclass(frozen=True)
class Segment:
    text: str
    field: str = ""  # a key of the labels, or "" for plain text
    index: int = 0
    note: str = ""  # what this very span is, where the labels say only its kind
    labels: dict[str, str] | None = None

    @property
    def label(self) -> str:
        kind = (self.labels or LABELS).get(self.field, "")
        return f"{kind}: {self.note}" if self.note else kind


def _spans(spans: dict[str, Any], labels: dict[str, str]) -> list[tuple[int, int, str, int]]:
    out = []
    for key, value in spans.items():
        if key not in labels or not value:
            continue
        items = value if isinstance(value[0], list) else [value]
        for index, pair in enumerate(items):
            if isinstance(pair, list) and len(pair) == 2 and pair[0] < pair[1]:
                out.append((int(pair[0]), int(pair[1]), key, index))
    # Chairs are people too: mark them as chairs, not twice.
    return sorted(out, key=lambda s: (s[0], -(s[1] - s[0]), s[2] != "chair_names"))


def segments(
    text: str, spans: dict[str, Any], labels: dict[str, str] | None = None
) -> list[Segment]:
    """``labels``: the kinds of span to mark (the article's by default); ``spans`` may
    carry ``notes`` (kind → one text per span) said in each mark's title."""
    out: list[Segment] = []
    pos = 0
    notes = spans.get("notes") or {}
    for start, end, key, index in _spans(spans, labels or LABELS):
        if start < pos or end > len(text):
            continue  # overlaps one already marked
        if start > pos:
            out.append(Segment(text[pos:start]))
        said = notes.get(key) or []
        note = str(said[index]) if index < len(said) else ""
        out.append(Segment(text[start:end], key, index, note, labels))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out
