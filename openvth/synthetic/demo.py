"""Demo accounts: one per role, at the organisation where that role works (docs/domain.md, the product map)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from openvth.accounts.models import Role, User
from openvth.analysis.synthetic import ensure_initiatives_demo
from openvth.capacity.synthetic import ensure_capacity_demo
from openvth.core import clock
from openvth.core.permissions import SYSTEM_JOB
from openvth.permits.services import PERMIT_MANDATE_TYPES
from openvth.register.models import DecisionType, Mandate, Organisation
from openvth.rules import enforcement_events
from openvth.supervision.models import Inspection, PlannedVisit, Programme
from openvth.supervision.services import planning

from .costs import ensure_costs_demo
from .generator import SCALES
from .open_permits import ensure_open_permits_demo
from .quality import ensure_quality_demo
from .regional import ensure_regional_demo
from .skeleton import skeleton

DEMO_PASSWORD = "openvth-demo"
DEMO_SCALE, DEMO_SEED = "region", 1
MANDATE_START = date(2023, 1, 1)
# every decision an enforcement step takes under mandate (rules.enforcement_events: a voornemen takes the mandate of
# the sanction it announces, so it needs none of its own), beslissing op bezwaar included
ENFORCEMENT_MANDATE_TYPES = tuple(
    t for t in DecisionType.values if t in {e.decision_type for e in enforcement_events.EVENTS.values()}
)
# the lawyer and the director (recommendation 8 of the seed letter) hold the full enforcement mandate; the permit
# officer decides permits: grants, amendments, revocations and the verdaging of a decision term
# (permits.services.PERMIT_MANDATE_TYPES). Each from every authority whose establishments the service supervises:
# the member municipalities and their provinces (the IED installations).
DEMO_MANDATES = {
    "handhavingsjurist": ENFORCEMENT_MANDATE_TYPES,
    "manager": ENFORCEMENT_MANDATE_TYPES,
    "vergunningverlener": PERMIT_MANDATE_TYPES,
}


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


def region_authorities():
    """The authorities whose establishments the demo service supervises: its members and their provinces (the
    province decides on the IED installations the service supervises there)."""
    members = Organisation.objects.filter(omgevingsdienst__code=SCALES[DEMO_SCALE].service)
    return Organisation.objects.filter(Q(pk__in=members.values("pk")) | Q(pk__in=members.values("province")))


def ensure_demo_mandates(users: list[User]) -> int:
    """Mandates from every authority of the region to the demo lawyer and manager (every enforcement decision) and
    permit officer (every permit decision). Repeatable; returns how many mandates they hold from it."""
    by_name = {user.username: user for user in users}
    count = 0
    for username, decision_types in DEMO_MANDATES.items():
        for authority in region_authorities():
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
    it; generating shares the months ahead among the inspectors and plans this month and the next on days); the open
    inspections go to the demo inspector. Once; returns this year's visits."""
    today = clock.today()
    service = Organisation.objects.get(code=SCALES[DEMO_SCALE].service)
    inspector = next(user for user in users if user.role == Role.INSPECTOR)
    if not Programme.objects.filter(service=service).exists():
        for year, appraised_on in ((today.year, date(today.year, 1, 1)), (today.year + 1, today)):
            planning.appraise_service(user=SYSTEM_JOB, service=service, today=appraised_on)
            planning.generate_programme(user=SYSTEM_JOB, service=service, year=year)
        _link_done_visits(service, today)
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
    ensure_open_permits_demo(users)  # two permits released to the public site (issue 20, item 3)
    return Publication.objects.public().count()


# what the demo service shares with the chain partners (sharing.models: one purpose per agreement): the ILT all of
# it for its own supervision and risk analysis, the police and the prosecutor what an enforcement matter needs
DEMO_AGREEMENTS = (
    ("supervision", ("ILT",), ("inspections", "findings", "enforcement_cases", "permits"),
     "Afstemming van het toezicht op dezelfde bedrijven (Inspectieview Milieu)."),
    ("risk_analysis", ("ILT",), ("inspections", "findings", "permits"),
     "Risicoanalyse en programmering van het toezicht van de ILT."),
    ("enforcement", ("ILT", "POLITIE", "OM"), ("inspections", "findings", "enforcement_cases"),
     "Beoordeling van overtredingen en sancties in de strafrechtelijke en bestuurlijke keten."),
)  # fmt: skip


