"""Deleting an account: the person's data goes, what must stay stays without the person."""

import pytest
from django.utils import timezone

from gronnpraksis.accounts.models import User
from gronnpraksis.awards.models import AwardRound, Vote
from gronnpraksis.awards.voting import vote_counts
from gronnpraksis.contributions.models import Contributor
from gronnpraksis.examples.models import Example
from gronnpraksis.ideas.models import Comment, HelpOffer, Idea
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.privacy.erasure import ErasureRefused, delete_person
from gronnpraksis.privacy.models import ErasureLogEntry
from gronnpraksis.registrations.models import Registration, Status
from tests.factories import UserFactory

from .conftest import KARI, OLA, make_past


def close_vote(award):
    AwardRound.objects.filter(pk=award.pk).update(vote_closed_at=timezone.now())
    award.refresh_from_db()
    return award


@pytest.mark.django_db
def test_deleting_asks_for_confirmation_first(client, world):
    client.force_login(world.kari)

    page = client.get("/min-side/slett-konto/")
    refused = client.post("/min-side/slett-konto/", {})

    assert page.status_code == 200
    assert refused.status_code == 200
    assert "confirm" in refused.context["form"].errors
    assert User.objects.filter(email=KARI).exists()


@pytest.mark.django_db
def test_self_service_deletion_removes_the_person_and_keeps_what_must_stay(client, world):
    make_past(world.edition, days_ago=10)
    kari_id, old_link = world.kari.pk, world.kari_registration.get_absolute_url()
    client.force_login(world.kari)

    response = client.post("/min-side/slett-konto/", {"confirm": "on"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=kari_id).exists()
    assert client.get("/min-side/").status_code == 302  # logged out
    # The registration stays as numbers, without the person; its old link is dead.
    registration = Registration.objects.get(pk=world.kari_registration.pk)
    assert (registration.name, registration.email, registration.phone, registration.dietary_needs) == (
        "",
        "",
        "",
        "",
    )
    assert registration.anonymised_at is not None and not registration.news_opt_in
    assert (registration.status, registration.municipality_id) == (
        Status.CONFIRMED,
        world.kari_registration.municipality_id,
    )
    assert client.get(old_link).status_code == 404
    assert registration.vote_token != world.kari_registration.vote_token
    assert registration.calendar_token != world.kari_registration.calendar_token
    # The vote still counts, without a name.
    assert Vote.objects.filter(registration=registration).exists()
    assert vote_counts(close_vote(world.award)) == {world.nomination.pk: 2}
    # The published example keeps its organisation and municipalities, not the person.
    example = Example.objects.get(pk=world.example.pk)
    assert (example.contact_name, example.contact_email, example.contact_is_public) == ("", "", False)
    assert example.owner_name == "Bergen kommune" and example.municipalities.count() == 1
    assert example.owners.count() == 0 and example.created_by is None
    # Contributions, comments, ideas and nominations lose the name and address.
    assert not Contributor.objects.filter(name="Kari Nordmann").exists()
    assert not Contributor.objects.filter(email__iexact=KARI).exists()
    comment = Comment.objects.get(text="Godt forslag!")
    assert (comment.author_name, comment.author) == ("", None)
    assert not Idea.objects.filter(title="Karis idé").exists()  # a draft: never public, nobody else's
    assert Idea.objects.get(title="Karis publiserte idé").owner_name == ""
    world.nomination.refresh_from_db()
    assert (
        world.nomination.nominator_name,
        world.nomination.nominator_email,
        world.nomination.nominator_phone,
    ) == (
        "",
        "",
        "",
    )
    assert not HelpOffer.objects.filter(message="Jeg hjelper gjerne").exists()
    assert not OutboxMail.objects.filter(to__iexact=KARI).exists()
    # The log holds ids, no personal data.
    entry = ErasureLogEntry.objects.get()
    assert (entry.subject_user_id, entry.performed_by_id) == (kari_id, None)
    assert "Kari" not in repr(entry.__dict__) and KARI not in repr(entry.__dict__)


@pytest.mark.django_db
def test_deletion_leaves_other_peoples_data_intact(client, world):
    make_past(world.edition, days_ago=10)
    client.force_login(world.kari)

    client.post("/min-side/slett-konto/", {"confirm": "on"})

    ola = Registration.objects.get(pk=world.ola_registration.pk)
    assert (ola.name, ola.email, ola.phone, ola.dietary_needs) == (
        "Ola Hansen",
        OLA,
        "98765432",
        "Nøtteallergi",
    )
    assert ola.anonymised_at is None
    assert Contributor.objects.filter(email=OLA).count() == 2  # his own, and as Kari's co-contributor
    assert Comment.objects.get(text="Olas kommentar").author_name == "Ola Hansen"
    assert HelpOffer.objects.filter(message="Olas tilbud").exists()
    assert Example.objects.get(title="Olas eksempel").contact_email == OLA
    assert Idea.objects.get(title="Olas idé").owner_name == "Ola Hansen"
    assert world.award.nominations.filter(nominator_email=OLA).exists()
    assert OutboxMail.objects.filter(to=OLA).exists()
    assert User.objects.filter(email=OLA).exists()


@pytest.mark.django_db
def test_deletion_cancels_registrations_for_editions_still_to_come(client, world):
    client.force_login(world.kari)

    client.post("/min-side/slett-konto/", {"confirm": "on"})

    registration = Registration.objects.get(pk=world.kari_registration.pk)
    assert registration.status == Status.CANCELLED
    assert registration.seats.count() == 0 and registration.name == ""


@pytest.mark.django_db
def test_team_members_are_told_to_ask_an_organiser(client, world, organiser):
    from gronnpraksis.editions.models import TeamMember, TeamRole

    TeamMember.objects.create(edition=world.edition, user=world.kari, role=TeamRole.REVIEWER)
    client.force_login(world.kari)

    response = client.post("/min-side/slett-konto/", {"confirm": "on"})

    assert response.status_code == 200 and response.context["refused"]
    assert User.objects.filter(pk=world.kari.pk).exists()
    with pytest.raises(ErasureRefused):
        delete_person(user=organiser)


@pytest.mark.django_db
def test_an_organiser_deletes_an_account_on_request_from_the_admin(client, world, organiser):
    client.force_login(organiser)
    kari_id = world.kari.pk
    chosen = {"action": "delete_on_request", "_selected_action": [str(kari_id)]}

    confirm = client.post("/admin/accounts/user/", chosen)
    assert confirm.status_code == 200
    assert User.objects.filter(pk=kari_id).exists()
    assert b'name="confirm" value="yes"' in confirm.content

    done = client.post("/admin/accounts/user/", {**chosen, "confirm": "yes"})

    assert done.status_code == 302
    assert not User.objects.filter(pk=kari_id).exists()
    entry = ErasureLogEntry.objects.get()
    assert (entry.subject_user_id, entry.performed_by_id) == (kari_id, organiser.pk)
    assert Registration.objects.get(pk=world.kari_registration.pk).email == ""


@pytest.mark.django_db
def test_the_admin_cannot_delete_an_account_without_anonymising(client, world, organiser):
    client.force_login(organiser)

    response = client.post(f"/admin/accounts/user/{world.kari.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert User.objects.filter(pk=world.kari.pk).exists()


@pytest.mark.django_db
def test_a_plain_user_cannot_delete_someone_else(client, world):
    stranger = UserFactory(email="fremmed@example.no")
    client.force_login(stranger)

    client.post("/min-side/slett-konto/", {"confirm": "on"})

    assert User.objects.filter(pk=world.kari.pk).exists()
    assert not User.objects.filter(pk=stranger.pk).exists()
