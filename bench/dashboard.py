"""The organisers' dashboard at scale: how fast does the audience dashboard of an edition with 2,000
registrations render, and in how many queries?

    python bench/dashboard.py [--db sqlite|postgres] [--registrations 2000] [--renders 20] [--seed 14]
                              [--profile]

What it does, and undoes:
1. Creates a fresh, empty database (a file in a new temporary directory for SQLite, or the database
   `gp_bench_<pid>` on the PostgreSQL server in DB_HOST/DB_PORT/DB_USER/DB_PASSWORD), exactly as
   bench/registration_burst.py does, and migrates it.
2. Builds an edition with --registrations registrations spread over sectors, roles, 60 municipalities,
   both days, three statuses (8 in 10 confirmed, then waitlisted and cancelled) and a third checked in,
   written in bulk (the registration service would take minutes; the dashboard only reads), and an
   organiser of the edition.
3. Renders the dashboard (`audience:dashboard`) in this process through Django's test client, logged in
   as the organiser, caches cleared before every render, --renders times after three warm-up renders
   (templates compiled, the map's geometry loaded). Prints the median, min and max in ms against the
   200 ms target, the CPU time of a render, the queries of a render and the page's size, and the load
   average (other programs compete for the cores when it is above 1).
4. Deletes the database.

Nothing leaves the process. A missed target is printed ("target NOT met"), it does not fail the run:
exit status 1 only on errors (a non-200 answer, a registration count that does not match).

--profile adds a cProfile of 10 renders.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from registration_burst import bench_database  # noqa: E402

TARGET_RENDER_MS = 200.0
MAX_REGISTRATIONS = 100_000


def build_edition(size: int, seed: int) -> tuple[Any, Any]:
    """An edition with `size` registrations written in bulk, and a user on its organising team."""
    from django.utils import timezone

    from gronnpraksis.editions.models import TeamMember, TeamRole
    from gronnpraksis.organisations.models import Sector
    from gronnpraksis.places.models import Municipality
    from gronnpraksis.registrations.models import Registration, Role, Status
    from tests.factories import EditionFactory, OrganiserFactory

    rng = random.Random(seed)
    edition = EditionFactory()
    organiser = OrganiserFactory()
    TeamMember.objects.create(edition=edition, user=organiser, role=TeamRole.ORGANISER)
    places = list(Municipality.objects.current()[:60])
    days = list(edition.days.all())
    ticket = edition.ticket_types.get()
    now = timezone.now()
    rows = Registration.objects.bulk_create(
        (
            Registration(
                edition=edition,
                status=rng.choice([Status.CONFIRMED] * 8 + [Status.WAITLISTED, Status.CANCELLED]),
                name=f"Deltaker {n}",
                email=f"deltaker{n}@example.no",
                sector=rng.choice(Sector.values),
                role=rng.choice(Role.values),
                municipality=rng.choice(places),
                ticket_type=ticket,
                privacy_accepted_at=now,
                waitlisted_at=now,
                checked_in_at=now if n % 3 == 0 else None,
            )
            for n in range(size)
        ),
        batch_size=500,
    )
    # Spread the sign-ups over the weeks before the edition, so the curve has a shape.
    for n, row in enumerate(rows):
        row.created_at = now - datetime.timedelta(days=60 - 60 * n // size, minutes=n % 600)
    Registration.objects.bulk_update(rows, ["created_at"], batch_size=500)
    Registration.days.through.objects.bulk_create(
        (Registration.days.through(registration_id=r.pk, editionday_id=rng.choice(days).pk) for r in rows),
        batch_size=500,
    )
    return edition, organiser


def _clear_caches() -> None:
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


def render_times(client: Any, path: str, renders: int) -> tuple[list[float], list[float], int, int]:
    """Wall and CPU milliseconds per uncached GET of `path`, then the queries and the size of one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # templates compiled, translations and the map's geometry loaded
        _clear_caches()
        assert client.get(path).status_code == 200
    times, cpu = [], []
    for _ in range(renders):
        _clear_caches()
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        assert response.status_code == 200, response.status_code
    _clear_caches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return times, cpu, len(queries), len(response.content)


def profile(client: Any, path: str) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(10):
        _clear_caches()
        client.get(path)
    profiler.disable()
    print(f"\n--- cProfile of 10 in-process GETs of {path} (cumulative) ---")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(22)


# --- The run ---------------------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default=os.environ.get("DB", "sqlite"))
    parser.add_argument("--registrations", type=int, default=2000, help="registrations (default 2000)")
    parser.add_argument("--renders", type=int, default=20, help="timed renders (default 20)")
    parser.add_argument("--seed", type=int, default=14, help="random seed (default 14)")
    parser.add_argument("--profile", action="store_true", help="also profile 10 renders")
    args = parser.parse_args()
    if not 1 <= args.registrations <= MAX_REGISTRATIONS:
        parser.error(f"--registrations must be between 1 and {MAX_REGISTRATIONS}")
    if not 1 <= args.renders <= 1000:
        parser.error("--renders must be between 1 and 1000")
    return args


def main() -> int:
    args = parse_args()
    print(
        f"dashboard: {args.db}, {args.registrations} registrations, {args.renders} renders, "
        f"{os.cpu_count()} CPUs"
    )
    ok = False
    with bench_database(args.db):
        from django.test import Client
        from django.urls import reverse

        from gronnpraksis.registrations.models import Registration

        started = time.monotonic()
        edition, organiser = build_edition(args.registrations, args.seed)
        count = Registration.objects.filter(edition=edition).count()
        print(f"edition {edition.slug}: {count} registrations written in {time.monotonic() - started:.1f} s")
        if count != args.registrations:
            raise RuntimeError(f"{count} registrations written, {args.registrations} wanted")

        client = Client(HTTP_ACCEPT_LANGUAGE="nb")
        client.force_login(organiser)
        path = reverse("audience:dashboard", kwargs={"edition": edition.slug})
        times, cpu, queries, size = render_times(client, path, args.renders)
        median = statistics.median(times)
        print(
            f"in-process uncached render of {path} ({size / 1024:.0f} kB, {queries} queries): "
            f"median {median:.1f} ms, min {min(times):.1f}, max {max(times):.1f} over {args.renders}; "
            f"CPU median {statistics.median(cpu):.1f} ms; load average {os.getloadavg()[0]:.1f}   "
            f"(target ≤ {TARGET_RENDER_MS:.0f} ms: {'met' if median <= TARGET_RENDER_MS else 'NOT met'})"
        )
        if args.profile:
            profile(client, path)
        ok = True
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
