"""What the review page offers before anyone changes it: the meeting's fields, each
person's row with the records their name matched, each figure's row. The command's
``--commit`` accepts exactly these."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from danvan.people.models import Person
from danvan.textimport import matching
from danvan.textimport.forms import NEW, ONLY_NAME
from danvan.textimport.models import ArticleImport


def _person_choices(user: Any, name: str, position: str) -> tuple[list[tuple[str, str]], str]:
    found = matching.people_for(user, name, position)
    choices = [(str(m.person.pk), f"{m.person.full_name} — {_titles(m.person)}") for m in found]
    choices += [(NEW, "Tạo cán bộ mới"), (ONLY_NAME, "Chỉ ghi tên, chức vụ")]
    return choices, (str(found[0].person.pk) if found else NEW)


def _titles(person: Person) -> str:
    held = [p.title for p in person.positions.all()][:2]
    return "; ".join(held) or (person.org_unit.name if person.org_unit_id else "")


def meeting_day(proposal: dict[str, Any]) -> dt.date | None:
    """The meeting's day the extractor read (ISO), as a date; none when it could not."""
    try:
        return (
            dt.date.fromisoformat(proposal["meeting_date"])
            if proposal.get("meeting_date")
            else None
        )
    except (TypeError, ValueError):
        return None


def review_initial(user: Any, item: ArticleImport) -> dict[str, Any]:
    proposal = item.proposal
    period = proposal.get("period_covered") or ""
    return {
        "version": item.version,
        "title": item.title,
        "org_unit": matching.unit_for(user, proposal.get("organizer")),
        "kind": matching.kind_for(proposal.get("meeting_kind", "other"), period),
        "held_on": meeting_day(proposal),
        "place": proposal.get("location") or "",
        "period_code": period if ".." not in period else "",
    }


def people_rows(user: Any, item: ArticleImport) -> tuple[list[dict[str, Any]], list[Any]]:
    chairs = set(item.proposal.get("chair_names", []))
    rows, choices = [], []
    for official in item.proposal.get("officials", []):
        options, chosen = _person_choices(user, official["name"], official["position"])
        choices.append(options)
        rows.append(
            {
                "include": True,
                "name": official["name"],
                "position": official["position"],
                "role": "chu_tri" if official["name"] in chairs else "du",
                "match": chosen,
            }
        )
    return rows, choices


def figure_rows(item: ArticleImport) -> list[dict[str, Any]]:
    from danvan.reporting.models import Indicator

    wanted = {f.get("indicator") for f in item.proposal.get("figures", [])} - {None}
    known = set(Indicator.objects.filter(code__in=wanted).values_list("code", flat=True))
    return [
        {
            "include": f.get("indicator") in known,
            "indicator": f.get("indicator") if f.get("indicator") in known else "",
            "value": Decimal(f["value"]),
            "text": f["text"],
        }
        for f in item.proposal.get("figures", [])
    ]
