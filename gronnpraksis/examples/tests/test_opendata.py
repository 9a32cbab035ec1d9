"""Open data: the CSV and JSON exports and the Atom feed of the published examples, with the page's search."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gronnpraksis.examples import opendata
from gronnpraksis.examples.models import (
    Accuracy,
    Attachment,
    AttachmentKind,
    Example,
    KeyFigure,
    ModerationState,
)
from gronnpraksis.organisations.models import Organisation, Sector
from tests.bank_data import AGDER, CONTACT_EMAIL, OSLO, hours_ago, leaky_examples, publish
from tests.typing import TestResponse

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def body(response: TestResponse) -> str:
    assert response.status_code == 200
    return response.getvalue().decode()


def exported_json(client: Client, query: str = "") -> dict[str, Any]:
    return json.loads(body(client.get("/eksempler/eksempler.json" + query)))


def exported_csv(client: Client, query: str = "") -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body(client.get("/eksempler/eksempler.csv" + query)))))


def feed_titles(client: Client, query: str = "") -> list[str]:
    root = ET.fromstring(body(client.get("/eksempler/nye.atom" + query)))  # noqa: S314 (our own output)
    return [entry.findtext(f"{ATOM}title", "") for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def example():
    organisation = Organisation.objects.create(
        name="Kristiansand kommune", number="963296746", sector=Sector.MUNICIPALITY
    )
    example = publish(
        "Matsvinn til matglede",
        "Kantinene leverer overskuddsmat.",
        themes=("mat",),
        places=("4204", OSLO),
        summary='=HYPERLINK("http://evil.example") halverte matsvinnet.',
        owner_organisation=organisation,
        partners="Matsentralen\nFrivilligsentralen",
        contact_name="Kari Kontakt",
        contact_email=CONTACT_EMAIL,
        contact_is_public=True,
        start_year=2021,
    )
    KeyFigure.objects.create(
        example=example,
        label="Mat reddet",
        value=Decimal("1234567.50"),
        unit="kg",
        accuracy=Accuracy.MEASURED,
        year=2023,
    )
    return example


# --- JSON -------------------------------------------------------------------------------------------------


def test_the_json_export_has_the_licence_attribution_and_every_published_example(client, example):
    data = exported_json(client)

    assert data["licence"] == {
        "id": "CC-BY-4.0",
        "name": "Creative Commons Attribution 4.0 International",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    }
    assert data["attribution"]["text"] == "Grønn Praksis, eksempelbanken"
    assert data["attribution"]["url"] == "http://127.0.0.1:8000/eksempler/"
    [record] = data["examples"]
    assert record["id"] == example.pk
    assert record["url"] == f"http://127.0.0.1:8000/eksempler/{example.pk}-matsvinn-til-matglede/"
    assert record["owner"] == {
        "name": "",
        "organisation": "Kristiansand kommune",
        "organisation_number": "963296746",
        "actor_type": None,
    }
    assert record["partners"] == ["Matsentralen", "Frivilligsentralen"]
    assert record["municipalities"][0] == {
        "number": "4204",
        "name": "Kristiansand",
        "county": {"number": "42", "name": "Agder"},
    }
    assert record["themes"] == [{"slug": "mat", "name": "Mat"}]
    assert record["key_figures"] == [
        {"label": "Mat reddet", "value": 1234567.5, "unit": "kg", "accuracy": "malt", "year": 2023}
    ]
    assert record["contact"] == {"name": "Kari Kontakt"}
    assert record["licence"] == "CC-BY-4.0"


def test_the_exports_say_where_the_licence_is(client, example):
    for path in ["/eksempler/eksempler.json", "/eksempler/eksempler.csv"]:
        response = client.get(path)
        assert response["Link"] == '<https://creativecommons.org/licenses/by/4.0/>; rel="license"'
        assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get("/eksempler/eksempler.csv")["Content-Type"] == "text/csv; charset=utf-8; header=present"


def test_the_contact_name_only_when_public_and_the_contact_address_never(client, example):
    Example.objects.filter(pk=example.pk).update(contact_is_public=False)

    text = body(client.get("/eksempler/eksempler.json")) + body(client.get("/eksempler/eksempler.csv"))

    assert json.loads(body(client.get("/eksempler/eksempler.json")))["examples"][0]["contact"] is None
    assert "Kari Kontakt" not in text
    assert CONTACT_EMAIL not in text


def test_the_exports_take_the_same_search_as_the_page(client, example):
    publish("Sykkelparkering i Oslo", themes=("transport",), places=(OSLO,))
    publish("Sykkelvei i Kristiansand", themes=("transport",))

    assert [e["title"] for e in exported_json(client, "?q=sykler&fylke=" + AGDER)["examples"]] == [
        "Sykkelvei i Kristiansand"
    ]
    assert [row["title"] for row in exported_csv(client, "?tema=transport&sort=nyeste")] == [
        "Sykkelvei i Kristiansand",
        "Sykkelparkering i Oslo",
    ]
    assert exported_json(client, "?q=sykler&fylke=42")["search"] == {
        "q": "sykler",
        "filters": {"fylke": ["42"]},
        "sort": "relevance",
    }


def test_a_large_search_is_exported_in_batches_without_losing_any(client, monkeypatch):
    monkeypatch.setattr(opendata, "BATCH", 2)
    for number in range(5):
        publish(f"Sykkeltiltak {number}", themes=("transport",))

    assert len(exported_json(client, "?tema=transport")["examples"]) == 5
    assert len(exported_csv(client, "?q=sykkel")) == 5
    assert len(exported_csv(client)) == 5


@pytest.mark.parametrize("query", ["", "?q=sykler", "?tema=transport", "?q=sykkelparkering&fylke=42"])
def test_examples_that_are_not_public_are_never_exported(client, query):
    publish("Sykkelparkering ved skolen", "Tak over sykler.", themes=("transport",))
    hidden = leaky_examples()

    json_text = body(client.get("/eksempler/eksempler.json" + query))
    csv_text = body(client.get("/eksempler/eksempler.csv" + query))

    assert [e["title"] for e in json.loads(json_text)["examples"]] == ["Sykkelparkering ved skolen"]
    assert [row["title"] for row in csv.DictReader(io.StringIO(csv_text))] == ["Sykkelparkering ved skolen"]
    for example in hidden:
        assert example.title not in json_text + csv_text
    assert CONTACT_EMAIL not in json_text + csv_text


@pytest.mark.parametrize(
    "query", ['?q="', "?q=" + "x" * 10_000, "?q=%F0%9F%9A%B2", "?q=NEAR(a b)", "?tema=<x>&side=abc"]
)
def test_any_search_input_gives_an_export_never_an_error(client, query):
    publish("Sykkelparkering")

    assert isinstance(exported_json(client, query)["examples"], list)
    assert body(client.get("/eksempler/eksempler.csv" + query)).startswith("id,url,title")


def test_the_json_export_runs_a_constant_number_of_queries(client):
    def queries() -> int:
        cache.clear()  # the search keeps facet labels in the cache: count them every time
        with CaptureQueriesContext(connection) as captured:
            body(client.get("/eksempler/eksempler.json?tema=transport"))
            body(client.get("/eksempler/eksempler.json"))
        return len(captured)

    for number in range(3):
        publish(f"Sykkeltiltak {number}", themes=("transport",))
    few = queries()
    for number in range(3, 30):
        publish(f"Sykkeltiltak {number}", themes=("transport",))

    assert queries() == few


def test_attachments_are_exported_with_the_address_that_checks_the_example_is_published(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    example = publish("Sykkelvei")
    document = Attachment.objects.create(
        example=example,
        kind=AttachmentKind.DOCUMENT,
        file=SimpleUploadedFile("rapport.pdf", b"%PDF-1.4"),
        title="Sluttrapport",
        content_type="application/pdf",
        size=8,
    )

    [record] = exported_json(client)["examples"]

    url = f"http://127.0.0.1:8000/eksempler/{example.pk}/vedlegg/{document.pk}/"
    assert record["attachments"] == [
        {
            "kind": "document",
            "title": "Sluttrapport",
            "url": url,
            "content_type": "application/pdf",
            "size": 8,
            "width": None,
            "height": None,
        }
    ]
    assert exported_csv(client)[0]["attachments"] == url
    assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 200


# --- CSV --------------------------------------------------------------------------------------------------


def test_the_csv_export_has_a_header_and_a_licence_on_every_row(client, example):
    [row] = exported_csv(client)

    assert list(row) == opendata.CSV_COLUMNS
    assert row["id"] == str(example.pk)
    assert row["municipalities"] == "Kristiansand | Oslo"
    assert row["county_numbers"] == "42 | 03"
    assert row["partners"] == "Matsentralen | Frivilligsentralen"
    assert row["key_figures"] == "Mat reddet: 1234567.5 kg (malt, 2023)"
    assert row["start_year"] == "2021"
    assert row["contact_name"] == "Kari Kontakt"
    assert (row["licence"], row["licence_url"], row["attribution"]) == (
        "CC-BY-4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        "Grønn Praksis, eksempelbanken",
    )


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(client, example):
    [row] = exported_csv(client)

    assert row["summary"] == '\'=HYPERLINK("http://evil.example") halverte matsvinnet.'
    assert row["title"] == "Matsvinn til matglede"


# --- Atom -------------------------------------------------------------------------------------------------


def test_the_feed_lists_the_latest_published_examples(client):
    publish("Eldre", published_at=hours_ago(48))
    publish("Nyere", published_at=hours_ago(1))
    leaky_examples()

    assert feed_titles(client) == ["Nyere", "Eldre"]


def test_the_feed_takes_the_same_search_as_the_page(client):
    publish("Sykkelvei", themes=("transport",))
    publish("Kantine", themes=("mat",))
    hidden = leaky_examples()

    assert feed_titles(client, "?tema=transport") == ["Sykkelvei"]
    assert feed_titles(client, "?q=sykkel") == ["Sykkelvei"]
    assert not {e.title for e in hidden} & set(feed_titles(client, "?q=sykler"))


def test_the_feed_escapes_the_summary_as_text(client):
    publish("Sykkelvei", summary="<script>alert(1)</script> & mer")

    root = ET.fromstring(body(client.get("/eksempler/nye.atom")))  # noqa: S314 (our own output)
    summary = next(root.iter(f"{ATOM}summary"))

    assert summary.get("type") == "html"
    assert summary.text == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; mer"


def test_an_example_taken_back_leaves_the_feed(client):
    example = publish("Sykkelvei")
    example.state = ModerationState.DRAFT
    example.save()

    assert feed_titles(client) == []


def test_the_feed_links_to_the_site_address_whatever_host_was_asked(client, settings):
    settings.SITE_URL = "https://gronnpraksis.example"
    example = publish("Sykkelvei")

    root = ET.fromstring(  # noqa: S314 (our own output)
        body(client.get("/eksempler/nye.atom", HTTP_HOST="127.0.0.1"))
    )

    hrefs = [link.get("href", "") for link in root.iter(f"{ATOM}link")]
    ids = [element.text or "" for element in root.iter(f"{ATOM}id")]
    assert f"https://gronnpraksis.example/eksempler/{example.pk}-sykkelvei/" in hrefs
    assert "https://gronnpraksis.example/eksempler/nye.atom?sort=nyeste" in hrefs
    assert all(url.startswith("https://gronnpraksis.example/") for url in hrefs + ids), hrefs + ids


@pytest.mark.parametrize("query", ["?q=%F0%9F%8C%B1", "?q=og+i", "?q=" + "x" * 3000])
def test_a_query_with_nothing_to_search_for_exports_nothing(client, example, query):
    assert exported_csv(client, query) == []
    assert exported_json(client, query)["examples"] == []
    assert feed_titles(client, query) == []
    assert len(exported_csv(client, "?q=")) == 1  # nothing typed: the whole bank
