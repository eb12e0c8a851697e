"""Find references to documents in Vietnamese text (no Django).

"Kế hoạch số 138-KH/QU ngày 31/01/2023 của Quận uỷ" → type Kế hoạch, number 138, symbol
KH, issuer code QU, issuer Quận uỷ, date 2023-01-31. Handles the three numbering styles
(DOMAIN.md §1): Party ``138-KH/QU`` and ``03-CTr/BDVTW-BCSĐCP``, State ``Số: 12/QĐ-UBND``,
Front ``249/MTTQ-BTT`` (a Công văn: no type symbol); and references by type and number
only ("Quyết định 217, 218 của Bộ Chính trị" is two references). Rules and gazetteers,
not a statistical model: party text is regular and NER tags officials as places.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass

# Type symbol → full Vietnamese name (Party and State tables; QĐi and QyĐ are Quy định).
SYMBOLS: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "QĐi": "Quy định",
    "QyĐ": "Quy định",
    "HD": "Hướng dẫn",
    "TT": "Thông tri",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "CV": "Công văn",
    "BB": "Biên bản",
    "ĐA": "Đề án",
    "BS": "Bản sao",
    "CTHĐ": "Chương trình hành động",
}
TYPE_NAMES = sorted(
    {*SYMBOLS.values(), "Luật", "Nghị định", "Thông tư", "Pháp lệnh", "Hiến pháp", "Quy định"},
    key=len,
    reverse=True,
)
# Who issues, as written after "của": longest first so "Ban Bí thư Trung ương Đảng" wins.
ISSUERS = sorted(
    [
        "Ban Bí thư Trung ương Đảng",
        "Ban Bí thư",
        "Bộ Chính trị",
        "Ban Chấp hành Trung ương Đảng",
        "Ban Chấp hành Trung ương",
        "Trung ương Đảng",
        "Ban Thường vụ Quận ủy",
        "Ban Thường vụ Quận uỷ",
        "Ban Thường vụ Thành ủy",
        "Ban Thường vụ Tỉnh ủy",
        "Quận ủy",
        "Quận uỷ",
        "Huyện ủy",
        "Huyện uỷ",
        "Thành ủy",
        "Thành uỷ",
        "Thị ủy",
        "Tỉnh ủy",
        "Tỉnh uỷ",
        "Đảng ủy",
        "Đảng uỷ",
        "Ban Dân vận Trung ương",
        "Ban Tuyên giáo và Dân vận Trung ương",
        "Ủy ban Thường vụ Quốc hội",
        "Quốc hội",
        "Chính phủ",
        "Thủ tướng Chính phủ",
        "Ủy ban nhân dân",
        "UBND",
        "Ủy ban Trung ương MTTQ Việt Nam",
    ],
    key=len,
    reverse=True,
)

_WORD = r"[A-Za-zÀ-ỹĐđ]"
_NAME = "|".join(re.escape(n) for n in TYPE_NAMES)
_ISSUER = "|".join(re.escape(n) for n in ISSUERS)
_DATE = (
    r"(?:,\s*)?ngày\s+(?:(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))"
)
_OF = rf"(?:\s*(?:{_DATE}))?(?:\s+của\s+(?P<issuer>{_ISSUER}))?"
# 138-KH/QU · 30 - CT/TW · 03-CTr/BDVTW-BCSĐCP
_CODE = r"[A-ZĐ][\wĐđ]*"
_PARTY = rf"(?P<pnum>\d+)\s*-\s*(?P<psym>{_WORD}+)\s*/\s*(?P<pissuer>{_CODE}(?:-{_CODE})*)"
# 12/QĐ-UBND · 249/MTTQ-BTT
_STATE = rf"(?P<snum>\d+)\s*/\s*(?P<stail>{_CODE}(?:-{_CODE})+)"
_CODED = re.compile(
    rf"(?:(?P<name>{_NAME})\s+)?(?:(?:[Ss]ố|Số:)\s*:?\s*)?(?:{_PARTY}|{_STATE})(?![\w/]){_OF}"
)
# Quyết định 217, 218 của Bộ Chính trị · Kết luận số 66, ngày 04/03/2010 của Ban Bí thư
_NAMED = re.compile(
    rf"(?P<name>{_NAME})\s+(?:số\s+)?(?P<nums>\d+(?:\s*(?:,|và)\s*\d+(?!\s*/))*)(?![\d/-])"
    rf"{_OF}"
)


@dataclass(frozen=True)
class Reference:
    raw: str
    type: str | None
    number: str
    symbol: str | None
    issuer: str | None
    issuer_code: str | None
    date: str | None

    def as_dict(self) -> dict[str, str | None]:
        return asdict(self)


def _date(match: re.Match[str]) -> str | None:
    parts = match.group("d", "m", "y")
    if parts[0] is None:
        parts = match.group("d2", "m2", "y2")
    if parts[0] is None:
        return None
    try:
        return dt.date(int(parts[2]), int(parts[1]), int(parts[0])).isoformat()
    except ValueError:
        return None


def _coded(match: re.Match[str]) -> Reference:
    written = match.group("name")
    if match.group("pnum"):
        number, symbol, code = match.group("pnum", "psym", "pissuer")
    else:
        number, tail = match.group("snum", "stail")
        head, _, rest = tail.partition("-")
        # State style: the first part is a type symbol; Front style: no symbol at all
        # (a Công văn), the whole part after the slash is the issuer.
        symbol, code = (head, rest) if head in SYMBOLS else (None, tail)
    implied = SYMBOLS.get(symbol or "") or (None if symbol else "Công văn")
    issuer = match.group("issuer") or code
    return Reference(
        raw=match.group(0).strip(" ,"),
        type=written or implied,
        number=number,
        symbol=symbol,
        issuer=issuer,
        issuer_code=code,
        date=_date(match),
    )


def find_references(text: str) -> list[Reference]:
    """Every document reference in ``text``, in order of appearance."""
    found: list[tuple[int, Reference]] = []
    taken: list[range] = []
    for match in _CODED.finditer(text):
        found.append((match.start(), _coded(match)))
        taken.append(range(match.start(), match.end()))
    for match in _NAMED.finditer(text):
        if any(match.start() in span for span in taken):
            continue
        numbers = re.findall(r"\d+", match.group("nums"))
        for number in numbers:
            raw = match.group(0).strip(" ,")
            found.append(
                (
                    match.start(),
                    Reference(
                        raw=raw,
                        type=match.group("name"),
                        number=number,
                        symbol=None,
                        issuer=match.group("issuer"),
                        issuer_code=None,
                        date=_date(match),
                    ),
                )
            )
    return [ref for _, ref in sorted(found, key=lambda item: item[0])]
