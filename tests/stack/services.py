"""Real Redis, nginx and SMTP servers on loopback ports, for the stack tests and `scripts/prod_check.py`.

Each helper is a context manager that starts the Debian program as a child process (never a
daemon, so it dies with us), in a fresh temporary directory, and stops it by its own process id.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on {HOST}:{port} within {timeout} s")


def stop(process: subprocess.Popen, timeout: float = 15.0) -> None:
    """Stop a child we started (SIGTERM, then SIGKILL if it hangs)."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def redis_binary() -> str | None:
    return shutil.which("redis-server") or next(
        (p for p in ("/usr/bin/redis-server", "/usr/sbin/redis-server") if Path(p).exists()), None
    )


@contextmanager
def redis_server() -> Iterator[str]:
    """Run `redis-server` on a free loopback port without persistence; yields its redis:// URL."""
    binary = redis_binary()
    if binary is None:
        raise RuntimeError("redis-server is not installed (Debian: apt-get install redis-server)")
    with tempfile.TemporaryDirectory(prefix="gronnpraksis-redis.") as workdir:
        port = free_port()
        command = [binary, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"]
        command += ["--dir", workdir, "--daemonize", "no", "--loglevel", "warning"]
        with open(Path(workdir) / "redis.log", "wb") as log:
            process = subprocess.Popen(command, stdout=log, stderr=log)
        try:
            wait_for_port(port, process, "redis-server")
            yield f"redis://{HOST}:{port}/0"
        finally:
            stop(process)


# --- nginx --------------------------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
DEPLOY_NGINX = REPO / "deploy" / "nginx"


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def _static_cache_map() -> str:
    """The `map $uri $gronnpraksis_static_cache` block of the production site, as it is."""
    site = (DEPLOY_NGINX / "gronnpraksis.conf").read_text()
    start = site.index("map $uri $gronnpraksis_static_cache")
    return site[start : site.index("\n}", start) + 2]


def _page_cache_http(workdir: Path) -> str:
    """The page cache's http-context lines of the production site, its cache kept in `workdir`."""
    site = (DEPLOY_NGINX / "gronnpraksis.conf").read_text()
    start = site.index("# --- page cache: http context ---")
    block = site[start : site.index("# --- end of page cache: http context ---")]
    return block.replace("/var/cache/nginx/gronnpraksis", str(workdir / "page-cache"))


@contextmanager
def nginx_server(*, port: int, upstreams: list[int], static_root: Path, workdir: Path) -> Iterator[Path]:
    """Run Debian's nginx in the foreground on 127.0.0.1:`port` with the production site's locations
    (deploy/nginx/gronnpraksis-locations.conf, paths pointed at `static_root` and this checkout) in
    front of gunicorn on `upstreams`. TLS is taken as ended before nginx: X-Forwarded-Proto is https, as
    a load balancer in front would make it. Yields the directory with nginx's logs."""
    binary = nginx_binary()
    if binary is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx)")
    workdir.mkdir(parents=True, exist_ok=True)
    for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (workdir / name).mkdir(exist_ok=True)
    locations = (DEPLOY_NGINX / "gronnpraksis-locations.conf").read_text()
    locations = locations.replace("/srv/gronnpraksis/var/static/", f"{static_root}/")
    locations = locations.replace("/srv/gronnpraksis/", f"{REPO}/")
    (workdir / "locations.conf").write_text(locations)
    servers = "\n".join(
        f"        server {HOST}:{upstream} max_fails=3 fail_timeout=10s;" for upstream in upstreams
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    (workdir / "nginx.conf").write_text(
        f"""{user}worker_processes 2;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {workdir}/access.log;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    upstream gronnpraksis_app {{
{servers}
        keepalive 16;
        keepalive_timeout 1s;  # below gunicorn's --keep-alive (2 s by default), as in the production site
    }}
    map $host $gronnpraksis_forwarded_proto {{ default https; }}
    {_static_cache_map()}
    {_page_cache_http(workdir)}
    server {{
        listen {HOST}:{port};
        server_name _;
        include {workdir}/locations.conf;
    }}
}}
"""
    )
    command = [binary, "-p", str(workdir), "-c", str(workdir / "nginx.conf"), "-g", "daemon off;"]
    with open(workdir / "nginx-output.log", "wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=output)
    try:
        try:
            wait_for_port(port, process, "nginx")
        except RuntimeError as error:
            logs = [
                p.read_text(errors="replace")
                for p in (workdir / "nginx-output.log", workdir / "error.log")
                if p.exists()
            ]
            raise RuntimeError(f"{error}:\n" + "\n".join(logs)) from None
        yield workdir
    finally:
        stop(process)


# --- A mail server that counts ---------------------------------------------------------------------


@dataclass
class Received:
    recipient: str
    subject: str


@dataclass
class MailSink:
    port: int
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def snapshot(self) -> list[Received]:
        with self.lock:
            return list(self.messages)


@contextmanager
def mail_sink() -> Iterator[MailSink]:
    """An SMTP server on a free loopback port (aiosmtpd) that keeps the recipient and subject of every
    message it accepts."""
    from email import message_from_bytes
    from email.header import decode_header, make_header

    from aiosmtpd.controller import Controller

    sink = MailSink(port=free_port())

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            message = message_from_bytes(envelope.content)
            subject = str(make_header(decode_header(message.get("Subject", ""))))
            with sink.lock:
                sink.messages.extend(Received(recipient, subject) for recipient in envelope.rcpt_tos)
            return "250 OK"

    controller = Controller(Handler(), hostname=HOST, port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()
