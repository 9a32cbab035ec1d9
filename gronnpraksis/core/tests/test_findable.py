"""What search engines and link previews read: robots.txt, sitemap.xml, canonical and hreflang links,
OpenGraph metadata; and that nothing unpublished appears in any of them."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from gronnpraksis.editions.models import Phase
from gronnpraksis.examples.models import ExampleRevision
from gronnpraksis.examples.services import snapshot
from gronnpraksis.program.models import ProgramItem
from tests.bank_data import leaky_examples, publish
from tests.factories import EditionFactory, UserFactory, make_idea
from tests.factories import local_time as at
from tests.typing import TestResponse

pytestmark = pytest.mark.django_db

SITE = "https://gronnpraksis.example.no"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def sitemap(client: Client) -> tuple[str, ET.Element]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return response.content.decode(), ET.fromstring(response.content)  # noqa: S314 (our own output)


def locations(root: ET.Element) -> list[str]:
    return [url.findtext("s:loc", namespaces=NS) or "" for url in root.findall("s:url", NS)]


# --- robots.txt -----------------------------------------------------------------------------------------


def test_robots_txt_points_to_the_sitemap_and_keeps_private_pages_out(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    for rule in [
        "/arrangor/",
        "/nn/arrangor/",
        "/en/arrangor/",
        "/admin/",
        "/accounts/",
        "/en/accounts/",
        "/min-side/",
        "/nn/min-side/",
        "/eksempler/?",
        "/nn/eksempler/?",
        "/en/eksempler/?",
        "/*/pamelding/*/",
        "/*/program/agenda/",
        "/*/prisen/stem/",
        "/*/bidrag/kvittering/",
        "/ideer/varsler/",
        "/evaluering/",
        "/en/evaluering/",
    ]:
        assert f"Disallow: {rule}" in lines, rule
    # The bank, the examples and the registration form stay open.
    assert "Disallow: /eksempler/" not in lines
    assert not any(line.endswith("/pamelding/") for line in lines)


def test_robots_txt_has_no_language_prefix(client):
    assert client.get("/nn/robots.txt").status_code == 404
    assert client.get("/en/robots.txt").status_code == 404


# --- sitemap.xml ----------------------------------------------------------------------------------------


def test_sitemap_lists_public_pages_in_three_languages_with_hreflang_alternates(client, edition, published):
    example = publish("Sykkelparkering ved skolen", themes=("transport",), places=("4204",))
    owner = UserFactory(email="ida.eier@example.no", name="Ida Eier")
    idea = make_idea(owner)

    _text, root = sitemap(client)
    found = locations(root)

    for path in [
        "/",
        "/eksempler/",
        "/ideer/",
        "/kommuner/",
        f"/{edition.slug}/",
        f"/{edition.slug}/program/",
        f"/{edition.slug}/program/talere/",
        f"/{edition.slug}/program/{published.pk}/",
        example.get_absolute_url(),
        idea.get_absolute_url(),
        "/kommuner/4204/",
        "/fylker/42/",
    ]:
        for prefix in ["", "/nn", "/en"]:
            assert f"{SITE}{prefix}{path}" in found, prefix + path
    speakers = [loc for loc in found if "/program/talere/" in loc and not loc.endswith("/talere/")]
    assert speakers  # the published item's speaker has a page

    url = next(
        u
        for u in root.findall("s:url", NS)
        if u.findtext("s:loc", namespaces=NS) == SITE + example.get_absolute_url()
    )
    alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
    assert alternates == {
        "nb": SITE + example.get_absolute_url(),
        "nn": f"{SITE}/nn{example.get_absolute_url()}",
        "en": f"{SITE}/en{example.get_absolute_url()}",
        "x-default": SITE + example.get_absolute_url(),
    }
    assert url.findtext("s:lastmod", namespaces=NS)


def test_sitemap_lists_only_places_with_published_examples(client):
    publish("Sykkelparkering ved skolen", places=("4204",))
    leaky_examples(places=("0301",))

    _text, root = sitemap(client)
    found = locations(root)

    assert f"{SITE}/kommuner/4204/" in found
    assert f"{SITE}/kommuner/0301/" not in found  # Oslo has only unpublished examples
    assert f"{SITE}/fylker/03/" not in found
    assert not any("/kommuner/4601/" in loc for loc in found)  # nothing at all


def test_sitemap_never_lists_what_is_not_published(client, edition, published):
    hidden_examples = leaky_examples()
    changed = publish("Sykkelparkering ved rådhuset")
    ExampleRevision.objects.create(
        example=changed, data={**snapshot(changed), "title": "Kjøp billige klokker"}
    )
    ProgramItem.objects.create(
        edition=edition, title="Hemmelig utkast", starts_at=at(edition, 0, 14), ends_at=at(edition, 0, 15)
    )
    draft_item = ProgramItem.objects.get(title="Hemmelig utkast")
    planned = EditionFactory(slug="gp98", phase=Phase.PLANNING)
    owner = UserFactory(email="ida.eier@example.no", name="Ida Eier")
    draft_idea = make_idea(owner, title="Hemmelig idé", publish=False)
    hidden_idea = make_idea(owner, title="Skjult idé")
    hidden_idea.visibility = "hidden"
    hidden_idea.save()

    text, root = sitemap(client)
    found = locations(root)

    for example in hidden_examples:
        assert f"/eksempler/{example.pk}-" not in text, example.title
    assert "klokker" not in text
    assert SITE + changed.get_absolute_url() in found
    assert f"/program/{draft_item.pk}/" not in text
    assert f"/{planned.slug}/" not in text
    assert f"/ideer/{draft_idea.pk}-" not in text
    assert f"/ideer/{hidden_idea.pk}-" not in text


def test_sitemap_is_cached_for_some_minutes(client):
    sitemap(client)
    publish("Sykkelparkering ved skolen")

    text, _root = sitemap(client)

    assert "sykkelparkering" not in text
    assert "max-age=600" in client.get("/sitemap.xml")["Cache-Control"]


# --- Canonical and hreflang links, OpenGraph -------------------------------------------------------------


def head(response: TestResponse) -> str:
    assert response.status_code == 200
    return response.content.decode().split("</head>")[0]


@pytest.mark.parametrize("prefix", ["", "/nn", "/en"])
@pytest.mark.parametrize("path", ["/", "/eksempler/", "/ideer/", "/kommuner/", "/arkiv/"])
def test_every_page_has_a_canonical_link_and_its_three_languages(client, prefix, path):
    html = head(client.get(f"{prefix}{path}?utm_source=nyhetsbrev"))

    assert f'<link rel="canonical" href="{SITE}{prefix}{path}">' in html
    assert f'<meta property="og:url" content="{SITE}{prefix}{path}">' in html
    assert f'<link rel="alternate" hreflang="nb" href="{SITE}{path}">' in html
    assert f'<link rel="alternate" hreflang="nn" href="{SITE}/nn{path}">' in html
    assert f'<link rel="alternate" hreflang="en" href="{SITE}/en{path}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{SITE}{path}">' in html
    assert "utm_source" not in html


def test_opengraph_and_twitter_card_metadata(client):
    html = head(client.get("/nn/eksempler/"))

    assert '<meta property="og:site_name" content="Grønn Praksis">' in html
    assert '<meta property="og:type" content="website">' in html
    assert '<meta property="og:locale" content="nn_NO">' in html
    assert '<meta property="og:locale:alternate" content="nb_NO">' in html
    assert f'<meta property="og:image" content="{SITE}/static/img/og-default.png">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:title"' in html and '<meta property="og:description"' in html


def test_the_bank_canonicalises_its_search_parameters(client):
    response = client.get(
        "/en/eksempler/",
        {"fylke": "42", "sort": "relevans", "q": "sykkel", "tema": "transport", "x": "1", "side": "1"},
    )

    html = head(response)
    assert (
        f'<link rel="canonical" href="{SITE}/en/eksempler/?q=sykkel&amp;tema=transport&amp;fylke=42">' in html
    )
    assert f'hreflang="nb" href="{SITE}/eksempler/?q=sykkel&amp;tema=transport&amp;fylke=42"' in html

    newest = head(client.get("/eksempler/", {"sort": "nyeste", "tema": "transport"}))
    assert f'<link rel="canonical" href="{SITE}/eksempler/?tema=transport&amp;sort=nyeste">' in newest


def test_edition_programme_item_and_example_pages_describe_themselves(client, edition, published):
    example = publish("Sykkelparkering ved skolen", summary="Tak over stativene ved skolen.")

    edition_head = head(client.get(f"/en/{edition.slug}/"))
    item_head = head(client.get(f"/nn/{edition.slug}/program/{published.pk}/"))
    example_head = head(client.get(example.get_absolute_url()))

    assert f'<meta property="og:title" content="{edition.name}">' in edition_head
    assert f'<meta property="og:description" content="{edition.headline}">' in edition_head
    assert f'<meta property="og:title" content="Matsvinn til matglede – {edition.name}">' in item_head
    assert f'<link rel="canonical" href="{SITE}/nn/{edition.slug}/program/{published.pk}/">' in item_head
    assert '<meta property="og:title" content="Sykkelparkering ved skolen">' in example_head
    assert '<meta property="og:description" content="Tak over stativene ved skolen.">' in example_head
    assert '<meta property="og:type" content="article">' in example_head
    assert 'name="robots"' not in example_head


def test_metadata_never_shows_a_change_waiting_for_moderation(client):
    example = publish("Sykkelparkering ved skolen", summary="Tak over stativene.")
    ExampleRevision.objects.create(
        example=example, data={**snapshot(example), "title": "Kjøp billige klokker", "summary": "Spam"}
    )

    html = client.get(example.get_absolute_url()).content.decode()

    assert "klokker" not in html and "Spam" not in html
    assert '<meta property="og:title" content="Sykkelparkering ved skolen">' in html


def test_back_office_pages_ask_not_to_be_indexed(client, edition, organiser):
    client.force_login(organiser)

    html = head(client.get(f"/arrangor/{edition.slug}/program/"))

    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_a_hidden_idea_seen_by_a_moderator_asks_not_to_be_indexed(client):
    owner = UserFactory(email="ida.eier@example.no", name="Ida Eier")
    moderator = UserFactory(email="mona.moderator@example.no", name="Mona")
    moderator.groups.add(Group.objects.get(name="Moderatorer"))
    idea = make_idea(owner, title="Skjult idé")
    public_head = head(client.get(idea.get_absolute_url()))
    idea.visibility = "hidden"
    idea.save()
    client.force_login(moderator)

    hidden_head = head(client.get(idea.get_absolute_url()))

    assert 'name="robots"' not in public_head
    assert '<meta name="robots" content="noindex, nofollow">' in hidden_head


def test_public_list_pages_give_their_own_preview_title_and_description(client):
    html = head(client.get("/en/kommuner/"))

    assert '<meta property="og:title" content="Practice examples by place">' in html
    assert (
        "A map of Norway with the number of practice examples" in html.split('property="og:description"')[1]
    )


def test_a_missing_page_names_no_canonical_address(client):
    response = client.get("/nn/eksempler/999999-finnes-ikke/")

    assert response.status_code == 404
    html = response.content.decode().split("</head>")[0]
    assert 'rel="canonical"' not in html and "hreflang=" not in html
    assert '<meta name="robots" content="noindex">' in html
