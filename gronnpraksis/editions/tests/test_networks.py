"""Networks on the public side: invisible with one network, a network's page, its host name, the edition
page naming its network, the front page's calendar and the iCal feed of coming editions."""

import datetime
import re

import icalendar
import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, Settings

from gronnpraksis.editions.models import (
    COLOUR_BASE,
    Edition,
    EditionFormat,
    Network,
    NetworkColour,
    Phase,
    national_network,
)
from tests.bank_data import publish
from tests.factories import EditionFactory, NetworkFactory

HOST = "klima-innlandet.example.no"


def regional(**fields: object) -> Network:
    return NetworkFactory(
        slug="klima-innlandet",
        name="Klimanettverk Innlandet (demo)",
        description="Kommunene i Innlandet deler klimapraksis.",
        colour=NetworkColour.PURPLE,
        contact_email="post@klima-innlandet.example.no",
        **fields,
    )


def half_day(network: Network, slug: str = "innlandet27", days: int = 30, **fields: object) -> Edition:
    day = timezone.localdate() + datetime.timedelta(days=days)
    fields.setdefault("name", f"Klimahalvdag {slug}")
    return EditionFactory(
        slug=slug,
        network=network,
        format=EditionFormat.HALF_DAY,
        starts_on=day,
        ends_on=day,
        **fields,
    )


@pytest.mark.django_db
def test_every_edition_is_in_the_national_network_made_by_the_migration(edition: Edition) -> None:
    national = Network.objects.get(is_national=True)

    assert national.name == "Grønn Praksis"
    assert national_network() == national
    assert edition.network == national
    assert edition.format == EditionFormat.ARENA


@pytest.mark.django_db
def test_with_one_network_no_public_page_shows_the_concept(client: Client, edition: Edition) -> None:
    example = publish("Sykkelparkering ved skolen")
    pages = ["/", edition.get_absolute_url(), "/eksempler/", example.get_absolute_url(), "/arkiv/"]

    for path in pages:
        body = client.get(path).content.decode()
        assert "/nettverk/" not in body, path
        assert "calendar-heading" not in body, path
        assert 'name="nettverk"' not in body, path
        assert "network-provenance-heading" not in body, path
        assert "<body data-color" not in body, path


@pytest.mark.django_db
def test_with_two_networks_the_edition_page_names_its_network_in_its_look(
    client: Client, edition: Edition
) -> None:
    network = regional()
    theirs = half_day(network)

    body = client.get(theirs.get_absolute_url()).content.decode()

    assert f'href="/nettverk/{network.slug}/">{network.name}</a>' in body
    assert '<body data-color="brand2">' in body
    national = client.get(edition.get_absolute_url()).content.decode()
    assert f'href="/nettverk/{national_network().slug}/">Grønn Praksis</a>' in national


@pytest.mark.django_db
def test_the_front_page_stays_with_the_national_edition(client: Client, edition: Edition) -> None:
    half_day(regional(), days=5)  # sooner than the national edition

    assert client.get("/").context["edition"] == edition


@pytest.mark.django_db
def test_a_networks_page_shows_its_editions_contact_and_examples(client: Client, edition: Edition) -> None:
    network = regional(about="Et nettverk for kommunene i fylket.")
    coming = half_day(network)
    past = half_day(network, slug="innlandet25", days=-400, phase=Phase.ARCHIVED)
    planned = half_day(network, slug="innlandet28", days=90, phase=Phase.PLANNING)
    ours = publish("Solceller på rådhuset", network=network)
    publish("Et nasjonalt eksempel")

    response = client.get(f"/nettverk/{network.slug}/")

    body = response.content.decode()
    assert response.status_code == 200
    assert list(response.context["upcoming"]) == [coming]
    assert list(response.context["past"]) == [past]
    assert planned.name not in body
    assert edition.name not in body.split('id="main"')[1]
    assert list(response.context["network_examples"]) == [ours]
    assert "Et nasjonalt eksempel" not in body
    assert "mailto:post@klima-innlandet.example.no" in body
    assert f"/eksempler/?nettverk={network.slug}" in body
    assert '<body data-color="brand2">' in body


@pytest.mark.django_db
def test_an_unknown_network_is_404(client: Client) -> None:
    assert client.get("/nettverk/finnes-ikke/").status_code == 404
    assert client.get(f"/nettverk/{regional().slug}/logo").status_code == 404  # no logo


