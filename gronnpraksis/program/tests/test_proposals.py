"""Proposing a programme ("Foreslå program"): the worker job, the proposal page's diff, and the organiser's decision."""

import datetime
import html

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from gronnpraksis.accounts.models import User
from gronnpraksis.core import worker
from gronnpraksis.editions.models import Edition
from gronnpraksis.program import proposals
from gronnpraksis.program.models import PlanProposal, ProgramItem, ProgramVersion, ProposalStatus, Room
from gronnpraksis.program.services import publish_program, star_item
from tests.factories import local_time as at
from tests.factories import register_person

from .proposal_helpers import accepted, small_edition

STALE = (
    "The working copy has changed since this proposal was made, so it cannot be accepted. "
    "Ask for a new proposal."
)


def in_norwegian(message: str) -> str:
    """The message as a bokmål page shows it (the English id until it is translated)."""
    with translation.override("nb"):
        return gettext(message)


def run_worker() -> list[str]:
    """One round of the worker's proposal pass, as `manage.py worker` runs it."""
    lines: list[str] = []
    passes = [p for p in worker.PASSES if p.name == "plan_proposals"]
    assert passes, "the programme app registers its pass"
    worker.run(passes, once=True, write=lines.append)
    return lines


def url(name: str, edition: Edition, **kwargs: object) -> str:
    return reverse(f"program_backoffice:{name}", kwargs={"edition": edition.slug, **kwargs})


def page(response: object) -> str:
    return html.unescape(response.content.decode())  # type: ignore[attr-defined]


@pytest.fixture
def planner(client: Client, organiser: User) -> Client:
    client.force_login(organiser)
    return client


@pytest.fixture
def ready(edition: Edition) -> PlanProposal:
    """A small edition with two talks placed and published, one starred by three people, three talks
    waiting for a place, and a proposal for it that the worker has planned."""
    world = small_edition(edition)
    for n, talk in enumerate(world.talks[:2]):
        ProgramItem.objects.create(
            edition=edition,
            title=talk.title,
            contribution=talk,
            room=world.hall,
            starts_at=at(edition, 0, 9 + n),
            ends_at=at(edition, 0, 9 + n, 45),
        )
    publish_program(edition=edition, user=None, notify=False)
    first = ProgramItem.objects.get(title="Innlegg 0")
    for n in range(3):
        star_item(registration=register_person(edition, email=f"deltaker{n}@example.no"), item=first)
    accepted(edition, "Sent innlegg A", email="a@example.no", wished_length=20)
    accepted(edition, "Sent innlegg B", email="b@example.no", wished_length=45)
    proposal = proposals.request_proposal(edition=edition, user=None, seed=3, seconds=1)
    run_worker()
    proposal.refresh_from_db()
    return proposal


@pytest.mark.django_db
def test_the_worker_plans_a_proposal_and_the_same_seed_gives_the_same_plan(ready: PlanProposal) -> None:
    again = proposals.request_proposal(edition=ready.edition, user=None, seed=3, seconds=1)
    assert again.status == ProposalStatus.QUEUED

    lines = run_worker()

    again.refresh_from_db()
    assert ready.status == again.status == ProposalStatus.DONE
    assert any(f"proposal {again.pk}: done" in line for line in lines)
    assert again.assignment == ready.assignment
    assert again.score == ready.score is not None
    changes = {c["title"]: c["change"] for c in ready.assignment}
    assert changes["Sent innlegg A"] == changes["Sent innlegg B"] == changes["Innlegg 2"] == "placed"
    assert ready.score_parts["unplaced"] == 0
    assert ready.fingerprint
    # Nothing is written until an organiser accepts.
    assert ProgramItem.objects.filter(edition=ready.edition, kind="contribution").count() == 2


