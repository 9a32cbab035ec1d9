import json
import re

import pytest
from django.conf import settings

from gronnpraksis.editions.models import EditionOrganisation
from gronnpraksis.organisations.models import Organisation
from gronnpraksis.program.services import publish_program

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def jsonld(html):
    blocks = SCRIPT.findall(html)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.mark.django_db
def test_edition_page_describes_the_event(client, edition):
    host = Organisation.objects.create(
        name="Kristiansand kommune", website="https://www.kristiansand.kommune.no/"
    )
    partner = Organisation.objects.create(name="Sponsor AS")
    EditionOrganisation.objects.create(edition=edition, organisation=host, role="vertskap")
    EditionOrganisation.objects.create(edition=edition, organisation=partner, role="partner")

    data = jsonld(client.get(f"/{edition.slug}/").content.decode())

    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == edition.name
    assert data["startDate"] == edition.starts_on.isoformat()
    assert data["endDate"] == edition.ends_on.isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["name"] == "Kilden teater- og konserthus"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Sjølystveien 2, 4610 Kristiansand",
        "addressLocality": edition.host_municipality.name,
        "addressCountry": "NO",
    }
    assert data["organizer"] == [
        {
            "@type": "Organization",
            "name": "Kristiansand kommune",
            "url": "https://www.kristiansand.kommune.no/",
        }
    ]
    assert data["url"] == f"{settings.SITE_URL}/{edition.slug}/"
    assert data["description"] == edition.headline
    assert data["inLanguage"] == "nb"


@pytest.mark.django_db
def test_item_page_describes_the_item_within_the_edition(client, edition, published):
    data = jsonld(client.get(f"/{edition.slug}/program/{published.pk}/").content.decode())

    assert data["@type"] == "Event" and data["name"] == "Matsvinn til matglede"
    assert data["startDate"] == published.starts_at.astimezone(edition.tz).isoformat()
    assert data["startDate"].endswith(("+01:00", "+02:00"))
    assert data["endDate"] == published.ends_at.astimezone(edition.tz).isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["name"] == "Store sal, Kilden teater- og konserthus"
    assert data["location"]["address"]["streetAddress"] == "Sjølystveien 2, 4610 Kristiansand"
    assert data["superEvent"]["@type"] == "Event" and data["superEvent"]["name"] == edition.name
    assert {"@type": "Person", "name": "Per"} in data["performer"]
    assert data["url"] == f"{settings.SITE_URL}/{edition.slug}/program/{published.pk}/"


@pytest.mark.django_db
def test_cancelled_item_is_event_cancelled(client, edition, published):
    published.is_cancelled = True
    published.save()
    publish_program(edition=edition, user=None)

    data = jsonld(client.get(f"/{edition.slug}/program/{published.pk}/").content.decode())

    assert data["eventStatus"] == "https://schema.org/EventCancelled"


@pytest.mark.django_db
def test_titles_cannot_break_out_of_the_script_block(client, edition, published):
    title = "</script><script>alert(1)</script>"
    published.title = title
    published.description = "A & B <!-- x"
    published.save()
    publish_program(edition=edition, user=None)

    html = client.get(f"/{edition.slug}/program/{published.pk}/").content.decode()

    assert "</script><script>" not in html
    data = jsonld(html)
    assert data["name"] == title and data["description"].endswith("A & B <!-- x")
