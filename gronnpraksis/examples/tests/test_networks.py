"""One national bank for every network: examples shared through a network or presented at its editions
carry where they come from, the bank filters by network (shown once several networks have examples),
and a network's moderators decide on their own network's examples only, in the one national queue."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from pytest_django import Settings

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.editions.models import Edition, Network, NetworkMember, NetworkRole, national_network
from gronnpraksis.examples import search
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.examples.services import index_example
from tests.bank_data import publish
from tests.factories import EditionFactory, NetworkFactory, UserFactory, submit_contribution

from .helpers import form_data, share

QUEUE = "/eksempler/moderering/"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def innlandet() -> Network:
    return NetworkFactory(slug="klima-innlandet", name="Klimanettverk Innlandet (demo)")


@pytest.fixture
def nordland() -> Network:
    return NetworkFactory(slug="klima-nordland", name="Klimanettverk Nordland (demo)")


def network_moderator(network: Network, email: str) -> User:
    user = UserFactory(email=email, name=email.split("@")[0])
    NetworkMember.objects.create(network=network, user=user, role=NetworkRole.MODERATOR)
    return user


def facet_values(result: search.SearchResult, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in result.facets.get(facet, [])}


# --- Provenance and the filter -------------------------------------------------------------------------------


def test_an_example_shared_through_a_network_says_so_and_where_it_was_presented(
    client: Client, innlandet: Network, edition: Edition
) -> None:
    regional = EditionFactory(slug="innlandet27", name="Klimahalvdag Innlandet", network=innlandet)
    example = publish("Solceller på rådhuset", network=innlandet)
    contribution = submit_contribution(regional, title="Solceller på rådhuset")
    Contribution.objects.filter(pk=contribution.pk).update(example=example, state=State.ACCEPTED)
    index_example(example)

    body = client.get(example.get_absolute_url()).content.decode()

    assert 'id="network-provenance-heading"' in body
    assert f'href="/nettverk/{innlandet.slug}/">{innlandet.name}</a>' in body
    assert (
        f'href="/{regional.slug}/">{regional.name}</a> (<a class="ds-link" href="/nettverk/{innlandet.slug}/">'
        in body
    )


def test_the_bank_filters_by_network_once_several_networks_have_examples(
    client: Client, innlandet: Network, nordland: Network
) -> None:
    publish("Sykkelparkering ved skolen")
    assert 'name="nettverk"' not in client.get("/eksempler/").content.decode()  # one network has examples

    ours = publish("Solceller på rådhuset", network=innlandet)
    presented = publish("Matsvinn i kantina")
    contribution = submit_contribution(EditionFactory(slug="nordland27", network=nordland), title="Matsvinn")
    Contribution.objects.filter(pk=contribution.pk).update(example=presented, state=State.ACCEPTED)
    index_example(presented)

    everything = search.search("")
    assert facet_values(everything, "network") == {
        national_network().slug: 2,
        innlandet.slug: 1,
        nordland.slug: 1,
    }
    assert 'name="nettverk"' in client.get("/eksempler/").content.decode()
    response = client.get(f"/eksempler/?nettverk={innlandet.slug}")
    assert [e.pk for e in response.context["result"].examples] == [ours.pk]
    response = client.get(f"/eksempler/?nettverk={nordland.slug}")
    assert [e.pk for e in response.context["result"].examples] == [presented.pk]
    assert client.get(f"/api/v1/examples/?nettverk={innlandet.slug}").json()["count"] == 1


def test_sharing_from_a_networks_page_shares_through_the_network(client: Client, innlandet: Network) -> None:
    owner = UserFactory(email="siri.deler@example.no")
    client.force_login(owner)

    response = client.post(f"/eksempler/del/?nettverk={innlandet.slug}", form_data())

    assert response.status_code == 302
    assert Example.objects.get(created_by=owner).network == innlandet


# --- Moderation stays national; a network's moderators decide on their own -----------------------------------


def test_a_network_moderator_decides_on_their_networks_examples_only(
    client: Client, innlandet: Network, nordland: Network
) -> None:
    owner = UserFactory(email="eier@example.no")
    ours = share(owner, title="Solceller på rådhuset")
    Example.objects.filter(pk=ours.pk).update(network=innlandet)
    theirs = share(owner, title="Matsvinn i kantina")
    Example.objects.filter(pk=theirs.pk).update(network=nordland)
    national = share(owner, title="Sykkelparkering ved skolen")
    moderator = network_moderator(innlandet, "mona.innlandet@example.no")
    client.force_login(moderator)

    queue = client.get(QUEUE)
    refused = [
        client.get(f"{QUEUE}{theirs.pk}/").status_code,
        client.post(f"{QUEUE}{theirs.pk}/", {"action": "publish"}).status_code,
        client.post(f"{QUEUE}{national.pk}/", {"action": "publish"}).status_code,
        client.post(f"{QUEUE}{national.pk}/versjon/1/gjenopprett/").status_code,
        client.get(theirs.get_absolute_url()).status_code,
    ]
    published = client.post(f"{QUEUE}{ours.pk}/", {"action": "publish"})

    assert queue.status_code == 200
    assert [e.pk for e in queue.context["page"]] == [ours.pk]
    assert refused == [404] * 5
    assert published.status_code == 302
    states = dict(Example.objects.values_list("pk", "state"))
    assert states == {
        ours.pk: ModerationState.PUBLISHED,
        theirs.pk: ModerationState.PENDING,
        national.pk: ModerationState.PENDING,
    }


def test_the_national_moderators_keep_the_whole_queue(client: Client, innlandet: Network) -> None:
    owner = UserFactory(email="eier@example.no")
    ours = share(owner, title="Solceller på rådhuset")
    Example.objects.filter(pk=ours.pk).update(network=innlandet)
    national = share(owner, title="Sykkelparkering ved skolen")
    moderator = UserFactory(email="mona.moderator@example.no")
    moderator.groups.add(Group.objects.get(name="Moderatorer"))
    client.force_login(moderator)

    assert {e.pk for e in client.get(QUEUE).context["page"]} == {ours.pk, national.pk}


def test_a_network_moderator_without_a_proven_address_moderates_nothing(
    client: Client, innlandet: Network
) -> None:
    owner = UserFactory(email="eier@example.no")
    ours = share(owner, title="Solceller på rådhuset")
    Example.objects.filter(pk=ours.pk).update(network=innlandet)
    user = UserFactory(email="ukjent@example.no", proven=False)
    NetworkMember.objects.create(network=innlandet, user=user, role=NetworkRole.MODERATOR)
    client.force_login(user)

    assert client.get(QUEUE).status_code == 404
    assert client.post(f"{QUEUE}{ours.pk}/", {"action": "publish"}).status_code == 404


def test_a_network_organiser_is_not_a_moderator(client: Client, innlandet: Network) -> None:
    owner = UserFactory(email="eier@example.no")
    ours = share(owner, title="Solceller på rådhuset")
    Example.objects.filter(pk=ours.pk).update(network=innlandet)
    organiser = UserFactory(email="olga@example.no")
    NetworkMember.objects.create(network=innlandet, user=organiser, role=NetworkRole.ORGANISER)
    client.force_login(organiser)

    assert client.post(f"{QUEUE}{ours.pk}/", {"action": "publish"}).status_code == 404
