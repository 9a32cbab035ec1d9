"""Speaker pages: everyone named in the published programme, and one page per speaker."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gronnpraksis.editions.models import Phase
from gronnpraksis.program.models import ProgramItem, Room
from gronnpraksis.program.services import publish_program
from tests.factories import EditionFactory, submit_contribution
from tests.factories import local_time as at


def add_item(edition, title, *, hour, speakers="", contribution=None, day=0, cancelled=False):
    hall, _created = Room.objects.get_or_create(edition=edition, name="Store sal")
    return ProgramItem.objects.create(
        edition=edition,
        title=title,
        contribution=contribution,
        speakers=speakers,
        room=hall,
        starts_at=at(edition, day, hour),
        ends_at=at(edition, day, hour + 1),
        is_cancelled=cancelled,
    )


@pytest.fixture
def programme(edition):
    """Kari Nordmann (Kristiansand kommune) and Per in one contribution; Øyvind Ås in two items, one
    of them cancelled; Åse Berg; and a second Kari Nordmann without an organisation."""
    contribution = submit_contribution(
        edition, title="Matsvinn til matglede", co_contributors=[("Per", "per@example.no")]
    )
    items = {
        "talk": add_item(edition, "Matsvinn til matglede", hour=10, contribution=contribution),
        "opening": add_item(edition, "Åpning", hour=9, speakers="Øyvind Ås, Åse Berg"),
        "panel": add_item(edition, "Debatt", hour=13, speakers="Øyvind Ås, Kari Nordmann", day=1),
        "gone": add_item(edition, "Sykkelbyen", hour=15, speakers="Øyvind Ås", cancelled=True),
    }
    publish_program(edition=edition, user=None)
    return items


@pytest.mark.django_db
def test_speaker_list_is_alphabetical_with_organisation_municipality_and_items(client, edition, programme):
    response = client.get(f"/{edition.slug}/program/talere/")

    assert response.status_code == 200
    rows = [
        (s["name"], s["organisation"], s["municipality"], s["items"], s["slug"])
        for s in response.context["speakers"]
    ]
    assert rows == [
        ("Kari Nordmann", "", "", 1, "kari-nordmann"),
        ("Kari Nordmann", "Kristiansand kommune", "Kristiansand", 1, "kari-nordmann-2"),
        ("Per", "Kristiansand kommune", "Kristiansand", 1, "per"),
        ("Øyvind Ås", "", "", 3, "oyvind-as"),
        ("Åse Berg", "", "", 1, "ase-berg"),
    ]
    body = response.content.decode()
    assert f'href="/{edition.slug}/program/talere/oyvind-as/"' in body
    assert "Kristiansand kommune" in body


@pytest.mark.django_db
def test_speaker_page_lists_their_items_with_time_room_and_cancellations(client, edition, programme):
    response = client.get(f"/{edition.slug}/program/talere/oyvind-as/")

    assert response.status_code == 200
    assert response.context["speaker"]["name"] == "Øyvind Ås"
    assert [(i["title"], i["cancelled"]) for i in response.context["items"]] == [
        ("Åpning", False),
        ("Sykkelbyen", True),
        ("Debatt", False),
    ]
    body = response.content.decode()
    assert f'href="/{edition.slug}/program/{programme["opening"].pk}/"' in body
    assert "09:00–10:00" in body and "Store sal" in body
    assert "(avlyst)" in body
    assert "Matsvinn til matglede" not in body


@pytest.mark.django_db
def test_two_speakers_with_one_name_get_their_own_pages(client, edition, programme):
    first = client.get(f"/{edition.slug}/program/talere/kari-nordmann/")
    second = client.get(f"/{edition.slug}/program/talere/kari-nordmann-2/")

    assert [i["title"] for i in first.context["items"]] == ["Debatt"]
    assert [i["title"] for i in second.context["items"]] == ["Matsvinn til matglede"]
    assert second.context["speaker"]["organisation"] == "Kristiansand kommune"


@pytest.mark.django_db
def test_programme_and_item_pages_link_the_speakers(client, edition, programme):
    programme_page = client.get(f"/{edition.slug}/program/").content.decode()
    item_page = client.get(f"/{edition.slug}/program/{programme['talk'].pk}/").content.decode()

    for slug in ["kari-nordmann-2", "per", "oyvind-as", "ase-berg"]:
        assert f'href="/{edition.slug}/program/talere/{slug}/"' in programme_page
    assert f'href="/{edition.slug}/program/talere/kari-nordmann-2/"' in item_page
    assert f'href="/{edition.slug}/program/talere/per/"' in item_page
    assert f'href="/{edition.slug}/program/talere/"' in programme_page


@pytest.mark.django_db
def test_unknown_speaker_is_404(client, edition, programme):
    assert client.get(f"/{edition.slug}/program/talere/finnes-ikke/").status_code == 404
    assert client.get(f"/{edition.slug}/program/talere/oyvind-as-2/").status_code == 404


@pytest.mark.django_db
def test_before_publication_there_are_no_speakers(client, edition):
    add_item(edition, "Åpning", hour=9, speakers="Øyvind Ås")

    listing = client.get(f"/{edition.slug}/program/talere/")

    assert listing.status_code == 200
    assert listing.context["speakers"] == []
    assert "Øyvind Ås" not in listing.content.decode()
    assert client.get(f"/{edition.slug}/program/talere/oyvind-as/").status_code == 404


@pytest.mark.django_db
def test_unpublished_items_and_speakers_never_appear(client, edition, programme):
    add_item(edition, "Hemmelig utkast", hour=16, speakers="Hemmelig Taler, Øyvind Ås")
    changed = programme["opening"]
    changed.speakers = "Åse Berg, Ny Hemmelighet"
    changed.save()

    listing = client.get(f"/{edition.slug}/program/talere/").content.decode()
    page = client.get(f"/{edition.slug}/program/talere/oyvind-as/").content.decode()
    programme_page = client.get(f"/{edition.slug}/program/").content.decode()

    for secret in ["Hemmelig Taler", "Ny Hemmelighet", "Hemmelig utkast"]:
        assert secret not in listing and secret not in page and secret not in programme_page
    assert "Åpning" in page  # the published version still has Øyvind in the opening
    assert client.get(f"/{edition.slug}/program/talere/hemmelig-taler/").status_code == 404
    assert client.get(f"/{edition.slug}/program/talere/ny-hemmelighet/").status_code == 404

    publish_program(edition=edition, user=None)

    assert client.get(f"/{edition.slug}/program/talere/hemmelig-taler/").status_code == 200
    assert "Åpning" not in client.get(f"/{edition.slug}/program/talere/oyvind-as/").content.decode()


@pytest.mark.django_db
def test_speakers_of_an_edition_being_planned_are_404(client, db):
    hidden = EditionFactory(slug="gp98", phase=Phase.PLANNING)
    add_item(hidden, "Åpning", hour=9, speakers="Øyvind Ås")
    publish_program(edition=hidden, user=None)

    assert client.get(f"/{hidden.slug}/program/talere/").status_code == 404
    assert client.get(f"/{hidden.slug}/program/talere/oyvind-as/").status_code == 404


@pytest.mark.django_db
def test_speaker_pages_in_english(client, edition, programme):
    response = client.get(f"/en/{edition.slug}/program/talere/oyvind-as/")

    assert response.status_code == 200
    assert "(cancelled)" in response.content.decode()
    assert 'href="/en/' in response.content.decode()


@pytest.mark.django_db
def test_speaker_list_query_count_is_constant_in_the_number_of_speakers(client, edition, programme):
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"/{edition.slug}/program/talere/").status_code == 200
    for hour in range(8, 18):
        names = ", ".join(f"Taler {hour}-{n}" for n in range(4))
        add_item(edition, f"Punkt {hour}", hour=hour, speakers=names, day=1)
    publish_program(edition=edition, user=None)

    with CaptureQueriesContext(connection) as many:
        response = client.get(f"/{edition.slug}/program/talere/")

    assert len(response.context["speakers"]) == 45
    assert len(many) == len(few)


@pytest.mark.django_db
def test_sami_letters_are_spelt_out_in_a_speaker_address_and_the_old_one_redirects(client, edition):
    add_item(edition, "Giellaoahpahus", hour=9, speakers="Áŋŋe Đuolda")
    publish_program(edition=edition, user=None)

    page = client.get(f"/{edition.slug}/program/talere/anne-duolda/")
    old = client.get(f"/{edition.slug}/program/talere/ae-uolda/")

    assert page.status_code == 200
    assert page.context["speaker"]["name"] == "Áŋŋe Đuolda"
    assert (old.status_code, old["Location"]) == (301, f"/{edition.slug}/program/talere/anne-duolda/")
