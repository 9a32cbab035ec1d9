"""The organisers' admin: staff with an authenticator app (TOTP) only."""

import pytest

from tests.factories import UserFactory, limit_day, register_person


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_site_login(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"
    login = client.get(response["Location"])
    assert login.status_code == 302
    assert login["Location"] == "/accounts/login/?next=/admin/"
    assert client.get(login["Location"]).status_code == 200


@pytest.mark.django_db
def test_anonymous_gets_no_changelist(client, participant):
    response = client.get("/admin/registrations/registration/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert participant.email not in response.content.decode()


@pytest.mark.django_db
def test_staff_without_totp_is_sent_to_set_it_up(client):
    staff = UserFactory(email="ny.arrangor@example.no", is_staff=True, is_superuser=True)
    client.force_login(staff)

    response = client.get("/admin/")
    login = client.get(response["Location"])

    assert (response.status_code, response["Location"]) == (302, "/admin/login/?next=/admin/")
    assert (login.status_code, login["Location"]) == (302, "/accounts/2fa/totp/activate/")


@pytest.mark.django_db
def test_staff_without_totp_sees_no_data(client, participant):
    client.force_login(UserFactory(email="ny.arrangor@example.no", is_staff=True, is_superuser=True))

    response = client.get("/admin/registrations/registration/", follow=True)

    assert "/accounts/2fa/totp/activate/" in [url for url, _status in response.redirect_chain]
    assert participant.email not in response.content.decode()


@pytest.mark.django_db
def test_a_logged_in_non_staff_user_is_refused(client, participant):
    client.force_login(UserFactory(email="deltaker@example.no"))

    response = client.get("/admin/registrations/registration/", follow=True)

    assert response.status_code == 403
    assert participant.email not in response.content.decode()


@pytest.mark.django_db
def test_organiser_sees_the_admin_index(client, organiser):
    client.force_login(organiser)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "/admin/registrations/registration/" in response.content.decode()


@pytest.mark.django_db
def test_organiser_searches_and_filters_registrations(client, edition, organiser, participant, outsider):
    limit_day(edition.days.first(), 0)
    waiting = register_person(edition, email="paa.venteliste@example.no", name="Per Venter")
    client.force_login(organiser)

    listing = client.get("/admin/registrations/registration/")
    search = client.get("/admin/registrations/registration/", {"q": "Kari"})
    by_email = client.get("/admin/registrations/registration/", {"q": "ola.hansen@example.no"})
    waitlisted = client.get("/admin/registrations/registration/", {"status__exact": "waitlisted"})

    assert (listing.status_code, search.status_code, by_email.status_code, waitlisted.status_code) == (
        200,
    ) * 4
    assert {"Kari Nordmann", "Ola Hansen", "Per Venter"} <= set(_names(listing))
    assert _names(search) == ["Kari Nordmann"]
    assert _names(by_email) == ["Ola Hansen"]
    assert _names(waitlisted) == ["Per Venter"]
    assert "Per Venter" in waitlisted.content.decode()
    assert "Ola Hansen" not in waitlisted.content.decode()
    assert "Kari Nordmann" in search.content.decode()
    assert "Ola Hansen" not in search.content.decode()
    assert waiting.status == "waitlisted"


def _names(response) -> list[str]:
    return [registration.name for registration in response.context["cl"].result_list]


@pytest.mark.django_db
def test_organiser_opens_a_registration(client, organiser, participant):
    client.force_login(organiser)

    response = client.get(f"/admin/registrations/registration/{participant.pk}/change/")

    assert response.status_code == 200
    assert "kari.nordmann@example.no" in response.content.decode()


@pytest.mark.django_db
def test_registrations_cannot_be_added_in_the_admin(client, organiser):
    client.force_login(organiser)

    assert client.get("/admin/registrations/registration/add/").status_code == 403
