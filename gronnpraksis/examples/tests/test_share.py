"""Sharing an example over HTTP: the way in with a one-time code, the form with all its parts, similar
titles, editing with versions, withdrawing, and who may see what. Bad input never gives a 500."""

import html
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail as django_mail
from django.core.files.uploadedfile import SimpleUploadedFile

from gronnpraksis.accounts.models import User
from gronnpraksis.examples import search, services
from gronnpraksis.examples.models import (
    Example,
    ExampleVersion,
    ModerationAction,
    ModerationRecord,
    ModerationState,
)
from gronnpraksis.mail.models import OutboxMail
from tests.factories import UserFactory
from tests.typing import TestResponse

from .helpers import SHARE, example_data, form_data, image_bytes, nb, share

pytestmark = pytest.mark.django_db


def text(response: TestResponse) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def sharer(db):
    return UserFactory(email="siri.deler@example.no", name="Siri Deler")


@pytest.fixture
def other(db):
    return UserFactory(email="ola.annen@example.no", name="Ola Annen")


@pytest.fixture
def moderator(db):
    return UserFactory(email="mona.moderator@example.no", name="Mona Moderator", is_superuser=True)


# --- The way in ------------------------------------------------------------------------------------------


def test_someone_not_logged_in_is_asked_who_they_are(client):
    response = client.get(SHARE)

    page = text(response)
    assert response.status_code == 200
    assert nb("Send me a code") in page
    assert '/accounts/login/code/?next=%2Feksempler%2Fdel%2F"' in response.content.decode()


