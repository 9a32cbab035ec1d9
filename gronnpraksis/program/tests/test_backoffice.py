"""The programme planner in the back office: the item form, htmx, rooms, warnings and publishing."""

import datetime
import html
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.contributions.services import withdraw_contribution
from gronnpraksis.program.forms import ItemForm
from gronnpraksis.program.models import ItemKind, ProgramItem, ProgramVersion, Room, Track
from gronnpraksis.program.services import publish_program, star_item
from tests.factories import EditionFactory, submit_contribution
from tests.factories import local_time as at

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def planner(client, organiser):
    """The organiser's client, logged in."""
    client.force_login(organiser)
    return client


def url(name, edition, **kwargs):
    return reverse(f"program_backoffice:{name}", kwargs={"edition": edition.slug, **kwargs})


def text(response) -> str:
    return html.unescape(response.content.decode())


def in_norwegian(message: str, **values) -> str:
    """The message as a bokmål page shows it (the English id until it is translated)."""
    with translation.override("nb"):
        return gettext(message) % values if values else gettext(message)


def item_data(edition, **overrides):
    data = {
        "kind": "plenary",
        "title": "Åpning med ordføreren",
        "description": "",
        "day": edition.starts_on.isoformat(),
        "starts": "09:00",
        "ends": "09:45",
        "room": "",
        "track": "",
        "contribution": "",
        "speakers": "",
    }
    return data | overrides


def accepted(edition, title, **kwargs):
    contribution = submit_contribution(edition, title=title, **kwargs)
    Contribution.objects.filter(pk=contribution.pk).update(state=State.ACCEPTED)
    contribution.refresh_from_db()
    return contribution


# The item form


@pytest.mark.django_db
def test_an_item_is_saved_in_the_working_copy_at_the_editions_local_time(planner, edition):
    hall = Room.objects.create(edition=edition, name="Store sal")
    second_day = (edition.starts_on + datetime.timedelta(days=1)).isoformat()

    response = planner.post(url("item_new", edition), item_data(edition, day=second_day, room=hall.pk))

    item = ProgramItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("grid", edition) + f"?dag={second_day}"
    assert (item.title, item.room, item.kind) == ("Åpning med ordføreren", hall, "plenary")
    assert (item.starts_at, item.ends_at) == (at(edition, 1, 9), at(edition, 1, 9, 45))
    assert not ProgramVersion.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("starts", "ends"), [("10:00", "09:00"), ("10:00", "10:00")])
def test_an_item_that_ends_before_it_starts_is_refused(planner, edition, starts, ends):
    form = ItemForm(item_data(edition, starts=starts, ends=ends), edition=edition)
    response = planner.post(url("item_new", edition), item_data(edition, starts=starts, ends=ends))

    assert not form.is_valid() and list(form.errors) == ["ends"]
    assert response.status_code == 400
    assert in_norwegian("The end must be after the start (on the same day).") in text(response)
    assert "Åpning med ordføreren" in text(response)  # what was typed is kept
    assert not ProgramItem.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "day", ["2001-01-01", "ikke-en-dato", "2026-13-45", "99999999999999999999", ""], ids=repr
)
def test_a_day_that_is_not_one_of_the_editions_days_is_refused(planner, edition, day):
    response = planner.post(url("item_new", edition), item_data(edition, day=day))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["day"]
    assert not ProgramItem.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["room", "track", "contribution"])
@pytest.mark.parametrize("value", ["other edition", "99999999999999999999", "-1", "sal"])
def test_a_room_track_or_contribution_of_another_edition_or_a_huge_id_is_refused(
    planner, edition, field, value
):
    other = EditionFactory()
    foreign = {
        "room": lambda: Room.objects.create(edition=other, name="Annen sal").pk,
        "track": lambda: Track.objects.create(edition=other, name="Annet spor", slug="annet").pk,
        "contribution": lambda: accepted(other, "Annen årgangs bidrag").pk,
    }[field]
    data = item_data(edition, kind="contribution" if field == "contribution" else "plenary")
    data[field] = foreign() if value == "other edition" else value

    response = planner.post(url("item_new", edition), data)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not ProgramItem.objects.exists()


