"""When the meeting was held and which period it reviewed.

The meeting date is the date of the lead's first sentence that says who met ("Chiều 13/1,
Ban Dân vận Quận ủy tổ chức…", "Ngày 23/02/2023, …", "sáng 5-4", "chiều 6.10", "ngày 13
tháng 10 năm 2017"); a date inside parentheses, after a document number or in the page's
publication line is not it. A date without its year takes it from the publication line
(the meeting is before the article), else from the period reviewed (a review is held
after, or at the very end of, its period: «tổng kết năm 2019» on 13/1 is 13/01/2020).

The period covered is the one the meeting reviews, not the one it prepares («sơ kết 6
tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm 2021» covers 2021H1). Codes are the
product's (``2022Q3``, ``2021H1``, ``2019``, ``2023-02``); the year to date is filed under
the quarter it ends with, as the quarterly giao ban reviews it («9 tháng đầu năm 2022» is
``2022Q3``); a span no code names is written first..last («4 tháng đầu năm 2022» is
``2022-01..2022-04``, «giai đoạn 2014–2018» is ``2014..2018``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from danvan.textimport.extract.text import Piece, Span, sentences

_TOD = r"(?:sáng|chiều|tối|trưa|đêm)"
_DATE = re.compile(
    rf"(?<![\w/.,-])(?:(?P<tod>{_TOD})\s+(?:nay\s+)?(?:hôm\s+)?(?:ngày\s+)?|(?P<ngay>ngày)\s+)?"
    r"(?:(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?"
    r"|(?P<wd>\d{1,2})\s+tháng\s+(?P<wm>\d{1,2})(?:\s+năm\s+(?P<wy>\d{4}))?)"
    r"(?![\d/]|\.\d)",
    re.IGNORECASE,
)
_MET = re.compile(
    r"tổ\s+chức|chủ\s+trì|diễn\s+ra|khai\s+mạc|họp|hội\s+nghị|giao\s+ban|tọa\s+đàm|toạ\s+đàm"
    r"|hội\s+thảo|sơ\s+kết|tổng\s+kết|tập\s+huấn|lớp|gặp\s+mặt|đối\s+thoại|ra\s+mắt|phát\s+động",
    re.IGNORECASE,
)
_DOC_BEFORE = re.compile(r"(?:\d+\s*[-/]\s*[A-ZĐ][\wĐđ/-]*|[Ss]ố\s*\S+)\s*,?\s*$")

_WORD_NUMBERS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "chín": 9, "mười": 10}
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_N = r"(\d{1,2}|một|hai|ba|bốn|sáu|chín|mười)"
_YEAR = r"(?:\s*(?:/|năm|-)\s*(?P<y>(?:19|20)\d{2}))?"
_PERIODS: list[tuple[str, re.Pattern[str]]] = [
    (
        "span",
        re.compile(r"giai\s+đoạn\s+(?P<a>(?:19|20)\d{2})\s*[-–—]\s*(?P<b>(?:19|20)\d{2})", re.I),
    ),
    ("first", re.compile(rf"(?P<n>{_N[1:-1]})\s+tháng\s+đầu\s+năm{_YEAR}", re.I)),
    ("last", re.compile(rf"(?P<n>{_N[1:-1]})\s+tháng\s+cuối\s+năm{_YEAR}", re.I)),
    ("quarter", re.compile(rf"quý\s+(?P<q>IV|I{{1,3}}|[1-4])\b{_YEAR}", re.I)),
    (
        "month",
        re.compile(rf"(?<!\d\s)tháng\s+(?P<m>\d{{1,2}})(?!\d){_YEAR}(?!\s*/\s*\d)", re.I),
    ),
    (
        "year",
        re.compile(
            r"(?<!\d\s)(?<!\d)năm\s+(?P<y>(?:19|20)\d{2})(?!\s*[-–]\s*(?:19|20)\d{2})", re.I
        ),
    ),
]
# What comes right before a period the meeting prepares rather than reviews.
_NEXT = re.compile(
    r"(?:triển\s+khai|phương\s+hướng|kế\s+hoạch|dự\s+kiến|chuẩn\s+bị|kỳ\s+tới|sắp\s+tới"
    r"|nhiệm\s+vụ\s+trọng\s+tâm|nhiệm\s+kỳ)[^.;]*$",
    re.I,
)
_REVIEW = re.compile(
    r"(?:kết\s+quả|sơ\s+kết|tổng\s+kết|đánh\s+giá|trong|qua|giao\s+ban|nhìn\s+lại|công\s+tác"
    r"|thực\s+hiện)[^.;]*$",
    re.I,
)


@dataclass(frozen=True)
class Found:
    value: str
    span: Span


@dataclass(frozen=True)
class _Candidate:
    day: int
    month: int
    year: int | None
    span: Span
    score: int


def _number(raw: str) -> int:
    return _WORD_NUMBERS.get(raw.lower()) or int(raw)


def _in_parentheses(text: str, pos: int) -> bool:
    before = text[max(0, pos - 80) : pos]
    return before.rfind("(") > before.rfind(")")


def _date_candidates(
    text: str, lead: Piece | None, start: int, skip: Span | None
) -> list[_Candidate]:
    out = []
    for match in _DATE.finditer(text, start):
        if skip and skip[0] <= match.start() < skip[1]:
            continue
        dotted = match.group("sep") == "."
        prefixed = bool(match.group("tod") or match.group("ngay"))
        if match.group("d"):
            day, month, year = int(match.group("d")), int(match.group("m")), match.group("y")
            if dotted and not prefixed:
                continue
        else:
            if not prefixed:
                continue
            day, month, year = int(match.group("wd")), int(match.group("wm")), match.group("wy")
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        if _in_parentheses(text, match.start()) or _DOC_BEFORE.search(
            text[max(0, match.start() - 30) : match.start()]
        ):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        head = text[line_start : match.start()]
        score = 0
        if not head.strip() or re.search(r"(?:^|[.:–—-])\s*$", head) or len(head) < 40:
            score += 3
        if match.group("tod"):
            score += 2
        if _MET.search(text[match.end() : match.end() + 200]):
            score += 2
        if lead is not None and lead.start <= match.start() < lead.end:
            score += 2
        out.append(
            _Candidate(day, month, int(year) if year else None, (match.start(), match.end()), score)
        )
    return out


def _period_window(kind: str, match: re.Match[str], year: int) -> tuple[dt.date, dt.date, str]:
    if kind == "span":
        a, b = int(match.group("a")), int(match.group("b"))
        return dt.date(a, 1, 1), dt.date(b, 12, 31), f"{a}..{b}"
    if kind == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}"
    if kind == "quarter":
        q = _ROMAN.get(match.group("q").upper()) or int(match.group("q"))
        first = 3 * (q - 1) + 1
        return dt.date(year, first, 1), _month_end(year, first + 2), f"{year}Q{q}"
    if kind == "month":
        m = int(match.group("m"))
        return dt.date(year, m, 1), _month_end(year, m), f"{year}-{m:02d}"
    n = _number(match.group("n"))
    first, last = (1, n) if kind == "first" else (13 - n, 12)
    code = {
        (1, 3): f"{year}Q1",
        # «9 tháng đầu năm»: the year to date, reviewed at the third quarter's giao ban.
        (1, 9): f"{year}Q3",
        (1, 6): f"{year}H1",
        (7, 12): f"{year}H2",
        (10, 12): f"{year}Q4",
        (1, 12): f"{year}",
    }.get((first, last), f"{year}-{first:02d}..{year}-{last:02d}")
    return dt.date(year, first, 1), _month_end(year, last), code


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


@dataclass(frozen=True)
class PeriodFound:
    code: str
    start: dt.date
    end: dt.date
    span: Span


def _prepares(text: str, sentence_start: int, pos: int) -> bool:
    before = text[max(sentence_start, pos - 70) : pos]
    nxt, review = _NEXT.search(before), _REVIEW.search(before)
    if nxt is None:
        return False
    return review is None or nxt.start() > review.start()


def periods_in(text: str, piece: Piece, fallback_year: int | None) -> list[PeriodFound]:
    """Periods reviewed that ``piece`` names, in order (those it prepares left out)."""
    found: list[tuple[int, PeriodFound]] = []
    taken: list[range] = []
    for kind, pattern in _PERIODS:
        for match in pattern.finditer(text, piece.start, piece.end):
            if any(match.start() in r or match.end() - 1 in r for r in taken):
                continue
            if kind == "month" and re.search(
                r"ngày\s+\d{1,2}\s+$", text[max(0, match.start() - 12) : match.start()]
            ):
                continue
            if kind == "year" and re.search(
                r"\d\s*$", text[max(0, match.start() - 3) : match.start()]
            ):
                continue
            taken.append(range(match.start(), match.end()))
            if _prepares(text, piece.start, match.start()):
                continue
            year = match.groupdict().get("y")
            if year is None and kind not in ("span",):
                later = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text[match.end() : piece.end])
                year = later.group(1) if later else (str(fallback_year) if fallback_year else None)
            if year is None and kind != "span":
                continue
            start, end, code = _period_window(kind, match, int(year or 0))
            found.append(
                (match.start(), PeriodFound(code, start, end, (match.start(), match.end())))
            )
    return [p for _, p in sorted(found, key=lambda item: item[0])]


def resolve_year(
    day: int, month: int, published: dt.date | None, covered: PeriodFound | None
) -> int | None:
    if published is not None:
        for year in (published.year, published.year - 1):
            try:
                if dt.date(year, month, day) <= published:
                    return year
            except ValueError:
                continue
        return None
    if covered is not None:
        year = covered.end.year
        try:
            held = dt.date(year, month, day)
        except ValueError:
            return None
        return year if held >= covered.end - dt.timedelta(days=75) else year + 1
    return None


def _year_written_elsewhere(text: str, day: int, month: int) -> int | None:
    """«Ngày 13/11 … (09-13/11/2015)»: the same day and month written with its year."""
    pattern = re.compile(
        rf"(?<!\d)0?{day}\s*/\s*0?{month}\s*/\s*((?:19|20)\d{{2}})(?!\d)"
        rf"|(?<!\d)0?{day}\s+tháng\s+0?{month}\s+năm\s+((?:19|20)\d{{2}})",
        re.I,
    )
    match = pattern.search(text)
    return int(match.group(1) or match.group(2)) if match else None


def meeting_date(
    text: str,
    lead: Piece | None,
    body_start: int,
    published: dt.date | None,
    published_span: Span | None,
    covered: PeriodFound | None,
) -> Found | None:
    candidates = _date_candidates(text, lead, body_start, published_span)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c.score, -c.span[0]))
    if best.score < 3:
        return None
    year = best.year or _year_written_elsewhere(text, best.day, best.month)
    year = year or resolve_year(best.day, best.month, published, covered)
    if year is None:
        return None
    try:
        held = dt.date(year, best.month, best.day)
    except ValueError:
        return None
    return Found(held.isoformat(), best.span)


def lead_sentences(text: str, lead: Piece | None, count: int = 2) -> list[Piece]:
    if lead is None:
        return []
    return sentences(text, lead.start, lead.end)[:count]
