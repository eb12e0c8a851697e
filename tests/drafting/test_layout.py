"""The DOCX an officer signs: open what ``render_docx`` wrote with python-docx and look at
it the way a văn thư checks thể thức (DOMAIN.md §1.1, §1.2): heading block, sizes, caps,
the italic date, Times New Roman everywhere (resolved run → paragraph style → defaults),
A4 with margins 20/20/30/15 mm, the body and its tables, nơi nhận and the signature."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from danvan.drafting.context import (
    CONCLUSIONS_NOTICE,
    INVITATION,
    MINUTES,
    PARTY,
    REPORT,
    STATE,
    Block,
    Heading,
    OfficialDocument,
    Signature,
    Table,
)
from danvan.drafting.layout import default_template, render_docx, render_with

FONT = "Times New Roman"


# --- documents built by hand ------------------------------------------------------------


def party_report(units: int = 3) -> OfficialDocument:
    blocks = [
        Block("I. Tình hình Nhân dân", level=1),
        Block("Nhân dân phấn khởi, tin tưởng vào sự lãnh đạo của Đảng.", source="Quận"),
        Block("II. KẾT QUẢ CÔNG TÁC DÂN VẬN", level=1),
        Block("1. Dân vận chính quyền", level=2),
        Block("Tiếp 117 lượt công dân, đã giải quyết 08/24 đơn.", table=0),
        Block("Tổ chức 3 cuộc đối thoại với Nhân dân", level=3),
        Block("- Vận động 2.811,7 triệu đồng ủng hộ Quỹ Vì người nghèo", level=3),
    ]
    blocks += [
        Block(
            f"Phường số {i}: tiếp công dân, giải quyết đơn thư đúng hạn; vận động Nhân dân "
            "hiến đất mở đường, giữ gìn vệ sinh môi trường và trật tự đô thị.",
            source=f"Phường số {i}",
        )
        for i in range(units)
    ]
    return OfficialDocument(
        kind=REPORT,
        heading=Heading(
            style=PARTY,
            superior="ĐẢNG BỘ QUẬN HOÀNG MAI",
            issuer="BAN DÂN VẬN QUẬN ỦY",
            number_line="Số 15-BC/BDVQU",
            place_date="Hoàng Mai, ngày 03 tháng 02 năm 2023",
        ),
        type_name="BÁO CÁO",
        subject="kết quả công tác dân vận tháng 01/2023, phương hướng, nhiệm vụ tháng 02/2023",
        blocks=blocks,
        tables=[
            Table(
                caption="Bảng 1. Tiếp công dân, giải quyết đơn thư",
                columns=["Đơn vị", "Tiếp công dân (lượt)", "Đơn đã giải quyết"],
                rows=[["Phường Định Công", "117", "08/24"], ["Phường Đại Kim", "95", "11/15"]],
                total=["Tổng cộng", "212", "19/39"],
            )
        ],
        recipients=["- Thường trực Quận ủy,", "- Các đảng bộ phường,", "- Lưu Ban Dân vận."],
        signature=Signature("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Khương Quốc Hưng"),
    )


def state_report() -> OfficialDocument:
    document = party_report()
    document.heading = Heading(
        style=STATE,
        superior="UBND QUẬN HOÀNG MAI",
        issuer="ỦY BAN NHÂN DÂN PHƯỜNG ĐỊNH CÔNG",
        number_line="Số: 12/BC-UBND",
        place_date="Định Công, ngày 03 tháng 02 năm 2023",
    )
    document.signature = Signature("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Bình")
    return document


def meeting_document(kind: str) -> OfficialDocument:
    type_name = {INVITATION: "GIẤY MỜI", MINUTES: "BIÊN BẢN", CONCLUSIONS_NOTICE: "THÔNG BÁO"}
    subject = {
        INVITATION: "dự Hội nghị giao ban công tác dân vận quý I/2023",
        MINUTES: "Hội nghị giao ban công tác dân vận quý I/2023",
        CONCLUSIONS_NOTICE: "kết luận của đồng chí Trưởng Ban tại Hội nghị giao ban quý I/2023",
    }
    return OfficialDocument(
        kind=kind,
        heading=Heading(
            style=PARTY,
            superior="ĐẢNG BỘ QUẬN HOÀNG MAI",
            issuer="BAN DÂN VẬN QUẬN ỦY",
            number_line="Số 07-TB/BDVQU" if kind == CONCLUSIONS_NOTICE else "Số 21-GM/BDVQU",
            place_date="Hoàng Mai, ngày 28 tháng 03 năm 2023",
        ),
        type_name=type_name[kind],
        subject=subject[kind],
        blocks=[
            Block("Thời gian: 8 giờ 00, thứ Tư, ngày 29/3/2023."),
            Block("1. Ủy ban MTTQ phường Định Công", level=2),
            Block("Rà soát hộ nghèo, hoàn thành trước ngày 15/4/2023.", level=3),
        ],
        recipients=[] if kind == MINUTES else ["- Như thành phần mời,", "- Lưu VP."],
        signature=Signature("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "Lê Thị Hoa"),
    )


# --- reading the DOCX back --------------------------------------------------------------


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def paragraphs(container: Any) -> Iterator[Paragraph]:
    """Every paragraph in document order, table cells included."""
    element = container.element.body if hasattr(container, "element") else container._element
    for p in element.iter(qn("w:p")):
        yield Paragraph(p, container)


def find(document: Any, text: str) -> Paragraph:
    for paragraph in paragraphs(document):
        if paragraph.text.strip() == text:
            return paragraph
    raise AssertionError(f"không thấy đoạn «{text}»")


def texts(document: Any) -> list[str]:
    return [p.text for p in paragraphs(document)]


def _style_value(document: Any, style_id: str | None, attr: str) -> Any:
    styles = document.styles.element
    while style_id:
        style = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
        if style is None:
            break
        found = _rpr_value(style.find(qn("w:rPr")), attr)
        if found is not None:
            return found
        based = style.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    return None


def _rpr_value(rpr: Any, attr: str) -> Any:
    if rpr is None:
        return None
    if attr == "font":
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            return None
        themed = [k for k in fonts.attrib if "heme" in k]
        assert not themed, f"phông theo theme còn sót: {themed}"
        return fonts.get(qn("w:ascii"))
    sz = rpr.find(qn("w:sz"))
    return int(sz.get(qn("w:val"))) / 2 if sz is not None else None


def resolve(document: Any, paragraph: Paragraph, run: Any, attr: str) -> Any:
    """The font name or size a run shows: its own, its paragraph style's (through
    basedOn), the default paragraph style's, the document defaults'."""
    own = _rpr_value(run._r.rPr, attr)
    if own is not None:
        return own
    ppr = paragraph._p.pPr
    style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
    style_id = style_el.get(qn("w:val")) if style_el is not None else "Normal"
    found = _style_value(document, style_id, attr)
    if found is not None:
        return found
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    return _rpr_value(rpr, attr)


def assert_all_times_new_roman(document: Any) -> int:
    checked = 0
    parts = [document]
    for section in document.sections:
        parts += [section.header, section.first_page_header, section.footer]
    for part in parts:
        for paragraph in paragraphs(part):
            for run in paragraph.runs:
                if not run.text:
                    continue
                assert resolve(document, paragraph, run, "font") == FONT, run.text
                fonts = run._r.rPr.find(qn("w:rFonts"))
                for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
                    assert fonts.get(qn(f"w:{slot}")) == FONT, (run.text, slot)
                checked += 1
    return checked


def size_of(document: Any, paragraph: Paragraph) -> float:
    sizes = {resolve(document, paragraph, r, "size") for r in paragraph.runs if r.text.strip()}
    assert len(sizes) == 1, (paragraph.text, sizes)
    return float(sizes.pop())


def all_runs(paragraph: Paragraph, attr: str) -> bool:
    return all(getattr(r.font, attr) for r in paragraph.runs if r.text.strip())


def has_bottom_rule(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}") is not None


def cell_of(paragraph: Paragraph) -> tuple[int, int] | None:
    """(table index in the body, column) of a paragraph in one of the body's tables."""
    tc = paragraph._p.getparent()
    if tc.tag != qn("w:tc"):
        return None
    tr = tc.getparent()
    tbl = tr.getparent()
    body_tables = list(tbl.getparent().iterchildren(qn("w:tbl")))
    return body_tables.index(tbl), list(tr.iterchildren(qn("w:tc"))).index(tc)


