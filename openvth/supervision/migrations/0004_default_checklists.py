"""Default checklists: a general one and one per main activity type, version 1 from 1 January 2024.

The rows live in openvth/supervision/data/checklists.csv with their sources in its comment header. Running the
migration again adds what is missing and never deletes; a changed checklist is a new version, made by an
administrator.
"""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "checklists.csv"
VALID_FROM = date(2024, 1, 1)  # the Omgevingswet and the Bal entered into force


def read_checklists() -> list[dict[str, str]]:
    with open(DATA, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def load_checklists(apps, schema_editor):
    ActivityType = apps.get_model("register", "ActivityType")
    ChecklistTemplate = apps.get_model("supervision", "ChecklistTemplate")
    ChecklistVersion = apps.get_model("supervision", "ChecklistVersion")
    ChecklistItem = apps.get_model("supervision", "ChecklistItem")
    activity_types = {a.code: a for a in ActivityType.objects.all()}
    versions = {}
    for row in read_checklists():
        code = row["activity_code"]
        if code and code not in activity_types:
            continue  # an administrator removed the activity type: no checklist for it
        if row["checklist"] not in versions:
            template, _ = ChecklistTemplate.objects.get_or_create(
                name=row["checklist"], defaults={"activity_type": activity_types.get(code)}
            )
            versions[row["checklist"]], _ = ChecklistVersion.objects.get_or_create(
                template=template, number=1, defaults={"valid_from": VALID_FROM}
            )
        ChecklistItem.objects.get_or_create(
            version=versions[row["checklist"]],
            position=int(row["position"]),
            defaults={"text": row["text"], "rule_hint": row["rule_hint"]},
        )


class Migration(migrations.Migration):
    dependencies = [("supervision", "0003_planned_visit_postponed"), ("register", "0003_default_catalogues")]

    operations = [migrations.RunPython(load_checklists, migrations.RunPython.noop)]
