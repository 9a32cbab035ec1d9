"""`make prod-check`: start the stack, run the checks, print one line each; exit 1 if any fails."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from tests.burst import harness
from tests.stack import services

from .cache import check_page_cache
from .checks import check_limits, check_smoke
from .load import check_load
from .registrations import check_backup, check_burst, check_faults
from .stack import Outcome, Stack, ensure_debian_packages, production_env, say, start_worker

CHECKS: list[tuple[str, Callable[[Stack], Outcome]]] = [
    ("1 smoke", check_smoke),
    ("2 burst", check_burst),
    ("3 faults", check_faults),
    ("4 limits", check_limits),
    ("5 backup", check_backup),
    ("6 load", check_load),
    ("7 cache", check_page_cache),
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
