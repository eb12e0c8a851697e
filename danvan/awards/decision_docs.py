"""A decision's Quyết định khen thưởng as DOCX, with its danh sách appendix.

The content is an :class:`~danvan.drafting.context.OfficialDocument` laid out by the
drafting app's built-in template in the issuer's style: a Party body (cấp ủy, ban of the
Party) gets the Hướng dẫn 36-HD/VPTW heading ("ĐẢNG CỘNG SẢN VIỆT NAM", ``Số 12-QĐ/QU``), a
State body or the Front the Nghị định 30/2020 one ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM /
Độc lập - Tự do - Hạnh phúc", ``Số: 12/QĐ-UBND``). The body: the deciding authority, the
căn cứ, the proposal and the council's opinion, "QUYẾT ĐỊNH:", Điều 1–3. After the
signature, on a new page, the danh sách: "Kèm theo Quyết định số … ngày …", a table of the
collectives and one of the individuals (and of households when there are any).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from docx import Document as open_docx
from docx.enum.text import WD_BREAK
from docx.shared import Mm

from danvan.awards.models import Award, AwardDecision, RecipientKind
from danvan.awards.selectors import counts_text
from danvan.documents.models import DocumentType
from danvan.drafting import headings
from danvan.drafting.context import PARTY, Block, OfficialDocument, Signature, Table
from danvan.drafting.layout import render_with
from danvan.drafting.layout_body import build_body
from danvan.drafting.layout_ooxml import CENTER, fixed_widths, shape
from danvan.drafting.layout_template import build_template, sizes_for
from danvan.lib import numbering as fmt
from danvan.lib.dates import format_date

KIND = "quyet_dinh_khen_thuong"
DOC_TYPE = "Quyết định"
DECIDE = "QUYẾT ĐỊNH:"
# The law and its decree by the day they came into force, newest first: a decision cites
# those of its own date (Tân Bình's of 2020 the 2003 law, as amended in 2013).
LAWS: list[tuple[dt.date, str, str]] = [
    (
        dt.date(2024, 1, 1),
        "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023",
    ),
    (
        dt.date(2014, 6, 1),
        "Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003 và Luật sửa đổi, bổ sung một "
        "số điều của Luật Thi đua, Khen thưởng ngày 16 tháng 11 năm 2013",
        "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017",
    ),
]
# Column widths (mm) of the danh sách tables by their number of columns: TT, the name, then
# the post or address, then the achievement (165 mm of text width).
_WIDTHS = {2: [12, 153], 3: [12, 60, 93], 4: [12, 45, 55, 53]}


def doc_type() -> DocumentType:
    found = DocumentType.objects.filter(name=DOC_TYPE).first()
    if found is None:
        from django.core.exceptions import ValidationError

        raise ValidationError(
            {"document": "Danh mục loại văn bản chưa có «Quyết định»: quản trị viên cần bổ sung."}
        )
    return found


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if text else text


def _deciding_body(info: headings.Issuer) -> str:
    """Who decides, as the body's first line says it: "BAN THƯỜNG VỤ QUẬN ỦY TÂN BÌNH",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG ĐỊNH CÔNG", "BAN THƯỜNG TRỰC ỦY BAN MTTQ …"."""
    unit = info.unit
    if info.is_committee:
        return f"BAN THƯỜNG VỤ {unit.name.upper()}"
    if info.is_place or info.kind_code == headings.GOVERNMENT_KIND:
        place = info.place
        where = place.name.upper() if place is not None else unit.name.upper()
        return f"CHỦ TỊCH ỦY BAN NHÂN DÂN {where}"
    if info.kind_code == headings.FRONT_KIND:
        return f"BAN THƯỜNG TRỰC {unit.name.upper()}"
    return unit.name.upper()


def _laws(on: dt.date) -> tuple[str, str]:
    """(the law, the decree detailing it) in force on ``on``."""
    for start, law, decree in LAWS:
        if on >= start:
            return law, decree
    return LAWS[-1][1], LAWS[-1][2]


