from collections.abc import Iterable

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Goal, Theme
from gronnpraksis.organisations.models import Organisation
from gronnpraksis.places.models import Municipality

from .models import Example, ModerationState


def create_draft_example(
    *,
    title: str,
    summary: str,
    what_was_done: str,
    owner_name: str,
    owner_organisation: Organisation | None,
    municipalities: Iterable[Municipality],
    themes: Iterable[Theme],
    goals: Iterable[Goal],
    contact_name: str,
    contact_email: str,
    created_by: User | None,
) -> Example:
    """Create a draft example for the bank; a moderator publishes it later. Writes one row and its links."""
    example = Example.objects.create(
        title=title,
        summary=summary[:300],
        what_was_done=what_was_done,
        owner_name=owner_name,
        owner_organisation=owner_organisation,
        contact_name=contact_name,
        contact_email=contact_email,
        state=ModerationState.DRAFT,
        created_by=created_by,
    )
    example.municipalities.set(municipalities)
    example.themes.set(themes)
    example.goals.set(goals)
    return example
