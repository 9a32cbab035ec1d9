"""Who may see, manage, comment on and moderate an idea, by person and by the idea's visibility."""

import pytest
from django.contrib.auth.models import AnonymousUser

from gronnpraksis.ideas import permissions, services
from gronnpraksis.ideas.models import Idea
from tests.factories import UserFactory, make_idea

pytestmark = pytest.mark.django_db


def fresh(idea: Idea) -> Idea:
    """The idea as a view gets it (with its offers prefetched)."""
    return Idea.objects.prefetch_related("offers").get(pk=idea.pk)


@pytest.fixture
def people(owner, commenter, helper, moderator):
    idea = make_idea(owner)
    offer = services.offer_help(idea=idea, user=helper, name="Hanne", message="Ja")
    services.answer_offer(offer=offer, accept=True)
    return {
        "idea": fresh(idea),
        "anonymous": AnonymousUser(),
        "owner": owner,
        "co_owner": helper,
        "other": commenter,
        "moderator": moderator,
        "superuser": UserFactory(email="root@example.no", is_superuser=True),
        "staff": UserFactory(email="staff@example.no", is_staff=True),
    }


# Expected answers per person: view (published), view (draft/hidden), manage, comment, offer, moderate.
MATRIX = {
    "anonymous": (True, False, False, False, False, False),
    "owner": (True, True, True, True, False, False),
    "co_owner": (True, True, True, True, False, False),
    "other": (True, False, False, True, True, False),
    "moderator": (True, True, False, True, True, True),
    "superuser": (True, True, False, True, True, True),
    "staff": (True, False, False, True, True, False),
}


@pytest.mark.parametrize("who", MATRIX)
def test_the_role_matrix(people, who):
    idea, user = people["idea"], people[who]
    view, view_unpublished, manage, comment, offer, moderate = MATRIX[who]
    assert permissions.can_view_idea(user, idea) is view
    assert permissions.can_manage_idea(user, idea) is manage
    assert permissions.can_comment(user, idea) is comment
    assert permissions.can_offer_help(user, idea) is offer
    assert permissions.is_moderator(user) is moderate
    for visibility in ("draft", "hidden"):
        idea.visibility = visibility
        assert permissions.can_view_idea(user, idea) is view_unpublished
        assert permissions.can_comment(user, idea) is False
        assert permissions.can_offer_help(user, idea) is False


def test_a_person_who_already_offered_cannot_offer_again(people):
    other = people["other"]
    services.offer_help(idea=people["idea"], user=other, name="Kim", message="Ja")
    assert permissions.can_offer_help(other, fresh(people["idea"])) is False


def test_a_declined_helper_is_not_an_owner(owner, helper):
    idea = make_idea(owner)
    offer = services.offer_help(idea=idea, user=helper, name="Hanne", message="Ja")
    services.answer_offer(offer=offer, accept=False)
    assert permissions.is_owner(helper, fresh(idea)) is False


def test_an_inactive_moderator_is_not_a_moderator(moderator):
    moderator.is_active = False
    assert permissions.is_moderator(moderator) is False
