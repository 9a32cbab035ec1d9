"""Place pages: the map of Norway, a county's page and a municipality's page with its county and neighbours."""

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gronnpraksis.examples.models import Example, ModerationState
from tests.factories import UserFactory, municipality

from .helpers import examples, map_title, nb, nb_plural

pytestmark = pytest.mark.django_db

KRISTIANSAND, VENNESLA, LILLESAND, OSLO, BAERUM, BERGEN, ROST = (
    "4204",
    "4223",
    "4215",
    "0301",
    "3201",
    "4601",
    "1856",
)
NOT_PUBLIC = [
    ModerationState.DRAFT,
    ModerationState.PENDING,
    ModerationState.RETURNED,
    ModerationState.REJECTED,
]


def example(title: str, *places: str, state: str = ModerationState.PUBLISHED, **fields: Any) -> Example:
    created = Example.objects.create(title=title, summary=f"Om {title.lower()}.", state=state, **fields)
    created.municipalities.set([municipality(number) for number in places])
    return created


def not_public(*places: str) -> None:
    """An example in every state that is not public, in `places`, with an owner whose view could leak."""
    owner = UserFactory(email="eier@example.no")
    for state in NOT_PUBLIC:
        example(f"Hemmelig {state}", *places, state=state, created_by=owner)


def county_total(counter: int) -> str:
    return nb_plural(
        "%(counter)s published practice example from the county's municipalities.",
        "%(counter)s published practice examples from the county's municipalities.",
        counter,
        counter=counter,
    )


def bank_total(counter: int) -> str:
    return nb_plural(
        "The example bank has %(counter)s published practice example. Choose a municipality or a county to see its examples and those nearby.",
        "The example bank has %(counter)s published practice examples. Choose a municipality or a county to see its examples and those nearby.",
        counter,
        counter=counter,
    )


def from_here(counter: int) -> str:
    return nb_plural(
        "%(counter)s practice example from here",
        "%(counter)s practice examples from here",
        counter,
        counter=counter,
    )


def section(html: str, heading_id: str) -> str:
    """The HTML of the `<section>` labelled by the heading with this id."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    assert match, heading_id
    return match.group(0)


def table_counts(html: str) -> dict[str, int]:
    """{municipality number: count} from the rows of the place tables on a page."""
    rows = re.findall(
        r'<tr><th scope="row"><a [^>]*href="[^"]*/kommuner/(\d{4})/"[^>]*>[^<]*</a></th><td class="gp-number">(\d+)</td>',
        html,
    )
    return {number: int(count) for number, count in rows}


def map_titles(html: str) -> dict[str, str]:
    """{href: title} of the places on the page's maps."""
    return dict(re.findall(r'<a href="([^"]+)" tabindex="-1"><title>([^<]*)</title>', html))


# --- The municipality page ----------------------------------------------------------------------------------


def test_municipality_page_shows_its_examples_then_the_county_and_the_neighbours(client):
    example("Sykkelparkering ved rådhuset", KRISTIANSAND)
    example("Felles innkjøp av elbiler", KRISTIANSAND, LILLESAND)
    example("Ombruk av møbler", LILLESAND)
    example("Solceller på skolen", VENNESLA)
    example("Matsvinn i kantina", BERGEN)

    html = client.get(f"/kommuner/{KRISTIANSAND}/").content.decode()

    assert "<h1" in html and "Kristiansand</h1>" in html
    own = section(html, "own")
    assert from_here(2) in own
    assert "Sykkelparkering ved rådhuset" in own and "Felles innkjøp av elbiler" in own
    from_county = section(html, "from-county")
    # Examples shown above are not repeated; Vennesla and Lillesand are both in Agder.
    assert "Ombruk av møbler" in from_county and "Solceller på skolen" in from_county
    assert "Felles innkjøp" not in from_county and "Sykkelparkering" not in from_county
    assert "Matsvinn" not in html
    neighbours = section(html, "neighbours-heading")
    assert f'<a class="ds-link" href="/kommuner/4223/">Vennesla</a>: {examples(1)}' in neighbours
    assert f'<a class="ds-link" href="/kommuner/4215/">Lillesand</a>: {examples(2)}' in neighbours
    # The neighbours' examples were shown as the county's already.
    assert nb("No other published practice examples from the neighbours yet.") in section(
        html, "from-neighbours"
    )


def test_neighbours_in_another_county_have_their_own_section(client):
    """Oslo is a county of its own: everything nearby comes from the neighbours in Akershus."""
    example("Kildesortering i bydelene", OSLO)
    example("Gratis buss til Fornebu", BAERUM)
    example("Havnebuss", BERGEN)

    html = client.get(f"/kommuner/{OSLO}/").content.decode()

    assert nb("No other published practice examples from the county yet.") in section(html, "from-county")
    from_neighbours = section(html, "from-neighbours")
    assert "Gratis buss til Fornebu" in from_neighbours
    assert "Kildesortering" not in from_neighbours and "Havnebuss" not in html
    assert f"Bærum</a> (Akershus): {examples(1)}" in section(html, "neighbours-heading")
    # Its map shows the neighbours too, with their numbers.
    titles = map_titles(html)
    assert len(titles) == 1 + 8
    assert titles["/kommuner/3201/"] == map_title("Bærum", 1)


