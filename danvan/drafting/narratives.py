"""The units' words in the compiled report: which reports speak, and in whose voice.

- Of a unit's reports for the period, a coarser one (six months) stands for the finer
  ones inside it (as in the aggregates); where only the months exist they are all read,
  and what a unit said in several of them counts once (``danvan.drafting.synthesis``).
- The directions (IV) are for the period after the report's own: a unit's directions
  count only from its report that ends with the period (the six-month report, else the
  last month), and a clause naming a month outside the next period ("tháng 3" in a
  six-month report) is left out.
- The root's and the issuer's own words lead each section as they wrote them; the other
  units' are merged: one sentence per statement, with its count or its units.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from danvan.access.roles import Cap
from danvan.access.scope import scoped
from danvan.drafting import synthesis
from danvan.drafting.context import Block
from danvan.lib import periods
from danvan.lib.text import fold
from danvan.org.models import OrgUnit
from danvan.reporting.models import COUNTED, Report

DIRECTIONS = "phuong_huong"
_MONTH = re.compile(r"\btháng\s+(\d{1,2})(?:\s*/\s*(\d{4}))?", re.IGNORECASE)


def period_codes(period: periods.Period) -> list[str]:
    codes = [period.code]
    for kind in (periods.HALF, periods.QUARTER, periods.MONTH):
        codes += [p.code for p in period.sub_periods(kind) if p != period]
    return codes


def reports_for(user: Any, root: OrgUnit, period: periods.Period) -> list[Report]:
    """The reports sent up in the subtree for the period or inside it, in scope."""
    reports = scoped(
        Report.objects.filter(
            org_unit__path__startswith=root.path,
            period__in=period_codes(period),
            status__in=COUNTED,
        ),
        user,
        Cap.REPORT_VIEW,
    ).exclude(narrative={})
    reports = reports.select_related(
        "org_unit__kind", "org_unit__organisation_kind", "org_unit__parent__kind"
    )
    return [report for report in reports if any(_texts(report.narrative))]


def _texts(narrative: Any) -> list[str]:
    if not isinstance(narrative, dict):
        return []
    return [str(v).strip() for v in narrative.values() if v and str(v).strip()]


def covering(reports: list[Report]) -> list[Report]:
    """A unit's reports that count for the period, in period order: a coarser one (six
    months) stands for the finer ones inside it, as in the aggregates."""
    kept: list[Report] = []
    kept_periods: set[str] = set()
    covered_until: dt.date | None = None
    for report in sorted(reports, key=lambda r: (r.period_obj.start, -r.period_obj.months)):
        span = report.period_obj
        covered = covered_until is not None and span.start <= covered_until
        if covered and report.period not in kept_periods:
            continue
        kept.append(report)
        kept_periods.add(report.period)
        covered_until = max(covered_until or span.end, span.end)
    return kept


def section_text(report: Report, section: str) -> str:
    narrative = report.narrative if isinstance(report.narrative, dict) else {}
    return str(narrative.get(section) or "").strip()


def speaks_of_other_period(clause: str, following: periods.Period) -> bool:
    """Whether ``clause`` names a month outside ``following`` ("tháng 3" when the next
    period is the second half of 2023)."""
    for match in _MONTH.finditer(clause):
        month = int(match.group(1))
        if not 1 <= month <= 12:
            continue
        year = int(match.group(2)) if match.group(2) else following.start.year
        if not following.start <= dt.date(year, month, 1) <= following.end:
            return True
    return False


def for_next_period(text: str, following: periods.Period) -> str:
    """``text`` without the clauses that speak of another period than ``following``."""
    kept = []
    for sentence in synthesis.sentences(text):
        parts = [p for p in sentence.rstrip(" .").split(";") if p.strip()]
        parts = [p.strip() for p in parts if not speaks_of_other_period(p, following)]
        if parts:
            kept.append(synthesis.upper_first("; ".join(parts)) + ".")
    return " ".join(kept)


@dataclass
class Contribution:
    unit: OrgUnit
    reports: list[Report]

    def paragraphs(self, section: str, period: periods.Period) -> list[tuple[str, Report]]:
        """The unit's paragraphs for ``section``, each once, with the report it is in.
        The directions come only from the report ending with ``period``."""
        reports = self.reports
        following = period.shifted(1)
        if section == DIRECTIONS:
            reports = [r for r in reports if r.period_obj.end == period.end][-1:]
        seen: list[tuple[str, Report]] = []
        for report in reports:
            text = section_text(report, section)
            for paragraph in (line.strip() for line in text.splitlines()):
                if paragraph and section == DIRECTIONS:
                    paragraph = for_next_period(paragraph, following)
                if paragraph and paragraph not in (p for p, _ in seen):
                    seen.append((paragraph, report))
        return seen


def child_order(unit: OrgUnit) -> tuple[Any, ...]:
    kind = unit.organisation_kind
    return (bool(unit.kind.is_place), kind.sort_order if kind else 0, unit.name_folded, unit.pk)


def contributions(
    reports: list[Report], root: OrgUnit, issuer: OrgUnit, children: Sequence[OrgUnit]
) -> list[Contribution]:
    """One per unit: the root and the issuer first, then the units directly under the root
    (organisations before places), each followed by the units under it."""
    by_unit: dict[int, list[Report]] = {}
    units: dict[int, OrgUnit] = {}
    for report in reports:
        by_unit.setdefault(report.org_unit_id, []).append(report)
        units[report.org_unit_id] = report.org_unit
    tops = {child.pk: child for child in children}

    def order(unit: OrgUnit) -> tuple[Any, ...]:
        if unit.pk in (root.pk, issuer.pk):
            return (0, unit.pk != root.pk)
        top = _top(unit, root, tops)
        top_key = child_order(top) if top is not None else (True, 0, "", 0)
        return (1, top_key, unit.depth, child_order(unit))

    ordered = sorted(units.values(), key=order)
    return [Contribution(unit, covering(by_unit[unit.pk])) for unit in ordered]


def _top(unit: OrgUnit, root: OrgUnit, tops: dict[int, OrgUnit]) -> OrgUnit | None:
    head = unit.path[len(root.path) :].split("/", 1)[0]
    return tops.get(int(head)) if head.isdigit() else None


# --- the merged text ----------------------------------------------------------------------


def _kind_word(place: OrgUnit) -> tuple[str, str]:
    """("phường", "Định Công") for "Phường Định Công"; ("", name) when the name does not
    start with its kind's name."""
    kind = place.kind.name.strip()
    if place.kind.is_place and kind and fold(place.name).startswith(fold(kind) + " "):
        return kind.lower(), place.name[len(kind) :].strip()
    return "", place.name


