"""The review services: reviews and conflicts, the ranking, decisions with their mails, the team."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import record_proven_email
from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.contributions.services import withdraw_contribution
from gronnpraksis.editions.models import Edition, TeamRole
from gronnpraksis.editions.services import add_team_member
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.reviews import services
from gronnpraksis.reviews.models import AuditEntry, Criterion, DecisionRecord, Review, Score
from tests.factories import EditionFactory, submit_contribution


def member(edition, email, *, role=TeamRole.REVIEWER, by=None):
    """A team member added through the service (which also mails them), who has logged in with the
    code sent to the address (so the address is proven)."""
    user = add_team_member(
        edition=edition, email=email, name=email.split("@")[0].title(), role=role, added_by=by
    ).user
    record_proven_email(user=user, email=user.email)
    return user


def criteria(edition, *maxima):
    return [
        Criterion.objects.create(edition=edition, name=f"Kriterium {n}", max_score=top, position=n)
        for n, top in enumerate(maxima, start=1)
    ]


def reviewed(contribution, reviewer, by, *values, comment=""):
    """A submitted review with `values` in the order of the edition's criteria."""
    review = services.assign_reviewer(contribution=contribution, reviewer=reviewer, assigned_by=by)
    edition_criteria = Criterion.objects.filter(edition=contribution.edition)
    return services.submit_review(
        review=review,
        scores={c.pk: v for c, v in zip(edition_criteria, values, strict=True)},
        comment=comment,
    )


def decision_mails():
    return OutboxMail.objects.filter(template="decision").order_by("to")


@pytest.fixture
def reviewer(edition, organiser):
    return member(edition, "vera.vurderer@example.no", by=organiser)


@pytest.fixture
def contribution(edition):
    return submit_contribution(edition, co_contributors=[("Per Hansen", "per.hansen@example.no")])


# Reviews and conflicts


@pytest.mark.django_db
def test_submit_review_stores_a_score_per_criterion_and_the_comment(
    edition: Edition, organiser: User, reviewer: User, contribution: Contribution
) -> None:
    relevance, transfer = criteria(edition, 5, 10)
    review = services.assign_reviewer(contribution=contribution, reviewer=reviewer, assigned_by=organiser)

    services.submit_review(review=review, scores={relevance.pk: 4, transfer.pk: 9}, comment="Godt eksempel.")

    review.refresh_from_db()
    assert review.is_submitted and review.comment == "Godt eksempel."
    assert sorted(review.scores.values_list("criterion__name", "value")) == [
        ("Kriterium 1", 4),
        ("Kriterium 2", 9),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "scores", [{"first": 3}, {"first": 0, "second": 3}, {"first": 3, "second": 11}, {"first": 6, "second": 3}]
)
def test_submit_review_refuses_a_missing_or_out_of_range_score(
    edition, organiser, reviewer, contribution, scores
):
    first, second = criteria(edition, 5, 10)
    review = services.assign_reviewer(contribution=contribution, reviewer=reviewer, assigned_by=organiser)
    ids = {"first": first.pk, "second": second.pk}

    with pytest.raises(services.ReviewError):
        services.submit_review(review=review, scores={ids[k]: v for k, v in scores.items()}, comment="x")

    review.refresh_from_db()
    assert review.submitted_at is None and review.comment == ""
    assert not Score.objects.exists()


@pytest.mark.django_db
def test_submit_review_without_criteria_is_refused(edition, organiser, reviewer, contribution):
    review = services.assign_reviewer(contribution=contribution, reviewer=reviewer, assigned_by=organiser)

    with pytest.raises(services.ReviewError):
        services.submit_review(review=review, scores={}, comment="")

    assert Review.objects.get().submitted_at is None


