from collections.abc import Iterable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gronnpraksis.core import ratelimit
from gronnpraksis.core.forms import filled_honeypot
from gronnpraksis.core.http import private_link, refuse_bot
from gronnpraksis.core.typing import AuthenticatedRequest
from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import get_edition_for_user
from gronnpraksis.places.models import Municipality
from gronnpraksis.registrations.models import Registration
from gronnpraksis.registrations.permissions import is_well_formed_token

from . import services
from .forms import CoContributorFormSet, ContactForm, ContributionForm
from .permissions import get_contribution_for_user

RECEIPT_SALT = "contribution-receipt"


@private_link  # a `?pamelding=` link carries the manage token and shows the person's details
@ratelimit.limited
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, edition: str) -> HttpResponse:
    """Submit a contribution: on its own, or right after registering (`?pamelding=<token>`)."""
    edition_obj = get_edition_for_user(request, edition)
    registration = _registration_from_token(
        edition_obj, request.POST.get("pamelding") or request.GET.get("pamelding")
    )
    data = request.POST if request.method == "POST" else None
    contact_form = ContactForm(data, initial=_contact_initial(request, registration))
    form = ContributionForm(data, initial=_contribution_initial(registration), edition=edition_obj)
    co_forms = CoContributorFormSet(data, prefix="co")
    if request.method == "POST":
        if filled_honeypot(contact_form):
            return refuse_bot(request)
        if all([contact_form.is_valid(), form.is_valid(), co_forms.is_valid()]) and ratelimit.allows(
            request, form, "contribution", email=contact_form.cleaned_data["contact_email"]
        ):
            try:
                contribution = services.submit_contribution(
                    edition=edition_obj,
                    data=_data(form.cleaned_data),
                    contact=services.Person(
                        contact_form.cleaned_data["contact_name"], contact_form.cleaned_data["contact_email"]
                    ),
                    co_contributors=_people(co_forms),
                    registration=registration,
                    idempotency_key=contact_form.cleaned_data["idempotency_key"],
                    language=get_language() or "nb",
                )
            except services.ContributionError as error:
                form.add_error(None, str(error))
            else:
                token = signing.dumps(contribution.pk, salt=RECEIPT_SALT)
                return redirect("contributions:receipt", edition=edition_obj.slug, token=token)
    return render(
        request,
        "contributions/submit.html",
        {
            "edition": edition_obj,
            "form": form,
            "contact_form": contact_form,
            "co_forms": co_forms,
            "registration": registration,
            "municipalities": Municipality.objects.current(),
        },
    )


def _registration_from_token(edition: Edition, token: str | None) -> Registration | None:
    if not is_well_formed_token(token):
        return None
    return Registration.objects.active().filter(edition=edition, manage_token=token).first()


def _contact_initial(request: HttpRequest, registration: Registration | None) -> dict:
    if registration is not None:
        return {"contact_name": registration.name, "contact_email": registration.email}
    if request.user.is_authenticated:
        return {"contact_name": request.user.name, "contact_email": request.user.email}
    return {}


def _contribution_initial(registration: Registration | None) -> dict:
    if registration is None:
        return {}
    return {
        "municipality": registration.municipality,
        "organisation_name": registration.organisation_name,
        "organisation_number": registration.organisation_number,
    }


def _data(cleaned: dict) -> services.ContributionData:
    return services.ContributionData(
        kind=cleaned.get("kind", ""),
        title=cleaned["title"],
        summary=cleaned["summary"],
        description=cleaned["description"],
        themes=list(cleaned["themes"]),
        goals=list(cleaned["goals"]),
        municipality=cleaned["municipality"],
        organisation_name=cleaned["organisation_name"],
        organisation_number=cleaned["organisation_number"],
        wished_format=cleaned["wished_format"],
        wished_length=cleaned["wished_length"],
        needs=cleaned["needs"],
        availability=list(cleaned.get("availability") or []),
    )


def _people(co_forms: Iterable[forms.Form]) -> list[services.Person]:
    return [
        services.Person(f.cleaned_data["name"], f.cleaned_data["email"])
        for f in co_forms
        if f.cleaned_data.get("email")
    ]


def receipt(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    """The page after submitting; the signed token proves the visitor just submitted it."""
    edition_obj = get_edition_for_user(request, edition)
    try:
        pk = signing.loads(token, salt=RECEIPT_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        raise Http404 from None
    contribution = edition_obj.contributions.filter(pk=pk).prefetch_related("contributors").first()
    if contribution is None:
        raise Http404
    response = render(
        request, "contributions/receipt.html", {"edition": edition_obj, "contribution": contribution}
    )
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
def detail(request: HttpRequest, edition: str, pk: int) -> HttpResponse:
    edition_obj = get_edition_for_user(request, edition)
    contribution = get_contribution_for_user(request, edition_obj, pk)
    return render(
        request,
        "contributions/detail.html",
        {
            "edition": edition_obj,
            "contribution": contribution,
            "can_edit": services.can_still_edit(contribution),
            "can_edit_programme": services.can_edit_programme_fields(contribution),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedRequest, edition: str, pk: int) -> HttpResponse:
    edition_obj = get_edition_for_user(request, edition)
    contribution = get_contribution_for_user(request, edition_obj, pk)
    programme_only = not services.can_still_edit(contribution)
    if programme_only and not services.can_edit_programme_fields(contribution):
        messages.warning(request, str(services.LOCKED_MESSAGE))
        return redirect(contribution.get_absolute_url())
    data = request.POST if request.method == "POST" else None
    initial = {
        "title": contribution.title,
        "summary": contribution.summary,
        "description": contribution.description,
        "themes": list(contribution.themes.all()),
        "goals": list(contribution.goals.all()),
        "municipality": contribution.municipality,
        "organisation_name": contribution.organisation_name,
        "organisation_number": contribution.organisation.number if contribution.organisation else "",
        "wished_format": contribution.wished_format,
        "wished_length": contribution.wished_length,
        "needs": contribution.needs,
        "availability": contribution.availability,
    }
    form = ContributionForm(
        data, initial=initial, editing=True, programme_only=programme_only, edition=edition_obj
    )
    co_forms = CoContributorFormSet(data, prefix="co")
    if request.method == "POST" and form.is_valid() and co_forms.is_valid():
        try:
            if programme_only:
                services.update_programme_fields(
                    contribution=contribution,
                    title=form.cleaned_data["title"],
                    summary=form.cleaned_data["summary"],
                    new_co_contributors=_people(co_forms),
                    editor=request.user,
                )
                if "availability" in form.cleaned_data:
                    services.set_availability(
                        contribution=contribution, availability=form.cleaned_data["availability"]
                    )
            else:
                services.update_contribution(
                    contribution=contribution,
                    data=_data(form.cleaned_data),
                    new_co_contributors=_people(co_forms),
                    editor=request.user,
                )
        except services.ContributionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(contribution.get_absolute_url())
    return render(
        request,
        "contributions/edit.html",
        {
            "edition": edition_obj,
            "contribution": contribution,
            "form": form,
            "co_forms": co_forms,
            "programme_only": programme_only,
            "municipalities": Municipality.objects.current(),
        },
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, edition: str, pk: int) -> HttpResponse:
    edition_obj = get_edition_for_user(request, edition)
    contribution = get_contribution_for_user(request, edition_obj, pk)
    services.withdraw_contribution(contribution=contribution)
    messages.success(request, _("The contribution is withdrawn."))
    return redirect(reverse("mypage:my_page"))
