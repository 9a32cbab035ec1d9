import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.forms import TextInputCleaningMixin

from .pdfs import badge_layouts


class SearchForm(TextInputCleaningMixin, forms.Form):
    q = forms.CharField(label=_("Name, organisation or municipality"), max_length=100, required=False)


class CheckInForm(forms.Form):
    """One press of "Check in" on the page without JavaScript; the scan id makes a double press one scan."""

    scan_id = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    day = forms.DateField(widget=forms.HiddenInput)
    registration = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    secret = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    allow_other_day = forms.BooleanField(widget=forms.HiddenInput, required=False)
    device = forms.CharField(widget=forms.HiddenInput, required=False, max_length=60)
    q = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("registration") and not data.get("secret"):
            raise forms.ValidationError(_("Choose the person to check in."))
        return data


class BadgeForm(forms.Form):
    layout = forms.ChoiceField(
        label=_("Layout"), choices=lambda: [(lay.key, lay.label) for lay in badge_layouts()], initial="a4-10"
    )
