"""The document type of a phiếu chuyển đơn (NĐ 30/2020 Phụ lục III: «Phiếu chuyển», PC),
which the register's catalogue of 0003_document_types did not have. Safe to run twice
(danvan.core.catalogues)."""

from django.db import migrations

NAME, PARTY, STATE = "Phiếu chuyển", "PC", "PC"


def seed(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    if DocumentType.objects.filter(name=NAME).exists():
        return
    last = DocumentType.objects.order_by("-sort_order").values_list("sort_order", flat=True)
    DocumentType.objects.create(
        name=NAME,
        party_symbol=PARTY,
        state_symbol=STATE,
        sort_order=(last.first() or 0) + 1,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0003_attachments_letters"),
        ("documents", "0003_document_types"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
