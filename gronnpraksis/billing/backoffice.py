"""The organisers' invoice pages: invoices, credit notes and what is unpaid, the invoice basis as CSV,
and each document as EHF / PEPPOL BIS Billing 3.0 XML."""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Edition
from gronnpraksis.editions.permissions import team_view
from gronnpraksis.registrations.models import Registration, Status

from . import changes, exports, payers, services, ubl
from .forms import CancellationTermsForm, FreeTicketForm, IssueForm
from .models import CancellationFee, CancellationTerms, DocumentKind, FreeTicket, Invoice

ALL, INVOICES, CREDIT_NOTES, UNPAID = "alle", "fakturaer", "kreditnotaer", "ubetalt"


def _chosen(edition: Edition, show: str) -> QuerySet[Invoice]:
    invoices = (
        Invoice.objects.filter(edition=edition)
        .select_related("series", "credits__series")
        .prefetch_related("credit_notes")
    )
    if show == INVOICES:
        return invoices.filter(kind=DocumentKind.INVOICE)
    if show == CREDIT_NOTES:
        return invoices.filter(kind=DocumentKind.CREDIT_NOTE)
    if show == UNPAID:
        return services.unpaid(edition).select_related("series").prefetch_related("credit_notes")
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
            "changed": changes.changed(edition),
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
@require_http_methods(["GET", "POST"])
def issue(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """What is not invoiced yet, by payer; a POST issues one invoice to one payer (a collective invoice
    for an organisation's participants, or one to a person paying privately)."""
    waiting = payers.uninvoiced(edition)
    forms = {p.key: IssueForm(initial=p.initial(), prefix=p.key) for p in waiting}
    if request.method == "POST":
        key = request.POST.get("payer", "")
        payer = next((p for p in waiting if p.key == key), None)
        if payer is None:
            messages.error(request, _("That payer has nothing left to invoice."))
            return redirect("billing_backoffice:issue", edition=edition.slug)
        form = IssueForm(request.POST, prefix=payer.key)
        forms[payer.key] = form
        if form.is_valid():
            try:
                issued = _issue_to(edition, payer, form.cleaned_data)
            except services.BillingError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    ngettext(
                        "Invoice %(numbers)s is issued.", "Invoices %(numbers)s are issued.", len(issued)
                    )
                    % {"numbers": ", ".join(invoice.identifier for invoice in issued)},
                )
                return redirect("billing_backoffice:issue", edition=edition.slug)
    return render(
        request,
        "billing/backoffice/issue.html",
        {"edition": edition, "role": role, "payers": [(p, forms[p.key]) for p in waiting]},
    )


def _issue_to(edition: Edition, payer: payers.Payer, data: dict[str, Any]) -> list[Invoice]:
    """One collective invoice to the payer, or one per participant when the organiser chose that for an
    organisation with several participants."""
    buyer = payer.buyer(data)
    today = timezone.localdate()
    if data.get("one_per_participant") and payer.organisation_number and len(payer.registrations) > 1:
        return services.issue_one_per_participant(
            edition=edition, registrations=payer.registrations, buyer=buyer, on=today
        )
    return [services.issue_invoice(edition=edition, registrations=payer.registrations, buyer=buyer, on=today)]


def _document(edition: Edition, series: str, number: int) -> Invoice:
    return get_object_or_404(
        Invoice.objects.select_related("series", "credits__series"),
        edition=edition,
        series__name=series,
        number=number,
    )


@team_view(organiser=True)
@require_POST
def mark_paid(request: HttpRequest, edition: Edition, role: str, number: int, series: str) -> HttpResponse:
    """Record today as the invoice's payment date."""
    invoice = _document(edition, series, number)
    try:
        services.mark_paid(invoice=invoice, on=timezone.localdate())
    except services.BillingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Invoice %(number)s is marked as paid.") % {"number": invoice.identifier})
    return redirect("billing_backoffice:invoices", edition=edition.slug)


@team_view(organiser=True)
@require_POST
def credit(request: HttpRequest, edition: Edition, role: str, number: int, series: str) -> HttpResponse:
    """Credit the invoice in full; its participants can then be invoiced again."""
    invoice = _document(edition, series, number)
    try:
        note = services.credit_invoice(invoice=invoice, on=timezone.localdate())
    except services.BillingError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Credit note %(note)s credits invoice %(number)s.")
            % {"note": note.identifier, "number": invoice.identifier},
        )
    return redirect("billing_backoffice:invoices", edition=edition.slug)


