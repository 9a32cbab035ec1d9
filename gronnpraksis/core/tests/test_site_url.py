"""Every absolute link names SITE_URL, and `make run` points SITE_URL at RUN_ADDR unless it is set."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from gronnpraksis.core.http import absolute_url, site_url

ROOT = Path(__file__).resolve().parents[3]


def test_absolute_url_puts_the_site_address_before_a_path(settings):
    settings.SITE_URL = "https://gronnpraksis.example"

    assert site_url() == "https://gronnpraksis.example"
    assert absolute_url("/gp27/") == "https://gronnpraksis.example/gp27/"
    with pytest.raises(ValueError):
        absolute_url("gp27/")


def run_dry(**env: str) -> list[str]:
    """The commands `make run` would run (`make -n` runs none of them)."""
    environment = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | env
    result = subprocess.run(
        ["make", "-n", "run", *(f"{k}={v}" for k, v in env.items() if k == "RUN_ADDR")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.splitlines()


def commands_of(lines: list[str], command: str) -> str:
    (line,) = [line for line in lines if f"manage.py {command}" in line]
    return line


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_points_the_links_at_its_own_address():
    lines = run_dry(RUN_ADDR="127.0.0.1:8100")

    assert "SITE_URL=http://127.0.0.1:8100 " in commands_of(lines, "seed_demo")
    # The workers and the server inherit the exported variable.
    assert "SITE_URL=http://127.0.0.1:8100;" in " ".join(lines)


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_keeps_a_site_url_that_is_set():
    lines = run_dry(RUN_ADDR="0.0.0.0:8100", SITE_URL="https://gronnpraksis.example")

    assert "SITE_URL=https://gronnpraksis.example " in commands_of(lines, "seed_demo")
    assert "SITE_URL=http://0.0.0.0:8100" not in " ".join(lines)
