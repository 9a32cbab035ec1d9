"""One rule for when nominees are public, on every surface: the prize page, the example page, the
bank's `?pris=nominert` (page and API). During the nomination phase an eligible nomination showed as
"Nominert til GrønnPraksisPrisen" on the example page, in the bank and in the API while the prize page
hid it; now each surface asks `awards.visibility`."""

import datetime
import html

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gronnpraksis.awards import services, visibility
from gronnpraksis.awards.models import AwardRound
from gronnpraksis.editions.models import Edition, Phase

from .helpers import DAY, close_nominations, make_round, nominate, published_example

pytestmark = pytest.mark.django_db

TITLE = "Matsvinn til matglede"


@pytest.fixture
def nominee(edition, organiser):
    """An example of the bank, nominated and found eligible while nominations are open."""
    award = make_round(edition, organiser)
    example = published_example(TITLE)
    nomination = nominate(award, example=example)
    services.set_eligibility(nomination=nomination, eligible=True, reason="", by=organiser)
    return award, example


def surfaces(client, award: AwardRound, example) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    """Whether each surface shows the example as a nominee."""
    prize = html.unescape(
        client.get(reverse("awards:prize", kwargs={"edition": award.edition.slug})).content.decode()
    )
    page = html.unescape(client.get(example.get_absolute_url()).content.decode())
    bank = client.get(reverse("examples:search"), {"pris": "nominert"})
    api = client.get("/api/v1/examples/", {"pris": "nominert"}).json()
    return {
        "prize page": TITLE in prize,
        "example page": 'id="example-awards-heading"' in page,
        "bank": [e.title for e in bank.context["result"].examples] == [TITLE],
        "api": [item["title"] for item in api["items"]] == [TITLE],
    }


HIDDEN = {"prize page": False, "example page": False, "bank": False, "api": False}
SHOWN = {"prize page": True, "example page": True, "bank": True, "api": True}


def test_nominees_are_hidden_everywhere_until_nominations_close(client, nominee):
    award, example = nominee

    assert surfaces(client, award, example) == HIDDEN

    award = close_nominations(award)
    call_command(
        "worker", "--once", "--only", "award_nominees"
    )  # the worker takes the new nominees into the bank's index

    assert surfaces(client, award, example) == SHOWN


def test_moving_the_close_into_the_future_hides_the_nominees_again_at_once(client, nominee, organiser):
    award, example = nominee
    award = close_nominations(award)
    visibility.index_newly_public_nominees()
    assert surfaces(client, award, example) == SHOWN

    services.update_round(
        award=award, changes={"nominations_close_at": timezone.now() + 2 * DAY}, by=organiser
    )
    assert surfaces(client, award, example) == HIDDEN

    # And when the new close has passed (time moves on: the date is set back here), the worker
    # brings them back.
    assert visibility.index_newly_public_nominees() == 0
    AwardRound.objects.filter(pk=award.pk).update(
        nominations_close_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert visibility.index_newly_public_nominees() == 1
    assert surfaces(client, award, example) == SHOWN


def test_the_rule_itself(nominee):
    award, _example = nominee
    now = timezone.now()
    assert not visibility.nominees_public(award, now)
    assert not visibility.public_nominations(now).exists()
    assert visibility.nominees_public(award, award.nominations_close_at)
    assert visibility.public_nominations(award.nominations_close_at).count() == 1

    Edition.objects.filter(pk=award.edition_id).update(phase=Phase.PLANNING)
    award.edition.refresh_from_db()
    assert not visibility.nominees_public(award, award.nominations_close_at)
    assert not visibility.public_nominations(award.nominations_close_at).exists()
