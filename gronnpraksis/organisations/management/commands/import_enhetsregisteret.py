"""`manage.py import_enhetsregisteret FILE`: load Brønnøysundregistrene's `enheter` download."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gronnpraksis.organisations.register import read_units
from gronnpraksis.organisations.services import import_register


class Command(BaseCommand):
    help = (
        "Import Enhetsregisteret's units from a bulk download (JSON or CSV, optionally gzipped), "
        "read as a stream; known organisation numbers are updated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="enheter_alle.json.gz, enheter.csv or the like")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        try:
            count = import_register(read_units(file))
        except (ValueError, UnicodeDecodeError, OSError) as error:
            raise CommandError(f"{file} could not be read: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Imported {count} units from {file}."))
