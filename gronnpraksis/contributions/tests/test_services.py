"""Contribution services: submitting, editing before the deadline, withdrawing."""

import datetime
import uuid

import pytest
from django.utils import timezone

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions import services
from gronnpraksis.contributions.models import Contribution, Contributor, State
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.ideas.models import Idea, IdeaVisibility
from gronnpraksis.mail.models import OutboxMail
from tests.factories import UserFactory, contribution_data, municipality, submit_contribution, theme


def mails():
    return list(OutboxMail.objects.order_by("id").values_list("to", "template"))


@pytest.mark.django_db
def test_submit_creates_the_contribution_contributors_accounts_and_mails(edition):
    contribution = submit_contribution(
        edition,
        email="Kari.Nordmann@Example.no",
        co_contributors=[("Ola Hansen", "ola.hansen@example.no"), ("Áile Sara", "aile.sara@example.no")],
    )

    assert contribution.state == State.SUBMITTED
    assert contribution.submitted_at is not None
    assert list(contribution.contributors.values_list("name", "email", "is_primary", "position")) == [
        ("Kari Nordmann", "kari.nordmann@example.no", True, 0),
        ("Ola Hansen", "ola.hansen@example.no", False, 1),
        ("Áile Sara", "aile.sara@example.no", False, 2),
    ]
    assert sorted(User.objects.values_list("email", flat=True)) == [
        "aile.sara@example.no",
        "kari.nordmann@example.no",
        "ola.hansen@example.no",
    ]
    assert all(c.user is not None and c.user.email == c.email for c in contribution.contributors.all())
    assert contribution.created_by is not None
    assert contribution.created_by.email == "kari.nordmann@example.no"
    assert mails() == [
        ("Kari.Nordmann@Example.no", "contribution_received"),
        ("ola.hansen@example.no", "contribution_co_contributor"),
        ("aile.sara@example.no", "contribution_co_contributor"),
    ]
    assert list(contribution.themes.all()) == [theme("transport")]
    assert contribution.organisation is not None
    assert contribution.organisation.name == "Kristiansand kommune"


@pytest.mark.django_db
def test_co_contributor_listed_twice_or_as_the_contact_is_added_once(edition):
    contribution = submit_contribution(
        edition,
        co_contributors=[
            ("Ola Hansen", "ola.hansen@example.no"),
            ("Ola H.", "OLA.HANSEN@example.no"),
            ("Kari igjen", "kari.nordmann@example.no"),
        ],
    )

    assert list(contribution.contributors.values_list("email", flat=True)) == [
        "kari.nordmann@example.no",
        "ola.hansen@example.no",
    ]
    assert OutboxMail.objects.filter(template="contribution_co_contributor").count() == 1


@pytest.mark.django_db
def test_a_practice_example_gets_a_draft_in_the_example_bank(edition):
    contribution = submit_contribution(edition, kind="eksempel", organisation_name="Kristiansand kommune")

    example = Example.objects.get()
    assert contribution.example == example
    assert contribution.idea is None
    assert example.state == ModerationState.DRAFT
    assert (example.title, example.what_was_done, example.contact_email) == (
        contribution.title,
        contribution.description,
        "kari.nordmann@example.no",
    )
    assert list(example.municipalities.all()) == [municipality()]
    assert list(example.themes.all()) == [theme("transport")]


@pytest.mark.django_db
def test_an_unfinished_idea_gets_a_draft_idea(edition):
    contribution = submit_contribution(edition, kind="ide", title="Matsvinn-app for skolekantiner")

    idea = Idea.objects.get()
    assert contribution.idea == idea
    assert contribution.example is None
    assert idea.owner is not None
    assert (idea.title, idea.visibility, idea.owner.email) == (
        "Matsvinn-app for skolekantiner",
        IdeaVisibility.DRAFT,
        "kari.nordmann@example.no",
    )
    assert Example.objects.count() == 0


