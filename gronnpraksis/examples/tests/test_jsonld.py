"""schema.org JSON-LD on a practice example's page: what search engines read, never what is unpublished."""

import json
import re

import pytest

from gronnpraksis.examples.models import ExampleRevision, ModerationState
from gronnpraksis.examples.services import snapshot
from gronnpraksis.organisations.models import Organisation, Sector
from tests.bank_data import publish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://gronnpraksis.example.no"
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def jsonld_blocks(html: str) -> list[dict]:
    return [json.loads(block) for block in SCRIPT.findall(html)]


def test_a_published_example_describes_itself_as_an_article(client):
    organisation = Organisation.objects.create(
        name="Kristiansand kommune",
        number="963296746",
        sector=Sector.MUNICIPALITY,
        website="https://www.kristiansand.kommune.no/",
    )
    example = publish(
        "Matsvinn til matglede",
        summary="Kantinene deler ut det som blir til overs.",
        themes=("mat", "transport"),
        places=("4204", "0301"),
        owner_organisation=organisation,
    )

    [data] = jsonld_blocks(client.get(f"/en{example.get_absolute_url()}").content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["name"] == "Matsvinn til matglede"
    assert data["description"] == "Kantinene deler ut det som blir til overs."
    assert data["url"] == SITE + example.get_absolute_url()
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["author"] == {
        "@type": "Organization",
        "name": "Kristiansand kommune",
        "url": "https://www.kristiansand.kommune.no/",
    }
    assert sorted(place["identifier"] for place in data["spatialCoverage"]) == ["0301", "4204"]
    assert len(data["about"]) == 2 and all(theme["name"] for theme in data["about"])
    assert data["dateModified"] and data["datePublished"]


def test_the_json_cannot_close_its_script_element(client):
    example = publish("</script><script>alert(1)</script> & <b>", summary="<!-- </script> -->")

    html = client.get(example.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    [data] = jsonld_blocks(html)
    assert data["name"] == "</script><script>alert(1)</script> & <b>"
    assert data["description"] == "<!-- </script> -->"


def test_a_change_waiting_for_moderation_is_not_in_the_json(client):
    example = publish("Sykkelparkering ved skolen", summary="Tak over stativene.")
    ExampleRevision.objects.create(
        example=example, data={**snapshot(example), "title": "Kjøp billige klokker", "summary": "Spam"}
    )

    html = client.get(example.get_absolute_url()).content.decode()

    [data] = jsonld_blocks(html)
    assert data["name"] == "Sykkelparkering ved skolen"
    assert "klokker" not in html and "Spam" not in html


@pytest.mark.parametrize("state", [ModerationState.DRAFT, ModerationState.PENDING, ModerationState.RETURNED])
def test_an_unpublished_example_seen_by_its_owner_has_no_json_and_asks_not_to_be_indexed(client, state):
    owner = UserFactory(email="ida.eier@example.no", name="Ida Eier")
    example = publish("Hemmelig utkast", state=state)
    example.owners.add(owner)
    client.force_login(owner)

    response = client.get(example.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert jsonld_blocks(html) == []
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_an_unpublished_example_gives_the_public_nothing(client):
    example = publish("Hemmelig utkast", state=ModerationState.DRAFT)

    response = client.get(example.get_absolute_url())

    assert response.status_code == 404
    assert "Hemmelig utkast" not in response.content.decode()
