"""Public pages a proxy can cache (core/http.py, `public_page`; docs/architecture.md).

For a visitor without a session, each kind of public page carries nothing of the visitor's (no CSRF
token, no cookie set), says `Cache-Control: public` with an ETag and answers 304 to a current one.
Logged-in visitors and visitors with a session get a private page. Forms on the shared pages still work:
with JavaScript the token is fetched when the form is used (`/csrf-token`, see the browser test
tests/browser/test_public_page_forms.py), without it a confirmation page repeats the post with a token.
"""

import re

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client

from gronnpraksis.core.http import PUBLIC_ATTRIBUTE, PublicPageMiddleware
from gronnpraksis.examples.models import ContactMessage
from gronnpraksis.ideas import services as idea_services
from gronnpraksis.program.models import ProgramItem, Room
from gronnpraksis.program.services import publish_program, speaker_index
from tests.bank_data import CONTACT_EMAIL, publish
from tests.factories import NetworkFactory, UserFactory, municipality, theme
from tests.factories import local_time as at
from tests.typing import TestResponse

pytestmark = pytest.mark.django_db

FILLED_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
ORIGIN = "http://testserver"


@pytest.fixture
def site(edition):
    """A published programme with a speaker, a published example with a contact address, an idea."""
    hall = Room.objects.create(edition=edition, name="Store sal")
    item = ProgramItem.objects.create(
        edition=edition,
        title="Åpning",
        speakers="Øyvind Ås",
        room=hall,
        starts_at=at(edition, 0, 9),
        ends_at=at(edition, 0, 10),
    )
    version = publish_program(edition=edition, user=None)
    example = publish("Matsvinn til matglede", contact_email=CONTACT_EMAIL, contact_name="Kari Kontakt")
    owner = UserFactory(email="ida.eier@example.no", name="Ida Eier")
    idea = idea_services.create_draft_idea(
        title="Delebiler for hele bygda",
        text="Bygda har ti biler per tun. Hva om vi delte dem?",
        owner=owner,
        owner_name=owner.name,
        municipality=municipality("4204"),
        themes=[theme("transport")],
    )
    idea = idea_services.publish_idea(idea=idea, by=owner)
    speaker = next(iter(speaker_index(version)))
    return {
        "edition": f"/{edition.slug}/",
        "home": "/",
        "programme": f"/{edition.slug}/program/",
        "item": f"/{edition.slug}/program/{item.pk}/",
        "speakers": f"/{edition.slug}/program/talere/",
        "speaker": f"/{edition.slug}/program/talere/{speaker}/",
        "bank": "/eksempler/",
        "example": example.get_absolute_url(),
        "places": "/kommuner/",
        "municipality": "/kommuner/4204/",
        "county": "/fylker/42/",
        "ideas": "/ideer/",
        "idea": idea.get_absolute_url(),
        "network": f"/nettverk/{NetworkFactory(slug='klima-nordmore').slug}/",
        "item_pk": item.pk,
        "example_pk": example.pk,
    }


KINDS = [
    "edition",
    "home",
    "programme",
    "item",
    "speakers",
    "speaker",
    "bank",
    "example",
    "places",
    "municipality",
    "county",
    "ideas",
    "idea",
    "network",
]


