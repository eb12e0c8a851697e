"""The top and bottom of an official document, derived from the issuing unit.

Which layout: the issuer's numbering setting says it (Party → the Party heading of
Hướng dẫn 36-HD/VPTW; State or Front → the national motto block of Nghị định 30/2020).
An issuer with no setting yet is a Party body when its organisation kind is a party
committee, a party board or the coordinating board of dân vận work, else State.

Names come from the tree, never from a table of "quận"/"phường": the place an issuer
belongs to is its nearest place ancestor, and a body's own name is its unit name with the
place taken off ("Ban Dân vận Quận ủy Hoàng Mai" in Quận Hoàng Mai → "Ban Dân vận Quận
ủy"). The signer is the current holder of the matching position in the issuing unit.

The Party heading of an advisory body of a committee is the committee, then the body
(Hướng dẫn 36: "TỈNH ỦY KIÊN GIANG / VĂN PHÒNG", so "QUẬN ỦY HOÀNG MAI / BAN DÂN VẬN");
of a committee, the Party organisation above it, then the committee ("ĐẢNG BỘ THÀNH PHỐ
HÀ NỘI / QUẬN ỦY HOÀNG MAI"). The place of the date line is the administrative unit the
issuer sits in, by its name without the kind word ("Hoàng Mai", "Định Công"; Hướng dẫn 36
and Nghị định 30, Phụ lục I, II.4.a), unless the issuer's numbering names another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.documents.issuing import number_preview
from danvan.documents.models import DocumentType, IssuerNumbering, NumberingStyle
from danvan.drafting.context import (
    CONCLUSIONS_NOTICE,
    INVITATION,
    MINUTES,
    PARTY,
    REPORT,
    STATE,
    Heading,
    Signature,
)
from danvan.lib import numbering as fmt
from danvan.lib.text import fold
from danvan.lib.titles import expand_title
from danvan.org.models import OrgUnit
from danvan.people.models import Position

# Organisation kinds that are Party bodies (besides any coordinating board of dân vận).
PARTY_KINDS = frozenset({"cap-uy", "ban-dan-van", "ban-tuyen-giao"})
COMMITTEE_KIND = "cap-uy"
GOVERNMENT_KIND = "chinh-quyen"
FRONT_KIND = "mttq"

# The register's type of each document kind (rows of documents.DocumentType).
DOC_TYPE_NAMES = {
    REPORT: "Báo cáo",
    INVITATION: "Giấy mời",
    MINUTES: "Biên bản",
    CONCLUSIONS_NOTICE: "Thông báo",
}

_PLACE_PREFIXES = (
    "Thành phố ",
    "Tỉnh ",
    "Quận ",
    "Huyện ",
    "Thị xã ",
    "Thị trấn ",
    "Phường ",
    "Xã ",
    "Đặc khu ",
)
# Places below the commune (tổ dân phố, thôn) are no administrative unit to date a
# document from: a body there dates it from its commune.
AREA_LEVEL = "khu-dan-cu"
# A committee named in a body's name ("Ban Dân vận Quận ủy") and its symbol.
_COMMITTEE_CODES = {
    "tinh uy": "TU",
    "quan uy": "QU",
    "huyen uy": "HU",
    "thi uy": "ThU",
    "dang uy": "ĐU",
}
# The committee of a place, by the place's kind, when no committee unit is in the tree.
COMMITTEE_OF_PLACE = {
    "thanh-pho-tw": "Thành ủy",
    "tinh": "Tỉnh ủy",
    "quan": "Quận ủy",
    "huyen": "Huyện ủy",
    "thanh-pho-thuoc-tinh": "Thành ủy",
    "thi-xa": "Thị ủy",
}
_PROVINCIAL_CITY_KINDS = frozenset({"thanh-pho-thuoc-tinh", "thi-xa"})
BLANK_NUMBER = "    "  # left for the office to write the number in by hand


def doc_type_for(kind: str) -> DocumentType:
    """Báo cáo, Giấy mời, Biên bản or Thông báo: the register's type of a document kind."""
    if kind not in DOC_TYPE_NAMES:
        raise ValidationError({"kind": f"Không có loại văn bản «{kind}»."})
    doc_type = DocumentType.objects.filter(name=DOC_TYPE_NAMES[kind]).first()
    if doc_type is None:
        raise ValidationError(
            {
                "kind": f"Danh mục loại văn bản chưa có «{DOC_TYPE_NAMES[kind]}»: quản trị viên "
                "cần bổ sung (Văn bản › Loại văn bản)."
            }
        )
    return doc_type


# --- names ------------------------------------------------------------------------------


