"""An owner's change to a published example waits for a moderator: the public sees the example as last
approved on every surface (its page, the search, the exports, the feed, the API) until it is approved."""

import html
import re
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gronnpraksis.examples import revisions, search, services
from gronnpraksis.examples.models import Attachment, Example, ModerationAction, RevisionState
from gronnpraksis.mail.models import OutboxMail
from tests.factories import UserFactory

from .helpers import example_data, form_data, image_bytes, nb, share

pytestmark = pytest.mark.django_db

SPAM_TITLE = "Kjøp billige klokker på https://spam.example/tilbud"
SPAM_WORD = "klokker"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def owner(db):
    return UserFactory(email="siri.deler@example.no", name="Siri Deler")


@pytest.fixture
def moderator(db):
    user = UserFactory(email="mona.moderator@example.no", name="Mona Moderator")
    user.groups.add(Group.objects.get(name="Moderatorer"))
    return user


@pytest.fixture
def example(owner, moderator):
    return services.publish_example(example=share(owner, title="Matsvinn til matglede"), by=moderator)


def edit(client: Client, example: Example, **overrides: Any) -> None:
    data = form_data(
        **{"places-INITIAL_FORMS": "1", "figures-INITIAL_FORMS": "1", "links-INITIAL_FORMS": "1"},
        **overrides,
    )
    response = client.post(f"/eksempler/{example.pk}/rediger/", data)
    assert response.status_code == 302, response.content.decode()[:3000]


def public_text(client: Client, example: Example) -> str:
    """Everything the public gets about the bank: the example's page, a search for the spam's word and
    for the example's own word, the exports, the feed, and the API's list and example."""
    client.logout()
    urls = [
        f"/eksempler/{example.pk}/",
        example.get_absolute_url(),
        f"/eksempler/?q={SPAM_WORD}",
        "/eksempler/?q=matsvinn",
        "/eksempler/",
        "/eksempler/eksempler.csv",
        "/eksempler/eksempler.json",
        "/eksempler/nye.atom",
        "/eksempler/nye.atom?q=matsvinn",
        "/api/v1/examples/",
        "/api/v1/examples/?q=matsvinn",
        f"/api/v1/examples/{example.pk}/",
    ]
    pages = []
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        body = response.getvalue()
        pages.append(html.unescape(body.decode()))
    return "\n".join(pages)


def test_a_spam_edit_stays_invisible_on_every_public_surface_until_a_moderator_approves_it(
    client, example, owner, moderator
):
    before = public_text(client, example)
    assert "Matsvinn til matglede" in before and SPAM_TITLE not in before

    client.force_login(owner)
    edit(client, example, title=SPAM_TITLE, summary="Billige klokker, se https://spam.example/")

    after = public_text(client, example)
    assert SPAM_TITLE not in after and "spam.example" not in after
    assert after.count("Matsvinn til matglede") >= before.count("Matsvinn til matglede")
    assert search.search(SPAM_WORD).total == 0
    assert [e.title for e in search.search("matsvinn").examples] == ["Matsvinn til matglede"]
    example.refresh_from_db()
    assert example.title == "Matsvinn til matglede"

    # The owner sees that the change waits, and the change itself in the form.
    client.force_login(owner)
    page = html.unescape(client.get(example.get_absolute_url()).content.decode())
    assert "data-change-waiting" in page and SPAM_TITLE not in page
    assert f'value="{SPAM_TITLE}"' in html.unescape(
        client.get(f"/eksempler/{example.pk}/rediger/").content.decode()
    )

    # The moderators see it in the queue, word by word.
    client.force_login(moderator)
    queue = client.get("/eksempler/moderering/").content.decode()
    assert f"/eksempler/moderering/{example.pk}/#waiting-change" in queue
    moderation = client.get(f"/eksempler/moderering/{example.pk}/").content.decode()
    assert re.search(r"<ins>(?:(?!</ins>).)*klokker(?:(?!</ins>).)*</ins>", moderation)
    assert re.search(r"<del>(?:(?!</del>).)*Matsvinn(?:(?!</del>).)*</del>", moderation)

    response = client.post(f"/eksempler/moderering/{example.pk}/endringer/", {"action": "approve"})

    assert response.status_code == 302
    approved = public_text(client, example)
    assert SPAM_TITLE in approved
    assert [e.title for e in search.search(SPAM_WORD).examples] == [SPAM_TITLE]
    example.refresh_from_db()
    assert example.revisions.get().state == RevisionState.APPROVED
    assert example.moderation_log.first().action == ModerationAction.CHANGE_APPROVED
    assert example.versions.first().data["title"] == SPAM_TITLE
    assert OutboxMail.objects.filter(to=owner.email, template="example_change_approved").count() == 1


