"""Reviewing contributions and deciding on them: the programme committee's work.

Every function here that writes is called from the back office (`/arrangor/<edition>/`); the views
check the team role first (`editions.permissions.team_view`) and these functions check the rules.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.contributions.services import set_decided_state
from gronnpraksis.core import scoring
from gronnpraksis.core.http import absolute_url
from gronnpraksis.editions.models import Edition, TeamMember, TeamRole
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.mail.services import enqueue_mail

from .models import AuditEntry, Criterion, Decision, DecisionRecord, DecisionTemplate, Review, Score

# Contributions the committee works on: not drafts and not withdrawn.
REVIEWABLE_STATES = (State.SUBMITTED, State.WAITING, State.ACCEPTED, State.REJECTED, State.CONFIRMED)


# Who can be asked to review contributions (the award jury is a team of its own).
REVIEWING_ROLES = (TeamRole.REVIEWER, TeamRole.ORGANISER)


class ReviewError(Exception):
    """A rule stopped the change; the message says what to do."""


# The team (the TeamMember rows themselves are `editions.services`')


def release_assignments(*, edition_id: int, user_id: int) -> int:
    """Hand back a person's open assignments when they have no reviewing role left in the edition
    (organisers can be asked to review too; jurors cannot). Reviews already submitted stay.
    Side effect: deletes the person's unsubmitted reviews in the edition. Returns how many."""
    if TeamMember.objects.filter(edition=edition_id, user=user_id, role__in=REVIEWING_ROLES).exists():
        return 0
    _total, by_model = Review.objects.filter(
        reviewer=user_id, contribution__edition=edition_id, submitted_at__isnull=True
    ).delete()
    return by_model.get(Review._meta.label, 0)


def reviewers(edition: Edition) -> list[User]:
    """The people who can be asked to review: the edition's programme committee and organisers."""
    ids = TeamMember.objects.filter(edition=edition, role__in=REVIEWING_ROLES).values("user_id")
    return list(User.objects.filter(pk__in=ids).order_by("name", "email"))


# Assignments and reviews


def assign_reviewer(*, contribution: Contribution, reviewer: User, assigned_by: User) -> Review:
    """Ask a team member to review a contribution. Side effect: at most one Review row (an open
    assignment). A contributor of the contribution cannot review it."""
    if not TeamMember.objects.filter(
        edition=contribution.edition_id, user=reviewer, role__in=REVIEWING_ROLES
    ).exists():
        raise ReviewError(_("%(name)s is not on this edition's team.") % {"name": reviewer})
    if contribution.contributors.filter(email__iexact=reviewer.email).exists():
        raise ReviewError(_("%(name)s is a contributor and cannot review it.") % {"name": reviewer})
    review, _created = Review.objects.get_or_create(
        contribution=contribution, reviewer=reviewer, defaults={"assigned_by": assigned_by}
    )
    return review


def unassign_reviewer(*, review: Review) -> None:
    """Withdraw an assignment that has not been answered, or a declared conflict of interest (an
    organiser may then assign the person again, who starts without seeing anyone's scores).
    Side effect: deletes the Review row. Submitted scores are kept."""
    if review.is_submitted and not review.conflict_of_interest:
        raise ReviewError(_("A submitted review is kept; it cannot be removed."))
    review.delete()


@transaction.atomic
def submit_review(*, review: Review, scores: Mapping[int, int], comment: str) -> Review:
    """Save the reviewer's score for every criterion and their comment. Submitting again replaces
    the scores. A reviewer who declared a conflict of interest stays out: the others' scores are
    never shown to them. Side effects: the Score rows and the review's `submitted_at`."""
    if review.conflict_of_interest:
        raise ReviewError(_("You declared that you are not impartial, so you cannot score it."))
    criteria = list(Criterion.objects.filter(edition=review.contribution.edition_id))
    if not criteria:
        raise ReviewError(_("The organisers have not set up any criteria yet."))
    problem = scoring.score_problem(criteria, scores)
    if problem:
        raise ReviewError(problem)
    review.scores.all().delete()
    Score.objects.bulk_create(Score(review=review, criterion=c, value=scores[c.pk]) for c in criteria)
    review.comment = comment
    review.submitted_at = timezone.now()
    review.save(update_fields=["comment", "submitted_at"])
    return review


