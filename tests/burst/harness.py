"""A real server and real form clients, shared by the burst test and bench/registration_burst.py.

`gunicorn_server()` starts `gunicorn gronnpraksis.wsgi:application` (gthread worker: several
processes, each with several threads) on a free 127.0.0.1 port against the database named in the
environment it is given, and stops it (by its own process id) when the block ends.

`prepare()` does what a browser does before a person presses "Register": GET the form, keep the
CSRF cookie, read the hidden `csrfmiddlewaretoken` and the server-generated `idempotency_key`, and
pick the ticket and days the form offers. `post()` then sends the filled form as
application/x-www-form-urlencoded, exactly as the browser would. Only the standard library is used.
"""

from __future__ import annotations

import http.client
import math
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"  # Load is only ever sent to the loopback interface.

# Gunicorn's access log, one line per request: worker pid, status, method, path, duration (µs).
ACCESS_LOG_FORMAT = "%(p)s %(s)s %(m)s %(U)s %(D)s"
# What in the server's logs means something went wrong (Django logs 500s as "Internal Server Error").
SERVER_ERROR = re.compile(r"Traceback|Internal Server Error|\[(ERROR|CRITICAL)\]|WORKER TIMEOUT|Exception")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def server_env(db_name: str, **extra: str) -> dict[str, str]:
    """The environment for a server process or `manage.py` on the database `db_name`.

    DB, DB_HOST, DB_PORT, DB_USER and DB_PASSWORD are inherited, so the same code serves SQLite
    (DB_NAME is then a file path) and PostgreSQL (DB_NAME is a database on the server in DB_HOST).
    """
    env = dict(os.environ)
    env.update(
        DB_NAME=db_name,
        TESTING="true",
        DEBUG="false",
        ALLOWED_HOSTS=HOST,
        PYTHONUNBUFFERED="1",
        LOG_LEVEL=os.environ.get("LOG_LEVEL", "WARNING"),
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by conftest.py for Playwright; not for a server
    env.update(extra)
    return env


def migrate(db_name: str) -> None:
    """Apply all migrations to `db_name` in a separate process, as a deployment does."""
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=REPO,
        env=server_env(db_name),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"migrate failed:\n{result.stdout}\n{result.stderr}")


@dataclass
class Server:
    process: subprocess.Popen
    port: int
    access_log: Path
    error_log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def access_entries(self) -> list[AccessEntry]:
        entries = []
        for line in self.access_log.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split()
            if len(parts) == 5 and parts[0].startswith("<"):
                entries.append(
                    AccessEntry(
                        pid=int(parts[0].strip("<>")),
                        status=int(parts[1]),
                        method=parts[2],
                        path=parts[3],
                        seconds=int(parts[4]) / 1e6,
                    )
                )
        return entries

    def errors(self) -> str:
        """Tracebacks and errors gunicorn or Django logged (empty when all went well)."""
        lines = []
        for log in (self.error_log, self.error_log.with_name("gunicorn-output.log")):
            if log.exists():
                text = log.read_text(encoding="utf-8", errors="replace")
                lines += [line for line in text.splitlines() if SERVER_ERROR.search(line)]
        return "\n".join(lines)


@dataclass(frozen=True)
class AccessEntry:
    pid: int
    status: int
    method: str
    path: str
    seconds: float


