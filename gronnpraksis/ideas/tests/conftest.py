"""People and ideas for the ideas tests: an owner with a published idea, a moderator, others."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory, make_idea


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


@pytest.fixture
def idea(owner):
    return make_idea(owner)


@pytest.fixture
def draft(owner):
    return make_idea(owner, title="Hemmelig utkast om fjernvarme", publish=False)
