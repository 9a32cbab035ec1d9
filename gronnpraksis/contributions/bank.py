"""The bank's "presented at" filter (`edition`): editions open to the public where the example was an
accepted contribution; the same editions as a "presented at" source (the network filter, an example's
provenance). Registered with `examples.registry` in `ContributionsConfig.ready()`."""

from collections.abc import Iterable

from django.db.models import QuerySet

from gronnpraksis.editions.models import Edition, Phase
from gronnpraksis.examples.models import Example
from gronnpraksis.examples.registry import FacetSource, PresentedAtSource
from gronnpraksis.examples.search import Facet

from .models import Contribution, State

PRESENTED = [State.ACCEPTED, State.CONFIRMED]


def _pairs(examples: QuerySet[Example]) -> Iterable[tuple[int, str]]:
    """Editions open to the public where the example was an accepted contribution."""
    contributions = Contribution.objects.filter(example__in=examples, state__in=PRESENTED)
    return contributions.exclude(edition__phase=Phase.PLANNING).values_list("example_id", "edition__slug")


def _labels() -> dict[str, str]:
    return dict(Edition.objects.public().order_by("-starts_on").values_list("slug", "name"))


def _examples_of_edition(edition: Edition) -> Iterable[int | None]:
    return edition.contributions.values_list("example_id", flat=True)


FACET = FacetSource(facet=Facet(_pairs, _labels), examples_of_edition=_examples_of_edition)


def _presented_editions(examples: QuerySet[Example]) -> Iterable[tuple[int, int]]:
    contributions = Contribution.objects.filter(example__in=examples, state__in=PRESENTED)
    return contributions.exclude(edition__phase=Phase.PLANNING).values_list("example_id", "edition_id")


PRESENTED_AT = PresentedAtSource(editions=_presented_editions, examples_of_edition=_examples_of_edition)
