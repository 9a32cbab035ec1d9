"""Who may open which award page: every URL of /arrangor/<edition>/prisen/ and /arrangor/<edition>/jury/
for every kind of person, as in the back office's own matrix (reviews/tests/test_permissions.py):

- nobody logged in: sent to log in;
- organiser pages: organisers (team or staff) with an authenticator app; without one, sent to set it
  up; everyone else (reviewers and jurors of the edition too) a 404;
- jury pages: jurors of the edition only; everyone else a 404, organisers included.

A refused POST writes nothing.
"""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from gronnpraksis.accounts.models import User
from gronnpraksis.awards import backoffice_urls, scoring, services
from gronnpraksis.awards.models import (
    AuditEntry,
    AwardRound,
    Criterion,
    JuryAssessment,
    JuryScore,
    Nomination,
    Prize,
    Vote,
)
from gronnpraksis.editions.models import Edition, TeamRole
from gronnpraksis.mail.models import OutboxMail
from tests import backoffice_matrix as matrix
from tests.awards import juror, make_round, nominate
from tests.backoffice_matrix import LOGIN, NOT_FOUND, TOTP, Url, member, with_totp
from tests.factories import EditionFactory, UserFactory

ORGANISER, JURY = "organiser", "jury"


def network_actors(edition: Edition) -> dict[str, User]:
    """An organiser of the edition's network (an organiser here) and one of another network (404)."""
    own, other = matrix.network_organisers(edition)
    return {"network_organiser": own, "organiser_of_another_network": other}


ACTORS = [
    "anonymous",
    "outsider",
    "reviewer",
    "juror_of_another_edition",
    "juror",
    "organiser_without_totp",
    "staff_without_totp",
    "organiser",
    "staff",
    "network_organiser",
    "organiser_of_another_network",
]


@pytest.fixture
def world(edition, organiser, outsider):
    award = make_round(edition, organiser)
    scored, conflicted = nominate(award, title="Til vurdering"), nominate(award, title="Inhabil")
    for n in (scored, conflicted):
        services.set_eligibility(nomination=n, eligible=True, reason="", by=organiser)
    jury_member = juror(edition, "jens.jury@example.no")
    other_juror = juror(edition, "kari.jury@example.no")
    conflict = scoring.declare_conflict(nomination=conflicted, juror=other_juror, reason="Nabo")
    spare = Criterion.objects.create(round=award, name="Nyskaping", position=9)
    other = EditionFactory()
    make_round(other, organiser)
    return SimpleNamespace(
        edition=edition,
        award=award,
        nomination=scored,
        conflict=conflict,
        criterion=award.criteria.first(),
        spare=spare,
        actors={
            "anonymous": None,
            "outsider": UserFactory(email=outsider.email, name=outsider.name),
            "reviewer": member(edition, "vera.vurderer@example.no", TeamRole.REVIEWER),
            "juror_of_another_edition": juror(other, "annen.jury@example.no"),
            "juror": jury_member,
            "organiser_without_totp": member(edition, "uten.app@example.no", TeamRole.ORGANISER),
            "staff_without_totp": UserFactory(email="stab.uten.app@example.no", is_staff=True),
            "organiser": with_totp(member(edition, "olga.organiser@example.no", TeamRole.ORGANISER)),
            "staff": organiser,
            **network_actors(edition),
        },
    )


def scores(w):
    return {f"score_{c.pk}": "4" for c in w.award.criteria.all()}


