"""The demo's evaluation survey (seed_demo → demo.survey): Grønn Praksis 22 has a survey sent to its
checked-in participants, with answers, some named; idempotent."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from gronnpraksis.surveys.models import Invitation, Response, Survey
from gronnpraksis.surveys.results import survey_results


def counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_app_config("surveys").get_models()}


@pytest.mark.django_db
def test_gp22_has_a_survey_with_answers_from_its_checked_in_participants() -> None:
    call_command("seed_demo", stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == first

    survey = Survey.objects.get(edition__slug="gp22")
    invited = Invitation.objects.filter(survey=survey)
    assert invited.count() == 8
    assert all(i.registration and i.registration.checked_in_at for i in invited)
    results = survey_results(survey)
    assert (results.invited, results.responses, results.rate) == (8, 6, 75)
    assert Response.objects.filter(survey=survey, may_be_named=True).count() == 2

    texts = [t for q in results.questions for t in q.texts]
    assert any("lunsj" in t.text for t in texts)
    assert {t.name for t in texts if t.name} == {"Kjersti Omdal", "Liv Aamodt"}