def ensure_demo_sharing(users: list[User]) -> int:
    """The demo service's sharing agreements with ILT, police and OM, made by the demo manager through the service;
    one per purpose, made once. Returns how many agreements the service has."""
    from openvth.sharing import services as sharing
    from openvth.sharing.models import SharingAgreement

    manager = next(user for user in users if user.role == Role.MANAGER)
    partners = {o.code: o for o in Organisation.objects.filter(code__in=["ILT", "POLITIE", "OM"])}
    for purpose_code, codes, kinds, purpose in DEMO_AGREEMENTS:
        if SharingAgreement.objects.filter(owner=manager.organisation, purpose_code=purpose_code).exists():
            continue
        sharing.create_agreement(
            user=manager,
            partners=[partners[code] for code in codes if code in partners],
            kinds=kinds,
            purpose_code=purpose_code,
            purpose=purpose,
            valid_from=MANDATE_START,
        )
    return SharingAgreement.objects.filter(owner=manager.organisation).count()


IBP_SEED = "kamerbrief-voortgang-versterking-vth-stelsel-2023.md"


def ensure_demo_monitoring() -> tuple[int, int]:
    """The IBP VTH programme from the seed table (`openvth ibp import`; the same file twice is one report) and the
    first measurement of data quality and KPIs (`openvth monitoring snapshot`) when none was taken yet. Returns the
    programme's actions and the KPI values stored."""
    from pathlib import Path

    from openvth.monitoring import services as monitoring
    from openvth.monitoring.models import KpiValue, ProgrammeAction, QualityScore

    seed = Path(monitoring.__file__).parent / "data" / IBP_SEED
    imported = monitoring.import_report(user=SYSTEM_JOB, content=seed.read_bytes(), source_name=seed.name)
    if not (KpiValue.objects.exists() or QualityScore.objects.exists()):
        monitoring.take_snapshot(today=clock.today())
    ensure_capacity_demo()  # staff, quality criteria, director's mandates and SPUK grants (issue 21)
    ensure_costs_demo()  # rates, budgets and hours per task of every service (issue 21, item 2)
    ensure_initiatives_demo()  # announced projects in the permit pipeline (the permit outlook)
    ensure_regional_demo()  # the regional plans from the programmes, this year's adopted (issue 21, item 3)
    ensure_quality_demo()  # visitations and ILT investigations with their recommendations (issue 21, item 4)
    return ProgrammeAction.objects.filter(report=imported.report).count(), KpiValue.objects.count()


DEMO_REVIEWS = 3


def ensure_demo_review_queue(users: list[User]) -> int:
    """Proposals waiting for the publication officer: the results of the closed inspections of IED installations
    next after the published ones, proposed by the demo inspector (four eyes: who proposes does not approve). Each of
    them once; returns how many proposals of the service wait for review."""
    from openvth.disclosure import services as disclosure
    from openvth.disclosure.models import Publication

    inspector = next(user for user in users if user.role == Role.INSPECTOR)
    service = inspector.organisation
    inspections = Inspection.objects.filter(
        owner=service, status=Inspection.Status.CLOSED, establishment__ied=True
    ).order_by("-performed_on", "-pk")[DEMO_PUBLICATIONS : DEMO_PUBLICATIONS + DEMO_REVIEWS]
    for inspection in inspections:
        if not Publication.objects.filter(inspection=inspection).exists():
            disclosure.propose_inspection(user=inspector, inspection=inspection)
    return Publication.objects.filter(owner=service, status=Publication.Status.PROPOSED).count()