def test_anyone_with_an_e_mail_gets_a_code_and_comes_back_to_the_form_logged_in(client):
    response = client.post(SHARE, {"name": "Nina Ny", "email": "Nina.Ny@Example.no"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/code/confirm/?next=%2Feksempler%2Fdel%2F"
    user = User.objects.get(email="nina.ny@example.no")
    assert user.name == "Nina Ny" and not user.has_usable_password()
    code_mail = OutboxMail.objects.get(to="nina.ny@example.no")
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", code_mail.body_text, re.MULTILINE).group(1)  # type: ignore[union-attr]

    confirmed = client.post(response["Location"], {"code": code})

    assert confirmed.status_code == 302 and confirmed["Location"] == SHARE
    assert nb("Send for moderation") in text(client.get(SHARE))


def test_the_first_step_refuses_a_misspelt_address_and_a_bot(client):
    typo = client.post(SHARE, {"name": "Nina Ny", "email": "nina@gmial.com"})
    bot = client.post(SHARE, {"name": "Bot", "email": "bot@example.no", "website": "http://spam"})

    assert nb("Check the e-mail address: did you mean %(suggestion)s?", suggestion="nina@gmail.com") in text(
        typo
    )
    assert bot.status_code == 400
    assert not User.objects.exists() and not OutboxMail.objects.exists()


# --- Sharing ---------------------------------------------------------------------------------------------


def test_the_form_has_every_part_and_similar_titles_as_you_type(client, sharer):
    client.force_login(sharer)

    page = client.get(SHARE).content.decode()

    for name in ["title", "summary", "stage", "start_year", "measure_type", "what_was_done", "barriers",
                 "transferability", "cost", "owner_name", "actor_type", "partners", "themes", "goals",
                 "contact_is_public", "licence", "places-0-municipality", "figures-0-value",
                 "figures-0-accuracy", "links-0-url", "files-0-file"]:  # fmt: skip
        assert f'name="{name}"' in page, name
    assert 'hx-get="/eksempler/lignende/"' in page
    assert 'hx-trigger="keyup changed delay:400ms"' in page and 'hx-target="#similar"' in page
    assert 'href="/eksempler/lignende/"' in page  # without JavaScript
    assert re.search(r'<input[^>]*name="licence" value="CC-BY-4.0"[^>]*checked', page)
    assert 'enctype="multipart/form-data"' in page


def test_sharing_stores_everything_waits_for_moderation_and_sends_a_receipt(client, sharer):
    client.force_login(sharer)

    response = client.post(SHARE, form_data())

    example = Example.objects.get()
    assert response.status_code == 302 and response["Location"] == example.get_absolute_url()
    assert example.state == ModerationState.PENDING
    assert (example.created_by, list(example.owners.all())) == (sharer, [sharer])
    assert sorted(example.municipalities.values_list("number", flat=True)) == ["0301", "4204"]
    assert sorted(example.themes.values_list("slug", flat=True)) == ["mat", "sirkularokonomi"]
    assert list(example.goals.values_list("number", flat=True)) == [12]
    assert example.owner_organisation is not None
    assert (example.owner_organisation.name, example.owner_organisation.sector) == (
        "Kristiansand kommune",
        "kommune",
    )
    figure = example.key_figures.get()
    assert (figure.label, figure.value, figure.unit, figure.accuracy, figure.year) == (
        "Mat reddet fra kasting",
        Decimal("1234.50"),
        "kg per år",
        "malt",
        2023,
    )
    assert [(link.url, link.title) for link in example.links.all()] == [
        ("https://www.kristiansand.kommune.no/matsvinn", "Kommunens side om matsvinn")
    ]
    assert (example.contact_is_public, example.licence, example.start_year, example.end_year) == (
        True,
        "CC-BY-4.0",
        2021,
        None,
    )
    version = example.versions.get()
    assert version.number == 1 and version.created_by == sharer
    assert version.data["key_figures"] == [
        {
            "label": "Mat reddet fra kasting",
            "value": "1234.50",
            "unit": "kg per år",
            "accuracy": "malt",
            "year": 2023,
        }
    ]
    assert version.data["municipalities"] == ["0301", "4204"]
    assert ModerationRecord.objects.get(example=example).action == ModerationAction.SUBMITTED
    receipt = OutboxMail.objects.get()
    assert receipt.to == sharer.email and receipt.template == "example_received"
    assert f"/eksempler/{example.pk}/rediger/" in receipt.body_text
    page = text(client.get(response["Location"]))
    assert (
        nb(
            "Thank you! The example waits for a moderator, who publishes it in the bank. Only you and the "
            "moderators see it until then. We have sent you a receipt."
        )
        in page
    )
    assert nb("Not published: only you and the moderators see this page.") in page


def test_a_shared_example_is_not_public_until_published(client, sharer, other):
    example = share(sharer)

    anonymous = client.get(example.get_absolute_url())
    client.force_login(other)
    someone_else = client.get(example.get_absolute_url())

    assert (anonymous.status_code, someone_else.status_code) == (404, 404)
    assert search.search("matsvinn").examples == []


def test_a_form_with_mistakes_keeps_what_was_typed_and_stores_nothing(client, sharer):
    client.force_login(sharer)
    data = form_data(
        summary="x" * 301,
        what_was_done="",
        themes=[],
        start_year="2024",
        end_year="2020",
        **{
            "places-0-municipality": "Atlantis",
            "places-1-municipality": "",
            "figures-1-label": "Deltakere",
            "links-1-url": "ikke en adresse",
            "links-1-title": "Noe",
        },
    )

    response = client.post(SHARE, data)

    page = text(response)
    assert response.status_code == 200
    assert 'id="error-summary"' in page
    for field in ["summary", "places-0-municipality", "figures-1-value", "links-1-url"]:
        assert f'id="id_{field}-error"' in page, field
    for message in [
        nb("Choose at least one theme."),
        nb("The end year is before the start year."),
        nb(
            "We found no municipality called “%(value)s”. Choose one from the list, or type its number.",
            value="Atlantis",
        ),
        nb("Give the number."),
        nb("Say whether it was measured or estimated."),
        nb("Write a full web address, like https://www.kommune.no/klima."),
    ]:
        assert message in page, message
    assert 'value="Matsvinn til matglede"' in page and "Engasjerte kantineansatte." in page
    assert not Example.objects.exists() and not OutboxMail.objects.exists()


def test_a_wrong_link_address_and_a_missing_link_text_are_reported_together(client, sharer):
    client.force_login(sharer)
    data = form_data(**{"links-0-url": "ikke en adresse", "links-0-title": ""})

    response = client.post(SHARE, data)

    page = text(response)
    assert response.status_code == 200
    assert 'id="id_links-0-url-error"' in page
    assert 'id="id_links-0-title-error"' in page
    assert nb("Write a full web address, like https://www.kommune.no/klima.") in page
    assert nb("Say what the link leads to.") in page
    assert not Example.objects.exists()


def test_at_least_one_municipality_is_required(client, sharer):
    client.force_login(sharer)

    response = client.post(SHARE, form_data(**{"places-0-municipality": "", "places-1-municipality": ""}))

    assert nb("Give at least one municipality where it took place.") in text(response)
    assert not Example.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"themes": ["99999999999999999999999"]},
        {"stage": "<script>"},
        {"places-TOTAL_FORMS": "100000"},
        {"figures-0-value": "1e400"},
        {"figures-0-value": "99999999999999999999"},
        {"title": "\x00" * 3},
        {"files-TOTAL_FORMS": "x"},
    ],
)
def test_odd_input_is_an_error_on_the_form_never_a_crash(client, sharer, overrides):
    client.force_login(sharer)

    response = client.post(SHARE, form_data(**overrides))

    assert response.status_code == 200
    assert not Example.objects.exists()