def test_an_island_municipality_has_no_neighbours(client):
    html = client.get(f"/kommuner/{ROST}/").content.decode()

    assert (
        nb("%(municipality)s shares no border on land with another municipality.", municipality="Røst")
        in html
    )
    assert nb("No published practice examples from here yet.") in html


def test_nearby_examples_are_capped_with_their_total(client):
    for number in range(15):
        example(f"Eksempel {number} fra Lillesand", LILLESAND)

    html = client.get(f"/kommuner/{KRISTIANSAND}/").content.decode()

    from_county = section(html, "from-county")
    assert from_county.count('class="ds-card gp-example-card"') == 12
    assert nb("Showing %(shown)s of %(total)s.", shown=12, total=15) in from_county
    assert 'href="/fylker/42/"' in from_county
    # The three the county section could not show come from the neighbour Lillesand.
    assert section(html, "from-neighbours").count('class="ds-card gp-example-card"') == 3


@pytest.mark.parametrize("viewer", ["anonymous", "owner", "other"])
def test_examples_that_are_not_published_are_never_shown_or_counted(client, viewer):
    example("Offentlig eksempel", KRISTIANSAND)
    not_public(KRISTIANSAND, LILLESAND, VENNESLA, BAERUM, OSLO)
    if viewer == "owner":
        client.force_login(UserFactory(email="eier@example.no"))
    elif viewer == "other":
        client.force_login(UserFactory(email="annen@example.no"))

    pages = [
        client.get(path).content.decode()
        for path in (
            f"/kommuner/{KRISTIANSAND}/",
            f"/kommuner/{OSLO}/",
            "/kommuner/",
            "/fylker/42/",
            "/fylker/03/",
        )
    ]

    for html in pages:
        assert "Hemmelig" not in html
    kristiansand, oslo, everything, agder, oslo_county = pages
    assert from_here(1) in kristiansand
    assert table_counts(everything)[KRISTIANSAND] == 1
    assert table_counts(everything)[LILLESAND] == 0
    assert table_counts(everything)[OSLO] == 0
    assert bank_total(1) in everything
    assert county_total(1) in agder
    assert county_total(0) in oslo_county
    assert f"Bærum</a> (Akershus): {examples(0)}" in oslo


def test_municipality_page_has_a_map_of_its_county_with_the_municipality_outlined(client):
    example("Sykkelparkering ved rådhuset", KRISTIANSAND)

    html = client.get(f"/kommuner/{KRISTIANSAND}/").content.decode()

    titles = map_titles(html)
    assert titles["/kommuner/4204/"] == map_title("Kristiansand", 1)
    assert titles["/kommuner/4223/"] == map_title("Vennesla", 0)
    assert len(titles) == 25  # the municipalities of Agder
    assert 'class="gp-map__level-1 gp-map__place--current"' in html
    svg = re.search(r"<svg[^>]*>", html)
    assert svg is not None
    assert 'aria-hidden="true"' in svg.group(0)
    # The same numbers are in a table on the page, with the place itself marked.
    assert table_counts(html)[KRISTIANSAND] == 1
    assert '<a class="ds-link" href="/kommuner/4204/" aria-current="page">Kristiansand</a>' in html


def test_municipality_page_is_paginated(client):
    for number in range(30):
        example(f"Eksempel nummer {number:02}", KRISTIANSAND)

    first = client.get(f"/kommuner/{KRISTIANSAND}/").content.decode()
    second = client.get(f"/kommuner/{KRISTIANSAND}/?side=2").content.decode()

    assert section(first, "own").count('class="ds-card gp-example-card"') == 24
    assert section(second, "own").count('class="ds-card gp-example-card"') == 6
    assert nb("Page %(number)s of %(pages)s", number=2, pages=2) in second and 'href="?side=1"' in second


# --- The map of Norway and the county page ------------------------------------------------------------------


def test_places_page_shades_and_counts_every_municipality_and_county(client):
    for number in range(5):
        example(f"Bergenseksempel {number}", BERGEN)
    example("To byer", BERGEN, KRISTIANSAND)

    response = client.get("/kommuner/")
    html = response.content.decode()

    assert response.status_code == 200
    counts = table_counts(html)
    assert len(counts) == 357
    assert counts[BERGEN] == 6 and counts[KRISTIANSAND] == 1 and counts[OSLO] == 0
    titles = map_titles(html)
    assert titles["/kommuner/4601/"] == map_title("Bergen", 6)
    assert titles["/fylker/46/"] == map_title("Vestland", 6)
    assert titles["/fylker/42/"] == map_title("Agder", 1)
    assert len([href for href in titles if href.startswith("/kommuner/")]) == 357
    assert len([href for href in titles if href.startswith("/fylker/")]) == 15
    bergen = re.search(
        r'<a href="/kommuner/4601/" tabindex="-1"><title>[^<]*</title><path class="([^"]+)"', html
    )
    assert bergen is not None
    assert bergen.group(1) == "gp-map__level-3"  # 5–9
    assert html.count('class="gp-map__borders"') == 1
    assert f'<a class="ds-link" href="/fylker/46/">Vestland</a>: {examples(6)}' in html
    assert bank_total(6) in html


