"""The back office's review pages: what a reviewer may see, bad input, decisions, and query counts."""

import html
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import record_proven_email
from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.contributions.services import withdraw_contribution
from gronnpraksis.editions.models import Edition, TeamMember, TeamRole
from gronnpraksis.editions.services import add_team_member
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.reviews import services
from gronnpraksis.reviews.models import AuditEntry, Criterion, DecisionRecord, DecisionTemplate, Review, Score
from tests.factories import EditionFactory, submit_contribution

OTHERS_COMMENT = "Bjørns-hemmelige-vurdering: for tynt underlag"
UNASSIGNED_TITLE = "Fjernvarme fra datasenteret"
CONTRIBUTOR_EMAILS = ("kari.nordmann@example.no", "per.hansen@example.no")


def url(name, edition, **kwargs):
    return reverse(name, kwargs={"edition": edition.slug, **kwargs})


def text(response) -> str:
    return html.unescape(response.content.decode())


def in_norwegian(message: str) -> str:
    """The message as a bokmål page shows it (the English id until it is translated)."""
    with translation.override("nb"):
        return gettext(message)


def member(edition, email, by, role=TeamRole.REVIEWER):
    """Added through the service, and logged in once by code (the address is proven)."""
    user = add_team_member(
        edition=edition, email=email, name=email.split("@")[0], role=role, added_by=by
    ).user
    record_proven_email(user=user, email=user.email)
    return user


def score_data(criteria, *values, comment=""):
    return {f"criterion_{c.pk}": str(v) for c, v in zip(criteria, values, strict=True)} | {"comment": comment}


@pytest.fixture
def panel(edition, organiser):
    """A contribution assigned to Vera and Bjørn, where Bjørn has submitted a distinctive review,
    and a contribution nobody asked Vera to review."""
    relevance = Criterion.objects.create(edition=edition, name="Relevans", max_score=10, position=1)
    transfer = Criterion.objects.create(edition=edition, name="Overførbarhet", max_score=5, position=2)
    vera = member(edition, "vera@example.no", organiser)
    bjorn = member(edition, "bjorn@example.no", organiser)
    contribution = submit_contribution(
        edition, title="Solceller på skoletak", co_contributors=[("Per Hansen", CONTRIBUTOR_EMAILS[1])]
    )
    submit_contribution(edition, title=UNASSIGNED_TITLE, email="lise@example.no", name="Lise")
    for person in (vera, bjorn):
        services.assign_reviewer(contribution=contribution, reviewer=person, assigned_by=organiser)
    services.submit_review(
        review=Review.objects.get(reviewer=bjorn),
        scores={relevance.pk: 7, transfer.pk: 2},
        comment=OTHERS_COMMENT,
    )
    return {
        "edition": edition,
        "vera": vera,
        "bjorn": bjorn,
        "contribution": contribution,
        "criteria": [relevance, transfer],
    }


def reviewer_pages(client, panel):
    edition, pk = panel["edition"], panel["contribution"].pk
    paths = [
        url("backoffice:dashboard", edition),
        url("reviews:contributions", edition),
        url("reviews:contributions", edition) + "?reviewed=yes",
        url("reviews:contributions", edition) + "?q=fjernvarme",
        url("reviews:contribution", edition, pk=pk),
        url("reviews:review", edition, pk=pk),
    ]
    responses = [client.get(path) for path in paths]
    assert [r.status_code for r in responses] == [200] * len(paths)
    return "\n".join(text(r) for r in responses)


# What a reviewer may see


@pytest.mark.django_db
def test_a_reviewer_sees_the_others_review_only_after_submitting_their_own(client, panel):
    client.force_login(panel["vera"])

    before = reviewer_pages(client, panel)
    response = client.post(
        url("reviews:review", panel["edition"], pk=panel["contribution"].pk),
        score_data(panel["criteria"], 9, 4, comment="Veras vurdering"),
    )
    after = text(client.get(url("reviews:contribution", panel["edition"], pk=panel["contribution"].pk)))

    assert OTHERS_COMMENT not in before and "7 / 10" not in before and "2 / 5" not in before
    assert response.status_code == 302
    assert OTHERS_COMMENT in after and "Relevans: 7 / 10" in after and "Overførbarhet: 2 / 5" in after
    assert "Veras vurdering" in after


