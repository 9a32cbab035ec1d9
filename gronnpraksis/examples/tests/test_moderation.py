"""Moderation of the example bank over HTTP and through the services: the queue, publishing, sending
back and rejecting with mails to the owners, versions with what changed, and going back to one."""

import html
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import ngettext

from gronnpraksis.examples import revisions, search, services
from gronnpraksis.examples.backoffice import diff
from gronnpraksis.examples.models import Example, ModerationAction, ModerationState
from gronnpraksis.mail.models import OutboxMail
from tests.factories import UserFactory, municipality, theme

from .test_share import example_data, form_data, nb, share

pytestmark = pytest.mark.django_db

QUEUE = "/eksempler/moderering/"


def text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.content.decode())


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def owner(db):
    return UserFactory(email="siri.deler@example.no", name="Siri Deler")


@pytest.fixture
def co_owner(db):
    return UserFactory(email="per.medeier@example.no", name="Per Medeier")


@pytest.fixture
def moderator(db):
    """A moderator through the group the migration creates, without being staff."""
    user = UserFactory(email="mona.moderator@example.no", name="Mona Moderator")
    user.groups.add(Group.objects.get(name="Moderatorer"))
    return user


@pytest.fixture
def outsider(db):
    return UserFactory(email="ola.annen@example.no", name="Ola Annen")


@pytest.fixture
def example(owner, co_owner):
    example = share(owner)
    example.owners.add(co_owner)
    OutboxMail.objects.all().delete()  # the receipt
    return example


def mails() -> list[tuple[str, str]]:
    return sorted(OutboxMail.objects.values_list("to", "template"))


# --- Who may moderate ----------------------------------------------------------------------------------------


def test_only_moderators_see_the_queue_and_an_example_s_moderation_page(client, example, owner, outsider):
    anonymous = client.get(QUEUE)
    pages = []
    for person in (owner, outsider):
        client.force_login(person)
        pages += [client.get(QUEUE), client.get(f"{QUEUE}{example.pk}/")]
        pages.append(client.post(f"{QUEUE}{example.pk}/", {"action": "publish"}))
        pages.append(client.post(f"{QUEUE}{example.pk}/versjon/1/gjenopprett/"))

    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/code/")
    assert [page.status_code for page in pages] == [404] * 8
    example.refresh_from_db()
    assert example.state == ModerationState.PENDING


def test_the_permission_alone_makes_a_moderator(client, example):
    holder = UserFactory(email="perm@example.no")
    holder.user_permissions.add(Permission.objects.get(codename="moderate_example"))
    client.force_login(holder)

    assert client.get(QUEUE).status_code == 200


# --- The queue -------------------------------------------------------------------------------------------


def test_the_queue_lists_waiting_examples_first_with_counts(client, moderator, owner, example):
    second = share(owner, title="Solceller på skoletaket", municipalities=[municipality("0301")])
    draft = services.create_draft_example(
        title="Utkast fra et bidrag",
        summary="Kort.",
        what_was_done="",
        owner_name="Bergen kommune",
        owner_organisation=None,
        municipalities=[municipality("4601")],
        themes=[theme("energi")],
        goals=[],
        contact_name="",
        contact_email="",
        created_by=owner,
    )
    returned = share(owner, title="Sendt tilbake")
    services.return_example(example=returned, by=moderator, comment="Mer om resultatene.")
    client.force_login(moderator)

    page = text(client.get(QUEUE))

    with translation.override("nb"):
        heading = ngettext(
            "%(counter)s example waiting for moderation", "%(counter)s examples waiting for moderation", 2
        ) % {"counter": 2}
    waiting = page.index(heading)
    assert waiting < page.index("Matsvinn til matglede") < page.index("Solceller på skoletaket")
    assert page.index("Solceller på skoletaket") < page.index(draft.title)
    assert f"{nb('Waiting for moderation')}: <strong>2</strong>" in page
    assert f"{nb('Draft')}: <strong>1</strong>" in page and f"{nb('Sent back')}: <strong>1</strong>" in page
    assert f'href="/eksempler/moderering/{second.pk}/"' in page
    assert "Kristiansand" in page and "Mer om resultatene." in page  # the place, and the latest decisions


def test_the_queue_runs_a_constant_number_of_queries(client, moderator, owner):
    client.force_login(moderator)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(QUEUE).status_code == 200
        return len(queries)

    share(owner, title="Første eksempel")
    few = count()
    for i in range(8):
        example = share(
            owner, title=f"Eksempel nummer {i}", municipalities=[municipality("0301"), municipality("4601")]
        )
        if i % 3 == 0:
            services.publish_example(example=example, by=moderator)
            services.update_example(example=example, data=example_data(title=f"Endret {i}"), by=moderator)
            revisions.propose_revision(example=example, data=example_data(title=f"Venter {i}"), by=owner)
        elif i % 3 == 1:
            services.return_example(example=example, by=moderator, comment="Mer, takk.")
    many = count()

    assert many == few


# --- Decisions -------------------------------------------------------------------------------------------


