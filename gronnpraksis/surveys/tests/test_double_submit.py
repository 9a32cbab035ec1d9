"""A participant who presses "send" twice at once (two tabs, a double click) gets one answer: the
unique constraint on the invitation decides, and the second submit returns the first response."""

import pytest
from django.db import connection

from gronnpraksis.surveys import services
from gronnpraksis.surveys.models import Answer, Invitation, Response
from tests.burst.threads import run_together
from tests.factories import EditionFactory, ensure_reference_data

from .helpers import make_survey, people


@pytest.fixture(scope="module", autouse=True)
def _restore_reference_data_after_module(django_db_setup: None, django_db_blocker: object) -> object:
    """The transactional test ends with a flush of every table; later tests need the reference data."""
    yield
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        ensure_reference_data()


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_at_the_same_moment_gives_one_answer() -> None:
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("threads need a shared database; run on PostgreSQL or a file database")
    ensure_reference_data()
    edition = EditionFactory()
    who = people(edition)
    survey = make_survey(edition)
    services.send_survey(survey=survey)
    invitation = Invitation.objects.get(registration=who.kari)
    scale = survey.questions.get(kind="scale")
    created: list[bool] = []

    def submit(value: int) -> None:
        _response, was_created = services.submit_response(
            invitation=Invitation.objects.get(pk=invitation.pk), answers={scale.pk: value}, may_be_named=False
        )
        created.append(was_created)

    errors = run_together(submit, [1, 2, 3, 4, 5, 1, 2, 3], threads=8, timeout=60, what="double submits")

    assert errors == []
    assert sorted(created) == [False] * 7 + [True]
    assert Response.objects.filter(invitation=invitation).count() == 1
    assert Answer.objects.filter(question=scale).count() == 1
