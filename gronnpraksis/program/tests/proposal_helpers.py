"""A small edition to plan: two rooms, a break on each day, accepted contributions with and without items."""

from types import SimpleNamespace
from typing import Any

from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.editions.models import Edition
from gronnpraksis.program.models import ProgramItem, Room
from tests.factories import local_time as at
from tests.factories import submit_contribution


def accepted(edition: Edition, title: str, **kwargs: Any) -> Contribution:
    """A contribution submitted through the service and accepted."""
    contribution = submit_contribution(edition, title=title, **kwargs)
    Contribution.objects.filter(pk=contribution.pk).update(state=State.ACCEPTED)
    contribution.refresh_from_db()
    return contribution


def small_edition(edition: Edition) -> SimpleNamespace:
    """Store sal (200 seats) and Verkstedet (20, a workshop room); days 09:00–16:00 with lunch 12:00–13:00
    in the hall on both days; three accepted 45-minute talks without a place."""
    hall = Room.objects.create(edition=edition, name="Store sal", capacity=200, features="scene, trinnfri")
    workshop = Room.objects.create(edition=edition, name="Verkstedet", capacity=20, features="Verksted")
    for day in (0, 1):
        ProgramItem.objects.create(
            edition=edition,
            kind="meal",
            title="Lunsj",
            room=hall,
            starts_at=at(edition, day, 12),
            ends_at=at(edition, day, 13),
        )
    talks = [
        accepted(edition, f"Innlegg {n}", email=f"person{n}@example.no", wished_length=45) for n in range(3)
    ]
    return SimpleNamespace(hall=hall, workshop=workshop, talks=talks)
