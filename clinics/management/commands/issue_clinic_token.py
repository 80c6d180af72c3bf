from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from clinics.models import TransplantCentre
from clinics.services import centre_api_key_issue


class Command(BaseCommand):
    help = (
        "Print a new API key for a transplant centre, once: only its hash is stored. "
        "Revoke keys in the admin (Clinics, Centre API keys)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("centre_code", help="The centre's code, e.g. US-SEA-01.")
        parser.add_argument("--name", default="", help="What the key is for (50 characters at most).")

    def handle(self, *args, **options) -> None:
        centre = TransplantCentre.objects.filter(code=options["centre_code"]).first()
        if centre is None:
            raise CommandError(f"No transplant centre with code {options['centre_code']!r}.")
        name = options["name"] or f"issued {timezone.now():%Y-%m-%d %H:%M} UTC"
        api_key, key = centre_api_key_issue(centre=centre, name=name)
        self.stderr.write(
            f"Key {api_key.prefix} for {centre.code}. Store it now; it cannot be shown again.\n"
            "Send it as the header  Authorization: Api-Key <key>"
        )
        self.stdout.write(key)
