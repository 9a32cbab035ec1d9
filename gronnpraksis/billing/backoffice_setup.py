"""The organisers' pages for what invoices are built from: each ticket type's price terms (with a
preview of what every tier costs), the edition's discount codes, and the seller."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gronnpraksis.editions.models import Edition, TicketType
from gronnpraksis.editions.permissions import team_view

from . import services
from .models import DiscountCode, SellerProfile, TicketPrice
from .setup_forms import DiscountCodeForm, SellerForm, TicketPriceForm, preview

PRICE_FIELDS = ("ordinary", "includes_vat", "exempt", "vat_rate", "early_bird", "early_bird_until", "student")


def _terms(data: dict[str, Any]) -> list[tuple[str, Decimal, Decimal]]:
    return preview(**{name: data[name] for name in PRICE_FIELDS})


@team_view(organiser=True)
@require_http_methods(["GET"])
def prices(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """Every ticket type with its price terms and what each tier costs ex. and incl. VAT."""
    rows = []
    for ticket in TicketType.objects.filter(edition=edition).select_related("billing_price"):
        price = getattr(ticket, "billing_price", None)
        terms = services.terms_for(ticket)
        rows.append(
            (
                ticket,
                price,
                preview(
                    ordinary=terms.ordinary,
                    early_bird=terms.early_bird,
                    student=terms.student,
                    includes_vat=terms.includes_vat,
                    exempt=terms.exempt,
                    vat_rate=terms.vat_rate,
                    early_bird_until=terms.early_bird_until,
                ),
            )
        )
    return render(request, "billing/backoffice/prices.html", {"edition": edition, "role": role, "rows": rows})


@team_view(organiser=True)
@require_http_methods(["GET", "POST"])
def price(request: HttpRequest, edition: Edition, role: str, ticket: int) -> HttpResponse:
    """One ticket type's price terms. "Preview" shows what each tier costs without saving."""
    ticket_type = get_object_or_404(TicketType, edition=edition, pk=ticket)
    current = TicketPrice.objects.filter(ticket_type=ticket_type).first()
    initial: dict[str, Any] = (
        {name: getattr(current, name) for name in PRICE_FIELDS}
        if current
        else {
            "ordinary": Decimal(ticket_type.price),
            "includes_vat": False,
            "exempt": True,
            "vat_rate": Decimal("25"),
            "early_bird": None,
            "early_bird_until": None,
            "student": None,
        }
    )
    shown = _terms(initial)
    form = TicketPriceForm(initial=initial, edition=edition)
    if request.method == "POST":
        form = TicketPriceForm(request.POST, edition=edition)
        if form.is_valid():
            shown = _terms(form.cleaned_data)
            if "preview" not in request.POST:
                services.save_ticket_price(ticket_type=ticket_type, data=form.cleaned_data)
                messages.success(request, _("The prices of %(ticket)s are saved.") % {"ticket": ticket_type})
                return redirect("billing_backoffice:prices", edition=edition.slug)
        else:
            shown = []
    return render(
        request,
        "billing/backoffice/price_form.html",
        {"edition": edition, "role": role, "ticket": ticket_type, "form": form, "preview": shown},
    )


@team_view(organiser=True)
@require_http_methods(["GET", "POST"])
def discount_codes(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """The edition's discount codes, and a form for a new one."""
    form = DiscountCodeForm(edition=edition, initial={"kind": "percent", "max_uses": 10})
    if request.method == "POST":
        form = DiscountCodeForm(request.POST, edition=edition)
        if form.is_valid():
            try:
                code = services.save_discount_code(edition=edition, code=None, data=form.cleaned_data)
            except services.BillingError as error:
                form.add_error("code", str(error))
            else:
                messages.success(request, _("The discount code %(code)s is created.") % {"code": code.code})
                return redirect("billing_backoffice:discount_codes", edition=edition.slug)
    codes = DiscountCode.objects.filter(edition=edition).prefetch_related("ticket_types")
    return render(
        request,
        "billing/backoffice/discount_codes.html",
        {"edition": edition, "role": role, "codes": codes, "form": form},
    )


@team_view(organiser=True)
@require_http_methods(["GET", "POST"])
def discount_code(request: HttpRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    """Change a discount code."""
    code = get_object_or_404(DiscountCode, edition=edition, pk=pk)
    form = DiscountCodeForm(
        edition=edition,
        instance=code,
        initial={
            "code": code.code,
            "partner": code.partner,
            "kind": code.kind,
            "value": code.value,
            "max_uses": code.max_uses,
            "valid_from": code.valid_from,
            "valid_until": code.valid_until,
            "ticket_types": list(code.ticket_types.all()),
        },
    )
    if request.method == "POST":
        form = DiscountCodeForm(request.POST, edition=edition, instance=code)
        if form.is_valid():
            try:
                services.save_discount_code(edition=edition, code=code, data=form.cleaned_data)
            except services.BillingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The discount code %(code)s is saved.") % {"code": code.code})
                return redirect("billing_backoffice:discount_codes", edition=edition.slug)
    return render(
        request,
        "billing/backoffice/discount_code_form.html",
        {"edition": edition, "role": role, "code": code, "form": form},
    )


@team_view(organiser=True)
@require_POST
def discount_code_active(request: HttpRequest, edition: Edition, role: str, pk: int) -> HttpResponse:
    """Turn a discount code off, or on again (`active=1`)."""
    code = get_object_or_404(DiscountCode, edition=edition, pk=pk)
    active = request.POST.get("active") == "1"
    services.set_discount_code_active(code=code, active=active)
    text = (
        _("The discount code %(code)s can be used again.")
        if active
        else _("The discount code %(code)s is off.")
    )
    messages.success(request, text % {"code": code.code})
    return redirect("billing_backoffice:discount_codes", edition=edition.slug)


@team_view(organiser=True)
@require_http_methods(["GET", "POST"])
def seller(request: HttpRequest, edition: Edition, role: str) -> HttpResponse:
    """Who sends the edition's invoices: legal name, organisation number, VAT, address, account."""
    current = SellerProfile.objects.filter(edition=edition).first()
    fields = list(SellerForm.base_fields)
    form = SellerForm(
        initial={name: getattr(current, name) for name in fields} if current else {"payment_days": 30}
    )
    if request.method == "POST":
        form = SellerForm(request.POST)
        if form.is_valid():
            services.save_seller(edition=edition, data=form.cleaned_data)
            messages.success(request, _("The seller is saved."))
            return redirect("billing_backoffice:seller", edition=edition.slug)
    return render(request, "billing/backoffice/seller.html", {"edition": edition, "role": role, "form": form})
