from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from policies.services import SEED_FILE, PolicyFileError, country_rules_load


class Command(BaseCommand):
    help = (
        "Create or update the country rules from a countries.yaml file (default: the seed in "
        "policies/data/). Rows already equal are left alone; staff edits to listed countries are overwritten."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=SEED_FILE, help="countries.yaml to load")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        try:
            result = country_rules_load(path=path, change_reason=f"load_policies {path.name}")
        except PolicyFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Country rules from {path}: {result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged."
            )
        )
