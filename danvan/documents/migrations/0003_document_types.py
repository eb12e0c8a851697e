"""The document types of Hướng dẫn 36-HD/VPTW and Nghị định 30/2020 (DOMAIN.md §1)."""

from django.db import migrations

# (name, Party symbol, State symbol)
TYPES = [
    ("Nghị quyết", "NQ", "NQ"),
    ("Quyết định", "QĐ", "QĐ"),
    ("Chỉ thị", "CT", "CT"),
    ("Kết luận", "KL", ""),
    ("Quy chế", "QC", "QC"),
    ("Quy định", "QĐi", "QyĐ"),
    ("Hướng dẫn", "HD", "HD"),
    ("Thông tri", "TT", ""),
    ("Thông báo", "TB", "TB"),
    ("Báo cáo", "BC", "BC"),
    ("Tờ trình", "TTr", "TTr"),
    ("Kế hoạch", "KH", "KH"),
    ("Chương trình", "CTr", "CTr"),
    ("Công văn", "CV", ""),
    ("Biên bản", "BB", "BB"),
    ("Đề án", "ĐA", "ĐA"),
    ("Bản sao", "BS", ""),
    ("Chương trình hành động", "CTHĐ", ""),
    ("Giấy mời", "GM", "GM"),
    ("Nghị định", "", "NĐ"),
    ("Thông tư", "", "TT"),
    ("Luật", "", ""),
]


def add(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for order, (name, party, state) in enumerate(TYPES, start=1):
        DocumentType.objects.get_or_create(
            name=name,
            defaults={"party_symbol": party, "state_symbol": state, "sort_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
