"""The letters a unit sends about a petition, as DOCX in the house style of its issuer
(Party: Hướng dẫn 36-HD/VPTW; State and Front: Nghị định 30/2020), after the forms of
Thông tư 05/2021/TT-TTCP and Nghị định 124/2020/NĐ-CP:

- **Phiếu hướng dẫn** (the matter is not the unit's: where the citizen should go),
- **Phiếu chuyển đơn** (to a unit of the system or a body outside, with the reply date),
- **Thông báo thụ lý** (a khiếu nại or tố cáo accepted, with its resolution deadline),
- **Thông báo không thụ lý** (refused: not eligible or not competent, with the reason).

A slip for a tố cáo never names the denouncer (Luật Tố cáo 2018, Điều 47): the receiving
body is told the identity is kept by the sender. What is not in the record (the legal
basis of a refusal, say) is written by the officer in the reason, never invented here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from danvan.documents.models import DocumentType
from danvan.drafting import headings
from danvan.drafting.context import Block, OfficialDocument
from danvan.drafting.layout import render_with
from danvan.drafting.layout_template import build_template
from danvan.lib.dates import format_date
from danvan.petitions.models import Forwarding, LetterKind, Petition, PetitionKind

# The register's document type of each letter (the numbering symbol comes from it).
DOC_TYPES = {
    LetterKind.GUIDANCE: "Hướng dẫn",
    LetterKind.FORWARD: "Phiếu chuyển",
    LetterKind.ACCEPT: "Thông báo",
    LetterKind.REFUSE: "Thông báo",
}
TITLES = {
    LetterKind.GUIDANCE: "PHIẾU HƯỚNG DẪN",
    LetterKind.FORWARD: "PHIẾU CHUYỂN ĐƠN",
    LetterKind.ACCEPT: "THÔNG BÁO",
    LetterKind.REFUSE: "THÔNG BÁO",
}
_KIND_WORDS: dict[str, str] = {
    PetitionKind.COMPLAINT: "khiếu nại",
    PetitionKind.DENUNCIATION: "tố cáo",
    PetitionKind.PROPOSAL: "kiến nghị, phản ánh",
}
SECRET = "người tố cáo (thông tin được giữ bí mật theo quy định của Luật Tố cáo)"


def doc_type(kind: str) -> DocumentType:
    name = DOC_TYPES[LetterKind(kind)]
    found = DocumentType.objects.filter(name=name).first()
    if found is None:
        from django.core.exceptions import ValidationError

        raise ValidationError(
            {"kind": f"Danh mục loại văn bản chưa có «{name}»: quản trị viên cần bổ sung."}
        )
    return found


def kind_words(petition: Petition) -> str:
    return _KIND_WORDS.get(petition.kind, "")


@dataclass(frozen=True)
class Who:
    """The petitioner(s) as a letter names them, and the addressee line."""

    named: str  # "ông/bà Nguyễn Văn An, địa chỉ: …" or the secret/anonymous wording
    addressee: str  # "Ông/Bà Nguyễn Văn An" ("" when the letter goes to no citizen)


def who(petition: Petition) -> Who:
    people = list(petition.petitioners.all())
    if petition.anonymous or not people:
        return Who("người gửi đơn không ghi tên (đơn nặc danh)", "")
    if petition.is_denunciation:
        first = people[0]
        return Who(SECRET, f"Ông/Bà {first.full_name}")
    first = people[0]
    named = f"ông/bà {first.full_name}"
    if first.address:
        named += f", địa chỉ: {first.address}"
    if len(people) > 1 or petition.group_size > 1:
        others = max(len(people), petition.group_size) - 1
        named += f" và {others} người cùng ký đơn"
    return Who(named, f"Ông/Bà {first.full_name}")


def subject_line(kind: str, petition: Petition, forwarding: Forwarding | None) -> str:
    words = kind_words(petition) or "đơn"
    if kind == LetterKind.GUIDANCE:
        return f"hướng dẫn công dân gửi đơn {words} đến cơ quan có thẩm quyền"
    if kind == LetterKind.FORWARD:
        receiver = forwarding.receiver_name if forwarding is not None else ""
        return f"chuyển đơn {words} đến {receiver}".strip()
    if kind == LetterKind.ACCEPT:
        return f"thụ lý giải quyết đơn {words}"
    return f"không thụ lý giải quyết đơn {words}"


def _opening(petition: Petition, unit_name: str, named: str) -> str:
    words = kind_words(petition) or "kiến nghị, phản ánh"
    return (
        f"Ngày {format_date(petition.received_on)}, {unit_name} nhận được đơn {words} của "
        f"{named}, vào sổ số {petition.reference}, nội dung: {petition.subject.rstrip('. ')}."
    )


def _blocks(
    kind: str, petition: Petition, forwarding: Forwarding | None, reason: str, unit: str
) -> list[Block]:
    person = who(petition)
    blocks: list[Block] = []
    if kind == LetterKind.FORWARD and forwarding is not None:
        blocks.append(Block(f"Kính gửi: {forwarding.receiver_name}."))
    elif person.addressee:
        blocks.append(Block(f"Kính gửi: {person.addressee}."))
    blocks.append(Block(_opening(petition, unit, person.named)))
    if kind == LetterKind.GUIDANCE:
        blocks.append(
            Block(
                f"Nội dung đơn không thuộc thẩm quyền giải quyết của {unit}. {reason.rstrip('. ')}."
            )
        )
        blocks.append(Block(f"{unit} trả lời để công dân biết, thực hiện./."))
    elif kind == LetterKind.FORWARD and forwarding is not None:
        text = (
            f"Căn cứ chức năng, nhiệm vụ, {unit} chuyển đơn đến {forwarding.receiver_name} "
            "để xem xét, giải quyết theo thẩm quyền"
        )
        if forwarding.reply_due is not None:
            text += (
                f" và đề nghị thông báo kết quả cho {unit} trước ngày "
                f"{format_date(forwarding.reply_due)}"
            )
        blocks.append(Block(text + "."))
        if reason:
            blocks.append(Block(reason.rstrip(". ") + "."))
        if petition.is_denunciation:
            blocks.append(
                Block(
                    f"Thông tin về người tố cáo do {unit} lưu giữ; đề nghị liên hệ khi cần "
                    "xác minh và giữ bí mật theo quy định."
                )
            )
        blocks.append(Block("Kèm theo phiếu này là đơn và tài liệu kèm theo (nếu có)./."))
    elif kind == LetterKind.ACCEPT:
        text = (
            f"Sau khi xem xét, đơn đủ điều kiện và thuộc thẩm quyền giải quyết; {unit} thụ lý "
            f"giải quyết kể từ ngày {format_date(petition.accepted_on or petition.stage_since)}"
        )
        if petition.due_on is not None:
            text += f", thời hạn giải quyết đến ngày {format_date(petition.due_on)}"
        blocks.append(Block(text + "."))
        if reason:
            blocks.append(Block(reason.rstrip(". ") + "."))
        blocks.append(Block(f"{unit} thông báo để công dân biết./."))
    else:
        blocks.append(
            Block(
                f"Sau khi xem xét, {unit} không thụ lý giải quyết đơn với lý do: "
                f"{reason.rstrip('. ')}."
            )
        )
        blocks.append(Block(f"{unit} thông báo để công dân biết./."))
    return blocks


def _recipients(kind: str, petition: Petition, forwarding: Forwarding | None) -> list[str]:
    lines = []
    if kind == LetterKind.FORWARD and forwarding is not None:
        lines.append("- Như trên;")
        addressee = who(petition).addressee
        if addressee and not petition.is_denunciation:
            lines.append(f"- {addressee} (để biết);")
    else:
        addressee = who(petition).addressee
        if addressee:
            lines.append(f"- {addressee};")
    lines.append("- Lưu: VT, hồ sơ đơn.")
    return lines


def build(
    *,
    user: Any,
    kind: str,
    petition: Petition,
    forwarding: Forwarding | None,
    reason: str,
    on: dt.date,
    number_line: str | None = None,
) -> OfficialDocument:
    """The letter as an OfficialDocument. ``number_line`` is the register's once a number
    was given; without it, the issuer's next number is previewed (a draft)."""
    info = headings.describe(petition.org_unit)
    if number_line is None:
        number_line = headings.number_line(info, doc_type(kind), on)
    heading = headings.heading_for(info, kind=kind, on=on, number_line_text=number_line)
    return OfficialDocument(
        kind=kind,
        heading=heading,
        type_name=TITLES[LetterKind(kind)],
        subject=subject_line(kind, petition, forwarding),
        blocks=_blocks(kind, petition, forwarding, reason, info.unit.name),
        recipients=_recipients(kind, petition, forwarding),
        signature=headings.signature_for(info, user=user),
    )


def render(document: OfficialDocument) -> bytes:
    return render_with(build_template(document.kind, document.heading.style), document)
