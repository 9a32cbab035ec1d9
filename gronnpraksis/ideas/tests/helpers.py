"""Shared by the ideas' tests."""

from typing import Any

from gronnpraksis.accounts.models import User
from gronnpraksis.ideas import services
from gronnpraksis.ideas.models import Idea
from tests.factories import municipality, theme


def make_idea(
    owner: User | None, *, title: str = "Delebiler for hele bygda", publish: bool = True, **overrides: Any
) -> Idea:
    values: dict[str, Any] = {
        "title": title,
        "text": "Bygda har ti biler per tun. Hva om vi delte dem?",
        "owner": owner,
        "owner_name": owner.name if owner else "Ukjent",
        "municipality": municipality("4204"),
        "themes": [theme("transport")],
    }
    values.update(overrides)
    idea = services.create_draft_idea(**values)
    if publish:
        assert owner is not None, "an idea is published by its owner"
        idea = services.publish_idea(idea=idea, by=owner)
    return idea
