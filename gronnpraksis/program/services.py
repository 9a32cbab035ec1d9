"""Checking and publishing the programme.

The working copy (`ProgramItem` rows) is what organisers edit; `publish_program` freezes it into a
`ProgramVersion` snapshot with the list of changes since the version before. Public pages and
exports read only published snapshots.
"""

import datetime
import unicodedata
from dataclasses import dataclass
from itertools import combinations

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.text import slugify as django_slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions.models import Contribution, Contributor, State
from gronnpraksis.core.text import slugify
from gronnpraksis.editions.models import Edition
from gronnpraksis.registrations.models import Registration

from .mails import notify_contributors
from .models import AgendaStar, ItemKind, ProgramItem, ProgramVersion, Room
from .moves import (
    MoveRefused,
    Place,
    check_contribution,
    check_place,
    check_take_out,
    day_hours,
    needed_features,
    room_features,
    wished_length,
)

# Fields whose change counts as "moved" rather than "changed" in "Nytt i programmet".
PLACEMENT_FIELDS = ("starts_at", "ends_at", "room")
CONTENT_FIELDS = ("title", "summary", "description", "speakers", "track", "kind", "location", "url")
# Fields added to the snapshot later: a version published before one existed says nothing about it,
# so it is not compared (otherwise the first publication after the field came would list every item).
LATER_FIELDS = ("summary",)
# Published versions never change, so what is derived from one is kept per version for a day.
VERSION_CACHE_SECONDS = 60 * 60 * 24


@dataclass(frozen=True)
class Warning:
    """Something an organiser should look at; the programme can still be published."""

    code: str
    message: str
    item_ids: tuple[int, ...]


def working_items(edition: Edition) -> QuerySet[ProgramItem]:
    """The working copy with everything a snapshot or a check needs, in a fixed number of queries."""
    contributors = Contributor.objects.select_related("contribution__organisation").order_by(
        "-is_primary", "position", "id"
    )
    return (
        ProgramItem.objects.filter(edition=edition)
        .select_related("room", "track", "contribution__municipality", "contribution__organisation")
        .prefetch_related(
            Prefetch("contribution__contributors", queryset=contributors),
            "contribution__themes",
            "contribution__changes",
        )
        .order_by("starts_at", "room__position", "id")
    )


def snapshot_item(item: ProgramItem) -> dict:
    """The public description of an item, as stored in a published version."""
    contribution = item.contribution
    speakers = []
    if contribution is not None:
        for person in contribution.contributors.all():
            speakers.append(
                {
                    "name": person.name,
                    "organisation": contribution.organisation_name,
                    "municipality": contribution.municipality.name,
                }
            )
    speakers += [
        {"name": name.strip(), "organisation": "", "municipality": ""}
        for name in item.speakers.split(",")
        if name.strip()
    ]
    return {
        "id": item.pk,
        "kind": item.kind,
        "title": item_title(item),
        # The contribution's short summary ("Shown in the programme"); an item without one has none.
        "summary": contribution.summary if contribution else "",
        "description": item.description,
        "starts_at": item.starts_at.isoformat(),
        "ends_at": item.ends_at.isoformat(),
        "room": {"id": item.room_id, "name": item.room.name} if item.room else None,
        "track": {"slug": item.track.slug, "name": item.track.name, "is_partner": item.track.is_partner}
        if item.track
        else None,
        "speakers": speakers,
        "contribution": contribution.pk if contribution else None,
        "contribution_kind": contribution.kind if contribution else None,
        "example": contribution.example_id if contribution else None,
        "idea": contribution.idea_id if contribution else None,
        "themes": [theme.slug for theme in contribution.themes.all()] if contribution else [],
        "cancelled": item.is_cancelled,
        "location": item.location,
        "url": item.url,
    }


