"""The «Thực hiện dân chủ ở cơ sở» paragraphs of the compiled report
(danvan.drafting.registers), from the register, for the report's subtree and period: the
contents disclosed, the matters the people decided (each with its households and
outcome), the matters commented on (opinions received and taken up) and the boards'
findings. Each paragraph names the register and links to the list it counts, filtered
exactly as its figure (danvan.democracy.figures). Nothing is written where the register
holds nothing for the period."""

from __future__ import annotations

from typing import Any

from danvan.democracy import selectors
from danvan.democracy.figures import (
    REGISTER,
    USE,
    consultations_url,
    decisions_url,
    disclosures_url,
    oversight_url,
)
from danvan.democracy.models import (
    Board,
    Consultation,
    ConsultationState,
    DecisionState,
    Disclosure,
    Outcome,
    Oversight,
    OversightState,
    PeopleDecision,
)
from danvan.drafting import registers
from danvan.lib.numbers import format_number
from danvan.lib.periods import Period
from danvan.org.models import OrgUnit
from danvan.reporting import sources
from danvan.reporting.models import RegisterUse


def _lower(text: str) -> str:
    return text[0].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


def _named(items: list[str], limit: int = 3) -> str:
    shown = "; ".join(items[:limit])
    more = f" và {len(items) - limit} nội dung khác" if len(items) > limit else ""
    return shown + more


def paragraphs(user: Any, root: OrgUnit, period: Period) -> list[registers.Paragraph]:
    start, end = period.start, period.end
    if not RegisterUse.objects.filter(register=USE).exists():  # one query where unused
        return []
    units = list(OrgUnit.all_objects.subtree_of(root).values_list("pk", flat=True))
    kept = sources.in_use(USE, units, start, end)
    if kept is None:
        return []
    window = {"user": user, "org_unit": root, "start": start, "end": end, "org_unit_id__in": kept}
    found: list[registers.Paragraph] = []

    disclosed = list(
        selectors.search(Disclosure, made_public=True, **window).order_by("starts_on", "id")
    )
    if disclosed:
        forms = sorted({d.get_form_display().lower() for d in disclosed})
        named = _named([_lower(d.content) for d in disclosed])
        found.append(
            registers.Paragraph(
                f"Thực hiện Luật Thực hiện dân chủ ở cơ sở, trong kỳ đã công khai "
                f"{len(disclosed)} nội dung để Nhân dân biết ({named}), bằng hình thức "
                f"{', '.join(forms)}.",
                source=REGISTER,
                link=disclosures_url(root, start, end),
            )
        )

    decided = list(
        selectors.search(PeopleDecision, state=DecisionState.DECIDED, **window).order_by(
            "held_on", "id"
        )
    )
    if decided:
        passed = sum(1 for d in decided if d.outcome == Outcome.PASSED)
        fmt = format_number
        items = [
            f"{_lower(d.subject)} ({d.org_unit.name}): {fmt(d.households_taking_part or 0)}/"
            f"{fmt(d.households_total)} hộ tham gia, {fmt(d.votes_for or 0)} hộ tán thành, "
            f"{d.get_outcome_display().lower()}"
            for d in decided
        ]
        found.append(
            registers.Paragraph(
                f"Tổ chức để Nhân dân bàn và quyết định trực tiếp {len(decided)} nội dung, "
                f"{passed} nội dung được thông qua ({_named(items)}).",
                source=REGISTER,
                link=decisions_url(root, start, end),
            )
        )

    consulted = list(selectors.search(Consultation, **window).order_by("starts_on", "id"))
    if consulted:
        received = sum(c.opinions_received for c in consulted)
        taken = sum(c.taken_up_count for c in consulted)
        named = _named([_lower(c.subject) for c in consulted])
        text = f"Lấy ý kiến Nhân dân về {len(consulted)} nội dung ({named})"
        if received:
            text += (
                f"; đã nhận {format_number(received)} ý kiến, tiếp thu "
                f"{format_number(taken)} ý kiến"
            )
        still = sum(1 for c in consulted if c.state == ConsultationState.OPEN)
        if still:
            text += f"; {still} nội dung đang lấy ý kiến"
        found.append(
            registers.Paragraph(
                text + ".", source=REGISTER, link=consultations_url(root, start, end)
            )
        )

    overseen = list(selectors.search(Oversight, **window).order_by("found_on", "id"))
    if overseen:
        boards = []
        for board in Board:
            count = sum(1 for o in overseen if o.board == board)
            if count:
                boards.append(f"{board.label} thực hiện {count} cuộc kiểm tra, giám sát")
        open_ = sum(1 for o in overseen if o.state == OversightState.OPEN)
        named = _named([_lower(o.subject) for o in overseen])
        text = f"{'; '.join(boards)} ({named})"
        if open_:
            text += f"; {open_} kiến nghị đang chờ xử lý"
        else:
            text += "; các kiến nghị đã được xem xét, xử lý"
        found.append(
            registers.Paragraph(text + ".", source=REGISTER, link=oversight_url(root, start, end))
        )
    return found


def register() -> None:
    registers.register(
        registers.Contribution(
            key="democracy",
            section="ket_qua",
            heading="Thực hiện dân chủ ở cơ sở",
            order=20,
            build=paragraphs,
        )
    )