A = "awards_backoffice:"
URLS = [
    Url(A + "bo_overview", "GET", ORGANISER, 200),
    Url(A + "bo_set_up", "POST", ORGANISER, 302, None, lambda w: {"mode": "vote"}),
    Url(A + "bo_settings", "GET", ORGANISER, 200),
    Url(A + "bo_settings", "POST", ORGANISER, 400, None, lambda w: {"mode": "vote", "shortlist_size": "0"}),
    Url(A + "bo_criteria", "GET", ORGANISER, 200),
    Url(
        A + "bo_criteria",
        "POST",
        ORGANISER,
        302,
        None,
        lambda w: {"name": "Nytt", "max_score": "5", "position": "5"},
    ),
    Url(A + "bo_criterion", "GET", ORGANISER, 200, lambda w: {"pk": w.criterion.pk}),
    Url(
        A + "bo_criterion",
        "POST",
        ORGANISER,
        302,
        lambda w: {"pk": w.criterion.pk},
        lambda w: {"name": "Samarbeid", "max_score": "6", "position": "1"},
    ),
    Url(A + "bo_criterion_delete", "POST", ORGANISER, 302, lambda w: {"pk": w.spare.pk}),
    Url(A + "bo_nominations", "GET", ORGANISER, 200),
    Url(A + "bo_nomination", "GET", ORGANISER, 200, lambda w: {"pk": w.nomination.pk}),
    Url(
        A + "bo_nomination",
        "POST",
        ORGANISER,
        302,
        lambda w: {"pk": w.nomination.pk},
        lambda w: {"decision": "ineligible", "reason": "Dublett"},
    ),
    Url(A + "bo_jury", "GET", ORGANISER, 200),
    Url(A + "bo_conflict_withdraw", "POST", ORGANISER, 302, lambda w: {"pk": w.conflict.pk}),
    Url(A + "bo_shortlist", "GET", ORGANISER, 200),
    # Nominations are still open: the form comes back with the reason (400 is "let in").
    Url(A + "bo_shortlist", "POST", ORGANISER, 400, None, lambda w: {"nominations": [w.nomination.pk]}),
    Url(A + "bo_vote", "GET", ORGANISER, 200),
    Url(A + "bo_vote_close", "POST", ORGANISER, 302),
    Url(A + "bo_result", "GET", ORGANISER, 200),
    Url(A + "bo_result_publish", "POST", ORGANISER, 302),
    Url(A + "bo_log", "GET", ORGANISER, 200),
    Url(A + "jury", "GET", JURY, 200),
    Url(A + "jury_ranking", "GET", JURY, 200),
    Url(A + "jury_score", "GET", JURY, 200, lambda w: {"pk": w.nomination.pk}),
    Url(A + "jury_score", "POST", JURY, 302, lambda w: {"pk": w.nomination.pk}, scores),
    Url(A + "jury_conflict", "GET", JURY, 200, lambda w: {"pk": w.nomination.pk}),
    Url(
        A + "jury_conflict",
        "POST",
        JURY,
        302,
        lambda w: {"pk": w.nomination.pk},
        lambda w: {"reason": "Kollega"},
    ),
]


def expected(actor: str, url: Url) -> str:
    if actor == "anonymous":
        return LOGIN
    if url.access == JURY:
        return str(url.allowed) if actor == "juror" else NOT_FOUND
    if actor in ("organiser_without_totp", "staff_without_totp"):
        return TOTP
    if actor in ("organiser", "staff", "network_organiser"):
        return str(url.allowed)
    return NOT_FOUND


def stored():
    return {
        "counts": [
            m.objects.count()
            for m in (
                AwardRound,
                Criterion,
                Nomination,
                JuryAssessment,
                JuryScore,
                Vote,
                Prize,
                AuditEntry,
                OutboxMail,
            )
        ],
        "nominations": sorted(Nomination.objects.values_list("pk", "eligibility", "on_shortlist")),
        "criteria": sorted(Criterion.objects.values_list("pk", "name", "max_score")),
        "rounds": sorted(
            AwardRound.objects.values_list("pk", "shortlist_size", "vote_closed_at", "result_published_at")
        ),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS, ids=str)
def test_award_url_for_every_role(client, world, url):
    matrix.assert_every_role(client, world, url, ACTORS, expected, stored)


def test_the_matrix_covers_every_award_back_office_url():
    matrix.assert_covers(URLS, matrix.url_names(backoffice_urls.urlpatterns, A))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", [u for u in URLS if u.name in (A + "jury_score", A + "jury_conflict")], ids=str
)
def test_a_juror_gets_404_for_a_nomination_they_declared_a_conflict_for(client, world, url):
    conflicted = Url(
        url.name, url.method, url.access, url.allowed, lambda w: {"pk": w.conflict.nomination_id}, url.data
    )
    world.actors["juror"] = world.conflict.juror

    assert matrix.send(client, world, "juror", conflicted, stored) == (NOT_FOUND, False)


@pytest.mark.django_db
@pytest.mark.parametrize("pk", [10**30, 2**63, 999999])
def test_huge_or_unknown_ids_are_404(client, world, pk):
    client.force_login(world.actors["staff"])
    for name in ("bo_nomination", "bo_criterion"):
        assert (
            client.get(reverse(A + name, kwargs={"edition": world.edition.slug, "pk": pk})).status_code == 404
        )
    client.force_login(world.actors["juror"])
    assert (
        client.get(reverse(A + "jury_score", kwargs={"edition": world.edition.slug, "pk": pk})).status_code
        == 404
    )