def place_totals(children: Sequence[OrgUnit], period: periods.Period) -> dict[str, int]:
    """How many places of each kind word are directly under the root in the period."""
    totals: dict[str, int] = {}
    for child in children:
        if not child.kind.is_place:
            continue
        if child.valid_to is not None and child.valid_to < period.start:
            continue
        if child.valid_from is not None and child.valid_from > period.end:
            continue
        noun, _bare = _kind_word(child)
        if noun:
            totals[noun] = totals.get(noun, 0) + 1
    return totals


def speaker(unit: OrgUnit, root: OrgUnit, children: Sequence[OrgUnit]) -> synthesis.Speaker:
    top = _top(unit, root, {c.pk: c for c in children}) or unit
    noun, bare = _kind_word(top) if top.kind.is_place else ("", top.name)
    organisation = ""
    if unit.pk != top.pk:
        organisation = unit.organisation_kind.name if unit.organisation_kind else ""
    names, openers = synthesis.speaker_names(unit.name, top.name, bare, noun)
    return synthesis.Speaker(
        key=unit.pk,
        name=unit.name,
        place=top.name,
        bare=bare,
        noun=noun,
        organisation=organisation,
        names=names,
        openers=openers,
    )


def section_blocks(
    code: str,
    found: list[Contribution],
    root: OrgUnit,
    issuer: OrgUnit,
    period: periods.Period,
    children: Sequence[OrgUnit],
) -> list[Block]:
    """The section's words: the root's and the issuer's as written, then the others'
    merged (:func:`danvan.drafting.synthesis.synthesise`)."""
    blocks: list[Block] = []
    said: list[synthesis.Said] = []
    for contribution in found:
        unit = contribution.unit
        paragraphs = contribution.paragraphs(code, period)
        if unit.pk in (root.pk, issuer.pk):
            for text, report in paragraphs:
                origin = f"{unit.name} ({report.period_obj.label})"
                blocks.append(
                    Block(text=text, source=unit.name, sources=[unit.name], origins=[origin])
                )
            continue
        who = speaker(unit, root, children)
        said += [synthesis.Said(who, text, report.period_obj.label) for text, report in paragraphs]
    totals = place_totals(children, period)
    for statement in synthesis.synthesise(said, totals):
        blocks.append(
            Block(
                text=statement.text,
                source=source_line(statement.sources),
                sources=statement.sources,
                origins=statement.origins,
            )
        )
    return blocks


def source_line(names: list[str]) -> str:
    """ "Phường Định Công"; "Phường Đại Kim, Phường Định Công"; "14 đơn vị: A, B, …"."""
    if len(names) <= 3:
        return ", ".join(names)
    return f"{len(names)} đơn vị: {', '.join(names)}"
