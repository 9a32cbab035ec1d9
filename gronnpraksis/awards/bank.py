"""The bank's prize filter (`award`): nominated and awarded examples. Registered with
`examples.registry` in `AwardsConfig.ready()`."""

from collections.abc import Iterable
from itertools import chain

from django.db.models import Q, QuerySet, Value
from django.utils.translation import gettext as _

from gronnpraksis.editions.models import Edition, Phase
from gronnpraksis.examples.models import Example
from gronnpraksis.examples.registry import FacetSource
from gronnpraksis.examples.search import Facet

from .models import Nomination, Prize
from .visibility import public_nominations

NOMINATED, AWARDED = "nominert", "vinner"


def _pairs(examples: QuerySet[Example]) -> Iterable[tuple[int, str]]:
    """Nominated: a nominee that is public (`awards.visibility`, the rule of the prize and example
    pages: eligible, public edition, nominations closed); awarded: a winner once the result is
    published. A winner is both."""
    public = ~Q(round__edition__phase=Phase.PLANNING)
    nominated = public_nominations().filter(example__in=examples)
    won = Prize.objects.filter(
        public, nomination__example__in=examples, round__result_published_at__isnull=False
    )
    return chain(
        nominated.values_list("example_id", Value(NOMINATED)),
        won.values_list("nomination__example_id", Value(AWARDED)),
    )


def _labels() -> dict[str, str]:
    return {NOMINATED: _("Nominated for GrønnPraksisPrisen"), AWARDED: _("Won GrønnPraksisPrisen")}


def _examples_of_edition(edition: Edition) -> Iterable[int | None]:
    return Nomination.objects.filter(round__edition=edition).values_list("example_id", flat=True)


FACET = FacetSource(facet=Facet(_pairs, _labels), examples_of_edition=_examples_of_edition)
