"""The demo's second network: a regional network with a half-day, its team and examples that reach the
national bank with where they came from."""

import pytest
from django.test import Client

from gronnpraksis.demo.networks import EXAMPLES, seed_networks
from gronnpraksis.editions.models import EditionFormat, NetworkMember, NetworkRole
from gronnpraksis.examples import search
from gronnpraksis.examples.models import Example, ModerationState
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_regional_network_whose_examples_reach_the_national_bank(client: Client) -> None:
    organiser = UserFactory(email="arrangor@example.no", is_staff=True, is_superuser=True)

    network = seed_networks(organiser)
    seed_networks(organiser)  # idempotent

    assert network.is_demo and not network.is_national
    edition = network.editions.get()
    assert (edition.format, edition.host_municipality.county.short_name) == (
        EditionFormat.HALF_DAY,
        "Møre og Romsdal",
    )
    assert edition.starts_on == edition.ends_on and edition.days.count() == 1
    roles = set(NetworkMember.objects.filter(network=network).values_list("user__email", "role"))
    assert roles == {
        ("nina.nettverk@example.no", NetworkRole.ORGANISER),
        ("magne.moderator@example.no", NetworkRole.MODERATOR),
    }
    examples = Example.objects.filter(network=network)
    assert examples.count() == len(EXAMPLES) == 3
    assert set(examples.values_list("state", "is_demo")) == {(ModerationState.PUBLISHED, True)}
    network_values = {v.value: v.count for v in search.search("").facets["network"]}
    assert network_values[network.slug] == 3
    page = client.get(examples.first().get_absolute_url()).content.decode()  # type: ignore[union-attr]
    assert f'href="/nettverk/{network.slug}/">{network.name}</a>' in page
    calendar = client.get("/kalender.ics").content.decode()
    assert f"edition-{edition.slug}@gronnpraksis" in calendar