@pytest.mark.django_db
def test_a_reviewer_with_a_conflict_never_sees_the_others_scores(client, panel):
    client.force_login(panel["vera"])
    detail = url("reviews:contribution", panel["edition"], pk=panel["contribution"].pk)

    conflict = client.post(
        url("reviews:conflict", panel["edition"], pk=panel["contribution"].pk), {"reason": "Min søster"}
    )
    scored = client.post(
        url("reviews:review", panel["edition"], pk=panel["contribution"].pk),
        score_data(panel["criteria"], 9, 4, comment="Likevel"),
    )
    pages = reviewer_pages(client, panel)

    assert conflict.status_code == 302 and scored.status_code == 400
    assert OTHERS_COMMENT not in pages and "7 / 10" not in pages
    page = text(client.get(detail))
    assert OTHERS_COMMENT not in page
    # … and is told so, not that the scores come once their own is in.
    assert in_norwegian("The other reviewers' scores are shown when you have submitted your own.") not in page
    assert in_norwegian("As you are not impartial, you do not see the other reviewers' scores.") in page
    review = Review.objects.get(reviewer=panel["vera"])
    assert review.conflict_of_interest and not review.scores.exists() and review.comment == ""


@pytest.mark.django_db
def test_a_reviewer_never_sees_unassigned_contributions_or_contributors_addresses(client, panel):
    client.force_login(panel["vera"])

    pages = reviewer_pages(client, panel)

    assert "Solceller på skoletak" in pages
    assert UNASSIGNED_TITLE not in pages
    for address in CONTRIBUTOR_EMAILS:
        assert address not in pages
    assert "Kari Nordmann" in pages  # names are fine, addresses are not


@pytest.mark.django_db
def test_the_organiser_sees_every_review_and_the_contributors_addresses(client, organiser, panel):
    client.force_login(organiser)

    detail = text(client.get(url("reviews:contribution", panel["edition"], pk=panel["contribution"].pk)))
    listing = text(client.get(url("reviews:contributions", panel["edition"])))

    assert OTHERS_COMMENT in detail and "Relevans: 7 / 10" in detail
    assert all(address in detail for address in CONTRIBUTOR_EMAILS)
    assert UNASSIGNED_TITLE in listing and "Solceller på skoletak" in listing


@pytest.mark.django_db
def test_the_ranking_is_for_organisers_only(client, organiser, panel):
    client.force_login(panel["bjorn"])
    refused = client.get(url("reviews:ranking", panel["edition"]))
    client.force_login(organiser)
    ranking = client.get(url("reviews:ranking", panel["edition"]))

    assert refused.status_code == 404
    assert ranking.status_code == 200
    assert [row.contribution.title for row in ranking.context["rows"]] == [
        "Solceller på skoletak",
        UNASSIGNED_TITLE,
    ]
    assert ranking.context["rows"][0].mean == 9.0 and ranking.context["max_total"] == 15


# Bad input