@transaction.atomic
def declare_conflict(*, review: Review, reason: str) -> Review:
    """The reviewer is not impartial: no scores are kept and the others' scores stay hidden to them.
    Side effects: deletes the review's scores, marks it as a conflict of interest."""
    review.scores.all().delete()
    review.conflict_of_interest = True
    review.conflict_reason = reason
    review.comment = ""
    review.submitted_at = timezone.now()
    review.save(update_fields=["conflict_of_interest", "conflict_reason", "comment", "submitted_at"])
    return review


def can_see_others_reviews(user: User, contribution: Contribution, role: str) -> bool:
    """Organisers see every review. A reviewer sees the others only after submitting their own
    scores, and never when they declared a conflict of interest."""
    if role == TeamRole.ORGANISER:
        return True
    return Review.objects.submitted().filter(contribution=contribution, reviewer=user).exists()


# The ranking


@dataclass(frozen=True)
class Ranked(scoring.Figures):
    contribution: Contribution
    assigned: int  # reviews asked for, submitted or not

    @property
    def reviews(self) -> int:
        """How many submitted reviews the figures come from (conflicts of interest left out)."""
        return self.scored


def max_total(edition: Edition) -> int:
    return scoring.max_total(Criterion.objects.filter(edition=edition))


def ranking(contributions: Iterable[Contribution]) -> list[Ranked]:
    """Contributions by their average total score, highest first; unreviewed ones last.

    Expects `contributions` with `reviews` and their `scores` prefetched (see `with_reviews`).
    """
    rows = []
    for contribution in contributions:
        reviews = list(contribution.reviews.all())
        totals = scoring.submitted_totals(reviews)
        rows.append(Ranked(contribution=contribution, assigned=len(reviews), **scoring.figures(totals)))
    return scoring.by_mean(rows, lambda r: r.contribution.title)


def with_reviews(queryset):  # type: ignore[no-untyped-def]
    """The contributions with their reviews, reviewers and scores, in a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch(
            "reviews",
            queryset=Review.objects.select_related("reviewer").prefetch_related("scores__criterion"),
        )
    )


# Decisions and their mails

PLACEHOLDERS = {
    "navn": gettext_lazy("the contributor's name"),
    "tittel": gettext_lazy("the title of the contribution"),
    "arrangement": gettext_lazy("the name of the edition"),
    "lenke": gettext_lazy("a link to My page, where the contribution is"),
    "kontakt": gettext_lazy("the organisers' e-mail address"),
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def default_template(decision: str) -> tuple[str, str]:
    """The mail the platform suggests for a decision, in the active language."""
    if decision == Decision.ACCEPT:
        return (
            _("Your contribution to {arrangement} is accepted"),
            _(
                "Hello {navn},\n\nThe programme committee has accepted “{tittel}” for {arrangement}. "
                "We will place it in the programme and tell you the time and room.\n\n"
                "See your contribution: {lenke}\n\nQuestions? Write to {kontakt}.\n"
            ),
        )
    if decision == Decision.WAIT:
        return (
            _("Your contribution to {arrangement}: not decided yet"),
            _(
                "Hello {navn},\n\nThank you for “{tittel}”. The programme committee has put it on hold: "
                "we will come back to you when we know whether there is room in the programme.\n\n"
                "See your contribution: {lenke}\n\nQuestions? Write to {kontakt}.\n"
            ),
        )
    return (
        _("Your contribution to {arrangement}"),
        _(
            "Hello {navn},\n\nThank you for “{tittel}”. The programme committee could not find room for it "
            "in the programme of {arrangement} this time. You are still very welcome as a participant, "
            "and your practice example can still be shared in the example bank.\n\n"
            "See your contribution: {lenke}\n\nQuestions? Write to {kontakt}.\n"
        ),
    )


def decision_template(edition: Edition, decision: str, language: str = "nb") -> tuple[str, str]:
    """The subject and text for a decision: the organisers' own wording, else the default."""
    custom = DecisionTemplate.objects.filter(edition=edition, decision=decision).first()
    if custom is not None:
        return custom.subject, custom.body
    with translation.override(language):
        return default_template(decision)


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS]


def fill(text: str, values: Mapping[str, str]) -> str:
    """Put the values into `{name}` placeholders; anything else in braces is left as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), text)


def placeholder_values(contribution: Contribution, name: str) -> dict[str, str]:
    edition = contribution.edition
    with translation.override(contribution.language):
        link = absolute_url(reverse("mypage:my_page"))
    return {
        "navn": name,
        "tittel": contribution.title,
        "arrangement": edition.name,
        "lenke": link,
        "kontakt": edition.contact_email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
    }


def save_decision_template(*, edition: Edition, decision: str, subject: str, body: str) -> DecisionTemplate:
    """Store the organisers' wording of a decision mail. Side effect: one DecisionTemplate row."""
    template, _created = DecisionTemplate.objects.update_or_create(
        edition=edition, decision=decision, defaults={"subject": subject, "body": body}
    )
    return template


