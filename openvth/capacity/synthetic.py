"""Synthetic capacity for the demo: staff with competences and certificates in every omgevingsdienst (robust and
small services differ), the national minimum criteria and a stricter regional layer of the demo service, a
director's mandate that is full in some regions and partial or absent in others, and SPUK grants with quarterly
spending adding up to nearly the € 15 million of the regulation. Repeatable: a service that has staff is left as it is.

Stored in bulk like the rest of the synthetic register (no change history: generated, not recorded by anyone)."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

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


def _national(today: date) -> None:
    ministry = Organisation.objects.filter(kind=Organisation.Kind.MINISTRY).order_by("code").first()
    if ministry is None or QualityCriteriaVersion.objects.filter(organisation=ministry).exists():
        return
    table = {area: criteria.as_dict() for area, criteria in quality.DEFAULT_CRITERIA.items()}
    services.store_criteria(
        user=SYSTEM_JOB, organisation=ministry, valid_from=NATIONAL_FROM, criteria=table,
        note="Landelijke uniforme minimumcriteria (Kwaliteitscriteria 2.2), synthetisch.",
    )  # fmt: skip


def _staff(service: Organisation, rng: random.Random, today: date) -> None:
    size = rng.choice((0.5, 0.7, 1.0, 1.0, 1.3, 1.8)) * (1.6 if service.code == DEMO_SERVICE else 1.0)
    people = []
    for number in range(max(8, int(rng.gauss(30, 6) * size))):
        start = today - timedelta(days=rng.randint(60, 365 * 20))
        left = start + timedelta(days=rng.randint(200, 3000)) if rng.random() < 0.08 else None
        people.append(
            StaffMember(
                service=service, name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} ({service.code}-{number})",
                roles=[], hours_per_year=rng.choice((1000, 1200, 1300, 1450, 1450)), active_from=start,
                active_to=left if left and left < today else None,
            )
        )  # fmt: skip
    StaffMember.objects.bulk_create(people)
    people = list(StaffMember.objects.filter(service=service))
    areas = [area.value for area in quality.TaskArea]
    weights = (5, 1.5, 7, 2, 2.5, 1, 1, 1)
    competences, certificate_for = [], []
    for person in people:
        for area in set(rng.choices(areas, weights=weights, k=rng.choice((1, 1, 2)))):
            since = max(person.active_from, today - timedelta(days=rng.randint(30, 365 * 8)))
            since = min(since, person.active_to or today)
            competences.append(
                Competence(
                    staff=person, task_area=area, education=rng.choice(AREA_EDUCATION[area[:2]]),
                    training=rng.choice(("", "Leergang VTH", "Cursus Omgevingswet", "ODNL Academie")),
                    experience_years=Decimal(rng.randint(0, 60)) / 4,
                    hours_per_year=rng.choice((200, 350, 450, 600, 800)),
                    valid_from=since, valid_to=person.active_to,
                )
            )  # fmt: skip
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
