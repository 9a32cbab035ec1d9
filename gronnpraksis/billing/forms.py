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