def decide(
    *, contributions: Iterable[Contribution], decision: str, user: User, send_mail: bool = True
) -> list[DecisionRecord]:
    """Accept, hold or reject contributions, one or many at a time, each in its own transaction.

    Contributions that are drafts, withdrawn or confirmed are skipped. Side effects per decided
    contribution: its state, a DecisionRecord and (unless `send_mail` is off) a mail to each
    contributor through the outbox, in the contributor's language, from the edition's template.
    """
    records = []
    for contribution in contributions:
        with transaction.atomic():
            if not set_decided_state(contribution=contribution, state=decision):
                continue
            mail = _send_decision_mail(contribution, decision) if send_mail else None
            records.append(
                DecisionRecord.objects.create(
                    contribution=contribution, decision=decision, decided_by=user, mail=mail
                )
            )
    return records


def _send_decision_mail(contribution: Contribution, decision: str) -> OutboxMail | None:
    subject, body = decision_template(contribution.edition, decision, contribution.language)
    first = None
    for person in contribution.contributors.all():
        values = placeholder_values(contribution, person.name)
        mail = enqueue_mail(
            to=person.email,
            template="decision",
            language=contribution.language,
            context={"subject": fill(subject, values), "body": fill(body, values)},
            reply_to=contribution.edition.contact_email,
        )
        first = first or mail
    return first


# The criteria


def log(*, edition: Edition, by: User | None, what: str) -> AuditEntry:
    """Write one entry to the edition's review audit log. Side effect: one AuditEntry row."""
    return AuditEntry.objects.create(edition=edition, by=by, by_name=AuditEntry.name_of(by), what=what)


def save_criterion(*, criterion: Criterion, by: User) -> Criterion:
    """Add or change a criterion. Once reviewers have scored it, its highest score cannot go below a
    score already given. Side effects: the criterion row and an audit entry."""
    if criterion.pk is not None:
        given = Score.objects.filter(criterion=criterion).aggregate(top=Max("value"))["top"]
        if given is not None and criterion.max_score < given:
            raise ReviewError(
                _("Reviewers have given this criterion %(score)s; its highest score cannot be lower.")
                % {"score": given}
            )
    new = criterion.pk is None
    with transaction.atomic():
        criterion.save()
        what = (_("Criterion added: %(name)s") if new else _("Criterion changed: %(name)s")) % {
            "name": criterion.name
        }
        log(edition=criterion.edition, by=by, what=what)
    return criterion


def delete_criterion(*, criterion: Criterion, by: User) -> None:
    """Delete a criterion nobody has scored yet. Side effects: deletes it, an audit entry."""
    if criterion.scores.exists():
        raise ReviewError(_("Reviewers have scored this criterion; it cannot be deleted. Rename it instead."))
    what = _("Criterion deleted: %(name)s") % {"name": criterion.name}
    with transaction.atomic():
        criterion.delete()
        log(edition=criterion.edition, by=by, what=what)


def suggested_criteria() -> list[tuple[str, str]]:
    """Criteria to start from, in the active language; organisers edit them to their edition."""
    return [
        (_("Relevance for the transition"), _("Does it show a way to lower emissions or adapt?")),
        (_("Transferability"), _("Could other municipalities, businesses or groups do the same?")),
        (_("Concrete and documented"), _("Is it clear what was done, with figures or experiences?")),
        (_("Fits a participant-driven programme"), _("Will it start conversations and involve people?")),
    ]


def add_suggested_criteria(*, edition: Edition, by: User | None = None) -> list[Criterion]:
    """Give an edition without criteria the suggested ones. Side effects: up to four Criterion rows
    and an audit entry."""
    if Criterion.objects.filter(edition=edition).exists():
        return []
    with transaction.atomic():
        added = [
            Criterion.objects.create(edition=edition, name=name, description=description, position=position)
            for position, (name, description) in enumerate(suggested_criteria(), start=1)
        ]
        log(
            edition=edition,
            by=by,
            what=_("Suggested criteria added: %(names)s") % {"names": ", ".join(c.name for c in added)},
        )
    return added
