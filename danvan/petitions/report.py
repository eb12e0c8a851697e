"""The reception and petitions paragraph of the compiled report (danvan.drafting.registers):
sessions, citizens received, petitions received, resolved and in progress for the subtree
and period, counted as the report forms count them (danvan/petitions/figures.py) and only
where the units kept the register then. Counts only: no petitioner is ever named."""

from __future__ import annotations

from typing import Any

from danvan.drafting import registers
from danvan.lib.periods import Period
from danvan.org.models import OrgUnit
from danvan.petitions import figures, statistics


def paragraphs(user: Any, root: OrgUnit, period: Period) -> list[registers.Paragraph]:
    units = list(OrgUnit.all_objects.subtree_of(root).values_list("pk", flat=True))
    if not figures.in_use(units, period.start, period.end):
        return []
    summary = statistics.summarise(root, period.start, period.end)
    n = statistics.two_digits
    parts = []
    if summary.citizens:
        text = f"tiếp {n(summary.citizens)} lượt công dân"
        if summary.groups:
            text += f" (trong đó {n(summary.groups)} đoàn đông người)"
        parts.append(text)
    total, done = summary.total_received, summary.total_resolved
    if total:
        parts.append(
            f"đã giải quyết {n(done)}/{n(total)} đơn đề nghị, kiến nghị, khiếu nại, tố cáo, "
            f"{n(total - done)} đơn đang tiếp tục xem xét"
        )
    if summary.forwarded:
        parts.append(
            f"chuyển {n(summary.forwarded)} đơn đến cơ quan có thẩm quyền, đã có trả lời "
            f"{n(summary.forwarded_replied)} đơn"
        )
    if not parts:
        return []
    text = f"{period.label[0].upper()}{period.label[1:]}, {', '.join(parts)}."
    link = figures.list_url(root, period.start, period.end)
    return [registers.Paragraph(text, source=figures.REGISTER, link=link)]


def register() -> None:
    registers.register(
        registers.Contribution(
            key="petitions",
            section="ket_qua",
            heading="Công tác tiếp công dân, giải quyết đơn thư",
            order=40,
            build=paragraphs,
        )
    )
