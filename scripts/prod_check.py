"""`make prod-check`: run the production stack on loopback ports and prove it keeps its promises.

Started by `scripts/with-postgres.sh` (a throwaway PostgreSQL server, DB_* exported), this starts Redis
(CACHE_URL), an SMTP sink that counts messages, two gunicorn servers (each one process of 8 threads, as two
app machines would be), nginx with the production site's locations (deploy/nginx/) in front of both, and
two `manage.py worker` processes, all with production settings (DEBUG and TESTING off). Then it runs the
checks and prints one line per check with its figure; it exits 1 if any check fails.

  1 smoke      every public page reached from the home page, and every export, answers 200 through nginx
               with HSTS, CSP, X-Frame-Options and Referrer-Policy; hashed static files are cached a year
  2 burst      200 simultaneous registrations for 50 seats: 50 confirmed, 150 waitlisted, one mail each,
               each sent once although two workers compete for the outbox
  3 faults     kill -9 of an app process and a worker during 1,000 registrations for 500 seats: every
               answered registration exists, none twice (failed ones resubmitted with their idempotency
               key), no seat oversold, every mail sent (at most the one in flight at the kill twice)
  4 limits     a rate limit of N per minute holds across both app processes (allauth's failed logins)
  5 backup     pg_dump during a registration burst, restored into a fresh database, holds every
               registration confirmed before the dump began, and the restored site serves
  6 load       the programme and the example bank through nginx from 32 clients: rate, p95, errors
               (a benchmark: fails only on errors)

Everything listens on 127.0.0.1 only and is stopped (by its own process id) when the script ends.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.burst import harness  # noqa: E402
from tests.stack import services  # noqa: E402

HOST = harness.HOST
SECURITY_HEADERS = (
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Frame-Options",
    "Referrer-Policy",
)
HASHED = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")


def say(message: str) -> None:
    print(f"prod-check: {message}", file=sys.stderr, flush=True)


def ensure_debian_packages() -> None:
    """Install Redis and nginx from Debian when they are missing and we may (root with apt-get)."""
    missing = [
        package
        for package, found in (("redis-server", services.redis_binary()), ("nginx", services.nginx_binary()))
        if not found
    ]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(
            f"prod-check: missing {', '.join(missing)}; install them (apt-get install {' '.join(missing)})"
        )
    say(f"installing {', '.join(missing)} with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
    subprocess.run(
        [
            "apt-get",
            "install",
            "-y",
            "-qq",
            "--no-install-recommends",
            "-o",
            "DPkg::Lock::Timeout=120",
            *missing,
        ],
        env=env,
        check=True,
    )


@dataclass
class Stack:
    env: dict[str, str]
    db_name: str
    nginx_port: int
    apps: list[harness.Server]
    sink: services.MailSink
    workers: list[subprocess.Popen]
    worker_logs: list[Path]
    tmp: Path

    def manage(self, *args: str, db_name: str | None = None, timeout: float = 600) -> str:
        env = harness.server_env(db_name or self.db_name, **self.env)
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def get(
        self, path: str, headers: dict[str, str] | None = None
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        connection = http.client.HTTPConnection(HOST, self.nginx_port, timeout=60)
        try:
            connection.request("GET", path, headers={"Accept-Language": "nb", **(headers or {})})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()


def production_env(
    *, db_name: str, cache_url: str, mail_port: int, static_root: Path, nginx_port: int
) -> dict:
    return {
        "DB_NAME": db_name,
        "DEBUG": "false",
        "TESTING": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"http://{HOST}:{nginx_port}",
        # The clients send Origin http://127.0.0.1:<port>; TLS is taken as ended before nginx.
        "CSRF_TRUSTED_ORIGINS": f"http://{HOST}:{nginx_port}",
        "TRUSTED_PROXY_COUNT": "1",
        "CACHE_URL": cache_url,
        # The bursts stand for hundreds of people who would come from as many addresses; here they all
        # come from 127.0.0.1, so the per-address registration limit is raised (the per-e-mail one stays).
        "RATE_LIMIT_REGISTRATION": "5000/m/ip,3/h/email",
        "MAIL_BACKEND": "smtp",
        "MAIL_HOST": HOST,
        "MAIL_PORT": str(mail_port),
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(static_root.parent / "media"),
        "LOG_LEVEL": "WARNING",
        # A row claimed by a worker that is killed goes to another after this (check 3 kills one).
        "MAIL_LEASE_SECONDS": "30",
        "MAIL_TIMEOUT": "10",
    }


def start_worker(stack_env: dict, db_name: str, log: Path) -> subprocess.Popen:
    with open(log, "wb") as output:
        return subprocess.Popen(
            [sys.executable, "manage.py", "worker"],
            cwd=REPO,
            env=harness.server_env(db_name, **stack_env),
            stdout=output,
            stderr=output,
        )


def sent_by_worker(log: Path) -> int:
    text = log.read_text(errors="replace")
    return sum(int(n) for n in re.findall(r"worker: mail: sent (\d+)", text))


# --- Checks -----------------------------------------------------------------------------------------


@dataclass
class Outcome:
    ok: bool
    figure: str
    details: str = ""


def check_smoke(stack: Stack) -> Outcome:
    """Crawl the public site from its home page (paths only, up to three pages of each shape, at most 400)
    plus the exports."""
    from gronnpraksis.editions.models import Edition

    seeds = ["/", "/arkiv/", "/eksempler/", "/kommuner/", "/personvern/", "/tilgjengelighet/", "/healthz"]
    seeds += [
        "/eksempler/eksempler.csv",
        "/eksempler/eksempler.json",
        "/eksempler/nye.atom",
        "/api/v1/openapi.json",
    ]
    for slug in Edition.objects.values_list("slug", flat=True):
        seeds += [f"/{slug}/", f"/{slug}/program/", f"/{slug}/program/talere/", f"/{slug}/program/nytt/"]
        seeds += [f"/{slug}/program.xml", f"/{slug}/program.json", f"/{slug}/program.ics"]
        seeds += [f"/{slug}/program/nytt.atom"]
    skip = ("/admin", "/accounts", "/static/", "/media/", "/i18n/", "/dev/", "/arrangor", "/api/")
    seen: set[str] = set()
    pages: dict[str, tuple[int, http.client.HTTPMessage]] = {}
    statics: set[str] = set()
    problems: list[str] = []
    link = re.compile(r'(?:href|src)="(/[^"#?]*)')
    shapes: Counter[str] = (
        Counter()
    )  # at most 3 pages of each shape (/kommuner/#/ …): every kind, not every page

    def new(path: str) -> bool:
        shape = re.sub(r"\d+", "#", path)
        if path in seen or shapes[shape] >= 3:
            return False
        shapes[shape] += 1
        return True

    queue = [path for path in dict.fromkeys(seeds) if new(path)]

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=8) as executor:
        while queue and len(pages) < 400:
            batch = [p for p in queue[: 400 - len(pages)] if p not in seen]
            queue = queue[len(batch) :]
            seen.update(batch)
            for path, (status, headers, body) in zip(batch, executor.map(stack.get, batch), strict=True):
                pages[path] = (status, headers)
                if "text/html" not in headers.get("Content-Type", ""):
                    continue
                for found in link.findall(body.decode(errors="replace")):
                    if found.startswith("/static/"):
                        statics.add(found)
                    elif not found.startswith(skip) and found not in queue and new(found):
                        queue.append(found)
    login_needed = 0
    for path, (status, headers) in sorted(pages.items()):
        location = headers.get("Location", "")
        if status in (301, 302) and ("/accounts/" in location or "logg-inn" in location):
            login_needed += 1
            continue
        if status != 200:
            problems.append(f"{path}: {status}")
            continue
        if path != "/healthz":
            missing = [h for h in SECURITY_HEADERS if not headers.get(h)]
            if missing:
                problems.append(f"{path}: no {', '.join(missing)}")
    hashed = [s for s in statics if HASHED.search(s)]
    for path in sorted(statics):
        status, headers, _ = stack.get(path, {"Accept-Encoding": "gzip"})
        cache = headers.get("Cache-Control", "")
        if status != 200:
            problems.append(f"{path}: {status}")
        elif HASHED.search(path) and "max-age=31536000" not in cache:
            problems.append(f"{path}: Cache-Control {cache!r}")
        elif path.endswith(".css") and headers.get("Content-Encoding") != "gzip":
            problems.append(f"{path}: not compressed")
    if not hashed:
        problems.append("no hashed static file found in the pages (ManifestStaticFilesStorage not in use?)")
    ok = not problems and len(pages) >= 20
    figure = (
        f"{len(pages) - login_needed} public pages and exports 200 with security headers "
        f"({login_needed} ask for login), {len(hashed)}/{len(statics)} static files hashed with a 1-year cache"
    )
    return Outcome(ok, figure, "\n".join(problems[:20]))


def _people(prefix: str, count: int) -> list[harness.Person]:
    tag = uuid.uuid4().hex[:6]
    return [
        harness.Person(name=f"Deltaker {i}", email=f"{prefix}{i:04d}.{tag}@example.no") for i in range(count)
    ]


def _wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return condition()


def check_burst(stack: Stack) -> Outcome:
    from gronnpraksis.mail.models import OutboxMail, OutboxStatus
    from gronnpraksis.registrations.models import Registration, Status
    from tests.burst.test_registration_burst import _edition_with_quota

    edition = _edition_with_quota(50)
    people = _people("burst", 200)
    prepared = harness.prepare_all(stack.nginx_port, f"/{edition.slug}/pamelding/", people)
    sent_before = [sent_by_worker(log) for log in stack.worker_logs]
    started = time.monotonic()
    results = harness.burst(stack.nginx_port, prepared)
    seconds = time.monotonic() - started
    problems = [f"{r.person.email}: {r.status} {r.error} {r.body[:200]}" for r in results if not r.ok]
    statuses = Counter(Registration.objects.filter(edition=edition).values_list("status", flat=True))
    if statuses != {Status.CONFIRMED: 50, Status.WAITLISTED: 150}:
        problems.append(f"registrations: {dict(statuses)}")
    emails = {p.email for p in people}
    mails = OutboxMail.objects.filter(to__in=emails)
    _wait_for(lambda: not mails.exclude(status=OutboxStatus.SENT).exists(), 180)
    _wait_for(lambda: len([m for m in stack.sink.snapshot() if m.recipient in emails]) >= 200, 30)
    time.sleep(2)  # anything sent twice would arrive now
    received = Counter(m.recipient for m in stack.sink.snapshot() if m.recipient in emails)
    confirmed = set(
        Registration.objects.filter(edition=edition, status=Status.CONFIRMED).values_list("email", flat=True)
    )
    confirmations = Counter(mails.filter(template="registration_confirmed").values_list("to", flat=True))
    if set(confirmations) != confirmed or set(confirmations.values()) != {1}:
        problems.append("not exactly one confirmation mail per confirmed registration in the outbox")
    if received != Counter(emails):
        twice = [e for e, n in received.items() if n > 1]
        problems.append(f"{len(emails - set(received))} people got no mail, {len(twice)} got more than one")
    if mails.exclude(status=OutboxStatus.SENT, attempts=1).exists():
        problems.append("outbox rows not sent in exactly one attempt")
    shares = [
        sent_by_worker(log) - before for log, before in zip(stack.worker_logs, sent_before, strict=True)
    ]
    figure = (
        f"200 POSTs in {seconds:.1f} s through nginx: {statuses.get(Status.CONFIRMED, 0)} confirmed, "
        f"{statuses.get(Status.WAITLISTED, 0)} waitlisted; {sum(received.values())} mails received for "
        f"{len(emails)} people ({len(confirmed)} confirmations), workers sent {' + '.join(map(str, shares))}"
    )
    return Outcome(not problems, figure, "\n".join(problems[:20]))


TOO_MANY = "For mange innloggingsforsøk"  # allauth's own (bokmål) messages
WRONG = "passordet du oppgav er feil"
LOGIN_FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _failed_login(stack: Stack, email: str) -> tuple[int, str]:
    """GET the login form, POST a wrong password for `email`; returns (status, page)."""
    status, headers, body = stack.get("/accounts/login/")
    token = LOGIN_FORM_TOKEN.search(body.decode())
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
    if status != 200 or not token or not cookie:
        return status, body.decode(errors="replace")[:300]
    from urllib.parse import urlencode

    connection = http.client.HTTPConnection(HOST, stack.nginx_port, timeout=60)
    try:
        connection.request(
            "POST",
            "/accounts/login/",
            body=urlencode(
                {
                    "csrfmiddlewaretoken": token[1],
                    "login": email,
                    "password": "wrong-Password-1",
                }
            ),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie[1]}",
                "Origin": f"http://{HOST}:{stack.nginx_port}",
                "Accept-Language": "nb",
            },
        )
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        connection.close()


def check_limits(stack: Stack) -> Outcome:
    """allauth's limit of 10 failed logins per minute and address, 20 attempts spread over both apps."""
    from gronnpraksis.accounts.models import User

    limit = 10
    # Failed logins count for existing accounts; one account per attempt keeps the per-account limit out.
    tag = uuid.uuid4().hex[:6]
    emails = [f"limit{i}.{tag}@example.no" for i in range(2 * limit)]
    for email in emails:
        User.objects.create_user(email=email, password=None)  # no usable password: every attempt fails
    posts_before = [len([e for e in app.access_entries() if e.method == "POST"]) for app in stack.apps]
    answers = [_failed_login(stack, email) for email in emails]
    limited = sum(1 for status, page in answers if status == 200 and TOO_MANY in page)
    refused = sum(1 for status, page in answers if status == 200 and WRONG in page)
    per_app = [
        len([e for e in app.access_entries() if e.method == "POST"]) - before
        for app, before in zip(stack.apps, posts_before, strict=True)
    ]
    # The platform's own limits keep their counts in the same shared cache (its "ratelimits" alias on the
    # same Redis); tests/burst/test_rate_limit_burst.py checks them across two processes.
    note = ""
    ok = limited == limit and refused == limit and all(per_app)
    figure = (
        f"{2 * limit} failed logins over both apps (POSTs per app: {' + '.join(map(str, per_app))}): "
        f"{refused} refused as wrong, {limited} stopped by the shared limit of {limit}/min{note}"
    )
    details = "" if ok else "\n".join(f"{s}: {p[:200]}" for s, p in answers if s != 200)
    return Outcome(ok, figure, details)


