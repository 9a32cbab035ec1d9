"""Mail to groups: templates kept per edition, sending one mail to a segment through the outbox, and
the one-click unsubscribe from news."""

import re
from collections.abc import Mapping
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from gronnpraksis.accounts.models import User
from gronnpraksis.core.http import absolute_url
from gronnpraksis.editions.models import Edition
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.mail.services import render_mail
from gronnpraksis.registrations.models import Registration
from gronnpraksis.registrations.services import withdraw_news_consent

from . import segments
from .models import GroupMail, GroupMailRecipient, GroupMailTemplate, MailKind

PLACEHOLDERS = {
    "navn": gettext_lazy("the participant's name"),
    "arrangement": gettext_lazy("the name of the edition"),
    "lenke": gettext_lazy("the link to their registration, where they change or cancel it"),
    "kontakt": gettext_lazy("the organisers' e-mail address"),
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")
UNSUBSCRIBE_SALT = "audience.unsubscribe"
BATCH_SIZE = 500


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS]


def fill(text: str, values: Mapping[str, str]) -> str:
    """Put the values into `{name}` placeholders; anything else in braces is left as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), text)


def unsubscribe_token(registration: Registration) -> str:
    """A signed token naming the registration: it stops news, and opens nothing else."""
    return signing.dumps(registration.pk, salt=UNSUBSCRIBE_SALT)


def registration_for_token(token: str) -> Registration | None:
    """The registration a token names, or None for a tampered or unknown token."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Registration.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def unsubscribe(*, registration: Registration) -> int:
    """Stop news to the person: every registration with their address (any edition) loses its news
    consent, with the time it was withdrawn. Idempotent. Returns how many registrations changed."""
    changed = 0
    for same in Registration.objects.filter(email__iexact=registration.email, news_opt_in=True).exclude(
        email=""
    ):
        changed += withdraw_news_consent(registration=same)
    return changed


def placeholder_values(edition: Edition, registration: Registration) -> dict[str, str]:
    with translation.override(registration.language):
        link = absolute_url(registration.get_absolute_url())
    return {
        "navn": registration.name,
        "arrangement": edition.name,
        "lenke": link,
        "kontakt": edition.contact_email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
    }


def render_for(
    *, edition: Edition, registration: Registration, kind: str, subject: str, body: str
) -> OutboxMail:
    """The outbox row of a group mail for one person, not saved (also the preview). A news mail
    carries the unsubscribe link in its text and the `List-Unsubscribe` headers (RFC 8058)."""
    values = placeholder_values(edition, registration)
    unsubscribe_url = ""
    if kind != MailKind.REGISTRATION:
        with translation.override(registration.language):
            unsubscribe_url = absolute_url(
                reverse("audience_public:unsubscribe", kwargs={"token": unsubscribe_token(registration)})
            )
    mail = render_mail(
        to=registration.email,
        template="group_mail",
        language=registration.language,
        context={
            "subject": fill(subject, values),
            "body": fill(body, values),
            "edition": edition,
            "unsubscribe_url": unsubscribe_url,
        },
        reply_to=edition.contact_email,
    )
    if unsubscribe_url:
        mail.headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    # With the manage link in it the text is a credential: hidden in the admin, removed once sent.
    mail.carries_secret = values["lenke"] in mail.body_text
    return mail


def distinct_recipients(edition: Edition, definition: dict[str, Any], kind: str) -> list[Registration]:
    """The registrations a mail reaches, one per address (the newest registration of an address)."""
    seen: dict[str, Registration] = {}
    for registration in segments.recipients(edition, definition, kind).order_by("-created_at", "-id"):
        registration.edition = edition  # the manage link needs its slug: no query per person
        seen.setdefault(registration.email.lower(), registration)
    return sorted(seen.values(), key=lambda r: r.pk)


def send_group_mail(
    *, edition: Edition, definition: dict[str, Any], kind: str, subject: str, body: str, sent_by: User
) -> GroupMail:
    """Send one mail to everyone a segment reaches (for news: only those who consented).

    Side effects, in one transaction: a GroupMail row with the segment's definition and description, the
    count and the sender; one outbox row per recipient (written in batches) and a GroupMailRecipient row
    linking each to the group mail. Nothing is sent here: the mail worker sends the outbox.
    """
    people = distinct_recipients(edition, definition, kind)
    mails = [
        render_for(edition=edition, registration=r, kind=kind, subject=subject, body=body) for r in people
    ]
    with transaction.atomic():
        group_mail = GroupMail.objects.create(
            edition=edition,
            kind=kind,
            subject=subject,
            body=body,
            segment=definition,
            segment_description=segments.describe(edition, definition),
            recipient_count=len(mails),
            sent_by=sent_by,
        )
        OutboxMail.objects.bulk_create(mails, batch_size=BATCH_SIZE)
        GroupMailRecipient.objects.bulk_create(
            [
                GroupMailRecipient(group_mail=group_mail, outbox_mail=mail, registration=person)
                for mail, person in zip(mails, people, strict=True)
            ],
            batch_size=BATCH_SIZE,
        )
    return group_mail


def save_template(*, edition: Edition, name: str, kind: str, subject: str, body: str) -> GroupMailTemplate:
    """Keep a mail as a template of the edition under `name` (replacing one of the same name).
    Side effect: one GroupMailTemplate row."""
    template, _created = GroupMailTemplate.objects.update_or_create(
        edition=edition, name=name, defaults={"kind": kind, "subject": subject, "body": body}
    )
    return template


def copy_templates(*, source: Edition, target: Edition) -> int:
    """Copy another edition's templates to this one, leaving out names this one has already.
    Returns how many were copied. Side effect: GroupMailTemplate rows."""
    taken = set(GroupMailTemplate.objects.filter(edition=target).values_list("name", flat=True))
    copies = [
        GroupMailTemplate(edition=target, name=t.name, kind=t.kind, subject=t.subject, body=t.body)
        for t in GroupMailTemplate.objects.filter(edition=source)
        if t.name not in taken
    ]
    GroupMailTemplate.objects.bulk_create(copies)
    return len(copies)
