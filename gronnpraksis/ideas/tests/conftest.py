"""People and ideas for the ideas tests: an owner with a published idea, a moderator, others."""

import pytest
from django.contrib.auth.models import Group

from gronnpraksis.ideas import services
from tests.factories import UserFactory, municipality, theme


@pytest.fixture
def owner(db):
    return UserFactory(email="ida.eier@example.no", name="Ida Eier")


@pytest.fixture
def commenter(db):
    return UserFactory(email="kim.kommentar@example.no", name="Kim Kommentar")


@pytest.fixture
def helper(db):
    return UserFactory(email="hanne.hjelper@example.no", name="Hanne Hjelper")


@pytest.fixture
def moderator(db):
    """A person in the group the migration creates: a moderator without being staff."""
    user = UserFactory(email="mona.moderator@example.no", name="Mona Moderator")
    user.groups.add(Group.objects.get(name="Moderatorer"))
    return user


def make_idea(owner, *, title="Delebiler for hele bygda", publish=True, **overrides):  # type: ignore[no-untyped-def]
    values = {
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
        idea = services.publish_idea(idea=idea, by=owner)
    return idea


@pytest.fixture
def idea(owner):
    return make_idea(owner)


@pytest.fixture
def draft(owner):
    return make_idea(owner, title="Hemmelig utkast om fjernvarme", publish=False)
