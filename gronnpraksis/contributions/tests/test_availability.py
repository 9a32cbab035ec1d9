"""Availability: the half-days a contribution's contributors can come, on the form and the edit page."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.editions.models import Edition
from tests.factories import proven_user, submit_contribution

from .helpers import submit_data, submit_url


def half_days(edition: Edition) -> list[str]:
    first, second = edition.starts_on, edition.starts_on + datetime.timedelta(days=1)
    return [f"{first}:am", f"{first}:pm", f"{second}:am", f"{second}:pm"]


@pytest.mark.django_db
def test_the_form_offers_each_half_day_and_stores_the_ticked_ones(client: Client, edition: Edition) -> None:
    page = client.get(submit_url(edition)).content.decode()
    for code in half_days(edition):
        assert f'value="{code}"' in page

    response = client.post(submit_url(edition), submit_data(availability=half_days(edition)[2:]))

    assert response.status_code == 302
    assert Contribution.objects.get().availability == half_days(edition)[2:]


@pytest.mark.django_db
def test_a_half_day_outside_the_edition_is_refused_and_the_form_keeps_what_was_typed(
    client: Client, edition: Edition
) -> None:
    response = client.post(
        submit_url(edition), submit_data(availability=["1999-01-01:am"], title="Mitt bidrag")
    )

    assert response.status_code == 200
    assert not Contribution.objects.exists()
    assert 'value="Mitt bidrag"' in response.content.decode()


@pytest.mark.django_db
def test_an_accepted_contributor_can_still_change_when_they_can_come(
    client: Client, edition: Edition
) -> None:
    contribution = submit_contribution(edition, title="Bildeling i distriktskommuner")
    edition.contribution_deadline = timezone.now() - datetime.timedelta(days=1)
    edition.save()
    Contribution.objects.filter(pk=contribution.pk).update(state=State.ACCEPTED)
    client.force_login(proven_user("kari.nordmann@example.no"))
    url = reverse("contributions:edit", kwargs={"edition": edition.slug, "pk": contribution.pk})
    data = {
        "title": "Bildeling i distriktskommuner",
        "summary": "Kommunens biler deles med innbyggerne på kveldstid.",
        "availability": [half_days(edition)[0]],
        "co-TOTAL_FORMS": "0",
        "co-INITIAL_FORMS": "0",
        "co-MIN_NUM_FORMS": "0",
        "co-MAX_NUM_FORMS": "3",
    }

    assert f'value="{half_days(edition)[0]}"' in client.get(url).content.decode()
    response = client.post(url, data)

    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.availability == [half_days(edition)[0]]
