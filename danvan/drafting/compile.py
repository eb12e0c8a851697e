"""The compiled period report of a unit's subtree (DOMAIN.md §5.1), as an OfficialDocument.

BÁO CÁO kết quả công tác dân vận [kỳ], phương hướng, nhiệm vụ [kỳ tới]:

- I. Tình hình Nhân dân, II. Kết quả, III. Đánh giá, IV. Phương hướng, nhiệm vụ, V. Kiến
  nghị: each from the narratives of the reports the units of the subtree sent up
  (submitted or approved) for the period, or for the finer periods inside it (the months
  of a six-month report), read by ``danvan.drafting.narratives``: the root's and the
  issuer's words lead, the other units' are merged so that what they share is said once
  with its count (``danvan.drafting.synthesis``); each sentence remembers its units and
  reports, so it stays traceable and editable before issue. A section nothing was
  reported for is left empty for the officer to write (``Block.needed``), never filled
  with a stock sentence. The directions (IV) are for the next period of the report's own
  type, led by a line naming it.
- Section II opens with the subtree's figures in prose, compared with the period before
  and the same period a year earlier, and a table of the direct children that have
  figures, with the subtree's total (both from ``danvan.reporting.analytics``).

Every read is in a handful of queries whatever the size of the subtree (a district of 15
wards × 8 organisations compiles in well under a second).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from danvan.access.roles import Cap
from danvan.access.scope import can
from danvan.awards.selectors import period_award_counts
from danvan.core import clock
from danvan.drafting import headings, narratives, prose, registers
from danvan.drafting.context import REPORT, Block, OfficialDocument, Table
from danvan.lib import periods
from danvan.lib.numbers import format_number
from danvan.org.models import OrgUnit
from danvan.reporting import analytics
from danvan.reporting.models import COUNTED, Indicator, Report

# (narrative section code, heading); {next} is the next period's label.
SECTIONS = [
    ("tinh_hinh", "I. TÌNH HÌNH NHÂN DÂN"),
    ("ket_qua", "II. KẾT QUẢ CÔNG TÁC DÂN VẬN"),
    ("danh_gia", "III. ĐÁNH GIÁ CHUNG"),
    ("phuong_huong", "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {next}"),
    ("kien_nghi", "V. KIẾN NGHỊ, ĐỀ XUẤT"),
]
RESULTS = "ket_qua"
DIRECTIONS = "phuong_huong"


def to_fill() -> Block:
    """The empty paragraph of a section nothing was reported for (``Block.needed``)."""
    return Block("", needed=True)


# Table columns: indicator code → header. Only columns with figures are shown.
COLUMNS = {
    "TIEP_CONG_DAN": "Tiếp công dân (lượt)",
    "DON_NHAN": "Đơn nhận",
    "DON_GIAI_QUYET": "Đơn đã giải quyết",
    "QUA_SUAT": "Quà (suất)",
    "QUA_GIA_TRI": "Giá trị quà (triệu đồng)",
    "HOI_VIEN": "Hội viên",
    "CHI_HOI": "Chi hội",
    "MO_HINH_DVK": "Mô hình “Dân vận khéo”",
    "CU_TRI": "Cử tri",
    "CU_TRI_DI_BAU": "Cử tri đi bầu",
    "TY_LE_CU_TRI_DI_BAU": "Tỷ lệ đi bầu (%)",
}


# --- access -------------------------------------------------------------------------------


def require_view(user: Any, unit: OrgUnit) -> None:
    """Reports of ``unit`` need Cap.REPORT_VIEW there: outside the user's tree 404, in it
    but without the right 403."""
    if can(user, Cap.REPORT_VIEW, unit):
        return
    if can(user, Cap.ORG_VIEW, unit):
        raise PermissionDenied(f"Bạn không có quyền xem báo cáo của «{unit.name}».")
    raise Http404("Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.")


def parse_period(code: str) -> periods.Period:
    try:
        return periods.parse(code)
    except periods.PeriodError as error:
        raise ValidationError({"period": str(error)}) from error


def default_issuer(unit: OrgUnit) -> OrgUnit:
    """The unit's coordinating board (Ban Dân vận, khối dân vận...), else the unit. Of
    several (Ban Dân vận, then Ban Tuyên giáo và Dân vận from 2025) the open one, else the
    last to close."""
    boards = list(
        OrgUnit.objects.filter(parent=unit, organisation_kind__is_coordinating_board=True).order_by(
            "id"
        )
    )
    still_open = [board for board in boards if not board.is_historical]
    if still_open:
        return still_open[0]
    closed = sorted(boards, key=lambda board: (board.valid_to, board.pk))
    return closed[-1] if closed else unit


def subject_for(period: periods.Period) -> str:
    """ "kết quả công tác dân vận tháng 2/2023, phương hướng, nhiệm vụ tháng 3/2023"."""
    return (
        f"kết quả công tác dân vận {period.label}, phương hướng, nhiệm vụ {period.shifted(1).label}"
    )


# --- figures ------------------------------------------------------------------------------


@dataclass
class Figures:
    """The subtree's figures for a period, its comparisons and its direct children's."""

    root: OrgUnit
    period: periods.Period
    indicators: list[Indicator]
    current: dict[str, analytics.Number]
    comparisons: list[prose.Comparison]
    children: list[OrgUnit] = field(default_factory=list)
    by_child: dict[int, dict[str, analytics.Number]] = field(default_factory=dict)

    @property
    def columns(self) -> list[Indicator]:
        """Indicators of the table that have a figure somewhere."""
        shown = []
        for indicator in self.indicators:
            if indicator.code not in COLUMNS:
                continue
            if self.current.get(indicator.code) is not None:
                shown.append(indicator)
        shown.sort(key=lambda i: list(COLUMNS).index(i.code))
        return shown

    @property
    def rows(self) -> list[tuple[OrgUnit, dict[str, analytics.Number]]]:
        """Children with at least one figure, organisations first, then places by name."""
        found = []
        for child in self.children:
            values = self.by_child.get(child.pk, {})
            if any(values.get(i.code) is not None for i in self.columns):
                found.append((child, values))
        return found

    @property
    def has_any(self) -> bool:
        return any(value is not None for value in self.current.values())


def _indicators() -> list[Indicator]:
    rows = Indicator.objects.filter(code__in=prose.CODES).select_related("numerator", "denominator")
    return sorted(rows, key=lambda i: prose.CODES.index(i.code))


def children_of(root: OrgUnit) -> list[OrgUnit]:
    """The units directly under ``root``, organisations first, then places by name."""
    children = OrgUnit.objects.filter(parent=root).select_related("kind", "organisation_kind")
    return sorted(children, key=narratives.child_order)


def figures_for(
    root: OrgUnit, period: periods.Period, children: Sequence[OrgUnit] | None = None
) -> Figures:
    """Aggregates of ``root``'s subtree and, when ``children`` are given, of each child's
    (the caller checked that the user may see them)."""
    indicators = _indicators()
    current = analytics.aggregate(indicators, root, period)
    reported = _months_reported(root, period)
    comparisons = []
    for other, label in prose.comparison_labels(period):
        base = analytics.aggregate(indicators, root, other)
        if not reported <= _months_reported(root, other):
            base = {}  # the base lacks months this period has: nothing to compare with
        comparisons.append(prose.Comparison(base, label))
    figures = Figures(root, period, indicators, current, comparisons)
    if children is not None and figures.has_any:
        figures.children = list(children)
        figures.by_child = analytics.by_child(indicators, root, figures.children, period)
    return figures


def _months_reported(root: OrgUnit, period: periods.Period) -> set[int]:
    """The months of ``period`` (0 for its first) some report sent up in the subtree
    covers. A one-month period is not looked at (its base is there or not)."""
    if period.months <= 1:
        return set()
    reports = Report.objects.filter(
        org_unit__path__startswith=root.path,
        period__in=narratives.period_codes(period),
        status__in=COUNTED,
    ).values_list("period", flat=True)
    months: set[int] = set()
    for code in set(reports):
        span = periods.parse(code)
        for month in span.sub_periods(periods.MONTH):
            offset = (month.start.year - period.start.year) * 12
            months.add(offset + month.start.month - period.start.month)
    return months


def cell(indicator: Indicator, value: analytics.Number) -> str:
    """A table cell: "9.081", "2.811,7", "99,95"; "" for no figure."""
    if value is None:
        return ""
    if indicator.is_computed:
        return format_number(value, 2)
    if indicator.value_type == Indicator.ValueType.DECIMAL:
        return format_number(value, 1)
    return prose.count(value)


def table_caption(root: OrgUnit, period: periods.Period) -> str:
    return f"Một số chỉ tiêu công tác dân vận {period.label} của {_where(root)}"


def figures_table(figures: Figures) -> Table | None:
    """Units as rows, the indicators with figures as columns, the subtree's total last."""
    columns = figures.columns
    rows = figures.rows
    if not columns or not rows:
        return None
    return Table(
        caption=table_caption(figures.root, figures.period),
        columns=["TT", "Đơn vị", *(COLUMNS[i.code] for i in columns)],
        rows=[
            [str(n), unit.name, *(cell(i, values.get(i.code)) for i in columns)]
            for n, (unit, values) in enumerate(rows, start=1)
        ],
        total=["", "Tổng cộng", *(cell(i, figures.current.get(i.code)) for i in columns)],
    )


