"""The edition's team: adding people and the mail that tells them how to log in."""

import pytest
from django.urls import reverse

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Edition, NetworkMember, NetworkRole, TeamMember, TeamRole
from gronnpraksis.editions.services import add_network_member, add_team_member, set_network_member_role
from gronnpraksis.mail.models import OutboxMail
from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.mark.django_db
def test_add_team_member_mails_once_and_is_idempotent(edition: Edition, organiser: User) -> None:
    first = add_team_member(
        edition=edition, email="Nina.Nord@Example.no", name="Nina Nord", role="reviewer", added_by=organiser
    )
    second = add_team_member(
        edition=edition, email="nina.nord@example.no", name="Nina Nord", role="reviewer", added_by=organiser
    )

    assert first == second and TeamMember.objects.count() == 1
    assert first.user.email == "nina.nord@example.no" and not first.user.has_usable_password()
    mails = list(OutboxMail.objects.filter(template="team_added"))
    assert [m.to for m in mails] == ["nina.nord@example.no"]
    assert edition.name in mails[0].subject
    assert reverse("backoffice:dashboard", kwargs={"edition": edition.slug}) in mails[0].body_text


def test_the_team_mail_sends_jurors_to_the_jury_pages_and_reviewers_to_the_back_office(
    edition: Edition, organiser: User
) -> None:
    for email, role in [("jury@example.no", TeamRole.JUROR), ("komite@example.no", TeamRole.REVIEWER)]:
        add_team_member(edition=edition, email=email, name="", role=role, added_by=organiser)

    jury_mail = OutboxMail.objects.get(to="jury@example.no").body_text
    reviewer_mail = OutboxMail.objects.get(to="komite@example.no").body_text

    assert reverse("awards_backoffice:jury", kwargs={"edition": edition.slug}) in jury_mail
    assert reverse("backoffice:dashboard", kwargs={"edition": edition.slug}) + "\n" in reviewer_mail


def test_a_member_added_without_notice_gets_no_mail(edition: Edition, organiser: User) -> None:
    member = add_team_member(
        edition=edition,
        email="stille@example.no",
        name="",
        role=TeamRole.REVIEWER,
        added_by=organiser,
        notify=False,
    )

    assert TeamMember.objects.get() == member
    assert not OutboxMail.objects.exists()


def test_a_network_member_added_without_added_by_gets_no_mail() -> None:
    """The demo loader and the admin's way: no mail (the back office passes `added_by`)."""
    member = add_network_member(
        network=NetworkFactory(), email="ola@example.no", name="Ola", role="organiser"
    )

    assert NetworkMember.objects.get() == member
    assert not OutboxMail.objects.exists()


def test_changing_to_a_role_the_person_already_has_keeps_one_row(organiser: User) -> None:

    network = NetworkFactory()
    add_network_member(network=network, email="nora@example.no", name="Nora", role=NetworkRole.ORGANISER)
    both = add_network_member(network=network, email="ola@example.no", name="Ola", role=NetworkRole.ORGANISER)
    moderator = add_network_member(
        network=network, email="ola@example.no", name="Ola", role=NetworkRole.MODERATOR
    )

    kept = set_network_member_role(member=moderator, role=NetworkRole.ORGANISER)

    assert kept == both
    assert list(
        NetworkMember.objects.filter(user__email="ola@example.no").values_list("role", flat=True)
    ) == [NetworkRole.ORGANISER]
