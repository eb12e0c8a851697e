"""The outline of a unit's report (DOMAIN §5.1): its header, the period of its title, and
which narrative section of the form each paragraph belongs to.

- Header: the unit (the capitalised lines above the number: «ĐẢNG BỘ PHƯỜNG …», «BAN …»),
  the number «Số 15-BC/ĐU», the place and date «Định Công, ngày 28 tháng 11 năm 2026».
- Title: «BÁO CÁO» and the line after it; its reviewed period («kết quả … tháng 11 năm
  2026», not the «phương hướng … tháng 12» it prepares) read by ``extract/when.py``.
- Sections: a Roman heading «I.», «II.»… opens a section, matched to the form's narrative
  section its words name («PHƯƠNG HƯỚNG, NHIỆM VỤ» whatever its numeral: reports skip
  sections), else the one with the same numeral, else the nearest title
  (``lib.similarity``); «1.», «2.» inside it are its sub-sections and stay in its text.
  A paragraph under no recognised heading is placed by similarity with the sections'
  titles and guidance; cue words decide when two sections are too close to call
  («Tuy nhiên», «hạn chế» → the assessment; «thời gian tới», «Tiếp tục» → the tasks
  ahead; «Đề nghị», «Kiến nghị» → the proposals).
- The signature block («Nơi nhận», «K/T TRƯỞNG BAN») and appendices («PHỤ LỤC») end the
  narrative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from danvan.lib.text import fold
from danvan.textimport.extract import when
from danvan.textimport.extract.text import Piece, Span
from danvan.textimport.report.docx import Block, Document

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}
_HEADING = re.compile(r"^(?P<n>VIII|VII|VI|IV|V|III|II|I)\s*[.:/)-]\s*(?P<title>\S.*)$")
_SUB = re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s+(?P<title>\S.{0,200})$")
# «Số 15-BC/ĐU» (Party, HD 36) or «Số: 27/BC-MTTQ» (State and Front, NĐ 30).
_NUMBER = re.compile(r"Số\s*:?\s*(?P<n>[\w.]+\s*(?:-\s*BC\s*/|/\s*BC\s*-)\s*[\wĐđ/.-]+)", re.I)
_PLACE_DATE = re.compile(
    r"(?P<place>[^\n,]{2,60}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+"
    r"(?P<y>(?:19|20)\d{2})",
    re.I,
)
_TITLE = re.compile(r"^BÁO\s+CÁO\b", re.I)
_END = re.compile(
    r"^(?:Nơi\s+nhận|K/?T\.?\s|T/?M\.?\s|PHỤ\s+LỤC|TRƯỞNG\s+BAN\b|BÍ\s+THƯ\b"
    # an appendix's own heading: «BIỂU SỐ LIỆU», «BẢNG TỔNG HỢP KẾT QUẢ …» (capitals)
    r"|(?:BIỂU|BẢNG)\s+(?:SỐ\s+LIỆU|TỔNG\s+HỢP|THỐNG\s+KÊ)\b)"
)
_PREAMBLE = re.compile(r"(?:như\s+sau\s*:?\s*$|^Kính\s+gửi)", re.I)
_MARGIN = 0.02  # cosine points: closer than this, the cue words decide
GUIDE = {
    1: "Tâm tư, tình cảm, dư luận xã hội của Nhân dân, điểm nóng, khiếu kiện đông người, "
    "tình hình dân tộc, tôn giáo",
    2: "Lãnh đạo, chỉ đạo, ban hành văn bản; dân vận chính quyền, tiếp công dân, đối thoại, "
    "đơn thư, dân chủ ở cơ sở, cải cách hành chính; Mặt trận và các đoàn thể, phong trào, "
    "cuộc vận động, giám sát, an sinh xã hội; công tác dân tộc, tôn giáo; Dân vận khéo; "
    "kiểm tra, sơ kết",
    3: "Ưu điểm, hạn chế, tồn tại, nguyên nhân",
    4: "Nhiệm vụ trọng tâm thời gian tới, tiếp tục triển khai",
    5: "Đề nghị cấp trên xem xét, kiến nghị",
}
CUES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:Tuy\s+nhiên|hạn\s+chế|tồn\s+tại|nguyên\s+nhân)", re.I), "danh gia"),
    (re.compile(r"\b(?:thời\s+gian\s+tới|Tiếp\s+tục|tháng\s+tới|kỳ\s+tới)", re.I), "phuong huong"),
    (re.compile(r"\b(?:Đề\s+nghị|Kiến\s+nghị|đề\s+xuất)", re.I), "kien nghi"),
]


@dataclass(frozen=True)
class Section:
    """A narrative section of the form: its code, title and guidance."""

    code: str
    title: str
    help_text: str = ""


@dataclass
class Part:
    """The paragraphs the outline gives one section, and why."""

    code: str
    paragraphs: list[Block] = field(default_factory=list)
    headings: list[Span] = field(default_factory=list)  # its Roman heading, if written
    subsections: list[str] = field(default_factory=list)
    placed: list[Span] = field(default_factory=list)  # paragraphs placed by similarity

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Outline:
    unit: str = ""
    unit_span: Span | None = None
    number: str = ""
    number_span: Span | None = None
    place: str = ""
    date: str = ""  # ISO
    date_span: Span | None = None
    title: str = ""
    title_span: Span | None = None
    period: str = ""
    period_span: Span | None = None
    parts: dict[str, Part] = field(default_factory=dict)
    unplaced: list[Block] = field(default_factory=list)


def _numeral(title: str) -> int | None:
    match = _HEADING.match(title.strip())
    return ROMAN[match.group("n")] if match else None


def _header(doc: Document, outline: Outline) -> int:
    """Read the header and title; the index of the first block of the body."""
    paragraphs = doc.paragraphs
    title_at = next((i for i, p in enumerate(paragraphs[:30]) if _TITLE.match(p.text)), None)
    above = paragraphs[: title_at if title_at is not None else min(len(paragraphs), 8)]
    unit_lines = []
    for block in above:
        number = _NUMBER.search(block.text)
        if number and not outline.number:
            outline.number = re.sub(r"\s+", "", number.group("n"))
            outline.number_span = (block.span[0] + number.start(), block.span[0] + number.end())
        date = _PLACE_DATE.search(block.text)
        if date and not outline.date:
            outline.place = date.group("place").strip(" *-")
            day, month, year = int(date.group("d")), int(date.group("m")), int(date.group("y"))
            outline.date = f"{year:04d}-{month:02d}-{day:02d}"
            outline.date_span = (block.span[0] + date.start(), block.span[0] + date.end())
        if number is None and date is None and block.text.isupper() and len(block.text) > 3:
            unit_lines.append(block)
    if unit_lines:
        # The issuing body is the last capitalised line above the number («BAN DÂN VẬN»
        # under «ĐẢNG BỘ PHƯỜNG …»); both are kept, the body's parent first.
        words = [b.text.strip("* ") for b in unit_lines if "ĐẢNG CỘNG SẢN" not in b.text]
        outline.unit = " ".join(w for w in words if w)
        outline.unit_span = (unit_lines[0].span[0], unit_lines[-1].span[1])
    if title_at is None:
        return 0
    title = paragraphs[title_at]
    lines = [title]
    if title_at + 1 < len(paragraphs) and _numeral(paragraphs[title_at + 1].text) is None:
        lines.append(paragraphs[title_at + 1])
    outline.title = " ".join(b.text for b in lines)
    outline.title_span = (lines[0].span[0], lines[-1].span[1])
    return doc.blocks.index(lines[-1]) + 1


def _period(doc: Document, outline: Outline) -> None:
    if outline.title_span is None:
        return
    start, end = outline.title_span
    year = int(outline.date[:4]) if outline.date else None
    found = when.periods_in(doc.text, Piece(doc.text[start:end], start), year)
    if found:
        outline.period, outline.period_span = found[0].code, found[0].span


# Syllables every heading may carry, that tell no section from another.
_COMMON = frozenset(
    [
        "cong",
        "tac",
        "dan",
        "van",
        "thang",
        "nam",
        "quy",
        "va",
        "cac",
        "cua",
        "trong",
        "ky",
        "tren",
        "dia",
        "ban",
    ]
)


def _syllables(title: str) -> set[str]:
    words = re.findall(r"[a-z]+", fold(_HEADING.sub(r"\g<title>", title)).lower())
    return {w for w in words if w not in _COMMON}


def _by_words(title: str, sections: list[Section]) -> str | None:
    """The section whose title shares the most words with the heading, when at least two
    and more than any other: «III. PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 12» is the tasks ahead
    even where the form numbers them IV (a report without an assessment section)."""
    mine = _syllables(title)
    shared = sorted(((len(mine & _syllables(s.title)), s.code) for s in sections), reverse=True)
    if not shared or shared[0][0] < 2 or (len(shared) > 1 and shared[1][0] == shared[0][0]):
        return None
    return shared[0][1]


def _by_heading(title: str, sections: list[Section]) -> str | None:
    """The section a Roman heading opens: the one its words name, else the same numeral,
    else the nearest title."""
    by_words = _by_words(title, sections)
    if by_words is not None:
        return by_words
    number = _numeral(title)
    for section in sections:
        if number is not None and _numeral(section.title) == number:
            return section.code
    from danvan.lib import similarity

    found = similarity.nearest(title, [s.title for s in sections], margin=_MARGIN)
    return sections[found].code if found is not None else None


def _cue(text: str, sections: list[Section]) -> str | None:
    for pattern, words in CUES:
        if pattern.search(text):
            for section in sections:
                if words in fold(section.title):
                    return section.code
    return None


def _described(section: Section) -> str:
    """A section's title and guidance; a section without guidance gets the outline's
    (DOMAIN §5.1) for its numeral, so the words it covers are more than its title."""
    guide = section.help_text or GUIDE.get(_numeral(section.title) or 0, "")
    return f"{section.title}. {guide}".strip(". ")


def place(text: str, sections: list[Section]) -> str | None:
    """The section of a paragraph no heading gives a place to: the nearest description;
    among those within ``_MARGIN`` of it, the one its cue words name."""
    if not sections:
        return None
    from danvan.lib import similarity

    found = similarity.scores(text, [_described(s) for s in sections])
    best = max(found)
    close = [s for s, score in zip(sections, found, strict=True) if best - score < _MARGIN]
    if len(close) > 1:
        cued = _cue(text, close)
        if cued is not None:
            return cued
    return sections[found.index(best)].code


def header(doc: Document) -> Outline:
    """The header and the title's period only (to choose the form before reading on)."""
    outline = Outline()
    _header(doc, outline)
    _period(doc, outline)
    return outline


def read(doc: Document, sections: list[Section]) -> Outline:
    outline = Outline(parts={s.code: Part(s.code) for s in sections})
    body_from = _header(doc, outline)
    _period(doc, outline)
    current: str | None = None
    heading_seen = False
    for block in doc.blocks[body_from:]:
        if block.is_table:
            continue
        text = block.text
        if _END.match(text):
            break
        if _HEADING.match(text):
            heading_seen = True
            current = _by_heading(text, sections)
            if current is not None:
                outline.parts[current].headings.append(block.span)
            continue
        if current is not None:
            part = outline.parts[current]
            sub = _SUB.match(text)
            if sub and len(text) < 200:
                part.subsections.append(text)
            part.paragraphs.append(block)
            continue
        if not heading_seen and _PREAMBLE.search(text):
            continue  # «Kính gửi: …», «… báo cáo như sau:»
        code = place(text, sections)
        if code is None:
            outline.unplaced.append(block)
            continue
        outline.parts[code].paragraphs.append(block)
        outline.parts[code].placed.append(block.span)
    return outline
