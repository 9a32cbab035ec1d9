from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    """Fees, discount codes, invoices and credit notes, and the invoice basis for the accounts."""

    name = "gronnpraksis.billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        from gronnpraksis.registrations import extensions

        from .registration_hooks import EXTENSION

        extensions.extend("billing", EXTENSION)
