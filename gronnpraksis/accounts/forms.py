from typing import Any

from allauth.account.forms import RequestLoginCodeForm
from allauth.core import context
from django import forms
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core import ratelimit

from .services import get_or_create_user


class OpenLoginCodeForm(RequestLoginCodeForm):
    """Asking for a login code is also how a new person gets an account: anyone with an e-mail
    address may share an example or comment on an idea. The account has no password and is only
    used once the code sent to the address has been entered, so nothing is given away about which
    addresses already have one."""

    def clean_email(self) -> str:
        # Our hourly limit per client address and per address first: a refused request creates no
        # account and sends no code (allauth's own per-minute limit follows in super()).
        email = self.cleaned_data.get("email", "")
        if email and not ratelimit.allows(context.request, self, "login_code", email=email):
            return email
        email = super().clean_email()  # checks the address and the rate limit first
        if email and getattr(self, "_user", None) is None:
            self._user = get_or_create_user(email=email)
        return email


class ChangeEmailForm(forms.Form):
    """The new address; a code is sent to it. Whether another account holds it is not checked here
    (that would tell anyone which addresses have accounts) but after the code has been entered."""

    email = forms.EmailField(label=_("New e-mail address"), max_length=254)

    def __init__(self, *args: Any, current: str, current_proven: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.current = current.strip().lower()
        self.current_proven = current_proven

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email == self.current and self.current_proven:
            raise forms.ValidationError(_("This is already your e-mail address."))
        return email


class ConfirmEmailCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}),
    )
