"""A person (Kari) with something of every kind, and another person (Ola) whose data must never leak."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from gronnpraksis.accounts.models import User
from gronnpraksis.awards.models import AwardRound, Nomination, Vote
from gronnpraksis.editions.models import Edition
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.ideas.models import Comment, HelpOffer, Idea, IdeaVisibility
from gronnpraksis.program.models import AgendaStar, ProgramItem
from gronnpraksis.registrations.models import Registration
from tests.factories import municipality, proven_user, register_person, submit_contribution

KARI = "kari.nordmann@example.no"
OLA = "ola.hansen@example.no"


@dataclass
class World:
    edition: Edition
    kari: User
    ola: User
    kari_registration: Registration
    ola_registration: Registration
    award: AwardRound
    example: Example
    nomination: Nomination


def make_past(edition: Edition, days_ago: int) -> None:
    """Move an edition so that its last day was `days_ago` days ago."""
    ends = timezone.localdate() - datetime.timedelta(days=days_ago)
    Edition.objects.filter(pk=edition.pk).update(starts_on=ends - datetime.timedelta(days=1), ends_on=ends)
    edition.refresh_from_db()


@pytest.fixture
def world(edition, organiser):
    from gronnpraksis.awards import services as award_services

    kari_registration = register_person(
        edition,
        email=KARI,
        name="Kari Nordmann",
        phone="41234567",
        dietary_needs="Glutenfri",
        news_opt_in=True,
    )
    ola_registration = register_person(
        edition, email=OLA, name="Ola Hansen", phone="98765432", dietary_needs="Nøtteallergi"
    )
    kari = proven_user(KARI)
    ola = proven_user(OLA)
    submit_contribution(edition, email=KARI, title="Karis bildeling", co_contributors=[("Ola Hansen", OLA)])
    submit_contribution(edition, email=OLA, name="Ola Hansen", title="Olas sykkelveier")

    item = ProgramItem.objects.create(
        edition=edition,
        title="Matsvinn til matglede",
        starts_at=timezone.now() + datetime.timedelta(days=60),
        ends_at=timezone.now() + datetime.timedelta(days=60, hours=1),
    )
    AgendaStar.objects.create(registration=kari_registration, item=item)

    example = Example.objects.create(
        title="Karis gjenbrukssentral",
        summary="Gjenbruk i kommunen.",
        owner_name="Bergen kommune",
        contact_name="Kari Nordmann",
        contact_email=KARI,
        contact_is_public=True,
        state=ModerationState.PUBLISHED,
        created_by=kari,
    )
    example.owners.add(kari)
    example.municipalities.add(municipality("4601"))
    Example.objects.create(title="Olas eksempel", summary="-", contact_name="Ola Hansen", contact_email=OLA)

    Idea.objects.create(
        title="Karis idé", text="Delebiler for ansatte", owner=kari, owner_name="Kari Nordmann"
    )
    kari_published = Idea.objects.create(
        title="Karis publiserte idé",
        text="Solceller på rådhuset",
        owner=kari,
        owner_name="Kari Nordmann",
        visibility=IdeaVisibility.PUBLISHED,
    )
    ola_idea = Idea.objects.create(
        title="Olas idé",
        text="Sykkelhotell",
        owner=ola,
        owner_name="Ola Hansen",
        visibility=IdeaVisibility.PUBLISHED,
    )
    Comment.objects.create(idea=ola_idea, author=kari, author_name="Kari Nordmann", text="Godt forslag!")
    Comment.objects.create(idea=kari_published, author=ola, author_name="Ola Hansen", text="Olas kommentar")
    HelpOffer.objects.create(idea=ola_idea, user=kari, name="Kari Nordmann", message="Jeg hjelper gjerne")
    HelpOffer.objects.create(idea=kari_published, user=ola, name="Ola Hansen", message="Olas tilbud")

    award = award_services.set_up_round(edition=edition, mode="vote", by=organiser)
    nomination = Nomination.objects.create(
        round=award,
        example=example,
        summary="Et forbilde",
        nominator_name="Kari Nordmann",
        nominator_email=KARI,
        nominator_phone="41234567",
        created_by=kari,
    )
    Nomination.objects.create(
        round=award,
        example=example,
        summary="Olas begrunnelse",
        nominator_name="Ola Hansen",
        nominator_email=OLA,
    )
    # Both were at the venue: a vote counts only for a checked-in registration when the round asks it.
    Registration.objects.filter(pk__in=[kari_registration.pk, ola_registration.pk]).update(
        checked_in_at=timezone.now()
    )
    Vote.objects.create(round=award, registration=kari_registration, nomination=nomination)
    Vote.objects.create(round=award, registration=ola_registration, nomination=nomination)
    return World(edition, kari, ola, kari_registration, ola_registration, award, example, nomination)