@pytest.mark.django_db
def test_the_page_shows_the_diff_the_score_and_why_here(planner: Client, ready: PlanProposal) -> None:
    response = planner.get(url("proposal", ready.edition, pk=ready.pk))

    text = page(response)
    assert response.status_code == 200
    assert "Sent innlegg A" in text and "Innlegg 0" in text
    assert in_norwegian("Score %(score)s (lower is better)") % {"score": ready.score} in text
    assert "hx-trigger" not in text  # done: no more polling
    why = "%(stars)s starred it; about %(audience)s are expected in a room with %(seats)s seats."
    with translation.override("nb"):
        expected = ngettext(why, why, 3) % {"stars": 3, "audience": 2, "seats": 200}
    assert expected in text
    assert 'name="change"' in text


@pytest.mark.django_db
def test_a_queued_proposal_polls_with_htmx_and_offers_a_plain_reload(
    planner: Client, edition: Edition
) -> None:
    small_edition(edition)
    waiting = proposals.request_proposal(edition=edition, user=None, seed=0, seconds=10)

    text = page(planner.get(url("proposal", edition, pk=waiting.pk)))
    partial = page(planner.get(url("proposal", edition, pk=waiting.pk), HTTP_HX_REQUEST="true"))

    assert 'hx-trigger="every 1s"' in text and "<progress" in text
    assert f'href="{url("proposal", edition, pk=waiting.pk)}"' in text
    assert partial.strip().startswith('<div id="proposal"') and "<html" not in partial


@pytest.mark.django_db
def test_asking_for_a_proposal_queues_it_with_the_chosen_seed_and_budget(
    planner: Client, edition: Edition
) -> None:
    response = planner.post(url("proposals", edition), {"seed": "7", "seconds": "300"})
    proposal = PlanProposal.objects.get()

    assert response.status_code == 302 and response["Location"] == url("proposal", edition, pk=proposal.pk)
    assert (proposal.seed, proposal.seconds, proposal.status) == (7, 300, ProposalStatus.QUEUED)


@pytest.mark.django_db
def test_a_budget_above_five_minutes_is_refused_and_the_form_keeps_the_seed(
    planner: Client, edition: Edition
) -> None:
    response = planner.post(url("proposals", edition), {"seed": "7", "seconds": "301"})

    assert response.status_code == 400
    assert not PlanProposal.objects.exists()
    assert 'value="7"' in page(response)


@pytest.mark.django_db
def test_accepting_all_writes_the_working_copy_and_publishes_nothing(
    planner: Client, ready: PlanProposal
) -> None:
    versions = ProgramVersion.objects.count()

    response = planner.post(url("proposal_accept", ready.edition, pk=ready.pk), {"action": "all"})

    assert response.status_code == 302 and response["Location"] == url("grid", ready.edition)
    titles = set(
        ProgramItem.objects.filter(edition=ready.edition, kind="contribution").values_list("title", flat=True)
    )
    assert titles == {"Innlegg 0", "Innlegg 1", "Innlegg 2", "Sent innlegg A", "Sent innlegg B"}
    new = ProgramItem.objects.get(title="Sent innlegg A")
    assert new.contribution is not None and (new.ends_at - new.starts_at).seconds == 20 * 60
    assert ProgramVersion.objects.count() == versions
    ready.refresh_from_db()
    assert ready.status == ProposalStatus.ACCEPTED


@pytest.mark.django_db
def test_accepting_some_writes_only_the_ticked_changes(planner: Client, ready: PlanProposal) -> None:
    chosen = next(c for c in ready.assignment if c["title"] == "Sent innlegg B")

    planner.post(
        url("proposal_accept", ready.edition, pk=ready.pk), {"action": "some", "change": [chosen["key"]]}
    )

    placed = ProgramItem.objects.filter(edition=ready.edition, kind="contribution")
    assert set(placed.values_list("title", flat=True)) == {"Innlegg 0", "Innlegg 1", "Sent innlegg B"}
    item = placed.get(title="Sent innlegg B")
    assert item.room_id == chosen["after"]["room"]
    assert item.starts_at == datetime.datetime.fromisoformat(chosen["after"]["starts_at"])


