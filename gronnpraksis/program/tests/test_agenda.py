"""The personal agenda ("Mitt program"): stars kept with a registration or, anonymously, in the session."""

import datetime

import icalendar
import pytest
import vobject
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gronnpraksis.program.models import AgendaStar, ProgramItem, Room
from gronnpraksis.program.services import (
    NotInProgramme,
    StarringClosed,
    publish_program,
    star_counts,
    star_item,
    unstar_item,
)
from tests.factories import EditionFactory, register_person
from tests.factories import local_time as at


def add_items(edition, titles, *, day=0):
    hall, _created = Room.objects.get_or_create(edition=edition, name="Store sal")
    return [
        ProgramItem.objects.create(
            edition=edition,
            title=title,
            room=hall,
            starts_at=at(edition, day, 9 + n),
            ends_at=at(edition, day, 10 + n),
        )
        for n, title in enumerate(titles)
    ]


@pytest.fixture
def items(edition):
    made = add_items(edition, ["Åpning", "Matsvinn til matglede", "Sykkelbyen", "Lunsj"])
    publish_program(edition=edition, user=None)
    return made


def agenda_url(registration, suffix=""):
    return f"/{registration.edition.slug}/program/agenda/{registration.manage_token}/{suffix}"


def calendar_url(registration, token=None):
    token = token or registration.calendar_token
    return f"/{registration.edition.slug}/program/agenda/{token}/agenda.ics"


def star(client, registration, item, action="star"):
    return client.post(agenda_url(registration, f"{item.pk}/stjerne/"), {"action": action})


@pytest.mark.django_db
def test_star_and_unstar_are_idempotent(participant, items):
    first = star_item(registration=participant, item=items[1])
    again = star_item(registration=participant, item=items[1])
    assert first == again
    assert list(AgendaStar.objects.values_list("item__title", flat=True)) == ["Matsvinn til matglede"]

    unstar_item(registration=participant, item=items[1])
    unstar_item(registration=participant, item=items[1])
    assert AgendaStar.objects.count() == 0


@pytest.mark.django_db
def test_only_published_items_of_the_own_edition_can_be_starred(client, edition, participant, items):
    draft = add_items(edition, ["Hemmelig utkast"], day=1)[0]
    other = EditionFactory()
    foreign = add_items(other, ["Annen konferanse"])[0]
    publish_program(edition=other, user=None)

    with pytest.raises(NotInProgramme):
        star_item(registration=participant, item=draft)
    with pytest.raises(NotInProgramme):
        star_item(registration=participant, item=foreign)
    assert star(client, participant, draft).status_code == 404
    assert star(client, participant, foreign).status_code == 404
    assert client.post(f"/{edition.slug}/program/{draft.pk}/stjerne/", {"action": "star"}).status_code == 404
    assert AgendaStar.objects.count() == 0
    assert client.session.get(f"agenda:{edition.slug}") is None


