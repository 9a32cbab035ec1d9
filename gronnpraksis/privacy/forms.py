from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    """The confirm step before an account is deleted: nothing happens without the box ticked."""

    confirm = forms.BooleanField(
        label=_(
            "I understand that my account and my personal data are deleted, and that this cannot be undone."
        ),
        error_messages={"required": _("Tick the box to confirm that you want to delete your account.")},
    )


class StopNewsForm(forms.Form):
    registration = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