def test_places_page_links_keep_the_language(client):
    html = client.get("/en/kommuner/").content.decode()

    assert map_titles(html)["/en/kommuner/0301/"] == "Oslo: 0 practice examples"
    assert 'href="/en/fylker/03/"' in html


def test_maps_make_no_request_to_another_host(client):
    html = client.get("/kommuner/").content.decode()

    assert len(html.encode()) < 450_000
    # The canonical and hreflang links name the page's own absolute addresses; browsers load neither.
    loaded = re.sub(r'<link rel="(canonical|alternate)"[^>]*>', "", html)
    assert not re.search(r'(href|src)="(https?:)?//', loaded)
    assert "style=" not in html and "<script>" not in html


def test_county_page_shows_the_examples_of_its_municipalities_once(client):
    example("Felles innkjøp", KRISTIANSAND, LILLESAND)
    example("Solceller på skolen", VENNESLA)
    example("Havnebuss", BERGEN)

    html = client.get("/fylker/42/").content.decode()

    examples = section(html, "examples")
    assert examples.count("Felles innkjøp") == 1 and "Solceller" in examples
    assert "Havnebuss" not in html
    assert county_total(2) in html
    counts = table_counts(html)
    assert len(counts) == 25
    assert {number: count for number, count in counts.items() if count} == {
        KRISTIANSAND: 1,
        LILLESAND: 1,
        VENNESLA: 1,
    }
    assert len(map_titles(html)) == 25


def test_an_official_county_name_in_several_languages_is_shown(client):
    html = client.get("/fylker/18/").content.decode()

    assert "Nordland</h1>" in html and "Nordland - Nordlánnda" in html


# --- Bad input ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/kommuner/abcd/",
        "/kommuner/123/",
        "/kommuner/12345/",
        "/kommuner/9999/",
        "/kommuner/0000/",
        "/kommuner/../",
        "/kommuner/..%2F/",
        "/kommuner/%00301/",
        "/kommuner/0301%00/",
        "/kommuner/٠٣٠١/",
        "/kommuner/" + "1" * 10_000 + "/",
        "/kommuner/0301/x/",
        "/fylker/",
        "/fylker/4/",
        "/fylker/042/",
        "/fylker/99/",
        "/fylker/4204/",
        "/fylker/" + "4" * 10_000 + "/",
    ],
)
def test_bad_numbers_are_not_found(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("page", ["0", "-1", "2", "999999", "abc", "1e5", "1.5", "9" * 10_000, ""])
def test_any_page_number_gives_a_page(client, page):
    example("Sykkelparkering ved rådhuset", KRISTIANSAND)

    for path in (f"/kommuner/{KRISTIANSAND}/", "/fylker/42/"):
        response = client.get(path, {"side": page})
        assert response.status_code == 200
        assert "Sykkelparkering ved rådhuset" in response.content.decode()


def test_a_municipality_no_longer_valid_still_has_its_page(client):
    """Numbers are never deleted: an old municipality's examples stay reachable (it has no shape on the map)."""
    old = municipality(KRISTIANSAND)
    old.pk = None
    old.number = "1001"
    old.name = old.name_norwegian = "Gamle Kristiansand"
    old.valid_to = old.valid_from
    old.save()
    example("Fra før sammenslåingen", "1001")

    html = client.get("/kommuner/1001/").content.decode()

    assert "Fra før sammenslåingen" in section(html, "own")
    assert "/kommuner/1001/" not in map_titles(html)
    assert "1001" not in table_counts(client.get("/kommuner/").content.decode())


# --- Query counts -------------------------------------------------------------------------------------------


def spread(count: int) -> None:
    """`count` published examples, each in three places, so that already two reach every section of the
    pages under test (own, county, neighbours)."""
    places = [(KRISTIANSAND, VENNESLA, OSLO), (LILLESAND, BERGEN, BAERUM)]
    for number in range(count):
        example(f"Eksempel {number}", *places[number % 2])


def queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("path", "most"),
    # Besides the page's own queries, the site's context processors ask for the current edition (2).
    [
        (f"/kommuner/{KRISTIANSAND}/", 11 + 2),
        (f"/kommuner/{OSLO}/", 11 + 2),
        ("/kommuner/", 5 + 2),
        ("/fylker/42/", 6 + 2),
    ],
)
def test_query_count_does_not_grow_with_the_examples(client, path, most):
    spread(2)
    few = queries(client, path)
    spread(30)  # more than the county's and the neighbours' caps (12)
    many = queries(client, path)

    assert few == many <= most
