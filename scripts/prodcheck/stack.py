"""The production stack of `make prod-check`: its environment, its processes, and helpers the checks share."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.burst import harness
from tests.stack import services

REPO = Path(__file__).resolve().parents[2]
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


@dataclass
class Outcome:
    ok: bool
    figure: str
    details: str = ""


def make_people(prefix: str, count: int) -> list[harness.Person]:
    tag = uuid.uuid4().hex[:6]
    return [
        harness.Person(name=f"Deltaker {i}", email=f"{prefix}{i:04d}.{tag}@example.no") for i in range(count)
    ]


def wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return condition()


def children(pid: int) -> list[int]:
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


def psql(db_name: str, sql: str) -> str:
    return subprocess.run(
        ["psql", "-X", "-At", "-d", db_name, "-c", sql],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.strip()


def programme_path(stack: Stack) -> str:
    """The programme page of the newest edition whose programme is published."""
    from gronnpraksis.editions.models import Edition

    for slug in Edition.objects.order_by("-starts_on").values_list("slug", flat=True):
        if stack.get(f"/{slug}/program/")[0] == 200 and stack.get(f"/{slug}/program/talere/")[0] == 200:
            return f"/{slug}/program/"
    raise RuntimeError("no edition with a published programme")
