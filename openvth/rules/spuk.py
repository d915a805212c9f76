"""The SPUK IBP VTH: the specific grant (specifieke uitkering) for the omgevingsdiensten.

Source: Kamerbrief voortgang versterking VTH-stelsel 2023, "Voortgang Specifieke uitkering IBP VTH": "Met een regeling
is een specifieke uitkering voor alle omgevingsdiensten van in totaal 15 miljoen euro mogelijk gemaakt" (Staatscourant
2022, nr. 24446), "De focus bij de aanvragen ligt hierbij op scholing, arbeidsmarkt en verbetering datakwaliteit."
"""

from decimal import Decimal

from openvth.rules.labels import LabelledEnum

NATIONAL_TOTAL = Decimal("15000000.00")
SOURCE = "Kamerbrief voortgang versterking VTH-stelsel 2023; Staatscourant 2022, nr. 24446"


class Purpose(LabelledEnum):
    TRAINING = "training", "scholing"
    LABOUR_MARKET = "labour_market", "arbeidsmarkt"
    DATA_QUALITY = "data_quality", "verbetering datakwaliteit"


PURPOSE_LABELS = Purpose.labels()


def over_spent(amount: Decimal, spent_before: Decimal, spent_now: Decimal) -> bool:
    """Whether a quarter's spending would take a grant's total spending beyond the amount granted."""
    return spent_before + spent_now > amount


def share(part: Decimal, whole: Decimal) -> Decimal:
    """Part of a whole in percent, one decimal (0 for an empty whole)."""
    if not whole:
        return Decimal("0.0")
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"))
