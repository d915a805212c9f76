"""`openvth demo`: the region scale when the register is empty, and one demo account per role."""

from django.core.management.base import BaseCommand

from openvth.register.models import Establishment
from openvth.synthetic.demo import (
    DEMO_PASSWORD,
    DEMO_SCALE,
    DEMO_SEED,
    ensure_demo_accounts,
    ensure_demo_mandates,
    ensure_demo_programme,
    ensure_demo_publications,
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
        rows = [(u.username, u.get_role_display(), u.organisation.name) for u in users]
        widths = [max(len(str(r[i])) for r in [("gebruikersnaam", "rol", "organisatie"), *rows]) for i in range(3)]
        for row in [("gebruikersnaam", "rol", "organisatie"), tuple("-" * w for w in widths), *rows]:
            self.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        self.stdout.write(f"Wachtwoord voor alle demo-accounts: {DEMO_PASSWORD}")
        self.stdout.write(f"{mandates} mandaten van de deelnemende gemeenten voor manager en vergunningverlener.")
        self.stdout.write(f"Uitvoeringsprogramma van dit jaar: {visits} bezoeken.")
        self.stdout.write(f"Openbaar op /openbaar/: {publications} publicaties.")