@team_view(organiser=True)
@require_POST
def reissue(request: HttpRequest, edition: Edition, role: str, number: int, series: str) -> HttpResponse:
    """Credit an invoice whose registrations changed, and invoice what they owe now."""
    invoice = _document(edition, series, number)
    try:
        note, new = services.reissue_invoice(invoice=invoice, on=timezone.localdate())
    except services.BillingError as error:
        messages.error(request, str(error))
    else:
        if new is None:
            text = _("Credit note %(note)s credits invoice %(number)s; nothing is owed now.") % {
                "note": note.identifier,
                "number": invoice.identifier,
            }
        else:
            text = _("Credit note %(note)s credits invoice %(number)s, and invoice %(new)s is issued.") % {
                "note": note.identifier,
                "number": invoice.identifier,
                "new": new.identifier,
            }
        messages.success(request, text)
    return redirect("billing_backoffice:invoices", edition=edition.slug)


@team_view(organiser=True)
@require_GET
def invoice_xml(request: HttpRequest, edition: Edition, role: str, number: int, series: str) -> HttpResponse:
    """One invoice or credit note as EHF / PEPPOL BIS Billing 3.0 UBL XML."""
    invoice = _document(edition, series, number)
    response = HttpResponse(ubl.document(invoice), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{invoice.identifier}.xml"'
    return response


@team_view(organiser=True)
@require_http_methods(["GET", "POST"])
def free_tickets(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """Who comes free (speakers, jury members, volunteers): one choice per confirmed registration.
    A change affects invoices issued from now on; an issued invoice is changed by crediting it."""
    if request.method == "POST":
        form = FreeTicketForm(request.POST)
        registration = (
            Registration.objects.filter(edition=edition, pk=form.cleaned_data["registration"]).first()
            if form.is_valid()
            else None
        )
        if registration is None:
            messages.error(request, _("Choose one of the edition's registrations."))
        elif form.cleaned_data["role"]:
            services.grant_free_ticket(
                registration=registration,
                role=form.cleaned_data["role"],
                by=request.user if isinstance(request.user, User) else None,
            )
            messages.success(request, _("%(name)s comes free.") % {"name": registration.name})
        else:
            services.revoke_free_ticket(registration=registration)
            messages.success(request, _("%(name)s pays.") % {"name": registration.name})
        return redirect("billing_backoffice:free_tickets", edition=edition.slug)
    registrations = (
        Registration.objects.filter(edition=edition, status=Status.CONFIRMED, anonymised_at__isnull=True)
        .select_related("ticket_type")
        .order_by("name")
    )
    roles = dict(
        FreeTicket.objects.filter(registration__edition=edition).values_list("registration_id", "role")
    )
    rows = [
        (
            r,
            FreeTicketForm(
                initial={"registration": r.pk, "role": roles.get(r.pk, "")}, auto_id=f"free-{r.pk}-%s"
            ),
        )
        for r in registrations
    ]
    return render(
        request, "billing/backoffice/free_tickets.html", {"edition": edition, "role": role, "rows": rows}
    )


@team_view(organiser=True)
@require_http_methods(["GET", "POST"])
def cancellation_terms(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """What cancelling through the manage link costs, and the fees participants have owed so far."""
    current = CancellationTerms.objects.filter(edition=edition).first()
    initial = (
        {"free_until": current.free_until, "share": current.share, "share_until": current.share_until}
        if current
        else {}
    )
    form = CancellationTermsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_cancellation_terms(edition=edition, **form.cleaned_data)
        messages.success(request, _("The cancellation terms are saved."))
        return redirect("billing_backoffice:cancellation_terms", edition=edition.slug)
    fees = (
        CancellationFee.objects.filter(registration__edition=edition)
        .select_related("registration")
        .order_by("cancelled_on", "registration__name")
    )
    return render(
        request,
        "billing/backoffice/cancellation_terms.html",
        {"edition": edition, "role": role, "form": form, "fees": fees},
    )
