"""The bank and the networks: an example's provenance (the network it was shared through, the editions
where it was presented and their networks), the bank's network filter (`nettverk`) and a network page's
newest examples.

The bank is national: one search, one moderation queue. Networks are named on public pages only when
there are several (`editions.networks.several_networks`).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from gronnpraksis.editions.models import Edition, Network, national_network

from .models import Example
from .registry import FacetSource, examples_presented_at, presented_at
from .search import Facet

NETWORK_EXAMPLES = 3


@dataclass(frozen=True)
class Provenance:
    """Where an example comes from, for its page: the network it was shared through (None: the national
    bank) and the public editions where it was presented, each with its network."""

    network: Network | None
    editions: list[Edition]


def provenance(example: Example) -> Provenance:
    """Two queries: the sources' pairs, and the editions with their networks."""
    ids = {edition_id for _example_id, edition_id in presented_at(Example.objects.filter(pk=example.pk))}
    editions = list(
        Edition.objects.public().filter(pk__in=ids).select_related("network").order_by("-starts_on")
    )
    return Provenance(network=example.network, editions=editions)


def _pairs(examples: QuerySet[Example]) -> Iterable[tuple[int, str]]:
    """The network each example was shared through (the national one when none), and the networks of
    the public editions where it was presented."""
    national = national_network().slug
    pairs = {(pk, slug or national) for pk, slug in examples.values_list("pk", "network__slug")}
    presented = presented_at(examples)
    networks = dict(
        Edition.objects.filter(pk__in={edition for _pk, edition in presented}).values_list(
            "pk", "network__slug"
        )
    )
    pairs |= {(pk, networks[edition]) for pk, edition in presented if edition in networks}
    return pairs


def _labels() -> dict[str, str]:
    return dict(Network.objects.values_list("slug", "name"))


FACET = FacetSource(facet=Facet(_pairs, _labels), examples_of_edition=examples_presented_at)


def network_page_part(network: Network) -> Mapping[str, object]:
    """A network page's newest examples: published, shared through the network, newest first."""
    newest = Example.objects.published().filter(network=network).order_by("-published_at", "-pk")
    return {
        "network_examples": newest[:NETWORK_EXAMPLES],
        "network_filter_url": reverse("examples:search") + "?" + urlencode({"nettverk": network.slug}),
    }
