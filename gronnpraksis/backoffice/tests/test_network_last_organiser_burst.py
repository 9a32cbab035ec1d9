"""Two network organisers who remove each other at the same moment: one of them stays, because the
service locks the network's organiser rows before it counts them."""

import pytest
from django.db import connection

from gronnpraksis.editions import services
from gronnpraksis.editions.models import NetworkMember, NetworkRole
from tests.burst.threads import run_together
from tests.factories import NetworkFactory, UserFactory, ensure_reference_data


@pytest.fixture(scope="module", autouse=True)
def _restore_reference_data_after_module(django_db_setup: None, django_db_blocker: object) -> object:
    """The transactional test ends with a flush of every table; later tests need the reference data."""
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        ensure_reference_data()


@pytest.mark.django_db(transaction=True)
def test_two_organisers_removing_each_other_at_once_leave_one() -> None:
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("threads need a shared database; run on PostgreSQL or a file database")
    network = NetworkFactory()
    rows = [
        NetworkMember.objects.create(
            network=network, user=UserFactory(email=f"{name}@example.no"), role=NetworkRole.ORGANISER
        ).pk
        for name in ("nora", "ola")
    ]

    def remove(pk: int) -> None:
        services.remove_network_member(member=NetworkMember.objects.get(pk=pk))

    errors = run_together(remove, rows, threads=2, timeout=60, what="removals")

    assert NetworkMember.objects.filter(network=network, role=NetworkRole.ORGANISER).count() == 1
    assert errors == ["LastOrganiserError: "]
