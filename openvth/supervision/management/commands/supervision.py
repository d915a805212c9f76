"""`openvth supervision plan --service CODE --year YYYY [--capacity HOURS] [--json] [--no-progress]`.

Runs as a system job: appraises every establishment the service supervises, then (re)generates its yearly
programme from those appraisals, all in one transaction.
"""

import json
import sys

from django.db import transaction
from tqdm import tqdm

from openvth.core.commands import SubcommandCommand, organisation
from openvth.core.permissions import SYSTEM_JOB
from openvth.register.models import Organisation
from openvth.supervision.services import planning


class Command(SubcommandCommand):
    help = "Toezicht: risicobeoordeling en uitvoeringsprogramma van een omgevingsdienst."
    failure = "Niets opgeslagen."

    def add_subcommands(self, sub):
        plan = sub.add_parser("plan", help="beoordeel alle vestigingen van de dienst en maak het jaarprogramma")
        plan.add_argument("--service", required=True, help="code van de omgevingsdienst, bijv. OD-DCMR")
        plan.add_argument("--year", required=True, type=int, help="jaar van het programma (JJJJ)")
        plan.add_argument("--capacity", type=int, help="capaciteit in uren toezicht; standaard die van het programma")
        plan.add_argument("--json", action="store_true", dest="as_json", help="samenvatting als JSON")
        plan.add_argument("--no-progress", action="store_true", help="geen voortgangsbalk")

    def plan(self, *, service, year, capacity, as_json, no_progress, **options):
        found = organisation(service.strip(), Organisation.Kind.OMGEVINGSDIENST, what="omgevingsdienst")
        total = planning.supervised(found).count()
        show = not no_progress and not as_json and sys.stderr.isatty()
        with (
            transaction.atomic(),
            tqdm(total=total, unit=" vestigingen", file=sys.stderr, disable=not show) as bar,
        ):
            appraised = planning.appraise_service(user=SYSTEM_JOB, service=found, progress=bar.update)
            result = planning.generate_programme(user=SYSTEM_JOB, service=found, year=year, capacity_hours=capacity)
        summary = result.summary
        payload = {
            "service": found.code,
            "year": year,
            "appraised": appraised,
            "planned": result.planned,
            "postponed": result.postponed,
            "legally_bound": result.legally_bound,
            "capacity_hours": summary.capacity_hours,
            "planned_hours": str(summary.planned_hours),
            "shortfall_hours": str(summary.shortfall_hours),
        }
        if as_json:
            self.stdout.write(json.dumps(payload))
            return
        self.stdout.write(
            f"{found.name} {year}: {appraised} vestigingen beoordeeld; {result.planned} bezoeken gepland "
            f"({result.legally_bound} wettelijk verplicht), {result.postponed} uitgesteld; "
            f"{summary.planned_hours} van {summary.capacity_hours} uur"
            + (f", tekort {summary.shortfall_hours} uur" if summary.shortfall_hours else "")
            + "."
        )
