import pytest
from openapi_spec_validator import validate

from gronnpraksis.editions.models import Phase
from gronnpraksis.program.models import ProgramItem
from gronnpraksis.program.services import publish_program
from tests.factories import EditionFactory


def expected(edition):
    return {
        "slug": edition.slug,
        "name": edition.name,
        "headline": "Nasjonal arena for bærekraftig omstilling",
        "starts_on": edition.starts_on.isoformat(),
        "ends_on": edition.ends_on.isoformat(),
        "venue": "Kilden teater- og konserthus",
        "host_municipality": {
            "number": "4204",
            "name": edition.host_municipality.name,
        },
        "phase": "open",
        "url": f"/{edition.slug}/",
    }


@pytest.mark.django_db
def test_editions_lists_public_editions_only(client, edition, django_assert_num_queries):
    EditionFactory(slug="gp99", name="Hemmelig årgang", phase=Phase.PLANNING)

    with django_assert_num_queries(1):
        response = client.get("/api/v1/editions/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == [expected(edition)]


@pytest.mark.django_db
def test_one_edition(client, edition):
    response = client.get(f"/api/v1/editions/{edition.slug}/")

    assert response.status_code == 200
    assert response.json() == expected(edition)


@pytest.mark.django_db
def test_url_is_in_the_default_language_whatever_the_client_asks_for(client, edition):
    response = client.get(f"/api/v1/editions/{edition.slug}/", headers={"accept-language": "en"})

    assert response.json()["url"] == f"/{edition.slug}/"


@pytest.mark.django_db
def test_edition_being_planned_and_unknown_edition_are_404(client, db):
    hidden = EditionFactory(slug="gp99", name="Hemmelig årgang", phase=Phase.PLANNING)
    ProgramItem.objects.create(
        edition=hidden,
        title="Hemmelig plenum",
        starts_at=f"{hidden.starts_on}T09:00:00+02:00",
        ends_at=f"{hidden.starts_on}T10:00:00+02:00",
    )
    publish_program(edition=hidden, user=None)

    for url in (
        "/api/v1/editions/gp99/",
        "/api/v1/editions/gp99/program/",
        "/api/v1/editions/gp99/program/changes/",
        "/api/v1/editions/finnesikke/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Hemmelig" not in response.content.decode()


@pytest.mark.django_db
def test_api_is_read_only(client, edition):
    assert client.post("/api/v1/editions/").status_code == 405
    assert client.delete(f"/api/v1/editions/{edition.slug}/").status_code == 405


def test_openapi_document_is_served_and_valid(client, db):
    response = client.get("/api/v1/openapi.json")

    document = response.json()
    assert response.status_code == 200
    validate(document)
    assert document["info"]["title"] == "Grønn Praksis API"
    assert document["info"]["version"] == "1"
    assert sorted(document["paths"]) == [
        "/api/v1/editions/",
        "/api/v1/editions/{slug}/",
        "/api/v1/editions/{slug}/program/",
        "/api/v1/editions/{slug}/program/changes/",
        "/api/v1/examples/",
        "/api/v1/examples/{example_id}/",
    ]
    assert all(set(methods) == {"get"} for methods in document["paths"].values())


def test_no_docs_page_that_would_load_third_party_assets(client, db):
    assert client.get("/api/v1/docs").status_code == 404