def _bases(decision: AwardDecision, info: headings.Issuer) -> list[str]:
    lines = []
    law, decree = _laws(decision.decided_on)
    if info.style == PARTY:
        lines.append(f"Căn cứ Quy chế làm việc của {info.unit.name};")
        lines.append(f"Căn cứ các quy định của Đảng về công tác thi đua, khen thưởng và {law};")
    else:
        lines.append(f"Căn cứ {law};")
        lines.append(
            f"Căn cứ {decree} của Chính phủ quy định chi tiết thi hành một số điều của Luật "
            "Thi đua, khen thưởng;"
        )
    proposal = ""
    if decision.proposed_by is not None:
        proposal = f"Xét đề nghị của {decision.proposed_by.name}"
        if decision.proposal_reference:
            proposal += f" tại Tờ trình số {decision.proposal_reference}"
        if decision.proposed_on is not None:
            proposal += f" ngày {format_date(decision.proposed_on)}"
    if decision.council_opinion or decision.council_on:
        council = "ý kiến của Hội đồng Thi đua - Khen thưởng"
        if decision.council_on is not None:
            council += f" ngày {format_date(decision.council_on)}"
        proposal = f"{proposal} và {council}" if proposal else f"Xét {council}"
    if proposal:
        lines.append(proposal + ",")
    return lines


def _counts(awards: list[Award]) -> str:
    return counts_text(
        sum(a.recipient_kind == RecipientKind.COLLECTIVE for a in awards),
        sum(a.recipient_kind == RecipientKind.INDIVIDUAL for a in awards),
        sum(a.recipient_kind == RecipientKind.HOUSEHOLD for a in awards),
    )


def subject(decision: AwardDecision) -> str:
    return f"Về việc tặng {decision.form.name} cho các tập thể, cá nhân"


def _tables(awards: list[Award], reason: str) -> list[Table]:
    """The danh sách tables. The achievement column appears only when some line's differs
    from the decision's (Điều 1 already says it)."""
    tables = []
    same = all(a.achievement == reason for a in awards)
    collectives = [a for a in awards if a.recipient_kind == RecipientKind.COLLECTIVE]
    individuals = [a for a in awards if a.recipient_kind == RecipientKind.INDIVIDUAL]
    households = [a for a in awards if a.recipient_kind == RecipientKind.HOUSEHOLD]
    if collectives:
        tables.append(
            Table(
                caption=f"I. TẬP THỂ ({len(collectives)})",
                columns=["TT", "Tên tập thể", *([] if same else ["Thành tích"])],
                rows=[
                    [str(n), a.recipient_name, *([] if same else [a.achievement])]
                    for n, a in enumerate(collectives, start=1)
                ],
            )
        )
    if individuals:
        number = "II" if collectives else "I"
        tables.append(
            Table(
                caption=f"{number}. CÁ NHÂN ({len(individuals)})",
                columns=[
                    "TT",
                    "Họ và tên",
                    "Chức vụ, đơn vị công tác",
                    *([] if same else ["Thành tích"]),
                ],
                rows=[
                    [str(n), a.recipient_name, a.recipient_detail]
                    + ([] if same else [a.achievement])
                    for n, a in enumerate(individuals, start=1)
                ],
            )
        )
    if households:
        number = ("I", "II", "III")[len(tables)]
        tables.append(
            Table(
                caption=f"{number}. HỘ GIA ĐÌNH ({len(households)})",
                columns=["TT", "Hộ gia đình", "Địa chỉ", *([] if same else ["Thành tích"])],
                rows=[
                    [str(n), a.recipient_name, a.recipient_detail]
                    + ([] if same else [a.achievement])
                    for n, a in enumerate(households, start=1)
                ],
            )
        )
    return tables


