"""Real Redis and nginx servers on loopback ports, for the stack tests and `scripts/prod_check.py`.

Each helper is a context manager that starts the Debian program as a child process (never a
daemon, so it dies with us), in a fresh temporary directory, and stops it by its own process id.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
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
