"""The back office's network pages: what a network organiser may change, every bad input refused with a
message and the form kept, the last organiser kept, and the mail to a person added to the team."""

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext
from pytest_django import Settings

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Edition, Network, NetworkMember, NetworkRole
from gronnpraksis.examples.tests.helpers import image_bytes
from gronnpraksis.mail.models import OutboxMail
from tests.backoffice_matrix import network_organisers
from tests.factories import EditionFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def edition(db: None) -> Edition:
    return EditionFactory()


@pytest.fixture
def nora(edition: Edition) -> User:
    own, _other = network_organisers(edition)
    return own


@pytest.fixture
def client_of(client: Client, nora: User) -> Client:
    client.force_login(nora)
    return client


def url(edition: Edition, name: str = "network", **kwargs: object) -> str:
    return reverse(f"backoffice:{name}", kwargs={"edition": edition.slug, **kwargs})


def settings_data(**changes: object) -> dict[str, object]:
    return {
        "name": "Klimanettverk Innlandet",
        "description": "Kommunene i Innlandet deler klimapraksis.",
        "about": "Vi møtes to ganger i året.",
        "colour": "brand2",
        "contact_email": "post@klima-innlandet.no",
        "logo_description": "",
        **changes,
    }


def png(name: str = "min logo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes("PNG"), content_type="image/png")


def test_a_network_organiser_changes_the_network_and_uploads_a_logo(
    client_of: Client, edition: Edition
) -> None:
    response = client_of.post(url(edition), {**settings_data(), "logo": png()})

    assert response.status_code == 302
    network = Network.objects.get(pk=edition.network.pk)
    assert (network.name, network.colour, network.contact_email) == (
        "Klimanettverk Innlandet",
        "brand2",
        "post@klima-innlandet.no",
    )
    assert str(network.logo.name).startswith("nettverk/") and "min logo" not in str(network.logo.name)
    assert client_of.get(reverse("editions:network_logo", args=[network.slug]))["Content-Type"] == "image/png"


def test_the_logo_is_replaced_and_removed_and_its_file_deleted(
    client_of: Client, edition: Edition, django_capture_on_commit_callbacks: Any
) -> None:
    client_of.post(url(edition), {**settings_data(), "logo": png()})
    first = Network.objects.get(pk=edition.network.pk).logo
    first_path = Path(first.path)

    with django_capture_on_commit_callbacks(execute=True):
        client_of.post(url(edition), {**settings_data(), "logo": png("ny.png")})
    second = Network.objects.get(pk=edition.network.pk).logo
    assert second.name != first.name and not first_path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        client_of.post(url(edition), {**settings_data(), "remove_logo": "on"})
    assert not Network.objects.get(pk=edition.network.pk).logo and not Path(second.path).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"logo": SimpleUploadedFile("logo.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")}, "logo"),
        ({"logo": SimpleUploadedFile("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>")}, "logo"),
        ({"logo": SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (11 * 1024 * 1024))}, "logo"),
        ({"logo": SimpleUploadedFile("tom.png", b"")}, "logo"),
        ({"colour": "red; background: url(x)"}, "colour"),
        ({"colour": ""}, "colour"),
        ({"name": ""}, "name"),
        ({"name": "N" * 101}, "name"),
        ({"description": "D" * 301}, "description"),
        ({"contact_email": "ikke en adresse"}, "contact_email"),
        ({"name": "Med\x00nullbyte", "colour": "nope"}, "colour"),
    ],
    ids=[
        "pdf",
        "svg-as-png",
        "huge",
        "empty-file",
        "css-colour",
        "no-colour",
        "no-name",
        "long-name",
        "long-description",
        "bad-email",
        "nul-byte",
    ],
)
def test_bad_input_is_refused_with_a_message_and_the_form_kept(
    client_of: Client, edition: Edition, changes: dict[str, object], field: str
) -> None:
    before = list(Network.objects.values_list("name", "colour", "logo", "description"))

    response = client_of.post(url(edition), {**settings_data(about="Det jeg skrev"), **changes})

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert "Det jeg skrev" in response.content.decode()
    assert list(Network.objects.values_list("name", "colour", "logo", "description")) == before


def test_a_bad_colour_is_not_echoed_back(client_of: Client, edition: Edition) -> None:
    response = client_of.post(url(edition), settings_data(colour="<b>rød</b>"))

    assert response.status_code == 400
    assert response.context["form"].errors["colour"] == [gettext("Choose one of the colours.")]


def test_adding_a_person_mails_them_once_through_the_outbox(client_of: Client, edition: Edition) -> None:
    data = {"email": "Mona.Moderator@Example.no", "name": "Mona Moderator", "role": NetworkRole.MODERATOR}

    assert client_of.post(url(edition, "network_team"), data).status_code == 302
    client_of.post(url(edition, "network_team"), data)
    client_of.post(
        url(edition, "network_team"),
        {"email": "ola@example.no", "name": "Ola", "role": NetworkRole.ORGANISER},
    )

    network = Network.objects.get(pk=edition.network.pk)
    assert NetworkMember.objects.filter(network=network, user__email="mona.moderator@example.no").count() == 1
    mails = {m.to: m for m in OutboxMail.objects.filter(template="network_team_added")}
    assert sorted(mails) == ["mona.moderator@example.no", "ola@example.no"]
    assert network.name in mails["ola@example.no"].subject
    assert reverse("examples:moderation") in mails["mona.moderator@example.no"].body_text
    assert url(edition, "dashboard") in mails["ola@example.no"].body_text


