"""Default catalogues: the basistakenpakket categories and the milieubelastende activiteiten.

The rows live in openvth/register/data/*.csv, each with its legal basis in a comment header. Running the
migration again (or after an administrator changed names) updates by code and never deletes.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def read_catalogue(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


def load_catalogues(apps, schema_editor):
    TaskCategory = apps.get_model("register", "TaskCategory")
    ActivityType = apps.get_model("register", "ActivityType")
    for row in read_catalogue("task_categories.csv"):
        TaskCategory.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "order": int(row["order"])}
        )
    for row in read_catalogue("activity_types.csv"):
        ActivityType.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "ied_category": row["ied_category"]}
        )


class Migration(migrations.Migration):
    dependencies = [("register", "0002_search_trigram")]

    operations = [migrations.RunPython(load_catalogues, migrations.RunPython.noop)]