def _children(pid: int) -> list[int]:
    """The process ids whose parent is `pid` (gunicorn's worker processes under its master)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def check_faults(stack: Stack) -> Outcome:
    """kill -9 an app process and a worker mid-burst; resubmit what failed with the same idempotency key."""
    import signal

    from gronnpraksis.editions.models import Capacity
    from gronnpraksis.mail.models import OutboxMail, OutboxStatus
    from gronnpraksis.registrations.models import Registration, Seat, Status
    from tests.burst.test_registration_burst import MANAGE_PAGE, _edition_with_quota

    quota, count = 500, 1000
    edition = _edition_with_quota(quota)
    people = _people("fault", count)
    prepared = harness.prepare_all(stack.nginx_port, f"/{edition.slug}/pamelding/", people)
    registrations = Registration.objects.filter(edition=edition)
    results: list[harness.Result] = []
    load = threading.Thread(
        target=lambda: results.extend(harness.pool(stack.nginx_port, prepared, concurrency=16))
    )
    started = time.monotonic()
    load.start()
    _wait_for(lambda: registrations.count() >= count // 3, 120)
    app_worker = _children(stack.apps[0].process.pid)[0]
    os.kill(app_worker, signal.SIGKILL)
    killed_worker = stack.workers[0]
    killed_worker.send_signal(signal.SIGKILL)
    killed_worker.wait(timeout=10)
    at_kill = registrations.count()
    load.join()
    seconds = time.monotonic() - started
    # The worker comes back (systemd's Restart=always); gunicorn's master has replaced its process already.
    stack.workers[0] = start_worker(
        stack.env, stack.db_name, stack.worker_logs[0].with_suffix(".restarted.log")
    )
    failed = [r for r in results if not r.ok]
    failed_emails = {r.person.email for r in failed}
    retried = [harness.post(stack.nginx_port, p) for p in prepared if p.person.email in failed_emails]
    answered = {r.person.email: r for r in results if r.ok} | {r.person.email: r for r in retried if r.ok}
    problems = [f"{r.person.email}: {r.status} {r.error}" for r in retried if not r.ok]
    by_email = Counter(registrations.values_list("email", flat=True))
    if [e for e, n in by_email.items() if n > 1]:
        problems.append(f"{sum(1 for n in by_email.values() if n > 1)} people registered twice")
    tokens = set(registrations.values_list("manage_token", flat=True))
    lost = [
        e
        for e, r in answered.items()
        if not (m := MANAGE_PAGE.fullmatch(r.location)) or m["token"] not in tokens
    ]
    if lost:
        problems.append(f"{len(lost)} answered registrations are missing")
    confirmed = registrations.filter(status=Status.CONFIRMED).count()
    taken = Capacity.objects.get(pk=edition.capacity_id).taken
    seats = Seat.objects.filter(capacity_id=edition.capacity_id).count()
    if not confirmed == taken == seats <= quota:
        problems.append(f"seats: {confirmed} confirmed, counter {taken}, {seats} seats, quota {quota}")
    emails = {p.email for p in people}
    mails = OutboxMail.objects.filter(to__in=emails)
    # A mail the killed worker had claimed waits for its lease (MAIL_LEASE_SECONDS) before another sends it.
    lease = int(stack.env["MAIL_LEASE_SECONDS"])
    _wait_for(lambda: not mails.exclude(status=OutboxStatus.SENT).exists(), lease + 120)
    time.sleep(2)
    received = Counter(m.recipient for m in stack.sink.snapshot() if m.recipient in emails)
    unsent = mails.exclude(status=OutboxStatus.SENT).count()
    missing = len(emails - set(received))
    twice = sum(1 for n in received.values() if n > 1)
    if unsent or missing:
        problems.append(f"{unsent} mails not sent, {missing} people got no mail")
    # At-least-once: only a mail the killed worker had handed to the mail server but not yet recorded as
    # sent can go out twice (docs/architecture.md, "Background work").
    if twice > 1:
        problems.append(f"{twice} people got their mail more than once")
    figure = (
        f"{count} POSTs in {seconds:.0f} s, app process and worker killed at {at_kill}: {len(failed)} errors, "
        f"{sum(r.ok for r in retried)}/{len(retried)} resubmitted ok; {len(by_email)} registered once, "
        f"{confirmed}/{quota} seats; {sum(received.values())} mails for {len(emails)} people "
        f"({twice} sent twice by the killed worker)"
    )
    return Outcome(not problems, figure, "\n".join(problems[:20]))


def _psql(db_name: str, sql: str) -> str:
    return subprocess.run(
        ["psql", "-X", "-At", "-d", db_name, "-c", sql],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.strip()


def check_backup(stack: Stack) -> Outcome:
    from gronnpraksis.registrations.models import Registration, Status
    from tests.burst.test_registration_burst import _edition_with_quota

    edition = _edition_with_quota(1000)
    people = _people("backup", 300)
    prepared = harness.prepare_all(stack.nginx_port, f"/{edition.slug}/pamelding/", people)
    confirmed = Registration.objects.filter(edition=edition, status=Status.CONFIRMED)
    results: list[harness.Result] = []
    load = threading.Thread(
        target=lambda: results.extend(harness.pool(stack.nginx_port, prepared, concurrency=8))
    )
    load.start()
    _wait_for(lambda: confirmed.count() >= 60, 120)
    before = set(confirmed.values_list("pk", flat=True))
    dump = stack.tmp / "backup.dump"
    started = time.monotonic()
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", stack.db_name], check=True, timeout=600
    )
    dump_seconds = time.monotonic() - started
    during = confirmed.count() - len(before)
    load.join()
    problems = [f"{r.person.email}: {r.status} {r.error}" for r in results if not r.ok]
    restored = f"{stack.db_name}_restored"
    subprocess.run(["createdb", restored], check=True, timeout=120)
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", str(dump)],
        check=True,
        timeout=600,
    )
    ids = ",".join(map(str, sorted(before))) or "0"
    query = f"SELECT count(*) FROM registrations_registration WHERE id IN ({ids})"  # noqa: S608  (integers)
    present = int(_psql(restored, query))
    if present != len(before):
        problems.append(f"{len(before) - present} registrations confirmed before the dump are missing")
    stack.manage("check", "--database", "default", db_name=restored)
    (stack.tmp / "restored").mkdir()
    with harness.gunicorn_server(
        restored,
        log_dir=stack.tmp / "restored",
        workers=1,
        threads=2,
        env={**stack.env, "DB_NAME": restored},
    ) as server:
        connection = http.client.HTTPConnection(HOST, server.port, timeout=60)
        connection.request("GET", f"/{edition.slug}/", headers={"X-Forwarded-Proto": "https"})
        served = connection.getresponse().status
        connection.close()
    if served != 200:
        problems.append(f"the restored site answered {served}")
    figure = (
        f"pg_dump in {dump_seconds:.1f} s while {len(prepared)} registrations came in "
        f"({during} more confirmed during the dump): {present}/{len(before)} confirmed before it restored, "
        f"restored site answers {served}"
    )
    return Outcome(not problems, figure, "\n".join(problems[:20]))


def check_load(stack: Stack) -> Outcome:
    """A benchmark: the programme and the example bank through nginx from 32 clients with kept-alive
    connections (2,000 people opening the programme in the morning is some 30 requests a second; this
    sends as fast as the stack answers). Fails only on errors."""
    from concurrent.futures import ThreadPoolExecutor

    from gronnpraksis.editions.models import Edition

    # The newest edition whose programme is published.
    slug = next(
        (
            s
            for s in Edition.objects.order_by("-starts_on").values_list("slug", flat=True)
            if stack.get(f"/{s}/program/")[0] == 200
        ),
        None,
    )
    paths = {"programme": f"/{slug}/program/", "bank": "/eksempler/"}
    requests, clients = 1000, 32
    figures = []
    errors = 0
    for name, path in paths.items():

        def client(share: int, path: str = path) -> list[tuple[int, float]]:
            connection = http.client.HTTPConnection(HOST, stack.nginx_port, timeout=60)
            answers = []
            for _ in range(share):
                started = time.monotonic()
                try:
                    connection.request(
                        "GET", path, headers={"Accept-Language": "nb", "Accept-Encoding": "gzip"}
                    )
                    response = connection.getresponse()
                    response.read()
                    answers.append((response.status, time.monotonic() - started))
                except (OSError, http.client.HTTPException):
                    connection.close()
                    connection = http.client.HTTPConnection(HOST, stack.nginx_port, timeout=60)
                    answers.append((0, time.monotonic() - started))
            connection.close()
            return answers

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=clients) as executor:
            answers = [a for part in executor.map(client, [requests // clients] * clients) for a in part]
        seconds = time.monotonic() - started
        failed = sum(1 for status, _ in answers if status != 200)
        errors += failed
        p95 = harness.percentile([t for _, t in answers], 0.95) * 1000
        figures.append(f"{name} {len(answers) / seconds:.0f}/s p95 {p95:.0f} ms {failed} errors")
    return Outcome(errors == 0, f"{requests} requests each from {clients} clients: " + "; ".join(figures))


CHECKS: list[tuple[str, Callable[[Stack], Outcome]]] = [
    ("1 smoke", check_smoke),
    ("2 burst", check_burst),
    ("3 faults", check_faults),
    ("4 limits", check_limits),
    ("5 backup", check_backup),
    ("6 load", check_load),
]


def main() -> int:
    if os.environ.get("DB") != "postgres" or not os.environ.get("DB_NAME"):
        sys.exit("prod-check: run it through scripts/with-postgres.sh (make prod-check)")
    ensure_debian_packages()
    failed = ran = 0
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="gronnpraksis-prod-check.")))
        tmp.chmod(0o755)
        db_name = os.environ["DB_NAME"]
        cache_url = stack.enter_context(services.redis_server())
        sink = stack.enter_context(services.mail_sink())
        nginx_port = services.free_port()
        env = production_env(
            db_name=db_name,
            cache_url=cache_url,
            mail_port=sink.port,
            static_root=tmp / "static",
            nginx_port=nginx_port,
        )
        runner = Stack(env, db_name, nginx_port, [], sink, [], [], tmp)
        say("migrating, collecting static files, loading the demo data")
        runner.manage("migrate", "--noinput", "-v", "0")
        runner.manage("collectstatic", "--noinput", "-v", "0")
        runner.manage("seed_demo", "--force")
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "gronnpraksis.settings"
        import django

        django.setup()
        say("starting two gunicorn servers, nginx and two workers")
        for n in (1, 2):
            (tmp / f"app-{n}").mkdir()
            runner.apps.append(
                stack.enter_context(
                    harness.gunicorn_server(db_name, log_dir=tmp / f"app-{n}", workers=1, threads=8, env=env)
                )
            )
        stack.enter_context(
            services.nginx_server(
                port=nginx_port,
                upstreams=[a.port for a in runner.apps],
                static_root=tmp / "static",
                workdir=tmp / "nginx",
            )
        )
        for n in (1, 2):
            log = tmp / f"worker-{n}.log"
            runner.workers.append(start_worker(env, db_name, log))
            runner.worker_logs.append(log)
        stack.callback(lambda: [services.stop(process) for process in runner.workers])
        only = [c.strip() for c in os.environ.get("PROD_CHECK_ONLY", "").split(",") if c.strip()]
        for name, check in CHECKS:
            if only and name.split()[1] not in only:
                continue
            started = time.monotonic()
            try:
                outcome = check(runner)
            except Exception as error:  # a check that crashes is a failed check; the others still run
                outcome = Outcome(False, f"{type(error).__name__}: {error}")
            ran += 1
            failed += not outcome.ok
            status = "ok  " if outcome.ok else "FAIL"
            print(f"{status} {name}: {outcome.figure} [{time.monotonic() - started:.0f} s]", flush=True)
            if outcome.details:
                print("     " + outcome.details.replace("\n", "\n     "), flush=True)
        # The worker process check 3 kills is the only error the servers may log.
        errors = "\n".join(
            line
            for app in runner.apps
            for line in app.errors().splitlines()
            if "was sent SIGKILL" not in line
        )
        if errors:
            print(f"FAIL server logs: {errors[:2000]}")
            failed += 1
    print(f"prod-check: {'FAILED' if failed else 'passed'}: {ran - min(failed, ran)} of {ran} checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
