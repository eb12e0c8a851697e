"""The forms of award and their dated authorities (danvan.awards.catalogue)."""

from django.db import migrations


def add(apps, schema_editor):
    from danvan.awards.catalogue import catalogue_ensure

    catalogue_ensure(apps)


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
