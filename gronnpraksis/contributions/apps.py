from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from gronnpraksis.editions.models import Edition


def edition_page_part(edition: "Edition") -> Mapping[str, object]:
    """The edition page's count of contributions (all but drafts, withdrawn and rejected)."""
    from .models import Contribution, State

    shown = Contribution.objects.filter(edition=edition).exclude(
        state__in=[State.DRAFT, State.WITHDRAWN, State.REJECTED]
    )
    return {"contribution_count": shown.count()}


class ContributionsConfig(AppConfig):
    name = "gronnpraksis.contributions"
    verbose_name = _("Contributions")

    def ready(self) -> None:
        from gronnpraksis.editions.page import add_to_edition_page
        from gronnpraksis.examples.registry import register_facet, register_presented_at

        from . import bank

        add_to_edition_page("contributions", edition_page_part)
        register_facet("edition", bank.FACET)  # the bank's "presented at" filter
        register_presented_at("contributions", bank.PRESENTED_AT)  # provenance, the network filter
