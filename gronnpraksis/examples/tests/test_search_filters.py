"""The bank's filters beyond theme, place and stage: UN goal, actor type, measure type, start year, key
figures, the edition an example was presented at, and GrønnPraksisPrisen. Each is counted like the
others, and follows the changes elsewhere that it reads (a contribution accepted or withdrawn, a
nomination found eligible, a prize result published, an edition made public)."""

import datetime

import pytest
from django.contrib import admin
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from gronnpraksis.awards import results
from gronnpraksis.awards import services as award_services
from gronnpraksis.awards.models import Mode, PrizeKind
from gronnpraksis.awards.visibility import index_newly_public_nominees
from gronnpraksis.contributions.models import State
from gronnpraksis.contributions.services import set_decided_state, withdraw_contribution
from gronnpraksis.editions.admin import EditionAdmin
from gronnpraksis.editions.goals import GOALS
from gronnpraksis.editions.models import Edition, Goal, Phase
from gronnpraksis.examples import search
from gronnpraksis.examples.bank_forms import FILTERS
from gronnpraksis.examples.models import Accuracy, KeyFigure, MeasureType
from gronnpraksis.organisations.models import Sector
from tests.awards import close_nominations, make_round, nominate
from tests.bank_data import publish
from tests.factories import EditionFactory, submit_contribution

pytestmark = pytest.mark.django_db


def counts(result: search.SearchResult, facet: str) -> dict[str, int]:
    return {value.value: value.count for value in result.facets[facet]}


def titles(result: search.SearchResult) -> set[str]:
    return {example.title for example in result.examples}


@pytest.fixture
def bank(db):
    food = publish(
        "Matsvinn blir matglede",
        "Butikkene gir overskuddsmat til kafeen.",
        actor_type=Sector.CIVIL_SOCIETY,
        measure_type=MeasureType.TRANSITION,
        start_year=2019,
    )
    food.goals.set(Goal.objects.filter(number__in=[2, 12]))
    KeyFigure.objects.create(
        example=food, label="Mat reddet", value=60, unit="tonn per år", accuracy=Accuracy.MEASURED
    )
    heat = publish(
        "Fjernvarme fra datasenteret",
        "Spillvarme varmer skolene.",
        actor_type=Sector.BUSINESS,
        measure_type=MeasureType.EFFICIENCY,
        start_year=2022,
    )
    heat.goals.set(Goal.objects.filter(number__in=[7, 13]))
    KeyFigure.objects.create(
        example=heat, label="Utslipp spart", value=120, unit="t CO2e per år", accuracy=Accuracy.ESTIMATED
    )
    bikes = publish(
        "Bysykler i sentrum",
        "Kommunen leier ut sykler.",
        actor_type=Sector.MUNICIPALITY,
        measure_type=MeasureType.DEVELOPMENT,
        start_year=2022,
    )
    bikes.goals.set(Goal.objects.filter(number__in=[11, 13]))
    for example in (food, heat, bikes):
        search.reindex(example)  # goals and key figures were added after `publish` indexed it
    return {"food": food, "heat": heat, "bikes": bikes}


def test_every_facet_of_the_search_is_a_filter_of_the_page():
    assert [f.facet for f in FILTERS] == [
        "theme",
        "goal",
        "county",
        "municipality",
        "actor",
        "stage",
        "measure",
        "year",
        "figures",
        "edition",
        "award",
        "network",
    ]
    assert {f.facet for f in FILTERS} == set(search.FACETS)


def test_goal_actor_measure_year_and_key_figures_are_counted_and_filter(bank):
    everything = search.search("")

    assert counts(everything, "goal") == {"2": 1, "7": 1, "11": 1, "12": 1, "13": 2}
    assert counts(everything, "actor") == {"sivilsamfunn": 1, "naeringsliv": 1, "kommune": 1}
    assert counts(everything, "measure") == {"omstilling": 1, "effektivisering": 1, "utvikling": 1}
    assert counts(everything, "year") == {"2022": 2, "2019": 1}
    assert counts(everything, "figures") == {"ja": 2}

    assert titles(search.search("", filters={"goal": ["13"]})) == {
        "Fjernvarme fra datasenteret",
        "Bysykler i sentrum",
    }
    assert titles(search.search("", filters={"goal": ["13"], "figures": ["ja"]})) == {
        "Fjernvarme fra datasenteret"
    }
    assert titles(search.search("", filters={"actor": ["kommune", "sivilsamfunn"]})) == {
        "Bysykler i sentrum",
        "Matsvinn blir matglede",
    }
    assert titles(search.search("", filters={"measure": ["effektivisering"]})) == {
        "Fjernvarme fra datasenteret"
    }
    assert titles(search.search("sykler", filters={"year": ["2022"]})) == {"Bysykler i sentrum"}


def test_a_chosen_filter_counts_its_own_values_over_the_other_filters(bank):
    result = search.search("", filters={"year": ["2022"], "measure": ["utvikling"]})

    assert titles(result) == {"Bysykler i sentrum"}
    assert counts(result, "year") == {"2022": 1}  # 2019's example is not utvikling
    assert counts(result, "measure") == {"effektivisering": 1, "utvikling": 1}
    assert counts(result, "goal") == {"11": 1, "13": 1}


def test_facet_labels_name_goals_years_and_actors(bank):
    result = search.search("")

    assert [v.label for v in result.facets["goal"]][:2] == [
        "2. " + str(GOALS[2]),
        "7. " + str(GOALS[7]),
    ]
    assert [v.value for v in result.facets["year"]] == ["2022", "2019"]  # newest first
    assert {v.label for v in result.facets["actor"]} == {
        str(Sector.CIVIL_SOCIETY.label),
        str(Sector.BUSINESS.label),
        str(Sector.MUNICIPALITY.label),
    }


