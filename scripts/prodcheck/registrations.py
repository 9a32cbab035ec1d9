"""Checks 2 (burst), 3 (faults) and 5 (backup) of `make prod-check`: registrations through nginx."""

from __future__ import annotations

import http.client
import os
import subprocess
import threading
import time
from collections import Counter

from tests.burst import harness

from .stack import HOST, Outcome, Stack, children, make_people, psql, sent_by_worker, start_worker, wait_for


def check_burst(stack: Stack) -> Outcome:
    from gronnpraksis.mail.models import OutboxMail, OutboxStatus
    from gronnpraksis.registrations.models import Registration, Status
    from tests.burst.test_registration_burst import _edition_with_quota

    edition = _edition_with_quota(50)
    people = make_people("burst", 200)
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
    wait_for(lambda: not mails.exclude(status=OutboxStatus.SENT).exists(), 180)
    wait_for(lambda: len([m for m in stack.sink.snapshot() if m.recipient in emails]) >= 200, 30)
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


def check_faults(stack: Stack) -> Outcome:
    """kill -9 an app process and a worker mid-burst; resubmit what failed with the same idempotency key."""
    import signal

    from gronnpraksis.editions.models import Capacity
    from gronnpraksis.mail.models import OutboxMail, OutboxStatus
    from gronnpraksis.registrations.models import Registration, Seat, Status
    from tests.burst.test_registration_burst import MANAGE_PAGE, _edition_with_quota

    quota, count = 500, 1000
    edition = _edition_with_quota(quota)
    people = make_people("fault", count)
    prepared = harness.prepare_all(stack.nginx_port, f"/{edition.slug}/pamelding/", people)
    registrations = Registration.objects.filter(edition=edition)
    results: list[harness.Result] = []
    load = threading.Thread(
        target=lambda: results.extend(harness.pool(stack.nginx_port, prepared, concurrency=16))
    )
    started = time.monotonic()
    load.start()
    wait_for(lambda: registrations.count() >= count // 3, 120)
    app_worker = children(stack.apps[0].process.pid)[0]
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
    wait_for(lambda: not mails.exclude(status=OutboxStatus.SENT).exists(), lease + 120)
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


def check_backup(stack: Stack) -> Outcome:
    from gronnpraksis.registrations.models import Registration, Status
    from tests.burst.test_registration_burst import _edition_with_quota

    edition = _edition_with_quota(1000)
    people = make_people("backup", 300)
    prepared = harness.prepare_all(stack.nginx_port, f"/{edition.slug}/pamelding/", people)
    confirmed = Registration.objects.filter(edition=edition, status=Status.CONFIRMED)
    results: list[harness.Result] = []
    load = threading.Thread(
        target=lambda: results.extend(harness.pool(stack.nginx_port, prepared, concurrency=8))
    )
    load.start()
    wait_for(lambda: confirmed.count() >= 60, 120)
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
    present = int(psql(restored, query))
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
