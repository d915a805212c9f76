"""Demo accounts: one per role, at the organisation where that role works (product.md, "Who uses it")."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q

from openvth.accounts.models import Role, User
from openvth.core import clock
from openvth.permits.services import PERMIT_MANDATE_TYPES
from openvth.register.models import DecisionType, Mandate, Organisation
from openvth.supervision.models import Inspection, PlannedVisit, Programme
from openvth.supervision.services import planning

from .generator import SCALES
from .skeleton import skeleton

DEMO_PASSWORD = "openvth-demo"
DEMO_SCALE, DEMO_SEED = "region", 1
MANDATE_START = date(2023, 1, 1)
# the director's full enforcement mandate of recommendation 8 (seed letter); the permit officer decides permits:
# grants, amendments, revocations and the verdaging of a decision term (permits.services.PERMIT_MANDATE_TYPES)
DEMO_MANDATES = {
    "manager": (
        DecisionType.WARNING,
        DecisionType.LAST_ONDER_DWANGSOM,
        DecisionType.LAST_ONDER_BESTUURSDWANG,
        DecisionType.BESTUURLIJKE_BOETE,
        DecisionType.BESTUURLIJKE_STRAFBESCHIKKING,
        DecisionType.INVORDERINGSBESCHIKKING,
    ),
    "vergunningverlener": PERMIT_MANDATE_TYPES,
}
# whose permits the permit officer decides: the member municipalities and their provinces (the IED installations)
PERMIT_OFFICERS = frozenset({"vergunningverlener"})


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    organisation_code: str
    first_name: str
    last_name: str


def demo_accounts() -> list[DemoAccount]:
    service = SCALES[DEMO_SCALE].service
    municipality = skeleton().of_service(service)[0].code
    return [
        DemoAccount("vergunningverlener", Role.PERMIT_OFFICER, service, "Vera", "Verlener"),
        DemoAccount("toezichthouder", Role.INSPECTOR, service, "Tom", "Toezicht"),
        DemoAccount("handhavingsjurist", Role.ENFORCEMENT_LAWYER, service, "Hanna", "Handhaving"),
        DemoAccount("manager", Role.MANAGER, service, "Maarten", "Manager"),
        DemoAccount("gemeente", Role.AUTHORITY_OFFICIAL, municipality, "Gerda", "Gemeente"),
        DemoAccount("ketenpartner", Role.CHAIN_PARTNER, "ILT", "Karel", "Keten"),
        DemoAccount("ministerie", Role.PROGRAMME_OFFICE, "IENW", "Mirjam", "Ministerie"),
        DemoAccount("publicatie", Role.PUBLICATION_OFFICER, service, "Paul", "Publicatie"),
        DemoAccount("beheerder", Role.ADMINISTRATOR, service, "Bea", "Beheer"),
    ]


@transaction.atomic
def ensure_demo_accounts() -> list[User]:
    """Create or reset the demo accounts; running it again gives the same accounts and password."""
    organisations = dict(Organisation.objects.values_list("code", "pk"))
    users = []
    for account in demo_accounts():
        administrator = account.role == Role.ADMINISTRATOR
        user, _created = User.objects.update_or_create(
            username=account.username,
            defaults={
                "role": account.role,
                "organisation_id": organisations[account.organisation_code],
                "first_name": account.first_name,
                "last_name": account.last_name,
                "is_staff": administrator,
                "is_superuser": administrator,
                "is_active": True,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        users.append(user)
    return users


def ensure_demo_mandates(users: list[User]) -> int:
    """Mandates from every member authority of the demo service to the demo manager and permit officer, and from
    the members' provinces to the permit officer (the province decides on the IED installations the service
    supervises there). Repeatable; returns how many mandates they hold from it."""
    by_name = {user.username: user for user in users}
    members = Organisation.objects.filter(omgevingsdienst__code=SCALES[DEMO_SCALE].service)
    with_provinces = Organisation.objects.filter(Q(pk__in=members.values("pk")) | Q(pk__in=members.values("province")))
    count = 0
    for username, decision_types in DEMO_MANDATES.items():
        for authority in with_provinces if username in PERMIT_OFFICERS else members:
            for decision_type in decision_types:
                Mandate.objects.get_or_create(
                    authority=authority,
                    holder=by_name[username],
                    decision_type=decision_type,
                    defaults={"valid_from": MANDATE_START, "reference": f"Mandaatbesluit {authority.name} 2023"},
                )
                count += 1
    return count


@transaction.atomic
def ensure_demo_programme(users: list[User]) -> int:
    """This year's programme as the manager made it on 1 January (from the appraisals of that day), with the visits
    since done linked to their inspections, and next year's from today's appraisals (in the autumn a manager prepares
    it); the visits of this month and the next and the open inspections go to the demo inspector, so their calendar
    is not empty. Once; returns this year's visits."""
    today = clock.today()
    service = Organisation.objects.get(code=SCALES[DEMO_SCALE].service)
    inspector = next(user for user in users if user.role == Role.INSPECTOR)
    if not Programme.objects.filter(service=service).exists():
        for year, appraised_on in ((today.year, date(today.year, 1, 1)), (today.year + 1, today)):
            planning.appraise_service(user=None, service=service, today=appraised_on)
            planning.generate_programme(user=None, service=service, year=year)
        _link_done_visits(service, today)
    visits = PlannedVisit.objects.filter(programme__service=service, inspector__isnull=True)
    following = (today.year + today.month // 12, today.month % 12 + 1)
    for year, month in ((today.year, today.month), following):
        visits.filter(programme__year=year, month=month).update(inspector=inspector)
    inspector.inspections.add(*Inspection.objects.filter(owner=service, status=Inspection.Status.OPEN))
    return PlannedVisit.objects.filter(programme__service=service, programme__year=today.year).count()


def _link_done_visits(service: Organisation, today) -> None:
    """A planned visit of this year is done by the first closed inspection of its establishment from its month on
    (the generated history plans no visits): planned vs done is then a real figure."""
    done: dict[int, list[tuple]] = {}
    for establishment_id, performed_on, pk in (
        Inspection.objects.filter(owner=service, status=Inspection.Status.CLOSED, performed_on__year=today.year)
        .order_by("performed_on", "pk")
        .values_list("establishment_id", "performed_on", "pk")
    ):
        done.setdefault(establishment_id, []).append((performed_on, pk))
    linked = []
    visits = PlannedVisit.objects.filter(programme__service=service, programme__year=today.year, inspection=None)
    for visit in visits.order_by("month", "pk"):
        later = [pk for day, pk in done.get(visit.establishment_id, []) if day.month >= visit.month]
        if later:
            visit.inspection_id = later[0]
            done[visit.establishment_id] = [(d, pk) for d, pk in done[visit.establishment_id] if pk != later[0]]
            linked.append(visit)
    PlannedVisit.objects.bulk_update(linked, ["inspection"], batch_size=1_000)


DEMO_PUBLICATIONS = 12


def ensure_demo_publications(users: list[User]) -> int:
    """The public site is not empty: the results of the latest closed inspections of IED installations and one
    enforcement decision go through the real flow (proposal by the redaction engine, approval and publication by the
    demo publication officer). Once; returns how many are public."""
    from openvth.disclosure import services as disclosure
    from openvth.disclosure.models import Publication
    from openvth.enforcement.models import Letter

    if not Publication.objects.exists():
        officer = next(user for user in users if user.role == Role.PUBLICATION_OFFICER)
        service = officer.organisation
        inspections = Inspection.objects.filter(
            owner=service, status=Inspection.Status.CLOSED, establishment__ied=True
        ).order_by("-performed_on", "-pk")[:DEMO_PUBLICATIONS]
        # four eyes: the inspector proposes the redaction, the publication officer approves and publishes it
        inspector = next(user for user in users if user.role == Role.INSPECTOR)
        proposals = [disclosure.propose_inspection(user=inspector, inspection=i) for i in inspections]
        letter = Letter.objects.filter(case__owner=service, kind=Letter.Kind.DWANGSOM).order_by("-pk").first()
        if letter is not None:
            proposals.append(disclosure.propose_letter(user=inspector, letter=letter))
        for publication in proposals:
            disclosure.publish(user=officer, publication=disclosure.approve(user=officer, publication=publication))
    return Publication.objects.public().count()
