from typing import Any

from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gronnpraksis.core.typing import AnyUser


def has_totp(user: AnyUser) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class OrganiserAdminSite(admin.AdminSite):
    """The organisers' admin: staff who have set up an authenticator app (TOTP).

    Logging in goes through the site's own login (password, then the TOTP code); a staff member
    without TOTP is sent to set it up first.
    """

    site_header = _("Grønn Praksis – administration")
    site_title = _("Grønn Praksis administration")
    index_title = _("Editions, registrations and contributions")

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and has_totp(request.user)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.is_staff and not has_totp(user):
            return redirect("mfa_activate_totp")
        if user.is_authenticated:
            # The site login would send a logged-in person straight back here: a redirect loop.
            raise PermissionDenied
        next_url = request.GET.get("next") or reverse("admin:index")
        return redirect_to_login(next_url, reverse("account_login"))