def test_a_bot_filling_the_hidden_field_stores_nothing(client, sharer):
    client.force_login(sharer)

    response = client.post(SHARE, form_data(website="http://spam.example"))

    assert response.status_code == 400 and not Example.objects.exists()


def test_a_double_submit_gives_one_example(client, sharer):
    client.force_login(sharer)

    first = client.post(SHARE, form_data())
    second = client.post(SHARE, form_data())

    assert Example.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_the_share_page_lists_the_person_s_own_examples_only(client, sharer, other):
    mine = share(sharer, title="Mitt eksempel")
    share(other, title="Et annet eksempel")
    client.force_login(sharer)

    page = text(client.get(SHARE))

    assert "Mitt eksempel" in page and f"/eksempler/{mine.pk}/rediger/" in page
    assert "Et annet eksempel" not in page


# --- Similar titles ------------------------------------------------------------------------------------


def published(by: User, **overrides: Any) -> Example:
    example = share(by, **overrides)
    moderator = UserFactory(email="pub@example.no", is_superuser=True)
    return services.publish_example(example=example, by=moderator)


def test_similar_titles_come_from_published_examples_only(client, sharer, other):
    published(other, title="Sykkelparkering ved skolen")
    share(other, title="Sykkelparkering ved rådhuset")  # waiting: never shown
    rejected = share(other, title="Sykkelparkering i sentrum")
    services.reject_example(example=rejected, by=other, comment="")

    partial = client.get("/eksempler/lignende/", {"title": "sykler"}, headers={"HX-Request": "true"})
    page = client.get("/eksempler/lignende/", {"title": "sykler"})

    assert "<html" not in partial.content.decode()
    assert "Sykkelparkering ved skolen" in text(partial)
    assert "rådhuset" not in text(partial) and "sentrum" not in text(partial)
    assert page.status_code == 200 and "<html" in page.content.decode()
    assert "Sykkelparkering ved skolen" in text(page) and "rådhuset" not in text(page)


def test_similar_titles_fall_back_to_a_title_word_when_search_finds_nothing(client, other):
    published(other, title="Grønne tak på rådhuset")

    response = client.get("/eksempler/lignende/", {"title": "rådhuset i Bodø får nytt tak"})

    assert "Grønne tak på rådhuset" in text(response)


def test_similar_titles_need_a_few_letters_and_say_when_there_are_none(client, other):
    published(other, title="Grønne tak på rådhuset")

    short = client.get("/eksempler/lignende/", {"title": "tå"}, headers={"HX-Request": "true"})
    none = client.get("/eksempler/lignende/", {"title": "vindmølle"}, headers={"HX-Request": "true"})
    odd = client.get("/eksempler/lignende/", {"title": "\x00" * 500})

    only_small_words = client.get(
        "/eksempler/lignende/", {"title": "det er og i"}, headers={"HX-Request": "true"}
    )
    assert "Grønne tak" not in text(short) and "Grønne tak" not in text(only_small_words)
    assert nb("No similar examples found in the bank.") in text(none)
    assert odd.status_code == 200


def test_a_form_sent_back_with_mistakes_shows_similar_examples(client, sharer, other):
    published(other, title="Matsvinn i skolekantina")
    client.force_login(sharer)

    response = client.post(SHARE, form_data(what_was_done=""))

    assert "Matsvinn i skolekantina" in text(response)


# --- Editing -----------------------------------------------------------------------------------------------