@pytest.mark.django_db
def test_a_workshop_gets_no_bank_entry(edition):
    contribution = submit_contribution(edition, kind="verksted")

    assert (contribution.example, contribution.idea) == (None, None)
    assert (Example.objects.count(), Idea.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_same_idempotency_key_returns_the_first_contribution(edition):
    key = uuid.uuid4()
    contact = services.Person("Kari Nordmann", "kari.nordmann@example.no")
    first = services.submit_contribution(
        edition=edition, data=contribution_data(), contact=contact, co_contributors=[], idempotency_key=key
    )

    second = services.submit_contribution(
        edition=edition,
        data=contribution_data(title="Annen tittel"),
        contact=contact,
        co_contributors=[],
        idempotency_key=key,
    )

    assert second.pk == first.pk
    assert second.title == "Bildeling i distriktskommuner"
    assert Contribution.objects.count() == 1
    assert OutboxMail.objects.count() == 1
    assert Example.objects.count() == 1


@pytest.mark.django_db
def test_submit_after_the_deadline_is_refused_and_stores_nothing(edition):
    edition.contribution_deadline = timezone.now() - datetime.timedelta(minutes=1)
    edition.save()

    with pytest.raises(services.ContributionError):
        submit_contribution(edition, co_contributors=[("Ola Hansen", "ola.hansen@example.no")])

    assert Contribution.objects.count() == 0
    assert Contributor.objects.count() == 0
    assert User.objects.count() == 0
    assert OutboxMail.objects.count() == 0


@pytest.mark.django_db
def test_submit_links_the_registration(edition, participant):
    contribution = services.submit_contribution(
        edition=edition,
        data=contribution_data(),
        contact=services.Person("Kari Nordmann", participant.email),
        co_contributors=[],
        registration=participant,
    )

    assert contribution.registration == participant
    assert list(participant.contributions.all()) == [contribution]


@pytest.mark.django_db
def test_update_changes_the_text_and_the_draft_example(edition):
    contribution = submit_contribution(edition)
    editor = User.objects.get(email="kari.nordmann@example.no")

    services.update_contribution(
        contribution=contribution,
        data=contribution_data(title="Ny tittel", description="Ny tekst", themes=[theme("transport")]),
        new_co_contributors=[],
        editor=editor,
    )

    contribution.refresh_from_db()
    assert (contribution.title, contribution.description) == ("Ny tittel", "Ny tekst")
    example = Example.objects.get()
    assert (example.title, example.what_was_done) == ("Ny tittel", "Ny tekst")


@pytest.mark.django_db
def test_update_mails_only_new_co_contributors(edition):
    contribution = submit_contribution(edition, co_contributors=[("Ola Hansen", "ola.hansen@example.no")])
    editor = User.objects.get(email="kari.nordmann@example.no")
    OutboxMail.objects.all().delete()

    services.update_contribution(
        contribution=contribution,
        data=contribution_data(),
        new_co_contributors=[
            services.Person("Ola Hansen", "ola.hansen@example.no"),
            services.Person("Per Berg", "Per.Berg@example.no"),
        ],
        editor=editor,
    )

    assert list(contribution.contributors.values_list("email", flat=True)) == [
        "kari.nordmann@example.no",
        "ola.hansen@example.no",
        "per.berg@example.no",
    ]
    assert mails() == [("Per.Berg@example.no", "contribution_co_contributor")]
    assert User.objects.filter(email="per.berg@example.no").exists()


@pytest.mark.django_db
def test_update_after_the_deadline_is_refused(edition):
    contribution = submit_contribution(edition)
    editor = User.objects.get(email="kari.nordmann@example.no")
    edition.contribution_deadline = timezone.now() - datetime.timedelta(minutes=1)
    edition.save()

    with pytest.raises(services.ContributionError):
        services.update_contribution(
            contribution=contribution,
            data=contribution_data(title="For sent"),
            new_co_contributors=[],
            editor=editor,
        )

    contribution.refresh_from_db()
    assert contribution.title == "Bildeling i distriktskommuner"


@pytest.mark.django_db
def test_a_decided_contribution_can_no_longer_be_changed(edition):
    contribution = submit_contribution(edition)
    Contribution.objects.filter(pk=contribution.pk).update(state=State.ACCEPTED)
    contribution.refresh_from_db()

    assert services.can_still_edit(contribution) is False
    with pytest.raises(services.ContributionError):
        services.update_contribution(
            contribution=contribution, data=contribution_data(), new_co_contributors=[], editor=UserFactory()
        )


@pytest.mark.django_db
def test_withdraw_marks_it_withdrawn_and_mails_the_contact_once(edition):
    contribution = submit_contribution(edition)

    services.withdraw_contribution(contribution=contribution)
    services.withdraw_contribution(contribution=contribution)

    contribution.refresh_from_db()
    assert contribution.state == State.WITHDRAWN
    assert services.can_still_edit(contribution) is False
    assert mails() == [
        ("kari.nordmann@example.no", "contribution_received"),
        ("kari.nordmann@example.no", "contribution_withdrawn"),
    ]


@pytest.mark.django_db
def test_a_co_contributor_can_reply_to_the_person_who_named_them(edition):
    submit_contribution(edition, co_contributors=[("Per Hansen", "per@example.no")])

    mail = OutboxMail.objects.get(to="per@example.no")

    assert mail.reply_to == "kari.nordmann@example.no"


@pytest.mark.django_db
def test_editing_links_the_organisation_by_number_and_caps_the_contributors(edition):
    contribution = submit_contribution(edition)
    editor = User.objects.get(email="kari.nordmann@example.no")

    services.update_contribution(
        contribution=contribution,
        data=contribution_data(organisation_name="KS", organisation_number="971032146"),
        new_co_contributors=[],
        editor=editor,
    )
    contribution.refresh_from_db()
    assert contribution.organisation is not None
    assert contribution.organisation.number == "971032146"

    many = [services.Person(f"P {i}", f"p{i}@example.no") for i in range(services.MAX_CONTRIBUTORS)]
    with pytest.raises(services.ContributionError):
        services.update_contribution(
            contribution=contribution, data=contribution_data(), new_co_contributors=many, editor=editor
        )
    assert contribution.contributors.count() == 1
