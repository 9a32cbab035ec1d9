from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "gronnpraksis.awards"
    verbose_name = _("GrønnPraksisPrisen")

    def ready(self) -> None:
        from gronnpraksis.core.worker import register_pass
        from gronnpraksis.examples.registry import register_facet

        from . import bank
        from .visibility import index_nominees_pass

        register_facet("award", bank.FACET)  # the bank's prize filter

        # Once nominations close, the nominees are public: the bank's "nominated" filter shows them.
        register_pass("award_nominees", index_nominees_pass, every=2.0)
