"""The award services: setting up, nominating, eligibility, the jury, the shortlist, the vote and the result."""

import datetime
import re
import uuid

import pytest
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from gronnpraksis.accounts.models import User
from gronnpraksis.awards import results, scoring, services, voting
from gronnpraksis.awards.models import (
    AuditAction,
    AuditEntry,
    AwardRound,
    Eligibility,
    JuryScore,
    Mode,
    Nomination,
    Prize,
    PrizeKind,
    Stage,
    UsedBallot,
    Vote,
)
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations.models import Registration, Status
from gronnpraksis.registrations.services import cancel_registration
from tests.awards import (
    DAY,
    HOUR,
    close_nominations,
    finalists,
    juror,
    make_round,
    nominate,
    nomination_data,
    open_voting,
    published_example,
    score_all,
    vote,
)
from tests.factories import register_person


def refusal(message: str, **params) -> str:
    """A pattern for pytest.raises(match=...): the whole message as the active language words it."""
    worded = gettext(message)
    return "^" + re.escape(worded % params if params else worded) + "$"


pytestmark = pytest.mark.django_db


@pytest.fixture
def award(edition, organiser):
    return make_round(edition, organiser)


# --- Setting up ----------------------------------------------------------------------------------


def test_a_round_starts_with_the_four_criteria_of_2022_and_dates_that_fit(edition, organiser):
    award = services.set_up_round(edition=edition, mode=Mode.BOTH, by=organiser)

    assert [c.name for c in award.criteria.all()] == [
        "Samarbeid og entusiasme",
        "Reduserte klimagassutslipp",
        "Bred måloppnåelse",
        "Ringvirkninger",
    ]
    assert award.shortlist_size == 10
    assert award.voting_opens_at is not None and award.voting_closes_at is not None
    assert (
        award.nominations_open_at
        < award.nominations_close_at
        < award.voting_opens_at
        < award.voting_closes_at
    )
    assert award.voting_opens_at.date() == edition.starts_on
    assert award.stage() == Stage.NOMINATION
    assert award.prize_kinds == [PrizeKind.JURY, PrizeKind.PEOPLE]
    assert services.set_up_round(edition=edition, by=organiser) == award  # twice: the same round
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [AuditAction.SET_UP]


def test_changed_settings_are_logged_with_old_and_new_values(award, organiser):
    services.update_round(award=award, changes={"shortlist_size": 8, "mode": Mode.VOTE}, by=organiser)

    entry = AuditEntry.objects.get(action=AuditAction.SETTINGS)
    assert entry.what == f"{gettext('finalists on the shortlist')}: 10 → 8"
    assert entry.by == organiser


def test_the_mode_cannot_change_after_the_shortlist_is_published(award, organiser):
    finalists(award, organiser, count=1)

    with pytest.raises(services.AwardError):
        services.update_round(award=award, changes={"mode": Mode.JURY}, by=organiser)


def test_a_criterion_with_answers_cannot_be_deleted(award, organiser):
    nominate(award)
    criterion = award.criteria.first()

    with pytest.raises(services.AwardError):
        services.delete_criterion(criterion=criterion, by=organiser)


# --- Nominations ----------------------------------------------------------------------------------


def test_a_new_project_becomes_a_draft_example_with_the_answers_and_a_receipt(award):
    nomination = nominate(award, title="Solceller på skoletak")

    example = nomination.example
    assert (example.title, example.state, example.contact_email) == (
        "Solceller på skoletak",
        ModerationState.DRAFT,
        "sol.veig@example.no",
    )
    assert nomination.is_new_project
    assert [a.text for a in nomination.answers.all()] == [f"Svar på {c.name}" for c in award.criteria.all()]
    receipt = OutboxMail.objects.get(template="award_nomination_received")
    assert receipt.to == "nora@example.no"
    assert "Solceller på skoletak" in receipt.subject + receipt.body_text
    assert not OutboxMail.objects.filter(template="award_nominee_notice").exists()  # only once eligible


def test_an_existing_example_must_be_published(award):
    draft = Example.objects.create(title="Utkast", summary="Ikke publisert")

    with pytest.raises(services.AwardError):
        nominate(award, example=draft)
    assert nominate(award, example=published_example()).example.title == "Matsvinn til matglede"


def test_a_double_submit_lands_on_the_first_nomination(award):
    key = uuid.uuid4()
    first = services.submit_nomination(award=award, data=nomination_data(award), idempotency_key=key)
    second = services.submit_nomination(award=award, data=nomination_data(award), idempotency_key=key)

    assert first == second
    assert Nomination.objects.count() == Example.objects.count() == 1


