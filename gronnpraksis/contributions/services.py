"""Submitting and editing contributions (bidrag)."""

import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import get_or_create_user
from gronnpraksis.editions.models import Edition, Goal, Theme
from gronnpraksis.examples.registry import examples_changed
from gronnpraksis.examples.services import create_draft_example
from gronnpraksis.ideas.services import create_draft_idea
from gronnpraksis.mail.services import enqueue_mail
from gronnpraksis.organisations.services import get_or_create_organisation
from gronnpraksis.places.models import Municipality
from gronnpraksis.registrations.models import Registration

from .models import EDITABLE_STATES, Contribution, ContributionChange, Contributor, Kind, State

MAX_CONTRIBUTORS = 10


class ContributionError(Exception):
    """A rule stopped the change; the message says what to do."""


@dataclass
class Person:
    name: str
    email: str


@dataclass
class ContributionData:
    kind: str
    title: str
    summary: str
    description: str
    themes: list[Theme]
    municipality: Municipality
    wished_format: str
    wished_length: int
    goals: list[Goal] = field(default_factory=list)
    organisation_name: str = ""
    organisation_number: str = ""
    needs: str = ""
    # The half-days the contributors can come ("YYYY-MM-DD:am"/":pm"); empty: any time.
    availability: list[str] = field(default_factory=list)


def submit_contribution(
    *,
    edition: Edition,
    data: ContributionData,
    contact: Person,
    co_contributors: list[Person],
    registration: Registration | None = None,
    idempotency_key: uuid.UUID | None = None,
    language: str = "nb",
) -> Contribution:
    """Submit a contribution to an edition.

    A practice example also gets a draft entry in the example bank, an unfinished idea a draft
    idea. Side effects: the contribution and contributor rows, accounts for the contributors' e-mail
    addresses (to log in to "Min side" with a code), a receipt to the contact and a mail to each
    co-contributor. A repeated submit with the same idempotency key returns the first contribution.
    """
    if idempotency_key is not None:
        existing = Contribution.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None and _same_submission(existing, edition, contact):
            return existing
        if existing is not None:
            idempotency_key = None  # the form was reused by someone else
    if not edition.contributions_open:
        raise ContributionError(
            _("The deadline for contributions to %(edition)s has passed.") % {"edition": edition.name}
        )
    try:
        with transaction.atomic():
            contribution = _create(
                edition, data, contact, co_contributors, registration, idempotency_key, language
            )
    except IntegrityError:
        existing = Contribution.objects.filter(idempotency_key=idempotency_key).first()
        if idempotency_key is None or existing is None or not _same_submission(existing, edition, contact):
            raise
        return existing
    return contribution


def _same_submission(existing: Contribution, edition: Edition, contact: Person) -> bool:
    return (
        existing.edition_id == edition.pk
        and existing.contributors.filter(is_primary=True, email=contact.email.strip().lower()).exists()
    )


def _create(
    edition: Edition,
    data: ContributionData,
    contact: Person,
    co_contributors: list[Person],
    registration: Registration | None,
    idempotency_key: uuid.UUID | None,
    language: str,
) -> Contribution:
    user = get_or_create_user(email=contact.email, name=contact.name)
    organisation = get_or_create_organisation(
        name=data.organisation_name, number=data.organisation_number, municipality=data.municipality
    )
    contribution = Contribution.objects.create(
        edition=edition,
        kind=data.kind,
        title=data.title,
        summary=data.summary,
        description=data.description,
        municipality=data.municipality,
        organisation_name=data.organisation_name,
        organisation=organisation,
        wished_format=data.wished_format,
        wished_length=data.wished_length,
        needs=data.needs,
        availability=list(data.availability),
        state=State.SUBMITTED,
        registration=registration,
        idempotency_key=idempotency_key,
        created_by=user,
        language=language,
        submitted_at=timezone.now(),
    )
    contribution.themes.set(data.themes)
    contribution.goals.set(data.goals)
    Contributor.objects.create(
        contribution=contribution, name=contact.name, email=contact.email.lower(), user=user, is_primary=True
    )
    _link_bank_entry(contribution, data, contact, user)
    enqueue_mail(
        to=contact.email,
        template="contribution_received",
        language=language,
        context={"contribution": contribution, "edition": edition, "name": contact.name},
    )
    for position, person in enumerate(_unique_others(co_contributors, contact), start=1):
        _add_co_contributor(
            contribution, person, position=position, invited_by=contact.name, invited_by_email=contact.email
        )
    return contribution


