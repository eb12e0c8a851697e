"""Read a Vietnamese article about a meeting and propose its structured record (issue 17).

Rules and gazetteers, no statistical model and nothing tuned to a given article: the
layout (headline, publication line, lead), then each field from where such articles
state it. Every field carries the character span of the words it came from, in the text
as :func:`text.normalise` returns it. Pure Python, no Django: ``extract(text)`` returns a
plain dict (the keys of ``import_article --json``).
"""

from __future__ import annotations

import re
from typing import Any

from danvan.textimport.extract import facts, kinds, layout, people, when
from danvan.textimport.extract.text import Piece, Span, normalise

KEYS = (
    "meeting_date",
    "meeting_kind",
    "period_covered",
    "organizer",
    "location",
    "chair_names",
    "officials",
    "documents_cited",
    "awards",
    "figures",
)
_ORGANISE = re.compile(
    r"\s(?:đã\s+)?(?:phối\s+hợp\s+)?(?:tổ\s+chức|long\s+trọng\s+tổ\s+chức)\s", re.I
)
# «P. Định Công», «TP. Hà Nội», «Q.Hoàng Mai»: the dot of a unit's abbreviation ends nothing.
_ABBREVIATED = r"(?<![\w])(?:TP|TX|TT|P|Q|H)\.\s?"
_VENUE = re.compile(
    r"(?<![\w])tại\s+(?!hội\s+nghị|buổi|lễ|đây|đó|địa\s+phương|cơ\s+sở\b)"
    rf"(?P<v>(?:{_ABBREVIATED}|[^,.;]|\.(?=\w)){{4,120}}?)"
    r"(?=\s*(?:,|\.|;|\s(?:đã\s+)?(?:tổ\s+chức|diễn\s+ra|khai\s+mạc)\b))",
)
_SUBJECT_START = re.compile(
    r"(?:^|,\s*|\s[-–]\s|\)\s*)(?P<org>(?:Ban|Ủy\s+ban|Uỷ\s+ban|UBMTTQ|UB\.?\s*MTTQ|MTTQ|Quận\s+ủy|"
    r"Học\s+viện|Trường|(?:[Tt]hị\s+trấn|[Xx]ã|[Pp]hường|[Hh]uyện|[Qq]uận|[Tt]hành\s+phố|[Tt]ỉnh)"
    r"\s+(?=[A-ZÀ-ỸĐ\d])|"
    r"Huyện\s+ủy|Thành\s+ủy|Tỉnh\s+ủy|Thị\s+ủy|Đảng\s+ủy|Đảng\s+bộ|Hội|Liên\s+đoàn|Đoàn|"
    r"Thường\s+trực|Khối|Mặt\s+trận|Sở|Phòng|Trung\s+tâm|Văn\s+phòng)"
    # commas only inside a list of levels: «Ban Dân vận các huyện, thị, thành ủy»
    rf"(?:{_ABBREVIATED}|[^,.;]|\.(?=\w)|,\s*(?=[a-zà-ỹđ]))*?)$",
)


_PARTNERS = re.compile(r"\s+(?:phối\s+hợp\s+(?:với|cùng)|cùng\s+với|đăng\s+cai)\b.*$", re.I)


def _organizer(text: str, sentence: Piece | None) -> tuple[str, Span] | None:
    """Who held it: the body before «tổ chức» (the first partner named after «phối hợp
    với» is not the organizer; the one before it is)."""
    if sentence is None:
        return None
    for verb in _ORGANISE.finditer(text, sentence.start, sentence.end):
        head = text[sentence.start : verb.start()]
        match = _SUBJECT_START.search(head)
        if match is None:
            continue
        org = _PARTNERS.sub("", match.group("org")).strip()
        start = sentence.start + match.start("org")
        return org, (start, start + len(org))
    return None


def _location(text: str, sentence: Piece | None) -> tuple[str, Span] | None:
    if sentence is None:
        return None
    match = _VENUE.search(text, sentence.start, sentence.end)
    if match is None:
        return None
    venue = match.group("v").strip()
    return venue, (match.start("v"), match.start("v") + len(venue))


def extract(raw: str) -> dict[str, Any]:
    text = normalise(raw)
    page = layout.analyse(text)
    leads = when.lead_sentences(text, page.lead)
    first = leads[0] if leads else None
    authority = [*leads, *([page.headline] if page.headline else [])]
    fallback_year = page.published.year if page.published else None
    covered = None
    for piece in authority:
        found = when.periods_in(text, piece, fallback_year)
        if found:
            covered = found[0]
            break
    date = when.meeting_date(
        text, page.lead, page.body_start, page.published, page.published_span, covered
    )
    if covered is None and date is not None:
        # A period written without its year («sơ kết 6 tháng đầu năm») is the meeting's.
        for piece in authority:
            found = when.periods_in(text, piece, int(date.value[:4]))
            if found:
                covered = found[0]
                break
    if covered is not None and covered.code[:4].isdigit() is False:
        covered = None
    kind, kind_span = kinds.meeting_kind(text, authority)
    if kind == "other" and covered is not None:
        kind = kinds.by_period(text, authority, covered.code)
    organizer = _organizer(text, first)
    location = _location(text, first)
    everyone = people.officials(text, page.body_start)
    chaired = people.chairs(text, everyone, page.body_start)
    cited = facts.documents(text)
    groups = facts.awards(text, page.headline, page.body_start)
    numbers = facts.figures(text, page.body_start)
    spans: dict[str, Any] = {
        "meeting_date": list(date.span) if date else None,
        "meeting_kind": list(kind_span) if kind_span else None,
        "period_covered": list(covered.span) if covered else None,
        "organizer": list(organizer[1]) if organizer else None,
        "location": list(location[1]) if location else None,
        "chair_names": [list(o.span) for o in chaired],
        "officials": [list(o.span) for o in everyone],
        "documents_cited": [list(c.span) for c in cited],
        "awards": [list(g.span) for g in groups],
        "figures": [list(f.span) for f in numbers],
    }
    return {
        "meeting_date": date.value if date else None,
        "meeting_kind": kind,
        "period_covered": covered.code if covered else None,
        "organizer": organizer[0] if organizer else None,
        "location": location[0] if location else None,
        "chair_names": [o.name for o in chaired],
        "officials": [{"name": o.name, "position": o.position} for o in everyone],
        "documents_cited": [c.ref for c in cited],
        "awards": [
            {"kind": g.kind, "count": g.count, "form": g.form, "text": text[g.span[0] : g.span[1]]}
            for g in groups
        ],
        "figures": [
            {"text": f.text, "value": str(f.value), "unit": f.unit, "indicator": f.indicator}
            for f in numbers
        ],
        "spans": spans,
    }
