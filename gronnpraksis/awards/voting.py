"""The participants' vote: who may vote, ballots, the race-free upsert, closing and counting.

- A voter is a registration of the edition that is confirmed (and checked in, when the round asks
  for it), proved by its manage-link token or by a one-time code login with its e-mail address.
- Each vote form carries a signed, one-time *ballot* (round, registration, a random number). A form
  that is sent again is refused (`UsedBallot`), a forged or altered one too.
- The vote is one statement, `INSERT … ON CONFLICT (round, registration) DO UPDATE`, on SQLite and
  PostgreSQL alike: a second vote replaces the first, never adds, however many arrive at once.
- Closing the vote takes the round row's lock; a vote holds a shared lock on the same row while it
  is written (PostgreSQL `FOR SHARE`; SQLite's IMMEDIATE transactions serialise anyway), so no vote
  lands after the close.
- A vote counts only while its registration could cast it: `counted_votes` takes the votes whose
  registration is confirmed at the time of counting (and checked in, when the round asks for it). A
  cancelled registration's vote therefore stops counting the moment it is cancelled, by whatever path;
  its row stays so that organisers see how many votes were left out and why (`uncounted_votes`).
  Registrations never import awards: the rule lives here, where the votes are counted.
- The counts are read only through `vote_counts`, which refuses while the vote is open.
"""

import secrets

from django.core import signing
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import proven_email
from gronnpraksis.core.dates import format_when
from gronnpraksis.editions.models import Edition
from gronnpraksis.registrations.models import Registration, Status
from gronnpraksis.registrations.permissions import is_well_formed_token

from .models import AuditAction, AwardRound, Nomination, UsedBallot, Vote
from .services import AwardError, log

BALLOT_SALT = "gronnpraksis.awards.ballot"
BALLOT_MAX_AGE = 12 * 60 * 60  # a vote page left open longer must be opened again


class VoteError(AwardError):
    """A vote was refused. `code` says why: closed, not_open, not_eligible, not_finalist, forged,
    expired or reused."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def voting_refusal(award: AwardRound, registration: Registration) -> VoteError | None:
    """Why this registration cannot vote now, or None if it can."""
    if not award.has_vote:
        return VoteError(_("The jury chooses the winner this year; there is no vote."), "not_open")
    tz = award.edition.tz
    if award.vote_closed():
        when = award.vote_closed_at or award.voting_closes_at or award.result_published_at
        return VoteError(
            _("The vote closed %(when)s.") % {"when": format_when(timezone.localtime(when, tz), "datetime")},
            "closed",
        )
    if not award.voting_open():
        if award.shortlist_published_at is not None and award.voting_opens_at is not None:
            return VoteError(
                _("The vote opens %(when)s.")
                % {"when": format_when(timezone.localtime(award.voting_opens_at, tz), "datetime")},
                "not_open",
            )
        return VoteError(_("The vote is not open yet."), "not_open")
    return eligibility_refusal(award, registration)


def eligibility_refusal(award: AwardRound, registration: Registration) -> VoteError | None:
    if registration.edition_id != award.edition_id:
        return VoteError(_("This registration is for another edition."), "not_eligible")
    if registration.status == Status.WAITLISTED:
        return VoteError(
            _("You are on the waitlist. Only participants with a confirmed place can vote."), "not_eligible"
        )
    if registration.status == Status.CANCELLED:
        return VoteError(_("Your registration is cancelled, so you cannot vote."), "not_eligible")
    if award.voters_must_check_in and registration.checked_in_at is None:
        return VoteError(
            _("Only participants who have checked in can vote. Check in at the registration desk first."),
            "not_eligible",
        )
    return None


def registration_for_vote_token(edition: Edition, token: str) -> Registration | None:
    """The registration whose vote link this is, or None. The vote token opens the vote only: the
    manage page takes the other token (`Registration.manage_token`), which is no vote link."""
    if not is_well_formed_token(token):
        return None
    return (
        Registration.objects.select_related("edition", "ticket_type", "municipality")
        .filter(edition=edition, vote_token=token)
        .first()
    )


def voter_registration_for_user(award: AwardRound, user: User) -> Registration | None:
    """The registration a logged-in person votes with: found by the e-mail address their one-time code
    proved (as on "Min side"). One that may vote is preferred over one that may not."""
    email = proven_email(user)
    if email is None:
        return None
    candidates = list(
        Registration.objects.for_email(email).filter(edition=award.edition_id).order_by("created_at", "id")
    )
    for registration in candidates:
        if eligibility_refusal(award, registration) is None:
            return registration
    return candidates[0] if candidates else None


def make_ballot(award: AwardRound, registration: Registration) -> str:
    """A signed one-time ballot for this voter in this round."""
    return signing.dumps(
        {"r": award.pk, "v": registration.pk, "n": secrets.token_hex(16)}, salt=BALLOT_SALT, compress=False
    )


def read_ballot(award: AwardRound, registration: Registration, ballot: str) -> str:
    """The ballot's one-time number if it is genuine, recent and issued to this voter in this round."""
    if not ballot or len(ballot) > 1000:
        raise VoteError(_("The vote form is not valid. Open the vote page again and vote."), "forged")
    try:
        data = signing.loads(ballot, salt=BALLOT_SALT, max_age=BALLOT_MAX_AGE)
    except signing.SignatureExpired:
        raise VoteError(
            _("The vote form is too old. Open the vote page again and vote."), "expired"
        ) from None
    except (signing.BadSignature, ValueError, TypeError):
        raise VoteError(
            _("The vote form is not valid. Open the vote page again and vote."), "forged"
        ) from None
    if (
        not isinstance(data, dict)
        or data.get("r") != award.pk
        or data.get("v") != registration.pk
        or not isinstance(data.get("n"), str)
        or len(data["n"]) != 32
    ):
        raise VoteError(_("The vote form is not valid. Open the vote page again and vote."), "forged")
    return data["n"]


