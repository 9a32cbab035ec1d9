"""200 people press "Register" at the same moment for 50 seats: exactly 50 get a seat, 150 the waitlist.

The server is a real, concurrent one: `gunicorn gronnpraksis.wsgi:application` with the gthread
worker, 2 processes × 8 threads, started in a subprocess on a free 127.0.0.1 port (see harness.py).
Up to 16 requests run at once, in two processes that do not share memory, a GIL or a database
connection; the only thing they share is the database, as in production. The test also checks that
both worker processes served part of the burst.

Why not pytest-django's `live_server`: it is one process (every request competes for one GIL), and
with SQLite it runs against the in-memory test database through a connection *shared* by all its
threads, so the writes of "concurrent" requests are serialised by the test setup itself and
transactions of different requests interleave on one connection. A race it survives proves little.

Why not the suite's test database: under SQLite it is in memory, which another process cannot
open, and a `transaction=True` test flushes every table afterwards, including the municipalities
the migrations load, which the tests after it need. So this module makes its own database of the
suite's engine, migrates it with `manage.py migrate` in a subprocess, and points the test process
(and every thread it starts) at it while the module runs: a file for SQLite (WAL, IMMEDIATE
transactions, as configured in settings.py); `gp_burst_<pid>` on the same server for PostgreSQL
(DB=postgres …), dropped afterwards. The same tests run on both engines.

Every client does what a browser does: GET the form (CSRF cookie, csrfmiddlewaretoken, the
server-generated idempotency key, the offered ticket and days), then POST it filled in with its
own e-mail address. All 200 GETs happen first; the 200 POSTs then leave together from 200 threads
with open connections, released by a barrier.

The negative control (`test_naive_seat_logic_oversells_under_the_same_load`) shows that this load
does catch an oversell: 200 threads-worth of registrations with the seat taken by "count, then
insert" or by "read the counter, then write it back" confirm more than 50 people. Under the same
harness the real service confirms exactly 50.
"""

import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Capacity, Edition
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations import services
from gronnpraksis.registrations.models import Registration, Seat, Status
from tests.burst import harness
from tests.burst.database import BurstDatabase, _edition_with_quota
from tests.burst.threads import run_together
from tests.factories import municipality, registration_data

pytestmark = pytest.mark.burst

PEOPLE = 200
QUOTA = 50


# --- The burst through the real server -----------------------------------------------------------

MANAGE_PAGE = re.compile(r"/(?P<slug>[a-z0-9]+)/pamelding/(?P<token>[A-Za-z0-9_-]{40,64})/\?ny=1")