# --- the tests ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_party_report_heading_follows_huong_dan_36() -> None:
    document = open_docx(render_docx(party_report()))

    party = find(document, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert size_of(document, party) == 15 and all_runs(party, "bold")
    assert party.runs[0].font.size == Pt(15)
    assert has_bottom_rule(party), "thiếu đường kẻ dưới tiêu đề"
    assert cell_of(party) == (0, 1)  # top right

    superior = find(document, "ĐẢNG BỘ QUẬN HOÀNG MAI")
    assert size_of(document, superior) == 14 and not all_runs(superior, "bold")
    issuer = find(document, "BAN DÂN VẬN QUẬN ỦY")
    assert size_of(document, issuer) == 14 and all_runs(issuer, "bold")
    assert cell_of(superior) == cell_of(issuer) == (0, 0)  # top left

    lines = texts(document)
    at = lines.index("BAN DÂN VẬN QUẬN ỦY")
    assert lines[at + 1] == "*" and lines[at + 2] == "Số 15-BC/BDVQU"
    star = find(document, "*")
    assert star.alignment == WD_ALIGN_PARAGRAPH.CENTER
    number = find(document, "Số 15-BC/BDVQU")
    assert size_of(document, number) == 14 and not all_runs(number, "bold")

    date = find(document, "Hoàng Mai, ngày 03 tháng 02 năm 2023")
    assert re.search(r"ngày \d{2} tháng \d{2} năm \d{4}", date.text)
    assert all_runs(date, "italic") and size_of(document, date) == 14
    assert cell_of(date) == (0, 1)  # under the rule, on the right

    name = find(document, "BÁO CÁO")
    assert name.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all_runs(name, "bold") and size_of(document, name) in (15, 16)
    subject = find(document, party_report().subject)
    assert all_runs(subject, "bold") and size_of(document, subject) == 14
    assert lines.index("BÁO CÁO") < lines.index(subject.text) < lines.index("-----")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in lines


@pytest.mark.django_db
def test_party_report_body_table_closing_and_page() -> None:
    document = open_docx(render_docx(party_report()))
    lines = texts(document)

    section_heading = find(document, "I. TÌNH HÌNH NHÂN DÂN")  # caps, from "Tình hình"
    assert all_runs(section_heading, "bold") and size_of(document, section_heading) == 14
    sub = find(document, "1. Dân vận chính quyền")
    assert all_runs(sub, "bold")
    body = find(document, "Nhân dân phấn khởi, tin tưởng vào sự lãnh đạo của Đảng.")
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.paragraph_format.first_line_indent > 0
    assert not all_runs(body, "bold") and size_of(document, body) == 14
    assert "- Tổ chức 3 cuộc đối thoại với Nhân dân" in lines
    assert "- Vận động 2.811,7 triệu đồng ủng hộ Quỹ Vì người nghèo" in lines  # no "- - "
    # the table comes right after the paragraph that points at it
    lead = lines.index("Tiếp 117 lượt công dân, đã giải quyết 08/24 đơn.")
    assert lines[lead + 1] == "Bảng 1. Tiếp công dân, giải quyết đơn thư"

    table = document.tables[1]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows == [
        ["Đơn vị", "Tiếp công dân (lượt)", "Đơn đã giải quyết"],
        ["Phường Định Công", "117", "08/24"],
        ["Phường Đại Kim", "95", "11/15"],
        ["Tổng cộng", "212", "19/39"],
    ]
    header = table.rows[0].cells[1].paragraphs[0]
    total = table.rows[3].cells[1].paragraphs[0]
    plain = table.rows[1].cells[1].paragraphs[0]
    assert all_runs(header, "bold") and all_runs(total, "bold") and not all_runs(plain, "bold")

    received = find(document, "Nơi nhận:")
    assert cell_of(received) is not None and cell_of(received)[1] == 0  # bottom left
    assert lines.index("- Thường trực Quận ủy,") > lines.index("Nơi nhận:")
    assert size_of(document, find(document, "- Lưu Ban Dân vận.")) < 14
    authority = find(document, "K/T TRƯỞNG BAN")
    assert cell_of(authority) is not None and cell_of(authority)[1] == 1  # bottom right
    for text in ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Khương Quốc Hưng"):
        line = find(document, text)
        assert all_runs(line, "bold") and size_of(document, line) == 14
    assert lines.index("PHÓ TRƯỞNG BAN") < lines.index("Khương Quốc Hưng")

    assert not [t for t in lines if "{{" in t or "{%" in t or "{#" in t], "thẻ mẫu còn sót"
    assert assert_all_times_new_roman(document) > 30

    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    margins = [section.top_margin, section.bottom_margin, section.left_margin]
    assert [round(m.mm) for m in [*margins, section.right_margin]] == [20, 20, 30, 15]


@pytest.mark.django_db
def test_state_report_has_the_national_motto_block() -> None:
    document = open_docx(render_docx(state_report()))
    lines = texts(document)

    nation = find(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert all_runs(nation, "bold") and size_of(document, nation) == 13
    assert cell_of(nation) == (0, 1)
    motto = find(document, "Độc lập - Tự do - Hạnh phúc")
    assert all_runs(motto, "bold") and all_runs(motto, "underline")
    assert size_of(document, motto) == 14
    issuer = find(document, "ỦY BAN NHÂN DÂN PHƯỜNG ĐỊNH CÔNG")
    assert all_runs(issuer, "bold") and cell_of(issuer) == (0, 0)
    number = find(document, "Số: 12/BC-UBND")
    assert size_of(document, number) == 13 and cell_of(number) == (0, 0)
    date = find(document, "Định Công, ngày 03 tháng 02 năm 2023")
    assert all_runs(date, "italic")
    assert find(document, "TM. ỦY BAN NHÂN DÂN")
    assert all_runs(find(document, "Nơi nhận:"), "italic")

    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in lines and "*" not in lines
    assert assert_all_times_new_roman(document) > 30


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "name"),
    [(INVITATION, "GIẤY MỜI"), (MINUTES, "BIÊN BẢN"), (CONCLUSIONS_NOTICE, "THÔNG BÁO")],
)
def test_meeting_documents_use_their_kind(kind: str, name: str) -> None:
    source = meeting_document(kind)
    data = render_docx(source)
    document = open_docx(data)
    lines = texts(document)

    assert all_runs(find(document, name), "bold")
    assert source.subject in lines
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in lines and source.heading.number_line in lines
    assert all_runs(find(document, "Hoàng Mai, ngày 28 tháng 03 năm 2023"), "italic")
    assert "- Rà soát hộ nghèo, hoàn thành trước ngày 15/4/2023." in lines
    assert "T/L BAN THƯỜNG VỤ" in lines and "Lê Thị Hoa" in lines
    assert ("Nơi nhận:" in lines) is (kind != MINUTES)
    # Word refuses a table cell without a paragraph (the empty nơi nhận of a biên bản).
    for tc in document.element.body.iter(qn("w:tc")):
        assert tc.find(qn("w:p")) is not None
    assert_all_times_new_roman(document)


