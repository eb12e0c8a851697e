"""Vietnamese text through ``underthesea`` (its bundled models; nothing is downloaded):
sentence boundaries and the modern tone placement, both kept to offsets in the text
they came from, so every span still points at the words as read.

Its ``ner`` is not used: it tags party officials as places («đồng chí Khương Quốc Hưng»);
people and positions are found by rules and gazetteers (``danvan.textimport.extract``).
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

# underthesea's optional models live on the Hugging Face hub; the parts used here ship
# inside the package. Never let a lookup try the network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")

_WORD = re.compile(r"[^\W\d_]+")
# Capitalised words are kept as written (people's and places' names: «Thuý», «Hoà Bình»),
# except the common words of titles that are never names.
_TITLE_WORDS = {"Uỷ": "Ủy", "UỶ": "ỦY", "Toà": "Tòa", "TOÀ": "TÒA"}


@lru_cache(maxsize=8192)
def _tone(word: str) -> str:
    from underthesea import text_normalize

    fixed = text_normalize(word)
    # Only a change of where the mark sits: same letters, same length.
    return fixed if len(fixed) == len(word) and fixed.isalpha() else word


def tone_normalise(text: str) -> str:
    """«uỷ ban», «hoà giải», «toạ đàm» → «ủy ban», «hòa giải», «tọa đàm» (the placement of
    Quyết định 1989/QĐ-BGDĐT). Same length as ``text``: offsets stay valid. Names (any
    capitalised word but «Uỷ», «Toà») keep the spelling their owner uses."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in _TITLE_WORDS:
            return _TITLE_WORDS[word]
        if not word.islower():
            return word
        return _tone(word)

    return _WORD.sub(fix, text)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]`` by underthesea's sentence
    splitter («TS. Nguyễn Văn A», «Q. Hoàng Mai» do not end a sentence); a line break
    always ends one. Leading and trailing spaces are not part of a sentence."""
    from underthesea import sent_tokenize

    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    pos = start
    for line in text[start:end].split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        cursor = 0
        for sentence in sent_tokenize(line):
            sentence = sentence.strip()
            if not sentence:
                continue
            found = line.find(sentence, cursor)
            if found < 0:
                # The splitter changed the words (it does not, today): keep the rest whole.
                rest = line[cursor:]
                lead = len(rest) - len(rest.lstrip())
                if rest.strip():
                    out.append((line_start + cursor + lead, line_start + len(line.rstrip())))
                cursor = len(line)
                break
            if out and found == cursor and cursor > 0 and out[-1][1] == line_start + cursor:
                # No space after the stop («UB.MTTQ», «TP.HCM»): not a boundary.
                out[-1] = (out[-1][0], line_start + found + len(sentence))
            else:
                out.append((line_start + found, line_start + found + len(sentence)))
            cursor = found + len(sentence)
        rest = line[cursor:]
        if rest.strip():
            lead = len(rest) - len(rest.lstrip())
            out.append((line_start + cursor + lead, line_start + len(line.rstrip())))
    return out
