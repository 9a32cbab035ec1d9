"""The copy of Enhetsregisteret: the streaming import of the bulk download (JSON, gzipped JSON, CSV)
and the lookup by organisation number."""

import gzip
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

import gronnpraksis.organisations
from gronnpraksis.organisations.models import RegisterEntry
from gronnpraksis.organisations.register import read_units
from gronnpraksis.organisations.services import import_register, look_up

EXTRACT = Path(gronnpraksis.organisations.__file__).parent / "data" / "enheter-demo.json"

pytestmark = pytest.mark.django_db

UNIT = {
    "organisasjonsnummer": "974760673",
    "navn": "REGISTERENHETEN I BRØNNØYSUND",
    "organisasjonsform": {"kode": "ORGL", "beskrivelse": "Organisasjonsledd"},
    "postadresse": {
        "landkode": "NO",
        "postnummer": "8910",
        "poststed": "BRØNNØYSUND",
        "adresse": ["Postboks 900"],
        "kommunenummer": "1813",
    },
    "forretningsadresse": {
        "landkode": "NO",
        "postnummer": "8900",
        "poststed": "BRØNNØYSUND",
        "adresse": ["Havnegata 48"],
        "kommunenummer": "1813",
    },
}


def test_json_download_is_imported_with_the_postal_address(tmp_path: Path) -> None:
    path = tmp_path / "enheter.json"
    business_only = {
        "organisasjonsnummer": "999999999",
        "navn": "TEST AS",
        "forretningsadresse": {"adresse": ["Gate 1", "Bakgården"], "postnummer": "0150", "poststed": "OSLO"},
    }
    broken = {"organisasjonsnummer": "12", "navn": "for kort"}
    path.write_text(json.dumps([UNIT, business_only, broken]), encoding="utf-8")

    call_command("import_enhetsregisteret", str(path))

    entry = look_up("974 760 673")
    assert entry is not None
    assert (entry.name, entry.form, entry.street, entry.postcode, entry.city, entry.country) == (
        "REGISTERENHETEN I BRØNNØYSUND",
        "ORGL",
        "Postboks 900",
        "8910",
        "BRØNNØYSUND",
        "NO",
    )
    other = look_up("999999999")
    assert other is not None and (other.street, other.postcode) == ("Gate 1, Bakgården", "0150")
    assert RegisterEntry.objects.count() == 2
    assert look_up("123456785") is None and look_up("abc") is None


def test_a_second_import_updates_known_numbers(tmp_path: Path) -> None:
    path = tmp_path / "enheter.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump([UNIT], out)
    call_command("import_enhetsregisteret", str(path))
    moved = {**UNIT, "postadresse": {**UNIT["postadresse"], "adresse": ["Postboks 901"]}}  # type: ignore[dict-item]
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump([moved], out)
    call_command("import_enhetsregisteret", str(path))
    assert list(RegisterEntry.objects.values_list("street", flat=True)) == ["Postboks 901"]


def test_csv_download_with_dotted_columns(tmp_path: Path) -> None:
    path = tmp_path / "enheter.csv"
    path.write_text(
        '"organisasjonsnummer","navn","organisasjonsform.kode","postadresse.adresse","postadresse.postnummer",'
        '"postadresse.poststed","postadresse.landkode","forretningsadresse.adresse",'
        '"forretningsadresse.postnummer","forretningsadresse.poststed","forretningsadresse.landkode"\n'
        '"974760673","REGISTERENHETEN I BRØNNØYSUND","ORGL","Postboks 900","8910","BRØNNØYSUND","NO",'
        '"Havnegata 48","8900","BRØNNØYSUND","NO"\n'
        '"999999999","TESTENHET AS","AS","","","","","Testveien 1","0150","OSLO","NO"\n',
        encoding="utf-8",
    )
    call_command("import_enhetsregisteret", str(path))
    assert list(RegisterEntry.objects.order_by("number").values_list("number", "street", "city")) == [
        ("974760673", "Postboks 900", "BRØNNØYSUND"),
        ("999999999", "Testveien 1", "OSLO"),
    ]


def test_a_file_that_is_not_the_download_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "enheter.json"
    path.write_text('[{"organisasjonsnummer": "974760673", "navn": ', encoding="utf-8")
    with pytest.raises(CommandError, match="could not be read"):
        call_command("import_enhetsregisteret", str(path))
    with pytest.raises(CommandError, match="is not a file"):
        call_command("import_enhetsregisteret", str(tmp_path / "missing.json"))


def _many(count: int) -> Iterator[str]:
    yield "["
    for i in range(count):
        unit = {**UNIT, "organisasjonsnummer": f"{100000000 + i}", "navn": f"ENHET {i}"}
        yield ("," if i else "") + json.dumps(unit)
    yield "]"


def test_reading_streams_a_large_file_in_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "enheter.json"
    with path.open("w", encoding="utf-8") as out:
        out.writelines(_many(40_000))  # about 17 MB
    tracemalloc.start()
    count = sum(1 for _unit in read_units(path))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 40_000
    assert peak < 2_000_000  # the whole file as objects would take well over 50 MB


def test_the_bundled_extract_is_read() -> None:
    assert EXTRACT.is_file()
    assert import_register(read_units(EXTRACT)) >= 20
    entry = look_up("974760673")
    assert entry is not None and entry.postcode == "8910"
    assert look_up("820852982") is not None  # Kristiansand kommune, a demo organisation
