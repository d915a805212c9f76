"""Why a visit is due as a code: RiskAppraisal.due_kind (openvth.rules.risk.DueKind), filled from the stored words."""

from django.db import migrations, models

# the words the appraisals were stored with before they had a code (openvth.rules.risk.DUE_LABELS); every other
# text was "interval N maanden"
REVISIT = "extra bezoek binnen 6 maanden na ernstige overtreding (RIE art. 23 lid 4)"
NEVER_VISITED = "nooit bezocht"


def codes(apps, schema_editor):
    RiskAppraisal = apps.get_model("supervision", "RiskAppraisal")
    RiskAppraisal.objects.filter(due_reason=REVISIT).update(due_kind="revisit")
    RiskAppraisal.objects.filter(due_reason=NEVER_VISITED).update(due_kind="never_visited")


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0006_visit_day_not_applicable"),
    ]

    operations = [
        migrations.AddField(
            model_name="riskappraisal",
            name="due_kind",
            field=models.CharField(
                choices=[
                    ("interval", "interval na het laatste bezoek"),
                    ("never_visited", "nooit bezocht"),
                    ("revisit", "hercontrole na ernstige overtreding"),
                ],
                default="interval",
                max_length=20,
                verbose_name="soort termijn",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(codes, migrations.RunPython.noop),
    ]