@pytest.mark.parametrize(
    "data",
    [
        {"email": "ikke-epost", "name": "Ola", "role": NetworkRole.MODERATOR},
        {"email": "ola@example.no", "name": "", "role": NetworkRole.MODERATOR},
        {"email": "ola@example.no", "name": "Ola", "role": "staff"},
    ],
    ids=["bad-email", "no-name", "unknown-role"],
)
def test_a_bad_new_member_is_refused_and_the_form_kept(
    client_of: Client, edition: Edition, data: dict[str, str]
) -> None:
    response = client_of.post(url(edition, "network_team"), data)

    assert response.status_code == 400
    assert data["email"] in response.content.decode()
    assert not OutboxMail.objects.exists()
    assert not NetworkMember.objects.filter(user__email="ola@example.no").exists()


def test_the_last_organiser_is_neither_removed_nor_made_a_moderator(
    client_of: Client, edition: Edition, nora: User
) -> None:
    own = NetworkMember.objects.get(user=nora)

    client_of.post(url(edition, "network_member_remove", pk=own.pk))
    response = client_of.post(
        url(edition, "network_member_role", pk=own.pk),
        {f"m{own.pk}-role": NetworkRole.MODERATOR},
        follow=True,
    )

    assert NetworkMember.objects.get(pk=own.pk).role == NetworkRole.ORGANISER
    assert gettext("The network must have at least one organiser.") in response.content.decode()


def test_with_two_organisers_one_may_go(client_of: Client, edition: Edition, nora: User) -> None:
    client_of.post(
        url(edition, "network_team"),
        {"email": "ola@example.no", "name": "Ola", "role": NetworkRole.ORGANISER},
    )
    ola = NetworkMember.objects.get(user__email="ola@example.no")

    client_of.post(url(edition, "network_member_role", pk=ola.pk), {f"m{ola.pk}-role": NetworkRole.MODERATOR})
    assert NetworkMember.objects.get(pk=ola.pk).role == NetworkRole.MODERATOR
    own = NetworkMember.objects.get(user=nora)
    client_of.post(url(edition, "network_member_role", pk=ola.pk), {f"m{ola.pk}-role": NetworkRole.ORGANISER})
    client_of.post(url(edition, "network_member_remove", pk=own.pk))

    assert not NetworkMember.objects.filter(pk=own.pk).exists()


def test_an_unknown_role_changes_nothing(client_of: Client, edition: Edition, nora: User) -> None:
    own = NetworkMember.objects.get(user=nora)

    response = client_of.post(url(edition, "network_member_role", pk=own.pk), {f"m{own.pk}-role": "admin"})

    assert response.status_code == 302
    assert NetworkMember.objects.get(pk=own.pk).role == NetworkRole.ORGANISER


def test_another_networks_members_are_out_of_reach(client_of: Client, edition: Edition) -> None:
    other = NetworkMember.objects.get(user__email="anders.annet@example.no")

    removed = client_of.post(url(edition, "network_member_remove", pk=other.pk))
    changed = client_of.post(
        url(edition, "network_member_role", pk=other.pk), {f"m{other.pk}-role": NetworkRole.MODERATOR}
    )

    assert (removed.status_code, changed.status_code) == (404, 404)
    assert NetworkMember.objects.get(pk=other.pk).role == NetworkRole.ORGANISER


def test_the_back_office_links_to_the_network_only_for_those_who_run_it(
    client: Client, edition: Edition, nora: User
) -> None:
    from tests.backoffice_matrix import member, with_totp

    link = f'href="{url(edition)}"'
    client.force_login(nora)
    assert link in client.get(url(edition, "dashboard")).content.decode()

    client.force_login(with_totp(member(edition, "olga.organiser@example.no", "organiser")))
    assert link not in client.get(url(edition, "dashboard")).content.decode()


def test_the_header_shows_the_networks_logo_only_with_several_networks(
    client_of: Client, edition: Edition
) -> None:
    client_of.post(url(edition), {**settings_data(), "logo": png()})
    page = reverse("editions:detail", args=[edition.slug])
    logo = reverse("editions:network_logo", args=[edition.network.slug])
    header = f'<img class="gp-header__network-logo" src="{logo}" alt="Klimanettverk Innlandet" width="100" height="40">'

    assert header in Client().get(page).content.decode()

    # Only the edition's network (the other one and the national one gone): no header logo.
    Edition.objects.exclude(pk=edition.pk).delete()
    Network.objects.exclude(pk=edition.network.pk).delete()
    assert "gp-header__network-logo" not in Client().get(page).content.decode()


def test_an_edition_of_a_network_without_a_logo_has_no_header_logo(edition: Edition) -> None:
    NetworkFactory()

    html = Client().get(reverse("editions:detail", args=[edition.slug])).content.decode()

    assert "gp-header__network-logo" not in html
