"""Min side: logging in with a one-time code, and seeing only one's own registrations and contributions."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gronnpraksis.accounts.models import User
from gronnpraksis.mail.models import OutboxMail
from tests.factories import EditionFactory, UserFactory, register_person, submit_contribution

CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.MULTILINE)


@pytest.mark.django_db
def test_my_page_requires_login(client):
    response = client.get("/min-side/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/code/?next=/min-side/"


@pytest.mark.django_db
def test_my_page_shows_own_registrations_and_contributions_only(client, edition, participant, outsider):
    submit_contribution(edition, email=participant.email, title="Karis bildeling")
    submit_contribution(edition, email=outsider.email, name=outsider.name, title="Olas sykkelveier")
    client.force_login(UserFactory(email=participant.email))

    response = client.get("/min-side/")

    body = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["registrations"]) == [participant]
    assert [c.title for c in response.context["contributions"]] == ["Karis bildeling"]
    assert "Karis bildeling" in body
    assert participant.get_absolute_url() in body
    assert "Olas sykkelveier" not in body
    assert outsider.manage_token not in body
    assert outsider.email not in body


@pytest.mark.django_db
def test_my_page_shows_contributions_where_the_user_is_a_co_contributor(client, edition):
    submit_contribution(
        edition, title="Felles bidrag", co_contributors=[("Ola Hansen", "ola.hansen@example.no")]
    )
    client.force_login(UserFactory(email="ola.hansen@example.no"))

    response = client.get("/min-side/")

    assert [c.title for c in response.context["contributions"]] == ["Felles bidrag"]
    assert list(response.context["registrations"]) == []


@pytest.mark.django_db
def test_my_page_matches_registrations_by_email_in_any_case(client, edition):
    registration = register_person(edition, email="Kari.Nordmann@Example.no")
    user = UserFactory(email="kari.nordmann@example.no")
    client.force_login(user)

    assert list(client.get("/min-side/").context["registrations"]) == [registration]


def fill(count: int, email: str) -> None:
    for number in range(count):
        edition = EditionFactory()
        register_person(edition, email=email)
        submit_contribution(edition, email=email, title=f"Bidrag {number}")


def queries_for_my_page(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/min-side/")
    assert response.status_code == 200
    return len(captured), len(response.context["contributions"])


@pytest.mark.django_db
def test_my_page_query_count_does_not_grow_with_the_rows(client, django_assert_num_queries):
    email = "kari.nordmann@example.no"
    fill(1, email)
    client.force_login(UserFactory(email=email))
    queries_with_one, shown = queries_for_my_page(client)
    assert shown == 1

    fill(9, email)

    with django_assert_num_queries(queries_with_one):
        response = client.get("/min-side/")
    assert (len(response.context["registrations"]), len(response.context["contributions"])) == (10, 10)


@pytest.mark.django_db
def test_login_with_a_code_sent_through_the_outbox(client, participant):
    OutboxMail.objects.all().delete()

    response = client.post("/accounts/login/code/", {"email": "kari.nordmann@example.no"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/code/confirm/"
    mail = OutboxMail.objects.get()
    assert (mail.to, mail.template, mail.status) == ("kari.nordmann@example.no", "login_code", "pending")
    # The site is named by its name, not by the host the request came to ("Hei fra 127.0.0.1:8100!").
    assert "Grønn Praksis!" in mail.body_text and "testserver" not in mail.body_text
    codes = CODE.findall(mail.body_text)
    assert len(codes) == 1

    confirmed = client.post("/accounts/login/code/confirm/", {"code": codes[0]})

    assert confirmed.status_code == 302
    assert confirmed["Location"] == "/min-side/"
    page = client.get("/min-side/")
    assert page.status_code == 200
    assert page.context["user"].email == "kari.nordmann@example.no"
    assert list(page.context["registrations"]) == [participant]


@pytest.mark.django_db
def test_a_wrong_code_does_not_log_in(client, participant):
    client.post("/accounts/login/code/", {"email": "kari.nordmann@example.no"})

    response = client.post("/accounts/login/code/confirm/", {"code": "AAAA-AAAA"})

    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert client.get("/min-side/").status_code == 302


@pytest.mark.django_db
def test_an_unknown_email_gets_the_same_answer_as_a_known_one(client, participant):
    known = client.post("/accounts/login/code/", {"email": "kari.nordmann@example.no"})
    client.logout()
    mails_before = set(OutboxMail.objects.values_list("pk", flat=True))

    unknown = client.post("/accounts/login/code/", {"email": "ukjent.person@example.no"})

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    new_mails = OutboxMail.objects.exclude(pk__in=mails_before)
    assert [mail.to for mail in new_mails] == ["ukjent.person@example.no"]  # the code goes to them only
    guess = client.post(unknown["Location"], {"code": "AAAA-AAAA"})
    assert guess.status_code == 200
    assert "code" in guess.context["form"].errors
    assert client.get("/min-side/").status_code == 302


@pytest.mark.django_db
def test_a_person_without_an_account_gets_one_by_asking_for_a_code(client):

    OutboxMail.objects.all().delete()

    response = client.post("/accounts/login/code/", {"email": "Ny.Person@Example.no"})
    mail = OutboxMail.objects.get()
    confirmed = client.post("/accounts/login/code/confirm/", {"code": CODE.findall(mail.body_text)[0]})

    assert response["Location"] == "/accounts/login/code/confirm/"
    assert User.objects.get(email="ny.person@example.no").has_usable_password() is False
    assert confirmed.status_code == 302
    assert client.get("/min-side/").context["user"].email == "ny.person@example.no"


@pytest.mark.django_db
def test_a_malformed_address_gets_no_account_and_a_clear_error(client):

    response = client.post("/accounts/login/code/", {"email": "ikke-en-adresse"})

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not User.objects.exists()