@pytest.mark.django_db
def test_submitting_again_replaces_the_scores(edition, organiser, reviewer, contribution):
    first, second = criteria(edition, 5, 5)
    reviewed(contribution, reviewer, organiser, 1, 2, comment="Første tanke")

    review = Review.objects.get()
    services.submit_review(review=review, scores={first.pk: 5, second.pk: 4}, comment="Etter samtalen")

    assert sorted(Score.objects.values_list("criterion_id", "value")) == [(first.pk, 5), (second.pk, 4)]
    assert Review.objects.get().comment == "Etter samtalen"


@pytest.mark.django_db
def test_declare_conflict_removes_the_scores_and_hides_the_others(edition, organiser, reviewer, contribution):
    criteria(edition, 5)
    reviewed(contribution, reviewer, organiser, 4, comment="Sterkt")

    services.declare_conflict(review=Review.objects.get(), reason="Jeg jobber i samme kommune")

    review = Review.objects.get()
    assert review.conflict_of_interest and review.conflict_reason == "Jeg jobber i samme kommune"
    assert review.comment == "" and not Score.objects.exists()
    assert not services.can_see_others_reviews(reviewer, contribution, TeamRole.REVIEWER)
    assert services.can_see_others_reviews(organiser, contribution, TeamRole.ORGANISER)


@pytest.mark.django_db
def test_a_declared_conflict_cannot_be_turned_into_scores(edition, organiser, reviewer, contribution):
    (only,) = criteria(edition, 5)
    review = services.assign_reviewer(contribution=contribution, reviewer=reviewer, assigned_by=organiser)
    services.declare_conflict(review=review, reason="Partner i prosjektet")

    with pytest.raises(services.ReviewError):
        services.submit_review(review=review, scores={only.pk: 5}, comment="Likevel")

    review.refresh_from_db()
    assert review.conflict_of_interest and not Score.objects.exists()
    assert not services.can_see_others_reviews(reviewer, contribution, TeamRole.REVIEWER)


@pytest.mark.django_db
def test_a_reviewer_sees_the_others_only_after_submitting(edition, organiser, reviewer, contribution):
    criteria(edition, 5)
    review = services.assign_reviewer(contribution=contribution, reviewer=reviewer, assigned_by=organiser)

    before = services.can_see_others_reviews(reviewer, contribution, TeamRole.REVIEWER)
    services.submit_review(review=review, scores={Criterion.objects.get().pk: 3}, comment="")

    assert (before, services.can_see_others_reviews(reviewer, contribution, TeamRole.REVIEWER)) == (
        False,
        True,
    )


@pytest.mark.django_db
def test_unassigning_keeps_a_submitted_review(edition, organiser, reviewer, contribution):
    criteria(edition, 5)
    reviewed(contribution, reviewer, organiser, 3)

    with pytest.raises(services.ReviewError):
        services.unassign_reviewer(review=Review.objects.get())

    assert Review.objects.count() == 1


# The ranking


@pytest.mark.django_db
def test_ranking_orders_by_mean_total_with_spread_and_stdev_and_unreviewed_last(edition, organiser):
    criteria(edition, 5, 5)
    anne, bjorn, cecilie = (
        member(edition, f"{name}@example.no", by=organiser) for name in ("anne", "bjorn", "cecilie")
    )
    split = submit_contribution(edition, title="Delte meninger")
    agreed = submit_contribution(edition, title="Enighet")
    waiting = submit_contribution(edition, title="Ikke vurdert ennå")
    conflicted = submit_contribution(edition, title="Alle er inhabile")
    reviewed(split, anne, organiser, 5, 5)  # 10
    reviewed(split, bjorn, organiser, 2, 2)  # 4
    reviewed(split, cecilie, organiser, 4, 3)  # 7
    reviewed(agreed, anne, organiser, 4, 4)  # 8
    reviewed(agreed, bjorn, organiser, 4, 4)  # 8
    services.assign_reviewer(contribution=waiting, reviewer=anne, assigned_by=organiser)
    services.declare_conflict(
        review=services.assign_reviewer(contribution=conflicted, reviewer=anne, assigned_by=organiser),
        reason="Nabo",
    )

    rows = services.ranking(services.with_reviews(Contribution.objects.filter(edition=edition)))

    assert [
        (r.contribution.title, r.mean, r.lowest, r.highest, r.spread, r.reviews, r.assigned) for r in rows
    ] == [
        ("Enighet", 8.0, 8, 8, 0, 2, 2),
        ("Delte meninger", 7.0, 4, 10, 6, 3, 3),
        ("Alle er inhabile", None, None, None, None, 0, 1),
        ("Ikke vurdert ennå", None, None, None, None, 0, 1),
    ]
    assert rows[0].stdev == 0.0
    assert rows[1].stdev == pytest.approx(6**0.5)  # population deviation of 10, 4, 7
    assert rows[2].stdev is None and rows[3].stdev is None


