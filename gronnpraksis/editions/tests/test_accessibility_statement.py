"""The accessibility statement names where to send feedback (issue 18, item 17)."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/tilgjengelighet/", "/nn/tilgjengelighet/", "/en/tilgjengelighet/"]


@pytest.mark.parametrize("url", PAGES)
def test_the_statement_gives_the_contact_address(client, settings, url):
    settings.CONTACT_EMAIL = "tilgjengelighet@gronnpraksis.no"
    settings.ACCESSIBILITY_STATEMENT_URL = ""

    page = client.get(url).content.decode()

    assert 'href="mailto:tilgjengelighet@gronnpraksis.no"' in page
    assert "uustatus.no" not in page  # not published there yet: no link


@pytest.mark.parametrize("url", PAGES)
def test_the_published_statement_on_uustatus_is_linked_once_set(client, settings, url):
    settings.ACCESSIBILITY_STATEMENT_URL = "https://uustatus.no/nb/erklaringer/publisert/abc-123"

    page = client.get(url).content.decode()

    assert 'href="https://uustatus.no/nb/erklaringer/publisert/abc-123"' in page