@pytest.mark.django_db
def test_accepting_some_without_ticking_any_changes_nothing(planner: Client, ready: PlanProposal) -> None:
    response = planner.post(
        url("proposal_accept", ready.edition, pk=ready.pk), {"action": "some"}, follow=True
    )

    assert ProgramItem.objects.filter(edition=ready.edition, kind="contribution").count() == 2
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        in_norwegian("Tick the changes to accept, or accept them all.")
    ]
    ready.refresh_from_db()
    assert ready.status == ProposalStatus.DONE


@pytest.mark.django_db
def test_discarding_changes_nothing(planner: Client, ready: PlanProposal) -> None:
    before = list(ProgramItem.objects.values_list("pk", "starts_at", "room_id"))

    response = planner.post(url("proposal_discard", ready.edition, pk=ready.pk))

    assert response.status_code == 302
    assert list(ProgramItem.objects.values_list("pk", "starts_at", "room_id")) == before
    ready.refresh_from_db()
    assert ready.status == ProposalStatus.DISCARDED
    refused = planner.post(url("proposal_accept", ready.edition, pk=ready.pk), {"action": "all"})
    assert refused.status_code == 302
    assert list(ProgramItem.objects.values_list("pk", "starts_at", "room_id")) == before


@pytest.mark.django_db
def test_a_stale_proposal_is_refused_with_a_clear_message(planner: Client, ready: PlanProposal) -> None:
    item = ProgramItem.objects.get(title="Innlegg 1")
    item.starts_at, item.ends_at = at(ready.edition, 1, 9), at(ready.edition, 1, 9, 45)
    item.save()
    before = list(ProgramItem.objects.values_list("pk", "starts_at", "room_id"))

    response = planner.post(
        url("proposal_accept", ready.edition, pk=ready.pk), {"action": "all"}, follow=True
    )

    assert list(ProgramItem.objects.values_list("pk", "starts_at", "room_id")) == before
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(
        "working copy has changed" in m or "arbeidskopien er endret" in m.lower() for m in messages
    ) or ('role="alert"' in page(response))
    assert 'name="change"' not in page(response)
    with pytest.raises(proposals.StaleProposal):
        proposals.accept_proposal(proposal=ready, user=None)


@pytest.mark.django_db
def test_pinning_from_the_diff_pins_the_item_and_makes_the_proposal_stale(
    planner: Client, ready: PlanProposal
) -> None:
    item = ProgramItem.objects.get(title="Innlegg 0")

    response = planner.post(
        url("item_pin", ready.edition, pk=item.pk), {"pinned": "1", "proposal": str(ready.pk)}
    )

    item.refresh_from_db()
    assert item.pinned
    assert response["Location"] == url("proposal", ready.edition, pk=ready.pk)
    assert proposals.is_stale(ready)
    again = proposals.request_proposal(edition=ready.edition, user=None, seed=5, seconds=1)
    run_worker()
    again.refresh_from_db()
    change = next(c for c in again.assignment if c["item"] == item.pk)
    assert change["change"] == "unchanged" and change["pinned"]


@pytest.mark.django_db
def test_the_item_form_pins_an_item(planner: Client, edition: Edition) -> None:
    world = small_edition(edition)
    data = {
        "kind": "contribution",
        "contribution": world.talks[0].pk,
        "title": "",
        "description": "",
        "day": edition.starts_on.isoformat(),
        "starts": "09:00",
        "ends": "09:45",
        "room": world.hall.pk,
        "track": "",
        "speakers": "",
        "pinned": "on",
    }

    planner.post(url("item_new", edition), data)

    assert ProgramItem.objects.get(contribution=world.talks[0]).pinned