def test_a_rejected_change_leaves_the_example_as_it_was_and_tells_the_owner_why(
    client, example, owner, moderator
):
    client.force_login(owner)
    edit(client, example, title=SPAM_TITLE)
    client.force_login(moderator)

    without_reason = client.post(f"/eksempler/moderering/{example.pk}/endringer/", {"action": "reject"})
    response = client.post(
        f"/eksempler/moderering/{example.pk}/endringer/",
        {"action": "reject", "comment": "Reklame hører ikke hjemme i eksempelbanken."},
    )

    assert without_reason.status_code == 400
    assert nb("Tell the owner why the changes are not published.") in html.unescape(
        without_reason.content.decode()
    )
    assert response.status_code == 302
    example.refresh_from_db()
    assert example.title == "Matsvinn til matglede"
    assert SPAM_TITLE not in public_text(client, example)
    assert example.revisions.get().state == RevisionState.REJECTED
    mail = OutboxMail.objects.get(template="example_change_rejected")
    assert mail.to == owner.email and "Reklame hører ikke hjemme i eksempelbanken." in mail.body_text
    # Nothing waits any more: the owner's next edit starts from the published example.
    client.force_login(owner)
    assert 'value="Matsvinn til matglede"' in client.get(f"/eksempler/{example.pk}/rediger/").content.decode()


def test_a_new_image_in_a_waiting_change_is_served_only_to_the_owner_and_the_moderators(
    client, example, owner, moderator, media, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    edit(
        client,
        example,
        **{"files-0-file": SimpleUploadedFile("reklame.png", image_bytes()), "files-0-title": "Reklame"},
    )
    image = Attachment.all_objects.get(example=example)
    url = f"/eksempler/{example.pk}/vedlegg/{image.pk}/"

    assert client.get(url).status_code == 200
    client.force_login(moderator)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 404
    assert "Reklame" not in public_text(client, example)
    assert not example.attachments.exists()

    with django_capture_on_commit_callbacks(execute=True):
        revisions.reject_revision(revision=example.revisions.get(), by=moderator, comment="Reklame.")

    assert not Attachment.all_objects.filter(example=example).exists()
    assert not (media / image.file.name).exists()


def test_an_approved_change_shows_its_new_image_and_removes_the_ones_taken_out(
    client, example, owner, moderator
):
    client.force_login(owner)
    edit(
        client,
        example,
        **{"files-0-file": SimpleUploadedFile("kart.png", image_bytes()), "files-0-title": "Kart"},
    )

    revisions.approve_revision(revision=example.revisions.get(), by=moderator)

    assert [a.title for a in example.attachments.all()] == ["Kart"]
    assert "Kart" in public_text(client, example)


def test_only_moderators_decide_on_changes(client, example, owner):
    client.force_login(owner)
    edit(client, example, title=SPAM_TITLE)

    response = client.post(f"/eksempler/moderering/{example.pk}/endringer/", {"action": "approve"})

    assert response.status_code == 404
    example.refresh_from_db()
    assert example.title == "Matsvinn til matglede"


def test_the_service_refuses_an_owner_s_direct_change_to_a_published_example(example, owner):

    with pytest.raises(services.ExampleError):
        services.update_example(example=example, data=example_data(title=SPAM_TITLE), by=owner)

    example.refresh_from_db()
    assert example.title == "Matsvinn til matglede"


def test_a_waiting_change_goes_along_when_the_example_leaves_the_bank(client, example, owner, moderator):
    client.force_login(owner)
    edit(client, example, title="Matsvinn til matglede, oppdatert")

    services.withdraw_example(example=example, by=owner)

    example.refresh_from_db()
    assert (
        example.title == "Matsvinn til matglede, oppdatert"
    )  # a draft now: only owners and moderators see it
    assert example.revisions.get().state == RevisionState.APPROVED
    client.logout()
    assert client.get(example.get_absolute_url()).status_code == 404
    assert search.search("oppdatert").total == 0
    # Sent and published again, nothing stale waits.
    services.submit_example(example=example, by=owner)
    services.publish_example(example=example, by=moderator)
    assert revisions.pending_revision(example) is None


def test_rejecting_an_example_drops_its_waiting_change(client, example, owner, moderator):
    client.force_login(owner)
    edit(client, example, title=SPAM_TITLE)

    services.reject_example(example=example, by=moderator, comment="Nei.")

    example.refresh_from_db()
    assert example.title == "Matsvinn til matglede"
    assert example.revisions.get().state == RevisionState.REJECTED
