"""Votes that count once: which votes are counted, the rule the organisers see, and the indicators of
stuffing on their vote page. (The register → vote → cancel loop through a running server is in
tests/burst/test_vote_loop.py.)"""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from gronnpraksis.awards import results, services, stuffing, voting
from gronnpraksis.awards.models import AwardRound, PrizeKind
from gronnpraksis.core.network import network_marker
from gronnpraksis.registrations.models import Registration
from gronnpraksis.registrations.services import cancel_registration
from tests.factories import register_person

from .helpers import HOUR, finalists, make_round, open_voting, vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def voting_round(edition, organiser):
    award = make_round(edition, organiser)
    nominations = finalists(award, organiser, count=2, titles=["Matsvinn", "Sykkelparkering"])
    return open_voting(award), nominations


def close(award: AwardRound) -> AwardRound:
    AwardRound.objects.filter(pk=award.pk).update(vote_closed_at=timezone.now())
    award.refresh_from_db()
    return award


def test_a_new_round_requires_check_in_and_the_organiser_can_turn_it_off(client, edition, organiser):
    award = services.set_up_round(edition=edition, by=organiser)
    assert award.voters_must_check_in

    client.force_login(organiser)
    path = reverse("awards_backoffice:bo_settings", kwargs={"edition": edition.slug})
    checkbox = re.search(r'<input[^>]*name="voters_must_check_in"[^>]*>', client.get(path).content.decode())
    assert checkbox and " checked" in checkbox[0]  # shown ticked; unticking it is the organiser's choice


def test_cancelling_takes_the_vote_out_of_the_count(voting_round, edition, participant):
    award, (one, _two) = voting_round
    other = register_person(edition, email="ola@example.no", name="Ola")
    vote(award, participant, one)
    vote(award, other, one)

    cancel_registration(registration=other)
    award = close(award)

    assert voting.vote_counts(award) == {one.pk: 1}
    assert voting.uncounted_votes(award) == {"cancelled": 1, "waitlisted": 0, "not_checked_in": 0}
    computed, _leaders = results.computed_winner(award, PrizeKind.PEOPLE)
    assert computed == one


def test_the_check_in_rule_applies_when_counting(voting_round, edition, participant):
    award, (one, two) = voting_round
    other = register_person(edition, email="ola@example.no", name="Ola")
    vote(award, participant, one)
    vote(award, other, two)
    Registration.objects.filter(pk=participant.pk).update(checked_in_at=timezone.now())
    award = close(award)
    assert voting.vote_counts(award) == {one.pk: 1, two.pk: 1}

    AwardRound.objects.filter(pk=award.pk).update(voters_must_check_in=True)
    award.refresh_from_db()

    assert voting.vote_counts(award) == {one.pk: 1}
    assert voting.uncounted_votes(award) == {"cancelled": 0, "waitlisted": 0, "not_checked_in": 1}


def test_the_network_marker_keeps_the_network_not_the_address():
    same = network_marker("192.0.2.10")
    assert same == network_marker("192.0.2.200") == network_marker("::ffff:192.0.2.7")
    assert same != network_marker("192.0.3.10")
    assert len(same) == 16 and "192" not in same
    assert network_marker("2001:db8:1:2::1") == network_marker("2001:db8:1:2:ffff::9")
    assert network_marker("2001:db8:1:2::1") != network_marker("2001:db8:1:3::1")
    assert network_marker("") == network_marker("not an address") == network_marker("1.2.3.4\x00") == ""


def test_a_registration_stores_its_network_marker(client, edition):
    from tests.burst.harness import _FormParser  # the fields the form offers, as a browser sees them

    path = reverse("registrations:register", kwargs={"edition": edition.slug})
    form = _FormParser()
    form.feed(client.get(path).content.decode())
    data = {
        "idempotency_key": form.values["idempotency_key"],
        "name": "Kari Nordmann",
        "email": "kari@example.no",
        "organisation_name": "Kristiansand kommune",
        "municipality": "Kristiansand",
        "sector": "kommune",
        "role": "fagperson",
        "ticket_type": form.options["ticket_type"][0],
        "days": form.options["days"],
        "privacy": "on",
    }
    response = client.post(path, data, REMOTE_ADDR="198.51.100.23")

    assert response.status_code == 302
    assert Registration.objects.get().network_marker == network_marker("198.51.100.99")


