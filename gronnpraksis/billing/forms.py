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
