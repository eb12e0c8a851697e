"""The kinds of meeting the issue names; administrators add more in the admin."""

from django.db import migrations

KINDS = [
    ("giao-ban-thang", "Giao ban tháng"),
    ("giao-ban-quy", "Giao ban quý"),
    ("so-ket", "Sơ kết"),
    ("tong-ket", "Tổng kết"),
    ("trien-khai", "Triển khai"),
    ("chuyen-de", "Chuyên đề"),
    ("tap-huan", "Tập huấn"),
    ("hoi-thao", "Hội thảo, tọa đàm"),
]


def add(apps, schema_editor):
    MeetingKind = apps.get_model("meetings", "MeetingKind")
    for order, (code, name) in enumerate(KINDS, start=1):
        MeetingKind.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