def test_burst_of_registrations_fills_exactly_the_quota(
    burst_database: BurstDatabase, tmp_path: Path
) -> None:
    edition = _edition_with_quota(QUOTA)
    people = [
        harness.Person(
            name=f"Deltaker {i}",
            email=f"deltaker{i:03d}.{uuid.uuid4().hex[:8]}@example.no",
            # Typed by name half of the time, chosen from the list ("Name (number)") the other half.
            municipality="Kristiansand" if i % 2 else "Kristiansand (4204)",
        )
        for i in range(PEOPLE)
    ]
    form_path = f"/{edition.slug}/pamelding/"

    with harness.gunicorn_server(burst_database.name, log_dir=tmp_path, workers=2, threads=8) as server:
        prepared = harness.prepare_all(server.port, form_path, people)
        started = time.monotonic()
        results = harness.burst(server.port, prepared)
        seconds = time.monotonic() - started
    print(f"\n{burst_database.vendor}: {PEOPLE} POSTs in {seconds:.2f} s ({PEOPLE / seconds:.0f}/s)")

    # Every answer is the redirect to that person's own page; no error, no timeout, no form again.
    failures = [r for r in results if not (r.status == 302 and MANAGE_PAGE.fullmatch(r.location))]
    assert not failures, (
        "\n".join(f"{r.person.email}: {r.status} {r.error} {r.location} {r.body[:300]}" for r in failures[:5])
        + f"\n({len(failures)} of {PEOPLE} failed)"
    )

    # The server's side: 200 POSTs answered 302 by both worker processes, nothing 5xx, nothing logged.
    entries = server.access_entries()
    posts = [e for e in entries if e.method == "POST"]
    assert Counter(e.status for e in posts) == {302: PEOPLE}
    assert not [e for e in entries if e.status >= 500]
    assert len({e.pid for e in posts}) >= 2, (
        "one worker process served the whole burst: it was not concurrent"
    )
    assert server.errors() == ""

    # The seats: exactly the quota confirmed, everyone else waitlisted, the counter agrees.
    registrations = list(Registration.objects.filter(edition=edition))
    assert Counter(r.status for r in registrations) == {
        Status.CONFIRMED: QUOTA,
        Status.WAITLISTED: PEOPLE - QUOTA,
    }
    assert edition.capacity_id is not None
    assert Capacity.objects.get(pk=edition.capacity_id).taken == QUOTA
    assert Seat.objects.filter(capacity_id=edition.capacity_id).count() == QUOTA
    confirmed_ids = {r.pk for r in registrations if r.status == Status.CONFIRMED}
    assert set(
        Seat.objects.filter(capacity_id=edition.capacity_id).values_list("registration_id", flat=True)
    ) == (confirmed_ids)
    # A queue without gaps or shared places.
    waitlisted = [r for r in registrations if r.status == Status.WAITLISTED]
    # A registration without a position (None) counts as 0, which is not in the expected range.
    assert sorted(services.waitlist_position(r) or 0 for r in waitlisted) == list(
        range(1, PEOPLE - QUOTA + 1)
    )

    # Each redirect leads to the registration of the person who sent that form.
    by_token = {r.manage_token: r for r in registrations}
    for result in results:
        match = MANAGE_PAGE.fullmatch(result.location)
        assert match and match["slug"] == edition.slug
        assert by_token[match["token"]].email == result.person.email
    assert {str(r.idempotency_key) for r in registrations} == {p.idempotency_key for p in prepared}

    # One mail per person, written with the registration: 50 confirmations and 150 waitlist notes.
    mails = OutboxMail.objects.filter(to__in=[p.email for p in people])
    assert mails.count() == PEOPLE
    assert Counter(mails.values_list("template", flat=True)) == {
        "registration_confirmed": QUOTA,
        "registration_waitlisted": PEOPLE - QUOTA,
    }
    assert Counter(mails.values_list("to", flat=True)) == Counter(p.email for p in people)
    assert User.objects.filter(email__in=[p.email for p in people]).count() == PEOPLE


# --- Negative control: the same load, with the seat taken the naive way --------------------------

THREADS = 32  # each with its own database connection; PostgreSQL allows 100 by default
TRIALS = 5
# The naive paths decide, then write. In the real view other work lies between the two (creating the
# account and the organisation, rendering the mail), so the window in which another request can
# decide on the same stale count is several milliseconds; 5 ms stands for it.
RACE_WINDOW = 0.005


def _naive_transaction(vendor: str) -> AbstractContextManager[None]:
    """How naive code would run on each engine.

    PostgreSQL: inside atomic(), as a careful developer would write it; READ COMMITTED still lets
    every transaction count the same committed rows (TESTING.md: oversold in every trial).
    SQLite: atomic() here is BEGIN IMMEDIATE, which takes the write lock before the count and so
    serialises the whole read-then-write (that is why settings.py sets it). Code that does not open
    a transaction runs in autocommit, each statement on its own, and that is what we model here.
    """
    return transaction.atomic() if vendor == "postgresql" else _nothing()


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _insert(edition: Edition, index: int, status: str) -> Registration:
    now = timezone.now()
    ticket_type = edition.ticket_types.first()
    assert ticket_type is not None
    return Registration.objects.create(
        edition=edition,
        status=status,
        name=f"Naiv {index}",
        email=f"naiv{index}@example.no",
        sector="kommune",
        role="fagperson",
        municipality=municipality(),
        ticket_type=ticket_type,
        privacy_accepted_at=now,
        waitlisted_at=now if status == Status.WAITLISTED else None,
    )


def naive_count_then_insert(edition: Edition, index: int, vendor: str) -> None:
    """Count the confirmed registrations; confirm the new one if the count is below the quota."""
    with _naive_transaction(vendor):
        confirmed = Registration.objects.filter(edition=edition, status=Status.CONFIRMED).count()
        time.sleep(RACE_WINDOW)
        _insert(edition, index, Status.CONFIRMED if confirmed < QUOTA else Status.WAITLISTED)


