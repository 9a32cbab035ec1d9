"""The participant's side of the day, behind the manage link: the ticket's QR code, the PDF ticket and
the attendance certificate (downloaded, or its link mailed on request). The manage token opens these;
the check-in secret they show opens nothing."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gronnpraksis.core.http import private_link
from gronnpraksis.editions.permissions import get_edition_for_user
from gronnpraksis.registrations.models import Registration, Status
from gronnpraksis.registrations.permissions import get_registration_for_token

from . import attendance, pdfs, qr, services
from .models import CheckInPass


def _confirmed(request: HttpRequest, edition: str, token: str) -> Registration:
    registration = get_registration_for_token(request, get_edition_for_user(request, edition), token)
    if registration.status != Status.CONFIRMED:
        raise Http404
    return registration


def _pass(request: HttpRequest, edition: str, token: str) -> CheckInPass:
    return services.pass_for(_confirmed(request, edition, token))


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@private_link
@require_GET
def qr_svg(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    return HttpResponse(qr.svg(_pass(request, edition, token)), content_type="image/svg+xml")


@private_link
@require_GET
def qr_png(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    """The QR code as a PNG, for mail programs that show no SVG."""
    return HttpResponse(qr.png(_pass(request, edition, token)), content_type="image/png")


@private_link
@require_GET
def ticket(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    checkin_pass = _pass(request, edition, token)
    return _pdf(pdfs.ticket(checkin_pass), f"{checkin_pass.registration.edition.slug}-billett.pdf")


@private_link
@require_GET
def certificate(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    registration = _confirmed(request, edition, token)
    facts = attendance.certificate_for(registration)
    if facts is None:
        raise Http404
    return _pdf(pdfs.certificate(facts), f"{registration.edition.slug}-kursbevis.pdf")


@private_link
@require_POST
def certificate_mail(request: HttpRequest, edition: str, token: str) -> HttpResponse:
    """Mail the certificate's link to the registration's own address, then back to the manage page."""
    registration = _confirmed(request, edition, token)
    if attendance.certificate_for(registration) is None:
        raise Http404
    if services.mail_certificate(registration=registration):
        messages.success(
            request,
            _("We have sent the link to your certificate to %(email)s.") % {"email": registration.email},
        )
    else:
        messages.info(
            request, _("The link to your certificate was mailed a few minutes ago. Check your inbox.")
        )
    return redirect(registration.get_absolute_url())
