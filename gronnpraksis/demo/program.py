"""Demo programmes: Grønn Praksis 22 at the size the event had (`data/gp22_programme.toml`: about 30
speakers, day 1 practice examples and short talks in plenary, the ten prize finalists on stage, Miljøuka's
opening in the evening, day 2 deep dives in parallel rooms) and the demo edition's programme in progress.
Times, rooms, people and texts are assumptions or fiction for the demo; the data file says which."""

import datetime
from typing import Any

from django.utils import timezone

from gronnpraksis.contributions.models import Contribution
from gronnpraksis.editions.models import Edition
from gronnpraksis.program.models import ProgramItem, ProgramVersion, Room, Track
from gronnpraksis.program.services import has_unpublished_changes, publish_program, save_item

from .content import demo_key
from .loaders import load


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
    """Publish, dated `when`. A past edition's contributors get no mail: the demo only records what
    happened then."""
    publish_program(edition=edition, user=None, note=note, notify=not edition.is_past, published_at=when)


# --- An archived edition's programme from its data file ----------------------------------------------------


def seed_archive_programme(edition: Edition, name: str) -> None:
    """Rooms, tracks and items of a past edition from `data/<name>.toml`, written through the programme's
    item service, then published (dated as the file says, no mails) if the working copy differs from the
    published programme. Items of the edition that the file no longer lists are removed (an older demo's
    programme), partner events from a feed aside. Idempotent: a second run finds every row and publishes
    nothing."""
    data = load(name)
    rooms = {
        spec["name"]: Room.objects.update_or_create(
            edition=edition,
            name=spec["name"],
            defaults={"capacity": spec.get("capacity"), "features": spec.get("features", ""), "position": n},
        )[0]
        for n, spec in enumerate(data["rooms"], start=1)
    }
    tracks = {
        spec["slug"]: Track.objects.update_or_create(
            edition=edition,
            slug=spec["slug"],
            defaults={"name": spec["name"], "description": spec.get("description", ""), "position": n},
        )[0]
        for n, spec in enumerate(data["tracks"])
    }
    tracks["partner"] = Track.objects.get_or_create(
        edition=edition,
        slug="partner",
        defaults={"name": edition.partner_programme_name or "Partner", "is_partner": True, "position": 99},
    )[0]
    existing = {
        (item.title, item.starts_at.astimezone(edition.tz).date()): item
        for item in edition.program_items.filter(partner_programme=None)
    }
    for spec in data["items"]:
        fields = _item_fields(edition, spec, rooms, tracks, data["demo_note"])
        item = existing.pop((spec["title"], fields["starts_at"].date()), None)
        if item is None or any(getattr(item, key) != value for key, value in fields.items()):
            save_item(edition=edition, item=item, fields=fields)
    for stale in existing.values():
        stale.delete()
    if has_unpublished_changes(edition):
        _publish(edition, data["published"], note=data["note"])


def _item_fields(
    edition: Edition,
    spec: dict[str, Any],
    rooms: dict[str, Room],
    tracks: dict[str, Track],
    demo_note: str,
) -> dict[str, Any]:
    """The model fields of one item of the data file."""
    hour, minute = (int(part) for part in spec["start"].split(":"))
    starts_at = _at(edition, spec["day"] - 1, hour, minute)
    text = spec.get("text", "")
    if spec.get("demo", True):
        text = f"{text}\n\n{demo_note}" if text else demo_note
    contribution = None
    if "contribution" in spec:
        key = demo_key(edition.slug, "contribution", spec["contribution"])
        contribution = Contribution.objects.get(edition=edition, idempotency_key=key)
    return {
        "kind": spec.get("kind", "contribution"),
        "title": spec["title"],
        "description": text,
        "room": rooms[spec["room"]] if "room" in spec else None,
        "track": tracks[spec["track"]] if "track" in spec else None,
        "contribution": contribution,
        "speakers": ", ".join(spec.get("speakers", [])),
        "location": spec.get("location", ""),
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(minutes=spec["minutes"]),
        "is_cancelled": False,
    }
