"""Contacting an example's people: the relay service, its limits, and the form on the example's page."""

import datetime
import hashlib
import re
from collections.abc import Callable, Iterator

import pytest
from django.db import connection, connections  # noqa: F401 - connection: the skipif conditions
from django.utils import timezone, translation
from pytest_django import DjangoDbBlocker

from gronnpraksis.examples import contact, search
from gronnpraksis.examples.models import ContactMessage, Example, ModerationState
from gronnpraksis.mail.models import OutboxMail
from tests.bank_data import CONTACT_EMAIL, NOT_PUBLIC, contactable, hours_ago, publish
from tests.burst.threads import gather_together
from tests.factories import UserFactory, ensure_reference_data

pytestmark = pytest.mark.django_db

SENDER = "ola.nordmann@example.no"
MESSAGE = "Hei! Vi vil gjerne høre mer om hvordan dere fikk med kantinene."


def relay(
    example: Example, email: str = SENDER, name: str = "Ola Nordmann", language: str = "nb"
) -> OutboxMail:
    return contact.relay_message(example=example, name=name, email=email, message=MESSAGE, language=language)


def age_messages(hours: float) -> None:
    ContactMessage.objects.update(created_at=hours_ago(hours))


# --- The service ------------------------------------------------------------------------------------------


def test_a_message_is_relayed_to_the_contact_with_the_sender_only_as_reply_to():
    example = contactable()

    mail = relay(example, language="en")

    assert (mail.to, mail.reply_to, mail.template) == (CONTACT_EMAIL, SENDER, "example_contact")
    assert mail.subject == "A message about your practice example “Matsvinn til matglede”"
    assert "Hello Kari Kontakt," in mail.body_text
    assert "Ola Nordmann has read your practice example “Matsvinn til matglede”" in mail.body_text
    assert MESSAGE in mail.body_text
    assert f"http://127.0.0.1:8000/en/eksempler/{example.pk}-matsvinn-til-matglede/" in mail.body_text
    assert SENDER not in mail.body_text + mail.subject
    assert list(ContactMessage.objects.values_list("example", "sender_hash")) == [
        (example.pk, contact.sender_hash(SENDER))
    ]


def test_only_a_hash_of_the_sender_is_kept():
    relay(contactable())

    message = ContactMessage.objects.get()
    assert message.sender_hash == hashlib.sha256(b"ola.nordmann@example.no").hexdigest()
    assert contact.sender_hash(" Ola.Nordmann@EXAMPLE.no ") == message.sender_hash


def test_a_sender_gets_at_most_five_messages_an_hour_over_all_examples():
    first, second = contactable("Matsvinn"), contactable("Sykkelparkering")
    for number in range(contact.SENDER_PER_HOUR):
        relay(first if number % 2 else second, email=SENDER.upper() if number == 3 else SENDER)

    with (
        translation.override("en"),
        pytest.raises(contact.ContactRefused, match="You have sent 5 messages in the last hour"),
    ):
        relay(first)
    relay(first, email="en.annen@example.no")  # someone else may

    assert OutboxMail.objects.count() == contact.SENDER_PER_HOUR + 1


def test_a_sender_may_write_again_after_an_hour():
    example = contactable()
    for _number in range(contact.SENDER_PER_HOUR):
        relay(example)
    age_messages(1.01)

    relay(example)

    assert OutboxMail.objects.count() == contact.SENDER_PER_HOUR + 1


def test_an_example_gets_at_most_twenty_messages_a_day():
    example = contactable()
    for number in range(contact.EXAMPLE_PER_DAY):
        relay(example, email=f"avsender{number}@example.no")
        age_messages(2)  # the senders' hourly limits are not what stops the last one

    with (
        translation.override("en"),
        pytest.raises(contact.ContactRefused, match="received many messages today"),
    ):
        relay(example, email="ny.avsender@example.no")
    relay(contactable("Et annet eksempel"), email="ny.avsender@example.no")

    assert OutboxMail.objects.count() == contact.EXAMPLE_PER_DAY + 1


def test_rows_older_than_thirty_days_are_deleted_by_the_next_message():
    example = contactable()
    relay(example)
    ContactMessage.objects.update(created_at=timezone.now() - contact.KEEP - datetime.timedelta(minutes=1))
    relay(example, email="en.annen@example.no")

    assert ContactMessage.objects.count() == 1


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_examples_that_are_not_published_cannot_be_contacted(state):
    example = contactable(state=state)

    with pytest.raises(contact.ContactRefused):
        relay(example)
    assert not OutboxMail.objects.exists()
    assert not ContactMessage.objects.exists()


def test_an_example_without_a_contact_address_cannot_be_contacted():
    example = publish("Uten kontakt", contact_name="Kari Kontakt", contact_is_public=True)

    assert not contact.can_contact(example)
    with pytest.raises(contact.ContactRefused):
        relay(example)


# --- The form on the example's page -----------------------------------------------------------------------


def contact_url(example: Example) -> str:
    return f"/en/eksempler/{example.pk}/kontakt/"


def form_data(**overrides: str) -> dict[str, str]:
    return {"name": "Ola Nordmann", "email": SENDER, "message": MESSAGE, "website": "", **overrides}


def page_of(example: Example) -> str:
    with translation.override("en"):
        return example.get_absolute_url()


def test_the_form_relays_the_message_and_neither_address_is_shown(client):
    example = contactable()

    response = client.post(contact_url(example), form_data(), follow=True)
    text = response.content.decode()

    assert response.redirect_chain == [(page_of(example) + "#contact", 302)]
    assert "Thank you: your message is sent." in text
    assert CONTACT_EMAIL not in text
    assert SENDER not in text
    mail = OutboxMail.objects.get()
    assert (mail.to, mail.reply_to) == (CONTACT_EMAIL, SENDER)


