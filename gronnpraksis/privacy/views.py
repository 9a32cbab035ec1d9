"""Min side's privacy pages: download everything, stop news, delete the account."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gronnpraksis.core.http import private_link
from gronnpraksis.registrations.services import withdraw_news_consent

from . import erasure
from .export import export_person, person_registrations
from .forms import DeleteAccountForm, StopNewsForm


@private_link
@login_required
@require_POST
def export(request: HttpRequest) -> HttpResponse:
    """Everything stored about the logged-in person, as one JSON file (GDPR art. 15 and 20)."""
    body = json.dumps(export_person(request.user), ensure_ascii=False, indent=2)  # type: ignore[arg-type]
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"gronnpraksis-mine-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def stop_news(request: HttpRequest) -> HttpResponse:
    """Withdraw the news consent of one of the person's own registrations."""
    form = StopNewsForm(request.POST)
    if not form.is_valid():
        raise Http404
    registration = person_registrations(request.user).filter(pk=form.cleaned_data["registration"]).first()  # type: ignore[arg-type]
    if registration is None:
        raise Http404
    withdraw_news_consent(registration=registration)
    messages.success(request, _("We will no longer send you news."))
    return redirect("mypage:my_page")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """The confirm step, then the deletion; the person is logged out and told what was kept."""
    user = request.user
    refused = erasure.refusal(user)  # type: ignore[arg-type]
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and refused is None and form.is_valid():
        erasure.delete_person(user=user)  # type: ignore[arg-type]
        logout(request)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("/")
    return render(request, "privacy/delete_account.html", {"form": form, "refused": refused})