def test_nominations_are_refused_outside_the_nomination_phase(award):
    close_nominations(award)

    with pytest.raises(
        services.AwardError, match=refusal("Nominations for %(round)s are closed.", round=award.name)
    ):
        nominate(award)
    assert not Example.objects.exists()


# --- Eligibility -----------------------------------------------------------------------------------


def test_not_eligible_needs_a_reason_and_is_logged(award, organiser):
    nomination = nominate(award)

    with pytest.raises(services.AwardError):
        services.set_eligibility(nomination=nomination, eligible=False, reason=" ", by=organiser)
    services.set_eligibility(
        nomination=nomination, eligible=False, reason="Ikke gjennomført ennå", by=organiser
    )

    entry = AuditEntry.objects.get(action=AuditAction.ELIGIBILITY)
    assert (entry.why, entry.by) == ("Ikke gjennomført ennå", organiser)
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.filter(pk=nomination.pk).update(eligibility_reason="")


def test_eligible_sends_the_nominee_notice_once(award, organiser):
    nomination = nominate(award)

    services.set_eligibility(nomination=nomination, eligible=True, reason="", by=organiser)
    services.set_eligibility(nomination=nomination, eligible=False, reason="Feil", by=organiser)
    services.set_eligibility(nomination=nomination, eligible=True, reason="", by=organiser)

    notices = OutboxMail.objects.filter(template="award_nominee_notice")
    assert list(notices.values_list("to", flat=True)) == ["sol.veig@example.no"]


def test_no_nominee_notice_for_a_self_nomination(award, organiser):
    nomination = nominate(award, is_self_nomination=True)
    services.set_eligibility(nomination=nomination, eligible=True, reason="", by=organiser)

    assert not OutboxMail.objects.filter(template="award_nominee_notice").exists()


def test_a_project_is_an_eligible_nominee_once(award, organiser):
    example = published_example()
    first, second = nominate(award, example=example), nominate(award, example=example)
    services.set_eligibility(nomination=first, eligible=True, reason="", by=organiser)

    with pytest.raises(services.AwardError, match=str(first.pk)):
        services.set_eligibility(nomination=second, eligible=True, reason="", by=organiser)
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.filter(pk=second.pk).update(eligibility=Eligibility.ELIGIBLE)


# --- The jury ------------------------------------------------------------------------------------------


def test_jury_scores_rank_with_spread_and_conflicts_leave_no_trace(award, organiser, edition):
    one, two = nominate(award, title="En"), nominate(award, title="To")
    for n in (one, two):
        services.set_eligibility(nomination=n, eligible=True, reason="", by=organiser)
    anne, bo, cato = (juror(edition, f"{name}@example.no") for name in ("anne", "bo", "cato"))
    score_all(one, anne, 5)
    score_all(one, bo, 3)
    score_all(two, anne, 2)
    score_all(two, cato, 4)
    scoring.declare_conflict(nomination=two, juror=cato, reason="Min kommune")

    rows = scoring.jury_ranking(scoring.with_assessments(Nomination.objects.eligible()))
    assert [(r.nomination.title, r.mean, r.lowest, r.highest, r.jurors) for r in rows] == [
        ("En", 16.0, 12, 20, 2),
        ("To", 8.0, 8, 8, 1),
    ]
    assert not JuryScore.objects.filter(assessment__juror=cato).exists()
    assert list(scoring.nominations_for_juror(award, cato)) == [one]
    with pytest.raises(services.AwardError):
        score_all(two, cato, 5)


def test_a_juror_sees_the_ranking_only_after_scoring_everything(award, organiser, edition):
    one, two = nominate(award, title="En"), nominate(award, title="To")
    for n in (one, two):
        services.set_eligibility(nomination=n, eligible=True, reason="", by=organiser)
    anne = juror(edition, "anne@example.no")

    assert not scoring.can_see_jury_ranking(award, anne)
    score_all(one, anne, 3)
    assert not scoring.can_see_jury_ranking(award, anne)
    scoring.declare_conflict(nomination=two, juror=anne, reason="Nabo")
    assert scoring.can_see_jury_ranking(award, anne)


def test_scores_must_be_within_the_scale_and_are_final_with_the_shortlist(award, organiser, edition):
    nomination = nominate(award)
    services.set_eligibility(nomination=nomination, eligible=True, reason="", by=organiser)
    anne = juror(edition, "anne@example.no")

    with pytest.raises(services.AwardError):
        score_all(nomination, anne, 6)
    close_nominations(award)
    results.publish_shortlist(award=award, nominations=[nomination], by=organiser)
    nomination.round.refresh_from_db()
    with pytest.raises(
        services.AwardError, match=refusal("The shortlist is published; the jury's scores are final.")
    ):
        score_all(nomination, anne, 3)


