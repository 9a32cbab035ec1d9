"""Telling contributors where and when they are on: the mails a publication of the programme sends.

The acceptance mail promises word about time and room. When a version is published, every contributor
of a contribution whose item was added, moved, cancelled or removed by it gets one mail (one per person,
however many of their items changed), in the contribution's language, with a calendar file whose events
keep the UIDs of `program.ics`, so importing it updates the contributor's calendar.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.editions.calendar import new_calendar, vtimezone
from gronnpraksis.editions.models import Edition
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.mail.services import Attachment, enqueue_mail

from .exports import ical_event
from .models import ProgramVersion

# The changes a contributor hears about; a changed title or description is theirs already.
NOTIFIED = ("added", "moved", "cancelled", "removed")


@dataclass
class _Recipient:
    name: str
    language: str
    changes: list[dict] = field(default_factory=list)


def notify_contributors(*, version: ProgramVersion, previous_items: list[dict]) -> list[OutboxMail]:
    """Queue one mail per contributor whose items this version added, moved, cancelled or removed.

    Call it in the publishing transaction. Side effects: one OutboxMail row per such contributor.
    Contributions that were withdrawn or rejected get no mail.
    """
    edition = version.edition
    new = {item["id"]: item for item in version.items}
    old = {item["id"]: item for item in previous_items}
    changed: list[tuple[dict, dict]] = []  # (change, the item as it is now or was last published)
    for change in version.changes:
        if change["change"] not in NOTIFIED:
            continue
        item = new.get(change["id"]) or old.get(change["id"])
        if item is not None and item.get("contribution"):
            changed.append((change, item))
    if not changed:
        return []
    contributions = (
        Contribution.objects.filter(pk__in={item["contribution"] for _change, item in changed})
        .exclude(state__in=[State.WITHDRAWN, State.REJECTED])
        .prefetch_related("contributors")
    )
    by_id = {contribution.pk: contribution for contribution in contributions}
    recipients: dict[str, _Recipient] = {}
    for change, item in changed:
        contribution = by_id.get(item["contribution"])
        if contribution is None:
            continue
        for person in contribution.contributors.all():
            recipient = recipients.setdefault(
                person.email.lower(), _Recipient(name=person.name, language=contribution.language)
            )
            recipient.changes.append(_described(edition, change, item, recipient.language))
    mails = []
    for email, recipient in recipients.items():
        events = [(c["change"], c["item"]) for c in recipient.changes]
        with timezone.override(edition.tz):
            mails.append(
                enqueue_mail(
                    to=email,
                    template="program_changed",
                    language=recipient.language,
                    context={"name": recipient.name, "edition": edition, "changes": recipient.changes},
                    attachments=[Attachment("gronnpraksis.ics", "text/calendar", _calendar(version, events))],
                    reply_to=edition.contact_email,
                )
            )
    return mails


def _described(edition: Edition, change: dict, item: dict, language: str) -> dict:
    with translation.override(language):
        url = reverse("program:item", kwargs={"edition": edition.slug, "pk": item["id"]})
    return {
        "change": change["change"],
        "title": item["title"],
        "starts": parse_datetime(item["starts_at"]),
        "ends": parse_datetime(item["ends_at"]),
        "room": (item.get("room") or {}).get("name", ""),
        "url": url,
        "item": item,
    }


def _calendar(version: ProgramVersion, events: list[tuple[str, dict]]) -> str:
    """The changed items as iCalendar; cancelled and removed ones as CANCELLED, so they go away."""
    edition = version.edition
    calendar = new_calendar(name=edition.name)
    for change, item in events:
        if change == "removed":
            item = {**item, "cancelled": True}
        calendar.add_component(ical_event(edition, item, stamp=version.published_at, sequence=version.number))
    calendar.add_component(vtimezone(edition.timezone, edition.starts_on.year))
    return calendar.to_ical().decode()
