"""Min side lists everything the person owns (examples, ideas, nominations, votes), links sharing and the
privacy actions, shows nothing of anyone else, and takes as many queries with many rows as with one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gronnpraksis.awards.models import Nomination, Vote
from gronnpraksis.examples.models import Example
from gronnpraksis.ideas.models import HelpOffer, Idea, OfferStatus
from tests.factories import EditionFactory, register_person

from .conftest import KARI


@pytest.mark.django_db
def test_min_side_lists_what_the_person_owns_and_nothing_of_others(client, world):
    accepted = Idea.objects.get(title="Olas idé")
    HelpOffer.objects.filter(idea=accepted, user=world.kari).update(status=OfferStatus.ACCEPTED)
    client.force_login(world.kari)

    response = client.get("/min-side/")

    body = response.content.decode()
    assert {e.title for e in response.context["examples"]} == {"Karis gjenbrukssentral", "Karis bildeling"}
    assert {i.title for i in response.context["ideas"]} == {
        "Karis idé",
        "Karis publiserte idé",
        "Olas idé",
    }  # co-owner of Ola's
    assert [n.summary for n in response.context["nominations"]] == ["Et forbilde"]
    assert [v.registration_id for v in response.context["votes"]] == [world.kari_registration.pk]
    assert "Karis gjenbrukssentral" in body and "/eksempler/del/" in body
    assert 'action="/min-side/mine-data/"' in body and 'href="/min-side/slett-konto/"' in body
    for foreign in ["Olas eksempel", "Olas sykkelveier", "Olas begrunnelse", "ola.hansen@example.no"]:
        assert foreign not in body


@pytest.mark.django_db
def test_the_bank_links_sharing(client):
    assert 'href="/eksempler/del/"' in client.get("/eksempler/").content.decode()


def add_more(world, count):
    for n in range(count):
        edition = EditionFactory(slug=f"gpmer{n}")
        registration = register_person(edition, email=KARI)
        example = Example.objects.create(title=f"Eksempel {n}", summary="-", created_by=world.kari)
        example.owners.add(world.kari)
        Idea.objects.create(title=f"Idé {n}", text="-", owner=world.kari, owner_name="Kari")
        from gronnpraksis.awards import services as award_services

        award = award_services.set_up_round(edition=edition, mode="vote", by=world.kari)
        nomination = Nomination.objects.create(
            round=award, example=example, summary="-", nominator_name="Kari", nominator_email=KARI
        )
        Vote.objects.create(round=award, registration=registration, nomination=nomination)


def count_queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/min-side/")
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.django_db
def test_min_side_query_count_does_not_grow_with_what_the_person_owns(client, world):
    client.force_login(world.kari)
    with_one, _ = count_queries(client)

    add_more(world, 4)
    with_more, response = count_queries(client)

    assert len(response.context["votes"]) == 5 and len(response.context["ideas"]) == 6
    assert with_more == with_one
