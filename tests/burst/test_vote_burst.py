"""1,000 votes at the same moment, duplicates mixed in: every voter is counted exactly once.

The server is the real one, `gunicorn gronnpraksis.wsgi:application` (gthread, 2 processes × 8
threads) from harness.py, on its own database of the suite's engine (SQLite file or a PostgreSQL
database, see test_registration_burst.py, whose `burst_database` fixture this module reuses).

850 confirmed participants vote for one of three finalists through their personal link. Like a
browser, each client first GETs the vote page (CSRF cookie and token, and the one-time ballot), then
POSTs the form. Mixed in are 150 duplicates, sent at the same moment as the vote they duplicate:

- 75 double submits: the very same form (the same ballot) sent twice. One is counted; the other is
  refused with 409 ("this vote form has already been sent").
- 75 changes of mind: a second vote page opened by the same voter, with another finalist, sent
  together with the first. Both are accepted; one replaces the other.

So 1,000 POSTs give 925 accepted votes, 75 refused duplicates, and exactly 850 counted votes, one per
voter; voters who did not change their mind have exactly the finalist they chose.

The negative control shows that this load does catch the race: the same 1,000 votes written by
"count, then insert" double-count, and a read-modify-write tally miscounts; the application's
`voting.cast_vote` under the same threads counts exactly.
"""

import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection, transaction
from django.utils import timezone

from gronnpraksis.awards import services, voting
from gronnpraksis.awards.models import AwardRound, Nomination, UsedBallot, Vote
from gronnpraksis.editions.models import Edition
from gronnpraksis.registrations.models import Registration, Status
from tests.awards import finalists, make_round, open_voting
from tests.burst import harness
from tests.burst.database import BurstDatabase
from tests.burst.threads import run_together
from tests.factories import EditionFactory, OrganiserFactory, municipality

pytestmark = pytest.mark.burst

VOTERS = 850
SAME_FORM_TWICE = 75
CHANGED_MIND = 75
POSTS = VOTERS + SAME_FORM_TWICE + CHANGED_MIND  # 1,000


@dataclass
class Ballot:
    """One vote as a client will send it: who, for which finalist, and the prepared form."""

    voter: int  # index of the voter
    registration_id: int
    nomination_id: int
    kind: str  # "single", "twice" (the same form sent twice) or "changed" (a second form)
    prepared: harness.Prepared | None = None


def _setup(edition: Edition) -> tuple[AwardRound, list[Nomination], list[Registration]]:
    """A round with three finalists and voting open, and VOTERS confirmed participants."""
    organiser = OrganiserFactory()
    award = make_round(edition, organiser)
    nominations = finalists(
        award, organiser, count=3, titles=["Matsvinn", "Sykkelparkering", "Klimabudsjett"]
    )
    award = open_voting(award)
    now = timezone.now()
    ticket = edition.ticket_types.first()
    place = municipality()
    Registration.objects.bulk_create(
        Registration(
            edition=edition,
            status=Status.CONFIRMED,
            name=f"Velger {i}",
            email=f"velger{i:04d}.{edition.slug}@example.no",
            sector="kommune",
            role="fagperson",
            municipality=place,
            ticket_type=ticket,
            privacy_accepted_at=now,
        )
        for i in range(VOTERS)
    )
    registrations = list(Registration.objects.filter(edition=edition).order_by("pk"))
    return award, nominations, registrations


def _ballots(nominations: list[Nomination], registrations: list[Registration]) -> list[Ballot]:
    """Every voter's vote, with each duplicate right after the vote it duplicates."""
    rng = random.Random(20220531)
    twice = set(rng.sample(range(VOTERS), SAME_FORM_TWICE))
    changed = set(rng.sample(sorted(set(range(VOTERS)) - twice), CHANGED_MIND))
    ballots = []
    for i, registration in enumerate(registrations):
        choice = nominations[i % 3].pk
        kind = "twice" if i in twice else "changed" if i in changed else "single"
        ballots.append(Ballot(i, registration.pk, choice, kind))
        if kind == "twice":
            ballots.append(ballots[-1])  # the very same form, sent again
        elif kind == "changed":
            ballots.append(Ballot(i, registration.pk, nominations[(i + 1) % 3].pk, "changed"))
    assert len(ballots) == POSTS
    return ballots


# --- The burst through the real server ------------------------------------------------------------------


