"""Registration throughput through a real server: how many people per second can register, and is
any seat ever sold twice?

    python bench/registration_burst.py [--db sqlite|postgres] [--requests 1000] [--quota 500]
                                       [--concurrency 32] [--workers 2] [--threads 1] [--profile]

What it does, and undoes:
1. Creates a fresh, empty database: a file in a new temporary directory (SQLite), or the database
   `gp_bench_<pid>` on the PostgreSQL server given by DB_HOST/DB_PORT/DB_USER/DB_PASSWORD
   (e.g. `scripts/with-postgres.sh python bench/registration_burst.py --db postgres`).
   An existing database is never touched: DB_NAME, if set, is only used to reach the server.
2. Migrates it (`manage.py migrate`) and creates an open two-day edition with `--quota` seats.
3. Starts `gunicorn gronnpraksis.wsgi:application` (gthread, --workers × --threads) on a free port
   of 127.0.0.1.
4. Every one of `--requests` people GETs the registration form (CSRF cookie and token, the
   server's idempotency key); then the filled forms are POSTed by `--concurrency` client threads.
   Only the POSTs are timed: they are the registrations.
5. Prints confirmed / waitlisted / errors / oversold and registrations per second with latency
   percentiles, stops the server and deletes the database.

Load goes only to 127.0.0.1; at most 20 000 requests; requests still unsent after --max-seconds are
skipped and counted. Exit status 1 if any request failed or a seat was oversold.

--profile then registers 200 more people in-process (Django's test client, one thread) under
cProfile and prints where a registration spends its time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.burst import harness  # noqa: E402

MAX_REQUESTS = 20_000
TARGET_PER_SECOND = 100


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default=os.environ.get("DB", "sqlite"))
    parser.add_argument("--requests", type=int, default=1000, help="people who register (default 1000)")
    parser.add_argument("--quota", type=int, default=500, help="seats (default 500)")
    parser.add_argument(
        "--concurrency", type=int, default=32, help="client threads posting at once (default 32)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker process (default 1: fastest on 2 cores)"
    )
    parser.add_argument(
        "--max-seconds", type=float, default=300, help="stop sending after this long (default 300)"
    )
    parser.add_argument("--profile", action="store_true", help="also profile registrations in-process")
    args = parser.parse_args()
    if not 1 <= args.requests <= MAX_REQUESTS:
        parser.error(f"--requests must be between 1 and {MAX_REQUESTS}")
    if args.quota < 0 or not 1 <= args.concurrency <= 512 or args.workers < 1 or args.threads < 1:
        parser.error("--quota ≥ 0, 1 ≤ --concurrency ≤ 512, --workers ≥ 1, --threads ≥ 1")
    return args


# --- A fresh database ------------------------------------------------------------------------------


def _pg_admin_connection():  # type: ignore[no-untyped-def]
    import psycopg

    params = {
        "host": os.environ.get("DB_HOST") or None,
        "port": os.environ.get("DB_PORT") or None,
        "user": os.environ.get("DB_USER") or None,
        "password": os.environ.get("DB_PASSWORD") or None,
    }
    last_error: Exception | None = None
    for dbname in ("postgres", os.environ.get("DB_NAME") or "template1"):
        try:
            return psycopg.connect(dbname=dbname, autocommit=True, **params)
        except psycopg.OperationalError as error:
            last_error = error
    raise SystemExit(f"cannot reach PostgreSQL with DB_HOST/DB_PORT/DB_USER: {last_error}")


def create_database(db: str, workdir: Path) -> str:
    if db == "sqlite":
        return str(workdir / "bench.sqlite3")
    name = f"gp_bench_{os.getpid()}"
    with _pg_admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_database(db: str, name: str) -> None:
    if db == "postgres":
        with _pg_admin_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- The run ---------------------------------------------------------------------------------------


def setup_edition(quota: int):  # type: ignore[no-untyped-def]
    from gronnpraksis.editions.models import Capacity
    from tests.factories import EditionFactory

    edition = EditionFactory()
    edition.capacity = Capacity.objects.create(edition=edition, label="Seats", limit=quota)
    edition.save(update_fields=["capacity"])
    return edition


@contextmanager
def bench_database(db: str) -> Iterator[str]:
    """A new, migrated database for an in-process benchmark, with Django set up on it; dropped (and its
    temporary directory removed) afterwards, whatever happens."""
    os.environ["DB"] = db
    os.environ.setdefault("TESTING", "true")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gronnpraksis.settings")
    workdir = Path(tempfile.mkdtemp(prefix="gronnpraksis-bench-"))
    name = ""
    try:
        name = create_database(db, workdir)
        os.environ["DB_NAME"] = name
        started = time.monotonic()
        harness.migrate(name)
        print(f"database {name} migrated in {time.monotonic() - started:.1f} s")

        import django

        django.setup()
        yield name
        from django.db import connections

        connections.close_all()
    finally:
        try:
            if name:
                drop_database(db, name)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)


def server_cpu_seconds(server: harness.Server) -> float | None:
    """CPU time (user + system) used so far by the gunicorn master and its workers (Linux /proc)."""
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid, ppid = int(stat.parent.name), int(fields[1])
            if server.process.pid in (pid, ppid):
                total += int(fields[11]) + int(fields[12])
        return total / ticks
    except (OSError, ValueError):
        return None


def machine_cpu_seconds() -> tuple[float, float] | None:
    """(busy, total) CPU seconds of the whole machine so far, all cores (Linux /proc/stat)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields) - idle) / ticks, sum(fields) / ticks