@pytest.mark.django_db
def test_ranking_of_a_single_review_has_no_spread(edition, organiser, reviewer, contribution):
    criteria(edition, 5, 10)
    reviewed(contribution, reviewer, organiser, 3, 7)

    (row,) = services.ranking(services.with_reviews(Contribution.objects.filter(pk=contribution.pk)))

    assert (row.mean, row.spread, row.stdev) == (10.0, 0, 0.0)
    assert services.max_total(edition) == 15


# Decisions and their mails


@pytest.mark.django_db
def test_decide_sets_the_state_records_it_and_mails_each_contributor(edition, organiser, contribution):
    edition.contact_email = "program@gronnpraksis.no"
    edition.save()

    (record,) = services.decide(contributions=[contribution], decision="accepted", user=organiser)

    contribution.refresh_from_db()
    assert contribution.state == State.ACCEPTED
    assert DecisionRecord.objects.get() == record
    assert (record.decision, record.decided_by) == ("accepted", organiser)
    mails = list(decision_mails())
    assert [m.to for m in mails] == ["kari.nordmann@example.no", "per.hansen@example.no"]
    assert record.mail in mails
    with translation.override("nb"):
        subject, body = services.default_template("accepted")
        link = settings.SITE_URL + reverse("mypage:my_page")
    for mail, name in zip(mails, ["Kari Nordmann", "Per Hansen"], strict=True):
        assert mail.subject == subject.replace("{arrangement}", edition.name)
        assert mail.body_text.strip() == (
            body.replace("{navn}", name)
            .replace("{tittel}", "Bildeling i distriktskommuner")
            .replace("{arrangement}", edition.name)
            .replace("{lenke}", link)
            .replace("{kontakt}", "program@gronnpraksis.no")
            .strip()
        )


@pytest.mark.django_db
def test_decision_mail_is_in_the_contributors_language(edition, organiser):
    norsk = submit_contribution(edition, title="Norsk bidrag")
    english = submit_contribution(
        edition, title="English contribution", email="jane@example.com", name="Jane"
    )
    Contribution.objects.filter(pk=english.pk).update(language="en")
    english.refresh_from_db()

    services.decide(contributions=[norsk, english], decision="rejected", user=organiser)

    by_address = {m.to: m for m in decision_mails()}
    with translation.override("en"):
        english_link = reverse("mypage:my_page")
    with translation.override("nb"):
        norwegian_link = reverse("mypage:my_page")
    assert english_link != norwegian_link
    assert english_link in by_address["jane@example.com"].body_text
    assert norwegian_link in by_address["kari.nordmann@example.no"].body_text
    assert english_link not in by_address["kari.nordmann@example.no"].body_text


