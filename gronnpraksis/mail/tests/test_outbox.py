"""The outbox: mails exist exactly when the change does, and a mail server outage loses nothing."""

import datetime
import smtplib

import icalendar
import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from gronnpraksis.mail.models import OutboxMail, OutboxStatus
from gronnpraksis.mail.services import backoff, enqueue_rendered_mail, send_due_mails
from gronnpraksis.registrations.models import Registration
from tests.factories import register_person

LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
FAILING = {"default": {"BACKEND": "gronnpraksis.mail.tests.test_outbox.FailingBackend"}}


class FailingBackend(BaseEmailBackend):
    """A mail server that has gone away: the outside edge, faked."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingBackend(locmem.EmailBackend):
    """A mail server that refuses one address and accepts the rest."""

    def send_messages(self, messages):
        if any("refused@" in to for message in messages for to in message.to):
            raise smtplib.SMTPRecipientsRefused({"refused@example.no": (550, b"No such user")})
        return super().send_messages(messages)


def make_due(*mails: OutboxMail) -> None:
    """Let the backoff time pass."""
    OutboxMail.objects.filter(pk__in=[m.pk for m in mails]).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


@pytest.fixture
def pending(db):
    enqueue_rendered_mail(to="kari.nordmann@example.no", subject="Hei", body_text="Hei, Kari.\n")
    return OutboxMail.objects.get()


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_no_mail(edition):
    with pytest.raises(RuntimeError), transaction.atomic():
        register_person(edition)
        assert OutboxMail.objects.count() == 1
        raise RuntimeError("something later in the request failed")

    assert OutboxMail.objects.count() == 0
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_enqueue_sends_nothing_by_itself(edition):
    register_person(edition)

    assert mail.outbox == []
    assert OutboxMail.objects.get().status == OutboxStatus.PENDING


@pytest.mark.django_db
def test_send_due_mails_sends_and_marks_sent(settings, pending):
    settings.MAILERS = LOCMEM

    assert send_due_mails() == (1, 0)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (message.to, message.subject, message.body) == (
        ["kari.nordmann@example.no"],
        "Hei",
        "Hei, Kari.\n",
    )
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    pending.refresh_from_db()
    assert (pending.status, pending.attempts, pending.last_error) == (OutboxStatus.SENT, 1, "")
    assert pending.sent_at is not None
    assert send_due_mails() == (0, 0)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_mails_not_yet_due_wait(settings, pending):
    settings.MAILERS = LOCMEM
    OutboxMail.objects.update(next_attempt_at=timezone.now() + datetime.timedelta(minutes=5))

    assert send_due_mails() == (0, 0)
    assert mail.outbox == []


@pytest.mark.django_db
def test_an_outage_keeps_the_mail_pending_with_backoff(settings, pending):
    settings.MAILERS = FAILING
    before = timezone.now()

    assert send_due_mails() == (0, 1)

    pending.refresh_from_db()
    assert (pending.status, pending.attempts) == (OutboxStatus.PENDING, 1)
    assert pending.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert pending.next_attempt_at >= before + backoff(1)
    assert pending.sent_at is None
    assert mail.outbox == []
    # Not due again until the backoff has passed.
    assert send_due_mails() == (0, 0)


@pytest.mark.django_db
def test_the_mail_is_sent_when_the_server_is_back(settings, pending):
    settings.MAILERS = FAILING
    send_due_mails()
    make_due(pending)
    send_due_mails()

    settings.MAILERS = LOCMEM
    make_due(pending)

    assert send_due_mails() == (1, 0)
    pending.refresh_from_db()
    assert (pending.status, pending.attempts, pending.last_error) == (OutboxStatus.SENT, 3, "")
    assert [m.to for m in mail.outbox] == [["kari.nordmann@example.no"]]


@pytest.mark.django_db
def test_gives_up_after_the_maximum_attempts_and_keeps_the_row(settings, pending):
    settings.MAILERS = FAILING
    settings.MAIL_MAX_ATTEMPTS = 3

    for _ in range(5):
        send_due_mails()
        make_due(pending)

    pending.refresh_from_db()
    assert (pending.status, pending.attempts) == (OutboxStatus.FAILED, 3)
    assert pending.last_error.startswith("SMTPServerDisconnected")
    settings.MAILERS = LOCMEM
    assert send_due_mails() == (0, 0)
    assert mail.outbox == []


@pytest.mark.django_db
def test_one_refused_mail_does_not_stop_the_others(settings, edition):
    settings.MAILERS = {"default": {"BACKEND": "gronnpraksis.mail.tests.test_outbox.RefusingBackend"}}
    register_person(edition, email="a@example.no")
    register_person(edition, email="refused@example.no")
    register_person(edition, email="b@example.no")

    assert send_due_mails() == (2, 1)

    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.no", "b@example.no"]
    refused = OutboxMail.objects.get(to="refused@example.no")
    assert (refused.status, refused.attempts) == (OutboxStatus.PENDING, 1)
    assert refused.last_error.startswith("SMTPRecipientsRefused")


def test_backoff_doubles_up_to_an_hour():
    assert [backoff(n).total_seconds() for n in [1, 2, 3, 4, 20]] == [30, 60, 120, 240, 3600]


@pytest.mark.django_db
def test_the_worker_sends_what_is_due(settings, pending, capsys):
    settings.MAILERS = LOCMEM

    call_command("worker", "--once", "--only", "mail")

    pending.refresh_from_db()
    assert pending.status == OutboxStatus.SENT
    assert len(mail.outbox) == 1
    assert (
        capsys.readouterr().out == "worker: running mail\nworker: mail: sent 1, failed 0\nworker: stopped\n"
    )


@pytest.mark.django_db
def test_the_worker_with_nothing_to_send_is_quiet(settings, db, capsys):
    settings.MAILERS = LOCMEM

    call_command("worker", "--once", "--only", "mail")

    assert capsys.readouterr().out == "worker: running mail\nworker: stopped\n"


@pytest.mark.django_db
def test_the_calendar_arrives_as_an_attachment(settings, edition, participant):
    settings.MAILERS = LOCMEM

    send_due_mails()

    message = mail.outbox[0]
    assert message.to == ["kari.nordmann@example.no"]
    assert [(a[0], a[2]) for a in message.attachments] == [("gronnpraksis.ics", "text/calendar")]
    calendar = icalendar.Calendar.from_ical(message.attachments[0][1])
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert sorted(e.decoded("DTSTART").date() for e in calendar.walk("VEVENT")) == [
        d.date for d in edition.days.order_by("date")
    ]
    raw = message.message().as_string()
    assert "text/calendar" in raw
    assert 'filename="gronnpraksis.ics"' in raw