@pytest.mark.django_db
def test_a_partner_track_is_not_offered_for_the_editions_own_items(planner, edition):
    partner = Track.objects.create(edition=edition, name="Miljøuka", slug="miljouka", is_partner=True)

    response = planner.post(url("item_new", edition), item_data(edition, track=partner.pk))

    assert response.status_code == 400 and list(response.context["form"].errors) == ["track"]


@pytest.mark.django_db
def test_a_contribution_item_takes_its_title_from_an_accepted_contribution(planner, edition):
    contribution = accepted(edition, "Matsvinn til matglede")
    submitted = submit_contribution(edition, title="Ikke besluttet", email="ola@example.no")

    placed = planner.post(
        url("item_new", edition),
        item_data(edition, kind="contribution", title="", contribution=contribution.pk),
    )
    undecided = planner.post(
        url("item_new", edition), item_data(edition, kind="contribution", title="", contribution=submitted.pk)
    )
    missing = planner.post(
        url("item_new", edition), item_data(edition, kind="contribution", title="Uten bidrag")
    )

    assert placed.status_code == 302
    assert ProgramItem.objects.get().title == "Matsvinn til matglede"
    assert undecided.status_code == 400 and "contribution" in undecided.context["form"].errors
    assert missing.status_code == 400 and list(missing.context["form"].errors) == ["contribution"]


@pytest.mark.django_db
def test_the_new_item_form_is_prefilled_from_the_link_of_an_unplaced_contribution(planner, edition):
    contribution = accepted(edition, "Matsvinn til matglede")

    chosen = planner.get(url("item_new", edition) + f"?contribution={contribution.pk}")
    huge = planner.get(url("item_new", edition) + "?contribution=99999999999999999999&dag=tull")

    assert chosen.context["form"].initial["contribution"] == contribution.pk
    assert chosen.context["form"].initial["kind"] == ItemKind.CONTRIBUTION
    assert huge.status_code == 200 and "contribution" not in huge.context["form"].initial
    assert huge.context["form"].initial["day"] == edition.starts_on.isoformat()


@pytest.mark.django_db
def test_editing_an_item_shows_its_values_and_saves_the_change(planner, edition):
    item = ProgramItem.objects.create(
        edition=edition, title="Lunsj", kind="meal", starts_at=at(edition, 0, 12), ends_at=at(edition, 0, 13)
    )

    page = planner.get(url("item", edition, pk=item.pk))
    saved = planner.post(
        url("item", edition, pk=item.pk), item_data(edition, kind="meal", title="Lunsj i foajeen")
    )

    assert page.context["form"].initial["starts"] == datetime.time(12, 0)
    assert 'value="12:00"' in page.content.decode()
    assert saved.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.starts_at) == ("Lunsj i foajeen", at(edition, 0, 9))


@pytest.mark.django_db
def test_deleting_an_item_removes_it_from_the_working_copy_only(planner, edition):
    item = ProgramItem.objects.create(
        edition=edition, title="Lunsj", kind="meal", starts_at=at(edition, 0, 12), ends_at=at(edition, 0, 13)
    )
    publish_program(edition=edition, user=None)

    planner.post(url("item_delete", edition, pk=item.pk))
    grid = planner.get(url("grid", edition))

    assert not ProgramItem.objects.exists()
    assert [c["change"] for c in grid.context["pending"]] == ["removed"]
    assert [i["title"] for i in ProgramVersion.objects.get().items] == ["Lunsj"]


# htmx


