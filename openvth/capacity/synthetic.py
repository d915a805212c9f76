"""Synthetic capacity for the demo: staff with roles, competences and certificates in every omgevingsdienst (robust
and small services differ), the national minimum criteria and a stricter regional layer of the demo service, a
director's mandate that is full in some regions and partial or absent in others, and SPUK grants with quarterly
spending adding up to nearly the € 15 million of the regulation. Repeatable: a service that has staff is left as it is.

Stored in bulk like the rest of the synthetic register (no change history: generated, not recorded by anyone)."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from openvth.accounts.models import Role
from openvth.core import clock
from openvth.core.scoping import SYSTEM_JOB
from openvth.register.models import Mandate, Organisation
from openvth.rules import director_mandate, quality, spuk

from . import services
from .models import Certificate, Competence, Grant, GrantQuarter, QualityCriteriaVersion, StaffMember

DEMO_SERVICE = "OD-ODRN"
NATIONAL_FROM = date(2023, 7, 1)  # "Doorvoeren ... minimum kwaliteitscriteria": start Q3 2023 (seed letter)
FIRST_NAMES = ("Anna", "Bram", "Cor", "Daan", "Eva", "Fleur", "Gijs", "Hilde", "Ilse", "Joost", "Karin", "Lars",
               "Mila", "Noor", "Otto", "Petra", "Rik", "Sanne", "Thijs", "Vera", "Wouter", "Yara", "Zeger")  # fmt: skip
LAST_NAMES = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos",
              "Vos", "Peters", "Hendriks", "Dekker", "Brouwer", "van Dijk", "Kok", "Wiersma", "Postma")  # fmt: skip
# what a person of each process does next to the main area, and the education usual for it
AREA_EDUCATION = {
    "VV": ("hbo", "hbo", "wo", "mbo"), "TZ": ("mbo", "hbo", "hbo", "mbo"), "HH": ("wo", "wo", "hbo"),
    "SP": ("hbo", "wo", "hbo"),
}  # fmt: skip
CERTIFICATES = {"VV-COMPLEX": "Brzo-vergunningverlener", "TZ-COMPLEX": "Brzo-inspecteur", "SP-EV": "Externe veiligheid"}
# Each person works in one process, with its role and a main task area (weighted); a share also has a second
# competence, mostly in the same process (a permit officer who also handles the IED/Brzo permits, an inspector with
# a specialism). A service with work of its own last year (applications, inspections and enforcement cases at
# WORK_HOURS each) is staffed for it: AREA_HOURS per person in the primary processes, their shares after the work,
# at least one person in each; a service without is sized at random with SHARES. A tilt per service and process makes
# one short of permit officers and another roomy. Our own assumptions for the demo, not national figures.
PROCESSES = {
    "VV": (Role.PERMIT_OFFICER, (("VV-MIL", 3), ("VV-COMPLEX", 1))),
    "TZ": (Role.INSPECTOR, (("TZ-MIL", 3), ("TZ-COMPLEX", 1))),
    "HH": (Role.ENFORCEMENT_LAWYER, (("HH-JUR", 1),)),
    "SP": (None, (("SP-GELUID", 1), ("SP-BODEM", 1), ("SP-EV", 1))),  # advisers: no role of their own in openvth
    "MT": (Role.MANAGER, ()),  # management: no hours in a task area
}
SHARES = {"VV": 0.24, "TZ": 0.42, "HH": 0.13, "SP": 0.15, "MT": 0.06}
# the hours of a process per task of last year that size its staff: an inspection and an enforcement case at about
# their norm (openvth.rules.norm_costs); a permit department at about 70 hours per application, the application
# itself (norm 24 or 120 hours) with the notifications, advice and pre-consultations around it
WORK_HOURS = {"VV": 70, "TZ": 8, "HH": 16}
AREA_HOURS = 950  # the hours in task areas of a person on average (1,280 hours a year, about three quarters on them)
SECOND_AREA = {"VV": ("VV-MIL", "VV-COMPLEX", "SP-EV"), "TZ": ("TZ-MIL", "TZ-COMPLEX", "SP-GELUID", "SP-BODEM"),
               "HH": ("TZ-MIL",), "SP": ("SP-GELUID", "SP-BODEM", "SP-EV")}  # fmt: skip


def _national(today: date) -> None:
    ministry = Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).order_by("code").first()
    if ministry is None or QualityCriteriaVersion.objects.filter(organisation=ministry).exists():
        return
    table = {area: criteria.as_dict() for area, criteria in quality.DEFAULT_CRITERIA.items()}
    services.store_criteria(
        user=SYSTEM_JOB, organisation=ministry, valid_from=NATIONAL_FROM, criteria=table,
        note="Landelijke uniforme minimumcriteria (Kwaliteitscriteria 2.2), synthetisch.",
    )  # fmt: skip


def _work(service: Organisation, today: date) -> dict[str, int]:
    """The hours of last year's tasks of the service per primary process, at WORK_HOURS a task."""
    from openvth.enforcement.models import EnforcementCase
    from openvth.permits.models import Application
    from openvth.supervision.models import Inspection

    year = today.year - 1
    return {
        "VV": Application.objects.filter(owner=service, received_on__year=year).count() * WORK_HOURS["VV"],
        "TZ": Inspection.objects.filter(owner=service, performed_on__year=year).count() * WORK_HOURS["TZ"],
        "HH": EnforcementCase.objects.filter(owner=service, opened_on__year=year).count() * WORK_HOURS["HH"],
    }


