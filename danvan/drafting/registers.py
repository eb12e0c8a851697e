"""Sections of the compiled report written from a register's records, not from typed text.

A register app (emulation, awards, petitions, supervision, democracy, welfare, religion…)
*registers* a :class:`Contribution` in its ``AppConfig.ready()``: which report section it
writes in (``ket_qua`` for II, ``tinh_hinh`` for I…), its sub-heading there, an order, and
``build(user, root, period)`` that returns the paragraphs for the subtree of ``root`` in the
period: Vietnamese prose with the counts, each :class:`Paragraph` carrying the name of the
register and the URL of the list of records it counted (the draft editor shows both, so
every claim can be traced to its records). ``build`` reads only what ``user`` may see and
returns ``[]`` when the register holds nothing for the period (the sub-heading is then
left out).

``danvan.drafting.compile`` numbers the sub-headings in order after its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from danvan.lib.periods import Period
    from danvan.org.models import OrgUnit


@dataclass(frozen=True)
class Paragraph:
    text: str  # final Vietnamese prose, a whole sentence or several
    source: str  # "Sổ giám sát, phản biện xã hội"
    link: str = ""  # the list of the records counted, filtered to the subtree and period


Builder = Callable[[Any, "OrgUnit", "Period"], list[Paragraph]]


@dataclass(frozen=True)
class Contribution:
    key: str  # "supervision"
    section: str  # a compile.SECTIONS code: "ket_qua", "tinh_hinh", "danh_gia"…
    heading: str  # "Công tác giám sát, phản biện xã hội" (numbered by compile)
    order: int  # lower first
    build: Builder


_CONTRIBUTIONS: dict[str, Contribution] = {}


def register(contribution: Contribution) -> None:
    """Make ``contribution`` part of every compiled report (from an AppConfig.ready())."""
    _CONTRIBUTIONS[contribution.key] = contribution


def for_section(section: str) -> list[Contribution]:
    found = [c for c in _CONTRIBUTIONS.values() if c.section == section]
    return sorted(found, key=lambda c: (c.order, c.key))