@pytest.mark.django_db
def test_an_invalid_htmx_post_returns_the_form_into_the_editor(planner, edition):
    response = planner.post(
        url("item_new", edition), item_data(edition, starts="10:00", ends="09:00"), **HTMX
    )

    body = response.content.decode()
    assert response.status_code == 200  # htmx swaps only 2xx answers
    assert response["HX-Retarget"] == "#editor"
    assert response["HX-Reswap"] == "innerHTML"  # the editor stays, so the next answer finds it
    assert 'id="item-heading"' in body and "<html" not in body
    assert 'id="planner"' not in body
    assert not ProgramItem.objects.exists()


@pytest.mark.django_db
def test_a_valid_htmx_post_returns_the_planner(planner, edition):
    response = planner.post(url("item_new", edition), item_data(edition), **HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert "HX-Retarget" not in response
    assert body.lstrip().startswith('<div id="planner"') and "<html" not in body
    assert '<div id="editor"' in body and 'id="item-heading"' not in body  # the form closes
    saved = in_norwegian("“%(title)s” is saved in the working copy.", title="Åpning med ordføreren")
    assert saved in text(response)  # said in the editor, which is a live region
    assert ProgramItem.objects.count() == 1
    assert list(planner.get(url("grid", edition)).context["messages"]) == []  # and not again later


@pytest.mark.django_db
def test_an_htmx_get_of_an_item_returns_only_its_form(planner, edition):
    item = ProgramItem.objects.create(
        edition=edition, title="Lunsj", starts_at=at(edition, 0, 12), ends_at=at(edition, 0, 13)
    )

    response = planner.get(url("item", edition, pk=item.pk), **HTMX)

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section class="gp-stack"') and "<html" not in body
    assert f'hx-post="{url("item", edition, pk=item.pk)}"' in body


# Rooms and tracks


@pytest.mark.django_db
def test_deleting_a_room_in_use_leaves_its_items_without_a_room_and_warns(planner, edition):
    hall = Room.objects.create(edition=edition, name="Store sal")
    item = ProgramItem.objects.create(
        edition=edition,
        title="Åpning",
        kind="plenary",
        room=hall,
        starts_at=at(edition, 0, 9),
        ends_at=at(edition, 0, 10),
    )

    deleted = planner.post(url("room_delete", edition, pk=hall.pk), follow=True)
    grid = planner.get(url("grid", edition))

    item.refresh_from_db()
    assert item.room is None and not Room.objects.exists()
    assert [m.level_tag for m in deleted.context["messages"]] == ["warning"]
    assert [w.code for w in grid.context["warnings"]] == ["no_room"]
    body = text(grid)
    assert in_norwegian("“%(title)s” has no room.", title="Åpning") in body
    assert grid.context["columns"] == [None]
    assert in_norwegian("No room") in body


@pytest.mark.django_db
def test_rooms_and_tracks_refuse_duplicate_names(planner, edition):
    Room.objects.create(edition=edition, name="Store sal")
    Track.objects.create(edition=edition, name="Mat", slug="mat")

    room = planner.post(
        url("rooms", edition), {"add_room": "1", "room-name": "store sal", "room-position": "1"}
    )
    track = planner.post(
        url("rooms", edition),
        {"add_track": "1", "track-name": "Mat 2", "track-slug": "mat", "track-position": "1"},
    )
    capacity = planner.post(
        url("rooms", edition),
        {
            "add_room": "1",
            "room-name": "Lille sal",
            "room-capacity": "99999999999999999999",
            "room-position": "1",
        },
    )

    assert room.status_code == 400 and list(room.context["room_form"].errors) == ["name"]
    assert track.status_code == 400 and list(track.context["track_form"].errors) == ["slug"]
    assert capacity.status_code == 400 and list(capacity.context["room_form"].errors) == ["capacity"]
    assert list(Room.objects.values_list("name", flat=True)) == ["Store sal"]
    assert Track.objects.count() == 1


@pytest.mark.django_db
def test_a_partner_track_cannot_be_edited_as_an_own_track(planner, edition):
    partner = Track.objects.create(edition=edition, name="Miljøuka", slug="miljouka", is_partner=True)

    assert planner.get(url("track", edition, pk=partner.pk)).status_code == 404
    assert planner.post(url("track_delete", edition, pk=partner.pk)).status_code == 404
    assert Track.objects.filter(pk=partner.pk).exists()


# Warnings and what still needs a place


@pytest.mark.django_db
def test_a_contribution_withdrawn_after_it_was_placed_shows_a_warning(planner, edition):
    hall = Room.objects.create(edition=edition, name="Store sal")
    contribution = accepted(edition, "Sykkelbyen")
    planner.post(
        url("item_new", edition),
        item_data(
            edition, kind="contribution", title="", contribution=contribution.pk, room=hall.pk, ends="09:30"
        ),
    )

    before = planner.get(url("grid", edition))
    withdraw_contribution(contribution=contribution)
    after = planner.get(url("grid", edition))

    assert before.context["warnings"] == []
    assert [w.code for w in after.context["warnings"]] == ["contribution_gone"]
    item = ProgramItem.objects.get()
    assert after.context["flagged"] == {item.pk: [after.context["warnings"][0].message]}
    assert "Sykkelbyen" in after.context["warnings"][0].message
    assert after.context["warnings"][0].message in text(after)


@pytest.mark.django_db
def test_the_planner_shows_stars_and_warns_when_a_room_is_too_small(planner, edition, participant, outsider):
    nook = Room.objects.create(edition=edition, name="Lesekroken", capacity=1)
    item = ProgramItem.objects.create(
        edition=edition, title="Bokprat", room=nook, starts_at=at(edition, 0, 9), ends_at=at(edition, 0, 10)
    )
    publish_program(edition=edition, user=None)
    for registration in (participant, outsider):
        star_item(registration=registration, item=item)

    grid = planner.get(url("grid", edition))

    assert [w.code for w in grid.context["warnings"]] == ["room_too_small"]
    with translation.override("nb"):
        one_seat = ngettext(
            "%(stars)s participants starred “%(title)s”, but %(room)s has %(seats)s seat.",
            "%(stars)s participants starred “%(title)s”, but %(room)s has %(seats)s seats.",
            1,
        ) % {"stars": 2, "title": "Bokprat", "room": "Lesekroken", "seats": 1}
    assert grid.context["warnings"][0].message == one_seat  # one seat, not "1 seats"
    assert grid.context["stars"] == {item.pk: 2}
    assert "★ 2" in text(grid)


@pytest.mark.django_db
def test_accepted_contributions_without_a_place_are_listed_until_placed(planner, edition):
    contribution = accepted(edition, "Sykkelbyen")
    submit_contribution(edition, title="Ikke besluttet", email="ola@example.no")

    before = planner.get(url("grid", edition))
    planner.post(
        url("item_new", edition),
        item_data(edition, kind="contribution", contribution=contribution.pk, ends="09:30"),
    )
    after = planner.get(url("grid", edition))

    assert [c.title for c in before.context["unplaced"]] == ["Sykkelbyen"]
    assert f"?contribution={contribution.pk}" in before.content.decode()
    assert list(after.context["unplaced"]) == []


@pytest.mark.django_db
def test_the_grid_shows_the_chosen_day_and_falls_back_to_the_first(planner, edition):
    ProgramItem.objects.create(
        edition=edition, title="Dag to", starts_at=at(edition, 1, 9), ends_at=at(edition, 1, 10)
    )
    second = (edition.starts_on + datetime.timedelta(days=1)).isoformat()

    chosen = planner.get(url("grid", edition) + f"?dag={second}")
    fallback = planner.get(url("grid", edition) + "?dag=99999-01-01")

    assert chosen.context["day"].isoformat() == second
    assert [
        item.title for _time, cells in chosen.context["rows"] for cell in cells for item in cell["items"]
    ] == ["Dag to"]
    assert fallback.status_code == 200 and fallback.context["day"] == edition.starts_on
    assert fallback.context["rows"] == []


# Publishing


@pytest.mark.django_db
def test_publishing_without_changes_says_so(planner, edition):
    nothing = planner.post(url("publish", edition), {"note": ""}, follow=True)
    ProgramItem.objects.create(
        edition=edition, title="Åpning", starts_at=at(edition, 0, 9), ends_at=at(edition, 0, 10)
    )
    publish_program(edition=edition, user=None)
    unchanged = planner.post(url("publish", edition), {"note": "Igjen"}, follow=True)

    expected = in_norwegian("Nothing has changed since the last published version.")
    assert [str(m) for m in nothing.context["messages"]] == [expected]
    assert [str(m) for m in unchanged.context["messages"]] == [expected]
    assert list(ProgramVersion.objects.values_list("number", flat=True)) == [1]


@pytest.mark.django_db
def test_a_too_long_note_is_refused(planner, edition):
    ProgramItem.objects.create(
        edition=edition, title="Åpning", starts_at=at(edition, 0, 9), ends_at=at(edition, 0, 10)
    )

    response = planner.post(url("publish", edition), {"note": "x" * 301}, follow=True)

    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not ProgramVersion.objects.exists()


@pytest.mark.django_db
def test_publishing_creates_a_version_shown_in_whats_new(planner, edition, organiser):
    planner.post(url("item_new", edition), item_data(edition, title="Sykkelbyen Kristiansand"))

    published = planner.post(url("publish", edition), {"note": "Første utkast"}, follow=True)
    changes = planner.get(reverse("program:changes", kwargs={"edition": edition.slug}))

    version = ProgramVersion.objects.get()
    assert (version.number, version.note, version.published_by) == (1, "Første utkast", organiser)
    assert [(c["change"], c["title"]) for c in version.changes] == [("added", "Sykkelbyen Kristiansand")]
    with translation.override("nb"):
        one_change = ngettext(
            "Version %(number)s is published, with %(count)s change.",
            "Version %(number)s is published, with %(count)s changes.",
            1,
        ) % {"number": 1, "count": 1}
    assert str(list(published.context["messages"])[-1]) == one_change
    assert "Sykkelbyen Kristiansand" in text(changes) and "Første utkast" in text(changes)
    assert published.context["pending"] == []


@pytest.mark.django_db
def test_unpublished_changes_never_reach_the_public_programme(planner, edition):
    planner.post(url("item_new", edition), item_data(edition, title="Publisert punkt"))
    planner.post(url("publish", edition), {"note": ""})
    item = ProgramItem.objects.get()
    planner.post(url("item", edition, pk=item.pk), item_data(edition, title="Hemmelig nytt navn"))
    planner.post(
        url("item_new", edition), item_data(edition, title="Hemmelig utkast", starts="11:00", ends="12:00")
    )
    pending = planner.get(url("grid", edition)).context["pending"]
    planner.logout()  # the public sees the programme without logging in

    page = text(planner.get(reverse("program:program", kwargs={"edition": edition.slug})))
    export = planner.get(reverse("program:program_json", kwargs={"edition": edition.slug}))
    titles = [
        event["title"]
        for day in json.loads(export.content)["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]

    assert "Publisert punkt" in page
    assert "Hemmelig" not in page
    assert titles == ["Publisert punkt"]
    assert b"Hemmelig" not in export.content
    assert sorted(c["change"] for c in pending) == ["added", "changed"]


# Query counts


def plan(edition, count):
    rooms = [Room.objects.create(edition=edition, name=f"Sal {n}", capacity=30) for n in range(3)]
    track = Track.objects.create(edition=edition, name="Mat", slug="mat")
    for n in range(count):
        contribution = accepted(
            edition,
            f"Bidrag {n}",
            email=f"bidragsyter{n}@example.no",
            co_contributors=[(f"Med {n}", f"med{n}@example.no")],
        )
        ProgramItem.objects.create(
            edition=edition,
            title=contribution.title,
            contribution=contribution,
            room=rooms[n % 3] if n % 4 else None,
            track=track,
            starts_at=at(edition, n % 2, 9 + n % 5),
            ends_at=at(edition, n % 2, 10 + n % 5),
        )
    accepted(edition, "Uten plass", email="uten@example.no")
    publish_program(edition=edition, user=None)
    ProgramItem.objects.filter(edition=edition, title="Bidrag 1").update(title="Bidrag 1 (endret)")


@pytest.mark.django_db
def test_the_planner_uses_the_same_number_of_queries_for_5_and_25_items(planner):
    small, large = EditionFactory(), EditionFactory()
    plan(small, 5)
    plan(large, 25)

    with CaptureQueriesContext(connection) as few:
        first = planner.get(url("grid", small))
    with CaptureQueriesContext(connection) as many:
        second = planner.get(url("grid", large))

    assert first.status_code == second.status_code == 200
    assert len(second.context["warnings"]) > len(first.context["warnings"]) > 0
    assert len(many) == len(few)


@pytest.mark.django_db
def test_a_track_without_a_short_name_gets_one_from_its_name_with_the_letters_spelt_out(planner, edition):
    response = planner.post(
        url("rooms", edition),
        {"add_track": "1", "track-name": "Grønn økonomi og Čáhci", "track-slug": "", "track-position": "1"},
    )

    assert response.status_code == 302
    assert Track.objects.get(edition=edition, name="Grønn økonomi og Čáhci").slug == "gronn-okonomi-og-cahci"


def test_an_item_page_opened_on_its_own_posts_without_htmx(planner, edition):
    """Opened from a warning or in a new tab the page has no #planner for htmx to redraw."""
    item = ProgramItem.objects.create(
        edition=edition, title="Lunsj", starts_at=at(edition, 0, 12), ends_at=at(edition, 0, 13)
    )

    page = planner.get(url("item", edition, pk=item.pk)).content.decode()
    new = planner.get(url("item_new", edition)).content.decode()

    assert 'id="planner"' not in page
    assert "hx-post" not in page and "hx-target" not in page
    assert "hx-post" not in new


@pytest.mark.django_db
def test_an_item_longer_than_its_slot_shows_in_the_slots_it_overlaps(planner, edition):
    hall = Room.objects.create(edition=edition, name="Store sal", position=1)
    side = Room.objects.create(edition=edition, name="Lillesal", position=2)
    ProgramItem.objects.create(
        edition=edition,
        title="Langt verksted",
        room=hall,
        starts_at=at(edition, 0, 10),
        ends_at=at(edition, 0, 12),
    )
    ProgramItem.objects.create(
        edition=edition,
        title="Kort innlegg",
        room=side,
        starts_at=at(edition, 0, 11),
        ends_at=at(edition, 0, 11, 30),
    )
    ProgramItem.objects.create(
        edition=edition, title="Lunsj", room=side, starts_at=at(edition, 0, 12), ends_at=at(edition, 0, 13)
    )

    response = planner.get(url("grid", edition))

    rows = {time.strftime("%H:%M"): cells for time, cells in response.context["rows"]}
    starts = ("10:00", "11:00", "12:00")  # the rows where an item starts are named
    hall_at = {
        time: [i.title for i in cells[0]["continuing"]] for time, cells in rows.items() if time in starts
    }
    assert hall_at == {"10:00": [], "11:00": ["Langt verksted"], "12:00": []}  # ends at 12:00
    assert [time for time, cells in rows.items() if cells[0]["busy"]] == [  # the quarters it takes
        "10:15",
        "10:30",
        "10:45",
        "11:00",
        "11:15",
        "11:30",
        "11:45",
    ]
    assert all(not cells[1]["continuing"] for cells in rows.values())  # the other room is not marked
    marker = in_norwegian("↳ “%(title)s” continues until %(time)s", title="Langt verksted", time="12:00")
    assert text(response).count(marker) == 1
