"""The shipped map data, the neighbours loaded from it, and drawing maps."""

import csv
import time

import pytest

from gronnpraksis.places import map as places_map
from gronnpraksis.places.models import County, Municipality
from gronnpraksis.places.services import DATA_DIR


def neighbours(number: str) -> set[str]:
    return set(Municipality.objects.get(number=number).neighbours.values_list("number", flat=True))


@pytest.mark.django_db
def test_neighbours_are_loaded_both_ways():
    assert "4223" in neighbours("4204")  # Kristiansand – Vennesla
    assert "4204" in neighbours("4223")
    assert neighbours("0301") == {"3201", "3205", "3207", "3220", "3222", "3232", "3234", "3305"}
    assert "1580" in neighbours("1508")  # Ålesund and Haram, split in 2024
    assert neighbours("1856") == neighbours("1857") == neighbours("1151") == set()  # Røst, Værøy, Utsira
    with open(DATA_DIR / "naboer_2024.csv", encoding="utf-8") as f:
        pairs = len(list(csv.DictReader(f)))
    assert Municipality.neighbours.through.objects.count() == 2 * pairs


@pytest.mark.django_db
def test_every_current_place_has_a_shape():
    data = places_map.geometry()
    assert set(data["municipalities"]) == set(Municipality.objects.current().values_list("number", flat=True))
    assert set(data["counties"]) == set(County.objects.values_list("number", flat=True))


def test_the_map_data_is_compact_and_whole():
    assert (DATA_DIR / "kart_2024.json").stat().st_size < 600_000
    for shape in [
        *places_map.geometry()["municipalities"].values(),
        *places_map.geometry()["counties"].values(),
    ]:
        for key in ("detail", "overview"):
            if key in shape:
                assert shape[key].startswith("M") and shape[key].endswith("z")
                assert set(shape[key]) <= set("0123456789 -Mlz")
    assert set(places_map.geometry()["county_borders"]) <= set("0123456789 -Ml")


@pytest.mark.parametrize(
    ("count", "level"), [(0, 0), (1, 1), (2, 2), (4, 2), (5, 3), (9, 3), (10, 4), (1000, 4)]
)
def test_levels(count, level):
    assert places_map.level(count) == level


def test_legend_matches_the_levels():
    assert places_map.legend() == [(0, 0, 0), (1, 1, 1), (2, 2, 4), (3, 5, 9), (4, 10, None)]


def test_draw_escapes_text_and_marks_the_current_place():
    places = [
        places_map.Place("4204", "/kommuner/4204/?a=1&b=2", "<Kristiansand> & co: 3", 3, current=True),
        places_map.Place("4223", "/kommuner/4223/", "Vennesla: 0", 0),
        places_map.Place("9999", "/kommuner/9999/", "Not on the map", 1),
    ]

    svg = places_map.draw(
        places, kind="municipalities", view_box=places_map.frame("counties", "42"), detail=True
    )

    assert svg.startswith('<svg class="gp-map__svg" viewBox="') and 'aria-hidden="true"' in svg
    assert "<title>&lt;Kristiansand&gt; &amp; co: 3</title>" in svg
    assert 'href="/kommuner/4204/?a=1&amp;b=2"' in svg
    assert "9999" not in svg
    # The current place comes last, so its border is drawn on top of its neighbours'.
    assert svg.index("Vennesla") < svg.index("Kristiansand")
    assert 'class="gp-map__level-2 gp-map__place--current"' in svg
    assert 'class="gp-map__level-0"' in svg


def test_drawing_all_of_norway_is_fast():
    places = [
        places_map.Place(number, f"/kommuner/{number}/", f"Kommune {number}: {i % 12}", i % 12)
        for i, number in enumerate(places_map.geometry()["municipalities"])
    ]
    places_map.draw(places, kind="municipalities", view_box=places_map.frame("counties"))  # the file is read
    started = time.perf_counter()
    for _ in range(10):
        svg = places_map.draw(
            places,
            kind="municipalities",
            view_box=places_map.frame("counties"),
            county_borders=True,
        )
    elapsed = (time.perf_counter() - started) / 10
    print(f"\nall Norway: {len(svg) / 1000:.0f} kB of SVG in {elapsed * 1000:.1f} ms")
    assert elapsed < 0.02


@pytest.mark.django_db
def test_the_admin_shows_neighbours_without_letting_them_be_edited(client, organiser):
    client.force_login(organiser)
    kristiansand = Municipality.objects.get(number="4204")

    html = client.get(f"/admin/places/municipality/{kristiansand.pk}/change/").content.decode()

    assert "Vennesla" in html
    assert 'name="neighbours"' not in html