@contextmanager
def gunicorn_server(
    db_name: str,
    *,
    log_dir: Path,
    workers: int = 2,
    threads: int = 8,
    startup_timeout: float = 60.0,
    env: dict[str, str] | None = None,
) -> Iterator[Server]:
    """Run gunicorn (gthread: `workers` processes × `threads` threads) on 127.0.0.1 until the block ends;
    `env` adds to or overrides the server's environment (e.g. RATE_LIMITS_ENABLED)."""
    port = free_port()
    access_log, error_log = log_dir / "gunicorn-access.log", log_dir / "gunicorn-error.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "gronnpraksis.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--worker-class",
        "gthread",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--timeout",
        "120",
        "--graceful-timeout",
        "10",
        "--backlog",
        "2048",
        "--access-logfile",
        str(access_log),
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--error-logfile",
        str(error_log),
        "--log-level",
        "info",
    ]
    # The server's stdout/stderr go to a file too (Django's own logging writes to stderr).
    with open(log_dir / "gunicorn-output.log", "wb") as output:
        process = subprocess.Popen(
            command, cwd=REPO, env=server_env(db_name, **(env or {})), stdout=output, stderr=output
        )
    server = Server(process=process, port=port, access_log=access_log, error_log=error_log)
    try:
        _wait_until_ready(server, startup_timeout, log_dir)
        yield server
    finally:
        _stop(process)


def _wait_until_ready(server: Server, timeout: float, log_dir: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.process.returncode}:\n{_logs(log_dir)}")
        try:
            connection = http.client.HTTPConnection(HOST, server.port, timeout=5)
            connection.request("GET", "/personvern/")
            connection.getresponse().read()
            connection.close()
            # The master answers as soon as one worker is up; give the other worker(s) a moment too.
            time.sleep(0.5)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer on {server.url} within {timeout} s:\n{_logs(log_dir)}")


def _logs(log_dir: Path) -> str:
    return "\n".join(p.read_text(errors="replace")[-4000:] for p in sorted(log_dir.glob("gunicorn-*.log")))


def _stop(process: subprocess.Popen) -> None:
    """Stop the gunicorn master we started (it stops its own workers); kill it if it hangs."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


# --- Clients ------------------------------------------------------------------------------------


class _FormParser(HTMLParser):
    """Collects the inputs of the registration form: hidden values, radio and checkbox options."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self.checked: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "input":
            return
        a = {k: v or "" for k, v in attrs}
        name, kind = a.get("name", ""), a.get("type", "text")
        if not name:
            return
        if kind in {"radio", "checkbox"}:
            self.options.setdefault(name, []).append(a.get("value", ""))
            if "checked" in a:
                self.checked.setdefault(name, []).append(a.get("value", ""))
        else:
            self.values[name] = a.get("value", "")


@dataclass
class Person:
    name: str
    email: str
    municipality: str = "Kristiansand"
    organisation_name: str = "Kristiansand kommune"
    sector: str = "kommune"
    role: str = "fagperson"


@dataclass
class Prepared:
    """A form as the browser holds it after the GET: cookies and the filled body, ready to POST."""

    person: Person
    path: str
    cookie_header: str
    body: bytes
    idempotency_key: str
    headers: dict[str, str] = field(default_factory=dict)  # sent with the POST, e.g. X-Forwarded-For


@dataclass
class Result:
    person: Person
    status: int = 0
    location: str = ""
    seconds: float = 0.0
    started: float = 0.0
    error: str = ""
    body: str = ""  # the start of the body when the answer was not a redirect

    @property
    def ok(self) -> bool:
        return self.status == 302 and not self.error