def naive_read_modify_write(edition: Edition, index: int, vendor: str) -> None:
    """Read the counter, and write back taken + 1 if it had room. The check constraint never fires
    (every value written is within the limit), yet updates are lost and seats oversold."""
    assert edition.capacity_id is not None
    with _naive_transaction(vendor):
        capacity = Capacity.objects.get(pk=edition.capacity_id)
        time.sleep(RACE_WINDOW)
        if capacity.taken < capacity.limit:
            Capacity.objects.filter(pk=capacity.pk).update(taken=capacity.taken + 1)
            _insert(edition, index, Status.CONFIRMED)
        else:
            _insert(edition, index, Status.WAITLISTED)


def real_service(edition: Edition, index: int, vendor: str) -> None:
    """The application's own registration service (conditional UPDATE on the Capacity row)."""
    edition = Edition.objects.get(pk=edition.pk)
    services.register(
        edition=edition,
        data=registration_data(edition, name=f"Ekte {index}", email=f"ekte{index}.{edition.slug}@example.no"),
        idempotency_key=uuid.uuid4(),
    )


def _run_concurrently(
    register: Callable[[Edition, int, str], None], edition: Edition, vendor: str
) -> list[str]:
    """PEOPLE registrations from THREADS threads, started together; returns the errors raised."""
    return run_together(
        lambda index: register(edition, index, vendor),
        range(PEOPLE),
        threads=THREADS,
        timeout=120,
        what="registrations",
    )


def _confirmed(edition: Edition) -> int:
    return Registration.objects.filter(edition=edition, status=Status.CONFIRMED).count()


@pytest.mark.parametrize(
    "naive", [naive_count_then_insert, naive_read_modify_write], ids=lambda f: f.__name__
)
def test_naive_seat_logic_oversells_under_the_same_load(
    burst_database: BurstDatabase, naive: Callable[[Edition, int, str], None]
) -> None:
    confirmed_per_trial = []
    for _trial in range(TRIALS):
        edition = _edition_with_quota(QUOTA)
        errors = _run_concurrently(naive, edition, burst_database.vendor)
        assert not errors, errors[:5]
        assert Registration.objects.filter(edition=edition).count() == PEOPLE
        confirmed_per_trial.append(_confirmed(edition))
        if confirmed_per_trial[-1] > QUOTA:
            break
    print(
        f"\n{burst_database.vendor} {naive.__name__}: confirmed per trial {confirmed_per_trial} (quota {QUOTA})"
    )
    assert max(confirmed_per_trial) > QUOTA, (
        f"the naive path never oversold in {TRIALS} trials ({confirmed_per_trial}): this load cannot catch a race"
    )


def test_real_service_holds_under_the_same_load(burst_database: BurstDatabase) -> None:
    """The positive side of the control: the same threads and load, the application's service."""
    for _trial in range(1):
        edition = _edition_with_quota(QUOTA)
        errors = _run_concurrently(real_service, edition, burst_database.vendor)
        assert not errors, errors[:5]
        assert Counter(Registration.objects.filter(edition=edition).values_list("status", flat=True)) == {
            Status.CONFIRMED: QUOTA,
            Status.WAITLISTED: PEOPLE - QUOTA,
        }
        assert edition.capacity_id is not None
        assert Capacity.objects.get(pk=edition.capacity_id).taken == QUOTA


# --- One address, many submits at once -----------------------------------------------------------


def same_address(edition: Edition, index: int, vendor: str) -> None:
    """Everyone registers one address, in changing letter case, each with a form of their own."""
    edition = Edition.objects.get(pk=edition.pk)
    email = "kari.nordmann@example.no" if index % 2 else "KARI.Nordmann@example.no"
    services.register(
        edition=edition, data=registration_data(edition, email=email), idempotency_key=uuid.uuid4()
    )


def test_simultaneous_registrations_of_one_address_give_one(burst_database: BurstDatabase) -> None:
    edition = _edition_with_quota(QUOTA)

    errors = _run_concurrently(same_address, edition, burst_database.vendor)

    registrations = Registration.objects.filter(edition=edition)
    assert registrations.count() == 1
    assert registrations.get().status == Status.CONFIRMED
    assert edition.capacity_id is not None
    assert Capacity.objects.get(pk=edition.capacity_id).taken == 1
    assert len(errors) == PEOPLE - 1
    assert {error.split(":")[0] for error in errors} == {"AlreadyRegistered"}
