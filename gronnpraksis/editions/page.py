"""What an edition's page, and a network's, show from the apps above editions.

editions imports no app above it (import-linter's `editions` contract), yet its page counts the
contributions and shows the bank's newest examples. The apps that own those register a part from their
`AppConfig.ready()`; a part returns template variables for the edition, in a fixed number of queries.
"""

from collections.abc import Callable, Mapping

from .models import Edition, Network

PagePart = Callable[[Edition], Mapping[str, object]]
NetworkPagePart = Callable[[Network], Mapping[str, object]]

_PARTS: dict[str, PagePart] = {}
_NETWORK_PARTS: dict[str, NetworkPagePart] = {}


def add_to_edition_page(name: str, part: PagePart) -> None:
    """Register a part of the edition page (from `AppConfig.ready()`; the name makes it idempotent)."""
    _PARTS[name] = part


def parts_context(edition: Edition) -> dict[str, object]:
    """The template variables every registered part gives for the edition."""
    context: dict[str, object] = {}
    for part in _PARTS.values():
        context.update(part(edition))
    return context


def add_to_network_page(name: str, part: NetworkPagePart) -> None:
    """Register a part of a network's page (its newest examples; from `AppConfig.ready()`)."""
    _NETWORK_PARTS[name] = part


def network_parts_context(network: Network) -> dict[str, object]:
    """The template variables every registered part gives for the network."""
    context: dict[str, object] = {}
    for part in _NETWORK_PARTS.values():
        context.update(part(network))
    return context