@pytest.mark.parametrize("kind", KINDS)
def test_an_anonymous_visitor_gets_a_page_a_proxy_may_keep(site, kind, settings):
    client = Client(enforce_csrf_checks=True)

    response = client.get(site[kind])

    assert response.status_code == 200
    body = response.content.decode()
    assert not FILLED_TOKEN.search(body)
    assert "csrfmiddlewaretoken" not in body or 'name="csrfmiddlewaretoken" value=""' in body
    assert not response.cookies and not client.cookies
    assert response["Cache-Control"] == f"public, max-age=0, s-maxage={settings.PUBLIC_PAGE_MAX_AGE}"
    assert "cookie" not in response.get("Vary", "").lower()
    assert "accept-language" not in response.get("Vary", "").lower()
    etag = response["ETag"]
    assert client.get(site[kind]).content == response.content  # the same for the next visitor

    again = client.get(site[kind], headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert again["ETag"] == etag and again["Cache-Control"] == response["Cache-Control"]
    assert client.get(site[kind], headers={"If-None-Match": '"other"'}).status_code == 200


@pytest.mark.parametrize("kind", KINDS)
def test_a_logged_in_visitor_gets_a_private_page(site, kind):
    client = Client()
    client.force_login(UserFactory(email="kari.nordmann@example.no", name="Kari Nordmann"))

    response = client.get(site[kind])

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response


def test_a_visitor_with_stars_gets_a_private_page_with_them(site):
    client = Client()
    client.post(f"{site['programme']}{site['item_pk']}/stjerne/", {"action": "star"})

    response = client.get(site["programme"])

    assert response["Cache-Control"] == "private, no-store"
    assert "Fjern fra mitt program" in response.content.decode()


def test_a_change_shows_in_the_next_answer_and_its_etag(site, edition):
    client = Client()
    before = client.get(site["edition"])
    edition.name = "Grønn Praksis Nytt Navn"
    edition.save()

    after = client.get(site["edition"], headers={"If-None-Match": before["ETag"]})

    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert "Grønn Praksis Nytt Navn" in after.content.decode()


def confirmation(client: Client, url: str, data: dict, origin: str = ORIGIN) -> TestResponse:
    """A form on a shared page sent without JavaScript: no token, no CSRF cookie."""
    return client.post(url, data, headers={"Origin": origin})


def test_without_javascript_starring_goes_through_a_confirmation_page(site, edition):
    client = Client(enforce_csrf_checks=True)
    url = f"{site['programme']}{site['item_pk']}/stjerne/"
    client.get(site["programme"])

    first = confirmation(client, url, {"action": "star", "next": site["programme"]})

    page = first.content.decode()
    assert first.status_code == 403
    assert f'action="{url}"' in page
    assert 'name="action" value="star"' in page
    token_field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token_field is not None
    token = token_field[1]
    assert first["Cache-Control"] == "private, no-store"
    assert client.session.get(f"agenda:{edition.slug}") is None  # the first post did nothing

    second = client.post(
        url,
        {"action": "star", "next": site["programme"], "csrfmiddlewaretoken": token},
        headers={"Origin": ORIGIN},
    )

    assert second.status_code == 302
    assert client.session[f"agenda:{edition.slug}"] == [site["item_pk"]]


def test_without_javascript_the_contact_form_on_an_example_works(site):
    client = Client(enforce_csrf_checks=True)
    url = f"/eksempler/{site['example_pk']}/kontakt/"
    data = {"name": "Ola Nordmann", "email": "ola@example.no", "message": "Hei! Fortell mer.", "website": ""}

    first = confirmation(client, url, data)
    token_field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', first.content.decode())
    assert token_field is not None
    token = token_field[1]
    assert not ContactMessage.objects.exists()
    second = client.post(url, {**data, "csrfmiddlewaretoken": token}, headers={"Origin": ORIGIN})

    assert second.status_code == 302
    assert ContactMessage.objects.count() == 1


def test_another_site_gets_no_confirmation_page(site, edition):
    client = Client(enforce_csrf_checks=True)
    url = f"{site['programme']}{site['item_pk']}/stjerne/"

    foreign = confirmation(client, url, {"action": "star"}, origin="https://angriper.example")
    unnamed = client.post(url, {"action": "star"})  # neither Origin nor Sec-Fetch-Site

    for response in (foreign, unnamed):
        assert response.status_code == 403
        assert "csrfmiddlewaretoken" not in response.content.decode()
    assert client.session.get(f"agenda:{edition.slug}") is None


def test_the_token_endpoint_gives_a_working_token_and_is_never_stored(site, edition):
    client = Client(enforce_csrf_checks=True)
    response = client.get("/csrf-token")
    token = response.json()["token"]

    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "csrftoken" in response.cookies
    starred = client.post(
        f"{site['programme']}{site['item_pk']}/stjerne/", {"action": "star", "csrfmiddlewaretoken": token}
    )
    assert starred.status_code == 302


def test_a_shared_page_that_sets_a_cookie_on_the_way_out_is_private():
    """Whatever sets a cookie (a template asking for a real token, a session write), the answer is
    never public: a proxy must not keep it."""

    def view_with_cookie(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("<p>hei</p>")
        # The marker a public view's response carries, set as PublicPageMiddleware sets it.
        response.gronnpraksis_public_page = True  # type: ignore[attr-defined]
        response.set_cookie("csrftoken", "personal")
        return response

    request = HttpRequest()
    request.method = "GET"
    setattr(request, PUBLIC_ATTRIBUTE, True)

    response = PublicPageMiddleware(view_with_cookie)(request)

    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response