def test_the_form_is_shown_when_there_is_a_contact_address_even_if_the_contact_is_not_public(client):
    example = contactable(contact_is_public=False)

    text = client.get(page_of(example)).content.decode()

    assert f'action="{contact_url(example)}"' in text
    assert "Kari Kontakt" not in text
    assert CONTACT_EMAIL not in text


def test_no_form_without_a_contact_address_and_a_post_is_a_404(client):
    example = publish("Uten kontakt")

    assert f'action="{contact_url(example)}"' not in client.get(page_of(example)).content.decode()
    assert client.post(contact_url(example), form_data()).status_code == 404
    assert not OutboxMail.objects.exists()


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_a_post_to_an_example_that_is_not_public_is_a_404(client, state):
    example = contactable(state=state)
    client.force_login(UserFactory(email="nysgjerrig@example.no"))

    assert client.post(contact_url(example), form_data()).status_code == 404
    assert not OutboxMail.objects.exists()


def test_the_owner_of_a_draft_cannot_send_through_it_either(client):
    owner = UserFactory(email="eier@example.no")
    example = contactable(state=ModerationState.PENDING, created_by=owner)
    client.force_login(owner)

    assert client.post(contact_url(example), form_data()).status_code == 404
    assert not OutboxMail.objects.exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (form_data(name=""), "Your name: This field is required."),
        (form_data(email="ikke-en-adresse"), "Your e-mail address: Enter a valid e-mail address"),
        (form_data(email="ola@gmial.com"), "did you mean ola@gmail.com?"),
        (form_data(message="Hei"), "Your message: Ensure this value has at least 10 characters"),
        (form_data(message="x" * 3001), "Your message: Ensure this value has at most 3000 characters"),
        (form_data(message="\x00\x01\x02"), "Your message: This field is required."),
    ],
)
def test_bad_input_shows_the_form_again_with_the_error(client, data, error):
    example = contactable()

    response = client.post(contact_url(example), data)
    text = re.sub(r"\s+", " ", response.content.decode())

    assert response.status_code == 200
    assert error in text
    assert '<details class="gp-details" open>' in text
    assert CONTACT_EMAIL not in text
    assert not OutboxMail.objects.exists()


def test_a_filled_honeypot_is_refused_and_nothing_is_sent(client):
    example = contactable()

    response = client.post(contact_url(example), form_data(website="https://spam.example"))

    assert response.status_code == 400
    assert not OutboxMail.objects.exists()
    assert not ContactMessage.objects.exists()


def test_the_limit_is_explained_on_the_page(client):
    example = contactable()
    for _number in range(contact.SENDER_PER_HOUR):
        assert client.post(contact_url(example), form_data()).status_code == 302

    response = client.post(contact_url(example), form_data())

    assert response.status_code == 429
    assert "You have sent 5 messages in the last hour" in response.content.decode()
    assert OutboxMail.objects.count() == contact.SENDER_PER_HOUR


def test_a_get_of_the_form_address_leads_to_the_form_on_the_page(client):
    example = contactable()

    response = client.get(contact_url(example))

    assert response.headers["Location"] == page_of(example) + "#contact"


def test_the_message_and_name_are_kept_as_plain_text(client):
    example = contactable()

    client.post(
        contact_url(example),
        form_data(name="<b>Ola</b>\nBcc: x@y.no", message="<script>alert(1)</script> hei"),
    )

    mail = OutboxMail.objects.get()
    assert "\n\n<b>Ola</b> Bcc: x@y.no " in mail.body_text
    assert "<script>alert(1)</script> hei" in mail.body_text
    assert mail.body_html == ""


# --- Bursts (PostgreSQL) ---------------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def _reference_data_after_module(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """The bursts below are transactional tests, which end with a flush of every table, reference data
    included: put it back for the tests that run after this module."""
    yield
    with django_db_blocker.unblock():
        ensure_reference_data()


@pytest.fixture
def examples_to_burst(transactional_db: None) -> Iterator[list[Example]]:
    """Ten examples, on reference data restored after an earlier flush; afterwards the search index is
    emptied (the flush that ends the test leaves the index table alone)."""
    ensure_reference_data()
    yield [contactable(f"Eksempel {number}") for number in range(10)]
    Example.objects.all().delete()
    search.reindex_all()


# The bursts come last in this module: the flush after each also deletes the reference data.


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_burst_from_one_sender_never_gets_past_the_limit(examples_to_burst):
    """Ten messages at the same moment from one sender to ten examples: exactly five are relayed.
    (SQLite runs one write transaction at a time, so only PostgreSQL can race here.)"""
    outcomes = burst(lambda example: relay(example), examples_to_burst)

    assert outcomes.count("sent") == contact.SENDER_PER_HOUR
    assert OutboxMail.objects.count() == ContactMessage.objects.count() == contact.SENDER_PER_HOUR


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_the_same_burst_without_the_locks_does_get_past_the_limit(examples_to_burst, monkeypatch):
    """The negative control: counting, then inserting, without the locks, lets the burst through."""
    monkeypatch.setattr(contact, "_lock", lambda example, digest: None)
    outcomes = burst(lambda example: relay(example), examples_to_burst)

    assert outcomes.count("sent") > contact.SENDER_PER_HOUR


def burst(send: Callable[[Example], object], examples: list[Example]) -> list[str]:
    def run(example: Example) -> str:
        try:
            send(example)
        except contact.ContactRefused:
            return "refused"
        return "sent"

    return gather_together(run, examples, what="contact burst")