@pytest.mark.django_db
def test_network_page_queries_do_not_grow_with_editions_or_examples(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    network = regional()
    half_day(network)
    publish("Første", network=network)
    path = f"/nettverk/{network.slug}/"
    client.get(path)
    with django_assert_max_num_queries(8) as few:
        client.get(path)
    baseline = len(few.captured_queries)
    for number in range(4):
        half_day(network, slug=f"innl{number}", days=40 + number)
        half_day(network, slug=f"innlgl{number}", days=-300 - number, phase=Phase.ARCHIVED)
        publish(f"Eksempel {number}", network=network)
    with django_assert_max_num_queries(baseline):
        client.get(path)


@pytest.mark.django_db
def test_a_networks_host_name_shows_its_page_at_the_root(
    client: Client, edition: Edition, settings: Settings
) -> None:
    settings.NETWORK_HOSTS = [HOST]
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    network = regional(host=HOST)

    response = client.get("/", HTTP_HOST=HOST)

    assert response.status_code == 200
    assert response.context["network"] == network
    assert '<body data-color="brand2">' in response.content.decode()
    # Every other page keeps its address and takes the network's look on that host.
    assert '<body data-color="brand2">' in client.get("/eksempler/", HTTP_HOST=HOST).content.decode()
    # The site's own address is not the network's.
    assert client.get("/").context["edition"] == edition


@pytest.mark.django_db
def test_a_host_name_not_listed_in_the_settings_is_not_looked_up(
    client: Client, edition: Edition, settings: Settings
) -> None:
    settings.NETWORK_HOSTS = []
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    regional(host=HOST)

    assert client.get("/", HTTP_HOST=HOST).context["edition"] == edition


@pytest.mark.django_db
def test_the_front_page_calendar_lists_coming_editions_of_every_network(
    client: Client, edition: Edition
) -> None:
    network = regional()
    coming = half_day(network)
    half_day(network, slug="innlandet25", days=-400, phase=Phase.ARCHIVED)
    half_day(network, slug="innlandet28", days=90, phase=Phase.PLANNING)

    response = client.get("/")

    assert list(response.context["calendar"]) == [coming, edition]
    body = response.content.decode()
    assert 'id="calendar-heading"' in body
    assert f'<td><a class="ds-link" href="/nettverk/{network.slug}/">{network.name}</a></td>' in body
    assert "/kalender.ics" in body


@pytest.mark.django_db
def test_front_page_calendar_queries_do_not_grow(
    client: Client, edition: Edition, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    network = regional()
    half_day(network)
    client.get("/")
    with django_assert_max_num_queries(16) as few:
        client.get("/")
    baseline = len(few.captured_queries)
    for number in range(5):
        half_day(network, slug=f"innl{number}", days=40 + number)
    with django_assert_max_num_queries(baseline):
        client.get("/")


@pytest.mark.django_db
def test_the_ical_feed_is_valid_rfc_5545_with_escaping_and_folding(client: Client, edition: Edition) -> None:
    network = regional()
    long_name = "Klimahalvdag; energi, mat og transport – omstilling nedenfra i kommunene på Nordmøre"
    assert len(long_name) <= 100 and len(f"SUMMARY:{long_name}".encode()) > 75  # must be folded
    coming = half_day(network, name=long_name, venue_name="Rådhuset, store sal")
    half_day(network, slug="innlandet28", days=90, phase=Phase.PLANNING)

    response = client.get("/kalender.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines are folded at 75 octets"
    assert b"SUMMARY:Klimahalvdag\\; energi\\, mat og transport" in raw  # escaped
    assert b"LOCATION:R\xc3\xa5dhuset\\, store sal" in raw
    calendar = icalendar.Calendar.from_ical(raw)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"edition-{coming.slug}@gronnpraksis", f"edition-{edition.slug}@gronnpraksis"}
    event = events[f"edition-{coming.slug}@gronnpraksis"]
    assert str(event["summary"]) == coming.name
    assert event.decoded("dtstart") == coming.starts_on
    assert event.decoded("dtend") == coming.ends_on + datetime.timedelta(days=1)
    assert network.name in str(event["description"])
    assert str(event["url"]).endswith(f"/{coming.slug}/")


@pytest.mark.parametrize("colour", list(NetworkColour))
def test_every_network_colour_meets_wcag_aa_against_white(colour: NetworkColour) -> None:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    assert re.fullmatch(r"#[0-9a-f]{6}", COLOUR_BASE[colour])
    contrast = (1.05) / (luminance(COLOUR_BASE[colour]) + 0.05)

    assert contrast >= 4.5  # white text on the colour (buttons), and the colour as text on white
