"""The organisers' invoice pages: invoices, credit notes and what is unpaid, the invoice basis as CSV,
and each document as EHF / PEPPOL BIS Billing 3.0 XML."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import team_view

from . import exports, services, ubl
from .models import DocumentKind, Invoice

ALL, INVOICES, CREDIT_NOTES, UNPAID = "alle", "fakturaer", "kreditnotaer", "ubetalt"


def _chosen(edition: Edition, show: str) -> QuerySet[Invoice]:
    invoices = Invoice.objects.filter(edition=edition).select_related("series", "credits__series")
    if show == INVOICES:
        return invoices.filter(kind=DocumentKind.INVOICE)
    if show == CREDIT_NOTES:
        return invoices.filter(kind=DocumentKind.CREDIT_NOTE)
    if show == UNPAID:
        return services.unpaid(edition).select_related("series")
    return invoices


def _show(request: HttpRequest) -> str:
    show = request.GET.get("vis", ALL)
    return show if show in (ALL, INVOICES, CREDIT_NOTES, UNPAID) else ALL


@team_view(organiser=True)
@require_GET
def invoices(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """Invoices and credit notes of the edition, all or one kind, or the unpaid ones."""
    show = _show(request)
    filters = [
        (ALL, _("All")),
        (INVOICES, _("Invoices")),
        (CREDIT_NOTES, _("Credit notes")),
        (UNPAID, _("Unpaid")),
    ]
    return render(
        request,
        "billing/backoffice/invoices.html",
        {
            "edition": edition,
            "role": role,
            "show": show,
            "filters": filters,
            "invoices": list(_chosen(edition, show).order_by("series__name", "number")),
            "unpaid_count": services.unpaid(edition).count(),
        },
    )


@team_view(organiser=True)
@require_GET
def invoice_basis_csv(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """The invoice basis of the chosen documents as CSV, one row per line."""
    show = _show(request)
    text = exports.invoice_basis_csv(exports.lines_for(_chosen(edition, show)))
    response = HttpResponse(text, content_type="text/csv; charset=utf-8; header=present")
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-fakturagrunnlag-{show}.csv"'
    return response


@team_view(organiser=True)
@require_GET
def invoice_xml(request: HttpRequest, edition: Edition, role: str, number: int, series: str) -> HttpResponse:
    """One invoice or credit note as EHF / PEPPOL BIS Billing 3.0 UBL XML."""
    invoice = get_object_or_404(
        Invoice.objects.select_related("series", "credits__series"),
        edition=edition,
        series__name=series,
        number=number,
    )
    response = HttpResponse(ubl.document(invoice), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{invoice.identifier}.xml"'
    return response
