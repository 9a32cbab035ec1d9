from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from gronnpraksis.editions.models import Edition

NEWEST_EXAMPLES = 3


def edition_page_part(edition: "Edition") -> Mapping[str, object]:
    """The edition page's newest examples from the bank (the bank is the same for every edition)."""
    from .models import Example

    return {"newest_examples": Example.objects.published().order_by("-published_at", "-pk")[:NEWEST_EXAMPLES]}


class ExamplesConfig(AppConfig):
    name = "gronnpraksis.examples"
    verbose_name = _("Examples")

    def ready(self) -> None:
        from gronnpraksis.editions.page import add_to_edition_page, add_to_network_page
        from gronnpraksis.editions.services import on_phase_change

        from . import (
            checks,  # noqa: F401 (registers the system check)
            networks,
        )
        from .registry import edition_phase_changed, register_facet

        add_to_edition_page("examples", edition_page_part)
        add_to_network_page("examples", networks.network_page_part)
        register_facet("network", networks.FACET)  # the bank's network filter (shown with several)
        # The "presented at" and prize filters name public editions only.
        on_phase_change("examples", edition_phase_changed)
