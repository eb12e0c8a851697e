"""Documents cited, awards given and the numeric facts of an article.

- Documents: :func:`danvan.lib.references.find_references`, number-symbol written the
  Party's way («30-CT/TW», «217-QĐ/TW»; a bare «Quyết định 217 … của Bộ Chính trị» gets
  its /TW), the State's («12/QĐ-UBND»), or as written when no symbol is known.
- Awards: in a sentence that rewards (khen thưởng, tặng, trao, biểu dương, Bằng khen,
  Giấy khen…), each «N tập thể» and «N cá nhân» is one award group; households (hộ) are
  not awards; the headline's total gives way to the body's breakdown.
- Figures: a number with its unit (suất, triệu đồng, lượt, đơn, mô hình, hội viên…),
  as a short literal span, mapped to an indicator where one fits by the words around it;
  never a page counter, a date, a time, a document number or a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from danvan.lib.references import find_references
from danvan.textimport.extract.layout import CHROME
from danvan.textimport.extract.text import Piece, Span, sentences

_CENTRAL = ("Bộ Chính trị", "Ban Bí thư", "Trung ương", "Ban Chấp hành Trung ương")
_TYPE_SYMBOL = {
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Nghị quyết": "NQ",
    "Kết luận": "KL",
    "Quy định": "QĐi",
    "Hướng dẫn": "HD",
    "Thông tri": "TT",
    "Kế hoạch": "KH",
    "Chương trình": "CTr",
    "Thông báo": "TB",
}


@dataclass(frozen=True)
class Cited:
    ref: str  # «217-QĐ/TW»
    type: str | None
    raw: str
    span: Span


def documents(text: str) -> list[Cited]:
    out: list[Cited] = []
    pos, seen = 0, set()
    for ref in find_references(text):
        at = text.find(ref.raw, pos)
        if at < 0:
            at = text.find(ref.raw)
        span = (at, at + len(ref.raw)) if at >= 0 else (0, 0)
        pos = max(pos, at) if at >= 0 else pos
        code = ref.code or (f"{ref.type} {ref.number}" if ref.type else ref.number)
        if (
            code.startswith(tuple(_TYPE_SYMBOL))
            and ref.issuer is None
            and _central_context(text, span)
        ):
            # «Quyết định 217» beside a «…/TW» one or under «của Bộ Chính trị» further on.
            code = f"{ref.number}-{_TYPE_SYMBOL[ref.type or '']}/TW"
        if code not in seen:
            seen.add(code)
            out.append(Cited(code, ref.type, ref.raw, span))
    return out


def _central_context(text: str, span: Span) -> bool:
    around = text[span[0] : span[1] + 80]
    return (
        any(c in around for c in _CENTRAL) or "/TW" in text[max(0, span[0] - 120) : span[1] + 120]
    )


_REWARD = re.compile(
    r"khen\s+thưởng|tặng\s+(?:Bằng|Giấy)\s+khen|Bằng\s+khen|Giấy\s+khen|biểu\s+dương|tuyên\s+dương"
    r"|vinh\s+danh|trao\s+(?:tặng\s+)?(?:danh\s+hiệu|Cờ|Kỷ\s+niệm\s+chương|Huân|Huy)|Cờ\s+thi\s+đua"
    r"|Kỷ\s+niệm\s+chương|Huân\s+chương|Huy\s+chương",
    re.I,
)
_NUM = r"(?P<n>\d{1,3}(?:[.\s]\d{3})+|\d+)"
_GROUP = re.compile(
    rf"{_NUM}\s+(?P<who>tập\s+thể|cá\s+nhân|đơn\s+vị)(?!\s+và\s+cá\s+nhân)(?P<both>\s*,?\s*(?:và\s+)?cá\s+nhân)?",
    re.I,
)
_FORM = re.compile(
    r"Bằng\s+khen|Giấy\s+khen|Cờ\s+thi\s+đua|Kỷ\s+niệm\s+chương|Giấy\s+chứng\s+nhận|Huân\s+chương[^,.;]*|Huy\s+chương[^,.;]*",
    re.I,
)


@dataclass(frozen=True)
class AwardGroup:
    kind: str  # collective, individual, or mixed (a total the text does not break down)
    count: int
    form: str
    span: Span


def _int(raw: str) -> int:
    return int(re.sub(r"[.\s]", "", raw))


def _groups(text: str, piece: Piece) -> list[AwardGroup]:
    out = []
    for sentence in sentences(text, piece.start, piece.end):
        if not _REWARD.search(sentence.text):
            continue
        found = list(_FORM.finditer(text, sentence.start, sentence.end))
        for match in _GROUP.finditer(text, sentence.start, sentence.end):
            # The form written before the group in its sentence («tặng Giấy khen cho 10 tập
            # thể…; tặng Bằng khen cho 3 tập thể»), or else the first one after it.
            before = [f for f in found if f.start() < match.start()]
            form = before[-1] if before else (found[0] if found else None)
            who = match.group("who").lower()
            kind = (
                "mixed" if match.group("both") else ("individual" if "cá" in who else "collective")
            )
            out.append(
                AwardGroup(
                    kind,
                    _int(match.group("n")),
                    form.group(0) if form else "",
                    (match.start(), match.end()),
                )
            )
    return out


def awards(text: str, headline: Piece | None, body_start: int) -> list[AwardGroup]:
    body = _groups(text, Piece(text[body_start:], body_start))
    if body:
        # A total beside its breakdown in the same text counts once: keep the breakdown.
        # A total that is not the sum of a breakdown (another decision) stays.
        broken = [g for g in body if g.kind != "mixed"]
        sums = {sum(g.count for g in broken)} | {
            sum(g.count for g in broken if g.form == form) for form in {g.form for g in broken}
        }
        if broken:
            body = [g for g in body if g.kind != "mixed" or g.count not in sums]
        return body
    return _groups(text, headline) if headline is not None else []


_UNITS = (
    r"triệu\s+đồng|tỷ\s+đồng|tỉ\s+đồng|nghìn\s+đồng|ngàn\s+đồng|đồng|suất\s+quà|xuất\s+quà|suất|xuất"
    r"|phần\s+quà|lượt\s+công\s+dân|lượt\s+người|lượt|đơn\s+thư|đơn|vụ\s+việc|kiến\s+nghị|cuộc\s+giám\s+sát"
    r"|cuộc|mô\s+hình|hội\s+viên|đoàn\s+viên|thành\s+viên|cử\s+tri|hộ\s+nghèo|hộ\s+gia\s+đình|hộ"
    r"|người|căn\s+nhà|nhà\s+đại\s+đoàn\s+kết|nhà|tin,\s*bài|tin\s+bài|bài\s+viết|buổi|lớp|hội\s+nghị"
    r"|công\s+trình|km|m2|%"
)
_FIGURE = re.compile(
    rf"(?<![\w/.,-])(?P<n>\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?)\s*(?P<unit>{_UNITS})"
    r"(?![\w])(?!\s+chí)",
    re.I,
)
# Indicator by unit and the words around (the sentence before the number first).
_MAP: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    (
        "QUA_SUAT",
        re.compile(r"^(?:suất|xuất|phần)", re.I),
        re.compile(r"quà|an\s+sinh|tặng|trao", re.I),
    ),
    (
        "QUA_GIA_TRI",
        re.compile(r"triệu|tỷ|tỉ", re.I),
        re.compile(r"quà|suất|xuất|an\s+sinh|hỗ\s+trợ|trao|tặng", re.I),
    ),
    (
        "TIEP_CONG_DAN",
        re.compile(r"^lượt", re.I),
        re.compile(r"tiếp\s+(?:\d+\s+lượt\s+)?(?:công\s+)?dân", re.I),
    ),
    (
        "DON_DANG_XEM_XET",
        re.compile(r"^(?:đơn|vụ)", re.I),
        re.compile(
            r"(?:đơn|vụ\s+việc)\s+đang\s+(?:tiếp\s+tục\s+)?(?:xem\s+xét|giải\s+quyết)", re.I
        ),
    ),
    (
        "DON_GIAI_QUYET",
        re.compile(r"^(?:đơn|vụ)", re.I),
        re.compile(r"giải\s+quyết|xử\s+lý\s+xong", re.I),
    ),
    ("DON_NHAN", re.compile(r"^(?:đơn|vụ)", re.I), re.compile(r"nhận|tiếp\s+nhận|đơn", re.I)),
    ("MO_HINH_DVK", re.compile(r"^mô", re.I), re.compile(r"mô\s+hình|dân\s+vận\s+khéo", re.I)),
    ("HOI_VIEN", re.compile(r"^hội\s+viên", re.I), re.compile(r"hội\s+viên", re.I)),
    (
        "TY_LE_CU_TRI_DI_BAU",
        re.compile(r"^%", re.I),
        re.compile(r"cử\s+tri.{0,40}(?:đi\s+bầu|bỏ\s+phiếu)", re.I),
    ),
    ("CU_TRI", re.compile(r"^cử", re.I), re.compile(r"cử\s+tri", re.I)),
    ("KIEN_NGHI_GS", re.compile(r"^kiến", re.I), re.compile(r"giám\s+sát|kiến\s+nghị", re.I)),
    ("GIAM_SAT_CUOC", re.compile(r"^cuộc", re.I), re.compile(r"giám\s+sát", re.I)),
]


@dataclass(frozen=True)
class FigureFound:
    text: str
    value: Decimal
    unit: str
    indicator: str | None
    span: Span


def _value(raw: str) -> Decimal | None:
    try:
        return Decimal(raw.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


_RATIO = re.compile(
    rf"(?<![\w/.,-])(?P<a>\d{{1,3}}(?:\.\d{{3}})+|\d+)\s*/\s*(?P<b>\d{{1,3}}(?:\.\d{{3}})+|\d+)\s*(?P<unit>{_UNITS})(?![\w])",
    re.I,
)
_DONE = re.compile(r"giải\s+quyết|xử\s+lý|hoàn\s+thành|trả\s+lời", re.I)


def _ratios(text: str, sentence: Piece) -> list[FigureFound]:
    """«đã giải quyết 08/24 đơn»: 8 resolved of 24 received."""
    out = []
    for match in _RATIO.finditer(text, sentence.start, sentence.end):
        unit = re.sub(r"\s+", " ", match.group("unit").lower())
        before = text[max(sentence.start, match.start() - 60) : match.start()]
        done, total = (None, None)
        if unit.startswith(("đơn", "vụ")) and _DONE.search(before):
            done, total = "DON_GIAI_QUYET", "DON_NHAN"
        a, b = _value(match.group("a")), _value(match.group("b"))
        if a is None or b is None or a > b:
            continue
        span = (match.start(), match.end())
        out.append(FigureFound(match.group(0), a, unit, done, span))
        out.append(FigureFound(match.group(0), b, unit, total, span))
    return out


def _context(text: str, sentence: Piece, start: int, end: int, previous: int) -> str:
    """The words a figure is read by: back to the figure before it in the same clause
    (that figure included, so «300 suất, trị giá 150 triệu» still speaks of gifts) or to
    the clause's start, and on to the next comma or clause end. «tiếp nhận 5 đơn, đã giải
    quyết 4 đơn» then gives 5 received and 4 resolved, and in «ủng hộ Quỹ … được 86,5
    triệu đồng; trao 120 suất quà … trị giá 60 triệu đồng» only the 60 is the gifts' value."""
    clause = text.rfind(";", sentence.start, start) + 1 or sentence.start
    begin = max(clause, previous, start - 150)
    after = re.search(r"[,;]|$", text[end : min(sentence.end, end + 40)])
    stop = end + (after.start() if after else 0)
    return text[begin:stop]


def figures(text: str, start: int) -> list[FigureFound]:
    out = []
    for sentence in sentences(text, start):
        if CHROME.search(sentence.text) and len(sentence.text) < 80:
            continue
        ratios = _ratios(text, sentence)
        out += ratios
        previous = sentence.start
        for match in _FIGURE.finditer(text, sentence.start, sentence.end):
            if any(r.span[0] <= match.start() < r.span[1] for r in ratios):
                continue
            value = _value(match.group("n"))
            if value is None or (
                1900 <= value <= 2100 and match.group("unit").lower() in ("người",)
            ):
                continue
            unit = re.sub(r"\s+", " ", match.group("unit").lower())
            context = _context(text, sentence, match.start(), match.end(), previous)
            previous = match.start()
            indicator = next(
                (
                    code
                    for code, by_unit, by_words in _MAP
                    if by_unit.search(unit) and by_words.search(context)
                ),
                None,
            )
            out.append(
                FigureFound(match.group(0), value, unit, indicator, (match.start(), match.end()))
            )
    return out
