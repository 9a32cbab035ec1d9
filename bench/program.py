"""Public programme throughput through a real server: how fast are the programme page, an item page, the
speaker pages and the exports of a full 300-item programme, compared with a trivial view served the same
way?

    python bench/program.py [--db sqlite|postgres] [--requests 400] [--concurrency 8] [--workers 2]
                            [--threads 1] [--renders 20] [--rounds 3] [--profile]

What it does, and undoes:
1. Creates a fresh, empty database (a file in a new temporary directory for SQLite, or the database
   `gp_bench_<pid>` on the PostgreSQL server in DB_HOST/DB_PORT/DB_USER/DB_PASSWORD), exactly as
   bench/registration_burst.py does, and migrates it.
2. Builds an edition with 10 rooms, 4 tracks (one partner track) and 300 programme items over its two
   days (15 half-hour slots per room per day), each linked to a contribution with 1–3 contributors and
   1–2 themes (bulk inserts), and publishes it with `program.services.publish_program`.
3. Starts `gunicorn gronnpraksis.wsgi:application` (gthread, --workers × --threads, default 2 × 1) on a
   free port of 127.0.0.1.
4. For each endpoint sends --requests GETs (after a short warm-up) from --concurrency client threads, each
   on its own keep-alive connection: the programme page, an item page, the speaker list, a speaker's
   page, `program.xml` (frab schedule.xml), `program.json` (C3VOC schedule.json) and `program.ics`, and
   `/healthz` (the ceiling) before and after each of them, --rounds times. The clients send no cookies:
   every request is a first visit (anonymous, no stars), which also gets a new CSRF cookie. Prints
   requests/s, client p50/p95, gunicorn's own p50, the server's CPU per request and the ratio to the
   mean of the two ceiling runs around the endpoint (target ≥ 25 %): of the rounds in which no other
   program used the machine, the median; a warning when there was no such round.
5. Renders the programme page in this process (Django's test client, caches cleared before every
   render) --renders times and prints the median against the 100 ms target; the same for the speaker
   list and a speaker's page (no target).
6. Stops the server and deletes the database.

Load goes only to 127.0.0.1; every endpoint is bounded by --requests (≤ 5000) and --max-seconds.
A missed target is printed ("target NOT met"), it does not fail the run: exit status 1 only on errors
(a non-200 answer, a failed connection or an error in the server's log).

--profile adds a cProfile of in-process renders of the programme page and of the exports.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from registration_burst import (  # noqa: E402
    create_database,
    drop_database,
    machine_cpu_seconds,
    server_cpu_seconds,
)

from tests.burst import harness  # noqa: E402

MAX_REQUESTS = 5_000
TARGET_RATIO = 0.25
TARGET_RENDER_MS = 100.0
ROOMS = 10
SLOTS_PER_DAY = 15  # 10 rooms × 15 slots × 2 days = 300 items
SLOT_MINUTES = 30
FIRST_SLOT = (8, 30)
QUIET_CORES = 0.15  # CPU used by other programs above which a measurement counts as disturbed


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default=os.environ.get("DB", "sqlite"))
    parser.add_argument("--requests", type=int, default=400, help="timed GETs per endpoint (default 400)")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (default 1)")
    parser.add_argument("--renders", type=int, default=20, help="in-process renders (default 20)")
    parser.add_argument("--rounds", type=int, default=3, help="measurements per endpoint (default 3)")
    parser.add_argument(
        "--max-seconds", type=float, default=60, help="stop an endpoint after this long (default 60)"
    )
    parser.add_argument("--profile", action="store_true", help="also profile the renders in-process")
    args = parser.parse_args()
    if not 1 <= args.requests <= MAX_REQUESTS:
        parser.error(f"--requests must be between 1 and {MAX_REQUESTS}")
    if not 1 <= args.concurrency <= 64 or min(args.workers, args.threads, args.renders) < 1:
        parser.error("1 ≤ --concurrency ≤ 64, --workers ≥ 1, --threads ≥ 1, --renders ≥ 1")
    if not 1 <= args.rounds <= 10:
        parser.error("--rounds must be between 1 and 10")
    return args


# --- The programme ----------------------------------------------------------------------------------


def build_programme():  # type: ignore[no-untyped-def]
    """An edition with 300 published items in 10 rooms over 2 days; returns (edition, item ids)."""
    import datetime

    from gronnpraksis.contributions.models import Contribution, Contributor, State
    from gronnpraksis.editions.models import Theme
    from gronnpraksis.program.models import ProgramItem, Room, Track
    from gronnpraksis.program.services import publish_program
    from tests.factories import EditionFactory, OrganiserFactory, municipality

    edition = EditionFactory()
    organiser = OrganiserFactory()
    home = municipality()
    themes = list(Theme.objects.all())
    rooms = Room.objects.bulk_create(
        Room(edition=edition, name=f"Sal {i + 1}", capacity=40 + 20 * i, position=i, features="trinnfri")
        for i in range(ROOMS)
    )
    tracks = Track.objects.bulk_create(
        Track(edition=edition, name=name, slug=slug, is_partner=slug == "partner", position=i)
        for i, (name, slug) in enumerate(
            [
                ("Praksis nedenfra", "praksis"),
                ("Fordypning", "fordypning"),
                ("Forskning", "forskning"),
                ("Partnerprogram", "partner"),
            ]
        )
    )
    days = list(edition.days.order_by("date"))
    count = len(days) * ROOMS * SLOTS_PER_DAY
    contributions = Contribution.objects.bulk_create(
        Contribution(
            edition=edition,
            kind=("eksempel", "ide")[i % 2] if i % 5 else "eksempel",
            title=f"Grønn praksis nummer {i + 1}: bildeling, gjenbruk og lokal energi",
            summary="Kommunens biler deles med innbyggerne på kveldstid, og overskuddsvarmen går til badet.",
            description="Vi startet med tre elbiler og en app. " * 8,
            municipality=home,
            organisation_name=f"Organisasjon {i % 37}",
            wished_format="innlegg",
            wished_length=20,
            state=State.CONFIRMED,
        )
        for i in range(count)
    )
    Contributor.objects.bulk_create(
        Contributor(
            contribution=contribution,
            name=f"Foredragsholder {i}-{n}",
            email=f"foredrag{i}.{n}@example.no",
            is_primary=n == 0,
            position=n,
        )
        for i, contribution in enumerate(contributions)
        for n in range(1 + i % 3)
    )
    through = Contribution.themes.through
    through.objects.bulk_create(
        through(contribution_id=contribution.pk, theme_id=themes[(i + k) % len(themes)].pk)
        for i, contribution in enumerate(contributions)
        for k in range(1 + i % 2)
    )
    items = []
    index = 0
    for day in days:
        for slot in range(SLOTS_PER_DAY):
            starts = datetime.datetime.combine(
                day.date, datetime.time(*FIRST_SLOT), tzinfo=edition.tz
            ) + datetime.timedelta(minutes=SLOT_MINUTES * slot)
            for room in rooms:
                contribution = contributions[index]
                items.append(
                    ProgramItem(
                        edition=edition,
                        kind="contribution" if slot else "plenary",
                        title=contribution.title,
                        description=contribution.summary,
                        contribution=contribution,
                        room=room,
                        track=tracks[index % len(tracks)],
                        starts_at=starts,
                        ends_at=starts + datetime.timedelta(minutes=SLOT_MINUTES - 5),
                        is_cancelled=index % 97 == 0,
                    )
                )
                index += 1
    items = ProgramItem.objects.bulk_create(items)
    version = publish_program(edition=edition, user=organiser, note="Benchmark")
    return edition, version, [item.pk for item in items]


# --- Load ---------------------------------------------------------------------------------------------


@dataclass
class Run:
    name: str
    path: str
    latencies: list[float] = field(default_factory=list)  # ms, successful requests
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    sent: int = 0
    bytes: int = 0
    server_cpu: float | None = None
    client_cpu: float = 0.0
    machine_busy: float | None = None
    server_ms: list[float] = field(default_factory=list)
    per_worker: list[int] = field(default_factory=list)
    ceiling: float = 0.0  # the mean of the ceiling runs just before and after this one
    quiet: bool = True  # no other program used the machine noticeably during it and its ceiling runs
    rounds: str = ""  # for a reported endpoint: how many of its rounds were quiet

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def hammer(
    port: int, path: str, count: int, concurrency: int, deadline: float, run: Run | None = None
) -> Run:
    """GET `path` `count` times from `concurrency` threads, each with one keep-alive connection."""
    run = run or Run(name=path, path=path)
    lock = threading.Lock()
    remaining = [count]

    def take() -> bool:
        with lock:
            if remaining[0] <= 0 or time.monotonic() > deadline:
                return False
            remaining[0] -= 1
            return True

    def client() -> None:
        connection = http.client.HTTPConnection(harness.HOST, port, timeout=60)
        latencies, errors, sent, size = [], [], 0, 0
        try:
            while take():
                sent += 1
                started = time.perf_counter()
                try:
                    connection.request("GET", path, headers={"Accept-Language": "nb"})
                    response = connection.getresponse()
                    body = response.read()
                    elapsed = (time.perf_counter() - started) * 1000
                    if response.status == 200:
                        latencies.append(elapsed)
                        size += len(body)
                    else:
                        errors.append(f"{response.status} {body[:200]!r}")
                    if response.will_close:
                        connection.close()
                except (OSError, http.client.HTTPException) as error:
                    errors.append(f"{type(error).__name__}: {error}")
                    connection.close()  # reconnects on the next request
        finally:
            connection.close()
            with lock:
                run.latencies.extend(latencies)
                run.errors.extend(errors)
                run.sent += sent
                run.bytes += size

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.monotonic() - started
    return run


def measure(server: harness.Server, name: str, path: str, args: argparse.Namespace) -> Run:
    # Warm-up: every worker compiles its templates and fills its per-process caches.
    hammer(server.port, path, 4 * args.workers * args.threads, args.concurrency, time.monotonic() + 60)
    log_offset = len(server.access_entries())
    run = Run(name=name, path=path)
    cpu_before, client_before, machine_before = (
        server_cpu_seconds(server),
        time.process_time(),
        machine_cpu_seconds(),
    )
    hammer(server.port, path, args.requests, args.concurrency, time.monotonic() + args.max_seconds, run)
    cpu_after, client_after, machine_after = (
        server_cpu_seconds(server),
        time.process_time(),
        machine_cpu_seconds(),
    )
    if cpu_before is not None and cpu_after is not None:
        run.server_cpu = cpu_after - cpu_before
    run.client_cpu = client_after - client_before
    if machine_before and machine_after:
        run.machine_busy = machine_after[0] - machine_before[0]
    time.sleep(0.2)  # let gunicorn flush its access log
    entries = [e for e in server.access_entries()[log_offset:] if e.path == path.split("?")[0]]
    run.server_ms = [e.seconds * 1000 for e in entries]
    workers: dict[int, int] = {}
    for entry in entries:
        workers[entry.pid] = workers.get(entry.pid, 0) + 1
    run.per_worker = sorted(workers.values(), reverse=True)
    return run


def sweep(
    server: harness.Server, endpoints: list[tuple[str, str]], ceiling_path: str, args: argparse.Namespace
) -> tuple[list[Run], list[Run], list[Run]]:
    """--rounds times: the ceiling, then each endpoint followed by the ceiling again. Each endpoint is
    compared with the mean of the two ceiling runs around it, and of its rounds the one with the median
    ratio among the quiet ones is reported. A round is quiet when other programs used at most
    QUIET_CORES during the ceiling runs around it and, on SQLite, during the endpoint itself (on
    PostgreSQL the database server's CPU counts as other programs'). Returns the reported runs, every
    endpoint run and every ceiling run."""
    ceilings: list[Run] = []
    rounds: dict[str, list[Run]] = {label: [] for label, _path in endpoints}
    for _round in range(args.rounds):
        before = measure(server, "healthz", ceiling_path, args)
        ceilings.append(before)
        for label, path in endpoints:
            run = measure(server, label, path, args)
            after = measure(server, "healthz", ceiling_path, args)
            ceilings.append(after)
            run.ceiling = (before.rate + after.rate) / 2
            checked = [before, after] if args.db == "postgres" else [before, run, after]
            run.quiet = all((other_cores(r) or 0.0) <= QUIET_CORES for r in checked)
            rounds[label].append(run)
            before = after
    reported = []
    for runs in rounds.values():
        pool = sorted(
            [r for r in runs if r.quiet] or runs, key=lambda r: r.rate / r.ceiling if r.ceiling else 0.0
        )
        median = pool[len(pool) // 2]
        median.rounds = f"{sum(r.quiet for r in runs)}/{len(runs)}"
        reported.append(median)
    return reported, [run for runs in rounds.values() for run in runs], ceilings


def other_cores(run: Run) -> float | None:
    """Cores busy with neither gunicorn nor the client during the run (the database server, other programs)."""
    if not run.seconds or run.machine_busy is None or run.server_cpu is None:
        return None
    return max(run.machine_busy - run.server_cpu - run.client_cpu, 0) / run.seconds


def report(runs: list[Run], args: argparse.Namespace) -> None:
    p = harness.percentile
    print(
        f"\n{'endpoint':<14} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'srv p50':>7} {'CPU ms/req':>10}"
        f" {'kB':>6} {'quiet':>5} {'vs ceiling':>10}"
    )
    for run in runs:
        ok = len(run.latencies)
        cpu = f"{run.server_cpu / ok * 1000:10.1f}" if run.server_cpu is not None and ok else f"{'?':>10}"
        ratio = run.rate / run.ceiling if run.ceiling else 0.0
        if run.name.startswith("healthz"):
            verdict = "(ceiling)"
        else:
            verdict = (
                f"{ratio:9.1%}  target ≥ {TARGET_RATIO:.0%}: {'met' if ratio >= TARGET_RATIO else 'NOT met'}"
            )
        print(
            f"{run.name:<14} {run.rate:8.1f} {p(run.latencies, 0.5):7.1f} {p(run.latencies, 0.95):7.1f}"
            f" {p(run.server_ms, 0.5):7.1f} {cpu} {run.bytes / max(ok, 1) / 1024:6.1f} {run.rounds:>5} {verdict}"
        )
    print(
        f"({args.requests} GETs per endpoint, {args.concurrency} keep-alive client threads; p50/p95 as the"
        " client saw them, srv p50 as gunicorn measured it; CPU = gunicorn's CPU time per request;"
        f" quiet = rounds of {args.rounds} without other programs busy, the median of those is shown)"
    )
    for run in runs:
        other = other_cores(run)
        if other is not None and run.server_cpu is not None:
            print(
                f"  cores busy during {run.name:<10} gunicorn {run.server_cpu / run.seconds:.2f}, "
                f"client {run.client_cpu / run.seconds:.2f}, other (database server…) {other:.2f}; "
                f"requests per worker {run.per_worker}"
            )


# --- In-process render ---------------------------------------------------------------------------------


def _clear_caches() -> None:
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


def render_times(path: str, renders: int) -> tuple[list[float], int, int]:
    """Milliseconds per uncached GET of `path` through Django's test client (caches cleared before every
    render, so a cache in the view or middleware cannot hide the work), the queries and the size."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    for _ in range(3):  # templates compiled, translations loaded
        _clear_caches()
        assert client.get(path).status_code == 200
    times = []
    for _ in range(renders):
        _clear_caches()
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    _clear_caches()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return times, len(queries), len(response.content)