def short_place(name: str) -> str:
    """ "Quận Hoàng Mai" → "Hoàng Mai", "Thành phố Hà Nội" → "Hà Nội"."""
    for prefix in _PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def seat_name(place: OrgUnit) -> str:
    """The name of an administrative unit as a date line writes it: without its kind word
    ("Quận Hoàng Mai" → "Hoàng Mai", "Thành phố Hà Nội" → "Hà Nội"), but whole when what is
    left is a number ("Phường 1"). The kind word is what the name shares with its kind's
    name ("Thành phố" of "Thành phố trực thuộc trung ương"), else a usual prefix."""
    words = place.name.split()
    kind_words = [fold(word) for word in place.kind.name.split()]
    common = 0
    while (
        common < min(len(words) - 1, len(kind_words)) and fold(words[common]) == kind_words[common]
    ):
        common += 1
    short = " ".join(words[common:]) if common else short_place(place.name)
    return place.name if not short or short.split()[0].isdigit() else short


def place_phrase(name: str) -> str:
    """How a body's name refers to its place: "phường Định Công", but "Phường 1"."""
    if short_place(name).isdigit() or not name:
        return name
    return name[0].lower() + name[1:]


def strip_place(body: str, place: OrgUnit | None) -> str:
    """The body's own name: "Khối dân vận phường Định Công" → "Khối dân vận"."""
    if place is None:
        return body
    for tail in (place.name, place_phrase(place.name), short_place(place.name)):
        if tail and fold(body).endswith(" " + fold(tail)) and len(body) > len(tail) + 1:
            return body[: len(body) - len(tail)].rstrip(" -,")
    return body


def vietnamese_date(day: dt.date) -> str:
    """ "ngày 03 tháng 02 năm 2023": days below 10 and the months 1 and 2 zero-padded
    (DOMAIN.md §1.1), "ngày 25 tháng 12 năm 2023"."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def _initials(words: str) -> str:
    return "".join(word[0].upper() for word in words.split() if word and word.lower() != "và")


# --- the issuer, described once ---------------------------------------------------------


@dataclass
class Issuer:
    """What the heading, signature and recipients need to know about an issuing unit."""

    unit: OrgUnit
    ancestors: list[OrgUnit]  # root first, without the unit itself
    numbering: IssuerNumbering | None
    committee: OrgUnit | None = None  # the party committee a board serves, when in the tree

    @property
    def kind_code(self) -> str:
        kind = self.unit.organisation_kind
        return kind.code if kind is not None else ""

    @property
    def is_place(self) -> bool:
        return bool(self.unit.kind.is_place)

    @property
    def is_board(self) -> bool:
        kind = self.unit.organisation_kind
        return kind is not None and kind.is_coordinating_board

    @property
    def is_committee(self) -> bool:
        return self.kind_code == COMMITTEE_KIND

    @property
    def is_party_body(self) -> bool:
        return self.is_board or self.kind_code in PARTY_KINDS

    @property
    def style(self) -> str:
        if self.numbering is not None:
            return PARTY if self.numbering.style == NumberingStyle.PARTY else STATE
        return PARTY if self.is_party_body else STATE

    @property
    def place(self) -> OrgUnit | None:
        """The place the issuer belongs to (itself when it is a place)."""
        if self.is_place:
            return self.unit
        for unit in reversed(self.ancestors):
            if unit.kind.is_place:
                return unit
        return None

    @property
    def parent_place(self) -> OrgUnit | None:
        """The place above the issuer's place (Thành phố Hà Nội above Quận Hoàng Mai)."""
        place = self.place
        if place is None:
            return None
        above = [u for u in self.ancestors if u.kind.is_place and len(u.path) < len(place.path)]
        return above[-1] if above else None

    @property
    def seat(self) -> OrgUnit | None:
        """The administrative unit the issuer sits in: itself when it is one, else its
        nearest place above the residential areas; None at the root (the country)."""
        for unit in reversed([*self.ancestors, self.unit]):
            if unit.kind.is_place and unit.level.code != AREA_LEVEL:
                return unit if unit.parent_id is not None else None
        return None

    @property
    def own_name(self) -> str:
        """The body's name without its place ("Ban Dân vận Quận ủy")."""
        return strip_place(self.unit.name, self.place)

    @property
    def committee_word(self) -> str:
        """The party committee the body serves, as its name says it ("Quận ủy"), or the
        committee of its place."""
        words = self.own_name.split()
        for index in range(len(words) - 1):
            pair = f"{words[index]} {words[index + 1]}"
            if fold(pair) in _COMMITTEE_CODES or fold(pair) == "thanh uy":
                return pair
        place = self.place
        if place is not None and place.kind.code in COMMITTEE_OF_PLACE:
            return COMMITTEE_OF_PLACE[place.kind.code]
        return "Đảng ủy"

    @property
    def committee_name(self) -> str:
        """The committee a party body serves, named in full: the committee unit of its
        place when the tree has one ("Quận ủy Hoàng Mai"), else the committee word and the
        place ("Đảng ủy phường Định Công")."""
        place = self.place
        if self.committee is not None:
            return self.committee.name
        if place is None:
            return ""
        word = self.committee_word
        if fold(word) == "dang uy":
            return f"{word} {place_phrase(place.name)}"
        return f"{word} {seat_name(place)}"

    @property
    def body_name(self) -> str:
        """The body's name without the committee it serves ("Ban Dân vận Quận ủy" → "Ban
        Dân vận", "Ban Xây dựng Đảng Đảng ủy" → "Ban Xây dựng Đảng")."""
        name = self.own_name
        word = self.committee_word
        if fold(name).endswith(" " + fold(word)):
            return name[: len(name) - len(word)].rstrip(" -,")
        return name

    def committee_code(self, word: str) -> str:
        folded = fold(word)
        if folded == "thanh uy":
            place = self.place
            provincial_city = place is not None and place.kind.code in _PROVINCIAL_CITY_KINDS
            return "ThU" if provincial_city else "TU"
        return _COMMITTEE_CODES.get(folded, _initials(word))

    def guessed_code(self) -> str:
        """The issuer symbol when no numbering is set: BDVQU, QU, ĐU, UBND, MTTQ..."""
        if self.is_party_body:
            word = self.committee_word
            name = self.own_name
            if self.is_committee:
                return self.committee_code(word)
            head = name[: fold(name).find(fold(word))].strip() if fold(word) in fold(name) else name
            return _initials(head) + self.committee_code(word)
        if self.is_place:
            return "UBND"
        kind = self.unit.organisation_kind
        if kind is not None and kind.short_name:
            return kind.short_name.replace(" ", "")
        return _initials(self.own_name)