def decision_document(
    *, user: Any, decision: AwardDecision, awards: list[Award], number_line: str | None = None
) -> tuple[OfficialDocument, OfficialDocument]:
    """(the decision, its danh sách) as OfficialDocuments. The number line is the register's
    when the decision was issued, else the issuer's next number (or the blank form)."""
    info = headings.describe(decision.issuer)
    on: dt.date = decision.decided_on
    if number_line is None:
        if decision.document is not None and decision.document.reference:
            number_line = fmt.line_for(
                fmt.PARTY if info.style == PARTY else fmt.STATE, decision.document.reference
            )
        else:
            number_line = headings.number_line(info, doc_type(), on)
    heading = headings.heading_for(info, kind=KIND, on=on, number_line_text=number_line)
    standing = [a for a in awards if a.revoked_on is None]
    body = _deciding_body(info)
    blocks = [Block(body, level=1), *(Block(line) for line in _bases(decision, info))]
    blocks.append(Block(DECIDE, level=1))
    reason = _lower_first(decision.reason.rstrip(". "))
    blocks.append(
        Block(
            f"Điều 1. Tặng {decision.form.name} cho {_counts(standing)} (có danh sách kèm theo) "
            f"{reason}."
        )
    )
    blocks.append(Block("Điều 2. Quyết định có hiệu lực kể từ ngày ký."))
    offices = "Văn phòng" if info.style == PARTY else "Chánh Văn phòng"
    proposer = f", {decision.proposed_by.name}" if decision.proposed_by is not None else ""
    blocks.append(
        Block(
            f"Điều 3. {offices}{proposer} và các tập thể, cá nhân có tên tại Điều 1 chịu trách "
            "nhiệm thi hành Quyết định này."
        )
    )
    signature = headings.signature_for(info, user=user)
    if decision.signer_title:
        signature = Signature(signature.authority, decision.signer_title.upper(), signature.name)
    if decision.signer_name:
        signature = Signature(signature.authority, signature.title, decision.signer_name)
    main = OfficialDocument(
        kind=KIND,
        heading=heading,
        type_name="QUYẾT ĐỊNH",
        subject=subject(decision),
        blocks=blocks,
        recipients=["- Như Điều 3,", "- Lưu VT."],
        signature=signature,
    )
    number = re.sub(r"^Số:? ?", "", number_line)
    appendix = OfficialDocument(
        kind=KIND,
        heading=heading,
        type_name="DANH SÁCH",
        subject=f"tập thể, cá nhân được tặng {decision.form.name}",
        blocks=[
            Block(f"(Kèm theo Quyết định số {number} ngày {format_date(on)} của {info.unit.name})")
        ],
        tables=_tables(standing, decision.reason),
    )
    return main, appendix


def render(main: OfficialDocument, appendix: OfficialDocument) -> bytes:
    """The DOCX: the decision through the template, then the danh sách on a new page."""
    style = main.heading.style
    rendered = render_with(build_template(KIND, style), main)
    doc = open_docx(io.BytesIO(rendered))
    size = sizes_for(style).body
    for paragraph in doc.paragraphs:
        if paragraph.text.strip() in (DECIDE, main.blocks[0].text.upper()):
            shape(paragraph, align=CENTER, before=6, after=6)
            paragraph.paragraph_format.first_line_indent = 0
    breaker = doc.add_paragraph()
    breaker.add_run().add_break(WD_BREAK.PAGE)
    title = Block(appendix.type_name, level=1)
    what = Block(appendix.subject[0].upper() + appendix.subject[1:], level=2)
    layout = OfficialDocument(
        kind=KIND,
        heading=appendix.heading,
        type_name=appendix.type_name,
        subject=appendix.subject,
        blocks=[title, what, *appendix.blocks],
        tables=appendix.tables,
    )
    start = len(doc.paragraphs)
    build_body(doc, layout, size=size)
    for paragraph in doc.paragraphs[start : start + 3]:
        shape(paragraph, align=CENTER, after=3)
        paragraph.paragraph_format.first_line_indent = 0
    doc.paragraphs[start + 2].runs[0].italic = True
    for table, spec in zip(doc.tables[-len(appendix.tables) :], appendix.tables, strict=False):
        fixed_widths(table, [Mm(w) for w in _WIDTHS[len(spec.columns)]])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def decision_docx(*, user: Any, decision: AwardDecision, awards: list[Award]) -> bytes:
    main, appendix = decision_document(user=user, decision=decision, awards=awards)
    return render(main, appendix)
