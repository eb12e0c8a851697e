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
# A State legal document numbered with its year («59/2023/NĐ-CP», «01/2021/TT-BNV»,
# «10/2022/QH15»): its own symbol table (here TT is a Thông tư, never a Thông tri).
LEGAL_SYMBOLS: dict[str, str] = {
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "CT": "Chỉ thị",
    "L": "Luật",
    "PL": "Pháp lệnh",
}
# Who a body is, by the code its documents carry (folded names, see danvan.lib.text.fold).
ISSUER_CODES: dict[str, str] = {
    "bo chinh tri": "TW",
    "ban bi thu": "TW",
    "ban bi thu trung uong dang": "TW",
    "ban chap hanh trung uong": "TW",
    "ban chap hanh trung uong dang": "TW",
    "bch trung uong": "TW",
    "bch trung uong dang": "TW",
    "trung uong dang": "TW",
    "quan uy": "QU",
    "ban thuong vu quan uy": "QU",
    "huyen uy": "HU",
    "tinh uy": "TU",
    "ban thuong vu tinh uy": "TU",
    "ban chap hanh dang bo tinh": "TU",
    "bch dang bo tinh": "TU",
    "thanh uy": "TU",
    "ban thuong vu thanh uy": "TU",
    "ban chap hanh dang bo thanh pho": "TU",
    "ban chap hanh dang bo huyen": "HU",
    "ban chap hanh dang bo quan": "QU",
    "thi uy": "ThU",
    "dang uy": "ĐU",
    "chinh phu": "CP",
    "thu tuong chinh phu": "TTg",
    "quoc hoi": "QH",
    "uy ban thuong vu quoc hoi": "UBTVQH",
}


def code_of(issuer: str | None) -> str:
    """The code of a body written in full («BCH Trung ương Đảng» → TW), or ""."""
    from danvan.lib.text import fold

    return ISSUER_CODES.get(fold(issuer), "") if issuer else ""


TYPE_NAMES = sorted(
    {*SYMBOLS.values(), "Luật", "Nghị định", "Thông tư", "Pháp lệnh", "Hiến pháp", "Quy định"},
    key=len,
    reverse=True,
)
# Who issues, as written after "của": longest first so "Ban Bí thư Trung ương Đảng" wins.
ISSUERS = sorted(
    [
        "Ban Bí thư Trung ương Đảng",
        "BCH Trung ương Đảng",
        "BCH Trung ương",
        "Ban Chấp hành Đảng bộ tỉnh",
        "Ban Chấp hành Đảng bộ thành phố",
        "Ban Chấp hành Đảng bộ huyện",
        "Ban Chấp hành Đảng bộ quận",
        "BCH Đảng bộ tỉnh",
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
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        "Bộ Nội vụ",
        "Bộ Tài chính",
        "Bộ Tư pháp",
        "Thanh tra Chính phủ",
        "Hội đồng nhân dân tỉnh",
        "Hội đồng nhân dân thành phố",
        "HĐND tỉnh",
        "UBND tỉnh",
        "UBND thành phố",
        "Ủy ban nhân dân tỉnh",
        "Ủy ban nhân dân thành phố",
    ],
    key=len,
    reverse=True,
)

