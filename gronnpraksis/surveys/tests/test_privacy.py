"""The participant's survey answer is in their data export, and goes with them when they are erased:
the counts stay, the name can never be shown, and the free text is deleted."""

import pytest
from django.test import Client
from django.urls import reverse

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Edition
from gronnpraksis.privacy.erasure import delete_person
from gronnpraksis.privacy.export import export_person
from gronnpraksis.surveys import results, services
from gronnpraksis.surveys.models import Answer, Invitation, OptOut, Response
from tests.factories import proven_user

from .helpers import make_survey, people

pytestmark = pytest.mark.django_db


def answered(edition: Edition) -> tuple[User, Response]:
    who = people(edition)
    survey = make_survey(edition)
    services.send_survey(survey=survey)
    questions = {q.kind: q for q in survey.questions.all()}
    response, _created = services.submit_response(
        invitation=Invitation.objects.get(registration=who.kari),
        answers={questions["scale"].pk: 4, questions["text"].pk: "Jeg, Kari fra Lillesand, savnet kaffe"},
        may_be_named=True,
    )
    return proven_user("kari@example.no"), response


def test_the_answer_is_in_the_persons_export(edition: Edition) -> None:
    kari, _response = answered(edition)

    registration = next(r for r in export_person(kari)["registrations"] if r["email"] == "kari@example.no")

    [entry] = registration["survey_answers"]
    assert entry["may_be_named"] is True
    assert {a["number"] for a in entry["answers"]} == {4, None}
    assert "Jeg, Kari fra Lillesand, savnet kaffe" in {a["text"] for a in entry["answers"]}


def test_erasure_keeps_the_count_and_removes_the_name_and_the_text(
    client: Client, edition: Edition, organiser: User
) -> None:
    kari, response = answered(edition)
    services.opt_out(email="kari@example.no")

    delete_person(user=kari)

    response.refresh_from_db()
    assert response.invitation is None and response.may_be_named is False
    assert list(Answer.objects.filter(response=response).values_list("number", flat=True)) == [4]
    assert not OptOut.objects.filter(email="kari@example.no").exists()
    survey_results = results.survey_results(response.survey)
    assert survey_results.responses == 1
    assert all(not r.texts for r in survey_results.questions)
    client.force_login(organiser)
    page = client.get(
        reverse("surveys_backoffice:results", kwargs={"edition": edition.slug})
    ).content.decode()
    assert "Kari" not in page
