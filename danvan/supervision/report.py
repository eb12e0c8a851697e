"""The «Công tác giám sát, phản biện xã hội» paragraphs of the compiled report
(danvan.drafting.registers), section II, from the register and only where the units kept
it in the period: the activities held, the recommendations made and answered (one cohort,
counted as danvan/supervision/figures.py counts them), and those overdue at the period's
end. Each paragraph links to the list of the records it counted."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from danvan.drafting import registers
from danvan.lib.dates import format_date
from danvan.lib.numbers import format_number
from danvan.lib.periods import Period
from danvan.org.models import OrgUnit
from danvan.reporting.models import RegisterUse
from danvan.supervision import figures, selectors
from danvan.supervision.models import Kind

_KIND_WORDS = {
    Kind.SUPERVISION: "cuộc giám sát",
    Kind.CRITICISM: "cuộc phản biện xã hội",
    Kind.FEEDBACK: "cuộc góp ý xây dựng Đảng, xây dựng chính quyền",
}


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} và {parts[-1]}"


def paragraphs(user: Any, root: OrgUnit, period: Period) -> list[registers.Paragraph]:
    start, end = period.start, period.end
    if not RegisterUse.objects.filter(register=figures.USE).exists():
        return []  # no unit keeps the register (one query, not a walk of the subtree)
    units = list(OrgUnit.all_objects.subtree_of(root).values_list("pk", flat=True))
    if not figures.in_use(units, start, end):
        return []
    found: list[registers.Paragraph] = []
    held = selectors.activity_search(user=user, org_unit=root, start=start, end=end, held_only=True)
    by_kind = dict(held.values_list("kind").annotate(n=Count("id")).order_by())
    parts = [
        f"{format_number(by_kind[k])} {word}" for k, word in _KIND_WORDS.items() if by_kind.get(k)
    ]
    if parts:
        text = (
            f"{period.label[0].upper()}{period.label[1:]}, Mặt trận Tổ quốc và các tổ chức "
            f"chính trị - xã hội đã tổ chức {_join(parts)}"
        )
        named = [a.title for a in held.order_by("starts_on", "id")[:3]]
        more = held.count() - len(named)
        if named:
            tail = f" và {format_number(more)} nội dung khác" if more > 0 else ""
            text += f" ({'; '.join(named)}{tail})"
        link = figures.activities_url(root, start, end)
        found.append(registers.Paragraph(f"{text}.", source=figures.REGISTER, link=link))
    made = selectors.recommendation_search(user=user, org_unit=root, start=start, end=end)
    total = made.count()
    if total:
        answered = figures.answered(made, end).count()
        text = (
            f"Qua giám sát, phản biện, góp ý đã đưa ra {format_number(total)} kiến nghị, "
            f"đã có trả lời {format_number(answered)}"
        )
        if total - answered:
            text += f", {format_number(total - answered)} kiến nghị chưa có trả lời"
        link = figures.recommendations_url(root, start, end)
        found.append(registers.Paragraph(f"{text}.", source=figures.REGISTER, link=link))
    late = list(selectors.recommendation_search(user=user, org_unit=root, overdue_day=end))
    if late:
        bodies = sorted({r.addressed_to for r in late})
        addressees = _join(bodies[:3]) + (
            f" và {len(bodies) - 3} cơ quan khác" if len(bodies) > 3 else ""
        )
        text = (
            f"Đến ngày {format_date(end)}, còn {format_number(len(late))} kiến nghị quá hạn "
            f"chưa được trả lời (gửi {addressees}); đề nghị các cơ quan sớm trả lời."
        )
        link = figures.overdue_url(root, start, end)
        found.append(registers.Paragraph(text, source=figures.REGISTER, link=link))
    return found


def register() -> None:
    registers.register(
        registers.Contribution(
            key="supervision",
            section="ket_qua",
            heading="Công tác giám sát, phản biện xã hội",
            order=45,
            build=paragraphs,
        )
    )
