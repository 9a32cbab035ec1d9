"""allauth's pages under /accounts/, without the ones this site does not offer.

- No sign-up form: asking for a login code creates the account (`accounts.forms.OpenLoginCodeForm`).
- No address management: an account has one address, changed only through the proven flow on
  Min side (`accounts.views_email`). `account_email` (which allauth itself redirects to) points
  there.
Login by code, the organisers' password login, password reset, re-authentication and the
authenticator (TOTP) pages stay.
"""

from allauth.account import urls as account_urls
from django.urls import URLPattern, URLResolver, include, path
from django.views.generic import RedirectView

REMOVED = {"account_signup", "account_signup_by_passkey", "account_email"}

urlpatterns: list[URLPattern | URLResolver] = [
    pattern for pattern in account_urls.urlpatterns if getattr(pattern, "name", None) not in REMOVED
]
urlpatterns += [
    path("email/", RedirectView.as_view(pattern_name="accounts:change_email"), name="account_email"),
    path("2fa/", include("allauth.mfa.urls")),
]
