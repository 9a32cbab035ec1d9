import io

import pytest
from django.core.management import call_command

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions.models import Contribution, Kind, State
from gronnpraksis.demo import examples as _demo_examples
from gronnpraksis.demo.examples import seed_examples
from gronnpraksis.editions.models import Edition, Theme
from gronnpraksis.examples import search
from gronnpraksis.examples.models import Example, ExampleFacet, KeyFigure, ModerationState
from gronnpraksis.places.models import County

NOT_PUBLIC = {ModerationState.PENDING, ModerationState.RETURNED, ModerationState.REJECTED}


def seed() -> None:
    call_command("seed_demo", stdout=io.StringIO())


def counts() -> dict[str, int]:
    return {
        "examples": Example.objects.count(),
        "published": Example.objects.published().count(),
        "key figures": KeyFigure.objects.count(),
        "places": Example.municipalities.through.objects.count(),
        "themes": Example.themes.through.objects.count(),
        "goals": Example.goals.through.objects.count(),
        "owners": Example.owners.through.objects.count(),
        "facets": ExampleFacet.objects.count(),
        "contributions": Contribution.objects.count(),
        "users": User.objects.count(),
    }


def mulighetenes_hus() -> Example:
    return Example.objects.get(title="Mulighetenes Hus")


@pytest.mark.django_db
def test_seed_demo_fills_the_bank_across_the_country_and_changes_nothing_the_second_time():
    seed()
    first = counts()
    published = Example.objects.published()
    assert published.count() >= 40
    counties = County.objects.filter(municipalities__examples__in=published).distinct()
    assert counties.count() >= 10
    assert set(Theme.objects.filter(examples__in=published).values_list("slug", flat=True)) == set(
        Theme.objects.values_list("slug", flat=True)
    )
    # Moderation is shown, but what is not published is never public.
    states = set(Example.objects.values_list("state", flat=True))
    assert states >= NOT_PUBLIC
    for example in Example.objects.filter(state__in=NOT_PUBLIC):
        assert example.published_at is None
        assert example not in search.search(example.title).examples
    assert not Example.objects.filter(state__in=[ModerationState.RETURNED, ModerationState.REJECTED]).filter(
        moderation_comment=""
    )
    # Everything fictional is marked, and no demo contact has a real address.
    fictional = {spec.title for spec in _demo_examples.EXAMPLES}
    assert not Example.objects.filter(title__in=fictional, is_demo=False).exists()
    emails = Example.objects.exclude(contact_email="").values_list("contact_email", flat=True)
    assert emails and all(email.endswith("@example.no") for email in emails)
    # The search index knows the demo examples, also by a compound's parts and its inflected forms.
    assert search.search("sykkelparkering").total >= 2
    assert search.search("matsvinnet").total >= 2
    assert search.search("gjenbruksstasjonen").total >= 2

    seed()
    assert counts() == first


@pytest.mark.django_db
def test_mulighetenes_hus_is_the_real_prize_winner_linked_to_gp22():
    seed()
    example = mulighetenes_hus()
    assert example.state == ModerationState.PUBLISHED
    assert example.published_at is not None
    assert not example.is_demo
    assert [m.number for m in example.municipalities.all()] == ["4223"]
    contribution = example.contributions.get()
    assert contribution.edition == Edition.objects.get(slug="gp22")
    assert (contribution.kind, contribution.state) == (Kind.PRACTICE_EXAMPLE, State.CONFIRMED)
    assert "60 tonn" in example.summary and "GrønnPraksisPrisen 2022" in example.summary
    figure = example.key_figures.get()
    assert (figure.value, figure.unit) == (60, "tonn per år")
    assert example in search.search("Vennesla").examples
    # The GP22 contribution's draft became this entry: the bank has it once.
    assert not Example.objects.filter(contributions=contribution).exclude(pk=example.pk).exists()


@pytest.mark.django_db
def test_mulighetenes_hus_gets_a_contribution_of_its_own_when_gp22_has_none():
    seed()
    gp22, gp27 = Edition.objects.get(slug="gp22"), Edition.objects.get(slug="gp27")
    Contribution.objects.filter(example=mulighetenes_hus()).update(example=None, organisation=None)
    before = Contribution.objects.count()
    seed_examples(gp22, gp27, User.objects.get(email="arrangor@example.no"))
    seed_examples(gp22, gp27, User.objects.get(email="arrangor@example.no"))
    assert Contribution.objects.count() == before + 1
    contribution = mulighetenes_hus().contributions.get()
    assert contribution.edition == gp22
    assert (contribution.kind, contribution.state) == (Kind.PRACTICE_EXAMPLE, State.CONFIRMED)
    assert contribution.contributors.get().is_primary


@pytest.mark.django_db
def test_the_only_real_example_is_mulighetenes_hus():
    seed()
    assert list(Example.objects.filter(is_demo=False).values_list("title", flat=True)) == ["Mulighetenes Hus"]
