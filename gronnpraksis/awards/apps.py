from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "gronnpraksis.awards"
    verbose_name = _("GrønnPraksisPrisen")

    def ready(self) -> None:
        from gronnpraksis.core.worker import register_pass

        from .visibility import index_nominees_pass

        # Once nominations close, the nominees are public: the bank's "nominated" filter shows them.
        register_pass("award_nominees", index_nominees_pass, every=2.0)
