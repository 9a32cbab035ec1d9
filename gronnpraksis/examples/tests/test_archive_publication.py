"""Publishing for the archive: `publish_example(published_at=…, notify=False)` dates the publication, its
version and its record, and sends no mail (the demo's history goes through it)."""

import datetime
from typing import cast

import pytest

from gronnpraksis.accounts.models import User
from gronnpraksis.examples import search, services
from gronnpraksis.examples.models import ModerationAction, ModerationState
from gronnpraksis.mail.models import OutboxMail
from tests.factories import OrganiserFactory, UserFactory, municipality, theme

WHEN = datetime.datetime(2022, 5, 31, 12, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_an_archive_publication_is_dated_versioned_recorded_and_indexed_without_mail() -> None:
    owner = cast(User, UserFactory(email="eier@example.no"))
    organiser = cast(User, OrganiserFactory())
    example = services.create_draft_example(
        title="Matsvinn til matglede",
        summary="Mat som ellers ble kastet, blir middag.",
        what_was_done="Frivillige henter overskuddsmat hver dag.",
        owner_name="Mulighetenes Hus",
        owner_organisation=None,
        municipalities=[municipality()],
        themes=[theme()],
        goals=[],
        contact_name="Eier",
        contact_email=owner.email,
        created_by=owner,
    )

    services.publish_example(example=example, by=organiser, published_at=WHEN, notify=False)

    example.refresh_from_db()
    assert example.state == ModerationState.PUBLISHED
    assert example.published_at == WHEN
    record = example.moderation_log.get()
    assert (record.action, record.at) == (ModerationAction.PUBLISHED, WHEN)
    assert services.last_published_version(example) == example.versions.get()
    assert not OutboxMail.objects.exists()
    assert [e.pk for e in search.search("matglede").examples] == [example.pk]