def item_title(item: ProgramItem) -> str:
    """The item's title; when it is a title the contributor has since changed (the organiser kept the
    contribution's title rather than giving the item its own), the contribution's title now."""
    contribution = item.contribution
    if contribution is None or item.title == contribution.title:
        return item.title
    earlier = {
        field["old"]
        for change in contribution.changes.all()
        for field in change.fields
        if field["field"] == "title"
    }
    return contribution.title if item.title in earlier else item.title


def diff_versions(old: list[dict], new: list[dict]) -> list[dict]:
    """What changed between two snapshots: added, moved, changed, cancelled or removed items."""
    before = {item["id"]: item for item in old}
    changes = []
    for item in new:
        previous = before.pop(item["id"], None)
        if previous is None:
            changes.append({"change": "added", "id": item["id"], "title": item["title"]})
        elif item["cancelled"] and not previous["cancelled"]:
            changes.append({"change": "cancelled", "id": item["id"], "title": item["title"]})
        elif any(_field(item, f) != _field(previous, f) for f in PLACEMENT_FIELDS):
            changes.append(
                {
                    "change": "moved",
                    "id": item["id"],
                    "title": item["title"],
                    "from": {"starts_at": previous["starts_at"], "room": _field(previous, "room")},
                }
            )
        elif any(_differs(item, previous, f) for f in CONTENT_FIELDS):
            changes.append({"change": "changed", "id": item["id"], "title": item["title"]})
    changes += [{"change": "removed", "id": item["id"], "title": item["title"]} for item in before.values()]
    return changes


def _differs(item: dict, previous: dict, name: str) -> bool:
    if name in LATER_FIELDS and name not in previous:
        return False
    return _field(item, name) != _field(previous, name)


def _field(item: dict, name: str) -> object:
    value = item.get(name)
    if name == "room":
        return value["name"] if value else None
    if name == "track":
        return value["slug"] if value else None
    if name == "speakers":
        return [s["name"] for s in value or []]
    if name in ("location", "url", "summary"):
        return value or ""  # versions published before these fields existed lack them
    return value


@transaction.atomic
def publish_program(
    *,
    edition: Edition,
    user: User | None,
    note: str = "",
    notify: bool = True,
    published_at: datetime.datetime | None = None,
) -> ProgramVersion:
    """Publish the working copy as the next version. Side effects: one ProgramVersion row, and
    (unless `notify` is False, as for the demo's history) one outbox mail per contributor whose item
    was added, moved, cancelled or removed (`mails`). `published_at` dates a publication recorded
    afterwards (the archive's history); by default it is now.

    Versions are numbered per edition; the edition row is locked so two organisers publishing at
    once get consecutive numbers.
    """
    Edition.objects.select_for_update().filter(pk=edition.pk).first()
    latest = published_program(edition)
    items = [snapshot_item(item) for item in working_items(edition)]
    previous = latest.items if latest else []
    version = ProgramVersion.objects.create(
        edition=edition,
        number=(latest.number + 1) if latest else 1,
        published_by=user,
        note=note,
        items=items,
        changes=diff_versions(previous, items),
    )
    if published_at is not None:
        ProgramVersion.objects.filter(pk=version.pk).update(published_at=published_at)
        version.published_at = published_at
    if notify:
        notify_contributors(version=version, previous_items=previous)
    return version


def published_program(edition: Edition) -> ProgramVersion | None:
    """The version the public sees, or None before the first publication."""
    return ProgramVersion.objects.filter(edition=edition).order_by("-number").first()


def published_header(edition: Edition) -> ProgramVersion | None:
    """The published version's number and date without its items (cheap: no JSON to decode)."""
    return (
        ProgramVersion.objects.filter(edition=edition)
        .only("pk", "number", "published_at", "edition_id")
        .order_by("-number")
        .first()
    )


def has_unpublished_changes(edition: Edition) -> bool:
    latest = published_program(edition)
    items = [snapshot_item(item) for item in working_items(edition)]
    if latest is None:
        return bool(items)
    return bool(diff_versions(latest.items, items))


