"""The demo edition's programme committee at work: criteria, two reviewers, reviews with scores
(one reviewer not impartial on one contribution) and the decisions already taken. Names are
fictional (@example.no); reviewers, scores and comments are in `data/review.toml`."""

from django.utils import translation

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions.models import State
from gronnpraksis.editions.models import Edition, TeamRole
from gronnpraksis.editions.services import add_team_member
from gronnpraksis.reviews.models import Criterion, Review
from gronnpraksis.reviews.services import (
    add_suggested_criteria,
    assign_reviewer,
    declare_conflict,
    submit_review,
)

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
        member = add_team_member(
            edition=edition, email=email, name=name, role=TeamRole.REVIEWER, added_by=organiser, notify=False
        )
        reviewers.append(member.user)
    contributions = list(
        edition.contributions.filter(state__in=[State.SUBMITTED, State.ACCEPTED, State.CONFIRMED]).order_by(
            "pk"
        )
    )
    for n, contribution in enumerate(contributions):
        for r, reviewer in enumerate(reviewers):
            seeded = Review.objects.filter(contribution=contribution, reviewer=reviewer).exists()
            review = assign_reviewer(contribution=contribution, reviewer=reviewer, assigned_by=organiser)
            # The last two submitted contributions are still waiting for the second reviewer.
            if seeded or (r == 1 and contribution.state == State.SUBMITTED and n % 2 == 0):
                continue
            if r == 1 and n == 1:
                declare_conflict(review=review, reason="Jeg har vært med i prosjektgruppen.")
            else:
                pattern = PATTERNS[(n + r) % len(PATTERNS)]
                scores = {c.pk: min(pattern[i % 4], c.max_score) for i, c in enumerate(criteria)}
                submit_review(review=review, scores=scores, comment=COMMENTS[(n + r) % len(COMMENTS)])
            # The demo's reviews are dated when their contribution came in, not when the demo ran.
            Review.objects.filter(pk=review.pk).update(submitted_at=contribution.submitted_at)
    return reviewers
