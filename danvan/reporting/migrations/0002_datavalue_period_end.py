"""DataValue.period_end: the last day of the value's period, so aggregation can tell which
finer values a coarser one covers. Filled per distinct period code (a few hundred
updates, whatever the number of rows)."""

from django.db import migrations, models


def fill_period_end(apps, schema_editor):
    from danvan.lib import periods

    DataValue = apps.get_model("reporting", "DataValue")
    codes = DataValue.objects.values_list("period", flat=True).distinct()
    for code in list(codes):
        DataValue.objects.filter(period=code).update(period_end=periods.parse(code).end)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="datavalue",
            name="period_end",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.RunPython(fill_period_end, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="datavalue",
            name="period_end",
            field=models.DateField(editable=False),
        ),
    ]
