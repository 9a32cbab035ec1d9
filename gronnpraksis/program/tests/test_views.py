import datetime

import pytest

from gronnpraksis.editions.models import Phase
from gronnpraksis.program.models import ProgramItem
from gronnpraksis.program.services import publish_program
from tests.factories import EditionFactory, register_person
from tests.factories import local_time as at


@pytest.mark.django_db
def test_program_page_shows_published_items_by_day_with_speakers(client, edition, published):
    response = client.get(f"/{edition.slug}/program/")

    body = response.content.decode()
    assert response.status_code == 200
    assert [len(items) for _day, items, _grid in response.context["days"]] == [1, 1]
    assert "Matsvinn til matglede" in body and "Kari Nordmann" in body and "Store sal" in body


@pytest.mark.django_db
def test_unpublished_items_are_not_shown(client, edition, published):
    ProgramItem.objects.create(
        edition=edition, title="Hemmelig utkast", starts_at=at(edition, 0, 14), ends_at=at(edition, 0, 15)
    )

    assert "Hemmelig utkast" not in client.get(f"/{edition.slug}/program/").content.decode()
    draft = ProgramItem.objects.get(title="Hemmelig utkast")
    assert client.get(f"/{edition.slug}/program/{draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_filters_narrow_the_programme_and_an_empty_result_offers_everything(client, edition, published):
    by_track = client.get(f"/{edition.slug}/program/?spor=mat")
    by_kind = client.get(f"/{edition.slug}/program/?type=plenary")
    nothing = client.get(f"/{edition.slug}/program/?tema=finnes-ikke")

    assert [i["title"] for _d, items, _grid in by_track.context["days"] for i in items] == [
        "Matsvinn til matglede"
    ]
    assert [i["title"] for _d, items, _grid in by_kind.context["days"] for i in items] == ["Åpning"]
    assert nothing.context["days"] == []


@pytest.mark.django_db
def test_item_page_and_changes_page(client, edition, published):
    item = client.get(f"/{edition.slug}/program/{published.pk}/")
    changes = client.get(f"/{edition.slug}/program/nytt/")

    assert item.status_code == 200
    assert "Fordypning: mat" in item.content.decode()
    assert changes.status_code == 200
    assert changes.content.decode().count(f"/{edition.slug}/program/") >= 2


@pytest.mark.django_db
def test_before_publication_the_page_says_so(client, edition):
    response = client.get(f"/{edition.slug}/program/")

    assert response.status_code == 200
    assert response.context["version"] is None


@pytest.mark.django_db
def test_programme_of_an_edition_being_planned_is_404(client, db):
    hidden = EditionFactory(slug="gp99", phase=Phase.PLANNING)

    assert client.get(f"/{hidden.slug}/program/").status_code == 404


@pytest.mark.django_db
def test_program_page_query_count_is_constant(client, edition, published, django_assert_max_num_queries):
    for hour in range(30):
        ProgramItem.objects.create(
            edition=edition,
            title=f"Punkt {hour}",
            starts_at=at(edition, 0, 0) + datetime.timedelta(minutes=hour),
            ends_at=at(edition, 0, 1) + datetime.timedelta(minutes=hour),
        )
    publish_program(edition=edition, user=None)

    with django_assert_max_num_queries(8):
        response = client.get(f"/{edition.slug}/program/")
    assert sum(len(items) for _d, items, _grid in response.context["days"]) == 32


@pytest.mark.django_db
def test_the_cached_list_follows_new_versions_and_never_carries_a_csrf_token(client, edition, published):
    first = client.get(f"/{edition.slug}/program/").content.decode()
    ProgramItem.objects.create(
        edition=edition, title="Nytt punkt", starts_at=at(edition, 0, 15), ends_at=at(edition, 0, 16)
    )
    publish_program(edition=edition, user=None)

    second = client.get(f"/{edition.slug}/program/").content.decode()

    assert "Nytt punkt" not in first and "Nytt punkt" in second
    # One form holds the CSRF token for every star button, outside the cached list.
    assert second.count('name="csrfmiddlewaretoken"') == 1 + second.count('action="/i18n/setlang/"')


@pytest.mark.django_db
def test_items_and_star_buttons_link_to_the_public_or_the_personal_pages(client, edition, published):
    registration = register_person(edition)
    public = client.get(f"/{edition.slug}/program/").content.decode()
    personal = client.get(f"/{edition.slug}/program/agenda/{registration.manage_token}/").content.decode()

    assert f'href="/{edition.slug}/program/{published.pk}/"' in public
    assert f'formaction="/{edition.slug}/program/{published.pk}/stjerne/"' in public
    agenda = f"/{edition.slug}/program/agenda/{registration.manage_token}/{published.pk}/"
    assert f'href="{agenda}"' in personal and f'formaction="{agenda}stjerne/"' in personal
    assert registration.manage_token not in public
