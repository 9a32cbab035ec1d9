import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gronnpraksis.core import ratelimit
from gronnpraksis.core.forms import filled_honeypot
from gronnpraksis.core.http import private_link, refuse_bot
from gronnpraksis.core.network import client_address, network_marker
from gronnpraksis.editions.calendar import edition_days_calendar
from gronnpraksis.editions.permissions import get_edition_for_user
from gronnpraksis.places.models import Municipality

from . import extensions, personal_data, services, substitution
from .forms import ChangeRegistrationForm, RegistrationForm, ResendLinkForm, TransferForm
from .models import Status
from .permissions import get_registration_for_token


@ratelimit.limited
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, edition: str) -> HttpResponse:
    edition_obj = get_edition_for_user(request, edition)
    form = RegistrationForm(request.POST or None, edition=edition_obj)
    resend_form = None  # "send me my link again", when the address is already registered
    if request.method == "POST":
        if filled_honeypot(form):
            return refuse_bot(request)
        if form.is_valid() and ratelimit.allows(
            request, form, "registration", email=form.cleaned_data["email"]
        ):
            data = form.cleaned_data
            try:
                registration = services.register(
                    edition=edition_obj,
                    idempotency_key=data["idempotency_key"],
                    data=services.RegistrationData(
                        name=data["name"],
                        email=data["email"],
                        phone=data["phone"],
                        organisation_name=data["organisation_name"],
                        organisation_number=data["organisation_number"],
                        sector=data["sector"],
                        role=data["role"],
                        municipality=data["municipality"],
                        ticket_type=data["ticket_type"],
                        days=list(data["days"]),
                        dietary_needs=data["dietary_needs"],
                        accessibility_needs=data["accessibility_needs"],
                        invoice_reference=data["invoice_reference"],
                        payer_type=data["payer_type"],
                        payer_name=data["payer_name"],
                        payer_address=data["payer_address"],
                        news_opt_in=data["news_opt_in"],
                        language=get_language() or "nb",
                        network_marker=network_marker(client_address(request)),
                        extra=form.extra_data(),
                    ),
                )
            except services.AlreadyRegistered as error:
                resend_form = ResendLinkForm(initial={"email": data["email"]})
                form.add_error("email", str(error))
            except services.RegistrationRefused as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
            except services.RegistrationError as error:
                form.add_error(None, str(error))
            else:
                return redirect(registration.get_absolute_url() + "?ny=1")
    return render(
        request,
        "registrations/register.html",
        {
            "edition": edition_obj,
            "form": form,
            "municipalities": Municipality.objects.current(),
            "resend_form": resend_form,
        },
    )


@require_POST
def resend_link(request: HttpRequest, edition: str) -> HttpResponse:
    """ "Send me my link again": the same answer whether or not the address is registered."""
    edition_obj = get_edition_for_user(request, edition)
    form = ResendLinkForm(request.POST)
    if form.is_valid():
        services.resend_manage_link(edition=edition_obj, email=form.cleaned_data["email"])
        messages.success(
            request,
            _(
                "If %(email)s has a registration for %(edition)s, the link to it is on its way there "
                "by e-mail."
            )
            % {"email": form.cleaned_data["email"], "edition": edition_obj.name},
        )
        return redirect(edition_obj.get_absolute_url())
    messages.error(request, _("Enter a valid e-mail address, like ola.nordmann@kommune.no."))
    return redirect("registrations:register", edition=edition_obj.slug)


