"""Reading the shipped reference data into the database."""

import csv
import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import County, Municipality

DATA_DIR = Path(__file__).resolve().parent / "data"
VALID_FROM_2024 = datetime.date(2024, 1, 1)


def load_places_2024(
    *, county_model: type["County"], municipality_model: type["Municipality"]
) -> tuple[int, int]:
    """Create or update the counties and municipalities valid from 2024-01-01.

    Takes the models as arguments so a data migration can pass its historical models.
    Returns the number of counties and municipalities in the files.
    """
    counties = {}
    with open(DATA_DIR / "fylker_2024.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            counties[row["fylkesnummer"]], _ = county_model.objects.update_or_create(
                number=row["fylkesnummer"],
                defaults={
                    "name": row["fylkesnavn"],
                    "short_name": row["fylkesnavn_kort"],
                    "valid_from": VALID_FROM_2024,
                },
            )
    count = 0
    with open(DATA_DIR / "kommuner_2024.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            municipality_model.objects.update_or_create(
                number=row["kommunenummer"],
                defaults={
                    "name": row["kommunenavn"],
                    "name_norwegian": row["kommunenavn_norsk"],
                    "county": counties[row["fylkesnummer"]],
                    "latitude": float(row["lat"]),
                    "longitude": float(row["lon"]),
                    "valid_from": VALID_FROM_2024,
                },
            )
            count += 1
    return len(counties), count


def load_neighbours_2024(*, municipality_model: type["Municipality"]) -> int:
    """Record which municipalities share a border, from `naboer_2024.csv` (pairs, each once).

    Takes the model as an argument so a data migration can pass its historical model. Pairs whose numbers
    are not in the database are skipped; pairs already recorded are left alone. Returns the number of
    pairs in the file.
    """
    with open(DATA_DIR / "naboer_2024.csv", encoding="utf-8") as f:
        pairs = [(row["kommunenummer"], row["nabo_kommunenummer"]) for row in csv.DictReader(f)]
    ids = dict(municipality_model.objects.values_list("number", "id"))
    through = municipality_model.neighbours.through
    rows = [
        through(from_municipality_id=ids[a], to_municipality_id=ids[b])
        for pair in pairs
        for a, b in (pair, pair[::-1])
        if a in ids and b in ids
    ]
    through.objects.bulk_create(rows, ignore_conflicts=True)
    return len(pairs)
