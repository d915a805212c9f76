"""`openvth dso import FILE.xml --organisatie CODE [--pdf FILE] [--bijlage FILE]…`: a STAM request from a file
through the same reading and mapping as one fetched from the Omgevingsloket. And the mapping tables:
`openvth dso oin OIN CODE`, `openvth dso activiteit DSO_ID CODE [--uitgebreid]`, `openvth dso koppelingen-laden`."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from openvth.register.models import ActivityType, Organisation


def _organisation(code: str) -> Organisation:
    found = Organisation.objects.filter(code=code).first()
    if found is None:
        raise CommandError(f"Geen organisatie met code '{code}'.")
    return found


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise CommandError(f"Kan {path} niet lezen: {error.strerror}.") from None


class Command(BaseCommand):
    help = "Intake uit het Omgevingsloket (DSO): importeer een STAM-bericht of beheer de koppeltabellen."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
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

    def handle(self, *args, action, **options):
        from openvth.intake import services

        try:
            getattr(self, f"_{action.replace('-', '_')}")(services, **options)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None

    def _import(self, services, *, file, organisatie, pdf, bijlage, **options):
        owner = _organisation(organisatie)
        attachments = [(Path(name).name, _read(name)) for name in bijlage]
        intake = services.import_file(
            owner=owner, content=_read(file), name=Path(file).name, pdf=_read(pdf) if pdf else None,
            attachments=attachments,
        )  # fmt: skip
        self.stdout.write(f"Verzoek {intake.verzoeknummer}: {intake.get_status_display()}")
        if intake.application_id:
            self.stdout.write(f"Aanvraag {intake.application.reference} ontvangen op {intake.received_on:%d-%m-%Y}.")
        if intake.reason:
            self.stdout.write(f"Reden: {intake.reason}")

    def _oin(self, services, *, oin, code, **options):
        mapped = services.map_oin(oin=oin, organisation=_organisation(code))
        self.stdout.write(f"OIN {mapped.oin} → {mapped.organisation}")

    def _activiteit(self, services, *, dso_id, code, uitgebreid, **options):
        activity_type = ActivityType.objects.filter(code=code).first()
        if activity_type is None:
            raise CommandError(f"Geen activiteitsoort met code '{code}'.")
        mapping = services.map_activity(
            dso_id=dso_id, activity_type=activity_type, procedure="extended" if uitgebreid else "regular"
        )
        self.stdout.write(f"{mapping.dso_id} → {activity_type}")

    def _koppelingen_laden(self, services, **options):
        loaded = services.load_default_mappings()
        self.stdout.write(f"{loaded.created} koppelingen geladen.")
        if loaded.skipped:
            self.stdout.write(f"Overgeslagen (activiteitsoort ontbreekt): {', '.join(loaded.skipped)}")