def test_an_owner_s_edit_of_a_published_example_waits_for_a_moderator(client, sharer):
    example = published(sharer, title="Matsvinn til matglede")
    client.force_login(sharer)
    page = text(client.get(f"/eksempler/{example.pk}/rediger/"))
    assert (
        nb(
            "The example is published. When you save, your changes go to a moderator; until they are "
            "approved, the bank shows the example as it was published."
        )
        in page
    )
    assert 'value="Matsvinn til matglede"' in page and 'value="Kristiansand (4204)"' in page

    data = form_data(
        title="Matsvinn til matglede med tullball",
        **{"places-INITIAL_FORMS": "1", "figures-INITIAL_FORMS": "1", "links-INITIAL_FORMS": "1"},
    )
    response = client.post(f"/eksempler/{example.pk}/rediger/", data)

    example.refresh_from_db()
    assert response.status_code == 302
    assert example.state == ModerationState.PUBLISHED
    assert example.title == "Matsvinn til matglede"
    assert list(example.versions.values_list("number", flat=True)) == [1]
    assert example.revisions.get().data["title"] == "Matsvinn til matglede med tullball"
    assert search.search("tullball").examples == []
    saved = nb(
        "Your changes are saved and wait for a moderator. Until they are approved, the bank shows the "
        "example as it was published."
    )
    assert saved in text(client.get(response["Location"]))
    # The owner sees the waiting change in the form, and changes it again: still one change waits.
    again = text(client.get(f"/eksempler/{example.pk}/rediger/"))
    assert 'value="Matsvinn til matglede med tullball"' in again and "data-change-waiting" in again
    client.post(f"/eksempler/{example.pk}/rediger/", {**data, "title": "Matsvinn i Agder"})
    assert [r.data["title"] for r in example.revisions.all()] == ["Matsvinn i Agder"]


def test_a_moderator_s_edit_of_a_published_example_is_shown_at_once(client, sharer):
    example = published(sharer, title="Matsvinn til matglede")
    moderator = User.objects.get(email="pub@example.no")
    client.force_login(moderator)

    client.post(
        f"/eksempler/{example.pk}/rediger/",
        form_data(
            title="Matsvinn til matglede i hele Agder",
            **{"places-INITIAL_FORMS": "1", "figures-INITIAL_FORMS": "1", "links-INITIAL_FORMS": "1"},
        ),
    )

    example.refresh_from_db()
    assert example.title == "Matsvinn til matglede i hele Agder"
    assert list(example.versions.values_list("number", flat=True)) == [2, 1]
    assert not example.revisions.exists()
    assert [e.title for e in search.search("agder").examples] == ["Matsvinn til matglede i hele Agder"]


def test_an_owner_removes_a_key_figure_and_a_link(client, sharer):
    example = share(sharer)
    client.force_login(sharer)
    data = form_data(
        **{
            "figures-INITIAL_FORMS": "1",
            "figures-0-DELETE": "on",
            "links-INITIAL_FORMS": "1",
            "links-0-DELETE": "on",
        }
    )

    client.post(f"/eksempler/{example.pk}/rediger/", data)

    assert not example.key_figures.exists() and not example.links.exists()


def test_an_owner_removes_an_attachment_and_its_file_goes(
    client, sharer, media, django_capture_on_commit_callbacks
):

    client.force_login(sharer)
    image = SimpleUploadedFile("kart.png", image_bytes())
    client.post(SHARE, {**form_data(), "files-0-file": image, "files-0-title": "Kart"})
    example = Example.objects.get()
    attachment = example.attachments.get()
    assert (media / attachment.file.name).exists()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/eksempler/{example.pk}/rediger/", form_data(remove_attachments=[str(attachment.pk)]))

    assert not example.attachments.exists()
    assert not (media / attachment.file.name).exists()


def test_a_returned_example_is_changed_and_sent_again(client, sharer, moderator):
    example = share(sharer)
    services.return_example(example=example, by=moderator, comment="Legg til et nøkkeltall for CO2.")
    client.force_login(sharer)
    assert "Legg til et nøkkeltall for CO2." in text(client.get(f"/eksempler/{example.pk}/rediger/"))
    OutboxMail.objects.all().delete()

    client.post(f"/eksempler/{example.pk}/rediger/", {**form_data(), "send": "1"})

    example.refresh_from_db()
    assert example.state == ModerationState.PENDING
    assert example.moderation_log.first().action == ModerationAction.SUBMITTED  # type: ignore[union-attr]
    assert list(OutboxMail.objects.values_list("template", flat=True)) == ["example_received"]