@pytest.mark.django_db
def test_decision_mail_uses_the_editions_own_wording_and_keeps_unknown_braces(
    edition, organiser, contribution
):
    edition.contact_email = "program@gronnpraksis.no"
    edition.save()
    services.save_decision_template(
        edition=edition,
        decision="accepted",
        subject="Velkommen til {arrangement}, {navn}!",
        body="Hei {navn}! «{tittel}» er med. Se {lenke} eller skriv til {kontakt}. {ukjent} og {} står.",
    )
    services.save_decision_template(
        edition=EditionFactory(), decision="accepted", subject="Feil", body="Feil"
    )

    services.decide(contributions=[contribution], decision="accepted", user=organiser)

    mail = decision_mails().first()
    assert mail.subject == f"Velkommen til {edition.name}, Kari Nordmann!"
    with translation.override("nb"):
        link = reverse("mypage:my_page")
    assert mail.body_text.strip().startswith(
        "Hei Kari Nordmann! «Bildeling i distriktskommuner» er med. Se http"
    )
    assert f"{link} eller skriv til program@gronnpraksis.no." in mail.body_text
    assert "{ukjent} og {} står." in mail.body_text
    assert mail.reply_to == "program@gronnpraksis.no"


@pytest.mark.django_db
def test_decide_without_mail_changes_the_state_only(edition, organiser, contribution):
    (record,) = services.decide(
        contributions=[contribution], decision="waiting", user=organiser, send_mail=False
    )

    assert Contribution.objects.get().state == State.WAITING
    assert record.mail is None
    assert not decision_mails().exists()


@pytest.mark.django_db
def test_bulk_decision_skips_withdrawn_confirmed_and_drafts(edition, organiser):
    open_one = submit_contribution(edition, title="Åpen")
    on_hold = submit_contribution(edition, title="På vent", email="b@example.no", name="B")
    withdrawn = withdraw_contribution(
        contribution=submit_contribution(edition, title="Trukket", email="c@example.no")
    )
    confirmed = submit_contribution(edition, title="Bekreftet", email="d@example.no")
    draft = submit_contribution(edition, title="Utkast", email="e@example.no")
    Contribution.objects.filter(pk=on_hold.pk).update(state=State.WAITING)
    Contribution.objects.filter(pk=confirmed.pk).update(state=State.CONFIRMED)
    Contribution.objects.filter(pk=draft.pk).update(state=State.DRAFT)

    records = services.decide(
        contributions=Contribution.objects.filter(edition=edition).order_by("title"),
        decision="accepted",
        user=organiser,
    )

    assert sorted(r.contribution.title for r in records) == ["På vent", "Åpen"]
    assert dict(Contribution.objects.values_list("title", "state")) == {
        "Åpen": State.ACCEPTED,
        "På vent": State.ACCEPTED,
        "Trukket": State.WITHDRAWN,
        "Bekreftet": State.CONFIRMED,
        "Utkast": State.DRAFT,
    }
    assert [m.to for m in decision_mails()] == ["b@example.no", "kari.nordmann@example.no"]
    assert DecisionRecord.objects.count() == 2
    assert withdrawn.pk not in {r.contribution_id for r in records}
    assert open_one.pk in {r.contribution_id for r in records}


# Assignments and the team


@pytest.mark.django_db
def test_assign_reviewer_refuses_people_outside_the_team(edition, organiser, contribution):
    stranger = member(EditionFactory(), "annen@example.no", by=organiser)

    with pytest.raises(services.ReviewError):
        services.assign_reviewer(contribution=contribution, reviewer=stranger, assigned_by=organiser)
    with pytest.raises(services.ReviewError):  # staff are organisers, but not on this edition's team
        services.assign_reviewer(contribution=contribution, reviewer=organiser, assigned_by=organiser)

    assert not Review.objects.exists()


@pytest.mark.django_db
def test_assign_reviewer_refuses_a_contributor_of_the_contribution(edition, organiser, contribution):
    co_contributor = member(edition, "PER.HANSEN@example.no", by=organiser)

    with pytest.raises(services.ReviewError):
        services.assign_reviewer(contribution=contribution, reviewer=co_contributor, assigned_by=organiser)

    assert not Review.objects.exists()


