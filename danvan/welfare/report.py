"""The «Công tác an sinh xã hội» sub-section of the compiled report (danvan.drafting.
registers): the gifts the subtree's organisations gave in the period, by category, with
the campaigns named; the contributions received; the duplicates found between
organisations. Counted from the records ``user`` may read, as on the gift list it links to.

«Trong 6 tháng đầu năm 2021, các tổ chức trên địa bàn đã tiếp nhận và chuyển 9.081 suất quà
với tổng số tiền 2.811,7 triệu đồng tới các đối tượng (hộ nghèo 3.120 suất, …) trong đợt
“Tết Nguyên đán Tân Sửu 2021”.»
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Sum

from danvan.drafting import registers
from danvan.drafting.prose import count
from danvan.lib.numbers import format_number
from danvan.lib.periods import Period
from danvan.org.models import OrgUnit
from danvan.welfare import selectors
from danvan.welfare.figures import REGISTER, list_url
from danvan.welfare.models import FLAGGED_STATES, Campaign, DuplicateState

MILLION = Decimal(1_000_000)


def millions_text(dong: Decimal) -> str:
    """2.811.700.000 đồng → «2.811,7»."""
    return format_number(dong / MILLION, 1)


def _names(campaigns: list[str]) -> str:
    quoted = [f"“{name}”" for name in campaigns]
    if len(quoted) == 1:
        return f"trong đợt {quoted[0]}"
    return f"trong các đợt {', '.join(quoted[:-1])} và {quoted[-1]}"


def gifts_sentence(
    totals: selectors.Totals, campaigns: list[str], period: Period, subject: str
) -> str:
    if not totals.portions:
        return ""
    parts = [
        f"{row['label'].lower()} {count(Decimal(row['portions']))} suất"
        for row in totals.by_category
    ]
    detail = f" ({', '.join(parts)})" if parts else ""
    named = f" {_names(campaigns)}" if campaigns else ""
    return (
        f"Trong {period.label}, {subject} đã tiếp nhận và chuyển "
        f"{count(Decimal(totals.portions))} suất quà với tổng số tiền "
        f"{millions_text(totals.value)} triệu đồng tới các đối tượng{detail}{named}."
    )


def contributions_sentence(cash: Decimal, goods: Decimal) -> str:
    if cash + goods <= 0:
        return ""
    total = millions_text(cash + goods)
    text = f"Các tổ chức đã tiếp nhận tiền, hàng ủng hộ trị giá {total} triệu đồng"
    if cash and goods:
        text += (
            f" (tiền mặt {millions_text(cash)} triệu đồng, "
            f"hàng hóa quy đổi {millions_text(goods)} triệu đồng)"
        )
    return text + "."


def duplicates_sentence(flagged: int, kept: int) -> str:
    """Standing duplicates (flagged or kept after review): what was decided, what waits."""
    if not flagged:
        return ""
    parts = []
    if kept:
        parts.append(f"giữ lại có lý do {count(Decimal(kept))} suất")
    if flagged - kept:
        parts.append(f"đang xem xét {count(Decimal(flagged - kept))} suất")
    return (
        f"Qua rà soát danh sách giữa các tổ chức, phát hiện {count(Decimal(flagged))} suất quà "
        f"trùng đối tượng ({', '.join(parts)})."
    )


def paragraphs(user: Any, root: OrgUnit, period: Period) -> list[registers.Paragraph]:
    gifts = selectors.gift_search(user=user, org_unit=root, start=period.start, end=period.end)
    totals = selectors.totals(gifts)
    campaigns = list(
        Campaign.objects.filter(pk__in=gifts.values("campaign_id"))
        .order_by("starts_on", "name")
        .values_list("name", flat=True)
    )
    received = (
        selectors.contributions_visible(user)
        .filter(
            received_by__path__startswith=root.path,
            received_on__gte=period.start,
            received_on__lte=period.end,
        )
        .order_by()
        .aggregate(cash=Sum("cash"), goods=Sum("in_kind_value"))
    )
    cash, goods = Decimal(received["cash"] or 0), Decimal(received["goods"] or 0)
    flagged = gifts.filter(duplicate_state__in=FLAGGED_STATES)
    kept = flagged.filter(duplicate_state=DuplicateState.KEPT)
    texts = [
        gifts_sentence(totals, campaigns, period, "các tổ chức trên địa bàn"),
        contributions_sentence(cash, goods),
        duplicates_sentence(
            int(flagged.order_by().aggregate(n=Sum("portions"))["n"] or 0),
            int(kept.order_by().aggregate(n=Sum("portions"))["n"] or 0),
        ),
    ]
    text = " ".join(t for t in texts if t)
    if not text:
        return []
    link = list_url(root, period.start, period.end)
    return [registers.Paragraph(text, source=REGISTER, link=link)]


def register() -> None:
    registers.register(
        registers.Contribution(
            key="welfare",
            section="ket_qua",
            heading="Công tác an sinh xã hội",
            order=50,
            build=paragraphs,
        )
    )
