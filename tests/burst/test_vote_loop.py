"""Register, vote, cancel, repeat: however often the loop runs, it ends with at most one counted vote.

The attack as it was reproduced on the demo: with the vote open and check-in not required, a person
registers with a throwaway address, votes through the link on their registration page, cancels (the
seat is freed for the next round) and does it again. Three rounds used to give three votes for the same
finalist. Everything goes through the real server (`gunicorn`, harness.py) as a browser would send it:
the registration form, the manage page, the vote page with its one-time ballot, the cancel form.

- With check-in not required, the three votes are taken, and none is counted: a vote counts only
  while its registration is confirmed (`voting.counting_rule`). The organisers' page lists them as
  left out, from cancelled registrations.
- With the round's default (only checked-in participants vote), the votes are refused at the door.
- The negative control counts the stored votes the way the count was made before (every vote row):
  the loop then gives three votes for the finalist, so this test catches the hole if the rule goes.
"""

import http.client
import re
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from gronnpraksis.awards import voting
from gronnpraksis.awards.models import AwardRound, Vote
from gronnpraksis.registrations.models import Registration, Status
from tests.awards import finalists, make_round, open_voting
from tests.burst import harness
from tests.burst.database import BurstDatabase
from tests.factories import EditionFactory, OrganiserFactory

pytestmark = pytest.mark.burst

ROUNDS = 3
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BALLOT = re.compile(r'name="ballot" value="([^"]+)"')


@dataclass
class Browser:
    """One client with its own cookies, talking to the server like a browser (no JavaScript)."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        connection = http.client.HTTPConnection(harness.HOST, self.port, timeout=60)
        headers = {"Accept-Language": "nb", "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"http://{harness.HOST}:{self.port}",
            }
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            page = response.read().decode(errors="replace")
            jar = SimpleCookie()
            for header in response.headers.get_all("Set-Cookie") or []:
                jar.load(header)
            self.cookies |= {key: morsel.value for key, morsel in jar.items()}
            return response.status, response.headers.get("Location", ""), page
        finally:
            connection.close()

    def submit(self, path: str, fields: dict[str, str]) -> tuple[int, str, str]:
        """GET the form at `path`, then POST it with its CSRF token and `fields`."""
        status, _location, page = self.request("GET", path)
        assert status == 200, f"GET {path} answered {status}"
        token = CSRF.search(page)
        assert token, f"no form at {path}"
        return self.request("POST", path, {"csrfmiddlewaretoken": token[1], **fields})


def _one_round(port: int, slug: str, n: int, finalist_id: int) -> int:
    """Register with a throwaway address, vote through the registration page's link, cancel.
    Returns the vote POST's status."""
    browser = Browser(port)
    prepared = harness.prepare(
        port, f"/{slug}/pamelding/", harness.Person(name=f"Kast Vekk {n}", email=f"kastvekk{n}@example.no")
    )
    browser.cookies |= dict(pair.split("=", 1) for pair in prepared.cookie_header.split("; "))
    registered = harness.post(port, prepared)
    assert registered.status == 302, registered.body[:500]
    manage = registered.location.split("?")[0]
    status, _location, page = browser.request("GET", manage)
    assert status == 200
    vote_link = re.search(rf'href="(/{slug}/prisen/stem/[A-Za-z0-9_-]+/)"', page)
    assert vote_link, "the registration page shows no vote link"

    status, _location, page = browser.request("GET", vote_link[1])
    voted = 0
    ballot = BALLOT.search(page)
    if ballot:
        token = CSRF.search(page)
        assert token is not None
        voted, _location, _page = browser.request(
            "POST",
            vote_link[1],
            {
                "csrfmiddlewaretoken": token[1],
                "ballot": ballot[1],
                "nomination": str(finalist_id),
            },
        )
    else:
        voted = status  # refused before any form is shown

    cancelled, _location, _page = browser.submit(f"{manage}avmelding/", {})
    assert cancelled == 302
    return voted


def _loop(burst_database: BurstDatabase, tmp_path: Path, *, check_in: bool) -> tuple[AwardRound, list[int]]:
    edition = EditionFactory()
    organiser = OrganiserFactory()
    award = make_round(edition, organiser, check_in=check_in)
    one, _two = finalists(award, organiser, count=2, titles=["Matsvinn", "Sykkelparkering"])
    award = open_voting(award)
    with harness.gunicorn_server(burst_database.name, log_dir=tmp_path, workers=1, threads=2) as server:
        statuses = [_one_round(server.port, edition.slug, n, one.pk) for n in range(ROUNDS)]
        assert server.errors() == ""
    AwardRound.objects.filter(pk=award.pk).update(vote_closed_at=timezone.now())
    award.refresh_from_db()
    return award, statuses


def test_register_vote_cancel_three_times_counts_no_vote(
    burst_database: BurstDatabase,
    tmp_path: Path,
) -> None:
    award, statuses = _loop(burst_database, tmp_path, check_in=False)

    # Every round got through: registered, voted (redirected back to the vote page), cancelled.
    assert statuses == [302] * ROUNDS
    registrations = Registration.objects.filter(edition=award.edition_id)
    assert registrations.count() == ROUNDS
    assert set(registrations.values_list("status", flat=True)) == {Status.CANCELLED}
    # The count: at most one vote, and here none, since every registration was cancelled.
    assert sum(voting.vote_counts(award).values()) <= 1
    assert voting.vote_counts(award) == {}
    assert voting.uncounted_votes(award) == {"cancelled": ROUNDS, "waitlisted": 0, "not_checked_in": 0}

    # Negative control: counted the way it was before (every vote row), the loop gives three votes.
    naive = Counter(Vote.objects.filter(round=award).values_list("nomination_id", flat=True))
    assert sum(naive.values()) == ROUNDS


def test_with_check_in_required_the_loop_cannot_vote_at_all(
    burst_database: BurstDatabase,
    tmp_path: Path,
) -> None:
    award, statuses = _loop(burst_database, tmp_path, check_in=True)

    assert award.voters_must_check_in
    assert statuses == [200] * ROUNDS  # the vote page explains that check-in comes first; no form
    assert not Vote.objects.filter(round=award).exists()
    assert voting.vote_counts(award) == {}