def check_program(edition: Edition) -> list[Warning]:
    """Warnings for the working copy: people in two places at once, overlapping items in a room,
    items outside the edition's days or without a room, slots shorter than the contribution asked for,
    rooms without a feature the contribution needs (`moves.needed_features`), and contributions that
    were withdrawn or rejected after they were placed."""
    items = [item for item in working_items(edition) if not item.is_cancelled]
    warnings = []
    days = {day.date: day for day in edition.days.all()}
    interest = star_counts(edition)
    known = {feature for room in Room.objects.filter(edition=edition) for feature in room_features(room)}
    for item in items:
        warnings += _item_warnings(edition, item, days)
        lacking = (
            sorted(needed_features(item.contribution, known) - room_features(item.room)) if item.room else []
        )
        if lacking:
            warnings.append(
                Warning(
                    "room_lacks",
                    _("“%(title)s” needs %(features)s, which %(room)s does not have.")
                    % {"title": item.title, "features": ", ".join(lacking), "room": item.room},
                    (item.pk,),
                )
            )
        stars = interest.get(item.pk, 0)
        if item.room is not None and item.room.capacity is not None and stars > item.room.capacity:
            warnings.append(
                Warning(
                    "room_too_small",
                    ngettext(
                        "%(stars)s participants starred “%(title)s”, but %(room)s has %(seats)s seat.",
                        "%(stars)s participants starred “%(title)s”, but %(room)s has %(seats)s seats.",
                        item.room.capacity,
                    )
                    % {
                        "stars": stars,
                        "title": item.title,
                        "room": item.room.name,
                        "seats": item.room.capacity,
                    },
                    (item.pk,),
                )
            )
    for first, second in combinations(items, 2):
        if first.starts_at < second.ends_at and second.starts_at < first.ends_at:
            warnings += _overlap_warnings(first, second)
    return warnings


def _item_warnings(edition: Edition, item: ProgramItem, days: dict) -> list[Warning]:
    warnings = []
    local_day = timezone.localtime(item.starts_at, edition.tz).date()
    if local_day not in days and item.kind != "partner":
        warnings.append(
            Warning(
                "outside_days",
                _("“%(title)s” is not on one of the edition's days.") % {"title": item.title},
                (item.pk,),
            )
        )
    if item.room is None and item.kind != "partner":
        warnings.append(Warning("no_room", _("“%(title)s” has no room.") % {"title": item.title}, (item.pk,)))
    contribution = item.contribution
    if contribution is not None:
        if contribution.state in {State.WITHDRAWN, State.REJECTED}:
            warnings.append(
                Warning(
                    "contribution_gone",
                    _("“%(title)s” is placed, but the contribution is %(state)s.")
                    % {"title": item.title, "state": contribution.get_state_display().lower()},
                    (item.pk,),
                )
            )
        minutes = (item.ends_at - item.starts_at) / datetime.timedelta(minutes=1)
        if contribution.wished_length and minutes < contribution.wished_length:
            warnings.append(
                Warning(
                    "too_short",
                    _("“%(title)s” asked for %(wished)s minutes but has %(minutes)s.")
                    % {"title": item.title, "wished": contribution.wished_length, "minutes": int(minutes)},
                    (item.pk,),
                )
            )
    return warnings


def _overlap_warnings(first: ProgramItem, second: ProgramItem) -> list[Warning]:
    warnings = []
    ids = (first.pk, second.pk)
    if first.room_id and first.room_id == second.room_id:
        warnings.append(
            Warning(
                "room_overlap",
                _("“%(a)s” and “%(b)s” overlap in %(room)s.")
                % {"a": first.title, "b": second.title, "room": first.room},
                ids,
            )
        )
    for email in _speaker_emails(first) & _speaker_emails(second):
        warnings.append(
            Warning(
                "speaker_overlap",
                _("%(email)s is in “%(a)s” and “%(b)s” at the same time.")
                % {"email": email, "a": first.title, "b": second.title},
                ids,
            )
        )
    return warnings


def _speaker_emails(item: ProgramItem) -> set[str]:
    if item.contribution is None:
        return set()
    return {person.email for person in item.contribution.contributors.all()}


