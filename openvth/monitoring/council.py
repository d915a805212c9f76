"""The yearly report to a council or provincial states (issue 21, item 6): what the omgevingsdiensten did for one
commissioning authority in one year, in plain Dutch. The horizontal accountability of the seed letter
(recommendation 9: information to councils and provincial states).

Everything counts the authority's own work: the establishments it is the competent authority for, its
applications and its enforcement cases; the cost against budget comes from openvth.costs. No person is named.
Who reads it: the authority itself, the services that work for it, and the ministry's programme office.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from openvth.costs import selectors as costs
from openvth.enforcement.models import EnforcementCase, Sanction
from openvth.permits.models import Application
from openvth.permits.selectors import application_term, penalty_rates
from openvth.register.models import Organisation
from openvth.supervision.models import Finding, Inspection, PlannedVisit

from .selectors import sees_country

TEMPLATE = "monitoring/council_report.html"  # the PDF; the page is council_report_page.html
AUTHORITY_KINDS = (Organisation.Kind.MUNICIPALITY, Organisation.Kind.PROVINCE)


def authorities(user) -> list[Organisation]:
    """The authorities whose report the user may read: his own, those his service works for, every one for the
    ministry."""
    if not getattr(user, "is_authenticated", False):
        return []
    found = Organisation.objects.filter(kind__in=AUTHORITY_KINDS)
    if sees_country(user):
        return list(found.order_by("kind", "name"))
    organisation = user.organisation
    if organisation is None:
        return []
    if organisation.kind == Organisation.Kind.OMGEVINGSDIENST:
        members = Organisation.objects.filter(omgevingsdienst=organisation)
        found = found.filter(Q(pk__in=members.values("pk")) | Q(pk__in=members.values("province")))
    else:
        found = found.filter(pk=organisation.pk)
    return list(found.order_by("kind", "name"))


def _share(part: int, total: int) -> int | None:
    return round(100 * part / total) if total else None


@dataclass(frozen=True)
class CouncilReport:
    authority: Organisation
    year: int
    planned: int
    done: int
    inspections: int  # closed in the year
    compliant: int
    cases_opened: int
    cases_closed: int
    interventions: list[tuple[str, int]]  # (kind label, count), most first
    decided: int
    in_time: int
    costs: costs.AuthorityCosts
    printed_on: date

    @property
    def done_share(self) -> int | None:
        return _share(self.done, self.planned)

    @property
    def compliance_share(self) -> int | None:
        return _share(self.compliant, self.inspections)

    @property
    def in_time_share(self) -> int | None:
        return _share(self.in_time, self.decided)


def report(authority: Organisation, year: int, *, today: date) -> CouncilReport:
    """The figures of `authority` in `year` (the caller checks that the user may read them: `authorities`)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    visits = PlannedVisit.objects.filter(
        programme__year=year, postponed=False, establishment__competent_authority=authority
    )
    closed = Inspection.objects.filter(
        establishment__competent_authority=authority, status=Inspection.Status.CLOSED,
        performed_on__gte=first, performed_on__lte=last,
    )  # fmt: skip
    compliant = closed.filter(~Q(Exists(Finding.objects.filter(inspection=OuterRef("pk")))))
    cases = EnforcementCase.objects.filter(competent_authority=authority)
    labels = dict(Sanction.Kind.choices)
    interventions = (
        Sanction.objects.filter(case__competent_authority=authority, imposed_on__gte=first, imposed_on__lte=last)
        .order_by().values("kind").annotate(n=Count("pk")).order_by("-n", "kind")
    )  # fmt: skip
    decided = Application.objects.filter(
        competent_authority=authority, status=Application.Status.DECIDED, decided_on__gte=first, decided_on__lte=last
    ).prefetch_related("suspensions")
    rates = penalty_rates()
    terms = [not application_term(a, today=today, rates=rates).late for a in decided]
    return CouncilReport(
        authority=authority, year=year,
        planned=visits.count(), done=visits.filter(inspection__performed_on__isnull=False).count(),
        inspections=closed.count(), compliant=compliant.count(),
        cases_opened=cases.filter(opened_on__gte=first, opened_on__lte=last).count(),
        cases_closed=cases.filter(closed_on__gte=first, closed_on__lte=last).count(),
        interventions=[(str(labels.get(row["kind"], row["kind"])), row["n"]) for row in interventions],
        decided=len(terms), in_time=sum(terms), costs=costs.authority_costs(authority, year), printed_on=today,
    )  # fmt: skip