def test_an_example_loses_a_facet_value_when_it_is_edited_away(bank):
    KeyFigure.objects.filter(example=bank["food"]).delete()
    bank["food"].start_year = 2023
    bank["food"].save()
    search.reindex(bank["food"])

    result = search.search("")
    assert counts(result, "figures") == {"ja": 1}
    assert counts(result, "year") == {"2023": 1, "2022": 2}


def test_presented_at_follows_the_programme_committee_s_decisions(db):
    edition = EditionFactory(slug="gp31", name="Grønn Praksis 31")
    example = publish("Solceller på skoletak", "Skolene produserer egen strøm.")
    contribution = submit_contribution(edition, title="Solceller på skoletak")
    contribution.example = example
    contribution.save()

    assert counts(search.search(""), "edition") == {}  # submitted, not accepted
    assert set_decided_state(contribution=contribution, state=State.ACCEPTED)
    result = search.search("", filters={"edition": ["gp31"]})
    assert titles(result) == {"Solceller på skoletak"}
    assert result.facets["edition"] == [search.FacetValue("gp31", "Grønn Praksis 31", 1)]

    withdraw_contribution(contribution=contribution)
    assert search.search("", filters={"edition": ["gp31"]}).total == 0


def test_an_edition_still_being_planned_is_a_filter_value_only_once_it_is_public(db, rf, organiser):
    edition = EditionFactory(slug="gp32", name="Grønn Praksis 32")
    example = publish("Gjenbrukstorget", "Møbler får nytt liv.")
    contribution = submit_contribution(edition, title="Gjenbrukstorget")
    contribution.example = example
    contribution.save()
    Edition.objects.filter(pk=edition.pk).update(phase=Phase.PLANNING)  # back to planning
    edition.refresh_from_db()
    set_decided_state(contribution=contribution, state=State.ACCEPTED)

    # Asked for by its slug, the planned edition's acceptance does not show.
    assert search.search("", filters={"edition": ["gp32"]}).total == 0
    assert counts(search.search(""), "edition") == {}

    # The organisers open the edition in the admin: the bank follows.
    request = rf.post("/admin/")
    request.user = organiser
    edition_admin = EditionAdmin(Edition, admin.site)
    data = {**model_to_dict(edition), "phase": Phase.OPEN}
    for name, value in list(data.items()):  # the admin's date and time are two inputs
        if isinstance(value, datetime.datetime):
            local = timezone.localtime(data.pop(name))
            data[f"{name}_0"], data[f"{name}_1"] = local.date().isoformat(), local.time().isoformat()
    form = edition_admin.get_form(request, edition, change=True)(data=data, instance=edition)
    assert form.is_valid(), form.errors
    edition_admin.save_model(request, form.save(commit=False), form, change=True)

    assert titles(search.search("", filters={"edition": ["gp32"]})) == {"Gjenbrukstorget"}


def test_nominated_and_awarded_follow_the_award_round(db, organiser):
    edition = EditionFactory(slug="gp33", name="Grønn Praksis 33")
    award = make_round(edition, organiser, mode=Mode.JURY)
    winner_example = publish("Matsentralen i Vennesla", "Mat reddes fra butikkene.")
    other_example = publish("Klimakafé på biblioteket", "Samtaler om klima hver uke.")
    winner = nominate(award, example=winner_example)
    other = nominate(award, example=other_example)
    assert counts(search.search(""), "award") == {}  # not yet found eligible

    for nomination in (winner, other):
        award_services.set_eligibility(nomination=nomination, eligible=True, reason="", by=organiser)
    assert counts(search.search(""), "award") == {}  # nominees are not public while nominations run

    award = close_nominations(award)
    assert counts(search.search(""), "award") == {}  # the index has not caught up yet (never early)
    assert index_newly_public_nominees() == 1  # what the worker does on every pass
    assert counts(search.search(""), "award") == {"nominert": 2}
    assert index_newly_public_nominees() == 0
    results.publish_shortlist(award=award, nominations=[winner, other], by=organiser)
    winner.refresh_from_db()
    results.record_prize(
        award=award,
        kind=PrizeKind.JURY,
        nomination=winner,
        citation="Et lokalsamfunn som deler.",
        reason="Juryen møttes",
        by=organiser,
    )
    assert counts(search.search(""), "award") == {"nominert": 2}  # the winner is not public yet
    results.publish_result(award=award, by=organiser)

    result = search.search("", filters={"award": ["vinner"]})
    assert titles(result) == {"Matsentralen i Vennesla"}
    assert counts(result, "award") == {"nominert": 2, "vinner": 1}


def test_the_page_and_the_api_take_the_new_filters_from_the_url(bank, client):
    page = client.get(reverse("examples:search"), {"maal": "13", "nokkeltall": "ja", "startaar": "2022"})
    api = client.get("/api/v1/examples/", {"maal": "13", "nokkeltall": "ja", "aktor": "naeringsliv"}).json()

    assert page.status_code == 200
    assert [e.title for e in page.context["result"].examples] == ["Fjernvarme fra datasenteret"]
    assert b'name="maal"' in page.content and b'name="tiltak"' in page.content
    # The further filters are folded away unless one of them is chosen, as here.
    assert b'<details class="gp-details" open>' in page.content
    plain = client.get(reverse("examples:search"), {"fase": "gjennomforing"})
    assert b'<details class="gp-details">' in plain.content and b'name="maal"' in plain.content
    assert [item["title"] for item in api["items"]] == ["Fjernvarme fra datasenteret"]
    # Counted over the other filters: the municipality's bikes have no key figures.
    assert {v["value"]: v["count"] for v in api["facets"]["aktor"]} == {"naeringsliv": 1}
