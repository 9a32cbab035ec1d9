"""The demo edition's programme committee at work: criteria, two reviewers, reviews with scores
(one reviewer not impartial on one contribution) and the decisions already taken. Names are
fictional (@example.no); reviewers, scores and comments are in `data/review.toml`."""

from django.utils import translation

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import get_or_create_user
from gronnpraksis.contributions.models import State
from gronnpraksis.editions.models import Edition, TeamMember, TeamRole
from gronnpraksis.reviews.models import Criterion, Review, Score
from gronnpraksis.reviews.services import add_suggested_criteria

from .loaders import load

_DATA = load("review")
REVIEWERS: list[tuple[str, str]] = [(email, name) for email, name in _DATA["reviewers"]]
# Scores per reviewer for the n-th contribution, cycling; a spread between reviewers on purpose.
PATTERNS: list[tuple[int, ...]] = [tuple(pattern) for pattern in _DATA["patterns"]]
COMMENTS: list[str] = _DATA["comments"]


def seed_review(edition: Edition, organiser: User) -> list[User]:
    """Team, criteria and reviews for the edition (its decisions are recorded with the contributions); idempotent."""
    with translation.override("nb"):
        add_suggested_criteria(edition=edition)
    criteria = list(Criterion.objects.filter(edition=edition))
    reviewers = []
    for email, name in REVIEWERS:
        user = get_or_create_user(email=email, name=name)
        TeamMember.objects.get_or_create(edition=edition, user=user, role=TeamRole.REVIEWER)
        reviewers.append(user)
    contributions = list(
        edition.contributions.filter(state__in=[State.SUBMITTED, State.ACCEPTED, State.CONFIRMED]).order_by(
            "pk"
        )
    )
    for n, contribution in enumerate(contributions):
        for r, reviewer in enumerate(reviewers):
            review, created = Review.objects.get_or_create(
                contribution=contribution, reviewer=reviewer, defaults={"assigned_by": organiser}
            )
            # The last two submitted contributions are still waiting for the second reviewer.
            if not created or (r == 1 and contribution.state == State.SUBMITTED and n % 2 == 0):
                continue
            if r == 1 and n == 1:
                review.conflict_of_interest = True
                review.conflict_reason = "Jeg har vært med i prosjektgruppen."
            else:
                pattern = PATTERNS[(n + r) % len(PATTERNS)]
                Score.objects.bulk_create(
                    Score(review=review, criterion=c, value=min(pattern[i % 4], c.max_score))
                    for i, c in enumerate(criteria)
                )
                review.comment = COMMENTS[(n + r) % len(COMMENTS)]
            review.submitted_at = contribution.submitted_at
            review.save()
    return reviewers