def test_a_moderator_publishes_and_the_owners_are_told(client, moderator, example, owner, co_owner):
    client.force_login(moderator)

    response = client.post(f"{QUEUE}{example.pk}/", {"action": "publish", "comment": "Flott eksempel!"})

    example.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == QUEUE
    assert example.state == ModerationState.PUBLISHED and example.published_at is not None
    record = example.moderation_log.first()
    assert (record.action, record.by, record.comment) == (
        ModerationAction.PUBLISHED,
        moderator,
        "Flott eksempel!",
    )  # type: ignore[union-attr]
    assert mails() == [(co_owner.email, "example_published"), (owner.email, "example_published")]
    assert "Flott eksempel!" in OutboxMail.objects.first().body_text  # type: ignore[union-attr]
    client.logout()
    assert client.get(example.get_absolute_url()).status_code == 200
    assert [e.pk for e in search.search("matsvinn").examples] == [example.pk]


def test_sending_back_needs_a_comment_that_reaches_the_owner(client, moderator, example, owner, co_owner):
    client.force_login(moderator)

    empty = client.post(f"{QUEUE}{example.pk}/", {"action": "return", "comment": "  "})
    sent = client.post(f"{QUEUE}{example.pk}/", {"action": "return", "comment": "Legg til hva det kostet."})

    assert empty.status_code == 200 and nb("Tell the owner what to change.") in text(empty)
    assert sent.status_code == 302
    example.refresh_from_db()
    assert (example.state, example.moderation_comment) == (
        ModerationState.RETURNED,
        "Legg til hva det kostet.",
    )
    assert mails() == [(co_owner.email, "example_returned"), (owner.email, "example_returned")]
    body = OutboxMail.objects.get(to=owner.email).body_text
    assert "Legg til hva det kostet." in body and f"/eksempler/{example.pk}/rediger/" in body
    client.logout()
    assert client.get(example.get_absolute_url()).status_code == 404


def test_a_rejected_example_is_never_public_and_the_owner_is_told(client, moderator, example, owner):
    services.publish_example(example=example, by=moderator)
    client.force_login(moderator)

    client.post(f"{QUEUE}{example.pk}/", {"action": "reject", "comment": "Reklame for et produkt."})

    example.refresh_from_db()
    assert example.state == ModerationState.REJECTED
    assert OutboxMail.objects.filter(template="example_rejected").count() == 2
    assert search.search("matsvinn").examples == []
    client.logout()
    assert client.get(example.get_absolute_url()).status_code == 404
    client.force_login(owner)
    assert client.get(f"/eksempler/{example.pk}/rediger/").status_code == 404


@pytest.mark.parametrize("action", ["", "delete", "publish-all"])
def test_an_unknown_decision_is_refused_on_the_form(client, moderator, example, action):
    client.force_login(moderator)

    response = client.post(f"{QUEUE}{example.pk}/", {"action": action})

    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()
    example.refresh_from_db()
    assert example.state == ModerationState.PENDING


def test_decisions_that_do_not_fit_the_state_are_refused(moderator, example):
    services.publish_example(example=example, by=moderator)
    with pytest.raises(services.ExampleError):
        services.publish_example(example=example, by=moderator)
    services.reject_example(example=example, by=moderator)
    with pytest.raises(services.ExampleError):
        services.return_example(example=example, by=moderator, comment="Nei.")
    with pytest.raises(services.ExampleError):
        services.reject_example(example=example, by=moderator)
    with pytest.raises(services.ExampleError):
        services.withdraw_example(example=example, by=moderator)


def test_a_published_example_offers_no_publish_button(client, moderator, example):
    services.publish_example(example=example, by=moderator)
    client.force_login(moderator)

    page = client.get(f"{QUEUE}{example.pk}/").content.decode()

    assert 'value="publish"' not in page and 'value="return"' in page and 'value="reject"' in page


def test_a_draft_from_a_contribution_is_published_with_a_version_of_what_was_published(moderator, owner):
    draft = services.create_draft_example(
        title="Utkast fra et bidrag",
        summary="Kort.",
        what_was_done="Det vi gjorde.",
        owner_name="Bergen kommune",
        owner_organisation=None,
        municipalities=[municipality("4601")],
        themes=[theme("energi")],
        goals=[],
        contact_name="",
        contact_email="",
        created_by=owner,
    )

    services.publish_example(example=draft, by=moderator)

    version = draft.versions.get()
    assert (version.number, version.data["title"], version.data["municipalities"]) == (
        1,
        "Utkast fra et bidrag",
        ["4601"],
    )
    assert services.last_published_version(Example.objects.get(pk=draft.pk)) == version
    assert mails() == [(owner.email, "example_published")]


# --- Versions: what changed, and going back ------------------------------------------------------------------


