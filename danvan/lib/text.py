"""Vietnamese text helpers with no Django in them.

Vietnamese is typed without diacritics half the time, so every searchable name is
also stored "folded": lower case, marks stripped, đ→d. Unicode NFD decomposition
does not split đ/Đ (it is a separate letter, not d + mark), hence the explicit map; it
also holds Ð/ð (U+00D0/U+00F0, the Icelandic eth), which looks the same as Đ and is what
some keyboards and fonts give for it. Invisible format characters pasted from the web or
Word (zero-width space/joiners U+200B–U+200D, the BOM U+FEFF, the soft hyphen U+00AD:
Unicode category Cf) are dropped, so "Đ\u200bảng" is found by "dang".
"""

from __future__ import annotations

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})
# Marks (Mn) once NFD has split them off, and invisible format characters (Cf).
_DROPPED = frozenset({"Mn", "Cf"})
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Return ``text`` lower-cased, without diacritics, đ→d and spaces collapsed.

    >>> fold("Khương Quốc Hưng")
    'khuong quoc hung'
    >>> fold("ĐẢNG")
    'dang'
    >>> fold("\u00d0o\u00e0n Th\u00ea\u0301 \u200b")
    'doan the'
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) not in _DROPPED)
    return _SPACES.sub(" ", stripped.lower()).strip()


def normalize_spaces(text: str | None) -> str:
    """Collapse runs of white space and trim; NFC so equal strings compare equal."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
