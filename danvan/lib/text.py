"""Vietnamese text helpers with no Django in them.

Vietnamese is typed without diacritics half the time, so every searchable name is
also stored "folded": lower case, marks stripped, đ→d. Unicode NFD decomposition
does not split đ/Đ (it is a separate letter, not d + mark), hence the explicit map.
"""

from __future__ import annotations

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Return ``text`` lower-cased, without diacritics, đ→d and spaces collapsed.

    >>> fold("Khương Quốc Hưng")
    'khuong quoc hung'
    >>> fold("ĐẢNG")
    'dang'
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def normalize_spaces(text: str | None) -> str:
    """Collapse runs of white space and trim; NFC so equal strings compare equal."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