# --- Shortlist ------------------------------------------------------------------------------------------


def test_the_shortlist_suggests_the_jury_top_and_publishes_once(award, organiser, edition):
    nominations = [nominate(award, title=f"P{n}") for n in range(12)]
    for n in nominations:
        services.set_eligibility(nomination=n, eligible=True, reason="", by=organiser)
    anne = juror(edition, "anne@example.no")
    for value, n in zip([1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 5, 5], nominations, strict=True):
        score_all(n, anne, value)

    suggested = results.suggested_shortlist(award)
    assert len(suggested) == 10
    assert {n.title for n in suggested[:4]} == {"P4", "P9", "P10", "P11"}

    with pytest.raises(
        services.AwardError, match=refusal("The shortlist can be published when nominations have closed.")
    ):
        results.publish_shortlist(award=award, nominations=suggested, by=organiser)
    close_nominations(award)
    with pytest.raises(services.AwardError):
        results.publish_shortlist(award=award, nominations=nominations, by=organiser)  # 12 > 10
    results.publish_shortlist(award=award, nominations=suggested, by=organiser)
    with pytest.raises(services.AwardError, match=refusal("The shortlist is already published.")):
        results.publish_shortlist(award=award, nominations=suggested, by=organiser)
    assert Nomination.objects.shortlisted().count() == 10
    assert award.stage() == Stage.SHORTLIST


# --- The vote -----------------------------------------------------------------------------------------------


@pytest.fixture
def voting_round(award, organiser):
    nominations = finalists(award, organiser, count=3)
    award = open_voting(award)
    return award, nominations


def test_a_second_vote_replaces_the_first(voting_round, participant):
    award, (one, two, _three) = voting_round

    vote(award, participant, one)
    vote(award, participant, two)
    vote(award, participant, two)

    assert list(Vote.objects.values_list("registration", "nomination")) == [(participant.pk, two.pk)]
    award = AwardRound.objects.get(pk=award.pk)
    AwardRound.objects.filter(pk=award.pk).update(vote_closed_at=timezone.now())
    award.refresh_from_db()
    assert voting.vote_counts(award) == {two.pk: 1}


def test_the_database_refuses_a_second_vote_row(voting_round, participant):
    award, (one, two, _three) = voting_round
    vote(award, participant, one)

    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(round=award, registration=participant, nomination=two)


def test_counts_are_refused_while_the_vote_is_open(voting_round, participant):
    award, (one, _two, _three) = voting_round
    vote(award, participant, one)

    with pytest.raises(services.AwardError):
        voting.vote_counts(award)
    with pytest.raises(services.AwardError):
        results.computed_winner(award, PrizeKind.PEOPLE)


@pytest.mark.parametrize(
    ("move", "code"),
    [
        (
            lambda a: a.__class__.objects.filter(pk=a.pk).update(voting_opens_at=timezone.now() + HOUR),
            "not_open",
        ),
        (
            lambda a: a.__class__.objects.filter(pk=a.pk).update(
                voting_closes_at=timezone.now() - HOUR, voting_opens_at=timezone.now() - DAY
            ),
            "closed",
        ),
        (lambda a: a.__class__.objects.filter(pk=a.pk).update(vote_closed_at=timezone.now()), "closed"),
    ],
    ids=["before", "after", "closed by an organiser"],
)
def test_votes_outside_the_window_are_refused(voting_round, participant, move, code):
    award, (one, _two, _three) = voting_round
    ballot = voting.make_ballot(award, participant)
    move(award)

    with pytest.raises(voting.VoteError) as refused:
        voting.cast_vote(award=award, registration=participant, nomination=one, ballot=ballot)
    assert refused.value.code == code
    assert not Vote.objects.exists() and not UsedBallot.objects.exists()


def test_waitlisted_cancelled_and_unchecked_participants_cannot_vote(voting_round, edition, participant):
    award, (one, _two, _three) = voting_round
    cancelled = register_person(edition, email="avmeldt@example.no")
    cancel_registration(registration=cancelled)  # first: a cancellation promotes the waitlist
    waiting = register_person(edition, email="vente@example.no")
    waiting.status = Status.WAITLISTED
    waiting.waitlisted_at = timezone.now()
    waiting.save()

    for person, message in [
        (waiting, "You are on the waitlist. Only participants with a confirmed place can vote."),
        (cancelled, "Your registration is cancelled, so you cannot vote."),
    ]:
        with pytest.raises(voting.VoteError, match=refusal(message)):
            vote(award, person, one)
    AwardRound.objects.filter(pk=award.pk).update(voters_must_check_in=True)
    award.refresh_from_db()
    with pytest.raises(
        voting.VoteError,
        match=refusal(
            "Only participants who have checked in can vote. Check in at the registration desk first."
        ),
    ):
        vote(award, participant, one)
    participant.checked_in_at = timezone.now()
    participant.save()
    vote(award, participant, one)
    assert Vote.objects.count() == 1


