"""Rebuild the example bank's search index from the published examples (after a change to how terms
are made, or to repair the index). Safe to run at any time: it runs in one transaction."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gronnpraksis.examples import search


class Command(BaseCommand):
    help = "Rebuild the search index of the example bank from the published examples."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=search.BATCH_SIZE,
            help=f"Examples written per batch (default {search.BATCH_SIZE}).",
        )

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        indexed = search.reindex_all(batch_size=batch_size)
        noun = "example" if indexed == 1 else "examples"
        self.stdout.write(self.style.SUCCESS(f"Indexed {indexed} published {noun}."))
