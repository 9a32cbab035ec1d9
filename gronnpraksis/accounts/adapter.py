from dataclasses import dataclass
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from django.conf import settings
from django.http import HttpRequest, HttpResponse

from gronnpraksis.mail.services import enqueue_rendered_mail

from .middleware import is_organiser_session, start_organiser_session
from .models import User
from .services import record_proven_email


@dataclass(frozen=True)
class SiteName:
    """What allauth's mails call the site ("Hello from {{ current_site.name }}!"): without
    django.contrib.sites it would be the request's host, such as "127.0.0.1:8100"."""

    name: str
    domain: str


def current_site() -> SiteName:
    return SiteName(name="Grønn Praksis", domain=settings.SITE_URL)


class AccountAdapter(DefaultAccountAdapter):
    """Login codes and account mails go through the outbox like every other mail."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = self.request
        base = {"request": request, "email": email, "current_site": current_site()}
        message = self.render_mail(template_prefix, email, {**base, **context})
        html = next(
            (body for body, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
        )
        enqueue_rendered_mail(
            to=email,
            subject=str(message.subject),
            body_text=str(message.body),
            body_html=str(html),
            template=template_prefix.rsplit("/", 1)[-1],
        )

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # No sign-up form with passwords: an account is made when someone registers, contributes,
        # is added by an organiser, or asks for a login code (accounts.forms.OpenLoginCodeForm).
        return False

    def post_login(self, request: HttpRequest, user: User, **kwargs: Any) -> HttpResponse:
        """A login by code proves the address the code was sent to (after the authenticator step,
        for organisers who have one). A password login proves nothing about the address."""
        codes = [r for r in get_authentication_records(request, user) if r.get("method") == "code"]
        if codes and codes[-1].get("email"):
            record_proven_email(user=user, email=codes[-1]["email"])
        if is_organiser_session(request):
            start_organiser_session(request)
        return super().post_login(request, user, **kwargs)