def _unique_others(people: list[Person], contact: Person) -> list[Person]:
    seen = {contact.email.lower()}
    unique = []
    for person in people:
        if person.email.lower() not in seen:
            seen.add(person.email.lower())
            unique.append(person)
    return unique


def _add_co_contributor(
    contribution: Contribution, person: Person, *, position: int, invited_by: str, invited_by_email: str
) -> None:
    co_user = get_or_create_user(email=person.email, name=person.name)
    Contributor.objects.create(
        contribution=contribution,
        name=person.name,
        email=person.email.lower(),
        user=co_user,
        position=position,
    )
    enqueue_mail(
        to=person.email,
        template="contribution_co_contributor",
        language=contribution.language,
        context={
            "contribution": contribution,
            "edition": contribution.edition,
            "name": person.name,
            "invited_by": invited_by,
        },
        reply_to=invited_by_email,  # "reply to the person who named you" reaches them
    )


def _link_bank_entry(contribution: Contribution, data: ContributionData, contact: Person, user: User) -> None:
    if data.kind == Kind.PRACTICE_EXAMPLE:
        contribution.example = create_draft_example(
            title=data.title,
            summary=data.summary,
            what_was_done=data.description,
            owner_name=data.organisation_name or contact.name,
            owner_organisation=contribution.organisation,
            municipalities=[data.municipality],
            themes=data.themes,
            goals=data.goals,
            contact_name=contact.name,
            contact_email=contact.email,
            created_by=user,
            # A regional network's edition: shared through that network (its moderators may decide on it).
            network=None if contribution.edition.network.is_national else contribution.edition.network,
        )
        contribution.save(update_fields=["example"])
    elif data.kind == Kind.UNFINISHED_IDEA:
        contribution.idea = create_draft_idea(
            title=data.title,
            text=data.description,
            owner=user,
            owner_name=contact.name,
            municipality=data.municipality,
            themes=data.themes,
        )
        contribution.save(update_fields=["idea"])


# What a contributor may change, and until when. The receipt and the contribution's page say the same
# (contributions/_edit_rule.html): everything until the contribution deadline while it is being
# reviewed; once accepted, what the programme shows (title, summary, co-contributors) until the
# edition's programme is first published.
PROGRAMME_STATES = {State.ACCEPTED, State.CONFIRMED}
LOCKED_MESSAGE = _lazy(
    "This contribution can no longer be changed here: the deadline has passed, or the programme is published."
)


def can_still_edit(contribution: Contribution) -> bool:
    """Everything can be changed: it is being reviewed and the deadline has not passed."""
    return (
        contribution.state in EDITABLE_STATES and timezone.now() < contribution.edition.contribution_deadline
    )


def can_edit_programme_fields(contribution: Contribution) -> bool:
    """The title, summary and co-contributors can still be changed: it is accepted and the edition's
    programme is not published yet (reads the edition's published versions; no write to the programme)."""
    if contribution.state not in PROGRAMME_STATES:
        return False
    published = contribution.edition.program_versions
    return not published.exists()


@transaction.atomic
def update_contribution(
    *, contribution: Contribution, data: ContributionData, new_co_contributors: list[Person], editor: User
) -> Contribution:
    """Save a contributor's changes before the deadline. The kind cannot change after submission.

    Side effects: the contribution, its draft example or idea while still a draft, a mail to each
    co-contributor who is new, and a ContributionChange row when something shown changed.
    """
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if not can_still_edit(contribution):
        raise ContributionError(str(LOCKED_MESSAGE))
    before = _shown(contribution)
    contribution.title = data.title
    contribution.summary = data.summary
    contribution.description = data.description
    contribution.municipality = data.municipality
    contribution.organisation_name = data.organisation_name
    contribution.organisation = get_or_create_organisation(
        name=data.organisation_name, number=data.organisation_number, municipality=data.municipality
    )
    contribution.wished_format = data.wished_format
    contribution.wished_length = data.wished_length
    contribution.needs = data.needs
    contribution.availability = list(data.availability)
    contribution.save()
    contribution.themes.set(data.themes)
    contribution.goals.set(data.goals)
    _sync_bank_entry(contribution)
    added = _add_new_co_contributors(contribution, new_co_contributors, editor)
    _record_change(contribution, before, added, editor)
    return contribution


def set_availability(*, contribution: Contribution, availability: list[str]) -> Contribution:
    """Record the half-days the contributors can come (the programme builder keeps to them; an
    accepted contribution's contributors may still change them). Side effect: the contribution's row."""
    contribution.availability = sorted(set(availability))
    contribution.save(update_fields=["availability", "updated_at"])
    return contribution