def _where(root: OrgUnit) -> str:
    """ "quận Hoàng Mai" for a place, the name of an organisation."""
    return headings.place_phrase(root.name) if root.kind.is_place else root.name


def _doers(root: OrgUnit) -> str:
    if root.kind.is_place:
        return f"các cơ quan, đơn vị trên địa bàn {_where(root)}"
    return f"{root.name} và các đơn vị trực thuộc"


# --- recipients ---------------------------------------------------------------------------


def recipients_for(info: headings.Issuer, on: dt.date) -> list[str]:
    """ "- Thường trực Quận ủy,", "- Ban Dân vận Thành ủy,", "- Lưu VT."; a committee
    reports to the committee and the board above it."""
    lines: list[str] = []
    above = info.parent_place
    if not info.is_committee and info.place is not None:
        lines.append(f"- Thường trực {info.committee_word},")
    elif info.is_committee and above is not None and above.parent_id is not None:
        word = headings.COMMITTEE_OF_PLACE.get(above.kind.code, "Đảng ủy")
        lines.append(f"- Thường trực {word},")
    if above is not None and info.is_party_body:
        lines.append(f"- {_superior_board(above, on)},")
    lines.append("- Lưu VT.")
    return lines


def _superior_board(above: OrgUnit, on: dt.date) -> str:
    boards = list(
        OrgUnit.objects.filter(parent=above, organisation_kind__is_coordinating_board=True)
        .select_related("kind")
        .order_by("id")
    )
    open_then = [
        b for b in boards if (b.valid_from is None or b.valid_from <= on) and not _closed(b, on)
    ]
    chosen = (open_then or boards[-1:] or [None])[0]
    if chosen is not None:
        return headings.strip_place(chosen.name, above)
    if above.parent_id is None:
        return "Ban Dân vận Trung ương"
    word = headings.COMMITTEE_OF_PLACE.get(above.kind.code, "Đảng ủy")
    return f"Ban Dân vận {word}"


