"""Data-quality rules: which records of an organisation are incomplete, invalid, late or inconsistent.

Not legal rules (those live in openvth/rules): quality checks on what the system holds. Each rule is a row of
RULES with a predicate `failing(today)` that selects the failing records as a Q on its record type, so a score is
one grouped COUNT per rule over the whole table and the failing records are the same Q on a list page.
A record counts for the organisation that owns it (`owner`; a finding and a term through their inspection and case).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Value
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import Exact, GreaterThan, LessThan
from django.utils.translation import gettext_lazy as _

from openvth.enforcement.models import Deadline, EnforcementCase
from openvth.register.models import Establishment
from openvth.rules import formats
from openvth.supervision.models import Finding, Inspection
from openvth.supervision.selectors.inspections import IED_REPORT_PUBLIC_MONTHS, IED_REPORT_SENT_MONTHS


class Dimension(models.TextChoices):
    COMPLETE = "complete", _("volledig")
    VALID = "valid", _("geldig")
    TIMELY = "timely", _("tijdig")
    CONSISTENT = "consistent", _("consistent")


@dataclass(frozen=True)
class RecordType:
    model: type[models.Model]
    owner: str  # the path to the owning organisation's id
    url_name: str  # the page of a failing record
    url_pk: str  # the path to that page's pk
    label: str


ESTABLISHMENT = RecordType(Establishment, "owner_id", "register:establishment", "pk", _("vestiging"))
INSPECTION = RecordType(Inspection, "owner_id", "supervision:inspection", "pk", _("inspectie"))
FINDING = RecordType(Finding, "inspection__owner_id", "supervision:inspection", "inspection_id", _("bevinding"))
CASE = RecordType(EnforcementCase, "owner_id", "enforcement:case", "pk", _("handhavingszaak"))
DEADLINE = RecordType(Deadline, "case__owner_id", "enforcement:case", "case_id", _("termijn"))


@dataclass(frozen=True)
class Rule:
    code: str
    record_type: RecordType
    dimension: Dimension
    description: str
    failing: Callable[[date], Q]


def _month_index(field: str):
    return ExtractYear(field) * 12 + ExtractMonth(field)


def later_than_months(event: str, done: str, months: int, today: date) -> Q:
    """`done` (or, while empty, `today`) falls after openvth.rules.terms.add_months(event, months): the IED report
    deadline of openvth.supervision.selectors.inspections in SQL. add_months keeps the day number and clamps it to
    the month's last day, so in the deadline's month a day is late exactly when it exceeds the event's day."""
    due_month = _month_index(event) + months
    done_month = _month_index(done)
    late_done = Q(**{f"{done}__isnull": False}) & Q(
        GreaterThan(done_month, due_month)
        | (Exact(done_month, due_month) & GreaterThan(ExtractDay(done), ExtractDay(event)))
    )
    today_month = Value(today.year * 12 + today.month)
    late_open = Q(**{f"{done}__isnull": True}) & Q(
        LessThan(due_month, today_month) | (Exact(due_month, today_month) & LessThan(ExtractDay(event), today.day))
    )
    return late_done | late_open


def ied_site_visit() -> Q:
    """IED art. 23(6) applies to the site visits of an IED installation (supervision.selectors.is_ied_site_visit)."""
    return Q(establishment__ied=True, performed_on__isnull=False) & ~Q(kind=Inspection.Kind.ADMINISTRATIVE)


def _postcode_valid() -> Q:
    # stored as formats.postcode gives it: `1234 AB`, never the letters SA, SD or SS
    letters = "|".join(sorted(formats._NEVER_ISSUED_POSTCODE_LETTERS))
    return Q(postcode__regex=r"^[1-9][0-9]{3} [A-Z]{2}$") & ~Q(postcode__regex=rf" ({letters})$")


def _outside_rd() -> Q:
    (x_min, x_max), (y_min, y_max) = formats.RD_X_BOUNDS, formats.RD_Y_BOUNDS
    return Q(rd_x__lt=x_min) | Q(rd_x__gt=x_max) | Q(rd_y__lt=y_min) | Q(rd_y__gt=y_max)


def _without_finding() -> Q:
    linked = EnforcementCase.findings.through.objects.filter(enforcementcase_id=OuterRef("pk"))
    return Q(parent__isnull=True) & ~Q(Exists(linked))  # an objection case follows its parent's decision


