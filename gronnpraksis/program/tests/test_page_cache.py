"""Public programme pages are rendered once and shared by every visitor without per-user state.

A stored page must never carry anything of the visitor it was rendered for (not even a CSRF token:
a form gets one when it is used, tests/test_public_pages.py), and visitors with state (logged in, stars, messages, a registration)
must always get their own render.
"""

import re

import pytest
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token  # type: ignore[attr-defined]  # private, not in django-stubs
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gronnpraksis.program.models import ProgramItem, Room
from gronnpraksis.program.services import publish_program
from tests.factories import UserFactory, register_person
from tests.factories import local_time as at
from tests.typing import TestResponse

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def items(edition):
    hall = Room.objects.create(edition=edition, name="Store sal")
    made = [
        ProgramItem.objects.create(
            edition=edition,
            title=title,
            speakers=speakers,
            room=hall,
            starts_at=at(edition, 0, 9 + n),
            ends_at=at(edition, 0, 10 + n),
        )
        for n, (title, speakers) in enumerate([("Åpning", "Øyvind Ås"), ("Lunsj", ""), ("Sykkelbyen", "")])
    ]
    publish_program(edition=edition, user=None)
    return made


def rendered(response: TestResponse) -> bool:
    """Whether the page was rendered for this request (a stored page renders no template)."""
    return bool(response.templates)


def tokens(response: TestResponse) -> set[str]:
    return set(TOKEN.findall(response.content.decode()))


@pytest.mark.django_db
def test_plain_visitors_share_one_render_without_a_token_and_each_gets_a_working_one_on_use(edition, items):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    url = f"/{edition.slug}/program/"

    one = first.get(url)
    two = second.get(url)

    assert rendered(one) and not rendered(two)
    assert one.content == two.content
    assert 'name="csrfmiddlewaretoken" value=""' in two.content.decode()  # filled when used
    assert tokens(two) == set() and not first.cookies and not second.cookies
    token_one = first.get("/csrf-token").json()["token"]
    token_two = second.get("/csrf-token").json()["token"]
    assert _unmask_cipher_token(token_one) != _unmask_cipher_token(token_two)

    stolen = second.post(f"{url}{items[0].pk}/stjerne/", {"action": "star", "csrfmiddlewaretoken": token_one})
    own = second.post(f"{url}{items[0].pk}/stjerne/", {"action": "star", "csrfmiddlewaretoken": token_two})

    assert stolen.status_code == 403
    assert own.status_code == 302
    assert second.session[f"agenda:{edition.slug}"] == [items[0].pk]


@pytest.mark.django_db
def test_a_stored_page_shows_nothing_of_the_visitors_who_had_state(edition, items):
    url = f"/{edition.slug}/program/"
    registration = register_person(edition, email="kari.nordmann@example.no", name="Kari Nordmann")
    logged_in = Client()
    logged_in.force_login(UserFactory(email="kari.nordmann@example.no"))
    logged_in.post(f"{url}{items[1].pk}/stjerne/", {"action": "star"})
    with_message = Client()
    with_message.post(registration.get_absolute_url() + "avmelding/")

    theirs = [logged_in.get(url), with_message.get(url), logged_in.get(f"{url}{items[1].pk}/")]
    stranger = Client().get(url)
    stranger_item = Client().get(f"{url}{items[1].pk}/")

    assert all(rendered(response) for response in theirs)
    assert rendered(stranger) and rendered(stranger_item)  # nothing rendered for them was stored
    assert "Fjern fra mitt program" in theirs[0].content.decode()
    assert "gp-messages" in theirs[1].content.decode()
    assert "Fjern fra mitt program" in theirs[2].content.decode()
    for response in [stranger, stranger_item]:
        body = response.content.decode()
        assert "Fjern fra mitt program" not in body and "gp-messages" not in body
        assert "kari.nordmann" not in body and "Kari Nordmann" not in body
        assert registration.manage_token not in body
        assert not tokens(response) & (tokens(theirs[0]) | tokens(theirs[1]) | tokens(theirs[2]))


@pytest.mark.django_db
def test_visitors_with_state_never_get_the_stored_page(edition, items):
    url = f"/{edition.slug}/program/"
    Client().get(url)  # stored
    Client().get(f"{url}{items[0].pk}/")
    registration = register_person(edition)
    starring = Client()
    starring.post(f"{url}{items[2].pk}/stjerne/", {"action": "star"})
    logged_in = Client()
    logged_in.force_login(UserFactory())
    with_message = Client()
    with_message.post(registration.get_absolute_url() + "avmelding/")

    assert "Fjern fra mitt program" in starring.get(url).content.decode()
    assert "Fjern fra mitt program" in starring.get(f"{url}{items[2].pk}/").content.decode()
    assert rendered(logged_in.get(url)) and rendered(logged_in.get(f"{url}{items[0].pk}/"))
    assert "gp-messages" in with_message.get(url).content.decode()
    agenda = Client().get(f"/{edition.slug}/program/agenda/{registration.manage_token}/")
    assert rendered(agenda) and registration.manage_token in agenda.content.decode()


@pytest.mark.django_db
def test_only_filters_the_programme_offers_are_stored(client, edition, items):
    url = f"/{edition.slug}/program/"
    room = str(items[0].room_id)

    stored = [client.get(url, {"rom": room}), client.get(url, {"rom": room})]
    unknown = [client.get(url, {"rom": "999999"}), client.get(url, {"rom": "999999"})]
    other = [client.get(url + "?utm_source=nyhetsbrev"), client.get(url + "?utm_source=nyhetsbrev")]
    twice = [client.get(url + f"?rom={room}&rom=1"), client.get(url + f"?rom={room}&rom=1")]

    assert [rendered(r) for r in stored] == [True, False]
    assert all(rendered(r) for r in unknown + other + twice)
    assert f'value="{url}?rom={room}"' in stored[1].content.decode()  # the star form returns here


@pytest.mark.django_db
def test_a_new_version_and_an_edited_edition_show_at_once(client, edition, items):
    url = f"/{edition.slug}/program/"
    client.get(url)
    client.get(f"{url}{items[0].pk}/")
    ProgramItem.objects.create(
        edition=edition, title="Nytt punkt", starts_at=at(edition, 1, 9), ends_at=at(edition, 1, 10)
    )
    publish_program(edition=edition, user=None)
    edition.name = "Grønn Praksis Nytt Navn"
    edition.save()

    page = client.get(url).content.decode()
    item_page = client.get(f"{url}{items[0].pk}/").content.decode()

    assert "Nytt punkt" in page
    assert "Grønn Praksis Nytt Navn" in page and "Grønn Praksis Nytt Navn" in item_page


@pytest.mark.django_db
def test_a_404_is_not_stored(client, edition, items):
    draft = ProgramItem.objects.create(
        edition=edition, title="Hemmelig utkast", starts_at=at(edition, 1, 9), ends_at=at(edition, 1, 10)
    )

    assert client.get(f"/{edition.slug}/program/{draft.pk}/").status_code == 404
    publish_program(edition=edition, user=None)
    assert client.get(f"/{edition.slug}/program/{draft.pk}/").status_code == 200


@pytest.mark.django_db
def test_the_item_page_reads_neither_the_changes_nor_more_than_it_needs(client, edition, items):
    url = f"/{edition.slug}/program/{items[0].pk}/"

    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).status_code == 200

    assert not any('"changes"' in query["sql"] for query in first.captured_queries)
    assert not any('"items"' in query["sql"] for query in again.captured_queries)
    assert len(again) == 3  # the edition, the published version's number and the session reports' state