def _processes(service: Organisation, rng: random.Random, today: date) -> list[str]:
    """The process of each person of the service (see PROCESSES)."""
    work = _work(service, today)
    total = sum(work.values())
    shares = dict(SHARES)
    primary = sum(SHARES[process] for process in work)
    if total:
        shares |= {process: primary * hours / total for process, hours in work.items()}
    tilted = {process: share * rng.uniform(0.8, 1.25) for process, share in shares.items()}
    processes, weights = list(tilted), list(tilted.values())
    if not total:
        size = rng.choice((0.5, 0.7, 1.0, 1.0, 1.3, 1.8)) * (1.6 if service.code == DEMO_SERVICE else 1.0)
        return rng.choices(processes, weights=weights, k=max(8, int(rng.gauss(30, 6) * size)))
    count = round(total / (primary * AREA_HOURS) * rng.uniform(0.85, 1.2))
    first = [process for process, hours in work.items() if hours]  # one person at least in each process with work
    return first + rng.choices(processes, weights=weights, k=max(0, count - len(first)))


def _competence(person, area: str, hours: int, rng: random.Random, today: date) -> Competence:
    since = max(person.active_from, today - timedelta(days=rng.randint(30, 365 * 8)))
    since = min(since, person.active_to or today)
    return Competence(
        staff=person, task_area=area, education=rng.choice(AREA_EDUCATION[area[:2]]),
        training=rng.choice(("", "Leergang VTH", "Cursus Omgevingswet", "ODNL Academie")),
        experience_years=Decimal(rng.randint(0, 60)) / 4, hours_per_year=max(50, round(hours / 50) * 50),
        valid_from=since, valid_to=person.active_to,
    )  # fmt: skip


def _staff(service: Organisation, rng: random.Random, today: date) -> None:
    people, process_of = [], []
    for number, process in enumerate(_processes(service, rng, today)):
        role = PROCESSES[process][0]
        start = today - timedelta(days=rng.randint(60, 365 * 20))
        left = start + timedelta(days=rng.randint(200, 3000)) if rng.random() < 0.08 else None
        if process not in process_of:  # the first of each process stays: a service never runs one without anyone
            left = None
        people.append(
            StaffMember(
                service=service, name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} ({service.code}-{number})",
                roles=[role.value] if role else [], hours_per_year=rng.choice((1000, 1200, 1300, 1450, 1450)),
                active_from=start, active_to=left if left and left < today else None,
            )
        )  # fmt: skip
        process_of.append(process)
    stored = StaffMember.objects.bulk_create(people)
    if any(person.pk is None for person in stored):  # a database that does not return the keys of a bulk insert
        stored = list(StaffMember.objects.filter(service=service).order_by("id"))
    competences, certificate_for = [], []
    for person, process in zip(stored, process_of, strict=True):
        areas = PROCESSES[process][1]
        if not areas:
            continue
        main = rng.choices([area for area, _weight in areas], weights=[weight for _area, weight in areas])[0]
        competences.append(_competence(person, main, person.hours_per_year * rng.uniform(0.55, 0.85), rng, today))
        second = [area for area in SECOND_AREA[process] if area != main]
        left = person.hours_per_year - competences[-1].hours_per_year  # a multiple of 50, as both are
        if rng.random() < 0.3 and second and left >= 50:
            hours = min(person.hours_per_year * rng.uniform(0.1, 0.25), left)
            competences.append(_competence(person, rng.choice(second), hours, rng, today))
    Competence.objects.bulk_create(competences)
    for competence in Competence.objects.filter(staff__service=service, task_area__in=CERTIFICATES):
        if rng.random() < 0.85:
            issued = competence.valid_from + timedelta(days=rng.randint(0, 200))
            expires = issued + timedelta(days=365 * rng.choice((3, 5)))
            certificate_for.append(
                Certificate(competence=competence, name=CERTIFICATES[competence.task_area], issued_on=issued,
                            expires_on=expires)
            )  # fmt: skip
    Certificate.objects.bulk_create(certificate_for)


