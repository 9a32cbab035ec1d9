"""Issue 11 §4: staff cannot read login codes or manage links in the outbox; such rows lose their
text once sent and are deleted after a short, configurable time."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from gronnpraksis.mail.models import OutboxMail, OutboxStatus
from gronnpraksis.mail.services import SECRET_TEMPLATES, purge_secret_mail, send_due_mails
from tests.factories import register_person

LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.MULTILINE)

pytestmark = pytest.mark.django_db


def ask_for_code(client, email: str = "kari.nordmann@example.no") -> OutboxMail:  # type: ignore[no-untyped-def]
    client.post("/accounts/login/code/", {"email": email})
    return OutboxMail.objects.filter(template="login_code", to=email).latest("id")


def test_login_codes_and_manage_links_are_marked_and_other_mails_are_not(client, participant):
    code_mail = ask_for_code(client)
    confirmation = OutboxMail.objects.get(template="registration_confirmed", to=participant.email)

    assert code_mail.carries_secret and confirmation.carries_secret
    assert participant.manage_token in confirmation.body_text  # until it is sent
    assert not OutboxMail.objects.filter(carries_secret=False, body_text__contains=participant.manage_token)


def test_every_mail_template_with_a_code_or_a_manage_link_is_marked():
    roots = [Path(settings.BASE_DIR) / "gronnpraksis"]
    marked = set()
    for root in roots:
        for body in root.glob("*/templates/mail/*_body.txt"):
            text = body.read_text()
            if "manage_url" in text or "{{ code" in text:
                marked.add(body.name.removesuffix("_body.txt"))
    assert marked
    assert marked <= SECRET_TEMPLATES


def test_sending_removes_the_text_of_a_mail_that_carries_a_secret(client, settings, participant):
    settings.MAILERS = LOCMEM
    code_mail = ask_for_code(client)
    code = CODE.findall(code_mail.body_text)[0]
    team_like = OutboxMail.objects.create(
        to="x@example.no",
        subject="Hei",
        body_text="Vanlig tekst",
        template="team_added",
        next_attempt_at=timezone.now(),
    )

    send_due_mails()

    code_mail.refresh_from_db()
    team_like.refresh_from_db()
    assert code_mail.status == OutboxStatus.SENT
    assert code not in code_mail.body_text and code_mail.body_html == ""
    assert participant.manage_token not in "".join(
        OutboxMail.objects.filter(template="registration_confirmed").values_list("body_text", flat=True)
    )
    assert any(code in message.body for message in mail.outbox)  # the recipient got it
    assert team_like.body_text == "Vanlig tekst"


def test_purge_deletes_old_sent_secret_mails_only(settings):
    settings.MAIL_SECRET_RETENTION_HOURS = 2
    now = timezone.now()

    def row(secret: bool, status: str, hours_old: float) -> OutboxMail:
        created = OutboxMail.objects.create(
            to="x@example.no",
            subject="s",
            body_text="b",
            carries_secret=secret,
            status=status,
            next_attempt_at=now,
        )
        OutboxMail.objects.filter(pk=created.pk).update(created_at=now - datetime.timedelta(hours=hours_old))
        return created

    old_sent = row(True, OutboxStatus.SENT, 3)
    old_failed = row(True, OutboxStatus.FAILED, 3)
    recent_sent = row(True, OutboxStatus.SENT, 1)
    old_pending = row(True, OutboxStatus.PENDING, 3)
    old_plain = row(False, OutboxStatus.SENT, 300)

    assert purge_secret_mail(now=now) == 2

    remaining = set(OutboxMail.objects.values_list("pk", flat=True))
    assert remaining == {recent_sent.pk, old_pending.pk, old_plain.pk}
    assert old_sent.pk not in remaining and old_failed.pk not in remaining
    assert purge_secret_mail(now=now) == 0


def test_the_worker_purges(settings):
    settings.MAILERS = LOCMEM
    settings.MAIL_SECRET_RETENTION_HOURS = 1
    stale = OutboxMail.objects.create(
        to="x@example.no",
        subject="s",
        body_text="b",
        carries_secret=True,
        status=OutboxStatus.SENT,
        next_attempt_at=timezone.now(),
    )
    OutboxMail.objects.filter(pk=stale.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))

    call_command("worker", "--once", "--only", "secret_mail")

    assert not OutboxMail.objects.filter(pk=stale.pk).exists()


def test_staff_cannot_read_a_login_code_or_a_manage_link_in_the_admin(client, organiser, edition):
    registration = register_person(edition, email="kari.nordmann@example.no")
    code_mail = ask_for_code(client)
    code = CODE.findall(code_mail.body_text)[0]
    confirmation = OutboxMail.objects.get(template="registration_confirmed")
    plain = OutboxMail.objects.create(
        to="x@example.no",
        subject="Hei",
        body_text="Vanlig tekst",
        template="team_added",
        next_attempt_at=timezone.now(),
    )
    client.force_login(organiser)

    pages = [
        client.get(f"/admin/mail/outboxmail/{pk}/change/").content.decode()
        for pk in (code_mail.pk, confirmation.pk, plain.pk)
    ]
    listing = client.get("/admin/mail/outboxmail/").content.decode()

    assert code not in pages[0] and code not in listing
    assert registration.manage_token not in pages[1] and registration.manage_token not in listing
    assert "Vanlig tekst" in pages[2]
