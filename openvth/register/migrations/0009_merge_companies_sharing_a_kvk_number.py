"""Before one company per KvK number is a database constraint (0010): active companies that share a KvK number are
merged into the oldest of them, as `services.merge` does it. Their establishments move to the kept company, the others
stay as history with `merged_into` set, and both sides get a change record. A database without such pairs (every new
one) is not touched. Its own migration: on PostgreSQL the unique index cannot be built in the transaction that
changed the rows (pending deferred foreign-key checks)."""

from django.db import migrations
from django.db.models import Count

NOTE_KEPT = "Samengevoegd met {names}: één bedrijf per KvK-nummer (migratie)"
NOTE_MERGED = "Samengevoegd in {keep}: één bedrijf per KvK-nummer (migratie)"


def _label(company) -> str:
    return f"{company.name} ({company.kvk_number})"


def merge_shared_kvk_numbers(apps, schema_editor):
    Company = apps.get_model("register", "Company")
    Establishment = apps.get_model("register", "Establishment")
    ChangeRecord = apps.get_model("core", "ChangeRecord")
    ContentType = apps.get_model("contenttypes", "ContentType")
    active = Company.objects.filter(merged_into__isnull=True).exclude(kvk_number="")
    shared = active.values("kvk_number").annotate(n=Count("id")).filter(n__gt=1).values_list("kvk_number", flat=True)
    shared = list(shared)
    if not shared:
        return
    kinds = {
        model: ContentType.objects.get_or_create(app_label="register", model=model)[0]
        for model in ("company", "establishment")
    }
    records = []
    for kvk_number in shared:
        keep, *duplicates = active.filter(kvk_number=kvk_number).order_by("id")
        for duplicate in duplicates:
            for establishment in Establishment.objects.filter(company=duplicate):
                records.append(
                    ChangeRecord(
                        content_type=kinds["establishment"],
                        object_id=establishment.pk,
                        action="update",
                        changes={"company": [_label(duplicate), _label(keep)]},
                        note=NOTE_MERGED.format(keep=_label(keep)),
                    )
                )
            Establishment.objects.filter(company=duplicate).update(company=keep)
            records.append(
                ChangeRecord(
                    content_type=kinds["company"],
                    object_id=duplicate.pk,
                    action="merge",
                    changes={"merged_into": [None, _label(keep)]},
                    note=NOTE_MERGED.format(keep=_label(keep)),
                )
            )
        Company.objects.filter(pk__in=[d.pk for d in duplicates]).update(merged_into=keep)
        names = ", ".join(_label(d) for d in duplicates)
        records.append(
            ChangeRecord(
                content_type=kinds["company"],
                object_id=keep.pk,
                action="merge",
                changes={},
                note=NOTE_KEPT.format(names=names),
            )
        )
    ChangeRecord.objects.bulk_create(records, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0008_legal_forms_of_natural_persons"),
        ("core", "0002_alter_changerecord_action"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(merge_shared_kvk_numbers, migrations.RunPython.noop)]
