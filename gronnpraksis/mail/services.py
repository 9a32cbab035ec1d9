"""The outbox: writing mails in the caller's transaction, and sending them from the worker."""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.utils import timezone, translation

from gronnpraksis.core.http import site_url

from .models import OutboxMail, OutboxStatus

logger = logging.getLogger(__name__)

# Mails whose text is a credential: a login or confirmation code, a password reset link, or a
# registration's manage link (which changes, cancels and votes). Their rows are marked
# `carries_secret`: the admin hides the text, sending blanks it, and `purge_secret_mail` deletes them.
SECRET_TEMPLATES = frozenset(
    {
        # allauth (accounts.adapter.AccountAdapter.send_mail)
        "login_code",
        "email_confirmation",
        "email_confirmation_signup",
        "password_reset_key",
        "password_reset_code",
        # accounts.email_change
        "email_change_code",
        # registrations: every mail to the participant carries the manage link
        "registration_confirmed",
        "registration_changed",
        "registration_promoted",
        "registration_waitlisted",
        "registration_link",
        "registration_transferred_to",
        # arena: the certificate of attendance, mailed on request, links it behind the manage token
        "certificate_link",
    }
)
REMOVED_TEXT = "(removed after sending: the mail carried a code or a personal link)"

BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 60 * 60


@dataclass(frozen=True)
class Attachment:
    filename: str
    mimetype: str
    content: str


def enqueue_mail(
    *,
    to: str,
    template: str,
    context: dict,
    language: str = "nb",
    attachments: Iterable[Attachment] = (),
    reply_to: str = "",
) -> OutboxMail:
    """Render `mail/<template>_subject.txt`, `_body.txt` and `_body.html` and store an outbox row.

    Call it inside the transaction of the change that causes the mail: the mail exists exactly
    when the change does. Side effect: one OutboxMail row.
    """
    mail = render_mail(
        to=to,
        template=template,
        context=context,
        language=language,
        attachments=attachments,
        reply_to=reply_to,
    )
    mail.save()
    return mail


def render_mail(
    *,
    to: str,
    template: str,
    context: dict,
    language: str = "nb",
    attachments: Iterable[Attachment] = (),
    reply_to: str = "",
) -> OutboxMail:
    """The outbox row for a mail, rendered but not saved. Lets a service render before it takes a
    lock and save the row inside the transaction (`mail.save()`). No side effects."""
    context = {"site_url": site_url(), **context}
    with translation.override(language):
        subject = " ".join(render_to_string(f"mail/{template}_subject.txt", context).split())
        text = render_to_string(f"mail/{template}_body.txt", context).strip() + "\n"
        html = render_to_string(f"mail/{template}_body.html", context) if _has_html(template) else ""
    return OutboxMail(
        to=to,
        subject=subject[:300],
        body_text=text,
        body_html=html,
        reply_to=reply_to,
        attachments=[a.__dict__ for a in attachments],
        template=template,
        next_attempt_at=timezone.now(),
        carries_secret=template in SECRET_TEMPLATES,
    )


def enqueue_rendered_mail(
    *, to: str, subject: str, body_text: str, body_html: str = "", template: str = ""
) -> None:
    """Store an already rendered mail (used for the login mails of the account system)."""
    OutboxMail.objects.create(
        to=to,
        subject=subject[:300],
        body_text=body_text,
        body_html=body_html,
        template=template,
        next_attempt_at=timezone.now(),
        carries_secret=template in SECRET_TEMPLATES,
    )


def _has_html(template: str) -> bool:
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        get_template(f"mail/{template}_body.html")
    except TemplateDoesNotExist:
        return False
    return True


def backoff(attempts: int) -> datetime.timedelta:
    """Wait 30 s, 60 s, 120 s … after each failed attempt, at most an hour."""
    return datetime.timedelta(
        seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS)
    )


def lease() -> datetime.timedelta:
    """How long a claimed row is left to the worker that claimed it (MAIL_LEASE_SECONDS, default five
    minutes): longer than one send can take (MAIL_TIMEOUT), so a slow send is never sent again."""
    return datetime.timedelta(seconds=settings.MAIL_LEASE_SECONDS)


def send_due_mails(*, limit: int = 50) -> tuple[int, int]:
    """Send the outbox rows that are due. Returns (sent, failed attempts).

    A row is claimed with a conditional UPDATE that moves its next attempt five minutes ahead (a
    lease), so two workers never send the same row and no transaction is held open while the
    mail server is talked to. A crash mid-send means one more attempt after the lease, never a
    lost mail. A failure schedules the next attempt with backoff; after MAIL_MAX_ATTEMPTS the row
    is marked failed and kept for an organiser to see. A row that carries a secret loses its text
    (and attachments) once sent: the code or link exists only in the recipient's mailbox.
    """
    sent = failed = 0
    now = timezone.now()
    ids = list(OutboxMail.objects.due(now).values_list("id", flat=True)[:limit])
    if not ids:
        return 0, 0
    connection = mailers.default
    for mail_id in ids:
        claimed = (
            OutboxMail.objects.due(now).filter(pk=mail_id).update(next_attempt_at=timezone.now() + lease())
        )
        if not claimed:
            continue  # another worker has it
        mail = OutboxMail.objects.get(pk=mail_id)
        try:
            _build_message(mail, connection).send()
        except Exception as error:  # any failure of the mail server is retried
            failed += 1
            _record_failure(mail, error)
        else:
            sent += 1
            done = {"status": OutboxStatus.SENT, "sent_at": timezone.now(), "attempts": mail.attempts + 1}
            if mail.carries_secret:
                done |= {"body_text": REMOVED_TEXT, "body_html": "", "attachments": []}
            OutboxMail.objects.filter(pk=mail_id).update(last_error="", **done)
    return sent, failed


def _build_message(mail: OutboxMail, connection: BaseEmailBackend) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.to],
        reply_to=[mail.reply_to] if mail.reply_to else None,
        connection=connection,
        headers={"Auto-Submitted": "auto-generated", **mail.headers},
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    for attachment in mail.attachments:
        message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    return message


def _record_failure(mail: OutboxMail, error: Exception) -> None:
    mail.attempts += 1
    mail.last_error = f"{type(error).__name__}: {error}"[:2000]
    if mail.attempts >= settings.MAIL_MAX_ATTEMPTS:
        mail.status = OutboxStatus.FAILED
        logger.error("Gave up sending mail %s to %s: %s", mail.pk, mail.to, mail.last_error)
    else:
        mail.next_attempt_at = timezone.now() + backoff(mail.attempts)
        logger.warning(
            "Mail %s to %s failed (attempt %s): %s", mail.pk, mail.to, mail.attempts, mail.last_error
        )
    mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])


def purge_secret_mail(*, now: datetime.datetime | None = None) -> int:
    """Delete outbox rows that carry a secret once they are older than
    `MAIL_SECRET_RETENTION_HOURS` and no longer waiting to be sent (sent, or given up). Returns how
    many rows went. The mail worker runs it every `MAIL_PURGE_INTERVAL_SECONDS`; the daily jobs may
    call it too (it is idempotent). Side effect: deletes OutboxMail rows.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.MAIL_SECRET_RETENTION_HOURS)
    stale = OutboxMail.objects.filter(carries_secret=True, created_at__lt=cutoff).exclude(
        status=OutboxStatus.PENDING
    )
    _total, by_model = stale.delete()
    deleted = by_model.get(OutboxMail._meta.label, 0)
    if deleted:
        logger.info("Purged %s sent mails that carried a secret", deleted)
    return deleted
