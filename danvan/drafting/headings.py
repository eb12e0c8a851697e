"""The top and bottom of an official document, derived from the issuing unit.

Which layout: the issuer's numbering setting says it (Party → the Party heading of
Hướng dẫn 36-HD/VPTW; State or Front → the national motto block of Nghị định 30/2020).
An issuer with no setting yet is a Party body when its organisation kind is a party
committee, a party board or the coordinating board of dân vận work, else State.

Names come from the tree, never from a table of "quận"/"phường": the place an issuer
belongs to is its nearest place ancestor, and a body's own name is its unit name with the
place taken off ("Ban Dân vận Quận ủy Hoàng Mai" in Quận Hoàng Mai → "Ban Dân vận Quận
ủy"). The signer is the current holder of the matching position in the issuing unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

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
_PROVINCE_PREFIXES = ("Thành phố ", "Tỉnh ")
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
    def province(self) -> OrgUnit | None:
        places = [u for u in [*self.ancestors, self.unit] if u.kind.is_place]
        for unit in places:
            if unit.level.code == "tinh":
                return unit
        below_root = [u for u in places if u.parent_id is not None]
        return below_root[0] if below_root else None

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
    return Issuer(unit=itself, ancestors=ancestors, numbering=numbering)


# --- heading ----------------------------------------------------------------------------


def _party_lines(info: Issuer) -> tuple[str, str]:
    """(superior, issuer) in capitals: ("ĐẢNG BỘ QUẬN HOÀNG MAI", "BAN DÂN VẬN QUẬN ỦY")."""
    if info.is_committee:
        above = info.parent_place
        superior = f"ĐẢNG BỘ {above.name.upper()}" if above and above.parent_id else ""
        return superior, info.unit.name.upper()
    if info.is_party_body:
        place = info.place
        superior = f"ĐẢNG BỘ {place.name.upper()}" if place is not None else ""
        return superior, info.own_name.upper()
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
    """Where the document is dated: the numbering's place, else the province's name."""
    if info.numbering is not None and info.numbering.place_name:
        return info.numbering.place_name
    province = info.province
    if province is None:
        return ""
    name = province.name
    for prefix in _PROVINCE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


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
    position in the issuing unit (people the user may see), or no name."""
    positions = list(
        scoped(Position.objects.current(), user, Cap.PEOPLE_VIEW)
        .filter(org_unit=info.unit)
        .select_related("person")
        .order_by("-is_primary", "-start_date", "id")
    )
    signers = _signers(info)
    for signer in signers:
        for position in positions:
            if any(segment.startswith(signer.starts) for segment in _segments(position.title)):
                return Signature(signer.authority, signer.title, position.person.full_name)
    return Signature(signers[0].authority, signers[0].title, "")
