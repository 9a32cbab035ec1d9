"""Enhetsregisteret from Brønnøysundregistrene's bulk download, read as a stream.

The open data (NLOD 2.0) comes as `enheter` in JSON (one array of units, usually gzipped) or CSV (one
row per unit, the nested fields as dotted column names such as `postadresse.postnummer`). A unit has
`organisasjonsnummer`, `navn`, `organisasjonsform` (`kode`, `beskrivelse`), and a `postadresse` and a
`forretningsadresse`, each with `adresse` (a list of lines), `postnummer`, `poststed`, `kommunenummer`
and `landkode`. The postal address is used when there is one, else the business address.

The full file has about a million units; it is read one unit at a time (a JSON decoder over a sliding
buffer, or the CSV reader), so memory stays flat whatever the file's size.
"""

import csv
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

CHUNK = 1 << 16


@dataclass(frozen=True)
class Unit:
    number: str
    name: str
    form: str
    street: str
    postcode: str
    city: str
    country: str
    municipality_number: str


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return path.open(encoding="utf-8-sig", newline="")


def _address(unit: dict[str, Any], kind: str) -> dict[str, Any]:
    value = unit.get(kind)
    return value if isinstance(value, dict) else {}


def _text(value: Any, limit: int) -> str:
    return str(value or "").strip()[:limit]


def unit_from(record: dict[str, Any]) -> Unit | None:
    """A unit from one JSON object of the download (None when it has no valid number or name)."""
    number = _text(record.get("organisasjonsnummer"), 20)
    name = _text(record.get("navn"), 300)
    if not (len(number) == 9 and number.isdigit() and name):
        return None
    address = _address(record, "postadresse") or _address(record, "forretningsadresse")
    lines = address.get("adresse") or []
    if isinstance(lines, str):
        lines = [lines]
    form = record.get("organisasjonsform")
    return Unit(
        number=number,
        name=name,
        form=_text(form.get("kode") if isinstance(form, dict) else form, 10),
        street=_text(", ".join(str(line) for line in lines if line), 300),
        postcode=_text(address.get("postnummer"), 10),
        city=_text(address.get("poststed"), 100),
        country=_text(address.get("landkode"), 2).upper() or "NO",
        municipality_number=_text(address.get("kommunenummer"), 4),
    )


def _json_objects(stream: IO[str]) -> Iterator[dict[str, Any]]:
    """The objects of a top-level JSON array, one at a time."""
    decoder = json.JSONDecoder()
    buffer, position, done = "", 0, False
    while True:
        while position < len(buffer) and buffer[position] in " \t\r\n,[":
            position += 1
        if position < len(buffer) and buffer[position] == "]":
            return
        try:
            value, end = decoder.raw_decode(buffer, position)
        except json.JSONDecodeError:
            if done:
                if buffer[position:].strip():
                    raise
                return
            chunk = stream.read(CHUNK)
            done = not chunk
            buffer, position = buffer[position:] + chunk, 0
            continue
        if isinstance(value, dict):
            yield value
        position = end


def _csv_records(stream: IO[str]) -> Iterator[dict[str, Any]]:
    """CSV rows turned into the JSON shape (dotted column names become nested objects)."""
    for row in csv.DictReader(stream):
        record: dict[str, Any] = {}
        for column, value in row.items():
            if column is None:
                continue
            head, _dot, tail = column.partition(".")
            if tail:
                record.setdefault(head, {})[tail] = value
            else:
                record[head] = value
        for kind in ("postadresse", "forretningsadresse"):
            address = record.get(kind)
            if isinstance(address, dict) and not any(address.values()):
                record.pop(kind)
        yield record


def read_units(path: Path) -> Iterator[Unit]:
    """Every valid unit of a downloaded `enheter` file (.json, .json.gz, .csv or .csv.gz)."""
    suffixes = [s for s in path.suffixes if s != ".gz"]
    with _open(path) as stream:
        records = _csv_records(stream) if suffixes[-1:] == [".csv"] else _json_objects(stream)
        for record in records:
            unit = unit_from(record)
            if unit is not None:
                yield unit