def test_a_registration_of_another_edition_cannot_vote(voting_round, organiser):
    from tests.factories import EditionFactory

    award, (one, _two, _three) = voting_round
    stranger = register_person(EditionFactory(), email="fremmed@example.no")

    with pytest.raises(voting.VoteError) as refused:
        vote(award, stranger, one)
    assert refused.value.code == "not_eligible"


def test_forged_expired_and_reused_ballots_are_refused(voting_round, participant, outsider):
    award, (one, two, _three) = voting_round
    ballot = voting.make_ballot(award, participant)

    def refused(ballot, registration=participant):
        with pytest.raises(voting.VoteError) as error:
            voting.cast_vote(award=award, registration=registration, nomination=one, ballot=ballot)
        return error.value.code

    assert refused("garbage") == "forged"
    assert refused(ballot[:-2] + "xx") == "forged"
    assert refused(ballot, registration=outsider) == "forged"  # issued to someone else
    assert refused("x" * 5000) == "forged"
    old = signing.dumps({"r": award.pk, "v": participant.pk, "n": "a" * 32}, salt=voting.BALLOT_SALT)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(voting, "BALLOT_MAX_AGE", -1)
        assert refused(old) == "expired"
    voting.cast_vote(award=award, registration=participant, nomination=two, ballot=ballot)
    assert refused(ballot) == "reused"
    assert list(Vote.objects.values_list("nomination", flat=True)) == [two.pk]


def test_only_finalists_can_be_voted_for(voting_round, award, participant):
    award, _finalists = voting_round
    late = Nomination.objects.create(
        round=award,
        example=published_example("Sen"),
        summary="-",
        nominator_name="X",
        nominator_email="x@example.no",
    )

    with pytest.raises(voting.VoteError) as refused:
        vote(award, participant, late)
    assert refused.value.code == "not_finalist"


def test_a_logged_in_voter_is_found_by_the_proved_address(voting_round, edition, participant):
    from tests.factories import UserFactory

    award, _finalists = voting_round
    # A cancelled registration of the same address, made after the one that counts (an address has
    # only one registration that is not cancelled, so this one is written directly).
    cancelled = Registration.objects.get(pk=participant.pk)
    cancelled.pk = None
    cancelled.manage_token = "cancelled-registration-of-the-same-address"
    cancelled.vote_token = "cancelled-registration-vote-token"
    cancelled.calendar_token = "cancelled-registration-calendar-token"
    cancelled.idempotency_key = None
    cancelled.status = Status.CANCELLED
    cancelled.save(force_insert=True)

    unproven = User.objects.get(email__iexact="kari.nordmann@example.no")  # made by the registration
    assert voting.voter_registration_for_user(award, unproven) is None
    kari = UserFactory(email="kari.nordmann@example.no")  # she has logged in with a code
    kari.email = "KARI.Nordmann@example.no"
    assert voting.voter_registration_for_user(award, kari) == participant
    assert voting.voter_registration_for_user(award, UserFactory(email="ukjent@example.no")) is None


def test_closing_the_vote_is_logged_and_then_counts_are_shown(voting_round, organiser, participant, outsider):
    award, (one, _two, _three) = voting_round
    vote(award, participant, one)
    vote(award, outsider, one)

    voting.close_vote(award=award, by=organiser)

    assert voting.vote_counts(award) == {one.pk: 2}
    assert award.stage() == Stage.RESULT
    assert AuditEntry.objects.filter(action=AuditAction.VOTE_CLOSED, by=organiser).exists()
    with pytest.raises(services.AwardError):
        voting.close_vote(award=award, by=organiser)


# --- The result ---------------------------------------------------------------------------------------