@pytest.mark.django_db
def test_accepting_a_move_into_a_place_another_item_leaves_only_by_an_unticked_change_is_refused(
    planner: Client, edition: Edition
) -> None:
    world = small_edition(edition)
    # Two items in the hall, and a planned proposal whose changes are then set by hand.
    first, second = (
        ProgramItem.objects.create(
            edition=edition,
            title=talk.title,
            contribution=talk,
            room=world.hall,
            starts_at=at(edition, 0, 9 + n),
            ends_at=at(edition, 0, 9 + n, 45),
        )
        for n, talk in enumerate(world.talks[:2])
    )
    proposal = proposals.request_proposal(edition=edition, user=None, seed=0, seconds=1)
    run_worker()
    proposal.refresh_from_db()
    # The changes as if the builder swapped them: the second takes the first's place at 9, the first goes to 11.
    hall_9 = {
        "day": edition.starts_on.isoformat(),
        "starts_at": first.starts_at.astimezone(edition.tz).isoformat(),
        "ends_at": first.ends_at.astimezone(edition.tz).isoformat(),
        "room": world.hall.pk,
        "room_name": world.hall.name,
    }
    hall_11 = {
        **hall_9,
        "starts_at": at(edition, 0, 11).isoformat(),
        "ends_at": at(edition, 0, 11, 45).isoformat(),
    }
    proposal.assignment = [
        {
            "key": f"item-{second.pk}",
            "item": second.pk,
            "contribution": None,
            "title": second.title,
            "pinned": False,
            "change": "moved",
            "before": None,
            "after": hall_9,
        },
        {
            "key": f"item-{first.pk}",
            "item": first.pk,
            "contribution": None,
            "title": first.title,
            "pinned": False,
            "change": "moved",
            "before": None,
            "after": hall_11,
        },
    ]
    proposal.save()
    before = list(ProgramItem.objects.order_by("pk").values_list("pk", "starts_at", "room_id"))

    response = planner.post(
        url("proposal_accept", edition, pk=proposal.pk),
        {"action": "some", "change": [f"item-{second.pk}"]},
        follow=True,
    )

    assert list(ProgramItem.objects.order_by("pk").values_list("pk", "starts_at", "room_id")) == before
    assert len([str(m) for m in get_messages(response.wsgi_request)]) == 1
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DONE
    # Ticking both is fine.
    planner.post(
        url("proposal_accept", edition, pk=proposal.pk),
        {"action": "some", "change": [f"item-{second.pk}", f"item-{first.pk}"]},
    )
    second.refresh_from_db()
    assert second.starts_at == first.starts_at


@pytest.mark.django_db
def test_a_proposal_its_worker_left_running_is_marked_failed(planner: Client, edition: Edition) -> None:
    small_edition(edition)
    lost = proposals.request_proposal(edition=edition, user=None, seed=0, seconds=10)
    PlanProposal.objects.filter(pk=lost.pk).update(
        status=ProposalStatus.RUNNING,
        started_at=timezone.now()
        - datetime.timedelta(seconds=30)
        - proposals.STUCK_AFTER
        - datetime.timedelta(seconds=1),
    )
    fresh = proposals.request_proposal(edition=edition, user=None, seed=0, seconds=10)
    PlanProposal.objects.filter(pk=fresh.pk).update(status=ProposalStatus.RUNNING, started_at=timezone.now())

    lines = run_worker()

    lost.refresh_from_db()
    fresh.refresh_from_db()
    assert (lost.status, fresh.status) == (ProposalStatus.FAILED, ProposalStatus.RUNNING)
    assert lines == [f"worker: plan_proposals: proposal {lost.pk} was left running; marked as failed"]
    assert 'role="alert"' in page(planner.get(url("proposal", edition, pk=lost.pk)))


@pytest.mark.django_db
def test_the_page_says_why_an_item_has_no_place(planner: Client, edition: Edition) -> None:
    small_edition(edition)
    Room.objects.filter(edition=edition, name="Verkstedet").update(features="")
    workshop = accepted(
        edition, "Reparasjonskafé", email="kafe@example.no", wished_format="verksted", wished_length=45
    )
    proposal = proposals.request_proposal(edition=edition, user=None, seed=0, seconds=1)
    run_worker()
    proposal.refresh_from_db()

    text = page(planner.get(url("proposal", edition, pk=proposal.pk)))

    change = next(c for c in proposal.assignment if c["contribution"] == workshop.pk)
    assert change["change"] == "unplaced"
    assert in_norwegian("No room has what it needs (see the room features).") in text