# complaints as the public files them on /melding/ (the documentation address of RFC 5737 as the client: within
# the form's rate limit)
DEMO_COMPLAINTS = (
    ("noise", "Sinds een week 's nachts een zware bromtoon van de koelinstallatie.", "Industrieweg 12"),
    ("odour", "Sterke oplosmiddelengeur bij de ingang van het bedrijventerrein, vooral 's ochtends.", "Havenstraat 3"),
    ("dust", "Stofwolken van de puinbreker waaien over de volkstuinen.", "Polderweg 40"),
)
DEMO_CLIENT = "192.0.2.16"


def ensure_demo_complaints() -> int:
    """New complaints in the demo service's triage queue, filed through the public form's service. Once (while the
    service has none); returns how many are new."""
    from openvth.supervision.models import Complaint
    from openvth.supervision.services import inspections as supervision

    service = Organisation.objects.get(code=SCALES[DEMO_SCALE].service)
    if not Complaint.objects.filter(service=service).exists():
        municipality = Organisation.objects.filter(omgevingsdienst=service).order_by("code").first()
        for subject, description, location in DEMO_COMPLAINTS:
            supervision.submit_complaint(
                client_ip=DEMO_CLIENT,
                municipality=municipality,
                subject=subject,
                description=description,
                location=location,
            )
    return Complaint.objects.filter(service=service, status=Complaint.Status.NEW).count()


# steps the demo lawyer (or inspector, for the proces-verbaal) takes through the services where the generated
# histories left a state of a route empty today (a step whose legal day has not come, e.g. bestuursdwang after the
# term of the last, stays undone: its state stays empty)
TOLERANCE = {
    "scope": "Het in gebruik houden van de oude opslagtank tot de nieuwe is geplaatst.",
    "legalisation_prospect": "De vergunning voor de nieuwe tank is aangevraagd.",
    "valid_to_days": 120,
}
ORDER = {
    "term_amount": 4,
    "term_unit": "weeks",
    "cost_recovery": True,
    "measures": "Verwijderen van de onvergunde afvalopslag.",
}
DEMO_STEPS = (
    ("boete", "geconstateerd", "voorleggen_aan_om", {}),
    ("herstel", "waarschuwing", "gedogen", TOLERANCE),
    ("herstel", "zienswijze", "last_onder_bestuursdwang_opleggen", ORDER),
    ("herstel", "last_onder_dwangsom", "hercontrole_uitvoeren", {}),
)
CANDIDATES = 10  # cases tried per step before giving up (a guard may refuse the step for one case)


def ensure_demo_case_states(users: list[User]) -> list[tuple[str, str]]:
    """Fill the empty states the generated histories can reach today: each step is taken for one open case of the
    demo service whose state allows it, only while its target state is empty (so once). Returns the (route, state)
    pairs of the routes in which no case of the service is, open or closed."""
    from openvth.enforcement import services as enforcement
    from openvth.enforcement.models import EnforcementCase
    from openvth.rules.enforcement import ROUTES

    lawyer = next(user for user in users if user.role == Role.ENFORCEMENT_LAWYER)
    cases = EnforcementCase.objects.filter(owner=lawyer.organisation)
    today = clock.today()
    for route, source, event, params in DEMO_STEPS:
        if cases.filter(route=route, state=ROUTES[route][source][event]).exists():
            continue
        values = dict(params)
        if days := values.pop("valid_to_days", None):
            values |= {"valid_from": today, "valid_to": date.fromordinal(today.toordinal() + days)}
        candidates = cases.filter(route=route, state=source, closed_on=None).order_by("-opened_on", "pk")
        for case in candidates[:CANDIDATES]:
            try:
                enforcement.transition(user=lawyer, case=case, event=event, **values)
            except (ValidationError, PermissionDenied):
                continue
            break
    found = set(cases.values_list("route", "state").distinct())
    return [(route, state) for route, states in ROUTES.items() for state in states if (route, state) not in found]


DEMO_CASE_NOTE = "Demozaak: de overtreding wacht op de waarschuwing van de handhavingsjurist."
RESTORATIVE = frozenset({"warning", "last_onder_dwangsom", "last_onder_bestuursdwang"})


