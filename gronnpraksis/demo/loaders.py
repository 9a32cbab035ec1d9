"""Reading the demo's data files: TOML in `demo/data/`, read with the standard library's `tomllib`."""

import tomllib
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


def load(name: str) -> dict[str, Any]:
    """The data file `demo/data/<name>.toml` as a dict (TOML dates and times become `datetime` objects)."""
    with (DATA / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)
