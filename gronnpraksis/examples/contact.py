"""Contact the people behind a practice example without either side seeing the other's address.

A visitor writes a message on the example's page; `relay_message` sends it as an outbox mail to the
example's contact e-mail. The mail names the sender and carries the message; the sender's address is
only its Reply-To, so the contact person answers if they choose, and only then learns the address.
The page never shows the contact's address, whether or not the contact has agreed to show their name.

Against abuse, each relayed message leaves a `ContactMessage` row (the example, a SHA-256 of the
lower-cased sender address, the time; never the text): at most SENDER_PER_HOUR messages per sender
address in an hour, over all examples, and EXAMPLE_PER_DAY per example in a day. Rows older than KEEP
are deleted by the same call.
"""

import datetime
import hashlib

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.mail.services import enqueue_mail

from .models import ContactMessage, Example, ModerationState

SENDER_PER_HOUR = 5
EXAMPLE_PER_DAY = 20
KEEP = datetime.timedelta(days=30)


class ContactRefused(Exception):
    """The message was not sent; the text says why, in the visitor's words."""


def can_contact(example: Example) -> bool:
    """Whether the example's page offers the contact form: published, with a contact e-mail."""
    return example.state == ModerationState.PUBLISHED and bool(example.contact_email)


def sender_hash(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


@transaction.atomic
def relay_message(
    *, example: Example, name: str, email: str, message: str, language: str = "nb"
) -> OutboxMail:
    """Send `message` from `name` <`email`> to the example's contact person. Raises ContactRefused
    when the example cannot be contacted or a limit is reached.

    Side effects: deletes ContactMessage rows older than KEEP, writes one ContactMessage row and one
    outbox mail (Reply-To: the sender). Concurrent messages from the same sender, or to the same
    example, wait for each other, so a burst never gets past a limit."""
    if not can_contact(example):
        raise ContactRefused(_("This practice example cannot be contacted through the example bank."))
    now = timezone.now()
    digest = sender_hash(email)
    _lock(example, digest)
    ContactMessage.objects.filter(created_at__lt=now - KEEP).delete()
    sent_by_sender = ContactMessage.objects.filter(
        sender_hash=digest, created_at__gte=now - datetime.timedelta(hours=1)
    ).count()
    if sent_by_sender >= SENDER_PER_HOUR:
        raise ContactRefused(
            _(
                "You have sent %(count)s messages in the last hour, which is as many as we relay. "
                "Please wait an hour and try again."
            )
            % {"count": SENDER_PER_HOUR}
        )
    sent_to_example = ContactMessage.objects.filter(
        example=example, created_at__gte=now - datetime.timedelta(days=1)
    ).count()
    if sent_to_example >= EXAMPLE_PER_DAY:
        raise ContactRefused(
            _("The people behind this example have received many messages today. Please try again tomorrow.")
        )
    ContactMessage.objects.create(example=example, sender_hash=digest)
    return enqueue_mail(
        to=example.contact_email,
        template="example_contact",
        context={"example": example, "sender_name": name, "message": message},
        language=language,
        reply_to=email,
    )


def _lock(example: Example, digest: str) -> None:
    """Serialise messages from one sender and to one example. SQLite already runs one write
    transaction at a time (IMMEDIATE); PostgreSQL takes a transaction-level advisory lock on the
    sender, then the example's row (always in this order, so two requests never deadlock)."""
    if connection.vendor != "postgresql":
        return
    key = int.from_bytes(bytes.fromhex(digest[:16]), "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
    Example.objects.select_for_update().filter(pk=example.pk).values_list("pk").first()
