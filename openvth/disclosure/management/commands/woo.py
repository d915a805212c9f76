"""`openvth woo redact FILE|- [--json] [--keep TEXT]… [--remove TEXT]…`, `openvth woo redact --jsonl FILE|-`,
`openvth woo warm` and `openvth woo train` (the tagger, on the test set's development data). The redaction's
reading, writing and messages are openvth.disclosure.redaction.cli, which `openvth/__main__.py` may also run without
setting Django up."""

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    requires_system_checks = []  # a redaction needs no database: start in well under a second
    help = (
        "Woo: lak persoonsgegevens in een tekst; warm bouwt de opzoekstructuren van deduce (bij installatie), train "
        "traint de tagger opnieuw."
    )

    def add_arguments(self, parser):
        from openvth.disclosure.redaction.cli import add_arguments

        sub = parser.add_subparsers(dest="action", required=True)
        add_arguments(sub.add_parser("redact", help="lak een tekst uit een bestand of van stdin (-)"))
        sub.add_parser("warm", help="bouw de opzoekstructuren van deduce in zijn cache")
        sub.add_parser("train", help="train de tagger opnieuw op de ontwikkeldata van de testset")

    def handle(self, *args, **options):
        from openvth.disclosure import redaction  # the engine and deduce load only for a redaction
        from openvth.disclosure.redaction.cli import InputError, redact

        if options["action"] == "warm":
            self.stdout.write(f"deduce-cache gereed: {redaction.warm()}")
            return
        if options["action"] == "train":
            from openvth.disclosure.redaction import tagger

            sidecar = tagger.train(tagger.training_cases())
            self.stdout.write(
                f"tagger getraind op {sidecar['texts']} teksten ({sidecar['tokens']} tokens): {tagger.MODEL_FILE}"
            )
            return
        try:
            redact(options, self.stdout)
        except InputError as exc:
            raise CommandError(str(exc)) from None