def describe(issuer: OrgUnit) -> Issuer:
    """The issuer with its ancestors and numbering (two queries)."""
    units = list(
        OrgUnit.all_objects.filter(pk__in=[*issuer.ancestor_ids, issuer.pk]).select_related(
            "kind", "level", "organisation_kind"
        )
    )
    units.sort(key=lambda unit: len(unit.path))
    itself = next((unit for unit in units if unit.pk == issuer.pk), issuer)
    ancestors = [unit for unit in units if unit.pk != issuer.pk]
    numbering = IssuerNumbering.objects.filter(org_unit=issuer).first()
    info = Issuer(unit=itself, ancestors=ancestors, numbering=numbering)
    if info.is_party_body and not info.is_committee and info.place is not None:
        info.committee = _committee_of(info)
    return info


def _committee_of(info: Issuer) -> OrgUnit | None:
    """The committee unit of the board's place whose name starts with the board's
    committee word ("Quận ủy Hoàng Mai" for "Ban Dân vận Quận ủy"); an open one first."""
    word = fold(info.committee_word)
    rows = OrgUnit.objects.filter(parent=info.place, organisation_kind__code=COMMITTEE_KIND)
    named = [row for row in rows if fold(row.name).startswith(word)]
    named.sort(key=lambda row: (row.valid_to is None, row.pk), reverse=True)
    return named[0] if named else None


# --- heading ----------------------------------------------------------------------------


def _party_lines(info: Issuer) -> tuple[str, str]:
    """(superior, issuer) in capitals: ("QUẬN ỦY HOÀNG MAI", "BAN DÂN VẬN") for a board,
    ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY HOÀNG MAI") for a committee."""
    if info.is_committee:
        above = info.parent_place
        superior = f"ĐẢNG BỘ {above.name.upper()}" if above and above.parent_id else ""
        return superior, info.unit.name.upper()
    if info.is_party_body:
        return info.committee_name.upper(), info.body_name.upper()
    return "", info.unit.name.upper()


def _state_lines(info: Issuer) -> tuple[str, str]:
    """("", "ỦY BAN NHÂN DÂN\\nPHƯỜNG ĐỊNH CÔNG"): the body, then its place."""
    place = info.place
    if info.is_place:
        return "", f"ỦY BAN NHÂN DÂN\n{info.unit.name.upper()}"
    body = info.own_name
    if fold(body) == "uy ban mttq":
        body = "Ủy ban MTTQ Việt Nam"
    if place is None or body == info.unit.name:
        return "", info.unit.name.upper()
    return "", f"{body.upper()}\n{place.name.upper()}"


def place_name(info: Issuer) -> str:
    """Where the document is dated: the place the issuer's numbering names (an officer's
    choice, "TP. Hồ Chí Minh"), else its seat ("Hoàng Mai" for a district body, "Định
    Công" for a ward's), else nothing."""
    if info.numbering is not None and info.numbering.place_name:
        return info.numbering.place_name
    seat = info.seat
    return seat_name(seat) if seat is not None else ""


