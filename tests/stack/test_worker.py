"""Two `manage.py worker` processes compete for one outbox: every due mail is sent exactly once.

The workers are separate processes on a real database (a SQLite file, or a database of its own on
the PostgreSQL server under `scripts/with-postgres.sh`), started together, each writing what it
sends to its own directory (the file mail backend).
"""

import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.utils import timezone

from gronnpraksis.mail.models import OutboxMail, OutboxStatus
from tests.burst import harness
from tests.burst.database import BurstDatabase

pytestmark = pytest.mark.burst

MAILS = 300

# Waits for the start signal, so both workers claim from the same outbox at the same moment.
WORKER = """
import os, sys, time
from pathlib import Path
import django
django.setup()
from gronnpraksis.core import worker
go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.01)
worker.run([job for job in worker.PASSES if job.name == "mail"], once=True, write=lambda line: None)
"""


def _subjects(directory: Path) -> list[str]:
    return [
        line.removeprefix("Subject: ")
        for path in directory.iterdir()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("Subject: ")
    ]


def test_two_workers_send_every_due_mail_exactly_once(burst_database: BurstDatabase, tmp_path):
    now = timezone.now()
    OutboxMail.objects.bulk_create(
        OutboxMail(to=f"deltaker{i}@example.org", subject=f"mail-{i}", body_text="Hei", next_attempt_at=now)
        for i in range(MAILS)
    )
    go = tmp_path / "go"
    directories = [tmp_path / f"mail-{n}" for n in range(2)]
    processes = []
    for directory in directories:
        directory.mkdir()
        env = harness.server_env(
            burst_database.name, MAIL_BACKEND="file", MAIL_FILE_PATH=str(directory), DEBUG="false"
        )
        env["DJANGO_SETTINGS_MODULE"] = "gronnpraksis.settings"
        processes.append(
            subprocess.Popen(
                [sys.executable, "-c", WORKER, str(go)],
                cwd=harness.REPO,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
    time.sleep(3)  # both have started Django and are waiting
    go.touch()
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs

    per_worker = [Counter(_subjects(directory)) for directory in directories]
    sent = per_worker[0] + per_worker[1]
    assert sorted(sent) == sorted(f"mail-{i}" for i in range(MAILS))
    assert max(sent.values()) == 1, [subject for subject, n in sent.items() if n > 1]
    # They really competed: each sent a share.
    assert all(per_worker), [sum(counter.values()) for counter in per_worker]
    assert OutboxMail.objects.filter(status=OutboxStatus.SENT, attempts=1).count() == MAILS


def test_sigterm_stops_the_worker_after_its_pass(burst_database: BurstDatabase):
    env = harness.server_env(burst_database.name, MAIL_BACKEND="console")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "worker", "--tick", "0.2"],
        cwd=harness.REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()
        assert first_line.startswith("worker: running ")
        assert {"mail", "partner_feeds", "daily_jobs"} <= set(
            first_line.removeprefix("worker: running ").strip().split(", ")
        )
        time.sleep(1)  # in its loop
        process.terminate()
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert out.strip().endswith("worker: stopped")
