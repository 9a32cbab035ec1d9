"""News consent can be withdrawn: from the manage page (also after registration closed), from Min side,
and when cancelling; the consent's time and the texts' version are stored."""

import datetime

import pytest
from django.utils import timezone

from gronnpraksis.core.privacy_statement import STATEMENT_VERSION
from gronnpraksis.editions.models import Edition
from gronnpraksis.registrations.models import Registration
from tests.factories import proven_user, register_person

KARI = "kari.nordmann@example.no"


@pytest.fixture
def subscriber(edition):
    return register_person(edition, email=KARI, name="Kari Nordmann", news_opt_in=True)


def close_registration(edition):
    Edition.objects.filter(pk=edition.pk).update(
        registration_deadline=timezone.now() - datetime.timedelta(hours=1)
    )


@pytest.mark.django_db
def test_registering_stores_the_consent_time_and_text_version(subscriber, outsider):
    assert subscriber.consent_version == STATEMENT_VERSION
    assert subscriber.news_consent_at is not None and subscriber.news_withdrawn_at is None
    assert outsider.news_consent_at is None  # did not ask for news


@pytest.mark.django_db
def test_news_can_be_stopped_from_the_manage_page_after_registration_closed(client, edition, subscriber):
    close_registration(edition)
    page = client.get(subscriber.get_absolute_url())
    assert page.status_code == 200 and "nyheter/" in page.content.decode()

    response = client.post(subscriber.get_absolute_url() + "nyheter/")

    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert not subscriber.news_opt_in and subscriber.news_withdrawn_at is not None


@pytest.mark.django_db
def test_a_wrong_token_cannot_stop_someone_elses_news(client, edition, subscriber):
    response = client.post(f"/{edition.slug}/pamelding/{subscriber.calendar_token}/nyheter/")

    assert response.status_code == 404
    subscriber.refresh_from_db()
    assert subscriber.news_opt_in


@pytest.mark.django_db
def test_news_can_be_stopped_from_min_side(client, edition, subscriber):
    client.force_login(proven_user(KARI))
    page = client.get("/min-side/")
    assert 'action="/min-side/nyheter/"' in page.content.decode()

    response = client.post("/min-side/nyheter/", {"registration": subscriber.pk})

    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert not subscriber.news_opt_in


@pytest.mark.django_db
def test_min_side_cannot_stop_another_persons_news(client, edition, subscriber):
    other = register_person(edition, email="ola.hansen@example.no", news_opt_in=True)
    client.force_login(proven_user(KARI))

    response = client.post("/min-side/nyheter/", {"registration": other.pk})

    assert response.status_code == 404
    assert Registration.objects.get(pk=other.pk).news_opt_in


@pytest.mark.django_db
def test_cancelling_asks_whether_to_keep_the_news(client, edition, subscriber):
    page = client.get(subscriber.get_absolute_url() + "avmelding/")
    assert 'name="news" value="stop"' in page.content.decode()

    client.post(subscriber.get_absolute_url() + "avmelding/", {"news": "stop"})

    subscriber.refresh_from_db()
    assert subscriber.status == "cancelled" and not subscriber.news_opt_in


@pytest.mark.django_db
def test_cancelling_can_keep_the_news(client, edition, subscriber):
    client.post(subscriber.get_absolute_url() + "avmelding/", {"news": "keep"})

    subscriber.refresh_from_db()
    assert subscriber.status == "cancelled" and subscriber.news_opt_in


@pytest.mark.django_db
def test_turning_news_off_and_on_in_the_change_form_records_both_times(client, edition, subscriber):
    url = subscriber.get_absolute_url()
    days = [str(d.pk) for d in edition.days.all()]

    client.post(url, {"days": days, "phone": "", "dietary_needs": "", "accessibility_needs": ""})
    subscriber.refresh_from_db()
    assert not subscriber.news_opt_in and subscriber.news_withdrawn_at is not None

    client.post(url, {"days": days, "news_opt_in": "on"})
    subscriber.refresh_from_db()
    assert subscriber.news_opt_in and subscriber.news_withdrawn_at is None