def _closed(unit: OrgUnit, on: dt.date) -> bool:
    return unit.valid_to is not None and unit.valid_to < on


# --- the report ---------------------------------------------------------------------------


def compile_report(
    *,
    user: Any,
    org_unit: OrgUnit,
    period: str,
    issuer: OrgUnit | None = None,
    on: dt.date | None = None,
    number_line: str | None = None,
) -> OfficialDocument:
    """The report of ``org_unit``'s subtree for ``period``, issued by ``issuer`` (default:
    the unit's coordinating board) on ``on`` (default: today)."""
    require_view(user, org_unit)
    the_period = parse_period(period)
    if issuer is None:
        issuer = default_issuer(org_unit)
    elif not can(user, Cap.ORG_VIEW, issuer):
        raise Http404("Không tìm thấy cơ quan ban hành, hoặc nằm ngoài phạm vi của bạn.")
    day = on or clock.today()
    info = headings.describe(issuer)
    heading = headings.heading_for(info, kind=REPORT, on=day, number_line_text=number_line)

    children = children_of(org_unit)
    figures = figures_for(org_unit, the_period, children)
    tables: list[Table] = []
    table = figures_table(figures)
    if table is not None:
        tables.append(table)
    reports = narratives.reports_for(user, org_unit, the_period)
    contributions = narratives.contributions(reports, org_unit, issuer, children)
    following = the_period.shifted(1)

    blocks: list[Block] = []
    for code, title in SECTIONS:
        blocks.append(Block(title.format(next=following.label.upper()), level=1))
        narrative = narratives.section_blocks(
            code, contributions, org_unit, issuer, the_period, children
        )
        from_registers = _from_registers(user, org_unit, the_period, code)
        if code == RESULTS:
            blocks += _results(narrative, figures, tables, org_unit, from_registers)
            continue
        if code == DIRECTIONS and narrative:
            lead = (
                f"Trong {following.label}, {_doers(org_unit)} tập trung thực hiện tốt các "
                "nhiệm vụ sau:"
            )
            # The lead stands for the directions below it: their units are its source.
            said_by = [n for b in narrative for n in (b.sources or [b.source]) if n]
            blocks.append(Block(prose.capitalised(lead), sources=list(dict.fromkeys(said_by))))
        if narrative or from_registers:
            blocks += narrative
            for _heading, paragraphs in from_registers:
                blocks += paragraphs
        else:
            blocks.append(to_fill())
    return OfficialDocument(
        kind=REPORT,
        heading=heading,
        type_name="BÁO CÁO",
        subject=subject_for(the_period),
        blocks=blocks,
        tables=tables,
        recipients=recipients_for(info, day),
        signature=headings.signature_for(info, user=user),
    )


