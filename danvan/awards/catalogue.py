"""The forms of award and who may give them, as data (Luật Thi đua, khen thưởng 06/2022/QH15).

``FORMS`` and ``AUTHORITIES`` are the starting table; :func:`catalogue_ensure` writes the
rows that are missing (the data migration and the demo call it; administrators then edit
the rows in the admin). An authority names an issuing level by its ``org.OrgLevel`` code
and, optionally, a kind of body by its ``org.OrganisationKind`` code; a row whose level or
kind does not exist yet is skipped, and written by a later call once it does.

The district level's powers end on 30/6/2025 (DOMAIN.md §6, §6b): the districts ended on
01/7/2025. Which commune-level powers the 2025 amendments added is not verified (⚠ DOMAIN
§6b): those rows are dated from 01/7/2025 and say so in their ``basis``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

DISTRICT_END = dt.date(2025, 6, 30)
TWO_TIER_START = dt.date(2025, 7, 1)
LAW = "Luật Thi đua, khen thưởng 06/2022/QH15"
CHECK = f"{LAW}; ⚠ cần đối chiếu các văn bản sửa đổi năm 2025"

# (code, name, category, collective, individual, household)
FORMS: list[tuple[str, str, str, bool, bool, bool]] = [
    ("giay-khen", "Giấy khen", "khen_thuong", True, True, True),
    ("bang-khen", "Bằng khen", "khen_thuong", True, True, True),
    ("co-thi-dua", "Cờ thi đua", "danh_hieu", True, False, False),
    ("tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc", "danh_hieu", True, False, False),
    ("tap-the-lao-dong-tien-tien", "Tập thể lao động tiên tiến", "danh_hieu", True, False, False),
    ("chien-si-thi-dua-tinh", "Chiến sĩ thi đua cấp tỉnh", "danh_hieu", False, True, False),
    ("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", "danh_hieu", False, True, False),
    ("lao-dong-tien-tien", "Lao động tiên tiến", "danh_hieu", False, True, False),
    ("gia-dinh-van-hoa", "Gia đình văn hóa", "danh_hieu", False, False, True),
]

# (form, level, organisation kind or None = any body of the level, who, from, to, basis)
AUTHORITIES: list[tuple[str, str, str | None, str, dt.date | None, dt.date | None, str]] = [
    ("giay-khen", "tinh", None, "Thủ trưởng cơ quan, tổ chức cấp tỉnh", None, None, LAW),
    ("giay-khen", "huyen", "chinh-quyen", "Chủ tịch UBND cấp huyện", None, DISTRICT_END, LAW),
    ("giay-khen", "huyen", "cap-uy", "Ban Thường vụ huyện ủy, quận ủy", None, DISTRICT_END, LAW),
    (
        "giay-khen",
        "huyen",
        "mttq",
        "Ban Thường trực Ủy ban MTTQ cấp huyện",
        None,
        DISTRICT_END,
        LAW,
    ),
    ("giay-khen", "xa", "chinh-quyen", "Chủ tịch UBND cấp xã", None, None, LAW),
    ("giay-khen", "xa", "cap-uy", "Ban Thường vụ Đảng ủy xã, phường", TWO_TIER_START, None, CHECK),
    ("giay-khen", "xa", "mttq", "Ban Thường trực Ủy ban MTTQ cấp xã", None, None, LAW),
    ("bang-khen", "trung-uong", None, "Bộ, ban, ngành, đoàn thể trung ương", None, None, LAW),
    ("bang-khen", "tinh", "chinh-quyen", "Chủ tịch UBND cấp tỉnh", None, None, LAW),
    ("bang-khen", "tinh", "cap-uy", "Ban Thường vụ Tỉnh ủy, Thành ủy", None, None, LAW),
    ("bang-khen", "tinh", "mttq", "Ban Thường trực Ủy ban MTTQ cấp tỉnh", None, None, LAW),
    ("co-thi-dua", "trung-uong", None, "Bộ, ban, ngành, đoàn thể trung ương", None, None, LAW),
    ("co-thi-dua", "tinh", "chinh-quyen", "Chủ tịch UBND cấp tỉnh", None, None, LAW),
    ("tap-the-lao-dong-xuat-sac", "tinh", "chinh-quyen", "Chủ tịch UBND cấp tỉnh", None, None, LAW),
    ("tap-the-lao-dong-tien-tien", "tinh", None, "Thủ trưởng cơ quan cấp tỉnh", None, None, LAW),
    (
        "tap-the-lao-dong-tien-tien",
        "huyen",
        "chinh-quyen",
        "Chủ tịch UBND cấp huyện",
        None,
        DISTRICT_END,
        LAW,
    ),
    (
        "tap-the-lao-dong-tien-tien",
        "xa",
        "chinh-quyen",
        "Chủ tịch UBND cấp xã",
        TWO_TIER_START,
        None,
        CHECK,
    ),
    ("chien-si-thi-dua-tinh", "tinh", "chinh-quyen", "Chủ tịch UBND cấp tỉnh", None, None, LAW),
    ("chien-si-thi-dua-co-so", "tinh", None, "Thủ trưởng cơ quan cấp tỉnh", None, None, LAW),
    (
        "chien-si-thi-dua-co-so",
        "huyen",
        "chinh-quyen",
        "Chủ tịch UBND cấp huyện",
        None,
        DISTRICT_END,
        LAW,
    ),
    (
        "chien-si-thi-dua-co-so",
        "xa",
        "chinh-quyen",
        "Chủ tịch UBND cấp xã",
        TWO_TIER_START,
        None,
        CHECK,
    ),
    ("lao-dong-tien-tien", "tinh", None, "Thủ trưởng cơ quan cấp tỉnh", None, None, LAW),
    (
        "lao-dong-tien-tien",
        "huyen",
        "chinh-quyen",
        "Chủ tịch UBND cấp huyện",
        None,
        DISTRICT_END,
        LAW,
    ),
    ("lao-dong-tien-tien", "xa", "chinh-quyen", "Chủ tịch UBND cấp xã", None, None, LAW),
    ("gia-dinh-van-hoa", "xa", "chinh-quyen", "Chủ tịch UBND cấp xã", None, None, LAW),
]


def catalogue_ensure(registry: Any = None) -> int:
    """Write the missing forms and authorities; returns how many rows were written.
    ``registry`` is a migration's app registry (None: the live models). Rows already
    there are left as an administrator may have edited them."""
    if registry is None:
        from django.apps import apps as registry
    form_model = registry.get_model("awards", "AwardForm")
    authority_model = registry.get_model("awards", "AwardAuthority")
    level_model = registry.get_model("org", "OrgLevel")
    kind_model = registry.get_model("org", "OrganisationKind")
    written = 0
    forms = {}
    for order, (code, name, category, collective, individual, household) in enumerate(FORMS):
        form, created = form_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "category": category,
                "for_collective": collective,
                "for_individual": individual,
                "for_household": household,
                "basis": LAW,
                "sort_order": order,
            },
        )
        forms[code] = form
        written += int(created)
    levels = {row.code: row for row in level_model.objects.all()}
    kinds = {row.code: row for row in kind_model.objects.all()}
    for form_code, level_code, kind_code, who, start, end, basis in AUTHORITIES:
        level = levels.get(level_code)
        kind = kinds.get(kind_code) if kind_code else None
        if level is None or (kind_code and kind is None):
            continue
        _, created = authority_model.objects.get_or_create(
            form=forms[form_code],
            level=level,
            organisation_kind=kind,
            valid_from=start,
            defaults={"valid_to": end, "authority_title": who, "basis": basis},
        )
        written += int(created)
    return written
