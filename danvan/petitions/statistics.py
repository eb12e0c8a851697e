"""The periodic report of a unit's reception and petitions (báo cáo tình hình tiếp công
dân, xử lý đơn thư), as DOCX in the unit's house style, counted from the register for the
unit's subtree and a period (the same counts as the report forms' figures,
danvan/petitions/figures.py). No personal data: the report may go into the outgoing
register with its file.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, Sum
from docx import Document as open_docx
from docx.shared import Mm

from danvan.documents.models import DocumentType
from danvan.drafting import headings
from danvan.drafting.context import Block, OfficialDocument, Table
from danvan.drafting.layout import render_with
from danvan.drafting.layout_ooxml import fixed_widths
from danvan.drafting.layout_template import build_template
from danvan.lib.numbers import format_number
from danvan.lib.periods import Period
from danvan.org.models import OrgUnit
from danvan.petitions import figures
from danvan.petitions.models import (
    GROUP_THRESHOLD,
    Forwarding,
    PetitionKind,
    ReceptionSession,
    ReceptionVisit,
)

_KINDS = [
    (PetitionKind.COMPLAINT, "Khiếu nại"),
    (PetitionKind.DENUNCIATION, "Tố cáo"),
    (PetitionKind.PROPOSAL, "Kiến nghị, phản ánh"),
    (PetitionKind.UNCLASSIFIED, "Chưa phân loại"),
]


@dataclass
class Summary:
    sessions: dict[str, int] = field(default_factory=dict)  # kind label -> buổi
    citizens: int = 0
    groups: int = 0
    received: dict[str, int] = field(default_factory=dict)  # kind -> đơn
    resolved: dict[str, int] = field(default_factory=dict)
    overdue: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    forwarded: int = 0
    forwarded_replied: int = 0

    @property
    def total_received(self) -> int:
        return sum(self.received.values())

    @property
    def total_resolved(self) -> int:
        return sum(self.resolved.values())


def summarise(unit: OrgUnit, start: dt.date, end: dt.date) -> Summary:
    """Counts for ``unit``'s subtree in [start, end], as the report forms count them."""
    units = list(OrgUnit.all_objects.subtree_of(unit).values_list("pk", flat=True))
    out = Summary()
    sessions = ReceptionSession.objects.filter(
        org_unit_id__in=units, held_on__gte=start, held_on__lte=end
    )
    labels = dict(ReceptionSession.Kind.choices)
    for row in sessions.values("kind").annotate(n=Count("pk")).order_by("kind"):
        out.sessions[labels.get(row["kind"], row["kind"])] = row["n"]
    visits = ReceptionVisit.objects.filter(session__in=sessions)
    out.citizens = int(visits.aggregate(n=Sum("group_size"))["n"] or 0)
    out.groups = visits.filter(group_size__gte=GROUP_THRESHOLD).count()
    cohort = figures._received(units, start, end)
    for row in (
        cohort.values("kind")
        .annotate(
            n=Count("pk"),
            done=Count("pk", filter=Q(resolved_on__lte=end)),
            late=Count("pk", filter=Q(resolved_on__isnull=True, due_on__lt=end)),
        )
        .order_by("kind")
    ):
        out.received[row["kind"]] = row["n"]
        out.resolved[row["kind"]] = row["done"]
        out.overdue[row["kind"]] = row["late"]
    out.duplicates = figures.duplicates(units, start, end)
    sent = Forwarding.objects.filter(
        petition__org_unit_id__in=units, sent_on__gte=start, sent_on__lte=end
    )
    out.forwarded = sent.count()
    out.forwarded_replied = sent.filter(replied_on__lte=end).count()
    return out


def two_digits(value: int) -> str:
    """Under ten written on two digits, as the reports do ("08/24 đơn")."""
    return format_number(value) if value >= 10 else f"{value:02d}"


_n = two_digits


