"""Public edition pages: the front page, an edition, the archive, and the prose pages."""

import datetime
from typing import TYPE_CHECKING, Any

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from django.utils.translation import gettext

from gronnpraksis.editions.models import EditionOrganisation, OrganisationRole, Phase
from gronnpraksis.organisations.models import Organisation
from tests.factories import EditionFactory, UserFactory

if TYPE_CHECKING:
    from gronnpraksis.examples.models import Example


def past_edition(slug: str, years_ago: int, **fields):
    day = timezone.localdate() - datetime.timedelta(days=365 * years_ago)
    return EditionFactory(
        slug=slug,
        name=f"Grønn Praksis {slug[2:]}",
        starts_on=day,
        ends_on=day + datetime.timedelta(days=1),
        phase=Phase.ARCHIVED,
        registration_deadline=timezone.now() - datetime.timedelta(days=400 * years_ago),
        contribution_deadline=timezone.now() - datetime.timedelta(days=400 * years_ago),
        **fields,
    )


def add_organiser(edition, name: str, role: str, position: int) -> None:
    organisation = Organisation.objects.create(name=name, sector="kommune")
    EditionOrganisation.objects.create(
        edition=edition, organisation=organisation, role=role, position=position
    )


def nb(text) -> str:
    with translation.override("nb"):
        return str(text)


@pytest.mark.django_db
def test_front_page_shows_the_upcoming_edition(client, edition):
    add_organiser(edition, "Kristiansand kommune", OrganisationRole.HOST, 0)
    add_organiser(edition, "KS Agder", OrganisationRole.CO_ORGANISER, 1)
    past_edition("gp20", 2)

    response = client.get("/")

    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["edition"] == edition
    assert f'id="edition-title">{edition.name}</h1>' in body
    with translation.override("nb"):
        assert f"{date_filter(edition.starts_on, 'j.')}–{date_filter(edition.ends_on, 'j. F Y')}" in body
    with translation.override("nb"):
        assert f"<strong>{gettext('Host:')}</strong> Kristiansand {gettext('municipality')}" in body
    assert f"<dt>Kristiansand kommune</dt><dd>{nb(OrganisationRole.HOST.label)}</dd>" in body
    assert f"<dt>KS Agder</dt><dd>{nb(OrganisationRole.CO_ORGANISER.label)}</dd>" in body
    assert f'href="/{edition.slug}/pamelding/"' in body
    assert f'href="/{edition.slug}/bidrag/"' in body
    assert "Dag 1: Praksis nedenfra" in body
    assert 'href="/gp20/"' in body  # earlier editions


@pytest.mark.django_db
def test_front_page_picks_the_next_edition_not_the_latest_created(client, edition):
    later = EditionFactory(starts_on=edition.starts_on + datetime.timedelta(days=365))
    EditionFactory(
        slug="gp99", starts_on=edition.starts_on - datetime.timedelta(days=10), phase=Phase.PLANNING
    )

    response = client.get("/")

    assert response.context["edition"] == edition
    assert later.name not in response.content.decode().split("<main")[1]


@pytest.mark.django_db
def test_front_page_without_editions(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert "editions/empty.html" in [t.name for t in response.templates]


@pytest.mark.django_db
def test_closed_edition_has_no_calls_to_action(client):
    past_edition("gp21", 1)

    response = client.get("/gp21/")

    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="/gp21/pamelding/"' not in body
    assert 'href="/gp21/bidrag/"' not in body


@pytest.mark.django_db
def test_film_is_a_button_until_the_visitor_asks_for_it(client, edition):
    edition.film_url = "https://www.youtube.com/watch?v=abc123XYZ_-"
    edition.film_title = "Grønn Praksis 2024 på to minutter"
    edition.save()

    body = client.get("/").content.decode()

    assert 'data-film-src="https://www.youtube-nocookie.com/embed/abc123XYZ_-?autoplay=1"' in body
    assert "<iframe" not in body
    assert 'href="https://www.youtube.com/watch?v=abc123XYZ_-"' in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://youtu.be/abc123XYZ_-", "https://www.youtube-nocookie.com/embed/abc123XYZ_-?autoplay=1"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"),
        ("https://example.com/film.mp4", ""),
        ('https://www.youtube.com/watch?v="><script>', ""),
    ],
)
def test_film_embed_url(edition, url, embed):
    edition.film_url = url

    assert edition.film_embed_url == embed


@pytest.mark.django_db
def test_unknown_film_host_gets_a_link_but_no_player(client, edition):
    edition.film_url = "https://example.com/film.mp4"
    edition.save()

    body = client.get("/").content.decode()

    assert "data-film-src" not in body
    assert 'href="https://example.com/film.mp4"' in body


