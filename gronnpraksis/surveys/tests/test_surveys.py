"""The survey end to end: composed by an organiser, sent through the outbox to those who checked in,
answered through the personal link, and read on the results page and in the CSV."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Edition
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.mail.passes import send_outbox
from gronnpraksis.surveys import services
from gronnpraksis.surveys.models import Answer, Invitation, OptOut, Question, Response, Survey
from tests.factories import EditionFactory, register_person

from .helpers import check_in, make_survey, people

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> object:
    with translation.override("en"):
        yield


def url(name: str, edition: Edition, **kwargs: object) -> str:
    return reverse(f"surveys_backoffice:{name}", kwargs={"edition": edition.slug, **kwargs})


def links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def answer_path(body: str) -> str:
    found = [link for link in links(body) if "/evaluering/" in link and "/stopp/" not in link]
    return urlsplit(found[0]).path


def opt_out_path(body: str) -> str:
    return urlsplit(next(link for link in links(body) if "/stopp/" in link)).path


def test_compose_send_answer_and_read_the_results(client: Client, edition: Edition, organiser: User) -> None:
    who = people(edition)
    client.force_login(organiser)
    # Compose: start the survey, add questions (a bad one keeps what was typed), reorder.
    response = client.post(
        url("survey", edition), {"title": "Evaluering", "intro": "", "closes_at": "2099-12-31T23:59"}
    )
    assert response.status_code == 302
    survey = Survey.objects.get(edition=edition)
    bad = client.post(
        url("question_add", edition), {"kind": "single", "text": "Kommer du igjen?", "choices": "Ja"}
    )
    assert bad.status_code == 400
    assert "Write at least two choices" in bad.content.decode()
    assert "Kommer du igjen?" in bad.content.decode()
    client.post(
        url("question_add", edition), {"kind": "single", "text": "Kommer du igjen?", "choices": "Ja\nNei"}
    )
    client.post(
        url("question_add", edition),
        {"kind": "scale", "text": "Hvor nyttig?", "low_label": "Lite", "high_label": "Mye", "required": "on"},
    )
    client.post(url("question_add", edition), {"kind": "text", "text": "Hva kan bli bedre?"})
    scale = survey.questions.get(kind="scale")
    client.post(url("question_move", edition, pk=scale.pk), {"direction": "up"})
    assert [q.kind for q in survey.questions.all()] == ["scale", "single", "text"]

    # Send: to the three who checked in, through the outbox; a second send mails nobody again.
    assert client.post(url("send", edition)).status_code == 302
    assert client.post(url("send", edition)).status_code == 302
    outbox = OutboxMail.objects.filter(template="survey_invitation")
    assert sorted(m.to for m in outbox) == ["kari@example.no", "ola@example.no", "siri@example.no"]
    assert all(m.carries_secret and "List-Unsubscribe" in m.headers for m in outbox)
    # Once sent, the questions are fixed.
    assert client.post(url("question_delete", edition, pk=scale.pk)).status_code == 302
    assert survey.questions.count() == 3

    list(send_outbox())
    sent = {m.to[0]: str(m.body) for m in mail.outbox if "/evaluering/" in m.body}
    assert len(sent) == 3

    # Answer: Kari allows her name, Ola does not.
    public = Client()
    kari_page = answer_path(sent["kari@example.no"])
    assert public.get(kari_page).status_code == 200
    single = survey.questions.get(kind="single")
    text = survey.questions.get(kind="text")
    missing = public.post(kari_page, {f"q{text.pk}": "Mer tid til pauser"})
    assert missing.status_code == 400
    assert "Mer tid til pauser" in missing.content.decode()
    done = public.post(
        kari_page,
        {
            f"q{scale.pk}": "5",
            f"q{single.pk}": "Ja",
            f"q{text.pk}": "Mer tid til pauser",
            "may_be_named": "on",
        },
    )
    assert done.status_code == 302
    with translation.override("nb"):  # the public page has no language prefix: bokmål
        thanks = translation.gettext("Thank you for your answers")
    assert thanks in public.get(kari_page).content.decode()
    public.post(
        answer_path(sent["ola@example.no"]),
        {f"q{scale.pk}": "3", f"q{single.pk}": "Nei", f"q{text.pk}": "Bedre skilting"},
    )
    assert Response.objects.count() == 2

    # Results: the rate, the counts as a chart and a table, the texts named only where allowed.
    page = client.get(url("results", edition))
    html = page.content.decode()
    assert page.status_code == 200
    assert "67 %" in html
    assert '<svg class="gp-chart" role="img"' in html
    assert "Mer tid til pauser" in html and "Kari Nordmann" in html
    assert "Bedre skilting" in html and "Ola Hansen" not in html
    csv = client.get(url("results_csv", edition)).content.decode("utf-8-sig")
    assert "Kari Nordmann" in csv and "Ola Hansen" not in csv
    assert "Bedre skilting" in csv
    assert who.absent.email not in {m.to for m in OutboxMail.objects.filter(template__startswith="survey")}


def test_a_reminder_goes_once_to_those_who_have_not_answered(edition: Edition) -> None:
    who = people(edition)
    survey = make_survey(edition)
    services.send_survey(survey=survey)
    kari = Invitation.objects.get(registration=who.kari)
    services.submit_response(invitation=kari, answers={survey.questions.first().pk: 4}, may_be_named=False)  # type: ignore[union-attr]

    assert services.send_reminder(survey=survey) == 2
    assert services.send_reminder(survey=survey) == 0
    reminded = sorted(OutboxMail.objects.filter(template="survey_reminder").values_list("to", flat=True))
    assert reminded == ["ola@example.no", "siri@example.no"]


def test_opting_out_stops_the_reminder_and_later_surveys(client: Client, edition: Edition) -> None:
    people(edition)
    survey = make_survey(edition)
    services.send_survey(survey=survey)
    list(send_outbox())
    ola_mail = next(m for m in mail.outbox if m.to == ["ola@example.no"] and "/stopp/" in m.body)
    path = opt_out_path(str(ola_mail.body))
    assert client.get(path).status_code == 200
    assert not OptOut.objects.exists()  # a GET (a mail scanner) stops nothing
    assert client.post(path).status_code == 200
    assert OptOut.objects.filter(email="ola@example.no").exists()

    services.send_reminder(survey=survey)
    assert "ola@example.no" not in set(
        OutboxMail.objects.filter(template="survey_reminder").values_list("to", flat=True)
    )
    # A later edition's survey leaves the address out too.
    later = EditionFactory()
    check_in(register_person(later, name="Ola Hansen", email="OLA@example.no"))
    assert services.recipients(make_survey(later)) == []


def test_a_closed_survey_says_so_and_takes_no_answer(client: Client, edition: Edition) -> None:
    who = people(edition)
    survey = make_survey(edition)
    services.send_survey(survey=survey)
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    token = services.answer_token(Invitation.objects.get(registration=who.kari))
    path = reverse("surveys_public:answer", kwargs={"token": token})
    scale = survey.questions.get(kind="scale")

    assert client.get(path).status_code == 410
    response = client.post(path, {f"q{scale.pk}": "5"})
    assert response.status_code == 410
    assert "closed" in response.content.decode()
    assert not Response.objects.exists()


def test_a_tampered_link_is_a_404(client: Client, edition: Edition) -> None:
    who = people(edition)
    survey = make_survey(edition)
    services.send_survey(survey=survey)
    token = services.answer_token(Invitation.objects.get(registration=who.kari))
    assert client.get(reverse("surveys_public:answer", kwargs={"token": token + "x"})).status_code == 404
    # The opt-out token does not open the answer page, nor the other way round.
    opt = services.opt_out_token(Invitation.objects.get(registration=who.kari))
    assert client.get(reverse("surveys_public:answer", kwargs={"token": opt})).status_code == 404
    assert client.get(reverse("surveys_public:opt_out", kwargs={"token": token})).status_code == 404


def test_a_second_submit_stores_nothing(edition: Edition) -> None:
    who = people(edition)
    survey = make_survey(edition)
    services.send_survey(survey=survey)
    invitation = Invitation.objects.get(registration=who.kari)
    scale = survey.questions.get(kind="scale")
    first, created = services.submit_response(
        invitation=invitation, answers={scale.pk: 5}, may_be_named=False
    )
    again, created_again = services.submit_response(
        invitation=invitation, answers={scale.pk: 1}, may_be_named=True
    )

    assert created and not created_again and again == first
    assert list(Answer.objects.values_list("number", flat=True)) == [5]


def test_garbage_input_gives_no_500(client: Client, edition: Edition, organiser: User) -> None:
    who = people(edition)
    survey = make_survey(edition)
    client.force_login(organiser)
    bad_date = client.post(url("survey", edition), {"title": "X", "closes_at": "i morgen"})
    assert bad_date.status_code == 400 and "i morgen" in bad_date.content.decode()
    assert client.post(url("question_add", edition), {"kind": "nonsense", "text": ""}).status_code == 400
    assert client.post(url("question_edit", edition, pk=999999), {}).status_code == 404
    services.send_survey(survey=survey)
    token = services.answer_token(Invitation.objects.get(registration=who.kari))
    scale = survey.questions.get(kind="scale")
    multiple = survey.questions.get(kind="multiple")
    response = client.post(
        reverse("surveys_public:answer", kwargs={"token": token}),
        {f"q{scale.pk}": "7", f"q{multiple.pk}": ["Ingen slik"]},
    )
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_copy_last_years_survey_and_see_the_results_beside_it(
    client: Client, edition: Edition, organiser: User
) -> None:
    people(edition)
    last_year = make_survey(edition)
    services.send_survey(survey=last_year)
    scale = last_year.questions.get(kind="scale")
    for invitation in Invitation.objects.filter(survey=last_year):
        services.submit_response(invitation=invitation, answers={scale.pk: 2}, may_be_named=False)
    this_year = EditionFactory(starts_on=edition.starts_on + datetime.timedelta(days=365))
    client.force_login(organiser)
    page = client.get(url("survey", this_year)).content.decode()
    assert "Copy the survey from" in page
    assert client.post(url("copy_previous", this_year)).status_code == 302
    copy = Survey.objects.get(edition=this_year)
    assert [q.text for q in copy.questions.all()] == [q.text for q in last_year.questions.all()]
    assert copy.questions.get(kind="scale").copied_from == scale
    assert copy.closes_at > timezone.now()

    results = client.get(url("results", this_year)).content.decode()
    assert edition.name in results  # last year's column
    assert "Average then 2.0 of 5." in results
    # A second copy does not make a second survey.
    client.post(url("copy_previous", this_year))
    assert Survey.objects.filter(edition=this_year).count() == 1
    assert Question.objects.filter(survey=copy).count() == 4


def test_the_results_page_takes_the_same_queries_for_one_answer_or_many(
    client: Client, edition: Edition, organiser: User
) -> None:
    people(edition)
    for n in range(3, 8):
        check_in(register_person(edition, name=f"Deltaker {n}", email=f"deltaker{n}@example.no"))
    survey = make_survey(edition)
    services.send_survey(survey=survey)
    questions = {q.kind: q for q in survey.questions.all()}
    client.force_login(organiser)

    def answer(invitation: Invitation, n: int) -> None:
        services.submit_response(
            invitation=invitation,
            answers={
                questions["scale"].pk: n % 5 + 1,
                questions["single"].pk: "Ja",
                questions["multiple"].pk: ["Mat", "Foredrag"],
                questions["text"].pk: f"Svar {n}",
            },
            may_be_named=n % 2 == 0,
        )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url("results", edition)).status_code == 200
        return len(captured)

    invitations = list(Invitation.objects.filter(survey=survey))
    answer(invitations[0], 0)
    one = queries()
    for n, invitation in enumerate(invitations[1:], start=1):
        answer(invitation, n)

    assert queries() == one
    assert one <= 16


def test_the_dashboard_shows_the_survey(client: Client, edition: Edition, organiser: User) -> None:
    people(edition)
    survey = make_survey(edition)
    services.send_survey(survey=survey)
    client.force_login(organiser)
    page = client.get(reverse("backoffice:dashboard", kwargs={"edition": edition.slug})).content.decode()
    assert url("results", edition) in page
    assert "0 of 3" in page


def test_sending_to_nobody_leaves_the_questions_open(
    client: Client, edition: Edition, organiser: User
) -> None:
    survey = make_survey(edition)  # nobody has checked in
    client.force_login(organiser)

    response = client.post(url("send", edition), follow=True)

    assert "Nobody who checked in is left" in response.content.decode()
    survey.refresh_from_db()
    assert survey.sent_at is None
    assert not OutboxMail.objects.filter(template="survey_invitation").exists()