def cast_vote(*, award: AwardRound, registration: Registration, nomination: Nomination, ballot: str) -> Vote:
    """Vote, or change the vote: one row per voter, written with an upsert in one statement.

    Refused (VoteError) outside the voting window, for registrations that may not vote, for a
    nomination that is not a finalist, and for a forged, expired or already used ballot.
    Side effects: the Vote row (inserted or replaced) and the ballot marked as used.
    """
    nonce = read_ballot(award, registration, ballot)
    with transaction.atomic():
        award = _round_locked_for_voting(award.pk)
        registration = Registration.objects.get(pk=registration.pk)
        refusal = voting_refusal(award, registration)
        if refusal is not None:
            raise refusal
        if (
            nomination.round_id != award.pk
            or not Nomination.objects.filter(pk=nomination.pk, on_shortlist=True).exists()
        ):
            raise VoteError(_("Choose one of the finalists."), "not_finalist")
        try:
            with transaction.atomic():
                UsedBallot.objects.create(nonce=nonce, round=award)
        except IntegrityError:
            raise VoteError(
                _(
                    "This vote form has already been sent, and your vote is counted. To change it, choose again below."
                ),
                "reused",
            ) from None
        now = timezone.now()
        Vote.objects.bulk_create(
            [
                Vote(
                    round=award,
                    registration=registration,
                    nomination=nomination,
                    created_at=now,
                    updated_at=now,
                )
            ],
            update_conflicts=True,
            unique_fields=["round", "registration"],
            update_fields=["nomination", "updated_at"],
        )
    return Vote.objects.get(round=award, registration=registration)


def _round_locked_for_voting(pk: int) -> AwardRound:
    """The round, read so that closing the vote waits for this vote's transaction (see the module)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {AwardRound._meta.db_table} WHERE id = %s FOR SHARE", [pk])  # noqa: S608 - the table name is ours
    return AwardRound.objects.select_related("edition").get(pk=pk)


def current_vote(award: AwardRound, registration: Registration) -> Vote | None:
    """The voter's own vote (shown to them only)."""
    return (
        Vote.objects.filter(round=award, registration=registration)
        .select_related("nomination__example")
        .first()
    )


@transaction.atomic
def close_vote(*, award: AwardRound, by: User) -> AwardRound:
    """Close the vote now; waits for votes being written. Side effects: `vote_closed_at`, a log entry."""
    if not award.voting_open():
        raise AwardError(_("The vote is not open."))
    now = timezone.now()
    if not AwardRound.objects.filter(pk=award.pk, vote_closed_at__isnull=True).update(vote_closed_at=now):
        raise AwardError(_("The vote is already closed."))
    award.vote_closed_at = now
    log(round=award, by=by, action=AuditAction.VOTE_CLOSED, what=award.name)
    return award


def counting_rule(award: AwardRound) -> Q:
    """Which votes count, as a condition on `Vote`: the registration is confirmed now, and checked in
    when the round requires it. The one rule for the count, the winner and the organisers' checks."""
    rule = Q(registration__status=Status.CONFIRMED, registration__edition=award.edition_id)
    if award.voters_must_check_in:
        rule &= Q(registration__checked_in_at__isnull=False)
    return rule


def counted_votes(award: AwardRound) -> QuerySet[Vote]:
    return Vote.objects.filter(counting_rule(award), round=award)


def uncounted_votes(award: AwardRound) -> dict[str, int]:
    """How many votes are left out of the count, by reason: "cancelled", "waitlisted" or
    "not_checked_in". For the organisers once the vote has closed."""
    if not award.vote_closed():
        raise AwardError(_("The votes are counted when the vote has closed."))
    left_out = Vote.objects.filter(round=award).exclude(counting_rule(award))
    reasons = {"cancelled": 0, "waitlisted": 0, "not_checked_in": 0}
    for status, checked_in in left_out.values_list("registration__status", "registration__checked_in_at"):
        if status == Status.CANCELLED:
            reasons["cancelled"] += 1
        elif status == Status.WAITLISTED:
            reasons["waitlisted"] += 1
        elif checked_in is None:
            reasons["not_checked_in"] += 1
    return reasons


def vote_counts(award: AwardRound) -> dict[int, int]:
    """Counted votes per nomination (`counting_rule`), only once the vote has closed: while it runs
    nobody sees a count, organisers included."""
    if not award.vote_closed():
        raise AwardError(_("The votes are counted when the vote has closed."))
    return dict(counted_votes(award).values_list("nomination").annotate(n=Count("id")).order_by())
