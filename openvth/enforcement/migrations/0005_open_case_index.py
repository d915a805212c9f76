from django.db import migrations, models


class Migration(migrations.Migration):
    """A partial index of the open cases: the work queue reads the few thousand open cases of the country, not the
    whole table."""

    dependencies = [
        ("enforcement", "0004_clock_defaults"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="enforcementcase",
            index=models.Index(
                condition=models.Q(("closed_on__isnull", True)), fields=["opened_on", "id"], name="open_case_opened"
            ),
        ),
    ]