@pytest.mark.django_db
def test_assigning_twice_gives_one_assignment(edition, organiser, reviewer, contribution):
    first = services.assign_reviewer(contribution=contribution, reviewer=reviewer, assigned_by=organiser)
    second = services.assign_reviewer(contribution=contribution, reviewer=reviewer, assigned_by=organiser)

    assert first == second and Review.objects.count() == 1
    assert first.assigned_by == organiser and first.submitted_at is None


@pytest.mark.django_db
def test_a_scored_criterion_is_not_deleted_and_an_unscored_one_is_with_an_audit_entry(
    edition: Edition, organiser: User, reviewer: User, contribution: Contribution
) -> None:
    scored, unscored = criteria(edition, 5, 5)
    review = services.assign_reviewer(contribution=contribution, reviewer=reviewer, assigned_by=organiser)
    services.submit_review(review=review, scores={scored.pk: 3, unscored.pk: 4}, comment="")
    Score.objects.filter(criterion=unscored).delete()

    with pytest.raises(services.ReviewError):
        services.delete_criterion(criterion=scored, by=organiser)
    services.delete_criterion(criterion=unscored, by=organiser)

    assert list(Criterion.objects.filter(edition=edition)) == [scored]
    assert list(AuditEntry.objects.values_list("edition", "by", "what")) == [
        (edition.pk, organiser.pk, gettext("Criterion deleted: %(name)s") % {"name": unscored.name})
    ]


@pytest.mark.django_db
def test_a_criterion_s_highest_score_cannot_go_below_a_score_given(
    edition: Edition, organiser: User, reviewer: User, contribution: Contribution
) -> None:
    (criterion,) = criteria(edition, 10)
    review = services.assign_reviewer(contribution=contribution, reviewer=reviewer, assigned_by=organiser)
    services.submit_review(review=review, scores={criterion.pk: 8}, comment="")

    criterion.max_score = 7
    with pytest.raises(services.ReviewError):
        services.save_criterion(criterion=criterion, by=organiser)
    criterion.max_score = 8
    services.save_criterion(criterion=criterion, by=organiser)

    assert Criterion.objects.get().max_score == 8
    assert AuditEntry.objects.count() == 1


@pytest.mark.django_db
def test_suggested_criteria_are_added_once(edition):
    added = services.add_suggested_criteria(edition=edition)

    assert len(added) == 4 and services.add_suggested_criteria(edition=edition) == []
    assert Criterion.objects.filter(edition=edition).count() == 4


def test_an_organiser_can_withdraw_a_declared_conflict_but_never_submitted_scores(edition, organiser):
    criterion = Criterion.objects.create(edition=edition, name="Relevans", max_score=5)
    contribution = submit_contribution(edition)
    first = add_team_member(
        edition=edition, email="a@example.no", name="A", role="reviewer", added_by=organiser
    ).user
    second = add_team_member(
        edition=edition, email="b@example.no", name="B", role="reviewer", added_by=organiser
    ).user
    conflicted = services.declare_conflict(
        review=services.assign_reviewer(contribution=contribution, reviewer=first, assigned_by=organiser),
        reason="Med i prosjektet",
    )
    scored = services.submit_review(
        review=services.assign_reviewer(contribution=contribution, reviewer=second, assigned_by=organiser),
        scores={criterion.pk: 4},
        comment="",
    )

    services.unassign_reviewer(review=conflicted)
    with pytest.raises(services.ReviewError):
        services.unassign_reviewer(review=scored)

    assert list(Review.objects.filter(contribution=contribution)) == [scored]


def test_award_jurors_are_not_asked_to_review_contributions(edition, organiser):
    juror = add_team_member(
        edition=edition, email="jury@example.no", name="Jens Jury", role=TeamRole.JUROR, added_by=organiser
    ).user
    contribution = submit_contribution(edition)

    with pytest.raises(services.ReviewError):
        services.assign_reviewer(contribution=contribution, reviewer=juror, assigned_by=organiser)
    assert juror not in services.reviewers(edition)
