"""What other apps tell the bank: filters (facets) whose values they own, and which examples a change of
theirs touches.

The bank outlives every edition, prize and programme, so examples never imports the apps that own that
data (import-linter's `bank` contract). They register from their `AppConfig.ready()`:

- `register_facet(name, source)`: a filter of the bank (`search.FACETS`) whose values the app reads, with
  the examples whose values an edition's phase decides (the bank names public editions only);
- `examples_changed(ids)`: the app changed what a facet reads for these examples (a contribution accepted
  or withdrawn, a nomination's eligibility, a published prize), so the bank re-indexes them;
- `register_example_panel(name, panel)`: a section of the example's page that the app renders (the
  programme's session reports of the items that presented the example: slides and the discussion).
- `register_presented_at(name, source)`: the public editions where examples were presented (an accepted
  contribution; a report, an item). The bank's network filter and an example's provenance ("presented at
  <edition> (<network>)") read every source.

An edition's phase change reaches the bank through `editions.services.on_phase_change`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from .models import Example
from .search import FACETS, Facet
from .search.facets import forget_labels
from .services import index_examples

if TYPE_CHECKING:
    from gronnpraksis.editions.models import Edition


@dataclass(frozen=True)
class FacetSource:
    """A facet another app owns. `examples_of_edition` gives the examples whose values of this facet
    change when the edition's phase changes."""

    facet: Facet
    examples_of_edition: Callable[["Edition"], Iterable[int | None]]


_SOURCES: dict[str, FacetSource] = {}


def register_facet(name: str, source: FacetSource) -> None:
    """Add a filter to the bank (name: lower-case letters only, as the index splits tokens at anything
    else). It also needs a line in `bank_forms.FILTERS`, a field in `api.ExampleFilters` and then
    `manage.py reindex_examples`. Registering a name again replaces it."""
    if not name.isalpha() or not name.islower():
        raise ValueError(f"A facet's name is lower-case letters only, not {name!r}.")
    _SOURCES[name] = source
    FACETS[name] = source.facet


def examples_changed(ids: Iterable[int | None]) -> None:
    """The caller changed what a registered facet reads for these examples: bring their index entries up
    to date. Side effects: the index rows of the examples (unpublished ones and None are skipped)."""
    index_examples(ids)


def edition_phase_changed(edition: "Edition") -> None:
    """Listener for `editions.services.on_phase_change`: re-index the examples whose filter values name
    the edition and forget the labels of those filters (registered in `ExamplesConfig.ready()`)."""
    ids: set[int | None] = set()
    for name, source in _SOURCES.items():
        ids.update(source.examples_of_edition(edition))
        forget_labels(name)  # an edition made public is a new value at once (and a planned one goes)
    index_examples(ids)


# Sections of the example's page that other apps render, in the order they were registered.
_PANELS: dict[str, Callable[[HttpRequest, "Example"], str]] = {}


def register_example_panel(name: str, panel: Callable[[HttpRequest, "Example"], str]) -> None:
    """Add a section to every example's page: `panel(request, example)` returns its HTML (escaped by the
    panel's own template), or an empty string to show nothing. Registering a name again replaces it."""
    _PANELS[name] = panel


def example_panels(request: HttpRequest, example: "Example") -> list[SafeString]:
    """The registered sections for the example's page that have something to show. No side effects."""
    found = (panel(request, example) for panel in _PANELS.values())
    return [mark_safe(html) for html in found if html.strip()]


# Where examples were presented ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PresentedAtSource:
    """Where examples were presented, as another app knows it. `editions` gives (example id, edition id)
    for the examples, public editions only; `examples_of_edition` the examples whose pairs the edition's
    phase decides (as for a facet)."""

    editions: Callable[[QuerySet[Example]], Iterable[tuple[int, int]]]
    examples_of_edition: Callable[["Edition"], Iterable[int | None]]


_PRESENTED_AT: dict[str, PresentedAtSource] = {}


def register_presented_at(name: str, source: PresentedAtSource) -> None:
    """Add a source of "presented at" (from `AppConfig.ready()`; the name makes it idempotent). What it
    reads changing must reach `examples_changed(ids)`, as for a facet."""
    _PRESENTED_AT[name] = source


def presented_at(examples: QuerySet[Example]) -> set[tuple[int, int]]:
    """(example id, edition id) from every source: the public editions where the examples were presented."""
    return {pair for source in _PRESENTED_AT.values() for pair in source.editions(examples)}


def examples_presented_at(edition: "Edition") -> set[int | None]:
    return {pk for source in _PRESENTED_AT.values() for pk in source.examples_of_edition(edition)}
