"""CACHE_URL chooses the default cache: this process's memory, or a Redis shared by every process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from gronnpraksis.settings import cache_from_url
from tests.stack.services import redis_binary, redis_server

REPO = Path(__file__).resolve().parents[2]


def test_no_cache_url_keeps_the_in_process_cache():
    assert cache_from_url("CACHE_URL", "") == {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


@pytest.mark.parametrize(
    "url", ["redis://127.0.0.1:6379/0", "rediss://cache.example.org:6380/1", "unix:///run/redis/redis.sock"]
)
def test_a_redis_url_selects_djangos_redis_cache(url):
    cache = cache_from_url("CACHE_URL", url)
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == url


@pytest.mark.parametrize(
    "url", ["memcached://127.0.0.1:11211", "127.0.0.1:6379", "redis://", "redis://host:port/0", "unix://"]
)
def test_anything_else_stops_with_a_message_naming_the_variable(url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("CACHE_URL", url)


def _manage(code: str, *, command: str = "shell", **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "TESTING": "true", **env}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    environment.pop("CACHE_URL", None)
    environment.update(env)
    arguments = ["shell", "-c", code] if command == "shell" else [command]
    return subprocess.run(
        [sys.executable, "manage.py", *arguments, "--no-imports"]
        if command == "shell"
        else [sys.executable, "manage.py", *arguments],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_bad_cache_url_stops_the_process_at_start_up():
    # `check` is what a deployment runs first; the WSGI application loads the settings the same way.
    result = _manage("", command="check", CACHE_URL="memcached://127.0.0.1:11211")
    assert result.returncode != 0
    assert "System check identified no issues" not in result.stdout
    assert "CACHE_URL must be empty" in result.stderr


COUNT = """
from django.core.cache import cache
cache.add("shared-counter", 0, timeout=None)
for _ in range(200):
    cache.incr("shared-counter")
from django.core.cache import caches
print(type(caches["default"]).__name__)
"""


@pytest.mark.skipif(redis_binary() is None, reason="redis-server is not installed")
def test_two_processes_share_one_counter_through_redis():
    with redis_server() as url:
        environment = {**os.environ, "TESTING": "true", "CACHE_URL": url}
        environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        command = [sys.executable, "manage.py", "shell", "--no-imports", "-c", COUNT]
        processes = [
            subprocess.Popen(
                command, cwd=REPO, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            for _ in range(2)
        ]
        outputs = [process.communicate(timeout=120) for process in processes]
        assert [process.returncode for process in processes] == [0, 0], outputs
        assert all(out.decode().split()[-1:] == ["RedisCache"] for out, _ in outputs), outputs
        result = _manage(
            "from django.core.cache import cache; print(cache.get('shared-counter'))", CACHE_URL=url
        )
        assert result.stdout.strip() == "400", result.stderr
        # Without CACHE_URL each process has its own memory and sees nothing of it.
        alone = _manage("from django.core.cache import cache; print(cache.get('shared-counter'))")
        assert alone.stdout.strip() == "None", alone.stderr


def test_sentry_is_set_up_only_when_a_dsn_is_given():
    code = "import sentry_sdk; print(sentry_sdk.get_client().is_active())"
    assert _manage(code, SENTRY_DSN="").stdout.split()[-1] == "False"
    result = _manage(code, SENTRY_DSN="https://public@sentry.example.org/1")
    assert result.stdout.split()[-1] == "True", result.stderr


def test_a_bad_sentry_sample_rate_stops_the_process():
    result = _manage(
        "", command="check", SENTRY_DSN="https://public@sentry.example.org/1", SENTRY_TRACES_SAMPLE_RATE="all"
    )
    assert result.returncode != 0
    assert "SENTRY_TRACES_SAMPLE_RATE must be a number" in result.stderr
