"""Standard abbreviations used in the titles of officials (chức danh).

Titles are stored exactly as written ("UVTV, Trưởng Ban Dân vận Quận ủy"); this table
lets the product show the full form and lets search find "Ủy viên Ban Thường vụ" when
the title says "UVTV". Sources: DOMAIN.md §7 glossary.
"""

from __future__ import annotations

import re

ABBREVIATIONS: dict[str, str] = {
    "UVTV": "Ủy viên Ban Thường vụ",
    "UVBTV": "Ủy viên Ban Thường vụ",
    "UVBCH": "Ủy viên Ban Chấp hành",
    "TUV": "Tỉnh ủy viên",
    "ThUV": "Thành ủy viên",
    "HUV": "Huyện ủy viên",
    "QUV": "Quận ủy viên",
    "ĐUV": "Đảng ủy viên",
    "PBTTT": "Phó Bí thư Thường trực",
    "PBT": "Phó Bí thư",
    "BT": "Bí thư",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "UB MTTQ": "Ủy ban Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQ": "Mặt trận Tổ quốc",
    "BTT": "Ban Thường trực",
    "BDV": "Ban Dân vận",
    "BTGDV": "Ban Tuyên giáo và Dân vận",
    "CCB": "Cựu chiến binh",
    "CTĐ": "Chữ thập đỏ",
    "LHPN": "Liên hiệp Phụ nữ",
    "NCT": "Người cao tuổi",
    "ĐTN": "Đoàn Thanh niên",
    "HND": "Hội Nông dân",
    "LĐLĐ": "Liên đoàn Lao động",
    "CT-XH": "chính trị - xã hội",
}

# Longest first so "UB MTTQ" wins over "MTTQ" and "UVBTV" over "BT".
_PATTERN = re.compile(
    r"(?<![\w])("
    + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w])"
)


def expand_title(title: str) -> str:
    """Expand the standard abbreviations in a title, leaving everything else as written.

    >>> expand_title("UVTV, Trưởng Ban Dân vận Quận ủy")
    'Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Quận ủy'
    """
    return _PATTERN.sub(lambda m: ABBREVIATIONS[m.group(1)], title)


def abbreviations_in(title: str) -> list[tuple[str, str]]:
    """The abbreviations a title uses, with their meaning, in order of appearance."""
    seen: list[tuple[str, str]] = []
    for match in _PATTERN.finditer(title):
        pair = (match.group(1), ABBREVIATIONS[match.group(1)])
        if pair not in seen:
            seen.append(pair)
    return seen
