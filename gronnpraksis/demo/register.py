"""The demo's copy of Enhetsregisteret: the bundled extract in the bulk download's format
(`gronnpraksis/organisations/data/enheter-demo.json`, see its README), read by the same importer as
`manage.py import_enhetsregisteret`."""

from pathlib import Path

import gronnpraksis.organisations
from gronnpraksis.organisations.register import read_units
from gronnpraksis.organisations.services import import_register

EXTRACT = Path(gronnpraksis.organisations.__file__).parent / "data" / "enheter-demo.json"


def seed_register() -> int:
    """Import the bundled extract; returns how many units were stored."""
    return import_register(read_units(EXTRACT))
