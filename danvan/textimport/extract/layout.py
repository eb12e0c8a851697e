"""Where things are in an article: the headline, the publication line (a page date, never
the meeting's unless the text says nothing else) and the body, whose first paragraph (the
lead, *sapo*) states who met, when and where."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from danvan.textimport.extract.text import Piece, lines

_WEEKDAY = r"(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|2|3|4|5|6|7)|Chủ\s+nhật|CN)"
_PUB_WORDS = re.compile(
    rf"^(?:{_WEEKDAY}\s*,?|Ngày\s+đăng|Đăng\s+ngày|Ngày\s+cập\s+nhật|Cập\s+nhật|Đăng\s+lúc"
    r"|Ngày\s+xuất\s+bản|Xuất\s+bản|Published|Posted)\b",
    re.IGNORECASE,
)
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_WORDY = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_BARE_DATE_LINE = re.compile(
    r"^\(?\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}(?:\s*[-|,]?\s*\d{1,2}[:h]\d{2}"
    r"(?:\s*(?:GMT|AM|PM)[+\d:]*)?)?\s*\)?$"
)
# Chrome of a saved page: counters, share buttons, menus (never facts).
CHROME = re.compile(
    r"(?:lượt\s+xem|view\s*count|lượt\s+truy\s+cập|số\s+lượt\s+đọc|chia\s+sẻ|bình\s+luận"
    r"|in\s+bài|gửi\s+bài|tìm\s+kiếm|album\s+ảnh|chuyên\s+mục|tin\s+nổi\s+bật|xem\s+thêm"
    r"|đang\s+online|truy\s+cập)",
    re.IGNORECASE,
)


_DAY_MONTH = re.compile(r"(?<!\d)\d{1,2}\s*[/.-]\s*\d{1,2}(?!\d)|ngày\s+\d{1,2}\s+tháng", re.I)


@dataclass(frozen=True)
class Layout:
    headline: Piece | None
    published: dt.date | None
    published_span: tuple[int, int] | None
    lead: Piece | None
    body_start: int


def _date_in(text: str) -> tuple[dt.date, int, int] | None:
    for pattern in (_WORDY, _NUMERIC):
        match = pattern.search(text)
        if match:
            d, m, y = (int(g) for g in match.groups())
            try:
                return dt.date(y, m, d), match.start(), match.end()
            except ValueError:
                continue
    return None


def _is_publication(line: Piece) -> bool:
    return bool(_PUB_WORDS.match(line.text) or _BARE_DATE_LINE.match(line.text)) and bool(
        _date_in(line.text)
    )


def _words(text: str) -> int:
    return len(text.split())


def _is_prose(text: str) -> bool:
    """A paragraph, not a title: long, and ending as a sentence does (or holding two)."""
    if _words(text) < 15:
        return False
    return text.rstrip().endswith((".", "…", "!", "?", "”", '"', ")")) or bool(
        re.search(r"[.!?]\s+[A-ZÀ-ỸĐ]", text)
    )


def analyse(text: str) -> Layout:
    found = lines(text)
    published = published_span = None
    lead_index = None
    for index, line in enumerate(found):
        if published is None and _is_publication(line) and _words(line.text) <= 14:
            day, a, b = _date_in(line.text)  # type: ignore[misc]
            published, published_span = day, (line.start + a, line.start + b)
            continue
        if lead_index is None and _is_prose(line.text) and not CHROME.search(line.text[:40]):
            lead_index = index
            break
    if lead_index is not None and not _DAY_MONTH.search(found[lead_index].text):
        # A preamble («Thực hiện quy chế…») before the paragraph that says when they met.
        for later in range(lead_index + 1, min(lead_index + 3, len(found))):
            if _is_prose(found[later].text) and _DAY_MONTH.search(found[later].text[:200]):
                lead_index = later
                break
    lead = found[lead_index] if lead_index is not None else None
    headline = None
    before = found[:lead_index] if lead_index is not None else found[:3]
    candidates = [
        line
        for line in before
        if _words(line.text) >= 4
        and not _is_publication(line)
        and not (CHROME.search(line.text) and _words(line.text) <= 6)
    ]
    if candidates:
        headline = max(candidates, key=lambda line: _words(line.text))
    elif (
        lead is not None
        and lead_index is not None
        and lead_index + 1 < len(found)
        and not lead.text.rstrip().endswith((".", "…"))
    ):
        # No line before the lead: a long first line without a full stop is the headline.
        headline, lead = (
            lead,
            next((line for line in found[lead_index + 1 :] if _words(line.text) >= 15), None),
        )
    if published is None:
        # A publication line after the headline (sites put it under the title).
        for line in found[: (lead_index or 0) + 3]:
            if _is_publication(line) and _words(line.text) <= 14:
                day, a, b = _date_in(line.text)  # type: ignore[misc]
                published, published_span = day, (line.start + a, line.start + b)
                break
    body_start = lead.start if lead is not None else 0
    return Layout(headline, published, published_span, lead, body_start)
