"""The bank's facets whose values other apps own (`examples.registry`): each follows a change made
through its owner's service, with nothing else to remember (no re-index by hand, no worker pass)."""

from collections.abc import Callable

import pytest

from gronnpraksis.awards import results
from gronnpraksis.awards import services as award_services
from gronnpraksis.awards.models import Mode, PrizeKind
from gronnpraksis.awards.tests.helpers import close_nominations, make_round, nominate
from gronnpraksis.awards.visibility import index_newly_public_nominees
from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.contributions.services import set_decided_state, withdraw_contribution
from gronnpraksis.editions import services as edition_services
from gronnpraksis.editions.models import Edition, Phase
from gronnpraksis.examples import search
from tests.factories import EditionFactory, submit_contribution

from .bank_data import publish

pytestmark = pytest.mark.django_db

Change = Callable[[], object]


def counts(facet: str) -> dict[str, int]:
    return {value.value: value.count for value in search.search("").facets[facet]}


def _presented(edition: Edition, *, accepted: bool) -> Contribution:
    contribution = submit_contribution(edition, title="Solceller på skoletak")
    contribution.example = publish("Solceller på skoletak", "Skolene produserer egen strøm.")
    contribution.save()
    if accepted:
        set_decided_state(contribution=contribution, state=State.ACCEPTED)
    return contribution


def contribution_accepted(organiser: object) -> Change:
    contribution = _presented(EditionFactory(slug="gp40"), accepted=False)
    return lambda: set_decided_state(contribution=contribution, state=State.ACCEPTED)


def contribution_withdrawn(organiser: object) -> Change:
    contribution = _presented(EditionFactory(slug="gp40"), accepted=True)
    return lambda: withdraw_contribution(contribution=contribution)


def edition_opened(organiser: object) -> Change:
    """Not a change in the admin: the phase's service tells the bank whoever calls it."""
    edition = EditionFactory(slug="gp40")
    contribution = _presented(edition, accepted=False)
    Edition.objects.filter(pk=edition.pk).update(phase=Phase.PLANNING)  # back to planning
    edition.refresh_from_db()
    set_decided_state(contribution=contribution, state=State.ACCEPTED)
    return lambda: edition_services.set_phase(edition=edition, phase=Phase.OPEN)


def nominee_found_eligible(organiser: object) -> Change:
    award = make_round(EditionFactory(slug="gp40"), organiser, mode=Mode.JURY)
    nomination = nominate(award, example=publish("Matsentralen i Vennesla", "Mat reddes fra butikkene."))
    close_nominations(award)
    return lambda: award_services.set_eligibility(
        nomination=nomination, eligible=True, reason="", by=organiser
    )


def prize_result_published(organiser: object) -> Change:
    award = make_round(EditionFactory(slug="gp40"), organiser, mode=Mode.JURY)
    nomination = nominate(award, example=publish("Matsentralen i Vennesla", "Mat reddes fra butikkene."))
    award_services.set_eligibility(nomination=nomination, eligible=True, reason="", by=organiser)
    award = close_nominations(award)
    index_newly_public_nominees()  # the worker's pass: the nominees are public now
    results.publish_shortlist(award=award, nominations=[nomination], by=organiser)
    nomination.refresh_from_db()
    results.record_prize(
        award=award,
        kind=PrizeKind.JURY,
        nomination=nomination,
        citation="Deler maten.",
        reason="Juryen møttes",
        by=organiser,
    )
    return lambda: results.publish_result(award=award, by=organiser)


@pytest.mark.parametrize(
    ("given", "facet", "before", "after"),
    [
        (contribution_accepted, "edition", {}, {"gp40": 1}),
        (contribution_withdrawn, "edition", {"gp40": 1}, {}),
        (edition_opened, "edition", {}, {"gp40": 1}),
        (nominee_found_eligible, "award", {}, {"nominert": 1}),
        (prize_result_published, "award", {"nominert": 1}, {"nominert": 1, "vinner": 1}),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_a_facet_follows_its_owner_s_service(given, facet, before, after, organiser):
    change = given(organiser)
    assert counts(facet) == before

    change()

    assert counts(facet) == after


def test_a_filter_whose_facet_no_app_registered_fails_the_system_checks(monkeypatch):
    from gronnpraksis.examples.checks import filters_have_facets

    assert filters_have_facets() == []
    monkeypatch.delitem(search.FACETS, "award")

    assert [error.id for error in filters_have_facets()] == ["examples.E001"]
