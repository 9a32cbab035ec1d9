"""Demo programmes: Grønn Praksis 22 as the article describes the event (day 1 practice examples in
plenary, day 2 deep-dive tracks, the prize nominees on stage, Miljøuka's opening party as a partner
event) and the demo edition's programme in progress. Times and rooms are assumptions for the demo."""

import datetime

from django.utils import timezone

from gronnpraksis.editions.models import Edition
from gronnpraksis.program.models import ProgramItem, ProgramVersion, Room, Track
from gronnpraksis.program.services import publish_program


def _at(edition: Edition, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    date = edition.starts_on + datetime.timedelta(days=day)
    return datetime.datetime.combine(date, datetime.time(hour, minute), tzinfo=edition.tz)


def _item(
    edition, title, start, minutes, *, room=None, track=None, kind="contribution", contribution=None, text=""
):  # type: ignore[no-untyped-def]
    item, _ = ProgramItem.objects.update_or_create(
        edition=edition,
        title=title,
        defaults={
            "kind": kind,
            "room": room,
            "track": track,
            "contribution": contribution,
            "description": text,
            "starts_at": start,
            "ends_at": start + datetime.timedelta(minutes=minutes),
        },
    )
    return item


def seed_program(edition: Edition, *, tracks: list[tuple[str, str]], versions: int) -> None:
    """Rooms, tracks and items from the edition's accepted contributions; publish `versions` times
    (the last publication after placing the last contributions, so "Nytt i programmet" has entries)."""
    if ProgramVersion.objects.filter(edition=edition).exists():
        return  # idempotent: an edition that has a published programme is left alone
    hall, _ = Room.objects.get_or_create(
        edition=edition, name="Store sal", defaults={"capacity": 400, "position": 1}
    )
    rooms = [
        Room.objects.get_or_create(
            edition=edition, name=f"Sal {n}", defaults={"capacity": 60, "position": n + 1}
        )[0]
        for n in range(1, len(tracks) + 1)
    ]
    track_rows = [
        Track.objects.get_or_create(edition=edition, slug=slug, defaults={"name": name, "position": n})[0]
        for n, (slug, name) in enumerate(tracks)
    ]
    partner = Track.objects.get_or_create(
        edition=edition,
        slug="partner",
        defaults={"name": edition.partner_programme_name or "Partner", "is_partner": True, "position": 99},
    )[0]
    _item(
        edition,
        "Velkommen og åpning",
        _at(edition, 0, 9),
        30,
        room=hall,
        kind="plenary",
        text="Vertskommunen og KS ønsker velkommen.",
    )
    _item(edition, "Lunsj", _at(edition, 0, 12), 60, room=hall, kind="meal")
    _item(edition, "Lunsj dag 2", _at(edition, 1, 12), 45, room=hall, kind="meal")
    _item(
        edition,
        f"Åpningsfest for {edition.partner_programme_name or 'partnerprogrammet'}",
        _at(edition, 0, 19),
        180,
        track=partner,
        kind="partner",
        text="Partnerarrangement i byen samme kveld.",
    )
    accepted = list(edition.contributions.filter(state__in=["accepted", "confirmed"]).order_by("pk"))
    first_batch = accepted[: max(len(accepted) - 2, 0)]
    for n, contribution in enumerate(first_batch):
        if n < 4:
            _item(
                edition,
                contribution.title,
                _at(edition, 0, 9, 30) + datetime.timedelta(minutes=25 * n),
                20,
                room=hall,
                contribution=contribution,
            )
        else:
            k = (n - 4) % max(len(rooms), 1)
            _item(
                edition,
                contribution.title,
                _at(edition, 1, 9) + datetime.timedelta(minutes=60 * ((n - 4) // max(len(rooms), 1))),
                45,
                room=rooms[k] if rooms else hall,
                track=track_rows[k] if track_rows else None,
                contribution=contribution,
            )
    _item(
        edition,
        "GrønnPraksisPrisen: finalistene presenterer seg",
        _at(edition, 0, 13),
        90,
        room=hall,
        kind="plenary",
        text="De nominerte prosjektene presenterer seg på scenen, og deltakerne stemmer.",
    )
    dates = _publication_dates(edition, versions)
    _publish(edition, dates[0], note="Første versjon av programmet.")
    if versions > 1:
        for n, contribution in enumerate(accepted[len(first_batch) :]):
            _item(
                edition,
                contribution.title,
                _at(edition, 1, 14) + datetime.timedelta(minutes=50 * n),
                45,
                room=rooms[0] if rooms else hall,
                track=track_rows[0] if track_rows else None,
                contribution=contribution,
            )
        _item(edition, "Lunsj dag 2", _at(edition, 1, 12, 15), 45, room=hall, kind="meal")
        _publish(edition, dates[1], note="Nye bidrag er tatt med, og lunsjen dag 2 er flyttet.")


def _publication_dates(edition: Edition, versions: int) -> list[datetime.datetime]:
    """When the demo's versions were published: in the weeks before the edition (three weeks before,
    then weekly), at 10:00 in its time zone; never in the future, so a coming edition's versions are
    dated in the last hours before the demo was loaded, one hour apart."""
    now = timezone.now()
    planned = [
        datetime.datetime.combine(
            edition.starts_on - datetime.timedelta(weeks=3 - n), datetime.time(10), tzinfo=edition.tz
        )
        for n in range(versions)
    ]
    if planned[-1] < now:
        return planned
    return [now - datetime.timedelta(hours=versions - n) for n in range(versions)]


def _publish(edition: Edition, when: datetime.datetime, *, note: str) -> None:
    """Publish, dated `when` (`published_at` is set on creation, so it is moved afterwards). A past
    edition's contributors get no mail: the demo only records what happened then."""
    version = publish_program(edition=edition, user=None, note=note, notify=not edition.is_past)
    ProgramVersion.objects.filter(pk=version.pk).update(published_at=when)
