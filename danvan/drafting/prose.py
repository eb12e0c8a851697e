"""Figures written as Vietnamese prose, the way a report states them (no Django).

"tiếp 117 lượt công dân, đã giải quyết 8/24 đơn đề nghị, kiến nghị, đạt 33,3%; tiếp nhận và chuyển
9.081 suất quà với tổng số tiền 2.811,7 triệu đồng", "5.573 hội viên (tăng 12,6% so với
cùng kỳ năm trước)". Keys are the indicator codes of the reporting catalogue; a figure the
data does not have is not mentioned, and nothing is said that the figures do not say.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from danvan.lib import periods
from danvan.lib.numbers import format_number, format_percent

Number = Decimal | None
Figures = Mapping[str, Number]

# The indicator codes the prose knows (danvan.reporting.catalog).
RECEPTION = "TIEP_CONG_DAN"
RECEIVED = "DON_NHAN"
RESOLVED = "DON_GIAI_QUYET"
GIFTS = "QUA_SUAT"
GIFT_VALUE = "QUA_GIA_TRI"
MEMBERS = "HOI_VIEN"
BRANCHES = "CHI_HOI"
VOTERS = "CU_TRI"
VOTED = "CU_TRI_DI_BAU"
TURNOUT = "TY_LE_CU_TRI_DI_BAU"
MODELS = "MO_HINH_DVK"
CODES = (
    RECEPTION,
    RECEIVED,
    RESOLVED,
    GIFTS,
    GIFT_VALUE,
    MEMBERS,
    BRANCHES,
    VOTERS,
    VOTED,
    TURNOUT,
    MODELS,
    "TY_LE_GIAI_QUYET_DON",
)


@dataclass(frozen=True)
class Comparison:
    """Figures of another period and how the prose names it ("cùng kỳ năm trước")."""

    figures: Figures
    against: str


def count(value: Number, places: int | None = None) -> str:
    """9081 → "9.081"; 2811.7 → "2.811,7"."""
    if value is None:
        return ""
    if places is None and value == value.to_integral():
        places = 0
    return format_number(value, places)


def ratio_text(numerator: Number, denominator: Number) -> str:
    """8 of 24 → "8/24" (no zero padding: "03/4" reads as a date)."""
    if numerator is None or denominator is None:
        return ""
    return f"{count(numerator)}/{count(denominator)}"


def rate_text(numerator: Number, denominator: Number) -> str:
    """209 of 318 → "209/318 đơn, đạt 65,7%"-style share: "đạt 65,7%", one decimal as the
    other percentages of the prose; "" without a base."""
    if numerator is None or not denominator:
        return ""
    share = Decimal(numerator) / Decimal(denominator) * 100
    return f"đạt {format_number(share, 1)}%"


def change_text(current: Number, base: Number, against: str) -> str:
    """ "tăng 12,6% so với cùng kỳ năm trước", "giảm 3,0% so với tháng trước", "bằng tháng
    trước"; "" when there is nothing to compare with (no base, or a base of zero)."""
    if current is None or base is None or base == 0:
        return ""
    if current == base:
        return f"bằng {against}"
    change = (Decimal(current) - Decimal(base)) / Decimal(base) * 100
    shown = format_number(abs(change), 1)
    if shown == "0,0":
        return f"tương đương {against}"
    word = "tăng" if change > 0 else "giảm"
    return f"{word} {shown}% so với {against}"


def compared(code: str, current: Number, comparisons: Sequence[Comparison]) -> str:
    """ " (tăng 12,6% so với tháng trước, bằng cùng kỳ năm trước)" or ""."""
    parts = [change_text(current, c.figures.get(code), c.against) for c in comparisons]
    parts = [part for part in parts if part]
    return f" ({', '.join(parts)})" if parts else ""


def comparison_labels(period: periods.Period) -> list[tuple[periods.Period, str]]:
    """The periods a report compares with, and how it names them."""
    if period.kind == periods.YEAR:
        return [(period.previous(), "năm trước")]
    previous = period.previous()
    if period.kind == periods.MONTH:
        before = "tháng trước"
    elif period.kind == periods.QUARTER:
        before = "quý trước"
    else:
        before = previous.label
    return [(previous, before), (period.same_last_year(), "cùng kỳ năm trước")]


def _positive(value: Number) -> bool:
    return value is not None and value > 0


