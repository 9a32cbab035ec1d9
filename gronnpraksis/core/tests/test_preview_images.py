"""Social-preview images drawn on the server for editions and examples: what they show, that their
address changes with their content, and that nothing unpublished ever gets one or names one."""

import io
import re

import pytest
from django.core.cache import cache
from PIL import Image

from gronnpraksis.core import preview
from gronnpraksis.editions.models import Phase
from gronnpraksis.examples.models import ExampleRevision
from gronnpraksis.examples.previews import example_card
from gronnpraksis.examples.services import snapshot
from tests.bank_data import leaky_examples, publish
from tests.factories import EditionFactory, UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://gronnpraksis.example.no"
IMAGE = re.compile(r'<meta property="og:image" content="([^"]+)">')


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE
    cache.clear()


def image_address(response) -> str:
    """The page's og:image address (checked to be its twitter:image too), without the site."""
    assert response.status_code == 200
    head = response.content.decode().split("</head>")[0]
    found = IMAGE.findall(head)
    assert len(found) == 1, found
    assert f'<meta name="twitter:image" content="{found[0]}">' in head
    return found[0].removeprefix(SITE)


def assert_png(response) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    picture = Image.open(io.BytesIO(response.content))
    assert picture.format == "PNG" and picture.size == (1200, 630)


def test_an_edition_has_its_own_image_which_follows_its_content(client):
    edition = EditionFactory(name="Grønn Praksis 2027", phase=Phase.OPEN)

    address = image_address(client.get(f"/{edition.slug}/"))
    assert re.fullmatch(rf"/{edition.slug}/delingsbilde-[0-9a-f]{{16}}\.png", address)
    assert image_address(client.get("/")) == address  # the front page is the current edition's page
    assert_png(client.get(address))

    edition.name = "Grønn Praksis 2027 i Bodø"
    edition.save()
    renamed = image_address(client.get(f"/{edition.slug}/"))
    assert renamed != address  # a new address, so no cached copy of the old image is shown
    old = client.get(address)
    assert old.status_code == 302 and old["Location"] == renamed
    assert_png(client.get(renamed))
    # Each language has its own (the dates are written as the language writes them).
    english = image_address(client.get(f"/en/{edition.slug}/"))
    assert english.startswith(f"/en/{edition.slug}/delingsbilde-") and english != "/en" + renamed


def test_an_example_has_its_own_image_with_its_title_and_municipality(client):
    example = publish("Sykkelparkering ved skolen", places=("4204",))

    address = image_address(client.get(example.get_absolute_url()))
    assert re.fullmatch(rf"/eksempler/{example.pk}/delingsbilde-[0-9a-f]{{16}}\.png", address)
    assert_png(client.get(address))
    card = example_card(example)
    assert card is not None
    assert card.title == "Sykkelparkering ved skolen" and card.lines == ("Kristiansand",)


def test_the_image_is_drawn_once_per_content(client, monkeypatch):
    example = publish("Sykkelparkering ved skolen")
    address = image_address(client.get(example.get_absolute_url()))
    drawn: list[preview.Card] = []
    real = preview.render_png

    def counting(card: preview.Card) -> bytes:
        drawn.append(card)
        return real(card)

    monkeypatch.setattr(preview, "render_png", counting)

    first = client.get(address)
    second = client.get(address)

    assert len(drawn) == 1 and first.content == second.content


def test_an_unpublished_example_has_no_image_and_its_page_names_none(client):
    hidden = leaky_examples()
    owner = UserFactory(email="ida.eier@example.no", name="Ida Eier")

    for example in hidden:
        example.refresh_from_db()  # one was rejected behind the object's back
        example.owners.add(owner)
        # No redirect to a current address either: that would say the example exists.
        response = client.get(f"/eksempler/{example.pk}/delingsbilde-{'0' * 16}.png")
        assert response.status_code == 404, example.title
        assert example_card(example) is None
    client.force_login(owner)
    page = client.get(hidden[0].get_absolute_url())
    assert page.status_code == 200  # the owner sees the page …
    assert image_address(page) == "/static/img/og-default.png"  # … with the site's image only
    assert "delingsbilde" not in page.content.decode()


def test_an_example_image_never_shows_a_change_waiting_for_moderation(client):
    example = publish("Sykkelparkering ved skolen")
    address = image_address(client.get(example.get_absolute_url()))
    ExampleRevision.objects.create(
        example=example, data={**snapshot(example), "title": "Kjøp billige klokker"}
    )

    assert image_address(client.get(example.get_absolute_url())) == address
    card = example_card(example)
    assert card is not None and "klokker" not in card.title


def test_an_edition_being_planned_has_no_image_even_for_its_organisers(client, organiser):
    planned = EditionFactory(slug="gp98", phase=Phase.PLANNING)
    client.force_login(organiser)

    page = client.get(f"/{planned.slug}/")
    assert image_address(page) == "/static/img/og-default.png"
    assert client.get(f"/{planned.slug}/delingsbilde-{'0' * 16}.png").status_code == 404


def test_letters_outside_the_latin_subset_come_from_latin_ext():
    runs = preview._runs("Kárášjohka", 700, 40)

    assert [text for text, _font in runs] == ["Kárá", "š", "johka"]
    assert runs[0][1] is runs[2][1] and runs[1][1] is not runs[0][1]


def test_the_programme_pages_show_their_edition_image(client, edition, published):
    address = image_address(client.get(f"/{edition.slug}/"))

    assert image_address(client.get(f"/{edition.slug}/program/")) == address
    assert image_address(client.get(f"/{edition.slug}/program/{published.pk}/")) == address
