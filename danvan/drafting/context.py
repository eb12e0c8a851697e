"""What an official document says, independent of how it is laid out (no Django).

The content builders (``compile``: a compiled period report; ``meeting_docs``: giấy mời,
biên bản, thông báo kết luận) produce an :class:`OfficialDocument`; the layout
(``layout``) renders it into a DOCX through the issuer's docxtpl template, Party
(Hướng dẫn 36-HD/VPTW) or State (Nghị định 30/2020) style. Every string here is final
Vietnamese text: numbers already written "2.811,7", dates "ngày 03 tháng 02 năm 2023".
"""

from __future__ import annotations

from dataclasses import dataclass, field

PARTY = "party"
STATE = "state"

# Document kinds (one docxtpl template per kind and style, replaceable per issuer).
REPORT = "bao_cao"
INVITATION = "giay_moi"
MINUTES = "bien_ban"
CONCLUSIONS_NOTICE = "thong_bao_ket_luan"
KINDS = {
    REPORT: "Báo cáo",
    INVITATION: "Giấy mời",
    MINUTES: "Biên bản",
    CONCLUSIONS_NOTICE: "Thông báo kết luận",
}


@dataclass
class Heading:
    """The top block. Party: superior body and issuing body top left (with a centred ``*``
    under the issuer), "ĐẢNG CỘNG SẢN VIỆT NAM" top right with its rule, the number line
    under the issuer, the place and date (italic) under the rule. State: the issuer top
    left, the national motto block top right."""

    style: str  # PARTY or STATE
    superior: str  # "ĐẢNG BỘ QUẬN HOÀNG MAI" (may be "")
    issuer: str  # "BAN DÂN VẬN QUẬN ỦY"
    number_line: str  # "Số 15-BC/BDVQU" or "Số: 12/BC-UBND"
    place_date: str  # "Hà Nội, ngày 03 tháng 02 năm 2023"


@dataclass
class Block:
    """One paragraph of the body. ``level`` 1 is a section heading ("I. TÌNH HÌNH NHÂN
    DÂN"), 2 a sub-heading ("1. Công tác tham mưu"), 0 body text, 3 a bullet line.
    ``source`` names the unit the text came from (shown while editing a draft, so each
    unit's contribution stays traceable; not printed); ``link`` the list of the records a
    sentence written from a register counted (shown beside it while editing). A sentence
    merged from several units' words keeps them all: ``sources`` their names, ``origins``
    each with the periods of its reports ("Phường Định Công (tháng 1/2023, tháng 6/2023)").
    ``needed`` marks the empty paragraph of a section nothing was reported for: left for
    the officer to write ("cần bổ sung" in the editor), never printed while empty."""

    text: str
    level: int = 0
    source: str = ""
    link: str = ""
    table: int | None = None  # index into OfficialDocument.tables: the table goes here
    sources: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    needed: bool = False


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[list[str]]
    total: list[str] | None = None


@dataclass
class Signature:
    authority: str  # "T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN", "TM. ỦY BAN NHÂN DÂN", or ""
    title: str  # "PHÓ TRƯỞNG BAN"
    name: str  # "Khương Quốc Hưng" (may be "" for a draft)


@dataclass
class OfficialDocument:
    kind: str  # one of KINDS
    heading: Heading
    type_name: str  # "BÁO CÁO", "GIẤY MỜI", "BIÊN BẢN", "THÔNG BÁO"
    subject: str  # trích yếu: "kết quả công tác dân vận tháng 2/2023, phương hướng, ..."
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # Nơi nhận: "- Thường trực Quận ủy,"
    signature: Signature = field(default_factory=lambda: Signature("", "", ""))


def empty_sections(document: OfficialDocument) -> list[str]:
    """The section headings (level 1) with nothing written under them: no text, no
    table."""
    empty: list[str] = []
    heading: str | None = None
    filled = False
    for block in document.blocks:
        if block.level == 1:
            if heading is not None and not filled:
                empty.append(heading)
            heading, filled = block.text, False
        elif block.table is not None or (block.level in (0, 3) and block.text.strip()):
            filled = True
    if heading is not None and not filled:
        empty.append(heading)
    return empty


def document_to_dict(document: OfficialDocument) -> dict[str, object]:
    """JSON-safe form, stored on a ReportDraft while the officer edits it."""
    from dataclasses import asdict

    return asdict(document)


def document_from_dict(data: dict[str, object]) -> OfficialDocument:
    raw = dict(data)
    heading = Heading(**raw.pop("heading"))  # type: ignore[arg-type]
    blocks = [Block(**b) for b in raw.pop("blocks", [])]  # type: ignore[attr-defined]
    tables = [Table(**t) for t in raw.pop("tables", [])]  # type: ignore[attr-defined]
    signature = Signature(**raw.pop("signature"))  # type: ignore[arg-type]
    return OfficialDocument(
        heading=heading,
        blocks=blocks,
        tables=tables,
        signature=signature,
        **raw,  # type: ignore[arg-type]
    )