def _connection(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection(HOST, port, timeout=120)


def prepare(port: int, path: str, person: Person) -> Prepared:
    """GET the registration form like a browser and fill it in for `person`."""
    connection = _connection(port)
    try:
        connection.request("GET", path, headers={"Accept-Language": "nb"})
        response = connection.getresponse()
        html = response.read().decode()
        if response.status != 200:
            raise RuntimeError(f"GET {path} answered {response.status}: {html[:500]}")
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
    finally:
        connection.close()
    form = _FormParser()
    form.feed(html)
    for required in ("csrfmiddlewaretoken", "idempotency_key"):
        if not form.values.get(required):
            raise RuntimeError(f"the form at {path} has no {required}")
    if "csrftoken" not in cookies:
        raise RuntimeError(f"GET {path} set no csrftoken cookie")
    fields: list[tuple[str, str]] = [
        ("csrfmiddlewaretoken", form.values["csrfmiddlewaretoken"]),
        ("idempotency_key", form.values["idempotency_key"]),
        ("name", person.name),
        ("email", person.email),
        ("phone", ""),
        ("organisation_name", person.organisation_name),
        ("organisation_number", ""),
        ("municipality", person.municipality),
        ("sector", person.sector),
        ("role", person.role),
        # The first ticket the form offers, and the days it ticks by default (all of them).
        ("ticket_type", form.options["ticket_type"][0]),
        *(("days", day) for day in form.checked.get("days") or form.options["days"]),
        ("invoice_reference", ""),
        ("dietary_needs", ""),
        ("accessibility_needs", ""),
        ("privacy", "on"),
        ("website", ""),  # the honeypot stays empty
    ]
    return Prepared(
        person=person,
        path=path,
        cookie_header="; ".join(f"{key}={morsel.value}" for key, morsel in cookies.items()),
        body=urlencode(fields).encode(),
        idempotency_key=form.values["idempotency_key"],
    )


def prepare_all(port: int, path: str, people: list[Person], concurrency: int = 16) -> list[Prepared]:
    """GET the form for every person (in parallel, to save time); order is kept."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(lambda person: prepare(port, path, person), people))


def post(port: int, prepared: Prepared, connection: http.client.HTTPConnection | None = None) -> Result:
    """POST the prepared form; a connection opened beforehand may be passed (for a burst)."""
    result = Result(person=prepared.person)
    connection = connection or _connection(port)
    result.started = time.monotonic()
    try:
        connection.request(
            "POST",
            prepared.path,
            body=prepared.body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": prepared.cookie_header,
                "Origin": f"http://{HOST}:{port}",
                "Accept-Language": "nb",
                **prepared.headers,
            },
        )
        response = connection.getresponse()
        body = response.read()
        result.status = response.status
        result.location = response.headers.get("Location", "")
        if response.status != 302:
            result.body = body.decode(errors="replace")[:2000]
    except Exception as error:  # every failure is reported, none raised from a thread
        result.error = f"{type(error).__name__}: {error}"
    finally:
        result.seconds = time.monotonic() - result.started
        connection.close()
    return result


def burst(port: int, prepared: list[Prepared], *, timeout: float = 120.0) -> list[Result]:
    """Send every POST at the same moment: one thread and one open connection per form, and a
    barrier that lets them all go only when every connection is open."""
    results: list[Result | None] = [None] * len(prepared)
    barrier = threading.Barrier(len(prepared))

    def one(index: int) -> None:
        connection = _connection(port)
        try:
            connection.connect()
        except OSError as error:
            results[index] = Result(person=prepared[index].person, error=f"connect: {error}")
            barrier.abort()
            return
        try:
            barrier.wait(timeout=timeout)
        except threading.BrokenBarrierError:
            connection.close()
            results[index] = Result(person=prepared[index].person, error="barrier broken")
            return
        results[index] = post(port, prepared[index], connection)

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(len(prepared))]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0))
    return [
        r or Result(person=p.person, error="no answer in time")
        for r, p in zip(results, prepared, strict=True)
    ]


def pool(port: int, prepared: list[Prepared], *, concurrency: int) -> list[Result]:
    """Send the POSTs from `concurrency` client threads, each taking the next form as soon as it is free."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=concurrency) as executor:
        return list(executor.map(lambda p: post(port, p), prepared))


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of the values lie (nearest rank); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(math.ceil(fraction * len(ordered)), 1) - 1
    return ordered[min(rank, len(ordered) - 1)]


@dataclass
class Tally:
    results: list[Result]
    statuses: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for result in self.results:
            self.statuses[result.status] = self.statuses.get(result.status, 0) + 1

    @property
    def failures(self) -> list[Result]:
        return [r for r in self.results if not r.ok]
