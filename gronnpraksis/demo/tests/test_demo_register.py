"""The demo's copy of Enhetsregisteret: every demo organisation with a number is in it."""

import pytest

from gronnpraksis.demo import content as demo
from gronnpraksis.demo.register import seed_register
from gronnpraksis.organisations.models import RegisterEntry
from gronnpraksis.organisations.services import look_up


@pytest.mark.django_db
def test_the_extract_has_every_demo_organisation_and_loads_twice_the_same() -> None:
    count = seed_register()
    assert seed_register() == count == RegisterEntry.objects.count()
    numbers = {org.number for org in demo.ORGANISATIONS.values() if org.number}
    assert numbers and numbers <= set(RegisterEntry.objects.values_list("number", flat=True))
    register_unit = look_up("974760673")
    assert register_unit is not None and (register_unit.street, register_unit.postcode) == (
        "Postboks 900",
        "8910",
    )
