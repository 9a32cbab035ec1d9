"""Taking a role away: the TeamMember row goes, and with the last reviewing role the open assignments."""

import pytest

from gronnpraksis.accounts.models import User
from gronnpraksis.backoffice import services
from gronnpraksis.contributions.models import Contribution
from gronnpraksis.editions.models import Edition, TeamMember, TeamRole
from gronnpraksis.editions.services import add_team_member
from gronnpraksis.reviews.models import Criterion, Review
from gronnpraksis.reviews.services import assign_reviewer, submit_review
from tests.factories import EditionFactory, submit_contribution

pytestmark = pytest.mark.django_db


def member(edition: Edition, email: str, *, by: User, role: str = TeamRole.REVIEWER) -> User:
    return add_team_member(edition=edition, email=email, name="", role=role, added_by=by).user


@pytest.fixture
def reviewer(edition: Edition, organiser: User) -> User:
    return member(edition, "vera.vurderer@example.no", by=organiser)


@pytest.fixture
def contribution(edition: Edition) -> Contribution:
    return submit_contribution(edition)


def reviewed(contribution: Contribution, reviewer: User, by: User, value: int) -> Review:
    """A submitted review with `value` for the edition's one criterion."""
    criterion = Criterion.objects.create(edition=contribution.edition, name="Relevans", max_score=5)
    review = assign_reviewer(contribution=contribution, reviewer=reviewer, assigned_by=by)
    return submit_review(review=review, scores={criterion.pk: value}, comment="")


@pytest.mark.django_db
def test_remove_team_member_deletes_open_assignments_only(
    edition: Edition, organiser: User, reviewer: User
) -> None:
    done = submit_contribution(edition, title="Vurdert")
    open_one = submit_contribution(edition, title="Åpen")
    elsewhere = submit_contribution(other := EditionFactory(), title="Annen årgang")
    add_team_member(edition=other, email=reviewer.email, name="", role=TeamRole.REVIEWER, added_by=organiser)
    reviewed(done, reviewer, organiser, 4)
    assign_reviewer(contribution=open_one, reviewer=reviewer, assigned_by=organiser)
    assign_reviewer(contribution=elsewhere, reviewer=reviewer, assigned_by=organiser)

    services.remove_team_member(member=TeamMember.objects.get(edition=edition, user=reviewer))

    assert sorted(Review.objects.values_list("contribution__title", flat=True)) == ["Annen årgang", "Vurdert"]
    assert list(TeamMember.objects.values_list("edition", flat=True)) == [other.pk]


@pytest.mark.django_db
def test_removing_an_organiser_also_withdraws_their_open_assignments(
    edition: Edition, organiser: User, contribution: Contribution
) -> None:
    colleague = member(edition, "kollega@example.no", role=TeamRole.ORGANISER, by=organiser)
    assign_reviewer(contribution=contribution, reviewer=colleague, assigned_by=organiser)

    services.remove_team_member(member=TeamMember.objects.get(user=colleague))

    assert not Review.objects.exists()


@pytest.mark.django_db
def test_removing_one_of_two_roles_keeps_the_open_assignments(
    edition: Edition, organiser: User, reviewer: User, contribution: Contribution
) -> None:
    add_team_member(
        edition=edition, email=reviewer.email, name="", role=TeamRole.ORGANISER, added_by=organiser
    )
    assign_reviewer(contribution=contribution, reviewer=reviewer, assigned_by=organiser)

    services.remove_team_member(member=TeamMember.objects.get(user=reviewer, role=TeamRole.REVIEWER))

    assert Review.objects.count() == 1
