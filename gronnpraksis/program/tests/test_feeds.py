import xml.etree.ElementTree as ET

import pytest
from django.utils.translation import gettext, override

from gronnpraksis.editions.models import Phase
from gronnpraksis.program.models import ProgramItem
from gronnpraksis.program.services import publish_program
from tests.factories import EditionFactory
from tests.factories import local_time as at

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, edition):
    response = client.get(f"/{edition.slug}/program/nytt.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return response, ET.fromstring(response.content)  # noqa: S314 (our own output)


@pytest.mark.django_db
def test_feed_has_one_entry_per_version_newest_first(client, edition, published):
    published.is_cancelled = True
    published.save()
    publish_program(edition=edition, user=None, note="Avlysning")

    response, root = feed(client, edition)
    with override(response["Content-Language"]):
        cancelled, new, version = gettext("Cancelled:"), gettext("New:"), gettext("Version %(number)s")

    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [version % {"number": n} for n in (2, 1)]
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert links[0].endswith(f"/{edition.slug}/program/nytt/#version-2")
    assert links[1].endswith(f"/{edition.slug}/program/nytt/#version-1")
    newest, first = (e.findtext(f"{ATOM}summary") for e in entries)
    assert cancelled in newest and "Matsvinn til matglede" in newest and "Avlysning" in newest
    assert new in first and "Åpning" in first
    assert all(e.findtext(f"{ATOM}published") for e in entries)


@pytest.mark.django_db
def test_feed_never_mentions_unpublished_items(client, edition, published):
    ProgramItem.objects.create(
        edition=edition, title="Hemmelig utkast", starts_at=at(edition, 0, 14), ends_at=at(edition, 0, 15)
    )

    response, root = feed(client, edition)

    assert len(root.findall(f"{ATOM}entry")) == 1
    assert "Hemmelig utkast" not in response.content.decode()


@pytest.mark.django_db
def test_feed_escapes_titles(client, edition, published):
    published.title = "</script><script>alert(1)</script> & <b>"
    published.save()
    publish_program(edition=edition, user=None)

    _response, root = feed(client, edition)

    summary = root.find(f"{ATOM}entry").findtext(f"{ATOM}summary")
    assert "&lt;/script&gt;" in summary and "<script>" not in summary


@pytest.mark.django_db
def test_feed_of_an_edition_being_planned_is_404(client, db):
    hidden = EditionFactory(slug="gp98", phase=Phase.PLANNING)

    assert client.get(f"/{hidden.slug}/program/nytt.atom").status_code == 404


@pytest.mark.django_db
def test_programme_pages_link_to_the_feed(client, edition, published):
    href = f'href="/{edition.slug}/program/nytt.atom"'
    program = client.get(f"/{edition.slug}/program/").content.decode()
    changes = client.get(f"/{edition.slug}/program/nytt/").content.decode()

    assert 'rel="alternate" type="application/atom+xml"' in program and href in program
    assert 'rel="alternate" type="application/atom+xml"' in changes and changes.count(href) == 2


@pytest.mark.django_db
def test_feed_links_to_the_site_address_whatever_host_was_asked(client, settings, edition, published):
    settings.SITE_URL = "https://gronnpraksis.example"

    response = client.get(f"/{edition.slug}/program/nytt.atom", HTTP_HOST="127.0.0.1")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)

    hrefs = [link.get("href", "") for link in root.iter(f"{ATOM}link")]
    ids = [element.text or "" for element in root.iter(f"{ATOM}id")]
    assert f"https://gronnpraksis.example/{edition.slug}/program/nytt/#version-1" in hrefs
    assert f"https://gronnpraksis.example/{edition.slug}/program/nytt.atom" in hrefs
    assert all(url.startswith("https://gronnpraksis.example/") for url in hrefs + ids), hrefs + ids
