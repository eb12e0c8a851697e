"""People named in an article, with their positions as written, and who chaired.

Three ways an article names someone (DOMAIN.md, the seeds and any Party portal):

- after an honorific: «đồng chí Khương Quốc Hưng - UVTV, Trưởng Ban Dân vận Quận ủy»,
  «ông Nguyễn Văn A, Chủ tịch UBND phường», «các đồng chí A, B, C - Ủy viên Trung ương
  Đảng» (each of a shared list gets the position);
- a list item «Nguyễn Văn A - Chủ tịch …»;
- title first: «Phó Bí thư Thường trực Quận ủy Hoàn Kiếm Đinh Hồng Phong chủ trì».

A name is two to four capitalised syllables, the first a Vietnamese family name (after an
honorific any capitalised syllables, for names of other peoples). Honorifics, ranks and
degrees («Thượng tướng», «TS.») are not part of it. A chair is someone a clause says
«chủ trì», «đồng chủ trì» or «chủ tọa» of; «phát biểu kết luận» or «dự và chỉ đạo» is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from danvan.textimport.extract.names import COMPOUND, MIDDLE, NOT_NAME, SURNAMES
from danvan.textimport.extract.text import Piece, Span, clauses, sentences

# Stay in the name's neighbourhood: a place word before a capitalised run names a place.
_PLACE_BEFORE = re.compile(
    r"(?:quận|phường|huyện|tỉnh|thành\s+phố|tp\.?|xã|thị\s+xã|thị\s+trấn|thủ\s+đô|khu\s+phố"
    r"|thôn|ấp|bản|tổ\s+dân\s+phố|đường|phố|chùa|nhà\s+thờ|đình|làng)\s*$",
    re.I,
)
_DEGREES = (
    r"(?-i:(?:NGƯT|NGND|NSND|NSƯT|PGS|GS|TS|ThS|Th\.S|T\.S|BS|KS)\.?"
    r"(?:\s*[,.]?\s*(?:TS|ThS|Th\.S|BS)\.?)?)"
)
_HONORIFIC = re.compile(
    r"(?<![\w])(?:(?:các\s+)?(?:đồng\s+chí|đ/c|ông|bà|anh|chị)(?:\s*:)?\s+"
    r"(?P<rank>(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)|Chuẩn\s+đô\s+đốc"
    rf"|{_DEGREES})\s+)?"
    rf"|(?:{_DEGREES}\s*,?\s*)+(?=[A-ZÀ-ỸĐ]))",
    re.I,
)
_TITLE = re.compile(
    r"(?<![\w])(?:Phó\s+Bí\s+thư|Bí\s+thư|Phó\s+Chủ\s+tịch|Chủ\s+tịch|Phó\s+Trưởng\s+[Bb]an"
    r"|Trưởng\s+[Bb]an|Phó\s+Trưởng\s+phòng|Trưởng\s+phòng|Ủy\s+viên|Uỷ\s+viên|UVTV|UVBTV|"
    r"TUV|Tỉnh\s+ủy\s+viên|Thành\s+ủy\s+viên|Phó\s+Giám\s+đốc|Giám\s+đốc|Bộ\s+trưởng|"
    r"Thứ\s+trưởng|Phó\s+Chánh|Chánh|Tổng\s+Biên\s+tập|Phó\s+Chủ\s+nhiệm|Chủ\s+nhiệm|"
    r"Tổng\s+Thư\s+ký|Hiệu\s+trưởng|Chính\s+ủy|Tư\s+lệnh|Cục\s+trưởng|Vụ\s+trưởng|Đại\s+biểu|"
    r"Thượng\s+tướng|Trung\s+tướng|Thiếu\s+tướng|Đại\s+tá|PBTTT|PBT|PCT)(?![\w])"
)
_RANK_ONLY = re.compile(r"^(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá)|Đại\s+biểu)\s*,?\s*", re.I)
# Where a position written after a name ends.
_POSITION_END = re.compile(
    r"\s*(?:[;:!?\n]|\.(?=\s|$)|\s(?:và|cùng)\s+(?:các\s+)?(?:đồng\s+chí|đại\s+diện|lãnh\s+đạo|ông|bà)\b"
    r"|,\s*(?:các\s+)?(?:đồng\s+chí|ông|bà)\b|\s(?:dự(?!\s+khuyết)|đến\s+dự|tham\s+dự|chủ\s+trì|đồng\s+chủ\s+trì"
    r"|chủ\s+tọa|phát\s+biểu|cho\s+biết|nhấn\s+mạnh|khẳng\s+định|đề\s+nghị|yêu\s+cầu|trao|tặng"
    r"|đã|đánh\s+giá|ghi\s+nhận|biểu\s+dương|chúc\s+mừng|kết\s+luận|chỉ\s+đạo|thay\s+mặt|cùng"
    r"|gửi|thăm|động\s+viên|trực\s+tiếp|làm\s+việc|tới|đến)\b)",
    re.I,
)
# «trường Chính trị Phạm Hùng», «Học viện … Hồ Chí Minh», «đường Lê Lợi»: a person's
# name naming a place or a body.
_NAMED_AFTER = re.compile(
    r"(?:trường|học\s+viện|đường|phố|bảo\s+tàng|nhà\s+văn\s+hóa|quỹ|giải|giải\s+thưởng"
    r"|khu\s+di\s+tích|tượng\s+đài|cầu|quảng\s+trường|công\s+viên)\s+(?:[\w]+\s+){0,3}$",
    re.I,
)
_OTHER_ROLE = re.compile(r",\s*(?:thư\s+ký|cùng|tham\s+dự|đến\s+dự|dự\b|có\s+sự\s+tham\s+dự)", re.I)
# «Hà Nội - Sáng 5/4, …»: a dateline, not a name and a position.
_WHEN_FIRST = re.compile(r"(?:sáng|chiều|tối|trưa|đêm|ngày|hôm)\s+(?:nay|qua|\d)", re.I)
_CHAIR = re.compile(r"(?:đồng\s+)?chủ\s+trì|chủ\s+tọa|chủ\s+toạ", re.I)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class Official:
    name: str
    position: str
    span: Span  # the name
    position_span: Span | None


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or word[1:].islower())


def _run(text: str, pos: int, limit: int = 6) -> list[tuple[str, int, int]]:
    """Capitalised words from ``pos`` on, separated by single spaces."""
    out: list[tuple[str, int, int]] = []
    while len(out) < limit:
        match = _WORD.match(text, pos)
        if not match or not _capitalised(match.group()):
            break
        out.append((match.group(), match.start(), match.end()))
        pos = match.end()
        if text[pos : pos + 1] != " ":
            break
        pos += 1
    return out


def _valid(words: list[str], *, free: bool = False) -> bool:
    if not 2 <= len(words) <= 4 or any(w in NOT_NAME for w in words):
        return False
    if not free and words[0] not in SURNAMES:
        return False
    # Four syllables: the second is not a family name («Mai Nguyễn Quang Hiếu» is the end
    # of a place, then a name) and a middle name is among the inner two.
    if len(words) == 4 and words[1] in SURNAMES and words[1] not in MIDDLE:
        return False
    if len(words) == 4 and " ".join(words[:2]) in COMPOUND:
        return True
    return not (len(words) == 4 and words[1] not in MIDDLE and words[2] not in MIDDLE)


def _name_at(text: str, pos: int, *, free: bool) -> tuple[str, Span] | None:
    run = _run(text, pos, 5)
    for size in (4, 3, 2):
        words = [w for w, _, _ in run[:size]]
        if len(words) == size and _valid(words, free=free):
            return " ".join(words), (run[0][1], run[size - 1][2])
    return None


def _position_after(text: str, pos: int, limit: int) -> tuple[str, Span] | None:
    sep = re.match(r"\s*(?:[-–—]|,|\()\s*", text[pos:limit])
    if not sep:
        return None
    start = pos + sep.end()
    end_match = _POSITION_END.search(text, start, min(limit, start + 220))
    end = end_match.start() if end_match else min(limit, start + 220)
    raw = text[start:end].strip(" ,)-–")
    raw = _RANK_ONLY.sub("", raw) if _RANK_ONLY.match(raw) and len(raw) > 20 else raw
    if not raw or not raw[:1].isupper() or len(raw) < 3 or _WHEN_FIRST.match(raw):
        return None
    return raw, (start, start + len(raw))


def _honorific_people(text: str, sentence: Piece) -> list[Official]:
    out = []
    for match in _HONORIFIC.finditer(text, sentence.start, sentence.end):
        pos, names = match.end(), []
        while True:
            found = _name_at(text, pos, free=True)
            if found is None:
                break
            names.append(found)
            pos = found[1][1]
            more = re.match(r"\s*(?:,|và)\s+(?:đồng\s+chí\s+)?", text[pos : sentence.end])
            if not more or not match.group(0).lower().lstrip().startswith("các"):
                break
            nxt = _name_at(text, pos + more.end(), free=True)
            if nxt is None:
                break
            pos += more.end()
        if not names:
            continue
        position = _position_after(text, names[-1][1][1], sentence.end)
        if len(names) == 1 or position is not None:
            for name, span in names:
                out.append(
                    Official(
                        name,
                        position[0] if position else "",
                        span,
                        position[1] if position else None,
                    )
                )
        else:
            out += [Official(name, "", span, None) for name, span in names]
    return out


def _list_people(text: str, clause: Piece, taken: list[Span]) -> list[Official]:
    out = []
    for match in re.finditer(r"(?:^|[,;:]\s*|\bcó\s+)", text[clause.start : clause.end]):
        pos = clause.start + match.end()
        if any(a <= pos < b for a, b in taken):
            continue
        found = _name_at(text, pos, free=False)
        if found is None or not re.match(r"\s*[-–—]\s*", text[found[1][1] : found[1][1] + 4]):
            continue
        position = _position_after(text, found[1][1], clause.end)
        if position:
            out.append(Official(found[0], position[0], found[1], position[1]))
    return out


def _title_people(text: str, sentence: Piece, taken: list[Span]) -> list[Official]:
    out = []
    for title in _TITLE.finditer(text, sentence.start, sentence.end):
        if any(a <= title.start() < b for a, b in taken):
            continue
        pos, limit = title.end(), min(sentence.end, title.end() + 140)
        semicolon = text.find(";", pos, limit)
        limit = semicolon if semicolon >= 0 else limit
        while pos < limit:
            word = _WORD.search(text, pos, limit)
            if word is None:
                break
            if not _capitalised(word.group()):
                pos = word.end()
                continue
            run = _run(text, word.start(), 8)
            end = run[-1][2]
            after = text[end : end + 2]
            inside = text[max(0, word.start() - 1) : word.start()] == "("
            place = bool(_PLACE_BEFORE.search(text[max(0, word.start() - 15) : word.start()]))
            words = [w for w, _, _ in run]
            if _NAMED_AFTER.search(text[max(0, word.start() - 40) : word.start()]):
                pos = end
                continue
            best = None
            for first in range(len(words)):
                # «quận Tân Bình Phạm Thị Út»: after a place word the run opens with the
                # place, unless it reads as a name itself («quận Trần Thị Nga»).
                if place and first == 0 and not (len(words) >= 3 and words[1] in MIDDLE):
                    continue
                tail = words[first:]
                if _valid(tail) and (best is None or len(tail) <= 4):
                    best = first
                    break
            if best is not None and not inside and not after.startswith(")"):
                start = run[best][1]
                position = text[title.start() : start].strip(" ,-–")
                if position and "." not in position[-2:]:
                    out.append(
                        Official(
                            " ".join(words[best:]),
                            position,
                            (start, end),
                            (title.start(), title.start() + len(position)),
                        )
                    )
                    taken.append((title.start(), end))
                break
            pos = end
    return out


def officials(text: str, start: int = 0) -> list[Official]:
    """Everyone named from ``start`` on, first mention first, each once (the first
    mention with a position gives it)."""
    found: list[Official] = []
    for sentence in sentences(text, start):
        here = _honorific_people(text, sentence)
        taken = [o.span for o in here] + [o.position_span for o in here if o.position_span]
        for clause in clauses(sentence):
            here += _list_people(text, clause, taken)
        taken = [o.span for o in here] + [o.position_span for o in here if o.position_span]
        here += _title_people(text, sentence, taken)
        found += sorted(here, key=lambda o: o.span[0])
    unique: dict[str, Official] = {}
    for person in found:
        key = person.name.lower()
        if key not in unique or (not unique[key].position and person.position):
            unique[key] = (
                person
                if key not in unique
                else Official(
                    unique[key].name, person.position, unique[key].span, person.position_span
                )
            )
    return sorted(unique.values(), key=lambda o: o.span[0])


def chairs(text: str, people: list[Official], start: int = 0) -> list[Official]:
    """Those a clause says chaired: named before «chủ trì» in the clause, or after it when
    the clause opens with it («Chủ trì hội nghị có đồng chí…»)."""
    mentions = [
        (match.start(), person)
        for person in people
        for match in re.finditer(re.escape(person.name), text)
    ]
    out: list[Official] = []
    for sentence in sentences(text, start):
        for clause in clauses(sentence):
            for match in _CHAIR.finditer(text, clause.start, clause.end):
                before = [a for a, _ in mentions if clause.start <= a < match.start()]
                if before:
                    lo, hi = clause.start, match.start()
                else:
                    # «Chủ trì hội nghị có đồng chí…», «Dự, chủ trì Hội nghị có…», «Chủ trì
                    # là ông A…, thư ký là ông B»: those named after it, up to another role.
                    lo = match.end()
                    other = _OTHER_ROLE.search(text, match.end(), clause.end)
                    hi = other.start() if other else clause.end
                for at, person in sorted(mentions, key=lambda m: m[0]):
                    if lo <= at < hi and person not in out:
                        out.append(person)
    return out