def post_all(
    port: int, prepared: list[harness.Prepared], concurrency: int, deadline: float
) -> list[harness.Result]:
    def send(item: harness.Prepared) -> harness.Result:
        if time.monotonic() > deadline:
            return harness.Result(person=item.person, error="not sent: --max-seconds reached")
        return harness.post(port, item)

    with ThreadPoolExecutor(max_workers=concurrency) as executor:
        return list(executor.map(send, prepared))


def report_run(args: argparse.Namespace, edition, results, seconds: float, server: harness.Server) -> bool:  # type: ignore[no-untyped-def]
    from gronnpraksis.editions.models import Capacity
    from gronnpraksis.mail.models import OutboxMail
    from gronnpraksis.registrations.models import Registration, Seat, Status

    statuses = Counter(Registration.objects.filter(edition=edition).values_list("status", flat=True))
    confirmed, waitlisted = statuses.get(Status.CONFIRMED, 0), statuses.get(Status.WAITLISTED, 0)
    taken = Capacity.objects.get(pk=edition.capacity_id).taken
    seats = Seat.objects.filter(capacity_id=edition.capacity_id).count()
    mails = OutboxMail.objects.filter(template__startswith="registration_").count()
    failures = [r for r in results if not r.ok]
    oversold = confirmed > args.quota or taken > args.quota
    consistent = seats == confirmed == taken
    ok_results = [r for r in results if r.ok]
    latencies = [r.seconds * 1000 for r in ok_results]
    server_posts = [e.seconds * 1000 for e in server.access_entries() if e.method == "POST"]
    rate = len(ok_results) / seconds if seconds else 0.0
    expected_confirmed = min(args.quota, len(ok_results))

    print(f"registrations: {len(results)} sent, {len(ok_results)} answered 302 in {seconds:.2f} s")
    print(f"  confirmed    {confirmed:6d}   (quota {args.quota}; expected {expected_confirmed})")
    print(f"  waitlisted   {waitlisted:6d}")
    print(
        f"  errors       {len(failures):6d}   {dict(Counter(r.status for r in failures)) if failures else ''}"
    )
    print(
        f"  oversold     {'YES' if oversold else 'no':>6}   (capacity taken {taken}, seats {seats}"
        f"{'' if consistent else ': the counter does NOT match the confirmed registrations'})"
    )
    print(f"  outbox mails {mails:6d}")
    print(
        f"  throughput   {rate:8.1f} registrations/s   (target ≥ {TARGET_PER_SECOND}/s: "
        f"{'met' if rate >= TARGET_PER_SECOND else 'NOT met'})"
    )
    print(
        f"  latency      p50 {harness.percentile(latencies, 0.50):6.0f} ms   p95 {harness.percentile(latencies, 0.95):6.0f} ms"
        f"   max {max(latencies, default=0):6.0f} ms   (client, includes queueing)"
    )
    print(
        f"  in server    p50 {harness.percentile(server_posts, 0.50):6.0f} ms   p95 {harness.percentile(server_posts, 0.95):6.0f} ms"
        "   (gunicorn's request time)"
    )
    for failure in failures[:5]:
        print(f"  ! {failure.person.email}: {failure.status} {failure.error} {failure.body[:200]!r}")
    errors = server.errors()
    if errors:
        print("  ! the server logged errors:\n" + errors[:3000])
    return not failures and not oversold and consistent and not errors and confirmed == expected_confirmed