# Editing the working copy (the back office)


def save_item(*, edition: Edition, item: ProgramItem | None = None, fields: dict) -> ProgramItem:
    """Create or change an item in the working copy. Nothing is public until the next publication.

    Side effect: one ProgramItem row. Conflicts (overlaps, a speaker in two places) are not refused:
    `check_program` reports them as warnings so the organiser decides.
    """
    if item is None:
        item = ProgramItem(edition=edition)
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    return item


def delete_item(*, item: ProgramItem) -> None:
    """Remove an item from the working copy; a published version keeps it until the next one,
    which lists it as removed. Side effect: deletes the row (and its stars)."""
    item.delete()


@transaction.atomic
def move_item(
    *,
    edition: Edition,
    to: Place | None,
    item: ProgramItem | None = None,
    contribution: Contribution | None = None,
) -> ProgramItem | None:
    """Move an item of the working copy to another place (day, start, room), keeping its length; or
    place an unplaced contribution there as a new item of the length asked for; or, with `to=None`,
    take a contribution's item out of the grid so the contribution is unplaced again. Returns the
    item where it now is (None when taken out). Give either `item` or `contribution`.

    Side effects: one ProgramItem row changed, created or deleted; nothing is public until the next
    publication, which lists a published item moved here as moved. Raises `MoveRefused` (with the
    reason for the organiser) for a day that is not the edition's, a time outside the day's hours, a
    room of another edition, a cell taken by another item, a contribution not accepted or already
    placed, and for taking out an item that is no contribution or that participants have starred.

    The edition row is locked first, so two organisers dropping items into one cell at once get one
    move and one refusal, and a double drop of an unplaced contribution places it once.
    """
    if (item is None) == (contribution is None):
        raise ValueError("move_item takes either an item or a contribution")
    Edition.objects.select_for_update().filter(pk=edition.pk).first()
    if item is not None and to is None:
        check_take_out(item)
        delete_item(item=item)
        return None
    if contribution is not None:
        check_contribution(edition, contribution)
    if to is None:
        raise MoveRefused(_("An unplaced contribution is already in the list of unplaced ones."))
    hours = day_hours(edition, to.day)
    if hours is None:
        raise MoveRefused(_("Choose one of the edition's days."))
    starts_at = datetime.datetime.combine(to.day, to.starts, tzinfo=edition.tz)
    if item is not None:
        length = item.ends_at - item.starts_at
    else:
        assert contribution is not None
        length = wished_length(contribution, starts_at, hours[1])
    starts_at, ends_at = check_place(edition, to, hours, length, item)
    fields: dict[str, object] = {"starts_at": starts_at, "ends_at": ends_at, "room": to.room}
    if contribution is not None:
        fields |= {"kind": ItemKind.CONTRIBUTION, "title": contribution.title, "contribution": contribution}
    return save_item(edition=edition, item=item, fields=fields)


def unplaced_contributions(edition: Edition) -> QuerySet[Contribution]:
    """Accepted contributions not yet in the working copy: what still needs a place."""
    return (
        Contribution.objects.filter(edition=edition, state__in=[State.ACCEPTED, State.CONFIRMED])
        .exclude(program_items__isnull=False)
        .select_related("municipality")
        .order_by("title")
    )


# The personal agenda ("Mitt program"): a registered participant's starred items.


class NotInProgramme(Exception):
    """The item is not in the published programme of the registration's edition."""


class StarringClosed(Exception):
    """The edition is over: its programme is kept as a record, not for planning a visit."""


def published_item_ids(edition: Edition) -> set[int]:
    """The ids of the items in the published programme: the only ones anyone can star."""
    version = published_program(edition)
    return {item["id"] for item in version.items} if version else set()