RULES: tuple[Rule, ...] = (
    Rule("vestiging-kvk", ESTABLISHMENT, Dimension.COMPLETE, _("Vestiging zonder KvK-vestigingsnummer."),
         lambda today: Q(kvk_vestigingsnummer="")),
    Rule("vestiging-bag", ESTABLISHMENT, Dimension.COMPLETE, _("Vestiging zonder BAG-nummeraanduiding."),
         lambda today: Q(bag_nummeraanduiding_id="")),
    Rule("vestiging-coordinaten", ESTABLISHMENT, Dimension.COMPLETE, _("Vestiging zonder RD-coördinaten."),
         lambda today: Q(rd_x__isnull=True) | Q(rd_y__isnull=True)),
    Rule("vestiging-kvk-formaat", ESTABLISHMENT, Dimension.VALID,
         _("Vestigingsnummer is niet 12 cijfers (Handelsregisterwet 2007)."),
         lambda today: ~Q(kvk_vestigingsnummer="") & ~Q(kvk_vestigingsnummer__regex=r"^[0-9]{12}$")),
    Rule("vestiging-bag-formaat", ESTABLISHMENT, Dimension.VALID,
         _("BAG-nummeraanduiding-id is niet 16 cijfers met objecttypecode 20 (Catalogus BAG 2018)."),
         lambda today: ~Q(bag_nummeraanduiding_id="")
         & ~Q(bag_nummeraanduiding_id__regex=rf"^[0-9]{{4}}{formats.BAG_NUMMERAANDUIDING_TYPE}[0-9]{{10}}$")),
    Rule("vestiging-postcode", ESTABLISHMENT, Dimension.VALID, _("Postcode heeft niet de vorm '1234 AB'."),
         lambda today: ~_postcode_valid()),
    Rule("vestiging-rd-bereik", ESTABLISHMENT, Dimension.VALID,
         _("RD-coördinaten buiten Nederland (EPSG:28992)."), lambda today: _outside_rd()),
    Rule("inspectie-rapport-verzonden", INSPECTION, Dimension.TIMELY,
         _("IED-rapport niet binnen 2 maanden na het bezoek verzonden (RIE art. 23 lid 6)."),
         lambda today: ied_site_visit()
         & later_than_months("performed_on", "report_sent_on", IED_REPORT_SENT_MONTHS, today)),
    Rule("inspectie-rapport-openbaar", INSPECTION, Dimension.TIMELY,
         _("IED-rapport niet binnen 4 maanden na het bezoek openbaar (RIE art. 23 lid 6)."),
         lambda today: ied_site_visit()
         & later_than_months("performed_on", "report_published_on", IED_REPORT_PUBLIC_MONTHS, today)),
    Rule("handhaving-termijn", DEADLINE, Dimension.TIMELY,
         _("Termijn van een handhavingsstap niet op tijd afgehandeld."),
         # a passive term runs out without anyone acting on it
         lambda today: Q(passive=False) & (Q(done_on__gt=F("due_on")) | Q(done_on__isnull=True, due_on__lt=today))),
    Rule("inspectie-zonder-datum", INSPECTION, Dimension.CONSISTENT, _("Afgesloten inspectie zonder bezoekdatum."),
         lambda today: Q(status=Inspection.Status.CLOSED, performed_on__isnull=True)),
    Rule("bevinding-zonder-voorschrift", FINDING, Dimension.CONSISTENT,
         _("Bevinding zonder tekst van het voorschrift en zonder algemene regel."),
         lambda today: Q(provision_text="", general_rule="")),
    Rule("zaak-zonder-bevinding", CASE, Dimension.CONSISTENT,
         _("Handhavingszaak zonder bevinding (een bezwaarzaak uitgezonderd)."), lambda today: _without_finding()),
)  # fmt: skip
BY_CODE = {rule.code: rule for rule in RULES}


def counts(rule: Rule, *, today: date) -> dict[int | None, tuple[int, int]]:
    """(records, failing) per owning organisation, and for None the country: one grouped COUNT."""
    kind = rule.record_type
    rows = (
        kind.model.objects.order_by()
        .values(kind.owner)
        .annotate(total=Count("pk"), failing=Count("pk", filter=rule.failing(today)))
        .values_list(kind.owner, "total", "failing")
    )
    result: dict[int | None, tuple[int, int]] = {owner: (total, failing) for owner, total, failing in rows}
    result[None] = (sum(t for t, _ in result.values()), sum(f for _, f in result.values()))
    return result
