from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.forms import TextInputCleaningMixin

from .models import FreeRole


class IssueForm(TextInputCleaningMixin, forms.Form):
    """Issue one invoice to one payer; the buyer reference is required by EHF."""

    reference = forms.CharField(
        label=_("Buyer reference"),
        max_length=100,
        help_text=_("The buyer's reference or order number, required on an EHF invoice."),
    )


class FreeTicketForm(forms.Form):
    """An organiser's choice: the person pays, or comes free because of a role."""

    registration = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(
        label=_("Free ticket"), choices=[("", _("Pays")), *FreeRole.choices], required=False
    )


class DateInput(forms.DateInput):
    """The browser's date picker; its value is always ISO 8601, whatever the language."""

    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class CancellationTermsForm(forms.Form):
    """Free until a date, then a share of the price until a second date, then the full price."""

    free_until = forms.DateField(
        label=_("Free cancellation until"),
        help_text=_("The last day cancelling costs nothing."),
        widget=DateInput(),
    )
    share = forms.DecimalField(
        label=_("Share of the price (%)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        help_text=_("What cancelling costs after the free period, as a percentage of the price."),
    )
    share_until = forms.DateField(
        label=_("Share until"),
        help_text=_("The last day the share applies; after it, cancelling costs the full price."),
        widget=DateInput(),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        free_until, share_until = cleaned.get("free_until"), cleaned.get("share_until")
        if free_until and share_until and share_until < free_until:
            self.add_error(
                "share_until",
                _("The share cannot end before the free cancellation does. Choose a later date."),
            )
        return cleaned
