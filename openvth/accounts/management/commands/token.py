"""openvth token create USERNAME [--days N] [--name NAME]: a new API token; the key is printed once."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from openvth.accounts import services
from openvth.accounts.models import User


class Command(BaseCommand):
    help = "Maak een API-token (de sleutel wordt één keer getoond en alleen gehasht bewaard)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        create = commands.add_parser("create", help="een token voor een gebruiker")
        create.add_argument("username")
        create.add_argument("--days", type=int, default=90, help=f"geldig (1-{settings.API_TOKEN_MAX_DAYS} dagen)")
        create.add_argument("--name", default="opdrachtregel", help="waarvoor de token dient")

    def handle(self, *args, command, username, days, name, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Geen actieve gebruiker {username!r}.")
        try:
            token, key = services.create_api_token(user=user, name=name, days=days)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stderr.write(f"Token {token.prefix}… voor {username}, geldig tot {token.expires:%Y-%m-%d %H:%M}.")
        self.stdout.write(key)
