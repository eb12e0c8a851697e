"""Nơi nhận as each format punctuates it, and one spelling per word (no Django).

- Party (Hướng dẫn 36-HD/VPTW): each recipient "- Thường trực Quận ủy," with a comma, the
  last line (the office's copy) with a full stop: "- Lưu VT.".
- State (Nghị định 30/2020/NĐ-CP, Phụ lục I, II.9.b): each recipient "- Như trên;" with a
  semicolon, the last "- Lưu: VT, …." with a colon after "Lưu" and a full stop.

Whatever the lines were written with (a draft edited by hand, a line from another format),
they come out punctuated for the document's format; the "Lưu" line goes last, and a list
without one gets "Lưu VT". No recipients (a biên bản) stays no recipients.

The words: the modern tone placement in common words («Quận uỷ» → «Quận ủy»,
``danvan.lib.vietnamese.tone_normalise``; names keep their owner's spelling) and
«chính trị - xã hội» with spaced hyphen, however it was typed.
"""

from __future__ import annotations

import re

from danvan.drafting.context import STATE
from danvan.lib.text import fold

# A biên bản is signed by the meeting's secretary beside its chair.
SECRETARY_TITLE = "THƯ KÝ HỘI NGHỊ"
_LEAD = re.compile(r"^[\s\-–—+•]+")
_TRAIL = re.compile(r"[\s,;.]+$")
_KEEP = re.compile(r"^(Lưu|LƯU|lưu)\s*:?\s*", re.UNICODE)
_SOCIO_POLITICAL = re.compile(r"(chính trị|Chính trị|CHÍNH TRỊ)\s*[-–—]\s*(xã hội|XÃ HỘI)")
# The old placement a word may have: a mark on the second vowel of an open «oa», «oe», «uy»
# (a cheap test before underthesea, which takes seconds to load).
_OLD_TONE = re.compile(r"[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ]")


def spelled(text: str) -> str:
    """One spelling per word: «Quận uỷ» → «Quận ủy», «chính trị-xã hội» → «chính trị -
    xã hội»."""
    text = _SOCIO_POLITICAL.sub(r"\1 - \2", text)
    if _OLD_TONE.search(text):
        from danvan.lib.vietnamese import tone_normalise

        text = tone_normalise(text)
    return text


def _is_kept_copy(line: str) -> bool:
    return fold(line).startswith("luu") and (len(line) == 3 or not line[3].isalpha())


def recipient_lines(lines: list[str], style: str) -> list[str]:
    """``lines`` punctuated for ``style`` (PARTY or STATE), the "Lưu" line last."""
    names = [_TRAIL.sub("", _LEAD.sub("", line)) for line in lines]
    names = [name for name in names if name]
    if not names:
        return []
    kept = [name for name in names if _is_kept_copy(name)]
    others = [name for name in names if not _is_kept_copy(name)]
    copy = _KEEP.sub("", kept[-1]) if kept else "VT"
    copy = copy or "VT"
    if style == STATE:
        return [*(f"- {name};" for name in others), f"- Lưu: {copy}."]
    return [*(f"- {name}," for name in others), f"- Lưu {copy}."]
