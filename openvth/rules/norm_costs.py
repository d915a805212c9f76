"""Norm costs of the VTH tasks an omgevingsdienst carries out for the authorities that commission them.

Source, in general terms: under the Wet VTH (Wet verbetering vergunningverlening, toezicht en handhaving, 2016;
now Omgevingswet afdeling 18.3 and Omgevingsbesluit hoofdstuk 13) an omgevingsdienst carries out the tasks of its
participating municipalities and province: they commission (opdrachtgever), the service carries out
(opdrachtnemer), for the basistakenpakket they must place with it and for the plustaken they choose to. The
advisory committee on the VTH-stelsel (Commissie Van Aartsen, "Om de leefomgeving", 2021) and the Kamerbrief on
strengthening the VTH-stelsel (2023) ask to finance the services on norms: a standard number of hours per product
times an hourly rate, set against the hours the work really took. No law fixes the numbers: DEFAULT_NORM_HOURS are
this installation's shipped assumptions until a service stores its own version; every number is configurable.

Pure Python: money is Decimal, rounded to cents half up at the end of each sum (never per hour).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from openvth.rules.labels import LabelledEnum
from openvth.rules.quality import TaskArea

SOURCE = (
    "Wet VTH (2016), nu Omgevingswet afd. 18.3 en Omgevingsbesluit hfdst. 13: opdrachtgever (bevoegd gezag) en "
    "opdrachtnemer (omgevingsdienst); normfinanciering als voorgesteld door de Commissie Van Aartsen (2021) en de "
    "Kamerbrief versterking VTH-stelsel (2023)"
)
CENT = Decimal("0.01")
MAX_NORM_HOURS = Decimal(10_000)  # more for one product is a typing error


class Product(LabelledEnum):
    INSPECTION = "inspectie", "Inspectie"
    INSPECTION_COMPLEX = "inspectie-complex", "Inspectie complex bedrijf (IED/Brzo)"
    PERMIT_REGULAR = "vergunning-regulier", "Vergunningaanvraag (reguliere procedure)"
    PERMIT_EXTENDED = "vergunning-uitgebreid", "Vergunningaanvraag (uitgebreide procedure)"
    ENFORCEMENT_CASE = "handhavingszaak", "Handhavingszaak"


PRODUCT_LABELS = Product.labels()
PRODUCT_AREA = {
    Product.INSPECTION: TaskArea.SUPERVISION,
    Product.INSPECTION_COMPLEX: TaskArea.SUPERVISION_COMPLEX,
    Product.PERMIT_REGULAR: TaskArea.PERMITS,
    Product.PERMIT_EXTENDED: TaskArea.PERMITS_COMPLEX,
    Product.ENFORCEMENT_CASE: TaskArea.ENFORCEMENT_LEGAL,
}
DEFAULT_NORM_HOURS = {
    Product.INSPECTION: Decimal(8),
    Product.INSPECTION_COMPLEX: Decimal(40),
    Product.PERMIT_REGULAR: Decimal(24),
    Product.PERMIT_EXTENDED: Decimal(120),
    Product.ENFORCEMENT_CASE: Decimal(16),
}


class Package(LabelledEnum):
    """The basistakenpakket an authority must place with its service, or the plustaken it chooses to."""

    BASIS = "basis", "basistakenpakket"
    PLUS = "plus", "plustaken"


PACKAGE_LABELS = Package.labels()


class NoRate(ValueError):
    """No hourly rate is set for the year: a cost cannot be computed (never silently zero)."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(f"Er is geen uurtarief voor {year} vastgesteld.")


class NormHoursError(ValueError):
    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{key}: {message}" for key, message in errors.items()))


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def rate_for(rates: Mapping[int, Decimal], year: int) -> Decimal:
    """The hourly rate of `year`; NoRate when none is set."""
    rate = rates.get(year)
    if rate is None:
        raise NoRate(year)
    return rate


