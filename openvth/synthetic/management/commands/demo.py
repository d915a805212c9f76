"""`openvth demo`: the region scale when the register is empty, and one demo account per role."""

from django.core.management.base import BaseCommand

from openvth.register.models import Establishment
from openvth.synthetic.demo import (
    DEMO_PASSWORD,
    DEMO_SCALE,
    DEMO_SEED,
    ensure_demo_accounts,
    ensure_demo_case_states,
    ensure_demo_complaints,
    ensure_demo_intake,
    ensure_demo_mandates,
    ensure_demo_monitoring,
    ensure_demo_open_case,
    ensure_demo_programme,
    ensure_demo_publications,
    ensure_demo_review_queue,
    ensure_demo_sharing,
)
from openvth.synthetic.loader import load


class Command(BaseCommand):
    help = "Vul een lege database met de demoregio en maak per rol een demo-account."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="geen voortgangsbalk")

    def handle(self, *args, no_progress, **options):
        if not Establishment.objects.exists():
            self.stdout.write(f"Demoregio genereren (schaal {DEMO_SCALE}, seed {DEMO_SEED})...")
            summary = load(DEMO_SCALE, DEMO_SEED, progress=not no_progress)
            self.stdout.write(f"{summary.establishments} vestigingen in {summary.seconds} s.")
        users = ensure_demo_accounts()
        mandates = ensure_demo_mandates(users)
        visits = ensure_demo_programme(users)
        publications = ensure_demo_publications(users)
        reviews = ensure_demo_review_queue(users)
        complaints = ensure_demo_complaints()
        agreements = ensure_demo_sharing(users)
        demo_case = ensure_demo_open_case(users)
        empty_states = ensure_demo_case_states(users)
        actions, kpi_values = ensure_demo_monitoring()
        intake = ensure_demo_intake(users)
        rows = [(u.username, u.get_role_display(), u.organisation.name) for u in users]
        widths = [max(len(str(r[i])) for r in [("gebruikersnaam", "rol", "organisatie"), *rows]) for i in range(3)]
        for row in [("gebruikersnaam", "rol", "organisatie"), tuple("-" * w for w in widths), *rows]:
            self.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        self.stdout.write(f"Wachtwoord voor alle demo-accounts: {DEMO_PASSWORD}")
        holders = "handhavingsjurist, manager en vergunningverlener"
        self.stdout.write(f"{mandates} mandaten van de gemeenten en provincies voor {holders}.")
        self.stdout.write(f"Uitvoeringsprogramma van dit jaar: {visits} bezoeken.")
        self.stdout.write(f"Openbaar op /openbaar/: {publications} publicaties; {reviews} lakvoorstellen wachten.")
        self.stdout.write(f"Nieuwe meldingen te beoordelen: {complaints}.")
        self.stdout.write(f"Deelafspraken met ILT, politie en OM: {agreements}.")
        if demo_case is not None:
            self.stdout.write(f"Zaak {demo_case.reference} wacht op de waarschuwing van de handhavingsjurist.")
        if empty_states:
            listed = ", ".join(f"{route}/{state}" for route, state in empty_states)
            self.stdout.write(f"Standen zonder zaak (de wettelijke dag van hun stap is niet gekomen): {listed}.")
        self.stdout.write(f"IBP VTH: {actions} acties; indicatoren: {kpi_values} waarden gemeten.")
        counts = ", ".join(f"{count} {status}" for status, count in sorted(intake.items()))
        self.stdout.write(f"Verzoeken uit het Omgevingsloket (DSO-simulator): {counts}.")
