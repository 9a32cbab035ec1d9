"""The demo's contributions: submitted through the contribution service while an edition takes them,
recorded for an edition that is over; their bank entries marked as demo content and brought to their state
through the bank's and the ideas' moderation services."""

import datetime
import uuid
from zoneinfo import ZoneInfo

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import get_or_create_user
from gronnpraksis.contributions.models import Contribution, Contributor, Kind, State
from gronnpraksis.contributions.services import ContributionData, submit_contribution
from gronnpraksis.contributions.services import Person as ContactPerson
from gronnpraksis.editions.models import Edition, Goal, Theme
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.examples.services import create_draft_example, publish_example, submit_example
from gronnpraksis.ideas.models import Idea
from gronnpraksis.ideas.services import create_draft_idea, publish_idea
from gronnpraksis.organisations.models import Organisation
from gronnpraksis.places.models import Municipality
from gronnpraksis.registrations.models import Registration
from gronnpraksis.reviews.services import decide

from . import content as demo
from .content import demo_key

OSLO = ZoneInfo("Europe/Oslo")


def seed_contribution(
    edition: Edition,
    spec: demo.ContributionSpec,
    organisations: dict[str, Organisation],
    *,
    organiser: User,
    registrations: dict[str, Registration] | None = None,
) -> Contribution:
    """Submit through the contribution service while the edition takes contributions; for a closed
    edition write the rows directly. Then record the programme committee's decision and bring the bank
    entry to its state."""
    key = demo_key(edition.slug, "contribution", spec.key)
    contribution = Contribution.objects.filter(idempotency_key=key).first()
    if contribution is None and edition.contributions_open:
        contribution = submit_via_service(edition, spec, organisations, key, registrations or {})
    elif contribution is None or edition.is_past:
        contribution = write_directly(edition, spec, organisations, key)
    # else: submitted by an earlier run through the service; leave it as it is.
    if contribution.state != spec.state:
        # The programme committee's decision, through its service (a decision record), without mails.
        # (A past edition's contributions are recorded in their final state by `write_directly`.)
        decide(contributions=[contribution], decision=spec.state, user=organiser, send_mail=False)
    finish_bank_entry(contribution, spec, archived=edition.is_past, organiser=organiser)
    return contribution


def contribution_data(spec: demo.ContributionSpec, organisation: Organisation | None) -> ContributionData:
    return ContributionData(
        kind=spec.kind,
        title=spec.title,
        summary=spec.summary,
        description=spec.description,
        themes=list(Theme.objects.filter(slug__in=spec.themes)),
        municipality=Municipality.objects.get(number=spec.municipality),
        wished_format=spec.wished_format,
        wished_length=spec.wished_length,
        goals=list(Goal.objects.filter(number__in=spec.goals)),
        organisation_name=organisation.name if organisation else "",
        organisation_number=organisation.number if organisation else "",
        needs=spec.needs,
    )


def submit_via_service(
    edition: Edition,
    spec: demo.ContributionSpec,
    organisations: dict[str, Organisation],
    key: uuid.UUID,
    registrations: dict[str, Registration],
) -> Contribution:
    organisation = organisations[spec.organisation] if spec.organisation else None
    name, email = spec.contact
    return submit_contribution(
        edition=edition,
        data=contribution_data(spec, organisation),
        contact=ContactPerson(name=name, email=email),
        co_contributors=[ContactPerson(name=n, email=e) for n, e in spec.co_contributors],
        registration=registrations.get(email),
        idempotency_key=key,
    )


def write_directly(
    edition: Edition, spec: demo.ContributionSpec, organisations: dict[str, Organisation], key: uuid.UUID
) -> Contribution:
    organisation = organisations[spec.organisation] if spec.organisation else None
    data = contribution_data(spec, organisation)
    name, email = spec.contact
    user = get_or_create_user(email=email, name=name)
    contribution, _ = Contribution.objects.update_or_create(
        idempotency_key=key,
        defaults={
            "edition": edition,
            "kind": spec.kind,
            "title": spec.title,
            "summary": spec.summary,
            "description": spec.description,
            "municipality": data.municipality,
            "organisation_name": data.organisation_name,
            "organisation": organisation,
            "wished_format": spec.wished_format,
            "wished_length": spec.wished_length,
            "needs": spec.needs,
            "state": spec.state,
            "created_by": user,
            "registration": edition.registrations.filter(email__iexact=email).first(),
            "submitted_at": edition.contribution_deadline - datetime.timedelta(weeks=3),
        },
    )
    contribution.themes.set(data.themes)
    contribution.goals.set(data.goals)
    people = [(name, email), *spec.co_contributors]
    for position, (person_name, person_email) in enumerate(people):
        Contributor.objects.update_or_create(
            contribution=contribution,
            email=person_email,
            defaults={
                "name": person_name,
                "is_primary": position == 0,
                "position": position,
                "user": get_or_create_user(email=person_email, name=person_name),
            },
        )
    link_bank_entry(contribution, data, name, email, user)
    return contribution


def link_bank_entry(
    contribution: Contribution, data: ContributionData, name: str, email: str, user: User
) -> None:
    """Create the draft example or idea for a directly written contribution, once."""
    if contribution.kind == Kind.PRACTICE_EXAMPLE and contribution.example_id is None:
        contribution.example = create_draft_example(
            title=data.title,
            summary=data.summary,
            what_was_done=data.description,
            owner_name=data.organisation_name or name,
            owner_organisation=contribution.organisation,
            municipalities=[data.municipality],
            themes=data.themes,
            goals=data.goals,
            contact_name=name,
            contact_email=email,
            created_by=user,
        )
        contribution.save(update_fields=["example"])
    elif contribution.kind == Kind.UNFINISHED_IDEA and contribution.idea_id is None:
        contribution.idea = create_draft_idea(
            title=data.title,
            text=data.description,
            owner=user,
            owner_name=name,
            municipality=data.municipality,
            themes=data.themes,
        )
        contribution.save(update_fields=["idea"])


def finish_bank_entry(
    contribution: Contribution, spec: demo.ContributionSpec, *, archived: bool, organiser: User
) -> None:
    """Mark the example as demo content (stage and starting point are content, set before any version).
    An accepted contribution to the open edition sends its example for moderation; the archive's
    examples are published by `publish_archived_examples` once the bank's own entries are written.
    Ideas from accepted contributions are published for debate through the ideas' moderation."""
    decided = spec.state in {State.ACCEPTED, State.CONFIRMED}
    if contribution.example_id:
        Example.objects.filter(pk=contribution.example_id).update(
            is_demo=True, stage=spec.stage, starting_point=spec.starting_point
        )
        example = Example.objects.get(pk=contribution.example_id)
        if spec.extra_municipalities:
            example.municipalities.add(*Municipality.objects.filter(number__in=spec.extra_municipalities))
        if not archived and decided and example.state == ModerationState.DRAFT:
            submit_example(example=example, by=contribution.created_by or organiser)
    if contribution.idea_id and decided:
        publish_idea(idea=Idea.objects.get(pk=contribution.idea_id), by=organiser)


def publish_archived_examples(edition: Edition, organiser: User) -> None:
    """Publish the drafts the archived edition's contributions made, through the bank's moderation: a
    version and a record each, dated the last day of the edition, no mail."""
    published_at = datetime.datetime.combine(edition.ends_on, datetime.time(16, 0), tzinfo=OSLO)
    drafts = (
        Example.objects.filter(contributions__edition=edition, state=ModerationState.DRAFT)
        .distinct()
        .order_by("pk")
    )
    for example in drafts:
        publish_example(example=example, by=organiser, published_at=published_at, notify=False)