def test_the_computed_winner_needs_no_reason_and_an_override_does(
    voting_round, organiser, participant, outsider
):
    award, (one, two, _three) = voting_round
    vote(award, participant, one)
    vote(award, outsider, one)
    voting.close_vote(award=award, by=organiser)

    prize = results.record_prize(
        award=award, kind=PrizeKind.PEOPLE, nomination=one, citation="Fordi.", reason="", by=organiser
    )
    assert (prize.computed_nomination, prize.is_override) == (one, False)
    with pytest.raises(results.ReasonNeeded, match="Prosjekt 1"):
        results.record_prize(
            award=award, kind=PrizeKind.PEOPLE, nomination=two, citation="Fordi.", reason="", by=organiser
        )
    results.record_prize(
        award=award,
        kind=PrizeKind.PEOPLE,
        nomination=two,
        citation="Fordi.",
        reason="Vinneren trakk seg",
        by=organiser,
    )

    entry = AuditEntry.objects.filter(action=AuditAction.OVERRIDE).get()
    assert (entry.by_name, entry.why) == (organiser.name, "Vinneren trakk seg")
    assert "Prosjekt 2" in entry.what and "Prosjekt 1" in entry.what
    with pytest.raises(IntegrityError), transaction.atomic():
        Prize.objects.filter(round=award).update(override_reason="")


def test_a_tie_has_no_computed_winner(voting_round, organiser, participant, outsider):
    award, (one, two, _three) = voting_round
    vote(award, participant, one)
    vote(award, outsider, two)
    voting.close_vote(award=award, by=organiser)

    computed, leaders = results.computed_winner(award, PrizeKind.PEOPLE)
    assert (computed, set(leaders)) == (None, {one, two})
    with pytest.raises(results.ReasonNeeded):
        results.record_prize(
            award=award, kind=PrizeKind.PEOPLE, nomination=one, citation="C", reason="", by=organiser
        )


def test_the_result_is_published_when_every_prize_is_recorded(edition, organiser, participant):
    award = make_round(edition, organiser, mode=Mode.BOTH)
    one, two = finalists(award, organiser, count=2)
    anne = juror(edition, "anne@example.no")
    award = open_voting(award)
    with pytest.raises(services.AwardError):
        score_all(one, anne, 5)  # the jury scores before the shortlist; here nobody did
    assert results.computed_winner(award, PrizeKind.JURY) == (None, [])
    vote(award, participant, two)

    with pytest.raises(services.AwardError, match=refusal("Close the vote first.")):
        results.publish_result(award=award, by=organiser)
    voting.close_vote(award=award, by=organiser)
    results.record_prize(
        award=award, kind=PrizeKind.PEOPLE, nomination=two, citation="Folket", reason="", by=organiser
    )
    with pytest.raises(
        services.AwardError,
        match=refusal("Record the winner first: %(prizes)s.", prizes=str(PrizeKind.JURY.label)),
    ):
        results.publish_result(award=award, by=organiser)
    results.record_prize(
        award=award,
        kind=PrizeKind.JURY,
        nomination=one,
        citation="Juryen",
        reason="Juryen møttes",
        by=organiser,
    )
    results.publish_result(award=award, by=organiser)

    assert [(p.kind, p.nomination) for p in results.published_prizes(award)] == [
        (PrizeKind.JURY, one),
        (PrizeKind.PEOPLE, two),
    ]
    with pytest.raises(services.AwardError):
        results.record_prize(
            award=award, kind=PrizeKind.JURY, nomination=two, citation="x", reason="y", by=organiser
        )
    assert award.stage() == Stage.RESULT


def test_a_jury_round_has_no_vote(edition, organiser, participant):
    award = make_round(edition, organiser, mode=Mode.JURY)
    (one,) = finalists(award, organiser, count=1)
    award.refresh_from_db()

    with pytest.raises(voting.VoteError) as refused:
        vote(award, participant, one)
    assert refused.value.code == "not_open"
    assert award.stage() == Stage.SHORTLIST


def test_the_stage_follows_the_dates(award):
    now = timezone.now()
    assert award.stage(now - 2 * DAY) == Stage.UPCOMING
    assert award.stage(now) == Stage.NOMINATION
    assert award.stage(now + 11 * DAY) == Stage.ASSESSMENT
    assert isinstance(award.voting_opens_at, datetime.datetime)


def test_a_shortlist_of_one_is_counted_in_the_singular(award, organiser):
    from django.utils import translation
    from django.utils.translation import ngettext

    one, two = nominate(award, title="En"), nominate(award, title="To")
    for n in (one, two):
        services.set_eligibility(nomination=n, eligible=True, reason="", by=organiser)
    award.shortlist_size = 1
    award.save(update_fields=["shortlist_size"])
    close_nominations(award)

    with translation.override("nb"), pytest.raises(services.AwardError) as refused:
        results.publish_shortlist(award=award, nominations=[one, two], by=organiser)
    with translation.override("nb"):
        singular = ngettext("Choose at most %(size)s finalist.", "Choose at most %(size)s finalists.", 1) % {
            "size": 1
        }

    assert str(refused.value) == singular
