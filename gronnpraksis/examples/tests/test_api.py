"""The example bank in the API: /api/v1/examples/ with the page's search, and one example."""

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate

from gronnpraksis.examples.bank_forms import FILTERS
from gronnpraksis.examples.models import ModerationState
from tests.bank_data import AGDER, CONTACT_EMAIL, NOT_PUBLIC, OSLO, leaky_examples, publish

pytestmark = pytest.mark.django_db

LIST = "/api/v1/examples/"


def listed(client: Client, **params: Any) -> dict[str, Any]:
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_list_searches_like_the_page_with_counts_licence_and_attribution(client):
    publish(
        "Sykkelvei i Kristiansand", themes=("transport",), contact_email=CONTACT_EMAIL, contact_name="Kari"
    )
    publish("Sykkelhotell i Oslo", themes=("transport",), places=(OSLO,))
    publish("Matsvinn i Kristiansand", themes=("mat",))

    data = listed(client, q="sykler", fylke=AGDER)

    assert [item["title"] for item in data["items"]] == ["Sykkelvei i Kristiansand"]
    assert (data["count"], data["page"], data["pages"], data["per_page"]) == (1, 1, 1, 20)
    assert data["licence"]["id"] == "CC-BY-4.0"
    assert data["attribution"]["url"] == "http://127.0.0.1:8000/eksempler/"
    assert data["facets"]["fylke"] == [
        {"value": "03", "label": "Oslo", "count": 1},
        {"value": "42", "label": "Agder", "count": 1},
    ]
    assert data["facets"]["tema"] == [{"value": "transport", "label": "Transport og mobilitet", "count": 1}]
    assert data["items"][0]["contact"] is None
    assert CONTACT_EMAIL not in str(data)


def test_the_list_takes_several_values_sort_order_and_pages(client):
    publish("Sykkelvei", themes=("transport",))
    publish("Kantine", themes=("mat",))
    publish("Solceller", themes=("energi",))

    response = client.get(LIST + "?tema=transport&tema=mat&sort=nyeste&per_side=1&side=2")
    data = response.json()

    assert [item["title"] for item in data["items"]] == ["Sykkelvei"]
    assert (data["count"], data["page"], data["pages"]) == (2, 2, 2)


def test_one_example(client):
    example = publish("Sykkelvei", themes=("transport",), contact_name="Kari", contact_is_public=True)

    response = client.get(f"{LIST}{example.pk}/")

    assert response.status_code == 200
    data = response.json()
    assert (data["id"], data["title"], data["contact"], data["licence"]) == (
        example.pk,
        "Sykkelvei",
        {"name": "Kari"},
        "CC-BY-4.0",
    )
    assert data["url"] == f"http://127.0.0.1:8000/eksempler/{example.pk}-sykkelvei/"


@pytest.mark.parametrize("state", NOT_PUBLIC)
def test_an_example_that_is_not_published_is_a_404_even_for_its_owner(client, state):
    from tests.factories import UserFactory

    owner = UserFactory(email="eier@example.no")
    example = publish("Skjult", state=state, created_by=owner, contact_email=CONTACT_EMAIL)
    client.force_login(owner)

    response = client.get(f"{LIST}{example.pk}/")

    assert response.status_code == 404
    assert CONTACT_EMAIL not in response.content.decode()


def test_examples_that_are_not_public_are_never_listed(client):
    publish("Sykkelparkering ved skolen", "Tak over sykler.", themes=("transport",))
    hidden = leaky_examples()

    for params in [{}, {"q": "sykler"}, {"tema": "transport"}, {"q": "sykkelparkering", "fylke": AGDER}]:
        data = listed(client, **params)
        assert [item["title"] for item in data["items"]] == ["Sykkelparkering ved skolen"], params
        assert data["count"] == 1
        text = str(data)
        assert CONTACT_EMAIL not in text
        assert not [e for e in hidden if e.title in text]
    withdrawn = next(e for e in hidden if e.state == ModerationState.DRAFT and e.published_at)
    assert client.get(f"{LIST}{withdrawn.pk}/").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "sykkel OR mat",
        "NEAR(a b)",
        "sykk*",
        "x" * 10_000,
        "🚲🌱",
        "'; DROP TABLE examples_example; --",
        "\x00",
    ],
)
def test_any_search_input_gives_results_or_an_empty_list(client, query):
    publish("Sykkelparkering")

    assert isinstance(listed(client, q=query, tema="<x>", fylke="4" * 60)["items"], list)


@pytest.mark.parametrize("query", ["🌱", "🚲 !!", "og i", "x" * 3000])
def test_a_query_with_nothing_to_search_for_matches_nothing(client, query):
    publish("Sykkelparkering", themes=("transport",))

    data = listed(client, q=query)

    assert (data["count"], data["items"], data["words"]) == (0, [], [])


def test_the_list_names_the_words_it_searched_for(client):
    publish("Sykkelparkering", themes=("transport",))

    data = listed(client, q="Sykkel og " + " ".join(f"ord{n}" for n in range(20)))

    assert data["words"] == ["sykkel", *(f"ord{n}" for n in range(11))]
    assert data["count"] == 0


@pytest.mark.parametrize("query", ["side=0", "side=abc", "per_side=1000", "per_side=-1"])
def test_a_malformed_page_is_a_validation_error(client, query):
    assert client.get(f"{LIST}?{query}").status_code == 422


@pytest.mark.parametrize("path", ["0/", "99999999999999999999/", "abc/"])
def test_unknown_examples_are_not_found(client, path):
    assert client.get(LIST + path).status_code in (404, 422)


def test_the_list_runs_a_constant_number_of_queries(client):
    def queries() -> int:
        cache.clear()  # the search keeps facet labels in the cache: count them every time
        with CaptureQueriesContext(connection) as captured:
            listed(client, q="sykkel", tema="transport")
            listed(client)
        return len(captured)

    for number in range(3):
        publish(f"Sykkeltiltak {number}", themes=("transport",))
    few = queries()
    for number in range(3, 30):
        publish(f"Sykkeltiltak {number}", themes=("transport",))

    assert queries() == few


def test_the_openapi_document_describes_the_examples_and_is_valid(client):
    document = client.get("/api/v1/openapi.json").json()

    validate(document)
    assert {"/api/v1/examples/", "/api/v1/examples/{example_id}/"} <= set(document["paths"])
    parameters = {p["name"] for p in document["paths"]["/api/v1/examples/"]["get"]["parameters"]}
    # Every filter of the page, by the same name, and nothing else.
    assert parameters == {"q", "sort", "side", "per_side"} | {f.param for f in FILTERS}
    assert {"tema", "maal", "fylke", "kommune", "aktor", "fase", "tiltak", "startaar"} <= parameters
    assert {"nokkeltall", "utgave", "pris"} <= parameters
