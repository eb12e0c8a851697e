"""Small python-docx helpers shared by the built-in templates and the body (no Django).

Every run gets Times New Roman in all four ``w:rFonts`` slots (ascii, hAnsi, cs, eastAsia)
so Word and LibreOffice agree, whatever the styles or the theme say; the styles and the
document defaults say so too, without theme fonts (a theme attribute would win over the
explicit name in Word).
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FONT = "Times New Roman"
FONT_SLOTS = ("ascii", "hAnsi", "cs", "eastAsia")
_THEME_SLOTS = ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme")

LEFT = WD_ALIGN_PARAGRAPH.LEFT
CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

# A4, margins top 20 / bottom 20 / left 30 / right 15 mm (Hướng dẫn 36-HD/VPTW, NĐ 30/2020).
PAGE_WIDTH = Mm(210)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(20)
MARGIN_BOTTOM = Mm(20)
MARGIN_LEFT = Mm(30)
MARGIN_RIGHT = Mm(15)
TEXT_WIDTH = Emu(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)  # 165 mm


_TBL_PR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
)
_P_PR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)


def insert_ordered(parent: Any, element: Any, order: tuple[str, ...]) -> None:
    """Put ``element`` among ``parent``'s children where the schema sequence wants it,
    replacing a child of the same name."""
    name = element.tag.rsplit("}", 1)[-1]
    old = parent.find(qn(f"w:{name}"))
    if old is not None:
        old.addprevious(element)
        parent.remove(old)
        return
    later = set(order[order.index(name) + 1 :])
    for child in parent:
        if child.tag.rsplit("}", 1)[-1] in later:
            child.addprevious(element)
            return
    parent.append(element)


def set_font(element: Any) -> None:
    """Times New Roman in every slot of the ``w:rFonts`` under ``element`` (an ``rPr``)."""
    fonts = element.get_or_add_rFonts()
    for slot in _THEME_SLOTS:
        key = qn(f"w:{slot}")
        if key in fonts.attrib:
            del fonts.attrib[key]
    for slot in FONT_SLOTS:
        fonts.set(qn(f"w:{slot}"), FONT)


def style_run(
    run: Run,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> Run:
    set_font(run._r.get_or_add_rPr())
    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    if underline:
        font.underline = True
    _size_cs(run._r.get_or_add_rPr(), size)
    return run


def _size_cs(rpr: Any, size: float) -> None:
    """The complex-script size too (``w:szCs``), after ``w:sz`` as the schema orders it."""
    existing = rpr.find(qn("w:szCs"))
    if existing is None:
        existing = OxmlElement("w:szCs")
        sz = rpr.find(qn("w:sz"))
        if sz is not None:
            sz.addnext(existing)
        else:
            rpr.append(existing)
    existing.set(qn("w:val"), str(round(size * 2)))


def add_text(
    paragraph: Paragraph,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> Run:
    return style_run(paragraph.add_run(text), size, bold=bold, italic=italic, underline=underline)


def shape(
    paragraph: Paragraph,
    *,
    align: Any = None,
    before: float = 0,
    after: float = 0,
    first_line: Any = None,
    left: Any = None,
    right: Any = None,
    line: float | None = None,
    keep_next: bool = False,
) -> Paragraph:
    """Paragraph format: alignment, spacing in points, indents (Length), line spacing."""
    fmt = paragraph.paragraph_format
    if align is not None:
        fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if first_line is not None:
        fmt.first_line_indent = first_line
    if left is not None:
        fmt.left_indent = left
    if right is not None:
        fmt.right_indent = right
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
        fmt.line_spacing = line
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if keep_next:
        fmt.keep_with_next = True
    # The paragraph mark carries the font too: an empty line keeps the right height.
    return paragraph


def mark_font(paragraph: Paragraph, size: float, *, bold: bool = False) -> None:
    """Font of the paragraph mark (``w:pPr/w:rPr``): sizes an empty paragraph."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    fonts = OxmlElement("w:rFonts")
    for slot in FONT_SLOTS:
        fonts.set(qn(f"w:{slot}"), FONT)
    rpr.append(fonts)
    if bold:
        rpr.append(OxmlElement("w:b"))
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(round(size * 2)))
        rpr.append(el)


