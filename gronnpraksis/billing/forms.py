from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.forms import TextInputCleaningMixin

from .models import FreeRole


class IssueForm(TextInputCleaningMixin, forms.Form):
    """Issue one invoice to one payer; the buyer reference is required by EHF. The legal name and
    postal address start from Enhetsregisteret's copy (an organisation) or what the person typed."""

    reference = forms.CharField(
        label=_("Buyer reference"),
        max_length=100,
        help_text=_("The buyer's reference or order number, required on an EHF invoice."),
    )
    name = forms.CharField(label=_("Legal name"), max_length=200)
    address = forms.CharField(label=_("Postal address"), max_length=300, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    country = forms.CharField(
        label=_("Country code"),
        max_length=2,
        min_length=2,
        initial="NO",
        help_text=_("Two letters, like NO for Norway or SE for Sweden."),
    )

    one_per_participant = forms.BooleanField(
        label=_("One invoice per participant"),
        required=False,
        help_text=_(
            "Instead of one collective invoice: each participant gets an invoice of their own, with the "
            "reference they gave when registering (or the one above)."
        ),
    )

    def clean_country(self) -> str:
        country = str(self.cleaned_data["country"]).strip().upper()
        if not (len(country) == 2 and country.isascii() and country.isalpha()):
            raise forms.ValidationError(_("Write the country as two letters, like NO or SE."))
        return country


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
