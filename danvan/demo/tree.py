"""Expand the demo data into a flat list of org units, parents before children."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from danvan.demo import current_data, data
from danvan.lib.text import fold

_PLACE_PREFIXES = ("Thành phố ", "Tỉnh ", "Quận ", "Phường ", "Xã ")
_NOT_CODE = re.compile(r"[^a-z0-9]")


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    parent: str | None
    level: str
    kind: str
    organisation_kind: str | None = None
    valid_from: dt.date | None = None
    note: str = ""


def short_name(name: str) -> str:
    """ "Phường Định Công" → "Định Công", "Phường 1" → "1"."""
    for prefix in _PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def code_part(name: str) -> str:
    """A readable ASCII code piece: "Phường Định Công" → "DINHCONG", "Phường 1" → "P01"."""
    short = short_name(name)
    if short.isdigit():
        return f"P{int(short):02d}"
    return _NOT_CODE.sub("", fold(short)).upper()


def place_phrase(name: str) -> str:
    """How a body's name refers to its place: "phường Định Công", but "Phường 1"."""
    if short_name(name).isdigit():
        return name
    return name[0].lower() + name[1:]


def _ward_kind(name: str) -> str:
    return "xa" if name.startswith("Xã ") else "phuong"


def _bodies(
    parent: str,
    templates: list[tuple[str, str, str]],
    level: str,
    words: dict[str, str],
    valid_from: dt.date | None = None,
) -> Iterator[UnitSpec]:
    for suffix, organisation_kind, template in templates:
        yield UnitSpec(
            code=f"{parent}-{suffix}",
            name=template.format(**words),
            parent=parent,
            level=level,
            kind="co-quan",
            organisation_kind=organisation_kind,
            valid_from=valid_from,
        )


def _district(district: dict[str, Any]) -> Iterator[UnitSpec]:
    code = district["code"]
    yield UnitSpec(
        code=code,
        name=district["name"],
        parent=district["province"],
        level="huyen",
        kind=district["kind"],
        valid_from=district.get("valid_from"),
        note=district.get("note", ""),
    )
    templates = list(data.DISTRICT_ORGANISATIONS)
    templates[2:2] = [
        data.OPTIONAL_DISTRICT_ORGANISATIONS[key]
        for key in district.get("optional_organisations", [])
    ]
    style = data.DISTRICT_STYLES[district["kind"]]
    yield from _bodies(code, templates, "huyen", {"short": district["short"], **style})
    for ward in district["wards"]:
        ward_code = f"{code}-{code_part(ward)}"
        kind = _ward_kind(ward)
        yield UnitSpec(code=ward_code, name=ward, parent=code, level="xa", kind=kind)
        ward_templates = list(data.WARD_ORGANISATIONS)
        if kind == "xa":
            ward_templates += data.COMMUNE_EXTRA_ORGANISATIONS
        yield from _bodies(ward_code, ward_templates, "xa", {"place": place_phrase(ward)})


def new_ward_code(province: str, name: str) -> str:
    """Post-2025 wards sit under the province: "HN" + "Phường Định Công" → "HN-DINHCONG"."""
    return f"{province}-{code_part(name)}"


def _new_ward(province: str, name: str) -> Iterator[UnitSpec]:
    code = new_ward_code(province, name)
    start = data.TWO_TIER_START
    yield UnitSpec(
        code=code,
        name=name,
        parent=province,
        level="xa",
        kind=_ward_kind(name),
        valid_from=start,
        note=data.NEW_WARDS_NOTE,
    )
    words = {"place": place_phrase(name)}
    yield from _bodies(code, current_data.WARD_BODIES, "xa", words, valid_from=start)
    # The socio-political organisations and the associations sit under the Front.
    front = f"{code}-MTTQ"
    yield from _bodies(front, current_data.FRONT_MEMBERS, "xa", words, valid_from=start)


def _new_residential_areas() -> Iterator[UnitSpec]:
    """Khu dân cư of the new wards, each with its chi bộ, Ban công tác Mặt trận, chi hội."""
    start = data.TWO_TIER_START
    for ward_code, kind, prefix, names in current_data.RESIDENTIAL_AREAS:
        for number, name in enumerate(names, start=1):
            code = f"{ward_code}-{prefix}{number:02d}"
            yield UnitSpec(
                code=code,
                name=name,
                parent=ward_code,
                level="khu-dan-cu",
                kind=kind,
                valid_from=start,
            )
            words = {"area": name[0].lower() + name[1:]}
            yield from _bodies(
                code, current_data.AREA_BODIES, "khu-dan-cu", words, valid_from=start
            )


def _all_units() -> Iterator[UnitSpec]:
    root = data.ROOT
    yield UnitSpec(
        code=root["code"], name=root["name"], parent=None, level=root["level"], kind=root["kind"]
    )
    for province in data.PROVINCES:
        code = province["code"]
        yield UnitSpec(
            code=code,
            name=province["name"],
            parent=root["code"],
            level="tinh",
            kind=province["kind"],
            note=province.get("note", ""),
        )
        for suffix, name, organisation_kind, valid_from in province["organisations"]:
            yield UnitSpec(
                code=f"{code}-{suffix}",
                name=name,
                parent=code,
                level="tinh",
                kind="co-quan",
                organisation_kind=organisation_kind,
                valid_from=valid_from,
            )
    for district in data.DISTRICTS:
        yield from _district(district)
    for ward_code, names in data.RESIDENTIAL_AREAS:
        for number, name in enumerate(names, start=1):
            yield UnitSpec(
                code=f"{ward_code}-TDP{number:02d}",
                name=name,
                parent=ward_code,
                level="khu-dan-cu",
                kind="to-dan-pho",
            )
    for province_code, name, _predecessors in data.NEW_WARDS:
        yield from _new_ward(province_code, name)
    yield from _new_residential_areas()


def unit_specs() -> list[UnitSpec]:
    """Every demo unit, parents first; refuses a code used twice or an unknown parent."""
    specs: list[UnitSpec] = []
    seen: set[str] = set()
    for spec in _all_units():
        if spec.code in seen:
            raise ValueError(f"Mã đơn vị trùng trong dữ liệu trình diễn: {spec.code}")
        if spec.parent is not None and spec.parent not in seen:
            raise ValueError(f"{spec.code}: đơn vị cấp trên {spec.parent} chưa được khai báo")
        seen.add(spec.code)
        specs.append(spec)
    return specs