def place_date(info: Issuer, on: dt.date) -> str:
    """ "Hà Nội, ngày 03 tháng 02 năm 2023"."""
    place = place_name(info)
    return f"{place}, {vietnamese_date(on)}" if place else vietnamese_date(on).capitalize()


def number_line(info: Issuer, doc_type: DocumentType, on: dt.date) -> str:
    """The next number of the issuer's register as it would be printed ("Số 15-BC/BDVQU",
    "Số: 12/BC-UBND"), or the blank form ("Số    -BC/BDVQU") when none can be given."""
    numbering = info.numbering
    if numbering is not None:
        try:
            reference = number_preview(numbering=numbering, doc_type=doc_type, on=on)
        except ValidationError:
            pass
        else:
            return fmt.line_for(numbering.style, reference)
    code = numbering.issuer_code if numbering is not None else info.guessed_code()
    if info.style == PARTY:
        return f"Số{BLANK_NUMBER}-{doc_type.party_symbol or doc_type.state_symbol}/{code}"
    symbol = doc_type.state_symbol
    return f"Số:{BLANK_NUMBER}/{symbol}-{code}" if symbol else f"Số:{BLANK_NUMBER}/{code}"


def heading_for(
    info: Issuer, *, kind: str, on: dt.date, number_line_text: str | None = None
) -> Heading:
    style = info.style
    superior, issuer = _party_lines(info) if style == PARTY else _state_lines(info)
    line = (
        number_line_text
        if number_line_text is not None
        else number_line(info, doc_type_for(kind), on)
    )
    return Heading(
        style=style,
        superior=superior,
        issuer=issuer,
        number_line=line,
        place_date=place_date(info, on),
    )


# --- signature --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Signer:
    authority: str
    title: str
    starts: str  # folded start of a matching title segment: "pho truong ban"


def _signers(info: Issuer) -> list[_Signer]:
    """Who signs, in order of preference; the first is the default when nobody matches."""
    party = info.style == PARTY
    on_behalf, signing_for = ("T/M", "K/T") if party else ("TM.", "KT.")
    if info.is_committee:
        return [
            _Signer(f"{on_behalf} BAN THƯỜNG VỤ", "BÍ THƯ", "bi thu"),
            _Signer(f"{on_behalf} BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "pho bi thu"),
        ]
    if info.is_party_body:
        head = (info.own_name.split() or ["Ban"])[0]
        word = head.upper() if fold(head) in ("ban", "khoi") else "BAN"
        return [
            _Signer(
                f"{signing_for} TRƯỞNG {word}", f"PHÓ TRƯỞNG {word}", f"pho truong {fold(word)}"
            ),
            _Signer("", f"TRƯỞNG {word}", f"truong {fold(word)}"),
        ]
    if info.is_place or info.kind_code == GOVERNMENT_KIND:
        body = "ỦY BAN NHÂN DÂN"
    elif info.kind_code == FRONT_KIND:
        body = "BAN THƯỜNG TRỰC"
    else:
        body = "BAN THƯỜNG VỤ"
    return [
        _Signer(f"{on_behalf} {body}", "CHỦ TỊCH", "chu tich"),
        _Signer(f"{signing_for} CHỦ TỊCH", "PHÓ CHỦ TỊCH", "pho chu tich"),
    ]


def _segments(title: str) -> list[str]:
    """ "UVTV, Trưởng Ban Dân vận Quận ủy" → ["uy vien ban thuong vu", "truong ban dan van..."]."""
    return [fold(part) for part in expand_title(title).split(",") if part.strip()]


def signature_for(info: Issuer, *, user: Any) -> Signature:
    """The default signature block, with the name of the current holder of the matching
    position in the issuing unit (people the user may see), or no name. A place issues as
    its People's Committee, so its signer may hold the position there (the Chủ tịch of
    "Ủy ban nhân dân phường Định Công", a unit under "Phường Định Công")."""
    where = Q(org_unit=info.unit)
    if info.is_place:
        where |= Q(org_unit__parent=info.unit, org_unit__organisation_kind__code=GOVERNMENT_KIND)
    positions = list(
        scoped(Position.objects.current(), user, Cap.PEOPLE_VIEW)
        .filter(where)
        .select_related("person")
        .order_by("-is_primary", "-start_date", "id")
    )
    positions.sort(key=lambda position: position.org_unit_id != info.unit.pk)
    signers = _signers(info)
    for signer in signers:
        for position in positions:
            if any(segment.startswith(signer.starts) for segment in _segments(position.title)):
                return Signature(signer.authority, signer.title, position.person.full_name)
    return Signature(signers[0].authority, signers[0].title, "")
