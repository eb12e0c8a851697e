"""The lookup rows every install starts with: the four fields of DOMAIN.md §3 and the
recognition levels ("huyện" only until 30/6/2025). The data migration writes them; the
demo loader puts back any that a flushed test database lost (safe to run twice)."""

from __future__ import annotations

import datetime as dt

FIELDS = [
    ("kinh-te", "Kinh tế", 1),
    ("van-hoa-xa-hoi", "Văn hóa – xã hội", 2),
    ("quoc-phong-an-ninh", "Quốc phòng – an ninh", 3),
    ("xay-dung-he-thong-chinh-tri", "Xây dựng hệ thống chính trị", 4),
]
# (code, name, org level code of the recognising unit, rank, valid_to)
LEVELS = [
    ("co-so", "Cấp cơ sở", "xa", 3, None),
    ("huyen", "Cấp huyện", "huyen", 2, dt.date(2025, 6, 30)),
    ("tinh", "Cấp tỉnh", "tinh", 1, None),
]


def ensure_lookups() -> int:
    """Create the missing rows (existing ones are kept as edited); returns how many."""
    from danvan.emulation.models import Field, RecognitionLevel

    created = 0
    for code, name, order in FIELDS:
        created += Field.objects.get_or_create(
            code=code, defaults={"name": name, "sort_order": order}
        )[1]
    for code, name, org_level, rank, valid_to in LEVELS:
        created += RecognitionLevel.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "org_level_code": org_level,
                "rank": rank,
                "valid_to": valid_to,
            },
        )[1]
    return created
