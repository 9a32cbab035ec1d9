"""The forms of the back office's network pages: what the network says about itself, and its team.
They check; `editions.services` writes."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.forms import TextInputCleaningMixin
from gronnpraksis.editions.models import Network, NetworkColour, NetworkRole

from .logos import check_logo


class NetworkSettingsForm(TextInputCleaningMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    description = forms.CharField(
        label=_("Short description"),
        max_length=300,
        required=False,
        help_text=_("One or two sentences, shown under the name and in search results."),
    )
    about = forms.CharField(
        label=_("About the network"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG or WebP, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    logo_description = forms.CharField(
        label=_("What the logo shows"),
        max_length=200,
        required=False,
        help_text=_("Read aloud by screen readers instead of the logo. Empty: the network's name."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    colour = forms.ChoiceField(
        label=_("Colour"),
        choices=NetworkColour.choices,
        error_messages={"invalid_choice": _("Choose one of the colours.")},
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "name": network.name,
                "description": network.description,
                "about": network.about,
                "logo_description": network.logo_description,
                "colour": network.colour,
                "contact_email": network.contact_email,
            },
        )
        super().__init__(*args, **kwargs)
        # The stock widget would link to the stored file; there is no public media directory.
        self.fields["logo"].widget = forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"})
        if not network.logo:
            del self.fields["remove_logo"]

    def clean_logo(self) -> UploadedFile | None:
        """Only an image, checked and re-encoded without its metadata (`backoffice.logos`)."""
        logo = self.cleaned_data.get("logo")
        if isinstance(logo, UploadedFile):
            return check_logo(logo)
        return None


class NetworkMemberForm(TextInputCleaningMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=NetworkRole.choices,
        initial=NetworkRole.MODERATOR,
        error_messages={"invalid_choice": _("Choose one of the roles.")},
    )


class NetworkRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=NetworkRole.choices)
