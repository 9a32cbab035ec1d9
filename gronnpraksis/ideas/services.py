from collections.abc import Iterable

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Theme
from gronnpraksis.places.models import Municipality

from .models import Idea, IdeaVisibility


def create_draft_idea(
    *,
    title: str,
    text: str,
    owner: User | None,
    owner_name: str,
    municipality: Municipality | None,
    themes: Iterable[Theme],
) -> Idea:
    """Create a draft idea; it is published for debate later. Writes one row and its theme links."""
    idea = Idea.objects.create(
        title=title,
        text=text,
        owner=owner,
        owner_name=owner_name,
        municipality=municipality,
        visibility=IdeaVisibility.DRAFT,
    )
    idea.themes.set(themes)
    return idea