def star_item(*, registration: Registration, item: ProgramItem) -> AgendaStar:
    """Put an item in the registration's agenda. Side effects: at most one AgendaStar row.

    Starring twice is harmless and returns the same star. Raises `NotInProgramme` for an item of
    another edition or one that is not (yet) published, and `StarringClosed` once the edition is over.
    """
    if registration.edition.is_past:
        raise StarringClosed
    if item.edition_id != registration.edition_id or item.pk not in published_item_ids(registration.edition):
        raise NotInProgramme
    star, _created = AgendaStar.objects.get_or_create(registration=registration, item=item)
    return star


def unstar_item(*, registration: Registration, item: ProgramItem) -> None:
    """Take an item out of the registration's agenda. Side effects: deletes at most one AgendaStar row.

    Unstarring an item that was never starred does nothing.
    """
    AgendaStar.objects.filter(registration=registration, item=item).delete()


def starred_item_ids(registration: Registration) -> set[int]:
    return set(AgendaStar.objects.filter(registration=registration).values_list("item_id", flat=True))


def star_counts(edition: Edition) -> dict[int, int]:
    """How many participants starred each item of the edition (items nobody starred are left out)."""
    rows = (
        AgendaStar.objects.filter(item__edition=edition)
        .values("item_id")
        .annotate(count=Count("id"))
        .order_by()
    )
    return {row["item_id"]: row["count"] for row in rows}


# Speakers: everyone named in the published programme, with a page each (program.views.speaker).


def speaker_key(speaker: dict) -> tuple[str, str]:
    """Two entries are one speaker when name and organisation are the same."""
    return (speaker.get("name") or "", speaker.get("organisation") or "")


def _slug_base(name: str) -> str:
    return slugify(name, fallback="taler")


def renamed_speaker(index: dict[str, dict], slug: str) -> str | None:
    """The current slug of the one speaker whose address was `slug` before Sami and other letters
    were spelt out (only æ and ø were, the rest dropped); None if `slug` is current or unknown."""
    if slug in index:
        return None
    old = [
        current
        for current, person in index.items()
        if django_slugify(
            person["name"].replace("æ", "ae").replace("Æ", "Ae").replace("ø", "o").replace("Ø", "O")
        )
        == slug
    ]
    return old[0] if len(old) == 1 else None


def _alphabetical(name: str) -> str:
    """A sort key in the Norwegian order: æ, ø, å after z; accents ignored (é as e)."""
    folded = name.casefold().replace("æ", "{").replace("ø", "|").replace("å", "}")
    if folded.isascii():
        return folded
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


def speaker_index(version: ProgramVersion) -> dict[str, dict]:
    """The published version's speakers by slug, in alphabetical order; kept per version.

    Entries with the same name and organisation are one speaker. A slug is the slugified name; when
    two speakers share one, they are numbered in a fixed order (name, then organisation): -2, -3…
    """
    cache_key = f"programme-speakers:{version.pk}"
    index = cache.get(cache_key)
    if index is not None:
        return index
    found: dict[tuple[str, str], dict] = {}
    for item in version.items:
        for entry in item.get("speakers") or []:
            name, organisation = key = speaker_key(entry)
            person = found.setdefault(
                key, {"name": name, "organisation": organisation, "municipality": "", "items": set()}
            )
            person["municipality"] = person["municipality"] or entry.get("municipality") or ""
            person["items"].add(item["id"])
    bases = {key: _slug_base(key[0]) for key in found}
    slugs: dict[str, dict] = {}
    for key in sorted(found, key=lambda k: (bases[k], k)):
        slug, number = bases[key], 1
        while slug in slugs:
            number += 1
            slug = f"{bases[key]}-{number}"
        slugs[slug] = {**found[key], "slug": slug, "items": len(found[key]["items"])}
    index = dict(sorted(slugs.items(), key=lambda pair: (_alphabetical(pair[1]["name"]), pair[0])))
    cache.set(cache_key, index, timeout=VERSION_CACHE_SECONDS)
    return index


def speaker_slugs(version: ProgramVersion) -> dict[tuple[str, str], str]:
    """Each speaker's slug in the published version, by (name, organisation)."""
    return {(p["name"], p["organisation"]): slug for slug, p in speaker_index(version).items()}
