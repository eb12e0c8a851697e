"""The «Công tác dân tộc, tôn giáo» paragraph of the compiled report
(danvan.drafting.registers), from the register: the places and group points active at the
period's end, the festivals held in the period with their attendance. Situations followed
are never written into a report."""

from __future__ import annotations

from typing import Any

from danvan.drafting import registers
from danvan.lib.numbers import format_number
from danvan.lib.periods import Period
from danvan.org.models import OrgUnit
from danvan.religion import selectors
from danvan.religion.figures import REGISTER, events_url, places_url
from danvan.religion.models import EventState, Place, PlaceKind


def paragraphs(user: Any, root: OrgUnit, period: Period) -> list[registers.Paragraph]:
    start, end = period.start, period.end
    places = selectors.place_search(user=user, org_unit=root, active_day=end)
    worship = places.filter(kind=PlaceKind.WORSHIP).count()
    groups = places.filter(kind=PlaceKind.GROUP).count()
    held = list(
        selectors.event_search(
            user=user, org_unit=root, state=EventState.HELD, start=start, end=end
        )
        .filter(starts_on__gte=start)
        .order_by("starts_on", "id")
    )
    if not (worship or groups or held):
        return []
    found = []
    if worship:
        found.append(f"{worship} cơ sở thờ tự")
    if groups:
        found.append(f"{groups} điểm nhóm sinh hoạt tôn giáo tập trung")
    text = f"Trên địa bàn có {' và '.join(found)}" if found else "Trên địa bàn"
    if held:
        people = sum(e.actual_attendance or 0 for e in held)
        named = ", ".join(f"{e.name} tại {_place(e.place)}" for e in held[:3])
        more = f" và {len(held) - 3} sự kiện khác" if len(held) > 3 else ""
        text += (
            f"; trong kỳ diễn ra {len(held)} lễ hội, sự kiện tôn giáo với khoảng "
            f"{format_number(people)} lượt người tham dự ({named}{more})"
        )
    text += "; các hoạt động tôn giáo diễn ra đúng quy định."
    link = events_url(root, start, end) if held else places_url(root, start, end)
    return [registers.Paragraph(text, source=REGISTER, link=link)]


def _place(place: Place) -> str:
    name = place.name
    return name[0].lower() + name[1:] if name[:1].isupper() and name.split()[0] in _COMMON else name


# Common nouns that begin a place's name («Chùa Định Công» → «chùa Định Công»).
_COMMON = {"Chùa", "Nhà", "Giáo", "Đình", "Đền", "Điểm", "Thánh", "Tịnh", "Hội"}


def register() -> None:
    registers.register(
        registers.Contribution(
            key="religion",
            section="ket_qua",
            heading="Công tác dân tộc, tôn giáo",
            order=60,
            build=paragraphs,
        )
    )