def ensure_demo_open_case(users: list[User]):
    """A case whose first step is the lawyer's (a warning), opened by the demo lawyer from a finding of the latest
    closed inspections that had no LHSO step yet: the LHSO step and the case through the services. Once (the case is
    recognised by the note of its opening); returns the case, or None where no finding fits."""
    from openvth.enforcement import services as enforcement
    from openvth.enforcement.models import CaseTransition, EnforcementCase
    from openvth.supervision.models import Finding

    lawyer = next(user for user in users if user.role == Role.ENFORCEMENT_LAWYER)
    opened = CaseTransition.objects.filter(case__owner=lawyer.organisation, event="openen", note=DEMO_CASE_NOTE)
    if opened.exists():
        return EnforcementCase.objects.filter(pk=opened.values("case")[:1]).first()
    findings = Finding.objects.filter(
        inspection__owner=lawyer.organisation, inspection__status=Inspection.Status.CLOSED, lhso_decision=None
    ).select_related("inspection__establishment", "inspection__owner")
    for finding in findings.order_by("-inspection__performed_on", "-pk")[:CANDIDATES]:
        _version, classification = enforcement.classify_finding(finding, behaviour="B")
        chosen = classification.interventions
        if classification.consultation_indicated or not RESTORATIVE & set(chosen):
            continue
        try:
            enforcement.record_lhso_decision(user=lawyer, finding=finding, behaviour="B", chosen=chosen)
            return enforcement.open_case(user=lawyer, findings=[finding], route="herstel", note=DEMO_CASE_NOTE)
        except (ValidationError, PermissionDenied):
            continue
    return None


def ensure_demo_intake(users: list[User]) -> dict[str, int]:
    """Requests from the Omgevingsloket through the intake, fetched from the local DSO simulator: an application
    at an establishment of the demo region (mapped: an application with its term) and an informatieplicht with an
    unknown activity at an unknown address (the intake queue). Once per verzoeknummer; returns the count by status."""
    from datetime import timedelta

    from django.test import override_settings

    from openvth.intake import services as intake
    from openvth.intake.models import IntakeRequest
    from openvth.intake.simulator import DsoSimulator, with_values
    from openvth.jobs import services as jobs
    from openvth.jobs.models import Job
    from openvth.register.models import Establishment

    officer = next(user for user in users if user.role == Role.PERMIT_OFFICER)
    municipality = Organisation.objects.filter(omgevingsdienst=officer.organisation_id).order_by("code").first()
    region = Establishment.objects.filter(
        supervising_service=officer.organisation, competent_authority=municipality, merged_into__isnull=True
    )
    target = region.order_by("pk").first()
    if municipality is None or target is None:
        return {}
    intake.map_oin(oin="00000001001234567000", organisation=municipality)  # the samples' bevoegd gezag
    intake.load_default_mappings()
    today = clock.today()
    requests = {
        "DEMO-2026-0001": with_values(
            "verzoek-aanvraag-afvalverwerking.xml", verzoeknummer="DEMO-2026-0001",
            indiendatum=(today - timedelta(days=3)).isoformat(), handelsnaam=target.name,
            vestigingsnummer=target.kvk_vestigingsnummer, bagNummeraanduidingId=target.bag_nummeraanduiding_id or None,
            straatnaam=target.street, huisnummer=target.house_number, postcode=target.postcode, plaatsnaam=target.place,
            punt=None,
        ),
        "DEMO-2026-0002": with_values(
            "verzoek-informatieplicht-onbekend.xml", verzoeknummer="DEMO-2026-0002",
            indiendatum=(today - timedelta(days=1)).isoformat(),
        ),
    }  # fmt: skip
    with DsoSimulator() as simulator, override_settings(DSO_BASE_URL=simulator.url):
        for number, content in requests.items():
            simulator.add(number, content)
            request, created = intake.receive_notification(user=officer, verzoeknummer=number)
            if created:
                jobs.run(Job.objects.get(kind=intake.FETCH_JOB, params__intake_request=request.pk).pk)
    found = IntakeRequest.objects.filter(owner=officer.organisation, verzoeknummer__in=requests)
    return {status: found.filter(status=status).count() for status in IntakeRequest.Status.values}