@pytest.mark.django_db
def test_a_review_with_a_missing_score_is_shown_again_with_the_error_and_the_comment(client, panel):
    client.force_login(panel["vera"])
    relevance, transfer = panel["criteria"]

    response = client.post(
        url("reviews:review", panel["edition"], pk=panel["contribution"].pk),
        {f"criterion_{relevance.pk}": "8", "comment": "Spennende, men <mangler> tall"},
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [f"criterion_{transfer.pk}"]
    body = text(response)
    assert in_norwegian("Choose a score for this criterion.") in body
    assert "Spennende, men <mangler> tall" in body
    assert "&lt;mangler&gt;" in response.content.decode()
    assert Review.objects.get(reviewer=panel["vera"]).submitted_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0", "11", "99999999999999999999", "tre"])
def test_a_score_outside_the_scale_is_refused(client, panel, value):
    client.force_login(panel["vera"])
    relevance, transfer = panel["criteria"]

    response = client.post(
        url("reviews:review", panel["edition"], pk=panel["contribution"].pk),
        {f"criterion_{relevance.pk}": value, f"criterion_{transfer.pk}": "3"},
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [f"criterion_{relevance.pk}"]
    assert not Score.objects.filter(review__reviewer=panel["vera"]).exists()


@pytest.mark.django_db
def test_a_conflict_without_a_reason_is_refused(client, panel):
    client.force_login(panel["vera"])

    response = client.post(
        url("reviews:conflict", panel["edition"], pk=panel["contribution"].pk), {"reason": " "}
    )

    assert response.status_code == 400
    assert list(response.context["conflict_form"].errors) == ["reason"]
    assert not Review.objects.get(reviewer=panel["vera"]).conflict_of_interest


@pytest.mark.django_db
@pytest.mark.parametrize("max_score", ["0", "11", "-1", "99999999999999999999"])
def test_a_criterion_needs_a_highest_score_from_1_to_10(client, organiser, edition, max_score):
    client.force_login(organiser)

    response = client.post(
        url("reviews:criteria", edition), {"name": "Nyskapning", "max_score": max_score, "position": "1"}
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["max_score"]
    assert not Criterion.objects.exists()


@pytest.mark.django_db
def test_a_criterion_name_is_unique_in_the_edition(client, organiser, edition):
    Criterion.objects.create(edition=edition, name="Relevans")
    Criterion.objects.create(edition=EditionFactory(), name="Nyskapning")
    client.force_login(organiser)

    duplicate = client.post(
        url("reviews:criteria", edition), {"name": "RELEVANS", "max_score": "5", "position": "2"}
    )
    other_edition = client.post(
        url("reviews:criteria", edition), {"name": "Nyskapning", "max_score": "5", "position": "2"}
    )

    assert duplicate.status_code == 400
    assert list(duplicate.context["form"].errors) == ["name"]
    assert in_norwegian("The edition already has a criterion with this name.") in text(duplicate)
    assert other_edition.status_code == 302
    assert sorted(Criterion.objects.filter(edition=edition).values_list("name", flat=True)) == [
        "Nyskapning",
        "Relevans",
    ]


@pytest.mark.django_db
def test_editing_a_criterion_to_an_existing_name_is_refused(client, organiser, edition):
    Criterion.objects.create(edition=edition, name="Relevans")
    other = Criterion.objects.create(edition=edition, name="Overførbarhet")
    client.force_login(organiser)

    response = client.post(
        url("reviews:criterion", edition, pk=other.pk),
        {"name": "relevans", "max_score": "5", "position": "2"},
    )

    assert response.status_code == 400
    assert Criterion.objects.get(pk=other.pk).name == "Overførbarhet"


@pytest.mark.django_db
def test_a_decision_mail_with_an_unknown_field_names_it(client, organiser, edition):
    client.force_login(organiser)

    response = client.post(
        url("reviews:mail_template", edition, decision="accepted"),
        {"subject": "Hei {navn}", "body": "«{tittel}» er med. Møt opp {ukjent} kl. 9."},
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["body"]
    assert "{ukjent}" in text(response)
    assert "{navn}" in str(response.context["form"].errors["body"])  # the fields one can use
    assert not DecisionTemplate.objects.exists()


@pytest.mark.django_db
def test_a_decision_mail_is_saved_and_previewed(client, organiser, edition):
    client.force_login(organiser)

    saved = client.post(
        url("reviews:mail_template", edition, decision="rejected"),
        {"subject": "Svar fra {arrangement}", "body": "Hei {navn}, takk for «{tittel}»."},
    )
    page = client.get(url("reviews:mail_template", edition, decision="rejected"))

    assert saved.status_code == 302
    assert DecisionTemplate.objects.get().subject == "Svar fra {arrangement}"
    assert page.context["preview"][0] == f"Svar fra {edition.name}"
    assert page.context["preview"][1].startswith("Hei Kari Nordmann, takk for «")


def decide(client, edition, **data):
    return client.post(url("reviews:decide", edition), {"decision": "accepted", **data}, follow=True)


@pytest.mark.django_db
def test_a_bulk_decision_with_nothing_chosen_is_sent_and_names_both_mistakes(client, organiser, edition):
    submit_contribution(edition, title="Mitt bidrag")
    client.force_login(organiser)

    page = client.get(url("reviews:contributions", edition)).content.decode()
    response = client.post(url("reviews:decide", edition), {}, follow=True)

    # The browser's own check (a bubble on a radio button) would stop the form before the server
    # could say what is missing.
    assert f'action="{url("reviews:decide", edition)}" novalidate' in page
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert errors == [
        in_norwegian("Choose at least one contribution."),
        in_norwegian("Choose the decision: accept, put on hold or reject."),
    ]
    assert not DecisionRecord.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("contributions", "message"),
    [
        ([], "Choose at least one contribution."),
        (["99999999999999999999"], None),
        (["tolv"], None),
        (["other edition"], None),
    ],
)
def test_a_decision_on_no_or_unknown_contributions_says_so_and_changes_nothing(
    client, organiser, edition, contributions, message
):
    submit_contribution(edition, title="Mitt bidrag")
    foreign = submit_contribution(EditionFactory(), title="Annen årgang")
    client.force_login(organiser)
    ids = [str(foreign.pk) if c == "other edition" else c for c in contributions]

    response = decide(client, edition, contributions=ids)

    assert response.status_code == 200
    assert response.redirect_chain == [(url("reviews:contributions", edition), 302)]
    errors = [m for m in response.context["messages"] if m.level_tag == "error"]
    assert len(errors) == 1
    if message:
        assert str(errors[0]) == in_norwegian(message)
    assert not DecisionRecord.objects.exists()
    assert set(Contribution.objects.values_list("state", flat=True)) == {State.SUBMITTED}
    assert not OutboxMail.objects.filter(template="decision").exists()


@pytest.mark.django_db
def test_a_bulk_decision_from_the_ranking_mails_and_returns_to_the_ranking(client, organiser, edition):
    first = submit_contribution(edition, title="Første")
    second = submit_contribution(edition, title="Andre", email="ola@example.no", name="Ola")
    client.force_login(organiser)
    ranking = url("reviews:ranking", edition)

    response = decide(
        client, edition, contributions=[first.pk, second.pk], decision="waiting", send_mail="on", next=ranking
    )

    assert response.redirect_chain == [(ranking, 302)]
    assert set(Contribution.objects.values_list("state", flat=True)) == {State.WAITING}
    assert sorted(OutboxMail.objects.filter(template="decision").values_list("to", flat=True)) == [
        "kari.nordmann@example.no",
        "ola@example.no",
    ]
    assert DecisionRecord.objects.filter(decided_by=organiser).count() == 2


@pytest.mark.django_db
def test_a_decision_without_mail_and_with_a_foreign_next_stays_on_the_site(client, organiser, edition):
    contribution = submit_contribution(edition)
    client.force_login(organiser)

    response = decide(client, edition, contributions=[contribution.pk], next="https://example.com/")

    assert response.redirect_chain == [(url("reviews:contributions", edition), 302)]
    assert Contribution.objects.get().state == State.ACCEPTED
    assert not OutboxMail.objects.filter(template="decision").exists()


@pytest.mark.django_db
def test_a_contribution_withdrawn_since_the_list_was_shown_is_skipped_not_the_whole_batch(
    client, organiser, edition
):
    kept = submit_contribution(edition, title="Står fortsatt")
    gone = submit_contribution(edition, title="Trukket i mellomtiden", email="ola@example.no")
    withdraw_contribution(contribution=gone)
    client.force_login(organiser)

    response = decide(client, edition, contributions=[kept.pk, gone.pk], send_mail="on")

    assert [m.level_tag for m in response.context["messages"]] == ["success", "warning"]
    assert dict(Contribution.objects.values_list("title", "state")) == {
        "Står fortsatt": State.ACCEPTED,
        "Trukket i mellomtiden": State.WITHDRAWN,
    }
    assert list(DecisionRecord.objects.values_list("contribution__title", flat=True)) == ["Står fortsatt"]


@pytest.mark.django_db
def test_a_confirmed_contribution_is_skipped_with_a_warning(client, organiser, edition):
    confirmed = submit_contribution(edition, title="Bekreftet")
    Contribution.objects.filter(pk=confirmed.pk).update(state=State.CONFIRMED)
    client.force_login(organiser)

    response = decide(client, edition, contributions=[confirmed.pk], decision="rejected", send_mail="on")

    assert [m.level_tag for m in response.context["messages"]] == ["success", "warning"]
    assert Contribution.objects.get().state == State.CONFIRMED
    assert not DecisionRecord.objects.exists()


# The team and assignments


@pytest.mark.django_db
def test_assigning_a_contributor_is_refused_with_a_message(client, organiser, edition):
    contribution = submit_contribution(edition)
    kari = member(edition, "kari.nordmann@example.no", organiser)
    vera = member(edition, "vera@example.no", organiser)
    client.force_login(organiser)
    path = url("reviews:assign", edition, pk=contribution.pk)

    refused = client.post(path, {"reviewer": kari.pk}, follow=True)
    outsider = client.post(path, {"reviewer": "99999999999999999999"}, follow=True)
    assigned = client.post(path, {"reviewer": vera.pk}, follow=True)

    assert [m.level_tag for m in refused.context["messages"]] == ["error"]
    assert [m.level_tag for m in outsider.context["messages"]] == ["error"]
    assert [m.level_tag for m in assigned.context["messages"]] == ["success"]
    assert list(Review.objects.values_list("reviewer__email", flat=True)) == ["vera@example.no"]


@pytest.mark.django_db
def test_adding_a_team_member_through_the_page(client, organiser, edition):
    client.force_login(organiser)

    bad = client.post(
        url("backoffice:team", edition), {"email": "ikke-en-adresse", "name": "X", "role": "reviewer"}
    )
    good = client.post(
        url("backoffice:team", edition), {"email": "nina@example.no", "name": "Nina", "role": "reviewer"}
    )

    assert bad.status_code == 400 and list(bad.context["form"].errors) == ["email"]
    assert good.status_code == 302
    assert list(TeamMember.objects.values_list("user__email", "role")) == [("nina@example.no", "reviewer")]
    assert OutboxMail.objects.filter(template="team_added", to="nina@example.no").count() == 1


@pytest.mark.django_db
def test_an_organiser_cannot_remove_their_own_organiser_role(client, edition, organiser):
    colleague = member(edition, "olga@example.no", organiser, role=TeamRole.ORGANISER)
    Authenticator.objects.create(
        user=colleague, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    client.force_login(colleague)

    response = client.post(
        url("backoffice:team_remove", edition, pk=TeamMember.objects.get().pk), follow=True
    )

    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert TeamMember.objects.count() == 1


@pytest.mark.django_db
def test_a_scored_criterion_cannot_be_deleted(client, organiser, panel):
    client.force_login(organiser)
    relevance = panel["criteria"][0]

    response = client.post(url("reviews:criterion_delete", panel["edition"], pk=relevance.pk), follow=True)

    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Criterion.objects.filter(pk=relevance.pk).exists()


@pytest.mark.django_db
def test_a_scored_criterion_keeps_a_highest_score_at_or_above_the_scores_given(
    client: Client, organiser: User, panel: dict[str, Any]
) -> None:
    client.force_login(organiser)
    relevance = panel["criteria"][0]  # Bjørn gave it 7 of 10

    lowered = client.post(
        url("reviews:criterion", panel["edition"], pk=relevance.pk),
        {"name": "Relevans", "max_score": "5", "position": "1"},
    )
    kept_above = client.post(
        url("reviews:criterion", panel["edition"], pk=relevance.pk),
        {"name": "Relevans", "max_score": "7", "position": "1"},
    )

    assert lowered.status_code == 400
    assert in_norwegian(
        "Reviewers have given this criterion %(score)s; its highest score cannot be lower."
    ) % {"score": 7} in text(lowered)
    assert kept_above.status_code == 302
    assert Criterion.objects.get(pk=relevance.pk).max_score == 7


@pytest.mark.django_db
def test_criteria_changes_through_the_page_are_in_the_review_audit_log(
    client: Client, organiser: User, edition: Edition
) -> None:
    client.force_login(organiser)

    client.post(url("reviews:criteria", edition), {"name": "Nyskapning", "max_score": "5", "position": "1"})
    added = Criterion.objects.get(edition=edition)
    client.post(
        url("reviews:criterion", edition, pk=added.pk), {"name": "Nytt", "max_score": "4", "position": "1"}
    )
    client.post(url("reviews:criterion_delete", edition, pk=added.pk))

    entries = AuditEntry.objects.filter(edition=edition).order_by("at", "id")
    assert [(e.by, e.by_name) for e in entries] == [(organiser, organiser.name or organiser.email)] * 3
    assert [e.what for e in entries] == [
        in_norwegian("Criterion added: %(name)s") % {"name": "Nyskapning"},
        in_norwegian("Criterion changed: %(name)s") % {"name": "Nytt"},
        in_norwegian("Criterion deleted: %(name)s") % {"name": "Nytt"},
    ]
    assert entries.last().what in text(client.get(url("reviews:criteria", edition)))


@pytest.mark.django_db
def test_the_suggested_criteria_are_added_once_through_the_page(client, organiser, edition):
    client.force_login(organiser)

    client.post(url("reviews:criteria_suggested", edition))
    client.post(url("reviews:criteria_suggested", edition))

    assert Criterion.objects.filter(edition=edition).count() == 4


# Query counts


def contributions_with_reviews(edition, organiser, count):
    criteria = [Criterion.objects.create(edition=edition, name=f"K{n}", max_score=5) for n in range(2)]
    reviewers = [member(edition, f"vurderer{n}@example.no", organiser) for n in range(2)]
    for n in range(count):
        contribution = submit_contribution(
            edition,
            title=f"Bidrag {n}",
            email=f"bidragsyter{n}@example.no",
            co_contributors=[(f"Med {n}", f"med{n}@example.no")],
        )
        for offset, reviewer in enumerate(reviewers):
            review = services.assign_reviewer(
                contribution=contribution, reviewer=reviewer, assigned_by=organiser
            )
            services.submit_review(
                review=review, scores={c.pk: 1 + (n + offset) % 5 for c in criteria}, comment=f"Kommentar {n}"
            )
    return reviewers[0]


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["reviews:contributions", "reviews:ranking"])
def test_organiser_pages_use_the_same_number_of_queries_for_3_and_15_contributions(client, organiser, page):
    small, large = EditionFactory(), EditionFactory()
    contributions_with_reviews(small, organiser, 3)
    contributions_with_reviews(large, organiser, 15)
    client.force_login(organiser)

    few = queries(client, url(page, small))
    many = queries(client, url(page, large))

    assert many == few


@pytest.mark.django_db
def test_the_reviewers_list_uses_the_same_number_of_queries_for_3_and_15_contributions(client, organiser):
    small, large = EditionFactory(), EditionFactory()
    first = contributions_with_reviews(small, organiser, 3)
    contributions_with_reviews(large, organiser, 15)  # the same reviewers, on the team of both
    client.force_login(first)

    few = queries(client, url("reviews:contributions", small))
    many = queries(client, url("reviews:contributions", large))

    assert many == few


def test_a_reviewers_filters_give_away_nothing_about_other_contributions_or_colleagues(client, panel):
    from gronnpraksis.editions.models import Theme

    unassigned = Contribution.objects.get(title=UNASSIGNED_TITLE)
    only_there = Theme.objects.exclude(pk__in=panel["contribution"].themes.all()).first()
    unassigned.themes.add(only_there)
    client.force_login(panel["vera"])

    page = text(client.get(url("reviews:contributions", panel["edition"])))
    filtered = text(client.get(url("reviews:contributions", panel["edition"]) + "?reviewed=yes"))

    assert f'value="{only_there.slug}"' not in page
    assert 'name="reviewed"' not in page
    assert "Solceller på skoletak" in filtered  # the filter is ignored, not applied


@pytest.mark.django_db
def test_the_reviewer_picker_leaves_out_people_already_assigned(client, organiser, panel):
    edition, contribution = panel["edition"], panel["contribution"]
    nina = member(edition, "nina@example.no", organiser)
    client.force_login(organiser)

    page = client.get(url("reviews:contribution", edition, pk=contribution.pk))

    choices = {str(pk) for pk, _label in page.context["assign_form"].fields["reviewer"].choices if pk}
    assert str(nina.pk) in choices
    assert str(panel["vera"].pk) not in choices and str(panel["bjorn"].pk) not in choices