def profile_in_process(edition, count: int = 200) -> None:  # type: ignore[no-untyped-def]
    """Register `count` people through the view in this process, under cProfile, and print where the
    time goes (cumulative, application code and the heaviest library calls)."""
    import cProfile
    import pstats

    from django.test import Client

    from gronnpraksis.editions.models import Capacity

    # Everyone confirmed: the full path, with the calendar attachment.
    Capacity.objects.filter(pk=edition.capacity_id).update(limit=10**6, taken=0)
    client = Client()
    form = client.get(f"/{edition.slug}/pamelding/")
    assert form.status_code == 200
    base = {
        "organisation_name": "Kristiansand kommune",
        "municipality": "Kristiansand",
        "sector": "kommune",
        "role": "fagperson",
        "ticket_type": str(edition.ticket_types.first().pk),
        "days": [str(d.pk) for d in edition.days.all()],
        "privacy": "on",
        "website": "",
    }

    def register(i: int) -> None:
        data = {
            **base,
            "name": f"Profil {i}",
            "email": f"profil{i}@example.no",
            "idempotency_key": str(uuid.uuid4()),
        }
        assert client.post(f"/{edition.slug}/pamelding/", data).status_code == 302

    for i in range(10):  # warm caches (templates, translations)
        register(-1 - i)
    started = time.perf_counter()
    for i in range(count):
        register(i)
    plain = (time.perf_counter() - started) / count * 1000
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(count, 2 * count):
        register(i)
    profiler.disable()
    print(f"\nin-process, one thread: {plain:.1f} ms per confirmed registration (without the profiler)")
    stats = pstats.Stats(profiler).sort_stats("cumulative")
    stats.print_stats(r"gronnpraksis/|render_to_string|add_missing_timezones|to_ical|is_valid|commit", 25)


def main() -> int:
    args = parse_args()
    os.environ["DB"] = args.db
    os.environ.setdefault("TESTING", "true")  # settings.py needs TESTING, DEBUG or a real SECRET_KEY
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gronnpraksis.settings")
    workdir = Path(tempfile.mkdtemp(prefix="gronnpraksis-bench-"))
    name = ""
    ok = False
    try:
        name = create_database(args.db, workdir)
        os.environ["DB_NAME"] = name
        print(
            f"registration burst: {args.db}, {args.requests} people, {args.quota} seats, "
            f"{args.concurrency} client threads, gunicorn {args.workers} workers × {args.threads} threads, "
            f"{os.cpu_count()} CPUs"
        )
        started = time.monotonic()
        harness.migrate(name)
        print(f"database {name} migrated in {time.monotonic() - started:.1f} s")

        import django

        django.setup()
        from django.db import connections

        edition = setup_edition(args.quota)
        people = [
            harness.Person(
                name=f"Deltaker {i}",
                email=f"deltaker{i:05d}.{uuid.uuid4().hex[:6]}@example.no",
                municipality=("Kristiansand", "Kristiansand (4204)", "Guovdageaidnu", "4204")[i % 4],
            )
            for i in range(args.requests)
        ]
        with harness.gunicorn_server(
            name, log_dir=workdir, workers=args.workers, threads=args.threads
        ) as server:
            started = time.monotonic()
            prepared = harness.prepare_all(
                server.port, f"/{edition.slug}/pamelding/", people, concurrency=min(args.concurrency, 16)
            )
            get_seconds = time.monotonic() - started
            print(
                f"forms fetched: {len(prepared)} GETs in {get_seconds:.2f} s ({len(prepared) / get_seconds:.0f}/s)"
            )
            deadline = time.monotonic() + args.max_seconds
            cpu_before, client_before = server_cpu_seconds(server), time.process_time()
            machine_before = machine_cpu_seconds()
            started = time.monotonic()
            results = post_all(server.port, prepared, args.concurrency, deadline)
            seconds = time.monotonic() - started
            cpu_after, client_after = server_cpu_seconds(server), time.process_time()
            machine_after = machine_cpu_seconds()
        ok = report_run(args, edition, results, seconds, server)
        if cpu_before is not None and cpu_after is not None:
            server_cpu, client_cpu = cpu_after - cpu_before, client_after - client_before
            print(
                f"  CPU          server {server_cpu / len(results) * 1000:.1f} ms per registration, "
                f"client {client_cpu / len(results) * 1000:.1f} ms"
            )
            if machine_before and machine_after:
                busy = machine_after[0] - machine_before[0]
                cores = (machine_after[1] - machine_before[1]) / seconds
                print(
                    f"  cores used   {busy / seconds:.2f} of {cores:.0f}: gunicorn {server_cpu / seconds:.2f}, "
                    f"this client {client_cpu / seconds:.2f}, everything else (database server, other "
                    f"programs) {(busy - server_cpu - client_cpu) / seconds:.2f}"
                )
        if args.profile:
            profile_in_process(edition)
        connections.close_all()
    finally:
        try:
            if name:
                drop_database(args.db, name)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
