"""The four fields of DOMAIN.md §3 and the recognition levels (huyện only before 1/7/2025)."""

import datetime as dt

from django.db import migrations

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


def seed(apps, schema_editor):
    Field = apps.get_model("emulation", "Field")
    Level = apps.get_model("emulation", "RecognitionLevel")
    for code, name, order in FIELDS:
        Field.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    for code, name, org_level, rank, valid_to in LEVELS:
        Level.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "org_level_code": org_level,
                "rank": rank,
                "valid_to": valid_to,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