def profile_in_process(paths: list[str]) -> None:
    import cProfile
    import pstats

    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="nb")
    for path in paths:
        client.get(path)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(10):
            _clear_caches()
            client.get(path)
        profiler.disable()
        print(f"\n--- cProfile of 10 in-process GETs of {path} (cumulative) ---")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(22)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


# --- The run ---------------------------------------------------------------------------------------------


def main() -> int:
    args = parse_args()
    os.environ["DB"] = args.db
    os.environ.setdefault("TESTING", "true")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gronnpraksis.settings")
    workdir = Path(tempfile.mkdtemp(prefix="gronnpraksis-bench-"))
    name = ""
    ok = False
    try:
        name = create_database(args.db, workdir)
        os.environ["DB_NAME"] = name
        print(
            f"programme: {args.db}, {args.requests} GETs per endpoint, {args.concurrency} client threads, "
            f"gunicorn {args.workers} workers × {args.threads} threads, {os.cpu_count()} CPUs"
        )
        started = time.monotonic()
        harness.migrate(name)
        print(f"database {name} migrated in {time.monotonic() - started:.1f} s")

        import django

        django.setup()
        from django.db import connections
        from django.urls import NoReverseMatch, reverse
        from django.utils.text import slugify

        started = time.monotonic()
        edition, version, item_ids = build_programme()
        print(
            f"edition {edition.slug}: {len(item_ids)} items, {len({i['room']['id'] for i in version.items})} "
            f"rooms, {sum(len(i['speakers']) for i in version.items)} speakers, published as version "
            f"{version.number} in {time.monotonic() - started:.1f} s"
        )
        endpoints = [
            ("program page", reverse("program:program", kwargs={"edition": edition.slug})),
            (
                "item page",
                reverse("program:item", kwargs={"edition": edition.slug, "pk": item_ids[len(item_ids) // 2]}),
            ),
        ]
        speaker = next(s for i in version.items for s in i["speakers"] if not i["cancelled"])
        for label, url_name, kwargs in (
            ("speaker list", "program:speakers", {}),
            ("speaker page", "program:speaker", {"slug": slugify(speaker["name"])}),
        ):
            try:
                endpoints.append((label, reverse(url_name, kwargs={"edition": edition.slug, **kwargs})))
            except NoReverseMatch:
                print(f"  ! {label}: no URL {url_name} in this version, skipped")
        for label, url_name in (
            ("schedule.xml", "program:program_xml"),
            ("schedule.json", "program:program_json"),
            ("program.ics", "program:program_ics"),
        ):
            try:
                endpoints.append((label, reverse(url_name, kwargs={"edition": edition.slug})))
            except NoReverseMatch:
                print(f"  ! {label}: no URL {url_name} in this version, skipped")
        ceiling_path = reverse("healthz")
        with harness.gunicorn_server(
            name, log_dir=workdir, workers=args.workers, threads=args.threads
        ) as server:
            runs, every_run, ceilings = sweep(server, endpoints, ceiling_path, args)
            errors = server.errors()
        first, last = ceilings[0], ceilings[-1]
        last.name = "healthz (end)"
        report([first, *runs, last], args)
        rates = [c.rate for c in ceilings]
        print(
            f"ceiling: healthz before and after every endpoint, {min(rates):.0f}–{max(rates):.0f} req/s "
            f"(median {statistics.median(rates):.0f}); each ratio uses the two runs around its endpoint"
        )
        disturbed = [run.name for run in runs if not run.quiet]
        if disturbed:
            print(
                f"  ! other programs were busy in every round of {', '.join(disturbed)}: those ratios are"
                " unreliable, run again on a quiet machine or with more --rounds"
            )

        times, queries, size = render_times(endpoints[0][1], args.renders)
        median = statistics.median(times)
        print(
            f"\nin-process uncached render of {endpoints[0][1]} ({len(item_ids)} items, {size / 1024:.0f} kB, "
            f"{queries} queries): median {median:.1f} ms, min {min(times):.1f}, max {max(times):.1f} "
            f"over {args.renders}   (target ≤ {TARGET_RENDER_MS:.0f} ms: "
            f"{'met' if median <= TARGET_RENDER_MS else 'NOT met'})"
        )
        for label, path in endpoints[1:]:
            if label.startswith("speaker"):
                times, queries, size = render_times(path, args.renders)
                print(
                    f"in-process uncached render of the {label} {path} ({size / 1024:.0f} kB, {queries} "
                    f"queries): median {statistics.median(times):.1f} ms"
                )
        if args.profile:
            profile_in_process([path for _, path in endpoints])

        failed = [run for run in [*ceilings, *every_run] if run.errors or len(run.latencies) != run.sent]
        for run in failed:
            print(f"  ! {run.name}: {len(run.errors)} errors, e.g. {run.errors[:3]}")
        if errors:
            print("  ! the server logged errors:\n" + errors[:3000])
        short = [run for run in [*ceilings, *every_run] if run.sent < args.requests]
        for run in short:
            print(f"  (note: {run.name} sent {run.sent} of {args.requests}: --max-seconds reached)")
        ok = not failed and not errors
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
