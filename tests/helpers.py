"""Shared by the test modules: the unit codes of the conftest tree and the POST bodies of
the org and people forms (what a browser would send for an unchanged record)."""

from __future__ import annotations

from typing import Any

from danvan.org.models import OrgUnit
from danvan.people.models import Person, Position

ALL_UNITS = frozenset(
    {
        "VN",
        "HN",
        "HN-HM",
        "HN-HM-BDV",
        "HN-HM-DINHCONG",
        "HN-HM-DINHCONG-MTTQ",
        "HN-HM-DAIKIM",
        "HN-TH",
        "HN-TH-BUOI",
    }
)
HOANG_MAI = frozenset(
    {"HN-HM", "HN-HM-BDV", "HN-HM-DINHCONG", "HN-HM-DINHCONG-MTTQ", "HN-HM-DAIKIM"}
)
DINH_CONG = frozenset({"HN-HM-DINHCONG", "HN-HM-DINHCONG-MTTQ"})
NOWHERE: frozenset[str] = frozenset()


def unit_form(unit: OrgUnit, **changes: Any) -> dict[str, Any]:
    data = {
        "name": unit.name,
        "code": unit.code,
        "level": unit.level_id,
        "kind": unit.kind_id,
        "organisation_kind": unit.organisation_kind_id or "",
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else "",
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else "",
        "note": unit.note,
    }
    data.update(changes)
    return data


def person_form(person: Person, **changes: Any) -> dict[str, Any]:
    data = {
        "full_name": person.full_name,
        "org_unit": person.org_unit_id,
        "gender": person.gender,
        "birth_year": person.birth_year or "",
        "phone": person.phone,
        "email": person.email,
        "note": person.note,
    }
    data.update(changes)
    return data


def position_form(position: Position, **changes: Any) -> dict[str, Any]:
    data = {
        "org_unit": position.org_unit_id,
        "title": position.title,
        "term": position.term,
        "start_date": position.start_date.isoformat() if position.start_date else "",
        "end_date": position.end_date.isoformat() if position.end_date else "",
        "is_primary": "on" if position.is_primary else "",
        "source": position.source,
    }
    data.update(changes)
    return data
