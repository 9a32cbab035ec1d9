"""Min side: changing or confirming the account's e-mail address with a code sent to it."""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gronnpraksis.core import ratelimit as limits

from . import email_change
from .forms import ChangeEmailForm, ConfirmEmailCodeForm
from .models import User
from .services import is_proven


@login_required
@limits.limited
@require_http_methods(["GET", "POST"])
def change_email(request: HttpRequest) -> HttpResponse:
    """Ask for a code to the new address (or to the current one, to confirm it)."""
    user: User = request.user  # type: ignore[assignment]
    form = ChangeEmailForm(request.POST or None, current=user.email, current_proven=is_proven(user))
    # Our hourly limit on code requests (per client and per receiving address) comes first.
    if (
        request.method == "POST"
        and form.is_valid()
        and limits.allows(request, form, "login_code", email=form.cleaned_data["email"])
    ):
        email = form.cleaned_data["email"]
        if not _code_allowed(request, email):
            form.add_error("email", _("Too many codes have been asked for. Wait a minute and try again."))
        else:
            pending = email_change.start_email_change(user=user, new_email=email, language=_language())
            request.session[email_change.SESSION_KEY] = pending.as_session()
            return redirect("accounts:confirm_email_change")
    return render(request, "accounts/change_email.html", {"form": form, "proven": is_proven(user)})


@login_required
@require_http_methods(["GET", "POST"])
def confirm_email_change(request: HttpRequest) -> HttpResponse:
    """Enter the code; the address changes only when it matches."""
    user: User = request.user  # type: ignore[assignment]
    pending = email_change.PendingChange.from_session(request.session.get(email_change.SESSION_KEY))
    if pending is None:
        return redirect("accounts:change_email")
    if pending.expired:
        return _start_again(request, _("The code has expired. Ask for a new one."))
    form = ConfirmEmailCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not email_change.code_matches(user=user, pending=pending, code=form.cleaned_data["code"]):
            pending.attempts += 1
            if pending.attempts >= email_change.MAX_ATTEMPTS:
                return _start_again(request, _("Too many wrong codes. Ask for a new one."))
            request.session[email_change.SESSION_KEY] = pending.as_session()
            form.add_error("code", _("The code is not right. Check the mail and try again."))
        else:
            del request.session[email_change.SESSION_KEY]
            try:
                email_change.confirm_email_change(user=user, new_email=pending.email, language=_language())
            except email_change.EmailTaken:
                return _taken(request, user, pending.email)
            messages.success(request, _("Your e-mail address is now %(email)s.") % {"email": pending.email})
            return redirect("mypage:my_page")
    return render(request, "accounts/confirm_email_change.html", {"form": form, "email": pending.email})


def _code_allowed(request: HttpRequest, email: str) -> bool:
    """The same limit as asking for a login code (per client address and per e-mail address)."""
    return ratelimit.consume(request, action="request_login_code", key=email.lower())


def _language() -> str:
    return translation.get_language() or "nb"


def _start_again(request: HttpRequest, message: str) -> HttpResponse:
    request.session.pop(email_change.SESSION_KEY, None)
    messages.error(request, message)
    return redirect("accounts:change_email")


def _taken(request: HttpRequest, user: User, email: str) -> HttpResponse:
    """The address form again, with what was typed and an error. The code proved that the person
    controls the address, so saying that another account holds it gives nothing away."""
    form = ChangeEmailForm({"email": email}, current=user.email, current_proven=is_proven(user))
    form.is_valid()
    form.add_error(
        "email",
        _(
            "Another account uses this address. To use that account, log out and log in with a code "
            "sent to the address."
        ),
    )
    return render(request, "accounts/change_email.html", {"form": form, "proven": is_proven(user)})