@private_link
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    """The participant's own page, reached by the secret link in the confirmation."""
    edition_obj = get_edition_for_user(request, edition)
    registration = get_registration_for_token(request, edition_obj, token)
    initial = {
        "days": list(registration.days.all()),
        "phone": registration.phone,
        "dietary_needs": registration.dietary_needs,
        "accessibility_needs": registration.accessibility_needs,
        "news_opt_in": registration.news_opt_in,
    }
    form = ChangeRegistrationForm(request.POST or None, edition=edition_obj, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_registration(registration=registration, **form.cleaned_data)
        except services.RegistrationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Your registration has been changed. A confirmation is on its way by e-mail.")
            )
            return redirect(registration.get_absolute_url())
    return render(
        request,
        "registrations/manage.html",
        {
            "edition": edition_obj,
            "registration": registration,
            "form": form,
            "is_new": request.GET.get("ny") == "1",
            "position": services.waitlist_position(registration),
            "can_change": registration.status != Status.CANCELLED and edition_obj.registration_open,
            "contributions": registration.contributions.all(),
            "price_lines": extensions.price_lines(registration) if registration.is_active else [],
            "can_transfer": substitution.transfer_refusal(registration) is None,
        },
    )


def _cost_key(cost: extensions.CancellationCost | None) -> str:
    """What the cancel page shows as the cost, echoed by its form: "0" when cancelling is free."""
    return str(cost.amount) if cost is not None else "0"


@private_link
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    """Cancel through the manage link; a confirmed registration sees first what cancelling now costs."""
    edition_obj = get_edition_for_user(request, edition)
    registration = get_registration_for_token(request, edition_obj, token)
    cost = None
    if registration.status == Status.CONFIRMED:
        cost = extensions.cancellation_cost(registration, timezone.localdate())
    changed = request.method == "POST" and request.POST.get("cost", "0") != _cost_key(cost)
    if changed and registration.is_active:
        # The terms moved on (a deadline passed) while the page was open: show the new cost first.
        messages.warning(
            request, _("What cancelling costs has changed since you opened the page. Look at it again.")
        )
    elif request.method == "POST":
        services.cancel_registration(registration=registration, by_participant=True)
        messages.success(request, _("Your registration is cancelled. Thank you for letting us know."))
        # The cancel form asks whether news should keep coming; only an explicit "stop" withdraws.
        if request.POST.get("news") == "stop" and services.withdraw_news_consent(registration=registration):
            messages.success(request, _("We will no longer send you news."))
        return redirect(registration.get_absolute_url())
    return render(
        request,
        "registrations/cancel.html",
        {"edition": edition_obj, "registration": registration, "cost": cost, "cost_key": _cost_key(cost)},
    )


@private_link
@require_http_methods(["GET", "POST"])
def transfer(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    """Pass the registration on to a colleague of the same organisation; this link stops working."""
    edition_obj = get_edition_for_user(request, edition)
    registration = get_registration_for_token(request, edition_obj, token)
    form = TransferForm(request.POST or None)
    refusal = substitution.transfer_refusal(registration)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            substitution.transfer_registration(
                registration=registration, name=form.cleaned_data["name"], email=form.cleaned_data["email"]
            )
        except services.RegistrationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The registration is passed on to %(name)s, who gets an e-mail with their own link.")
                % {"name": form.cleaned_data["name"]},
            )
            return redirect(edition_obj.get_absolute_url())
    return render(
        request,
        "registrations/transfer.html",
        {"edition": edition_obj, "registration": registration, "form": form, "refusal": refusal},
    )


@private_link
@require_POST
def stop_news(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    """Withdraw the news consent: works in every state, also after registration has closed."""
    edition_obj = get_edition_for_user(request, edition)
    registration = get_registration_for_token(request, edition_obj, token)
    services.withdraw_news_consent(registration=registration)
    messages.success(request, _("We will no longer send you news."))
    return redirect(registration.get_absolute_url())


@private_link
def calendar(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    edition_obj = get_edition_for_user(request, edition)
    registration = get_registration_for_token(request, edition_obj, token)
    days = registration.days.all() if registration.status == Status.CONFIRMED else []
    body = edition_days_calendar(edition_obj, days, uid_prefix=registration.calendar_uid)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{edition_obj.slug}.ics"'
    return response


@private_link
@require_POST
def export(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    """Everything stored in this registration, as a JSON file (GDPR art. 15 and 20)."""
    edition_obj = get_edition_for_user(request, edition)
    registration = get_registration_for_token(request, edition_obj, token)
    body = json.dumps(personal_data.export_personal_data(registration), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{edition_obj.slug}-pamelding.json"'
    return response
