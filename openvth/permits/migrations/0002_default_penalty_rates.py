"""The Awb 4:17 penalty amounts in force since 1 October 2009: €23, €35 and €45 a day (days 1-14, 15-28, 29-42)."""

from datetime import date
from decimal import Decimal

from django.db import migrations

DEFAULT_RATES = [
    (date(2009, 10, 1), 1, 14, Decimal("23.00")),
    (date(2009, 10, 1), 15, 28, Decimal("35.00")),
    (date(2009, 10, 1), 29, 42, Decimal("45.00")),
]


def load_rates(apps, schema_editor):
    PenaltyRate = apps.get_model("permits", "PenaltyRate")
    for valid_from, first_day, last_day, amount in DEFAULT_RATES:
        PenaltyRate.objects.get_or_create(
            valid_from=valid_from, first_day=first_day, defaults={"last_day": last_day, "amount_per_day": amount}
        )


def remove_rates(apps, schema_editor):
    PenaltyRate = apps.get_model("permits", "PenaltyRate")
    for valid_from, first_day, _last_day, _amount in DEFAULT_RATES:
        PenaltyRate.objects.filter(valid_from=valid_from, first_day=first_day).delete()


class Migration(migrations.Migration):
    dependencies = [("permits", "0001_initial")]

    operations = [migrations.RunPython(load_rates, remove_rates)]
