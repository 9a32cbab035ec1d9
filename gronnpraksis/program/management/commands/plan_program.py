"""``manage.py plan_program``: plan a benchmark instance with the builder's core, without a database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gronnpraksis.program.builder.instance import plan_to_json, problem_from_instance
from gronnpraksis.program.builder.score import violations
from gronnpraksis.program.builder.search import Options, plan


class Command(BaseCommand):
    help = (
        "Plan an instance in the shared benchmark format (scheduling-data/synthetic) with the programme "
        'builder and write the plan as {"assignment": {...}}. Reads and writes files only; needs no '
        "database content."
    )
    # Reads a file and writes a file: the database (and its migrations) is never touched.
    requires_migrations_checks = False
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--instance", type=Path, required=True, help="the instance, JSON")
        parser.add_argument("--out", type=Path, required=True, help="where to write the plan, JSON")
        parser.add_argument("--seconds", type=float, default=10.0, help="CPU seconds to search (default 10)")
        parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
        parser.add_argument(
            "--iterations",
            type=int,
            default=None,
            help="moves to try; with it the same seed gives the same plan",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["instance"]
        try:
            data = json.loads(path.read_text())
            problem = problem_from_instance(data)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"cannot read the instance {path}: {error}") from error
        if options["seconds"] <= 0 and options["iterations"] is None:
            raise CommandError("give --seconds above 0 or --iterations")
        result = plan(
            problem,
            Options(seconds=options["seconds"], iterations=options["iterations"], seed=options["seed"]),
        )
        broken = violations(problem, result.assignment)
        if broken:
            raise CommandError("the plan breaks a hard rule: " + "; ".join(broken[:5]))
        options["out"].write_text(json.dumps(plan_to_json(problem, result.assignment)))
        s = result.score
        self.stdout.write(
            f"objective {s.total}: clash {s.clash}, overflow {s.overflow}, scatter {s.scatter}, "
            f"unplaced {s.unplaced}; {result.iterations} moves in {result.seconds:.1f} CPU-s"
        )