@pytest.mark.django_db
def test_a_participant_stars_through_the_agenda_page_and_returns_to_it(client, participant, items):
    page = agenda_url(participant)
    response = client.post(
        agenda_url(participant, f"{items[2].pk}/stjerne/"), {"action": "star", "next": page + "?mine=1"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{page}?mine=1#item-{items[2].pk}"
    assert response["Cache-Control"] == "no-store, private"
    mine = client.get(page + "?mine=1")
    assert [i["title"] for i in mine.context["agenda_items"]] == ["Sykkelbyen"]
    assert [i["title"] for _day, day_items, _grid in mine.context["days"] for i in day_items] == [
        "Sykkelbyen"
    ]
    everything = client.get(page)
    assert len([i for _day, day_items, _grid in everything.context["days"] for i in day_items]) == 4
    assert "Fjern fra mitt program" in everything.content.decode()

    assert star(client, participant, items[2], action="unstar").status_code == 302
    assert client.get(page).context["agenda_items"] == []


@pytest.mark.django_db
def test_a_redirect_never_leaves_the_site(client, participant, items):
    response = client.post(
        agenda_url(participant, f"{items[0].pk}/stjerne/"),
        {"action": "star", "next": "https://example.com/"},
    )

    assert response["Location"] == agenda_url(participant) + f"#item-{items[0].pk}"


@pytest.mark.django_db
def test_another_editions_token_and_a_wrong_token_are_404(client, edition, participant, items):
    other = EditionFactory()
    publish_program(edition=other, user=None)
    elsewhere = register_person(other, email="kari.nordmann@example.no")

    for token in [elsewhere.manage_token, "feil-nokkel", participant.manage_token[:-1] + "x"]:
        for suffix in ["", "agenda.ics", f"{items[0].pk}/"]:
            assert client.get(f"/{edition.slug}/program/agenda/{token}/{suffix}").status_code == 404
        assert (
            client.post(f"/{edition.slug}/program/agenda/{token}/{items[0].pk}/stjerne/", {"action": "star"})
        ).status_code == 404
    assert client.get(f"/{other.slug}/program/agenda/{participant.manage_token}/").status_code == 404
    assert AgendaStar.objects.count() == 0


@pytest.mark.django_db
def test_another_persons_stars_are_never_shown(client, edition, participant, outsider, items):
    star_item(registration=outsider, item=items[3])
    star_item(registration=participant, item=items[0])

    page = client.get(agenda_url(participant))
    calendar = client.get(calendar_url(participant)).content.decode()
    anonymous = client.get(f"/{edition.slug}/program/")

    assert [i["title"] for i in page.context["agenda_items"]] == ["Åpning"]
    assert page.context["starred"] == {items[0].pk}
    assert "Lunsj" not in calendar and "Åpning" in calendar
    assert anonymous.context["starred"] == set()
    body = page.content.decode()
    assert outsider.manage_token not in body and "Ola Hansen" not in body


@pytest.mark.django_db
def test_agenda_ics_holds_the_starred_items_only(client, edition, participant, items):
    star_item(registration=participant, item=items[1])
    star_item(registration=participant, item=items[3])
    client.cookies.clear()

    response = client.get(calendar_url(participant))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers and not response.cookies
    parsed = icalendar.Calendar.from_ical(response.content)
    events = list(parsed.walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Matsvinn til matglede", "Lunsj"]
    assert [e.decoded("dtstart") for e in events] == [items[1].starts_at, items[3].starts_at]
    assert [str(tz["tzid"]) for tz in parsed.walk("VTIMEZONE")] == [edition.timezone]
    assert all(str(e["uid"]).startswith(participant.calendar_uid) for e in events)
    other = vobject.readOne(response.content.decode())
    assert [e.summary.value for e in other.vevent_list] == ["Matsvinn til matglede", "Lunsj"]
    assert [e.dtstart.value for e in other.vevent_list] == [items[1].starts_at, items[3].starts_at]


@pytest.mark.django_db
def test_the_calendar_feed_has_its_own_token_and_the_manage_token_no_longer_opens_it(
    client, edition, participant, items
):
    star_item(registration=participant, item=items[1])
    assert participant.calendar_token and participant.calendar_token != participant.manage_token

    assert client.get(calendar_url(participant)).status_code == 200
    # The manage token pasted into a calendar app would be the key to the whole registration.
    assert client.get(calendar_url(participant, participant.manage_token)).status_code == 404
    # The calendar token is read-only: it opens neither the manage page nor the agenda page.
    assert client.get(f"/{edition.slug}/pamelding/{participant.calendar_token}/").status_code == 404
    assert (
        client.get(
            agenda_url(participant).replace(participant.manage_token, participant.calendar_token)
        ).status_code
        == 404
    )
    star_attempt = client.post(
        f"/{edition.slug}/program/agenda/{participant.calendar_token}/{items[2].pk}/stjerne/",
        {"action": "star"},
    )
    assert star_attempt.status_code == 404
    # Another edition's calendar token is no token here.
    other = register_person(EditionFactory(slug="gpannen"), email="annen@example.no")
    assert client.get(f"/{edition.slug}/program/agenda/{other.calendar_token}/agenda.ics").status_code == 404


@pytest.mark.django_db
def test_the_agenda_page_links_the_feed_by_its_calendar_token(client, participant, items):
    body = client.get(agenda_url(participant)).content.decode()
    assert calendar_url(participant) in body
    assert f"{participant.manage_token}/agenda.ics" not in body


@pytest.mark.django_db
def test_anonymous_stars_live_in_the_session(client, edition, items):
    url = f"/{edition.slug}/program/"
    response = client.post(
        f"/{edition.slug}/program/{items[1].pk}/stjerne/", {"action": "star", "next": url + "?tema="}
    )
    client.post(f"/{edition.slug}/program/{items[2].pk}/stjerne/", {"action": "star"})
    client.post(f"/{edition.slug}/program/{items[2].pk}/stjerne/", {"action": "unstar"})

    assert response["Location"] == f"{url}?tema=#item-{items[1].pk}"
    assert client.session[f"agenda:{edition.slug}"] == [items[1].pk]
    assert AgendaStar.objects.count() == 0
    mine = client.get(url + "?mine=1")
    assert [i["title"] for _day, day_items, _grid in mine.context["days"] for i in day_items] == [
        "Matsvinn til matglede"
    ]
    assert "Bare mitt program" in mine.content.decode()
    assert client.get(f"/{edition.slug}/program/{items[1].pk}/").context["starred"] == {items[1].pk}
    assert Client().get(url).context["starred"] == set()


@pytest.mark.django_db
def test_star_counts_and_the_admin_column(client, organiser, edition, participant, outsider, items):
    star_item(registration=participant, item=items[1])
    star_item(registration=outsider, item=items[1])
    star_item(registration=outsider, item=items[2])
    client.force_login(organiser)

    response = client.get("/admin/program/programitem/", {"edition__id__exact": edition.pk})

    assert star_counts(edition) == {items[1].pk: 2, items[2].pk: 1}
    assert response.status_code == 200
    counts = {item.title: item.star_count for item in response.context["cl"].result_list}
    assert counts == {"Åpning": 0, "Matsvinn til matglede": 2, "Sykkelbyen": 1, "Lunsj": 0}
    assert "column-star_count" in response.content.decode()


@pytest.mark.django_db
def test_posts_without_csrf_token_are_refused(edition, participant, items):
    client = Client(enforce_csrf_checks=True)

    assert star(client, participant, items[0]).status_code == 403
    assert (
        client.post(f"/{edition.slug}/program/{items[0].pk}/stjerne/", {"action": "star"}).status_code == 403
    )
    assert AgendaStar.objects.count() == 0


@pytest.mark.django_db
def test_star_buttons_work_with_a_csrf_token(edition, participant, items):
    client = Client(enforce_csrf_checks=True)
    client.get(agenda_url(participant))
    token = client.cookies["csrftoken"].value

    response = client.post(
        agenda_url(participant, f"{items[0].pk}/stjerne/"), {"action": "star", "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert AgendaStar.objects.filter(registration=participant).count() == 1


@pytest.mark.django_db
def test_the_manage_page_links_to_my_programme_once_published(client, edition, participant):
    link = agenda_url(participant)
    assert link not in client.get(participant.get_absolute_url()).content.decode()

    publish_program(edition=edition, user=None)

    assert link in client.get(participant.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_agenda_page_query_count_is_constant_in_the_number_of_stars(client, edition, participant, items):
    star_item(registration=participant, item=items[0])
    with CaptureQueriesContext(connection) as one:
        assert client.get(agenda_url(participant)).status_code == 200

    for item in items[1:]:
        star_item(registration=participant, item=item)
    with CaptureQueriesContext(connection) as all_four:
        response = client.get(agenda_url(participant))

    assert len(response.context["agenda_items"]) == 4
    assert len(all_four) == len(one)


def _make_past(edition):
    from gronnpraksis.editions.models import Edition, Phase

    shift = datetime.timedelta(days=400)
    Edition.objects.filter(pk=edition.pk).update(
        starts_on=edition.starts_on - shift, ends_on=edition.ends_on - shift, phase=Phase.ARCHIVED
    )
    edition.days.update(date=F("date") - shift)
    edition.refresh_from_db()
    return edition


@pytest.mark.django_db
def test_a_past_editions_programme_offers_no_stars_and_refuses_them(client, participant, items):
    edition = _make_past(participant.edition)
    participant.refresh_from_db()

    pages = [
        client.get(f"/{edition.slug}/program/"),
        client.get(f"/{edition.slug}/program/{items[1].pk}/"),
        client.get(agenda_url(participant)),
    ]
    by_link = client.post(agenda_url(participant, f"{items[1].pk}/stjerne/"), {"action": "star"}, follow=True)
    anonymous = client.post(
        f"/{edition.slug}/program/{items[1].pk}/stjerne/", {"action": "star"}, follow=True
    )

    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200
        assert "gp-star" not in html and 'id="star-form"' not in html
    for response in (by_link, anonymous):
        assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not AgendaStar.objects.exists()
    assert client.session.get(f"agenda:{edition.slug}", []) == []
    with pytest.raises(StarringClosed):
        star_item(registration=participant, item=items[1])