@transaction.atomic
def update_programme_fields(
    *, contribution: Contribution, title: str, summary: str, new_co_contributors: list[Person], editor: User
) -> Contribution:
    """Save what the programme shows (title, summary, new co-contributors) of an accepted contribution
    before the programme is published. The next publication picks up the summary and the speakers;
    organisers see the change on the contribution's page and in the planner.

    Side effects: the contribution, its draft example or idea while still a draft, a mail to each
    new co-contributor, and a ContributionChange row when something changed.
    """
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if not can_edit_programme_fields(contribution):
        raise ContributionError(str(LOCKED_MESSAGE))
    before = _shown(contribution)
    contribution.title = title
    contribution.summary = summary
    contribution.save(update_fields=["title", "summary", "updated_at"])
    _sync_bank_entry(contribution)
    added = _add_new_co_contributors(contribution, new_co_contributors, editor)
    _record_change(contribution, before, added, editor)
    return contribution


def _shown(contribution: Contribution) -> dict[str, str]:
    return {name: getattr(contribution, name) for name in ("title", "summary", "description")}


def _record_change(
    contribution: Contribution, before: dict[str, str], added: list[str], editor: User
) -> None:
    fields = [
        {"field": name, "old": old, "new": getattr(contribution, name)}
        for name, old in before.items()
        if getattr(contribution, name) != old
    ]
    if added:
        fields.append({"field": "contributors", "old": "", "new": ", ".join(added)})
    if fields:
        ContributionChange.objects.create(
            contribution=contribution, changed_by=editor, state=contribution.state, fields=fields
        )


def _add_new_co_contributors(contribution: Contribution, people: list[Person], editor: User) -> list[str]:
    """Add the people who are not contributors yet; returns their names."""
    existing = {c.email for c in contribution.contributors.all()}
    position = len(existing)
    added = []
    for person in people:
        if len(existing) >= MAX_CONTRIBUTORS:
            raise ContributionError(
                _("A contribution can have at most %(count)s contributors.") % {"count": MAX_CONTRIBUTORS}
            )
        if person.email.lower() not in existing:
            position += 1
            existing.add(person.email.lower())
            _add_co_contributor(
                contribution,
                person,
                position=position,
                invited_by=editor.name or editor.email,
                invited_by_email=editor.email,
            )
            added.append(person.name)
    return added


def _sync_bank_entry(contribution: Contribution) -> None:
    from gronnpraksis.examples.models import ModerationState
    from gronnpraksis.ideas.models import IdeaVisibility

    example = contribution.example
    if example is not None and example.state == ModerationState.DRAFT:
        example.title = contribution.title
        example.summary = contribution.summary[:300]
        example.what_was_done = contribution.description
        example.save()
        example.themes.set(contribution.themes.all())
        example.goals.set(contribution.goals.all())
    idea = contribution.idea
    if idea is not None and idea.visibility == IdeaVisibility.DRAFT:
        idea.title = contribution.title
        idea.text = contribution.description
        idea.save()
        idea.themes.set(contribution.themes.all())


@transaction.atomic
def withdraw_contribution(*, contribution: Contribution) -> Contribution:
    """The contributor withdraws; organisers see it as withdrawn. Side effect: a confirmation mail."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.state == State.WITHDRAWN:
        return contribution
    contribution.state = State.WITHDRAWN
    contribution.save(update_fields=["state", "updated_at"])
    examples_changed([contribution.example_id])  # the bank's "presented at" filter
    primary = contribution.contributors.filter(is_primary=True).first()
    if primary is not None:
        enqueue_mail(
            to=primary.email,
            template="contribution_withdrawn",
            language=contribution.language,
            context={"contribution": contribution, "edition": contribution.edition, "name": primary.name},
        )
    return contribution


DECIDABLE_STATES = {State.SUBMITTED, State.WAITING, State.ACCEPTED, State.REJECTED}


def set_decided_state(*, contribution: Contribution, state: str) -> bool:
    """Record the programme committee's decision on the contribution (accepted, on hold, rejected).

    Returns False, and changes nothing, for a contribution that is a draft, withdrawn or already
    confirmed by its contributor. Side effects: the contribution's state, and its example's entry in
    the bank's index ("presented at"). The caller sends the mail.
    """
    updated = Contribution.objects.filter(pk=contribution.pk, state__in=DECIDABLE_STATES).update(
        state=state, updated_at=timezone.now()
    )
    if updated:
        contribution.state = state
        examples_changed([contribution.example_id])
    return bool(updated)
