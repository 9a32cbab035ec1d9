"""The API answers what its OpenAPI document says: a property-based run of schemathesis against
`/api/v1/openapi.json`, in process through the WSGI application, with every check, on every operation,
on a database with a public edition, a published programme and published examples."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks

from gronnpraksis.program.models import ProgramItem, Room
from gronnpraksis.program.services import publish_program
from tests.bank_data import publish
from tests.factories import EditionFactory
from tests.factories import local_time as at


@pytest.fixture
def api_data(db):
    edition = EditionFactory(slug="gp27")
    hall = Room.objects.create(edition=edition, name="Store sal")
    ProgramItem.objects.create(
        edition=edition,
        title="Åpning",
        kind="plenary",
        room=hall,
        starts_at=at(edition, 0, 9),
        ends_at=at(edition, 0, 10),
    )
    publish_program(edition=edition, user=None)
    publish("Sykkelparkering ved skolen", "Tak over stativene.", themes=("transport",))
    publish("Matsvinn i kantina", "Rester deles ut.", themes=("mat",))
    # The WSGI handler closes the database connection after each request, which would end the test's
    # transaction on PostgreSQL; Django's test client switches this off the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield edition
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


load_all_checks()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
# A fixed seed (derandomize) and a bounded run: about 20 seconds for every operation.
@settings(
    derandomize=True,
    database=None,
    max_examples=50,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_as_its_openapi_document_says(case, api_data):
    """Every check schemathesis has: no server error, documented status codes, content types, headers
    and bodies, invalid parameters rejected and valid ones accepted, unsupported methods answered 405."""
    case.call_and_validate(checks=CHECKS.get_all())
