"""The organisers' programme planner: the working copy as a grid of rooms × times, items, rooms,
tracks and publishing. Every page works without JavaScript; with htmx an item's form opens
beside the grid and saving redraws only the grid.
"""

import datetime
from collections import defaultdict

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from gronnpraksis.contributions.models import ContributionChange
from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import TeamRequest, team_view

from .. import services
from ..forms import ItemForm, PublishForm, RoomForm, TrackForm
from ..models import ItemKind, ProgramItem, Room, Track
from ..timetable import day_grid, track_colours


@team_view(organiser=True)
def grid(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """The working copy of one day as rooms × start times, with the warnings, what still needs a
    place, and what would change if published now."""
    day = _chosen_day(edition, request.GET.get("dag", ""))
    return render(request, "program/backoffice/grid.html", _planner_context(request, edition, role, day))


def _chosen_day(edition: Edition, text: str) -> datetime.date:
    days = [d.date for d in edition.days.all()] or [edition.starts_on]
    try:
        chosen = datetime.date.fromisoformat(text)
    except ValueError:
        return days[0]
    return chosen if chosen in days else days[0]


def _planner_context(request: TeamRequest, edition: Edition, role: str, day: datetime.date) -> dict:
    items = list(services.working_items(edition))
    tz = edition.tz
    rooms = list(Room.objects.filter(edition=edition))
    cells: dict[tuple[datetime.time, int | None], list[ProgramItem]] = defaultdict(list)
    for item in items:
        start = timezone.localtime(item.starts_at, tz)
        if start.date() == day and item.kind != ItemKind.PARTNER:
            cells[(start.time(), item.room_id)].append(item)
    times = sorted({time for time, _room in cells})
    warnings = services.check_program(edition)
    flagged: dict[int, list[str]] = defaultdict(list)
    for warning in warnings:
        for pk in warning.item_ids:
            flagged[pk].append(warning.message)
    latest = services.published_program(edition)
    pending = services.diff_versions(
        latest.items if latest else [], [services.snapshot_item(i) for i in items]
    )
    overview = _overview(
        edition, [item for (_t, _r), day_items in cells.items() for item in day_items], flagged
    )
    no_room = any(room is None for _time, room in cells)
    columns: list[Room | None] = [*rooms, None] if no_room else [*rooms]
    return {
        "edition": edition,
        "role": role,
        "day": day,
        "days": [d.date for d in edition.days.all()],
        "rooms": rooms,
        "columns": columns,
        "rows": [
            (time, [_cell(cells, day, time, room.pk if room else None, tz) for room in columns])
            for time in times
        ],
        "warnings": warnings,
        "flagged": flagged,
        "stars": services.star_counts(edition),
        "unplaced": services.unplaced_contributions(edition),
        "latest": latest,
        "pending": pending,
        # What contributors changed since the last publication (title, summary, co-contributors).
        "contributor_changes": ContributionChange.objects.filter(
            contribution__edition=edition,
            **({"changed_at__gt": latest.published_at} if latest else {}),
        )
        .select_related("contribution", "changed_by")
        .order_by("-changed_at", "-id"),
        "publish_form": PublishForm(),
        "tracks": Track.objects.filter(edition=edition),
        "overview": overview,
    }


def _overview(edition: Edition, items: list[ProgramItem], flagged: dict[int, list[str]]) -> dict | None:
    """The day's working copy as the public timetable grid (read-only), with each item's warnings."""
    tz = edition.tz
    tracks = sorted({(item.track.slug, item.track.name) for item in items if item.track})
    entries = [
        {
            "id": item.pk,
            "title": item.title,
            "start": timezone.localtime(item.starts_at, tz),
            "end": timezone.localtime(item.ends_at, tz),
            "room": {"id": item.room_id, "name": item.room.name} if item.room else None,
            "track": {"slug": item.track.slug, "name": item.track.name} if item.track else None,
            "location": item.location,
            "cancelled": item.is_cancelled,
            "url": reverse("program_backoffice:item", kwargs={"edition": edition.slug, "pk": item.pk}),
            "warnings": flagged.get(item.pk, []),
        }
        for item in sorted(items, key=lambda i: i.starts_at)
    ]
    return day_grid(entries, track_colours(tracks))


def _cell(
    cells: dict[tuple[datetime.time, int | None], list[ProgramItem]],
    day: datetime.date,
    time: datetime.time,
    room: int | None,
    tz: datetime.tzinfo,
) -> dict[str, list[ProgramItem]]:
    """The items starting at `time` in `room`, and those that started earlier in the room and are
    still running (shown as "continues until", so a long item visibly overlaps the next slots)."""
    at = datetime.datetime.combine(day, time, tzinfo=tz)
    continuing = [
        item
        for (start, item_room), items in cells.items()
        if item_room == room and start < time
        for item in items
        if item.ends_at > at
    ]
    return {"items": cells.get((time, room), []), "continuing": continuing}


@team_view(organiser=True)
def item_new(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    initial: dict[str, object] = {"day": _chosen_day(edition, request.GET.get("dag", "")).isoformat()}
    contribution = request.GET.get("contribution", "")
    if contribution.isdigit() and len(contribution) < 18:
        initial |= {"contribution": int(contribution), "kind": ItemKind.CONTRIBUTION}
    return _item_form(request, edition, role, item=None, initial=initial)


@team_view(organiser=True)
def item_edit(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    item = get_object_or_404(ProgramItem, edition=edition, pk=pk, partner_programme__isnull=True)
    return _item_form(request, edition, role, item=item, initial=ItemForm.initial_for(item, edition))


def _item_form(
    request: TeamRequest, edition: Edition, role: str, *, item: ProgramItem | None, initial: dict
) -> HttpResponse:
    form = ItemForm(request.POST or None, edition=edition, initial=initial)
    if request.method == "POST" and form.is_valid():
        item = services.save_item(edition=edition, item=item, fields=form.item_fields())
        messages.success(request, _("“%(title)s” is saved in the working copy.") % {"title": item.title})
        day = timezone.localtime(item.starts_at, edition.tz).date()
        if request.htmx:
            context = _planner_context(request, edition, role, day)
            return render(request, "program/backoffice/grid.html#planner", context)
        return redirect(reverse("program_backoffice:grid", kwargs={"edition": edition.slug}) + f"?dag={day}")
    # Only a request from the planner (htmx) draws the form to redraw the planner; opened as a page
    # of its own there is no #planner to swap, so the form posts plainly.
    context = {"edition": edition, "role": role, "form": form, "item": item, "in_planner": bool(request.htmx)}
    status = 400 if form.errors else 200
    if request.htmx:
        response = render(request, "program/backoffice/item.html#item-form", context, status=200)
        # A form with errors goes back into the editor; a saved item redraws the whole planner.
        return reswap(retarget(response, "#editor"), "innerHTML") if form.errors else response
    return render(request, "program/backoffice/item.html", context, status=status)


@require_POST
@team_view(organiser=True)
def item_delete(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    item = get_object_or_404(ProgramItem, edition=edition, pk=pk, partner_programme__isnull=True)
    day = timezone.localtime(item.starts_at, edition.tz).date()
    services.delete_item(item=item)
    messages.success(request, _("“%(title)s” is removed from the working copy.") % {"title": item.title})
    return redirect(reverse("program_backoffice:grid", kwargs={"edition": edition.slug}) + f"?dag={day}")


@require_POST
@team_view(organiser=True)
def publish(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note can be at most 300 characters."))
    elif not services.has_unpublished_changes(edition):
        messages.info(request, _("Nothing has changed since the last published version."))
    else:
        version = services.publish_program(edition=edition, user=request.user, note=form.cleaned_data["note"])
        messages.success(
            request,
            ngettext(
                "Version %(number)s is published, with %(count)s change.",
                "Version %(number)s is published, with %(count)s changes.",
                len(version.changes),
            )
            % {"number": version.number, "count": len(version.changes)},
        )
    return redirect("program_backoffice:grid", edition=edition.slug)


# Rooms and tracks


@team_view(organiser=True)
def rooms(request: TeamRequest, edition: Edition, role: str) -> HttpResponse:
    """Rooms and tracks on one page, each with a form to add one."""
    room_form = RoomForm(request.POST if "add_room" in request.POST else None, edition=edition, prefix="room")
    track_form = TrackForm(
        request.POST if "add_track" in request.POST else None, edition=edition, prefix="track"
    )
    for form in (room_form, track_form):
        if form.is_bound and form.is_valid():
            form.instance.edition = edition
            form.save()
            messages.success(request, _("“%(name)s” is added.") % {"name": form.instance.name})
            return redirect("program_backoffice:rooms", edition=edition.slug)
    return render(
        request,
        "program/backoffice/rooms.html",
        {
            "edition": edition,
            "role": role,
            "rooms": Room.objects.filter(edition=edition).annotate(used=Count("items")),
            "tracks": Track.objects.filter(edition=edition).annotate(used=Count("items")),
            "room_form": room_form,
            "track_form": track_form,
        },
        status=400 if room_form.errors or track_form.errors else 200,
    )


@team_view(organiser=True)
def room_edit(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    room = get_object_or_404(Room, edition=edition, pk=pk)
    return _edit(request, edition, role, RoomForm, room, _("Room"), "program_backoffice:room_delete")


@team_view(organiser=True)
def track_edit(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    track = get_object_or_404(Track, edition=edition, pk=pk, is_partner=False)
    return _edit(request, edition, role, TrackForm, track, _("Track"), "program_backoffice:track_delete")


def _edit(request, edition, role, form_class, obj, label, delete_url):  # type: ignore[no-untyped-def]
    form = form_class(request.POST or None, instance=obj, edition=edition)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("“%(name)s” is saved.") % {"name": obj.name})
        return redirect("program_backoffice:rooms", edition=edition.slug)
    return render(
        request,
        "program/backoffice/edit.html",
        {
            "edition": edition,
            "role": role,
            "form": form,
            "object": obj,
            "label": label,
            "delete_url": delete_url,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@team_view(organiser=True)
def room_delete(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    """Delete a room. Items in it keep their time and show a "no room" warning in the planner."""
    room = get_object_or_404(Room, edition=edition, pk=pk)
    used = room.items.count()
    room.delete()
    if used:
        messages.warning(
            request,
            ngettext(
                "“%(name)s” is deleted. %(count)s item now has no room; see the warnings.",
                "“%(name)s” is deleted. %(count)s items now have no room; see the warnings.",
                used,
            )
            % {"name": room.name, "count": used},
        )
    else:
        messages.success(request, _("“%(name)s” is deleted.") % {"name": room.name})
    return redirect("program_backoffice:rooms", edition=edition.slug)


@require_POST
@team_view(organiser=True)
def track_delete(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    track = get_object_or_404(Track, edition=edition, pk=pk, is_partner=False)
    track.delete()
    messages.success(request, _("“%(name)s” is deleted.") % {"name": track.name})
    return redirect("program_backoffice:rooms", edition=edition.slug)