_WORD = r"[A-Za-zÀ-ỹĐđ]"
_NAME = "|".join(re.escape(n) for n in TYPE_NAMES)
_ISSUER = "|".join(re.escape(n) for n in ISSUERS)
_DATE = (
    r"(?:,\s*)?ngày\s+(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
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
# Nghị định số 59/2023/NĐ-CP · Luật số 10/2022/QH15 · Thông tư 01/2021/TT-BNV
_LEGAL = re.compile(
    rf"(?:(?P<name>{_NAME})\s+)?(?:(?:[Ss]ố|Số:)\s*:?\s*)?(?P<lnum>\d+)\s*/\s*"
    rf"(?P<lyear>(?:19|20)\d{{2}})\s*/\s*(?P<ltail>{_CODE}(?:-{_CODE})*)(?![\w/]){_OF}"
)
# Quyết định 217, 218-QĐ/TW: a list of numbers sharing one suffix.
_SHARED = re.compile(
    rf"(?P<name>{_NAME})\s+(?:số\s+)?(?P<nums>\d+(?:\s*(?:,|và)\s*\d+)+)\s*-\s*"
    rf"(?P<psym>{_WORD}+)\s*/\s*(?P<pissuer>{_CODE}(?:-{_CODE})*)(?![\w/]){_OF}"
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
    code: str = ""  # number and symbol as the house writes them: «217-QĐ/TW», «59/2023/NĐ-CP»

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


_PARTY_CODES = {"TW", "TU", "HU", "QU", "ThU", "ĐU"}
_TYPE_SYMBOL = {name: symbol for symbol, name in SYMBOLS.items() if symbol != "QyĐ"}


def _coded(match: re.Match[str]) -> Reference:
    written = match.group("name")
    if match.group("pnum"):
        number, symbol, code = match.group("pnum", "psym", "pissuer")
        house = f"{number}-{symbol}/{code}"
    else:
        number, tail = match.group("snum", "stail")
        head, _, rest = tail.partition("-")
        # State style: the first part is a type symbol; Front style: no symbol at all
        # (a Công văn), the whole part after the slash is the issuer.
        symbol, code = (head, rest) if head in SYMBOLS else (None, tail)
        house = f"{number}/{tail}"
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
        code=house,
    )


def _legal(match: re.Match[str]) -> Reference:
    number, year, tail = match.group("lnum", "lyear", "ltail")
    head, _, rest = tail.partition("-")
    symbol: str | None
    code: str | None
    implied: str | None
    if head in LEGAL_SYMBOLS:
        symbol, code, implied = head, rest or None, LEGAL_SYMBOLS[head]
    else:
        # «10/2022/QH15»: the issuer alone (a Luật or Nghị quyết of the Quốc hội).
        symbol, code, implied = None, tail, ("Luật" if tail.startswith("QH") else None)
    return Reference(
        raw=match.group(0).strip(" ,"),
        type=match.group("name") or implied,
        number=number,
        symbol=symbol,
        issuer=match.group("issuer") or code,
        issuer_code=code,
        date=_date(match),
        code=f"{number}/{year}/{tail}",
    )


def _shared(match: re.Match[str]) -> list[Reference]:
    symbol, code = match.group("psym", "pissuer")
    return [
        Reference(
            raw=match.group(0).strip(" ,"),
            type=match.group("name") or SYMBOLS.get(symbol),
            number=number,
            symbol=symbol,
            issuer=match.group("issuer") or code,
            issuer_code=code,
            date=_date(match),
            code=f"{number}-{symbol}/{code}",
        )
        for number in re.findall(r"\d+", match.group("nums"))
    ]


def _named_code(kind: str, number: str, issuer: str | None) -> str:
    """«Quyết định 217 của Bộ Chính trị» is 217-QĐ/TW; with no known body, as written."""
    code, symbol = code_of(issuer), _TYPE_SYMBOL.get(kind)
    if code in _PARTY_CODES and symbol:
        return f"{number}-{symbol}/{code}"
    return f"{kind} {number}"


def find_references(text: str) -> list[Reference]:
    """Every document reference in ``text``, in order of appearance."""
    found: list[tuple[int, Reference]] = []
    taken: list[range] = []

    def free(match: re.Match[str]) -> bool:
        return not any(match.start() in span or match.end() - 1 in span for span in taken)

    for match in _LEGAL.finditer(text):
        found.append((match.start(), _legal(match)))
        taken.append(range(match.start(), match.end()))
    for match in _SHARED.finditer(text):
        if free(match):
            found += [(match.start(), ref) for ref in _shared(match)]
            taken.append(range(match.start(), match.end()))
    for match in _CODED.finditer(text):
        if free(match):
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
                        code=_named_code(match.group("name"), number, match.group("issuer")),
                    ),
                )
            )
    return [ref for _, ref in sorted(found, key=lambda item: item[0])]