def _sentences(unit: OrgUnit, summary: Summary, period: Period) -> list[Block]:
    blocks = [Block("I. CÔNG TÁC TIẾP CÔNG DÂN", level=1)]
    held = sum(summary.sessions.values())
    if held:
        parts = ", ".join(f"{k.lower()} {_n(v)}" for k, v in summary.sessions.items())
        text = (
            f"Trong {period.label}, {unit.name} tổ chức {_n(held)} buổi tiếp công dân "
            f"({parts}), tiếp {_n(summary.citizens)} lượt công dân"
        )
        if summary.groups:
            text += f", trong đó có {_n(summary.groups)} đoàn đông người"
        blocks.append(Block(text + "."))
    else:
        blocks.append(Block(f"Trong {period.label}, sổ tiếp công dân không ghi buổi tiếp nào."))
    blocks.append(Block("II. TIẾP NHẬN, PHÂN LOẠI VÀ XỬ LÝ ĐƠN THƯ", level=1))
    total, done = summary.total_received, summary.total_resolved
    if total:
        by_kind = ", ".join(
            f"{label.lower()} {_n(summary.received[k])}"
            for k, label in _KINDS
            if summary.received.get(k)
        )
        text = f"Tiếp nhận {_n(total)} đơn ({by_kind})"
        if summary.duplicates:
            text += f"; ngoài ra {_n(summary.duplicates)} đơn trùng được theo dõi cùng đơn gốc"
        text += (
            f". Đã giải quyết {_n(done)}/{_n(total)} đơn, {_n(total - done)} đơn đang "
            "tiếp tục xem xét"
        )
        late = sum(summary.overdue.values())
        if late:
            text += f" (trong đó {_n(late)} đơn quá hạn)"
        blocks.append(Block(text + "."))
    else:
        blocks.append(Block("Trong kỳ không tiếp nhận đơn thư."))
    if summary.forwarded:
        blocks.append(
            Block(
                f"Chuyển {_n(summary.forwarded)} đơn đến cơ quan có thẩm quyền; đã nhận trả lời "
                f"{_n(summary.forwarded_replied)}/{_n(summary.forwarded)} đơn."
            )
        )
    return blocks


def _table(summary: Summary) -> Table:
    rows = []
    for kind, label in _KINDS:
        received = summary.received.get(kind, 0)
        if not received:
            continue
        resolved = summary.resolved.get(kind, 0)
        rows.append(
            [
                label,
                format_number(received),
                format_number(resolved),
                format_number(received - resolved),
                format_number(summary.overdue.get(kind, 0)),
            ]
        )
    total = summary.total_received
    return Table(
        caption="Bảng: Đơn thư tiếp nhận và kết quả xử lý",
        columns=["Loại đơn", "Tiếp nhận", "Đã giải quyết", "Đang xem xét", "Quá hạn"],
        rows=rows,
        total=[
            "Tổng cộng",
            format_number(total),
            format_number(summary.total_resolved),
            format_number(total - summary.total_resolved),
            format_number(sum(summary.overdue.values())),
        ],
    )


def doc_type() -> DocumentType:
    return headings.doc_type_for("bao_cao")


def build(
    *, user: Any, unit: OrgUnit, period: Period, on: dt.date, number_line: str | None = None
) -> OfficialDocument:
    summary = summarise(unit, period.start, min(period.end, on))
    info = headings.describe(unit)
    if number_line is None:
        number_line = headings.number_line(info, doc_type(), on)
    heading = headings.heading_for(info, kind="bao_cao", on=on, number_line_text=number_line)
    blocks = _sentences(unit, summary, period)
    return OfficialDocument(
        kind="bao_cao",
        heading=heading,
        type_name="BÁO CÁO",
        subject=f"kết quả công tác tiếp công dân, xử lý đơn thư {period.label}",
        blocks=blocks,
        tables=[_table(summary)] if summary.total_received else [],
        recipients=["- Như trên (cấp trên trực tiếp);", "- Lưu: VT."],
        signature=headings.signature_for(info, user=user),
    )


# The table's columns (mm, 165 mm of text width): the kind, then four counts.
_WIDTHS = [57, 27, 27, 27, 27]


def render(document: OfficialDocument) -> bytes:
    body = render_with(build_template(document.kind, document.heading.style), document)
    if not document.tables:
        return body
    doc = open_docx(io.BytesIO(body))
    for table in doc.tables[-len(document.tables) :]:
        fixed_widths(table, [Mm(w) for w in _WIDTHS])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