def bottom_border(paragraph: Paragraph, *, size: int = 6) -> None:
    """A rule under the paragraph (``size`` in eighths of a point), the width of its text
    box: narrow it with left and right indents."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(size))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    insert_ordered(ppr, borders, _P_PR_ORDER)


def _borders(table: Table, value: str, size: int = 4) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), value)
        if value != "nil":
            el.set(qn("w:sz"), str(size))
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    insert_ordered(table._tbl.tblPr, borders, _TBL_PR_ORDER)


def no_borders(table: Table) -> None:
    _borders(table, "nil")


def grid_borders(table: Table) -> None:
    _borders(table, "single", 4)


def fixed_widths(table: Table, widths: list[Any], *, indent: Any = None) -> None:
    """Fixed layout with these column widths (Length); ``indent`` shifts the table
    (negative: into the left margin)."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT if indent is not None else WD_TABLE_ALIGNMENT.CENTER
    tbl_pr = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(sum(int(w.twips) for w in widths)))
    width.set(qn("w:type"), "dxa")
    insert_ordered(tbl_pr, width, _TBL_PR_ORDER)
    if indent is not None:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(int(indent.twips)))
        ind.set(qn("w:type"), "dxa")
        insert_ordered(tbl_pr, ind, _TBL_PR_ORDER)
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        col.set(qn("w:w"), str(int(w.twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=False):
            cell.width = w


def repeat_header(row: Any) -> None:
    """Repeat this row at the top of each page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def cant_split(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def cell_margins(table: Table, *, left: Any, right: Any) -> None:
    tbl_pr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for edge, value in (("left", left), ("right", right)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(int(value.twips)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    insert_ordered(tbl_pr, mar, _TBL_PR_ORDER)


def prepare_styles(document: Any, size: float) -> None:
    """Times New Roman ``size`` pt, Vietnamese, no paragraph spacing by default; theme fonts
    dropped from every style so nothing falls back to Calibri or Cambria."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_default = defaults.find(qn("w:rPrDefault"))
    if r_default is None:
        r_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_default)
    rpr = r_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        r_default.append(rpr)
    for child in list(rpr):
        rpr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for slot in FONT_SLOTS:
        fonts.set(qn(f"w:{slot}"), FONT)
    rpr.append(fonts)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(round(size * 2)))
        rpr.append(el)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    lang.set(qn("w:eastAsia"), "en-US")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)
    p_default = defaults.find(qn("w:pPrDefault"))
    if p_default is not None:
        defaults.remove(p_default)
    p_default = OxmlElement("w:pPrDefault")
    ppr = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)
    p_default.append(ppr)
    r_default.addnext(p_default)
    for fonts_el in styles.iter(qn("w:rFonts")):
        for slot in _THEME_SLOTS:
            key = qn(f"w:{slot}")
            if key in fonts_el.attrib:
                del fonts_el.attrib[key]
        for slot in FONT_SLOTS:
            fonts_el.set(qn(f"w:{slot}"), FONT)
    normal = document.styles["Normal"]
    set_font(normal.element.get_or_add_rPr())
    normal.font.size = Pt(size)


def page_setup(section: Any) -> None:
    section.page_width = PAGE_WIDTH
    section.page_height = PAGE_HEIGHT
    section.top_margin = MARGIN_TOP
    section.bottom_margin = MARGIN_BOTTOM
    section.left_margin = MARGIN_LEFT
    section.right_margin = MARGIN_RIGHT
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def page_numbers(section: Any, size: float) -> None:
    """The page number centred in the top margin, from page 2 (the first page has none)."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    shape(paragraph, align=CENTER)
    run = paragraph.add_run()
    style_run(run, size)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    code_run = paragraph.add_run()
    style_run(code_run, size)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = " PAGE "
    code_run._r.append(code)
    sep_run = paragraph.add_run()
    style_run(sep_run, size)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    sep_run._r.append(sep)
    add_text(paragraph, "2", size)
    end_run = paragraph.add_run()
    style_run(end_run, size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    end_run._r.append(end)
    first = section.first_page_header.paragraphs[0]
    mark_font(first, size)
