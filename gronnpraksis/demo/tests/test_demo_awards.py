"""The demo's award rounds (seed_demo → demo.awards): Grønn Praksis 22 as it ended, the demo edition open
for nominations; idempotent."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from gronnpraksis.awards import voting
from gronnpraksis.awards.models import AwardRound, Eligibility, Mode, PrizeKind, Stage
from gronnpraksis.examples.models import ModerationState


def seed() -> None:
    call_command("seed_demo", stdout=io.StringIO())


def counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_app_config("awards").get_models()}


@pytest.mark.django_db
def test_the_demo_has_gp22_with_its_winner_and_gp27_open_for_nominations(client):
    seed()
    first = counts()
    seed()
    assert counts() == first

    gp22 = AwardRound.objects.get(edition__slug="gp22")
    assert (gp22.mode, gp22.stage()) == (Mode.VOTE, Stage.RESULT)
    assert gp22.nominations.filter(on_shortlist=True).count() == 10
    (prize,) = gp22.prizes.all()
    winner = prize.nomination.example
    assert (prize.kind, winner.title, winner.state, winner.is_demo) == (
        PrizeKind.PEOPLE,
        "Mulighetenes Hus",
        ModerationState.PUBLISHED,
        False,
    )
    assert prize.computed_nomination == prize.nomination  # the vote decided, no override
    others = [n.example for n in gp22.nominations.exclude(pk=prize.nomination_id)]
    assert all(e.is_demo and e.state == ModerationState.PUBLISHED for e in others)
    assert all("(demo)" in e.title for e in others if e.created_by_id is None)
    counted = voting.vote_counts(gp22)
    assert max(counted, key=counted.get) == prize.nomination_id

    gp27 = AwardRound.objects.get(edition__slug="gp27")
    assert gp27.stage() == Stage.NOMINATION
    assert gp27.nominations.count() == 4
    assert set(gp27.nominations.values_list("eligibility", flat=True)) == set(Eligibility.values)
    assert gp27.edition.team.filter(role="juror").count() == 2

    page = client.get("/gp22/prisen/").content.decode()
    assert "Mulighetenes Hus" in page and "Begrunnelsen er skrevet for demoen" in page
    assert "/gp27/prisen/nominer/" in client.get("/gp27/prisen/").content.decode()