def test_saving_a_returned_example_without_sending_keeps_it_returned(client, sharer, moderator):
    example = share(sharer)
    services.return_example(example=example, by=moderator, comment="Mer om kostnader.")
    client.force_login(sharer)

    client.post(f"/eksempler/{example.pk}/rediger/", form_data())

    example.refresh_from_db()
    assert example.state == ModerationState.RETURNED
    assert example.versions.count() == 2


def test_only_owners_and_moderators_edit(client, sharer, other, moderator):
    example = share(sharer)
    url = f"/eksempler/{example.pk}/rediger/"

    anonymous = client.get(url)
    client.force_login(other)
    someone_else, their_post = client.get(url), client.post(url, form_data(title="Kapret"))
    client.force_login(moderator)
    as_moderator = client.get(url)

    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/code/")
    assert (someone_else.status_code, their_post.status_code, as_moderator.status_code) == (404, 404, 200)
    example.refresh_from_db()
    assert example.title == "Matsvinn til matglede"


def test_a_rejected_example_cannot_be_edited(client, sharer, moderator):
    example = share(sharer)
    services.reject_example(example=example, by=moderator)
    client.force_login(sharer)

    assert client.get(f"/eksempler/{example.pk}/rediger/").status_code == 404
    with pytest.raises(services.ExampleError):
        services.update_example(example=example, data=example_data(), by=sharer)


# --- Withdrawing ------------------------------------------------------------------------------------------


def test_an_owner_withdraws_a_published_example_and_it_leaves_the_bank(client, sharer):
    example = published(sharer)
    client.force_login(sharer)
    confirm = text(client.get(f"/eksempler/{example.pk}/trekk/"))
    assert nb("The example is taken out of the bank at once. Links to it stop working for others.") in confirm

    response = client.post(f"/eksempler/{example.pk}/trekk/")

    example.refresh_from_db()
    assert response.status_code == 302
    assert example.state == ModerationState.DRAFT
    assert example.moderation_log.first().action == ModerationAction.WITHDRAWN  # type: ignore[union-attr]
    assert search.search("matsvinn").examples == []
    client.logout()
    assert client.get(example.get_absolute_url()).status_code == 404


def test_only_an_owner_withdraws(client, sharer, other, moderator):
    example = published(sharer)

    for person in (other, moderator):
        client.force_login(person)
        assert client.post(f"/eksempler/{example.pk}/trekk/").status_code == 404
    example.refresh_from_db()
    assert example.state == ModerationState.PUBLISHED


def test_withdrawing_a_draft_explains_there_is_nothing_to_withdraw(client, sharer):
    example = share(sharer)
    services.withdraw_example(example=example, by=sharer)
    client.force_login(sharer)

    response = client.post(f"/eksempler/{example.pk}/trekk/", follow=True)

    assert nb("This example is not published or waiting, so there is nothing to withdraw.") in text(response)


# --- Files of an example -------------------------------------------------------------------------------------


def test_files_of_an_example_are_served_only_to_those_who_may_see_it(client, sharer, other, moderator):

    client.force_login(sharer)
    client.post(
        SHARE,
        {**form_data(), "files-0-file": SimpleUploadedFile("k.png", image_bytes()), "files-0-title": "Kart"},
    )
    example = Example.objects.get()
    url = f"/eksempler/{example.pk}/vedlegg/{example.attachments.get().pk}/"
    own = client.get(url)
    client.force_login(other)
    hidden = client.get(url)
    services.publish_example(example=example, by=moderator)
    client.logout()
    public = client.get(url)

    assert (own.status_code, hidden.status_code, public.status_code) == (200, 404, 200)
    assert public["Content-Type"] == "image/png" and public["X-Content-Type-Options"] == "nosniff"
    assert b"".join(public.streaming_content).startswith(b"\x89PNG")
    assert client.get(f"/eksempler/{example.pk}/vedlegg/999999/").status_code == 404


def test_versions_are_numbered_per_example(sharer):
    first = share(sharer, title="Første")
    share(sharer, title="Andre")
    services.update_example(example=first, data=example_data(title="Første, endret"), by=sharer)

    assert sorted(ExampleVersion.objects.values_list("example__title", "number")) == [
        ("Andre", 1),
        ("Første, endret", 1),
        ("Første, endret", 2),
    ]
    assert not django_mail.outbox  # mails go through the outbox, never sent from a request