def test_built_in_templates_show_their_tags_to_the_administrator() -> None:
    for kind in (REPORT, INVITATION, MINUTES, CONCLUSIONS_NOTICE):
        for style in (PARTY, STATE):
            template = open_docx(default_template(kind, style))
            lines = texts(template)
            assert "{{p body }}" in lines
            assert "{{ heading.number_line }}" in lines
            assert "{{ heading.place_date }}" in lines
            # A biên bản has no nơi nhận: the secretary signs where it would be.
            if kind == MINUTES:
                assert "{{ secretary.name }}" in lines
                assert "{%p for r in recipients %}" not in lines
            else:
                assert "{%p for r in recipients %}" in lines
            assert "{{ signature.name }}" in lines
    assert default_template(REPORT, PARTY) is default_template(REPORT, PARTY)  # built once


def test_text_is_escaped_cleaned_and_stray_tables_are_kept() -> None:
    document = party_report()
    document.blocks.append(Block("Ý kiến: <đề nghị> tăng cường & đẩy mạnh {{ không phải thẻ }}"))
    document.blocks.append(Block("Dán từ Excel:\x0bmột dòng\x07 có ký tự điều khiển"))
    document.subject += "\x0c"
    document.tables.append(Table("Bảng 2. Phụ lục", ["Chỉ tiêu", "Số"], [["Hộ nghèo", "12"]]))
    result = open_docx(render_with(default_template(REPORT, PARTY), document))
    lines = texts(result)
    assert "Dán từ Excel:một dòng có ký tự điều khiển" in lines
    assert result.core_properties.title == "Báo cáo " + party_report().subject
    assert "Ý kiến: <đề nghị> tăng cường & đẩy mạnh {{ không phải thẻ }}" in lines
    assert "Bảng 2. Phụ lục" in lines
    assert [c.text for c in result.tables[-2].rows[1].cells] == ["Hộ nghèo", "12"]


def test_a_district_report_renders_whole() -> None:
    """~120 units' paragraphs and a 15-row table. Its speed is measured by
    ``make bench-docx``, not asserted here (a timed test fails on a busy machine)."""
    document = party_report(units=120)
    document.tables[0].rows = [[f"Phường {i}", "117", "08/24"] for i in range(15)]
    template = default_template(REPORT, PARTY)
    data = render_with(template, document)
    result = open_docx(data)
    assert len(result.tables[1].rows) == 17
    assert (
        texts(result).count(
            "Phường số 119: tiếp công dân, giải quyết đơn thư đúng hạn; "
            "vận động Nhân dân hiến đất mở đường, giữ gìn vệ sinh môi "
            "trường và trật tự đô thị."
        )
        == 1
    )