def activity_clauses(figures: Figures, comparisons: Sequence[Comparison] = ()) -> list[str]:
    """The flows of the period, one clause each (joined with "; " by the caller)."""
    clauses: list[str] = []
    reception: list[str] = []
    if _positive(figures.get(RECEPTION)):
        value = figures[RECEPTION]
        reception.append(
            f"tiếp {count(value)} lượt công dân{compared(RECEPTION, value, comparisons)}"
        )
    received, resolved = figures.get(RECEIVED), figures.get(RESOLVED)
    if _positive(received) and resolved is not None:
        reception.append(
            f"đã giải quyết {ratio_text(resolved, received)} đơn đề nghị, kiến nghị, "
            f"{rate_text(resolved, received)}"
        )
    elif _positive(received):
        reception.append(f"tiếp nhận {count(received)} đơn đề nghị, kiến nghị")
    if reception:
        clauses.append(", ".join(reception))
    gifts, value = figures.get(GIFTS), figures.get(GIFT_VALUE)
    if _positive(gifts):
        clause = f"tiếp nhận và chuyển {count(gifts)} suất quà"
        if _positive(value):
            clause += f" với tổng số tiền {count(value)} triệu đồng"
            clause += compared(GIFT_VALUE, value, comparisons)
        else:
            clause += compared(GIFTS, gifts, comparisons)
        clauses.append(clause)
    elif _positive(value):
        clauses.append(
            f"trao quà với tổng số tiền {count(value)} triệu đồng"
            + compared(GIFT_VALUE, value, comparisons)
        )
    models = figures.get(MODELS)
    if _positive(models):
        clauses.append(
            f"đăng ký {count(models)} mô hình “Dân vận khéo”"
            + compared(MODELS, models, comparisons)
        )
    return clauses


def membership_clauses(figures: Figures, comparisons: Sequence[Comparison] = ()) -> list[str]:
    """Stocks at the end of the period: "5.573 hội viên (tăng 12,6% ...)", "126 chi hội"."""
    clauses = []
    for code, noun in ((MEMBERS, "hội viên"), (BRANCHES, "chi hội")):
        value = figures.get(code)
        if _positive(value):
            clauses.append(f"{count(value)} {noun}{compared(code, value, comparisons)}")
    return clauses


def election_sentence(figures: Figures) -> str:
    """ "Tỷ lệ cử tri đi bỏ phiếu đạt 99,95% (41.215/41.236 cử tri)." or ""."""
    voters, voted = figures.get(VOTERS), figures.get(VOTED)
    if not _positive(voters) or voted is None:
        return ""
    rate = figures.get(TURNOUT)
    if rate is None and voters:
        rate = Decimal(voted) / Decimal(voters) * 100
    return (
        f"Tỷ lệ cử tri đi bỏ phiếu đạt {format_percent(rate)} "
        f"({count(voted)}/{count(voters)} cử tri)."
    )


def capitalised(text: str) -> str:
    return text[0].upper() + text[1:] if text else text


_sentence = capitalised


def figure_paragraphs(
    figures: Figures,
    *,
    period: periods.Period,
    subject: str,
    comparisons: Sequence[Comparison] = (),
) -> list[str]:
    """The period's figures as paragraphs: what was done, the membership at the end of the
    period, the election. ``subject`` says who did it ("các cơ quan, đơn vị trên địa bàn
    quận Hoàng Mai"). Empty when the figures say nothing."""
    paragraphs = []
    activity = activity_clauses(figures, comparisons)
    if activity:
        paragraphs.append(f"Trong {period.label}, {subject} đã {'; '.join(activity)}.")
    membership = membership_clauses(figures, comparisons)
    if membership:
        paragraphs.append(
            f"Tính đến hết {period.label}, các tổ chức hội có {', '.join(membership)}."
        )
    election = election_sentence(figures)
    if election:
        paragraphs.append(election)
    return [_sentence(p) for p in paragraphs]


def recognised_models_paragraph(models: Sequence[Any], period: periods.Period) -> str:
    """The period's recognised «Dân vận khéo» models, each by name and unit ("có địa
    chỉ"), from the register; empty when none was recognised."""
    if not models:
        return ""
    named = "; ".join(
        f"“{m.name}” ({m.unit.name}, {m.recognised_level.name.lower()})" for m in models
    )
    return (
        f"Trong {period.label}, {count(Decimal(len(models)))} mô hình, điển hình “Dân vận khéo” "
        f"được công nhận: {named}."
    )


def award_sentence(counts: dict[str, int], *, period: periods.Period, subject: str) -> str:
    """ "Trong năm 2019, các cơ quan, đơn vị … đã khen thưởng 19 tập thể, 11 cá nhân." from
    the awards register (danvan.awards); "" when nothing was awarded."""
    from danvan.awards.selectors import counts_text

    text = counts_text(
        counts.get("tap_the", 0), counts.get("ca_nhan", 0), counts.get("ho_gia_dinh", 0)
    )
    if not text:
        return ""
    return _sentence(f"Trong {period.label}, {subject} đã khen thưởng {text}.")