BALLOT = re.compile(r'name="ballot" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _prepare(port: int, path: str, ballot: Ballot) -> harness.Prepared:
    """GET the vote page as a browser would, and fill in the form for `ballot`."""
    connection_ = harness._connection(port)
    try:
        connection_.request("GET", path, headers={"Accept-Language": "nb"})
        response = connection_.getresponse()
        page = response.read().decode()
        if response.status != 200:
            raise RuntimeError(f"GET {path} answered {response.status}: {page[:300]}")
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
    finally:
        connection_.close()
    token, one_time = CSRF.search(page), BALLOT.search(page)
    if not token or not one_time or f'value="{ballot.nomination_id}"' not in page:
        raise RuntimeError(f"the vote page at {path} has no form for finalist {ballot.nomination_id}")
    body = urlencode(
        [
            ("csrfmiddlewaretoken", token[1]),
            ("ballot", one_time[1]),
            ("nomination", str(ballot.nomination_id)),
        ]
    )
    return harness.Prepared(
        person=harness.Person(name=f"Velger {ballot.voter}", email=f"{ballot.voter}"),
        path=path,
        cookie_header="; ".join(f"{key}={morsel.value}" for key, morsel in cookies.items()),
        body=body.encode(),
        idempotency_key=one_time[1],
    )


def test_a_burst_of_votes_with_duplicates_is_counted_exactly(
    burst_database: BurstDatabase,
    tmp_path: Path,
) -> None:
    edition = EditionFactory()
    award, nominations, registrations = _setup(edition)
    ballots = _ballots(nominations, registrations)
    tokens = {r.pk: r.vote_token for r in registrations}
    unique = list({id(b): b for b in ballots}.values())  # a form sent twice is prepared once

    with harness.gunicorn_server(burst_database.name, log_dir=tmp_path, workers=2, threads=8) as server:
        from concurrent.futures import ThreadPoolExecutor

        def prepare(ballot: Ballot) -> None:
            ballot.prepared = _prepare(
                server.port, f"/{edition.slug}/prisen/stem/{tokens[ballot.registration_id]}/", ballot
            )

        with ThreadPoolExecutor(max_workers=16) as pool:
            list(pool.map(prepare, unique))
        started = time.monotonic()
        results = harness.burst(server.port, [b.prepared for b in ballots if b.prepared is not None])
        seconds = time.monotonic() - started

    # What the clients got: accepted votes redirect back to the vote page; a form sent twice is 409 once.
    statuses = Counter(r.status for r in results)
    errors = [r for r in results if r.error or r.status not in (302, 409)]
    counted = Vote.objects.filter(round=award).count()
    print(
        f"\n{burst_database.vendor}: {POSTS} vote POSTs ({SAME_FORM_TWICE} double submits, {CHANGED_MIND} "
        f"changed votes) in {seconds:.2f} s ({POSTS / seconds:.0f}/s); answers {dict(statuses)}; "
        f"counted {counted} of {VOTERS} voters; errors {len(errors)}"
    )
    assert not errors, "\n".join(f"{r.status} {r.error} {r.body[:300]}" for r in errors[:5])
    assert statuses == {302: POSTS - SAME_FORM_TWICE, 409: SAME_FORM_TWICE}
    for result, ballot in zip(results, ballots, strict=True):
        if result.status == 302:
            assert ballot.prepared is not None and result.location == ballot.prepared.path

    # The server: both processes took part, nothing 5xx, nothing logged.
    entries = server.access_entries()
    posts = [e for e in entries if e.method == "POST"]
    assert len(posts) == POSTS
    assert not [e for e in entries if e.status >= 500]
    assert len({e.pid for e in posts}) >= 2, (
        "one worker process served the whole burst: it was not concurrent"
    )
    assert server.errors() == ""

    # The count: one vote per voter, the chosen finalist for everyone who did not change their mind.
    votes = dict(Vote.objects.filter(round=award).values_list("registration_id", "nomination_id"))
    assert counted == len(votes) == VOTERS
    for ballot in ballots:
        if ballot.kind != "changed":
            assert votes[ballot.registration_id] == ballot.nomination_id
    changed: dict[int, set[int]] = {b.registration_id: set() for b in ballots if b.kind == "changed"}
    for b in ballots:
        if b.kind == "changed":
            changed[b.registration_id].add(b.nomination_id)
    assert all(votes[pk] in choices and len(choices) == 2 for pk, choices in changed.items())
    assert UsedBallot.objects.filter(round=award).count() == POSTS - SAME_FORM_TWICE
    AwardRound.objects.filter(pk=award.pk).update(vote_closed_at=timezone.now())
    award.refresh_from_db()
    assert sum(voting.vote_counts(award).values()) == VOTERS
    assert voting.vote_counts(award) == dict(Counter(votes.values()))


# --- Negative control: the same votes, counted the naive way --------------------------------------

THREADS = 32
RACE_WINDOW = 0.005  # the work a real view does between reading and writing (see test_registration_burst)


@contextmanager
def _naive_transaction(vendor: str) -> Iterator[None]:
    """PostgreSQL: inside atomic(), as careful naive code would be (READ COMMITTED still races).
    SQLite: atomic() is BEGIN IMMEDIATE there and would serialise it, so naive code is modelled in
    autocommit, statement by statement (as in test_registration_burst.py)."""
    if vendor == "postgresql":
        with transaction.atomic():
            yield
    else:
        yield


def _naive_tables() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS naive_vote")
        cursor.execute("DROP TABLE IF EXISTS naive_tally")
        cursor.execute("DROP TABLE IF EXISTS naive_voted")
        # No unique constraint: the naive code is what keeps one row per voter.
        cursor.execute(
            "CREATE TABLE naive_vote (round_id INTEGER NOT NULL, registration_id INTEGER NOT NULL, "
            "nomination_id INTEGER NOT NULL)"
        )
        cursor.execute("CREATE TABLE naive_tally (nomination_id INTEGER NOT NULL, votes INTEGER NOT NULL)")
        cursor.execute("CREATE TABLE naive_voted (registration_id INTEGER NOT NULL)")


def naive_count_then_insert(award: AwardRound, ballot: Ballot, vendor: str) -> None:
    """Has this voter voted? Change the vote if so, else add one."""
    with _naive_transaction(vendor), connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM naive_vote WHERE round_id = %s AND registration_id = %s",
            [award.pk, ballot.registration_id],
        )
        (existing,) = cursor.fetchone()
        time.sleep(RACE_WINDOW)
        if existing:
            cursor.execute(
                "UPDATE naive_vote SET nomination_id = %s WHERE round_id = %s AND registration_id = %s",
                [ballot.nomination_id, award.pk, ballot.registration_id],
            )
        else:
            cursor.execute(
                "INSERT INTO naive_vote (round_id, registration_id, nomination_id) VALUES (%s, %s, %s)",
                [award.pk, ballot.registration_id, ballot.nomination_id],
            )