def _from_registers(
    user: Any, root: OrgUnit, period: periods.Period, section: str
) -> list[tuple[str, list[Block]]]:
    """The registers' paragraphs for ``section`` (danvan.drafting.registers), each with its
    heading; registers with nothing for the period are left out."""
    found = []
    for contribution in registers.for_section(section):
        paragraphs = contribution.build(user, root, period)
        if paragraphs:
            blocks = [Block(p.text, source=p.source, link=p.link) for p in paragraphs]
            found.append((contribution.heading, blocks))
    return found


def _results(
    narrative: list[Block],
    figures: Figures,
    tables: Sequence[Table],
    root: OrgUnit,
    from_registers: Sequence[tuple[str, list[Block]]] = (),
) -> list[Block]:
    """Section II: the figures in prose and the table, then the units' own words, then
    what the registers hold (models, supervision, welfare…), each under its sub-heading."""
    paragraphs = prose.figure_paragraphs(
        figures.current,
        period=figures.period,
        subject=_doers(root),
        comparisons=figures.comparisons,
    )
    awarded = prose.award_sentence(
        period_award_counts(root=root, start=figures.period.start, end=figures.period.end),
        period=figures.period,
        subject=_doers(root),
    )
    if awarded:
        paragraphs.append(awarded)
    if not paragraphs and not tables and not from_registers:
        return narrative or [to_fill()]
    blocks: list[Block] = []
    number = 0
    if paragraphs or tables:
        number += 1
        blocks.append(Block(f"{number}. Một số chỉ tiêu chủ yếu", level=2))
        blocks += [Block(text, source=root.name) for text in paragraphs]
        if tables:
            blocks.append(Block("", source=root.name, table=0))
    if narrative or number:
        number += 1
        blocks.append(Block(f"{number}. Kết quả công tác của các đơn vị", level=2))
        blocks += narrative or [to_fill()]
    for heading, register_blocks in from_registers:
        number += 1
        blocks.append(Block(f"{number}. {heading}", level=2))
        blocks += register_blocks
    return blocks


def compiled_units(document: OfficialDocument) -> list[str]:
    """The units whose words are in the document, in order (for a summary line)."""
    names = (name for b in document.blocks for name in (b.sources or [b.source]) if name)
    return list(dict.fromkeys(names))
