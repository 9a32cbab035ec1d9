"""The demo's data files (TOML) and Grønn Praksis 22's programme at its real size."""

import datetime
import io
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from gronnpraksis.demo import content, examples, loaders
from gronnpraksis.demo.examples import ExampleSpec
from gronnpraksis.program.models import ProgramVersion


def test_every_data_file_reads_and_builds_the_dataclasses_with_tuples_and_nones() -> None:
    assert {path.stem for path in loaders.DATA.glob("*.toml")} >= {
        "organisations",
        "editions",
        "people",
        "contributions",
        "examples",
        "awards",
        "review",
        "gp22_programme",
    }
    assert len(examples.EXAMPLES) > 40 and len(content.GP27_PARTICIPANTS) > 20
    spec = loaders.build(
        ExampleSpec,
        {
            **loaders.load("examples")["mulighetenes_hus"],
            "years": [2019],
            "figures": [{"label": "Mat", "value": 60, "unit": "tonn", "accuracy": "anslatt"}],
        },
    )
    assert spec.years == (2019, None)  # TOML has no null: a missing end year is left out
    assert spec.figures[0].year is None and isinstance(spec.figures, tuple)
    assert isinstance(spec.contact, tuple) and spec.on.year >= 2022
    assert content.GP22.tickets[0].quota is None  # an optional field the file leaves out


def test_the_gp22_programme_file_names_only_its_own_rooms_tracks_and_contributions() -> None:
    data = loaders.load("gp22_programme")
    rooms = {room["name"] for room in data["rooms"]}
    tracks = {track["slug"] for track in data["tracks"]} | {"partner"}
    keys = {spec.key for spec in content.GP22_CONTRIBUTIONS}
    for item in data["items"]:
        assert item.get("room", "Store sal") in rooms, item["title"]
        assert item.get("track", "mat") in tracks, item["title"]
        assert item.get("contribution", "matsvinn-til-matglede") in keys, item["title"]


@pytest.mark.django_db
def test_gp22_has_the_real_size_programme_with_parallel_rooms_on_day_2() -> None:
    call_command("seed_demo", stdout=io.StringIO())

    version = ProgramVersion.objects.get(edition__slug="gp22")
    items = version.items
    speakers = {person["name"] for item in items for person in item["speakers"]}
    assert 28 <= len(speakers) <= 36  # "30 innledere"
    days = Counter(datetime.datetime.fromisoformat(item["starts_at"]).date() for item in items)
    assert sorted(days) == [datetime.date(2022, 5, 30), datetime.date(2022, 5, 31)]
    titles = [item["title"] for item in items]
    assert sum(title.startswith("Finalist: ") for title in titles) == 10
    assert "Åpningen av Miljøuka" in titles
    deep_dives = datetime.datetime(2022, 5, 31, 9, 30, tzinfo=ZoneInfo("Europe/Oslo"))
    day2_rooms = {
        item["room"]["name"]
        for item in items
        if item["room"] and datetime.datetime.fromisoformat(item["starts_at"]) == deep_dives
    }
    assert len(day2_rooms) == 4  # four deep dives at once
    fictional = [item for item in items if any(p["name"] == "Hanne Vatne Lid" for p in item["speakers"])]
    assert fictional and all("Demoinnhold" in item["description"] for item in fictional)
    winner = next(item for item in items if item["title"] == "Finalist: Matsvinn til matglede")
    assert winner["contribution"] is not None and winner["speakers"]