def naive_read_modify_write(award: AwardRound, ballot: Ballot, vendor: str) -> None:
    """A running tally per finalist: skip voters already seen, else read the tally and write it + 1."""
    with _naive_transaction(vendor), connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM naive_voted WHERE registration_id = %s", [ballot.registration_id]
        )
        if cursor.fetchone()[0]:
            return
        cursor.execute("SELECT votes FROM naive_tally WHERE nomination_id = %s", [ballot.nomination_id])
        (votes,) = cursor.fetchone()
        time.sleep(RACE_WINDOW)
        cursor.execute(
            "UPDATE naive_tally SET votes = %s WHERE nomination_id = %s", [votes + 1, ballot.nomination_id]
        )
        cursor.execute("INSERT INTO naive_voted (registration_id) VALUES (%s)", [ballot.registration_id])


def _naive_count(name: str, award: AwardRound, nominations: list[Nomination]) -> int:
    with connection.cursor() as cursor:
        if name == "naive_count_then_insert":
            cursor.execute("SELECT COUNT(*) FROM naive_vote WHERE round_id = %s", [award.pk])
        else:
            cursor.execute("SELECT COALESCE(SUM(votes), 0) FROM naive_tally")
        return int(cursor.fetchone()[0])


def _run_concurrently(cast: Callable[[Ballot], None], ballots: list[Ballot]) -> list[str]:
    return run_together(cast, ballots, threads=THREADS, timeout=180, what="votes")


@pytest.mark.parametrize(
    "naive", [naive_count_then_insert, naive_read_modify_write], ids=lambda f: f.__name__
)
def test_naive_vote_counting_miscounts_under_the_same_load(
    burst_database: BurstDatabase, naive: Callable[[AwardRound, Ballot, str], None]
) -> None:
    award, nominations, registrations = _setup(EditionFactory())
    ballots = _ballots(nominations, registrations)
    counts = []
    for _trial in range(3):
        _naive_tables()
        with connection.cursor() as cursor:
            for n in nominations:
                cursor.execute("INSERT INTO naive_tally (nomination_id, votes) VALUES (%s, 0)", [n.pk])
        errors = _run_concurrently(lambda b: naive(award, b, burst_database.vendor), ballots)
        assert not errors, errors[:5]
        counts.append(_naive_count(naive.__name__, award, nominations))
        if counts[-1] != VOTERS:
            break
    print(f"\n{burst_database.vendor} {naive.__name__}: counted {counts} for {VOTERS} voters ({POSTS} votes)")
    if naive is naive_count_then_insert:
        assert max(counts) > VOTERS, (
            f"count-then-insert never double-counted ({counts}): this load cannot catch a race"
        )
    else:
        assert any(c != VOTERS for c in counts), f"the read-modify-write tally was never wrong ({counts})"


def test_the_real_vote_counts_exactly_under_the_same_load(burst_database: BurstDatabase) -> None:
    award, nominations, registrations = _setup(EditionFactory())
    ballots = _ballots(nominations, registrations)
    by_pk = {r.pk: r for r in registrations}
    forms = {id(b): voting.make_ballot(award, by_pk[b.registration_id]) for b in ballots}
    finalist = {n.pk: n for n in nominations}
    refused: Counter[str] = Counter()

    def cast(ballot: Ballot) -> None:
        try:
            voting.cast_vote(
                award=AwardRound.objects.get(pk=award.pk),
                registration=by_pk[ballot.registration_id],
                nomination=finalist[ballot.nomination_id],
                ballot=forms[id(ballot)],
            )
        except voting.VoteError as error:
            refused[error.code] += 1

    errors = _run_concurrently(cast, ballots)
    assert not errors, errors[:5]
    print(
        f"\n{burst_database.vendor} voting.cast_vote: counted {Vote.objects.filter(round=award).count()} for {VOTERS} voters; refused {dict(refused)}"
    )
    assert refused == {"reused": SAME_FORM_TWICE}
    assert Vote.objects.filter(round=award).count() == VOTERS
    with pytest.raises(services.AwardError):
        voting.vote_counts(award)  # still open: no count for anyone