def test_indicators_show_late_registrations_and_clusters(voting_round, edition, participant):
    award, (one, two) = voting_round
    opened = award.voting_opens_at
    vote(award, participant, two)
    Registration.objects.filter(pk=participant.pk).update(created_at=opened - 10 * HOUR)
    office = network_marker("203.0.113.5")
    people = [
        ("per+1@example.no", ""),
        ("per+2@example.no", ""),
        ("velger1@stemmer.no", ""),
        ("velger2@stemmer.no", ""),
        ("velger3@stemmer.no", ""),
        *((f"kollega.{name}@kommune.no", office) for name in "abcde"),
    ]
    for n, (email, marker) in enumerate(people):
        person = register_person(edition, email=email, name=f"Person {n}", network_marker=marker)
        vote(award, person, one)
        Registration.objects.filter(pk=person.pk).update(
            created_at=opened + datetime.timedelta(minutes=5 * n)
        )
    award = close(award)

    checks = stuffing.indicators(award)

    assert [(n.title, counted, late) for n, counted, late in checks.late] == [
        ("Matsvinn", len(people), len(people)),
        ("Sykkelparkering", 1, 0),
    ]
    found = {(c.kind, c.pattern): (c.registrations, c.votes) for c in checks.clusters}
    assert found == {
        ("plus", "per+…@example.no"): (2, [("Matsvinn", 2)]),
        ("numbered", "velger…@stemmer.no"): (3, [("Matsvinn", 3)]),
        ("network", ""): (5, [("Matsvinn", 5)]),
    }


def test_registrations_spread_out_in_time_are_no_cluster(voting_round, edition):
    award, (one, _two) = voting_round
    for n in range(3):
        person = register_person(edition, email=f"velger{n}@stemmer.no", name=f"Velger {n}")
        vote(award, person, one)
        Registration.objects.filter(pk=person.pk).update(created_at=timezone.now() - n * 2 * HOUR)
    award = close(award)

    assert stuffing.indicators(award).clusters == []


def test_the_organisers_vote_page_says_which_rule_applied_and_what_was_left_out(
    client, voting_round, edition, organiser, participant
):
    award, (one, _two) = voting_round
    vote(award, participant, one)
    for n in range(2):
        person = register_person(edition, email=f"per+{n}@example.no", name=f"Per {n}")
        vote(award, person, one)
    cancel_registration(registration=person)
    client.force_login(organiser)
    client.post(reverse("awards_backoffice:bo_vote_close", kwargs={"edition": edition.slug}))

    with translation.override("en"):  # the English pages, so the assertions read as the code does
        page = html.unescape(
            client.get(
                reverse("awards_backoffice:bo_vote", kwargs={"edition": edition.slug})
            ).content.decode()
        )
        result = html.unescape(
            client.get(
                reverse("awards_backoffice:bo_result", kwargs={"edition": edition.slug})
            ).content.decode()
        )

    rule = "a vote counts when its registration is confirmed; check-in was not required"
    assert rule in page and rule in result
    assert "1 vote from a cancelled registration" in page
    assert "per+…@example.no" not in page  # one counted vote left in that pattern: no cluster
    assert 'id="clusters"' not in page


def test_publishing_the_result_forgets_the_network_markers(voting_round, edition, organiser, participant):
    award, (one, _two) = voting_round
    Registration.objects.filter(pk=participant.pk).update(network_marker=network_marker("192.0.2.1"))
    vote(award, participant, one)
    award = close(award)
    results.record_prize(
        award=award, kind=PrizeKind.PEOPLE, nomination=one, citation="Fordi.", reason="", by=organiser
    )

    results.publish_result(award=award, by=organiser)

    assert not Registration.objects.exclude(network_marker="").exists()


def test_after_cancelling_the_vote_page_shows_no_vote_and_takes_none(client, voting_round, participant):
    award, (one, two) = voting_round
    vote(award, participant, one)
    cancel_registration(registration=participant)
    path = reverse(
        "awards:vote_link", kwargs={"edition": award.edition.slug, "token": participant.vote_token}
    )

    page = html.unescape(client.get(path).content.decode())
    response = client.post(path, {"nomination": two.pk, "ballot": voting.make_ballot(award, participant)})

    assert "Matsvinn" not in page.split("<h1")[1]  # no "Your vote: Matsvinn", and no vote form
    assert response.status_code == 403
    assert voting.vote_counts(close(award)) == {}


def test_the_organisers_vote_page_lists_the_clusters(client, voting_round, edition, organiser):
    award, (one, _two) = voting_round
    for n in range(3):
        person = register_person(edition, email=f"velger{n}@stemmer.no", name=f"Velger {n}")
        vote(award, person, one)
    client.force_login(organiser)
    client.post(reverse("awards_backoffice:bo_vote_close", kwargs={"edition": edition.slug}))

    page = html.unescape(
        client.get(reverse("awards_backoffice:bo_vote", kwargs={"edition": edition.slug})).content.decode()
    )

    clusters = page.split('id="clusters"')[1].split("</table>")[0]
    assert "velger…@stemmer.no" in clusters and "Matsvinn: 3" in clusters
    assert "velger0@stemmer.no" not in page  # the addresses themselves are not shown
