"""The built-in docxtpl templates, built in code with python-docx (no binary in the repo).

One builder makes all eight (4 kinds × Party/State); what differs is the heading block,
the sizes and the note at the top. The tags are plain text an administrator sees in Word
and may move or restyle, then upload back:

- ``{{ heading.superior }}``, ``{{ heading.issuer }}``, ``{{ heading.number_line }}``,
  ``{{ heading.place_date }}``; ``{{ type_name }}``, ``{{ subject }}``;
- ``{{p body }}``: the whole body (paragraphs and tables), built from the document's
  blocks (``layout_body``); the paragraph holding it is replaced;
- ``{%p for r in recipients %}`` … ``{{ r }}`` … ``{%p endfor %}``: nơi nhận;
- ``{{ signature.authority }}``, ``{{ signature.title }}``, ``{{ signature.name }}``;
- a biên bản has no nơi nhận: its left column is the secretary's signature,
  ``{{ secretary.title }}`` and ``{{ secretary.name }}``, beside the chair's.

After the closing table comes the one paragraph a document must end with: 1 pt high
(font, exact line height, no spacing), so a signature block that fills the page does not
push an empty last page out.

Layout: Hướng dẫn 36-HD/VPTW (Party) and Nghị định 30/2020/NĐ-CP (State), see DOMAIN.md
§1.1 and §1.2.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Mm, Pt
from docx.table import _Cell

from danvan.drafting.context import KINDS, MINUTES, PARTY, STATE
from danvan.drafting.layout_ooxml import (
    CENTER,
    LEFT,
    add_text,
    bottom_border,
    cant_split,
    fixed_widths,
    mark_font,
    no_borders,
    page_numbers,
    page_setup,
    prepare_styles,
    shape,
)

STYLE_LABELS = {
    PARTY: "thể thức Đảng (Hướng dẫn 36-HD/VPTW)",
    STATE: "thể thức Nhà nước (Nghị định 30/2020/NĐ-CP)",
}
VARIABLES = (
    "heading.superior, heading.issuer, heading.number_line, heading.place_date, type_name, "
    "subject, body (thẻ đoạn: phải đứng một mình trong một đoạn), recipients (danh sách), "
    "signature.authority, signature.title, signature.name, secretary.title, secretary.name "
    "(biên bản), kind, kind_label, style"
)


@dataclass(frozen=True)
class Sizes:
    """Font sizes in points, by style."""

    top: float  # "ĐẢNG CỘNG SẢN VIỆT NAM" / "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto: float  # State: "Độc lập - Tự do - Hạnh phúc"
    superior: float
    issuer: float
    number: float
    place_date: float
    type_name: float
    subject: float
    body: float
    recipients_label: float
    recipients: float
    signature: float


PARTY_SIZES = Sizes(
    top=15,
    motto=14,
    superior=14,
    issuer=14,
    number=14,
    place_date=14,
    type_name=16,
    subject=14,
    body=14,
    recipients_label=14,
    recipients=12,
    signature=14,
)
STATE_SIZES = Sizes(
    top=13,
    motto=14,
    superior=13,
    issuer=13,
    number=13,
    place_date=14,
    type_name=14,
    subject=14,
    body=14,
    recipients_label=12,
    recipients=11,
    signature=14,
)


def sizes_for(style: str) -> Sizes:
    return STATE_SIZES if style == STATE else PARTY_SIZES


def build_template(kind: str, style: str) -> bytes:
    """The built-in template of ``kind`` in ``style`` as DOCX bytes."""
    sizes = sizes_for(style)
    doc = Document()
    prepare_styles(doc, sizes.body)
    section = doc.sections[0]
    page_setup(section)
    page_numbers(section, sizes.body)
    props = doc.core_properties
    props.title = f"Mẫu {KINDS.get(kind, kind)} — {STYLE_LABELS.get(style, style)}"
    props.author = "danvan"
    props.comments = "Mẫu văn bản docxtpl: các thẻ được thay bằng nội dung khi tạo văn bản."
    note = doc.add_paragraph()
    add_text(
        note,
        "{#p Mẫu "
        + KINDS.get(kind, kind)
        + ", "
        + STYLE_LABELS.get(style, style)
        + ". Đoạn ghi chú này không được in. Có thể di chuyển, định dạng lại các thẻ "
        "nhưng giữ nguyên tên biến. Biến có thể dùng: " + VARIABLES + ". #}",
        10,
        italic=True,
    )
    if style == STATE:
        _state_heading(doc, sizes)
    else:
        _party_heading(doc, sizes)
    _title(doc, style, sizes)
    body = doc.add_paragraph()
    add_text(body, "{{p body }}", sizes.body)
    _closing(doc, kind, style, sizes)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _heading_table(doc: DocxDocument, left: float, right: float) -> tuple[_Cell, _Cell]:
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    fixed_widths(table, [Mm(left), Mm(right)])
    cant_split(table.rows[0])
    return table.cell(0, 0), table.cell(0, 1)


def _issuer_lines(left: _Cell, sizes: Sizes) -> None:
    """Top left, both styles: the superior body (when there is one), then the issuer, bold."""
    add_text(left.paragraphs[0], "{%p if heading.superior %}", sizes.superior)
    superior = left.add_paragraph()
    shape(superior, align=CENTER)
    add_text(superior, "{{ heading.superior|upper }}", sizes.superior)
    add_text(left.add_paragraph(), "{%p endif %}", sizes.superior)
    issuer = left.add_paragraph()
    shape(issuer, align=CENTER)
    add_text(issuer, "{{ heading.issuer|upper }}", sizes.issuer, bold=True)


def _party_heading(doc: DocxDocument, sizes: Sizes) -> None:
    """Left: superior body, issuing body (bold), ``*``, number. Right: "ĐẢNG CỘNG SẢN VIỆT
    NAM" with its rule the length of the words, then the place and date in italics."""
    left, right = _heading_table(doc, 80, 85)
    _issuer_lines(left, sizes)
    star = left.add_paragraph()
    shape(star, align=CENTER)
    add_text(star, "*", sizes.issuer)
    number = left.add_paragraph()
    shape(number, align=CENTER)
    add_text(number, "{{ heading.number_line }}", sizes.number)

    party = right.paragraphs[0]
    # The rule under the title is as long as the title (Hướng dẫn 36): the cell is a little
    # wider than the words, the indents take up the rest.
    shape(party, align=CENTER, left=Mm(2.5), right=Mm(2.5))
    add_text(party, "ĐẢNG CỘNG SẢN VIỆT NAM", sizes.top, bold=True)
    bottom_border(party, size=6)
    place = right.add_paragraph()
    shape(place, align=CENTER, before=9)
    add_text(place, "{{ heading.place_date }}", sizes.place_date, italic=True)


