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

from gronnpraksis.contributions.models import Contribution, ContributionChange
from gronnpraksis.core.dates import format_when
from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import TeamRequest, team_view

from .. import services
from ..forms import ItemForm, MoveForm, PublishForm, RoomForm, TrackForm
from ..models import ItemKind, ProgramItem, Room, Track
from ..moves import MoveRefused, Place, day_hours, free_places, grid_times, wished_length
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


def _planner_context(
    request: TeamRequest, edition: Edition, role: str, day: datetime.date, moved: int | None = None
) -> dict:
    """Everything the planner draws for `day`; `moved` is the item just moved (focused after a move)."""
    items = list(services.working_items(edition))
    tz = edition.tz
    rooms = list(Room.objects.filter(edition=edition))
    cells: dict[tuple[datetime.time, int | None], list[ProgramItem]] = defaultdict(list)
    for item in items:
        start = timezone.localtime(item.starts_at, tz)
        if start.date() == day and item.kind != ItemKind.PARTNER:
            cells[(start.time(), item.room_id)].append(item)
    # A row every quarter of an hour over the day's hours (free cells to drop into), and one for any
    # item starting at another time.
    hours = day_hours(edition, day)
    starts = {time for time, _room in cells}
    times = grid_times(*hours, starts) if hours else sorted(starts)
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
            (
                time,
                [_cell(cells, day, time, room.pk if room else None, tz, time in starts) for room in columns],
            )
            for time in times
        ]
        if columns
        else [],
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
        "moved": moved,
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
    marked: bool,
) -> dict[str, object]:
    """The items starting at `time` in `room`, and those that started earlier in the room and are
    still running: `busy` (the cell is taken), and, in a row where some item starts (`marked`), named
    ("continues until"), so a long item visibly overlaps the next slots without repeating itself in
    every quarter of an hour."""
    at = datetime.datetime.combine(day, time, tzinfo=tz)
    continuing = [
        item
        for (start, item_room), items in cells.items()
        if item_room == room and start < time
        for item in items
        if item.ends_at > at
    ]
    return {
        "items": cells.get((time, room), []),
        "continuing": continuing if marked else [],
        "busy": bool(continuing),
        "room": room,
    }


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


# Moving items: the drag and drop, the keyboard's list of free places and the form without JavaScript
# all post to these two views, which call `services.move_item`.


@team_view(organiser=True)
def item_move(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    """Move an item to another day, room or time (its length kept), or back to the unplaced ones."""
    item = get_object_or_404(ProgramItem, edition=edition, pk=pk, partner_programme__isnull=True)
    return _move(request, edition, role, item=item, contribution=None)


@team_view(organiser=True)
def contribution_place(request: TeamRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    """Place an unplaced contribution in a free cell (a new item of the length asked for)."""
    contribution = get_object_or_404(Contribution, edition=edition, pk=pk)
    return _move(request, edition, role, item=None, contribution=contribution)


def _move(
    request: TeamRequest,
    edition: Edition,
    role: str,
    *,
    item: ProgramItem | None,
    contribution: Contribution | None,
) -> HttpResponse:
    tz = edition.tz
    current = timezone.localtime(item.starts_at, tz) if item else None
    # The day the planner shows (kept when an htmx move redraws it), and the day whose free places
    # the panel lists.
    shown = _chosen_day(
        edition,
        request.POST.get("dag") or request.GET.get("dag") or (current.date().isoformat() if current else ""),
    )
    unplace = request.method == "POST" and "unplace" in request.POST
    form = MoveForm(
        request.POST if request.method == "POST" and not unplace else None,
        edition=edition,
        initial={
            "day": (current.date() if current else shown).isoformat(),
            "starts": current.time() if current else None,
            "room": item.room_id if item else None,
        },
    )
    refusal = ""
    if request.method == "POST" and (unplace or form.is_valid()):
        to = None if unplace else form.place()
        try:
            moved = services.move_item(edition=edition, to=to, item=item, contribution=contribution)
        except MoveRefused as refused:
            refusal = refused.message
            if form.is_bound:
                form.add_error(None, refused.message)
        else:
            messages.success(request, _moved_message(edition, item or contribution, moved, to))
            if request.htmx:
                context = _planner_context(request, edition, role, shown, moved=moved.pk if moved else None)
                return render(request, "program/backoffice/grid.html#planner", context)
            day = to.day if to else shown
            anchor = f"#slot-{moved.pk}" if moved else "#unplaced-heading"
            return redirect(
                reverse("program_backoffice:grid", kwargs={"edition": edition.slug}) + f"?dag={day}{anchor}"
            )
    context = _move_context(request, edition, role, item, contribution, form, shown) | {"refusal": refusal}
    if request.htmx and request.method == "POST":
        # A refused drop: the planner again as it was (the item back in its place), the panel with
        # the reason and the choice made beside it.
        context = _planner_context(request, edition, role, shown) | context
        return render(request, "program/backoffice/grid.html#planner", context)
    if request.htmx:
        return render(request, "program/backoffice/move.html#move-panel", context)
    return render(
        request, "program/backoffice/move.html", context, status=400 if refusal or form.errors else 200
    )


def _move_context(
    request: TeamRequest,
    edition: Edition,
    role: str,
    item: ProgramItem | None,
    contribution: Contribution | None,
    form: MoveForm,
    shown: datetime.date,
) -> dict:
    """The move panel: the form, and the places on the shown day where the item fits whole."""
    hours = day_hours(edition, shown)
    if item is not None:
        length = item.ends_at - item.starts_at
    elif hours is not None:
        assert contribution is not None
        length = wished_length(contribution, hours[0], hours[1])
    else:
        length = datetime.timedelta(0)
    return {
        "edition": edition,
        "role": role,
        "item": item,
        "contribution": contribution,
        "title": item.title if item else contribution.title if contribution else "",
        "move_form": form,
        "shown": shown,
        "days": [d.date for d in edition.days.all()],
        "minutes": int(length / datetime.timedelta(minutes=1)),
        "free": free_places(edition, shown, length, item),
        "move_url": reverse("program_backoffice:item_move", kwargs={"edition": edition.slug, "pk": item.pk})
        if item
        else reverse(
            "program_backoffice:contribution_place", kwargs={"edition": edition.slug, "pk": contribution.pk}
        )
        if contribution
        else "",
        "in_planner": bool(request.htmx),
    }


def _moved_message(
    edition: Edition, what: ProgramItem | Contribution | None, moved: ProgramItem | None, to: Place | None
) -> str:
    title = what.title if what else ""
    if moved is None or to is None:
        return _("“%(title)s” is back among the unplaced contributions.") % {"title": title}
    values = {
        "title": title,
        "room": to.room.name if to.room else _("no room"),
        "day": format_when(to.day, "weekday"),
        "time": f"{to.starts:%H:%M}",
    }
    if isinstance(what, Contribution):
        return _("“%(title)s” is placed: %(room)s, %(day)s at %(time)s.") % values
    return _("“%(title)s” is moved: %(room)s, %(day)s at %(time)s.") % values


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


def _edit(
    request: TeamRequest,
    edition: Edition,
    role: str,
    form_class: type[RoomForm] | type[TrackForm],
    obj: Room | Track,
    label: str,
    delete_url: str,
) -> HttpResponse:
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