def cost(hours: Decimal, rate: Decimal) -> Decimal:
    """Hours × rate in euro, rounded to cents once (zero hours cost nothing)."""
    return cents(Decimal(hours) * Decimal(rate))


@dataclass(frozen=True)
class Comparison:
    """The norm (products × standard hours × rate) against the hours realised (× the same rate)."""

    products: int
    norm_hours: Decimal
    realised_hours: Decimal
    norm_cost: Decimal
    realised_cost: Decimal

    @property
    def difference(self) -> Decimal:
        """Realised minus norm: above zero the work cost more than the norm."""
        return self.realised_cost - self.norm_cost

    @property
    def ratio(self) -> Decimal | None:
        """Realised hours per norm hour (None without a norm to compare with)."""
        if not self.norm_hours:
            return None
        return (self.realised_hours / self.norm_hours).quantize(CENT, rounding=ROUND_HALF_UP)


def compare(products: int, standard_hours: Decimal | None, realised_hours: Decimal, rate: Decimal) -> Comparison:
    """`products` done with `standard_hours` each (None: no norm, e.g. a sheet line per task area) against the
    `realised_hours` they took, both at `rate`."""
    if products < 0 or realised_hours < 0:
        raise ValueError("Aantallen en uren zijn niet negatief.")
    norm_hours = Decimal(products) * standard_hours if standard_hours is not None else Decimal(0)
    return Comparison(products, norm_hours, Decimal(realised_hours), cost(norm_hours, rate), cost(realised_hours, rate))


def parse_norm_hours(values: Mapping[str, object] | None) -> dict[str, str]:
    """A stored table: every product with its standard hours (more than 0, at most MAX_NORM_HOURS, one decimal);
    a product missing keeps the shipped default. Every fault at once as NormHoursError."""
    if values is not None and not isinstance(values, Mapping):
        raise NormHoursError({"norm_hours": "geef per product het aantal normuren."})
    values = values or {}
    errors: dict[str, str] = {}
    unknown = [key for key in values if key not in set(Product)]
    for key in unknown:
        errors[str(key)] = f"onbekend product (kies uit {', '.join(Product)})."
    table: dict[str, str] = {}
    for product in Product:
        raw = values.get(product.value, DEFAULT_NORM_HOURS[product])
        try:
            hours = Decimal(str(raw).strip().replace(",", "."))
        except InvalidOperation:
            hours = None
        if hours is None or not hours.is_finite() or not Decimal(0) < hours <= MAX_NORM_HOURS:
            errors[product.value] = f"geef een aantal uren groter dan 0 en ten hoogste {MAX_NORM_HOURS}, niet '{raw}'."
        elif hours != hours.quantize(Decimal("0.1")):
            errors[product.value] = f"ten hoogste één decimaal, niet '{raw}'."
        else:
            table[product.value] = str(hours.quantize(Decimal("0.1")))
    if errors:
        raise NormHoursError(errors)
    return table


def norm_hours(stored: Mapping[str, str] | None) -> dict[str, Decimal]:
    """The standard hours per product of a stored table (the default for what it lacks)."""
    stored = stored or {}
    return {p.value: Decimal(stored[p.value]) if p.value in stored else DEFAULT_NORM_HOURS[p] for p in Product}


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_budget(amount: Decimal, quarter: int) -> Decimal:
    """A year's budget spread evenly over the quarters in cents; the fourth takes the rest, so the four add up."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"Kwartaal 1 tot en met 4, niet {quarter}.")
    part = (Decimal(amount) / 4).quantize(CENT, rounding=ROUND_HALF_UP)
    return part if quarter < 4 else Decimal(amount) - 3 * part


def inspection_product(*, complex_establishment: bool, brzo_system: bool) -> Product:
    """An inspection of an IED installation or Brzo establishment (or a Brzo system inspection) is complex."""
    return Product.INSPECTION_COMPLEX if complex_establishment or brzo_system else Product.INSPECTION


def application_product(*, extended: bool) -> Product:
    return Product.PERMIT_EXTENDED if extended else Product.PERMIT_REGULAR