def _state_heading(doc: DocxDocument, sizes: Sizes) -> None:
    """Left: superior body, issuing body (bold) with a short rule, number "Số: 12/BC-UBND".
    Right: the national motto block, the place and date in italics."""
    left, right = _heading_table(doc, 62, 103)
    _issuer_lines(left, sizes)
    rule = left.add_paragraph()
    shape(rule, align=CENTER, left=Mm(19), right=Mm(19))
    mark_font(rule, 3)
    bottom_border(rule, size=6)
    number = left.add_paragraph()
    shape(number, align=CENTER, before=6)
    add_text(number, "{{ heading.number_line }}", sizes.number)

    nation = right.paragraphs[0]
    shape(nation, align=CENTER)
    add_text(nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", sizes.top, bold=True)
    motto = right.add_paragraph()
    shape(motto, align=CENTER)
    add_text(motto, "Độc lập - Tự do - Hạnh phúc", sizes.motto, bold=True, underline=True)
    place = right.add_paragraph()
    shape(place, align=CENTER, before=9)
    add_text(place, "{{ heading.place_date }}", sizes.place_date, italic=True)


def _title(doc: DocxDocument, style: str, sizes: Sizes) -> None:
    """Type name (caps, bold), trích yếu (bold), then "-----" (Party) or a short rule."""
    name = doc.add_paragraph()
    shape(name, align=CENTER, before=18, keep_next=True)
    add_text(name, "{{ type_name|upper }}", sizes.type_name, bold=True)
    opener = doc.add_paragraph()
    add_text(opener, "{%p if subject %}", sizes.subject)
    subject = doc.add_paragraph()
    shape(subject, align=CENTER, left=Mm(8), right=Mm(8), keep_next=True)
    add_text(subject, "{{ subject }}", sizes.subject, bold=True)
    closer = doc.add_paragraph()
    add_text(closer, "{%p endif %}", sizes.subject)
    if style == STATE:
        rule = doc.add_paragraph()
        shape(rule, align=CENTER, left=Mm(62), right=Mm(62), after=12)
        mark_font(rule, 3)
        bottom_border(rule, size=6)
    else:
        dashes = doc.add_paragraph()
        shape(dashes, align=CENTER, after=12)
        add_text(dashes, "-----", sizes.subject)


def _closing(doc: DocxDocument, kind: str, style: str, sizes: Sizes) -> None:
    """Nơi nhận bottom left (a biên bản: the secretary's signature), the signature block
    bottom right, then the tiny last paragraph."""
    spacer = doc.add_paragraph()
    shape(spacer, keep_next=True)
    mark_font(spacer, 6)
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    fixed_widths(table, [Mm(82), Mm(83)])
    cant_split(table.rows[0])  # the signature block is never cut by a page break
    left, right = table.cell(0, 0), table.cell(0, 1)
    if kind == MINUTES:
        _signature_block(left, "secretary", sizes, with_authority=False)
    else:
        _recipients(left, style, sizes)
    _signature_block(right, "signature", sizes, with_authority=True)
    _last_paragraph(doc)


def _recipients(left: _Cell, style: str, sizes: Sizes) -> None:
    opener = left.paragraphs[0]
    add_text(opener, "{%p if recipients %}", sizes.recipients)
    label = left.add_paragraph()
    shape(label, align=LEFT)
    if style == STATE:
        add_text(label, "Nơi nhận:", sizes.recipients_label, bold=True, italic=True)
    else:
        add_text(label, "Nơi nhận:", sizes.recipients_label, underline=True)
    loop = left.add_paragraph()
    add_text(loop, "{%p for r in recipients %}", sizes.recipients)
    item = left.add_paragraph()
    shape(item, align=LEFT)
    add_text(item, "{{ r }}", sizes.recipients)
    endloop = left.add_paragraph()
    add_text(endloop, "{%p endfor %}", sizes.recipients)
    closer = left.add_paragraph()
    add_text(closer, "{%p endif %}", sizes.recipients)
    # A cell must keep a paragraph when there are no recipients.
    mark_font(left.add_paragraph(), 2)


def _signature_block(cell: _Cell, name: str, sizes: Sizes, *, with_authority: bool) -> None:
    """Authority (when any, bold), title (bold), room for the hand and the seal, the name
    (bold), centred in ``cell``; ``name`` is the context variable (signature, secretary)."""
    first = cell.paragraphs[0]
    if with_authority:
        add_text(first, "{%p if " + name + ".authority %}", sizes.signature)
        authority = cell.add_paragraph()
        shape(authority, align=CENTER)
        add_text(authority, "{{ " + name + ".authority|upper }}", sizes.signature, bold=True)
        closer = cell.add_paragraph()
        add_text(closer, "{%p endif %}", sizes.signature)
        title = cell.add_paragraph()
    else:
        title = first
    shape(title, align=CENTER)
    add_text(title, "{{ " + name + ".title|upper }}", sizes.signature, bold=True)
    for _ in range(4):  # room for the signature and the seal
        blank = cell.add_paragraph()
        mark_font(blank, sizes.signature)
    person = cell.add_paragraph()
    shape(person, align=CENTER)
    add_text(person, "{{ " + name + ".name }}", sizes.signature, bold=True)


def _last_paragraph(doc: DocxDocument) -> None:
    """The paragraph after the closing table (a body cannot end with a table): 1 pt font,
    exactly 1 pt high, no spacing before or after."""
    tail = doc.add_paragraph()
    fmt = tail.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    mark_font(tail, 1)
