"""Publishing the programme tells contributors their time and room: one mail per person per version,
only when their item was added, moved, cancelled or removed."""

import datetime

import icalendar
import pytest

from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.program.exports import event_guid
from gronnpraksis.program.models import ProgramItem, Room
from gronnpraksis.program.services import delete_item, publish_program
from tests.factories import local_time as at
from tests.factories import submit_contribution

pytestmark = pytest.mark.django_db


def accepted(edition, title, **kwargs):
    contribution = submit_contribution(edition, title=title, **kwargs)
    Contribution.objects.filter(pk=contribution.pk).update(state=State.ACCEPTED)
    contribution.refresh_from_db()
    return contribution


def place(edition, contribution, room, day=0, hour=10):
    return ProgramItem.objects.create(
        edition=edition,
        title=contribution.title,
        contribution=contribution,
        room=room,
        starts_at=at(edition, day, hour),
        ends_at=at(edition, day, hour) + datetime.timedelta(minutes=45),
    )


def programme_mails():
    # Earlier mails (receipts) are not about the programme.
    return list(OutboxMail.objects.filter(template="program_changed").order_by("to"))


def calendar_of(mail):
    (attachment,) = mail.attachments
    assert attachment["mimetype"] == "text/calendar"
    return icalendar.Calendar.from_ical(attachment["content"])


@pytest.fixture
def hall(edition):
    return Room.objects.create(edition=edition, name="Store sal")


def test_the_first_publication_tells_every_contributor_time_and_room(edition, hall):
    contribution = accepted(
        edition, "Matsvinn til matglede", co_contributors=[("Per Hansen", "per@example.no")]
    )
    Contribution.objects.filter(pk=contribution.pk).update(language="en")
    item = place(edition, contribution, hall, day=1, hour=10)

    publish_program(edition=edition, user=None)

    mails = programme_mails()
    assert [m.to for m in mails] == ["kari.nordmann@example.no", "per@example.no"]
    for mail in mails:
        assert "Matsvinn til matglede" in mail.body_text
        assert "10:00–10:45, Store sal" in mail.body_text  # local time, not UTC
        assert f"/{edition.slug}/program/{item.pk}/" in mail.body_text
        assert "Hello" in mail.body_text  # the contribution's language
        (event,) = calendar_of(mail).walk("VEVENT")
        assert str(event["uid"]) == f"{event_guid(edition, item.pk)}@gronnpraksis"  # as in program.ics
        assert event.decoded("dtstart") == at(edition, 1, 10)
        assert str(event["status"]) == "CONFIRMED"


def test_unchanged_or_only_reworded_items_send_nothing(edition, hall):
    contribution = accepted(edition, "Matsvinn til matglede")
    item = place(edition, contribution, hall)
    publish_program(edition=edition, user=None)
    OutboxMail.objects.all().delete()

    ProgramItem.objects.filter(pk=item.pk).update(description="Med smaksprøver.")
    publish_program(edition=edition, user=None)

    assert programme_mails() == []


def test_a_moved_item_sends_the_new_time_and_a_calendar_update(edition, hall):
    contribution = accepted(edition, "Matsvinn til matglede")
    item = place(edition, contribution, hall, hour=10)
    publish_program(edition=edition, user=None)
    OutboxMail.objects.all().delete()

    ProgramItem.objects.filter(pk=item.pk).update(starts_at=at(edition, 0, 14), ends_at=at(edition, 0, 15))
    version = publish_program(edition=edition, user=None)

    (mail,) = programme_mails()
    assert "14:00–15:00, Store sal" in mail.body_text
    (event,) = calendar_of(mail).walk("VEVENT")
    assert event.decoded("dtstart") == at(edition, 0, 14)
    assert event["sequence"] == version.number  # a calendar replaces the older copy


def test_cancelled_and_removed_items_are_cancelled_in_the_calendar(edition, hall):
    first = accepted(edition, "Matsvinn til matglede")
    second = accepted(edition, "Sykkelbyen", email="ola@example.no", name="Ola")
    cancelled = place(edition, first, hall, hour=10)
    removed = place(edition, second, hall, hour=11)
    publish_program(edition=edition, user=None)
    OutboxMail.objects.all().delete()

    ProgramItem.objects.filter(pk=cancelled.pk).update(is_cancelled=True)
    delete_item(item=removed)
    publish_program(edition=edition, user=None)

    kari, ola = programme_mails()
    assert (kari.to, ola.to) == ("kari.nordmann@example.no", "ola@example.no")
    for mail in (kari, ola):
        (event,) = calendar_of(mail).walk("VEVENT")
        assert str(event["status"]) == "CANCELLED"


def test_one_mail_per_person_however_many_of_their_items_changed(edition, hall):
    talk = accepted(edition, "Matsvinn til matglede")
    workshop = accepted(edition, "Verksted om matsvinn")
    place(edition, talk, hall, hour=10)
    place(edition, workshop, hall, hour=13)

    publish_program(edition=edition, user=None)

    (mail,) = programme_mails()
    assert "Matsvinn til matglede" in mail.body_text and "Verksted om matsvinn" in mail.body_text
    assert len(calendar_of(mail).walk("VEVENT")) == 2


def test_withdrawn_contributions_and_items_without_one_send_nothing(edition, hall):
    contribution = accepted(edition, "Matsvinn til matglede")
    Contribution.objects.filter(pk=contribution.pk).update(state=State.WITHDRAWN)
    place(edition, contribution, hall)
    ProgramItem.objects.create(
        edition=edition, title="Lunsj", starts_at=at(edition, 0, 12), ends_at=at(edition, 0, 13)
    )

    publish_program(edition=edition, user=None)

    assert programme_mails() == []