@pytest.mark.django_db
def test_archive_lists_public_editions_newest_first(client, edition):
    past_edition("gp20", 2)
    past_edition("gp21", 1)
    EditionFactory(slug="gp30", name="Hemmelig planlagt", phase=Phase.PLANNING)

    response = client.get("/arkiv/")

    assert response.status_code == 200
    assert [e.slug for e in response.context["editions"]] == [edition.slug, "gp21", "gp20"]
    body = response.content.decode()
    assert 'href="/gp20/"' in body
    assert "Hemmelig planlagt" not in body


@pytest.mark.django_db
def test_planning_edition_is_404_for_the_public(client):
    EditionFactory(slug="gp30", name="Hemmelig planlagt", phase=Phase.PLANNING)

    for url in ["/gp30/", "/gp30/pamelding/", "/gp30/bidrag/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Hemmelig planlagt" not in response.content.decode()
    client.force_login(UserFactory())
    assert client.get("/gp30/").status_code == 404


@pytest.mark.django_db
def test_planning_edition_is_visible_to_organisers(client, organiser):
    EditionFactory(slug="gp30", name="Hemmelig planlagt", phase=Phase.PLANNING)
    client.force_login(organiser)

    assert client.get("/gp30/").status_code == 200


@pytest.mark.django_db
def test_unknown_edition_is_404(client, db):
    assert client.get("/gp1/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/personvern/", "/tilgjengelighet/", "/en/personvern/", "/en/tilgjengelighet/"]
)
def test_prose_pages(client, db, url):
    response = client.get(url)

    assert response.status_code == 200
    language = "en" if url.startswith("/en/") else "nb"
    assert response.templates[0].name.endswith(f"_{language}.html")


@pytest.mark.django_db
def test_english_is_served_under_en(client, edition):
    english = client.get("/en/")
    norwegian = client.get("/")

    assert english.status_code == norwegian.status_code == 200
    assert '<html lang="en"' in english.content.decode()
    assert '<html lang="nb"' in norwegian.content.decode()
    assert f'href="/en/{edition.slug}/pamelding/"' in english.content.decode()


@pytest.mark.django_db
def test_every_public_page_sends_a_content_security_policy(client, edition):
    response = client.get("/")

    assert "frame-src https://www.youtube-nocookie.com" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_front_page_links_sharing_an_example_in_the_bank(client, edition):
    edition.perspective = "Praksis nedenfra."
    edition.save()

    body = client.get("/").content.decode()

    assert 'href="/eksempler/del/"' in body


# --- The front page leads with the arena -------------------------------------------------------


def published_examples(count: int, **fields: Any) -> list["Example"]:
    from gronnpraksis.examples.models import Example, ModerationState

    now = timezone.now()
    return [
        Example.objects.create(
            title=f"Eksempel {number}",
            summary=f"Sammendrag {number}.",
            state=ModerationState.PUBLISHED,
            published_at=now - datetime.timedelta(days=number),
            **fields,
        )
        for number in range(count)
    ]


@pytest.mark.django_db
def test_front_page_counts_participants_and_contributions_so_far(client, edition):
    from tests.factories import register_person, submit_contribution

    register_person(edition, email="a@example.no")
    register_person(edition, email="b@example.no")
    submit_contribution(edition)
    withdrawn = submit_contribution(edition, email="c@example.no", title="Trukket")
    withdrawn.state = "withdrawn"
    withdrawn.save(update_fields=["state"])

    response = client.get("/")

    assert response.context["participant_count"] == 2
    assert response.context["contribution_count"] == 1
    body = " ".join(response.content.decode().split())
    assert "<strong>2</strong>" in body and "<strong>1</strong>" in body


@pytest.mark.django_db
def test_front_page_shows_the_newest_published_examples(client, edition):
    from gronnpraksis.examples.models import Example, ModerationState

    examples = published_examples(4)
    Example.objects.create(title="Utkast som ikke vises", summary="Nei.", state=ModerationState.DRAFT)

    body = client.get("/").content.decode()

    for example in examples[:3]:
        assert f'href="{example.get_absolute_url()}"' in body
    assert examples[3].get_absolute_url() not in body  # only the three newest
    assert "Utkast som ikke vises" not in body


@pytest.mark.django_db
def test_front_page_query_count_does_not_grow_with_the_data(client, edition, django_assert_max_num_queries):
    from tests.factories import register_person

    published_examples(3)
    client.get("/")  # warm caches (current edition, language links)
    with django_assert_max_num_queries(12) as few:
        client.get("/")
    baseline = len(few.captured_queries)
    for number in range(5):
        register_person(edition, email=f"p{number}@example.no")
    published_examples(5)
    with django_assert_max_num_queries(baseline):
        client.get("/")
