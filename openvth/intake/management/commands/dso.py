"""`openvth dso import FILE.xml --organisatie CODE [--pdf FILE] [--bijlage FILE]…`: a STAM request from a file
through the same reading and mapping as one fetched from the Omgevingsloket. And the mapping tables:
`openvth dso oin OIN CODE`, `openvth dso activiteit DSO_ID CODE [--uitgebreid]`, `openvth dso koppelingen-laden`."""

from pathlib import Path

from django.core.management.base import CommandError

from openvth.core.commands import SubcommandCommand, organisation, read_bytes
from openvth.intake import services
from openvth.register.models import ActivityType


class Command(SubcommandCommand):
    help = "Intake uit het Omgevingsloket (DSO): importeer een STAM-bericht of beheer de koppeltabellen."

    def add_subcommands(self, sub):
        imported = sub.add_parser("import", help="verwerk een STAM-verzoekbericht uit een bestand")
        imported.add_argument("file", help="het STAM-bericht (XML)")
        imported.add_argument("--organisatie", required=True, help="code van de ontvangende organisatie")
        imported.add_argument("--pdf", help="de publiceerbare aanvraag (PDF)")
        imported.add_argument("--bijlage", action="append", default=[], help="een bijlage (mag vaker)")
        oin = sub.add_parser("oin", help="koppel een OIN aan een organisatie")
        oin.add_argument("oin")
        oin.add_argument("code", help="code van de organisatie")
        activity = sub.add_parser("activiteit", help="koppel een DSO-activiteit aan een activiteitsoort")
        activity.add_argument("dso_id")
        activity.add_argument("code", help="code van de activiteitsoort")
        activity.add_argument("--uitgebreid", action="store_true", help="uitgebreide procedure")
        sub.add_parser("koppelingen-laden", help="laad de standaardkoppelingen van DSO-activiteiten")

    def import_(self, *, file, organisatie, pdf, bijlage, **options):
        owner = organisation(organisatie)
        attachments = [(Path(name).name, read_bytes(name)) for name in bijlage]
        intake = services.import_file(
            owner=owner, content=read_bytes(file), name=Path(file).name, pdf=read_bytes(pdf) if pdf else None,
            attachments=attachments,
        )  # fmt: skip
        self.stdout.write(f"Verzoek {intake.verzoeknummer}: {intake.get_status_display()}")
        if intake.application_id:
            self.stdout.write(f"Aanvraag {intake.application.reference} ontvangen op {intake.received_on:%d-%m-%Y}.")
        if intake.reason:
            self.stdout.write(f"Reden: {intake.reason}")

    def oin(self, *, oin, code, **options):
        mapped = services.map_oin(oin=oin, organisation=organisation(code))
        self.stdout.write(f"OIN {mapped.oin} → {mapped.organisation}")

    def activiteit(self, *, dso_id, code, uitgebreid, **options):
        activity_type = ActivityType.objects.filter(code=code).first()
        if activity_type is None:
            raise CommandError(f"Geen activiteitsoort met code '{code}'.")
        mapping = services.map_activity(
            dso_id=dso_id, activity_type=activity_type, procedure="extended" if uitgebreid else "regular"
        )
        self.stdout.write(f"{mapping.dso_id} → {activity_type}")

    def koppelingen_laden(self, **options):
        loaded = services.load_default_mappings()
        self.stdout.write(f"{loaded.created} koppelingen geladen.")
        if loaded.skipped:
            self.stdout.write(f"Overgeslagen (activiteitsoort ontbreekt): {', '.join(loaded.skipped)}")
