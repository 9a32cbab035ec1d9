"""What an edition's page shows from the apps above editions.

editions imports no app above it (import-linter's `editions` contract), yet its page counts the
contributions and shows the bank's newest examples. The apps that own those register a part from their
`AppConfig.ready()`; a part returns template variables for the edition, in a fixed number of queries.
"""

from collections.abc import Callable, Mapping

from .models import Edition

PagePart = Callable[[Edition], Mapping[str, object]]

_PARTS: dict[str, PagePart] = {}


def add_to_edition_page(name: str, part: PagePart) -> None:
    """Register a part of the edition page (from `AppConfig.ready()`; the name makes it idempotent)."""
    _PARTS[name] = part


def parts_context(edition: Edition) -> dict[str, object]:
    """The template variables every registered part gives for the edition."""
    context: dict[str, object] = {}
    for part in _PARTS.values():
        context.update(part(edition))
    return context