def _director(service: Organisation, rng: random.Random) -> None:
    """A synthetic director (no password) with the four powers from all, some or none of the authorities."""
    if service.code == DEMO_SERVICE:  # the demo manager holds the full mandate already (synthetic.demo)
        return
    director, created = get_user_model().objects.get_or_create(
        username=f"synthetisch-{service.code.lower()}-directeur",
        defaults={"organisation": service, "role": "manager", "first_name": "Synthetische directeur",
                  "last_name": service.code, "password": make_password(None)},
    )  # fmt: skip
    if not created:  # made on an earlier run, with its mandates (or deliberately none)
        return
    style = rng.choice(("full", "full", "partial", "partial", "none"))
    powers = list(director_mandate.Power)
    mandates = []
    for authority in Organisation.objects.filter(omgevingsdienst=service):
        held = powers if style == "full" else rng.sample(powers, rng.randint(0, 3)) if style == "partial" else []
        mandates += [
            Mandate(authority=authority, holder=director, decision_type=power, valid_from=date(2023, 1, 1),
                    reference=f"Mandaatbesluit {authority.name} (synthetisch)")
            for power in held
        ]  # fmt: skip
    Mandate.objects.bulk_create(mandates)


def _grants(service: Organisation, rng: random.Random, share: Decimal) -> None:
    split = {spuk.Purpose.TRAINING: 0.45, spuk.Purpose.LABOUR_MARKET: 0.3, spuk.Purpose.DATA_QUALITY: 0.25}
    for purpose, part in split.items():
        amount = (share * Decimal(str(part))).quantize(Decimal("1"))
        grant = Grant.objects.create(
            service=service, year=2023, purpose=purpose, amount=amount, reference=f"SPUK IBP VTH 2023 {service.code}",
            description=spuk.PURPOSE_LABELS[purpose].capitalize(),
        )  # fmt: skip
        pace = rng.uniform(0.5, 1.0)
        spent = Decimal(0)
        quarters = []
        for quarter in range(1, 5):
            now = (amount * Decimal(str(pace / 4 * rng.uniform(0.6, 1.3)))).quantize(Decimal("0.01"))
            now = min(now, amount - spent)
            spent += now
            quarters.append(
                GrantQuarter(grant=grant, year=2023, quarter=quarter, spent=now,
                             results=rng.choice(("Opleidingen gestart", "Campagne gelopen", "Datakwaliteit verbeterd",
                                                 "Nieuwe collega's geworven")))
            )  # fmt: skip
        GrantQuarter.objects.bulk_create(quarters)


@transaction.atomic
def ensure_capacity_demo(today: date | None = None) -> int:
    """Fill the capacity of every omgevingsdienst that has none yet; returns the staff stored in all."""
    today = today or clock.today()
    _national(today)
    all_services = list(Organisation.objects.filter(kind=Organisation.Kind.OMGEVINGSDIENST).order_by("code"))
    demo = next((s for s in all_services if s.code == DEMO_SERVICE), None)
    if demo is not None and not QualityCriteriaVersion.objects.filter(organisation=demo).exists():
        services.store_criteria(
            user=SYSTEM_JOB, organisation=demo, valid_from=date(2024, 1, 1),
            criteria={"VV-COMPLEX": {"min_qualified": 4}, "TZ-COMPLEX": {"min_qualified": 4, "proficiency_hours": 700}},
            note="Regionale aanscherping: meer Brzo-capaciteit (synthetisch).",
        )  # fmt: skip
    budget = spuk.NATIONAL_TOTAL * Decimal("0.98")  # "aanvragen voor in totaal bijna 15 miljoen euro"
    weights = {s.pk: random.Random(f"spuk-{s.code}").uniform(0.6, 1.6) for s in all_services}
    total_weight = Decimal(str(sum(weights.values()) or 1))
    for service in all_services:
        rng = random.Random(f"capacity-{service.code}")
        if not StaffMember.objects.filter(service=service).exists():
            _staff(service, rng, today)
        _director(service, rng)
        if not Grant.objects.filter(service=service).exists():
            _grants(service, rng, (budget * Decimal(str(weights[service.pk])) / total_weight).quantize(Decimal("1")))
    return StaffMember.objects.count()
