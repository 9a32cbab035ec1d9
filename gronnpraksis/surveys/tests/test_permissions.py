"""The survey pages' role × URL matrix (the shared harness in tests/backoffice_matrix.py).

Only organisers (team members with the organiser role, or staff) with an authenticator app may open
them; organisers without one are sent to set it up; anyone else in or outside the team gets a 404.
"""

from types import SimpleNamespace

import pytest
from django.test import Client

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import TeamRole
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.surveys import backoffice_urls
from gronnpraksis.surveys.models import OptOut, Question, Survey
from tests import backoffice_matrix as matrix
from tests.backoffice_matrix import LOGIN, NOT_FOUND, TOTP, Url, member, with_totp
from tests.factories import EditionFactory, UserFactory

from .helpers import make_survey, people

ACTORS = [
    "anonymous",
    "outsider",
    "reviewer",
    "juror",
    "door",
    "organiser_of_another_edition",
    "organiser_without_totp",
    "staff_without_totp",
    "organiser",
    "staff",
]


@pytest.fixture
def world(db: None, organiser: User) -> SimpleNamespace:
    edition = EditionFactory()
    people(edition)
    survey = make_survey(edition)
    return SimpleNamespace(
        edition=edition,
        survey=survey,
        question=survey.questions.last(),
        actors={
            "anonymous": None,
            "outsider": UserFactory(email="ola.utenfor@example.no"),
            "reviewer": member(edition, "vera.vurderer@example.no", TeamRole.REVIEWER),
            "juror": member(edition, "jens.jury@example.no", TeamRole.JUROR),
            "door": member(edition, "dora.dor@example.no", TeamRole.CHECK_IN),
            "organiser_of_another_edition": with_totp(
                member(EditionFactory(), "annen.arrangor@example.no", TeamRole.ORGANISER)
            ),
            "organiser_without_totp": member(edition, "uten.app@example.no", TeamRole.ORGANISER),
            "staff_without_totp": UserFactory(email="stab.uten.app@example.no", is_staff=True),
            "organiser": with_totp(member(edition, "olga.organiser@example.no", TeamRole.ORGANISER)),
            "staff": organiser,
        },
    )


def the_question(w: SimpleNamespace) -> dict[str, object]:
    return {"pk": w.question.pk}


def settings_data(w: SimpleNamespace) -> dict[str, object]:
    return {"title": "Ny tittel", "intro": "", "closes_at": "2099-12-31T23:59"}


def question_data(w: SimpleNamespace) -> dict[str, object]:
    return {"kind": "text", "text": "Noe annet?"}


def move_data(w: SimpleNamespace) -> dict[str, object]:
    return {"direction": "up"}


S = "surveys_backoffice:"
URLS = [
    Url(S + "survey", "GET", "organiser", 200),
    Url(S + "survey", "POST", "organiser", 302, None, settings_data),
    Url(S + "copy_previous", "POST", "organiser", 302),
    Url(S + "question_add", "POST", "organiser", 302, None, question_data),
    Url(S + "question_edit", "GET", "organiser", 200, the_question),
    Url(S + "question_edit", "POST", "organiser", 302, the_question, question_data),
    Url(S + "question_delete", "POST", "organiser", 302, the_question),
    Url(S + "question_move", "POST", "organiser", 302, the_question, move_data),
    Url(S + "send", "POST", "organiser", 302),
    Url(S + "remind", "POST", "organiser", 302),
    Url(S + "results", "GET", "organiser", 200),
    Url(S + "results_csv", "GET", "organiser", 200),
]


def expected(actor: str, url: Url) -> str:
    if actor == "anonymous":
        return LOGIN
    if actor in ("organiser_without_totp", "staff_without_totp"):
        return TOTP
    if actor in ("organiser", "staff"):
        return str(url.allowed)
    return NOT_FOUND


def stored() -> list[object]:
    return [
        list(Survey.objects.values_list("title", "sent_at", "reminder_sent_at")),
        list(Question.objects.values_list("pk", "position", "text")),
        OutboxMail.objects.filter(template__startswith="survey").count(),
        OptOut.objects.count(),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS, ids=str)
def test_survey_url_for_every_role(client: Client, world: SimpleNamespace, url: Url) -> None:
    matrix.assert_every_role(client, world, url, ACTORS, expected, stored)


def test_the_matrix_covers_every_survey_url() -> None:
    matrix.assert_covers(URLS, matrix.url_names(backoffice_urls.urlpatterns, S))
