"""The API has one address whatever the page's language (issue 18, item 18)."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
def test_the_banks_api_links_have_no_language_prefix_and_answer(client, prefix):
    page = client.get(f"{prefix}/eksempler/?q=sykkel").content.decode()
    links = re.findall(r'href="([^"]*api/[^"]*)"', page)
    assert links, "the bank links to the API"
    for link in links:
        assert link.startswith("/api/v1/"), link
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link


@pytest.mark.parametrize("language", ["nn", "en"])
def test_a_language_prefix_in_front_of_the_api_goes_to_the_api(client, language):
    response = client.get(f"/{language}/api/v1/examples/?q=sykkel&side=1")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/examples/?q=sykkel&side=1"
    assert client.get(response["Location"]).status_code == 200
