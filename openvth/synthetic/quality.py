"""Synthetic visitations and ILT investigations for the demo: about half of the omgevingsdiensten visited in the last
two years by peers of other services under an external party, two thematic ILT investigations across services and
one signalling investigation at the demo service, each with recommendations in every state of follow-up (so the
chapter in the Staat van de VTH has open and finished ones). Repeatable: nothing is added once visitations exist."""

import random
from datetime import date, timedelta

from openvth.capacity.synthetic import DEMO_SERVICE
from openvth.core import clock
from openvth.core.scoping import SYSTEM_JOB
from openvth.quality import services
from openvth.quality.models import FollowUpStatus, Investigation, Visitation
from openvth.register.models import Organisation

EXTERNAL = ("Bureau Visitatie VTH (synthetisch)", "Stichting Kwaliteit Omgevingsdiensten (synthetisch)")
PEERS = ("A. de Vries", "B. Jansen", "C. Bakker", "D. Visser", "E. Smit", "F. Meijer", "G. de Boer", "H. Mulder")
VISITATION_RECOMMENDATIONS = (
    "Borg de kritieke massa voor toezicht op complexe bedrijven met afspraken met de buurdienst.",
    "Leg de risicoanalyse en het uitvoeringsprogramma vast in één regionaal plan.",
    "Maak de sturing op doorlooptijden van vergunningen zichtbaar voor het algemeen bestuur.",
    "Stel een opleidingsplan op voor de specialismen geluid en externe veiligheid.",
)
THEMES = (
    ("Toezicht op Brzo-bedrijven en IED-installaties", "Pas de toezichtfrequentie aan op de risicocategorie."),
    ("Handhaving bij herhaalde overtredingen", "Volg de LHSO bij herhaling: escaleer binnen de termijn."),
)
FOLLOW_UPS = (
    (FollowUpStatus.DONE, "Uitgevoerd en besproken in het algemeen bestuur."),
    (FollowUpStatus.IN_PROGRESS, "Plan van aanpak vastgesteld; uitvoering loopt."),
    (FollowUpStatus.OPEN, ""),
    (FollowUpStatus.NOT_ADOPTED, "Niet overgenomen: de regio kiest een andere aanpak."),
)


def _follow_up(recommendation, rng: random.Random, since: date, today: date) -> None:
    status, note = rng.choice(FOLLOW_UPS)
    if status != FollowUpStatus.OPEN:
        day = since + timedelta(days=rng.randint(0, max(0, (today - since).days)))
        services.record_follow_up(
            user=SYSTEM_JOB, recommendation=recommendation, status=status, status_on=day, note=note
        )


def ensure_quality_demo(today: date | None = None) -> int:
    """Visitations and ILT investigations with their recommendations; returns the visitations stored."""
    today = today or clock.today()
    if Visitation.objects.exists():
        return Visitation.objects.count()
    all_services = list(Organisation.objects.filter(kind=Organisation.Kind.OMGEVINGSDIENST).order_by("code"))
    ilt = Organisation.objects.filter(kind=Organisation.Kind.INSPECTORATE).order_by("code").first()
    demo = next((s for s in all_services if s.code == DEMO_SERVICE), None)
    rng = random.Random("quality-demo")
    visited = [s for s in all_services if s == demo or rng.random() < 0.5]
    for service in visited:
        day = today - timedelta(days=rng.randint(60, 700))
        visitation = services.record_visitation(
            user=SYSTEM_JOB, service=service, visited_on=day, external_party=rng.choice(EXTERNAL),
            peer_reviewers="\n".join(rng.sample(PEERS, 3)),
            findings="De dienst werkt risicogericht; de borging van de kritieke massa is kwetsbaar (synthetisch).",
            recommendations=rng.sample(VISITATION_RECOMMENDATIONS, rng.randint(2, 3)),
        )  # fmt: skip
        for recommendation in visitation.recommendations.all():
            _follow_up(recommendation, rng, day, today)
    if ilt is None:
        return len(visited)
    investigations = [
        (Investigation.Kind.THEMATIC, theme, advice, rng.sample(all_services, min(len(all_services), 6)))
        for theme, advice in THEMES
    ]
    if demo is not None:
        investigations.append(
            (Investigation.Kind.SIGNALLING, "Signaal: achterstand bij hercontroles", "Plan de hercontroles in.", [demo])
        )
    for kind, theme, advice, involved in investigations:
        day = today - timedelta(days=rng.randint(30, 500))
        investigation = services.record_investigation(
            user=SYSTEM_JOB, inspectorate=ilt, kind=kind, theme=theme, services=involved, published_on=day,
            findings=f"{theme}: de uitvoering verschilt per regio (synthetisch).",
        )  # fmt: skip
        for service in involved:
            recommendation = services.add_recommendation(
                user=SYSTEM_JOB, source=investigation, service=service, text=advice
            )
            _follow_up(recommendation, rng, day, today)
    return len(visited)