def test_the_moderation_page_shows_the_owner_s_waiting_changes_word_by_word(
    client, moderator, example, owner
):
    services.publish_example(example=example, by=moderator)
    client.force_login(owner)
    client.post(
        f"/eksempler/{example.pk}/rediger/",
        form_data(
            title="Matsvinn til matglede i Agder",
            what_was_done="Frivillige henter maten hver kveld.",
            **{"places-1-municipality": "4601", "figures-0-value": "80"},
        ),
    )
    client.force_login(moderator)

    queue = text(client.get(QUEUE))
    page = client.get(f"{QUEUE}{example.pk}/").content.decode()

    assert f'href="/eksempler/moderering/{example.pk}/#waiting-change">Matsvinn til matglede</a>' in queue
    assert nb("Changes waiting for moderation") in html.unescape(page)
    assert re.search(r"<ins>(?:(?!</ins>).)*i Agder(?:(?!</ins>).)*</ins>", page)
    assert re.search(r"<del>(?:(?!</del>).)*dag\.(?:(?!</del>).)*</del>", page)
    assert re.search(r"<ins>(?:(?!</ins>).)*Bergen(?:(?!</ins>).)*</ins>", page)
    assert re.search(r"<ins>(?:(?!</ins>).)*80(?:(?!</ins>).)*</ins>", page)  # the key figure's value
    assert re.search(r"<del>(?:(?!</del>).)*tonn(?:(?!</del>).)*</del>", page)  # and its unit
    assert example.versions.count() == 1  # nothing public changed


def test_comparing_with_a_chosen_version(client, moderator, example, owner):
    services.update_example(example=example, data=example_data(title="Andre tittel"), by=owner)
    services.update_example(example=example, data=example_data(title="Tredje tittel"), by=owner)
    client.force_login(moderator)

    never_published = text(client.get(f"{QUEUE}{example.pk}/"))
    chosen = text(client.get(f"{QUEUE}{example.pk}/", {"versjon": "2"}))
    odd = client.get(f"{QUEUE}{example.pk}/", {"versjon": "99999999999999999999"})

    assert nb("The whole example (never published)") in never_published
    assert (
        nb("What changed since version %(number)s", number=2) in chosen
        and "Andre" in chosen
        and "Tredje" in chosen
    )
    assert odd.status_code == 200


def test_a_moderator_goes_back_to_an_earlier_version(client, moderator, example, owner, co_owner):
    services.publish_example(example=example, by=moderator)
    changed = example_data(
        title="Tull og tøys",
        municipalities=[municipality("0301")],
        themes=[theme("energi")],
        key_figures=[],
        links=[services.LinkData("https://spam.example/", "Kjøp nå")],
    )
    services.update_example(example=example, data=changed, by=moderator)
    OutboxMail.objects.all().delete()
    client.force_login(moderator)

    assert client.get(f"{QUEUE}{example.pk}/versjon/1/gjenopprett/").status_code == 405
    response = client.post(f"{QUEUE}{example.pk}/versjon/1/gjenopprett/")

    example.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == f"{QUEUE}{example.pk}/"
    assert example.state == ModerationState.PUBLISHED
    assert example.title == "Matsvinn til matglede"
    assert list(example.municipalities.values_list("number", flat=True)) == ["4204"]
    assert list(example.themes.values_list("slug", flat=True)) == ["mat"]
    assert [(f.label, f.value) for f in example.key_figures.all()] == [("Mat reddet", Decimal("60.00"))]
    assert [link.url for link in example.links.all()] == ["https://example.no/matsvinn"]
    assert list(example.versions.values_list("number", flat=True)) == [3, 2, 1]
    assert example.versions.first().data == example.versions.get(number=1).data  # type: ignore[union-attr]
    assert example.moderation_log.first().action == ModerationAction.REVERTED  # type: ignore[union-attr]
    assert mails() == [(co_owner.email, "example_reverted"), (owner.email, "example_reverted")]
    assert [e.title for e in search.search("matsvinn").examples] == ["Matsvinn til matglede"]
    assert client.post(f"{QUEUE}{example.pk}/versjon/99/gjenopprett/").status_code == 404


def test_going_back_removes_attachments_added_later(
    client, moderator, owner, media, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_uploads import image_bytes

    example = share(owner)
    services.publish_example(example=example, by=moderator)
    client.force_login(moderator)
    image = SimpleUploadedFile("upassende.png", image_bytes())
    client.post(
        f"/eksempler/{example.pk}/rediger/",
        {**form_data(), "files-0-file": image, "files-0-title": "Upassende"},
    )
    attachment = example.attachments.get()

    with django_capture_on_commit_callbacks(execute=True):
        services.revert_example(example=example, version=example.versions.get(number=1), by=moderator)

    assert not example.attachments.exists()
    assert not (media / attachment.file.name).exists()


def test_a_version_of_another_example_is_refused(moderator, example, owner):
    other = share(owner, title="Et annet eksempel")

    with pytest.raises(services.ExampleError):
        services.revert_example(example=example, version=other.versions.get(), by=moderator)


def test_the_diff_marks_removed_and_added_words():
    with translation.override("en"):
        changes = diff({"title": "Mat til alle", "goals": []}, {"title": "Mat til mange", "goals": [12]})

    assert (changes[0].label, changes[0].segments) == (
        "Title",
        [("equal", "Mat til "), ("delete", "alle"), ("insert", "mange")],
    )
    assert changes[1].segments[0][0] == "insert"
