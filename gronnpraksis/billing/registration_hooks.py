"""Billing's part of the registration (registered in `BillingConfig.ready()` as a
`registrations.extensions.Extension`): the discount code field of the public form, its check and its
redemption in the registration's transaction, the price the person pays on their pages and in the
confirmation mail, and what cancelling through the manage link costs.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gronnpraksis.editions.models import Edition
from gronnpraksis.registrations.extensions import CancellationCost, Extension, PriceLine, Refused
from gronnpraksis.registrations.models import Registration, Role

from . import pricing, services
from .models import DiscountCode, Redemption, SellerProfile

FIELD = "discount_code"


def nok(amount: Decimal) -> str:
    return _("NOK %(price)s") % {"price": number_format(amount, decimal_pos=2, force_grouping=True)}


def percent(value: Decimal) -> str:
    """A percentage without needless decimals: 25, 12,5."""
    return number_format(value, decimal_pos=0 if value == value.to_integral() else 2)


def _fields(edition: Edition) -> dict[str, forms.Field]:
    """The discount code field, only for an edition that has codes."""
    if not DiscountCode.objects.filter(edition=edition).exists():
        return {}
    return {
        FIELD: forms.CharField(
            label=gettext_lazy("Discount code (optional)"),
            max_length=40,
            required=False,
            help_text=gettext_lazy("If a partner has given you a code, it lowers the price of the ticket."),
        )
    }


def _check(edition: Edition, cleaned: Mapping[str, Any]) -> dict[str, str]:
    code, ticket = cleaned.get(FIELD), cleaned.get("ticket_type")
    if not code or ticket is None:
        return {}
    try:
        services.usable_code(edition=edition, code=code, ticket_type=ticket, on=timezone.localdate())
    except services.BillingError as error:
        return {FIELD: str(error)}
    return {}


def _on_register(registration: Registration, extra: Mapping[str, Any]) -> None:
    """Take a use of the code in the registration's transaction; a code used up meanwhile refuses."""
    code = extra.get(FIELD)
    if not code:
        return
    try:
        services.redeem(
            edition=registration.edition, code=code, registration=registration, on=timezone.localdate()
        )
    except services.BillingError as error:
        raise Refused(str(error), field=FIELD) from error


def _vat_registered(edition_id: int) -> bool:
    seller = SellerProfile.objects.filter(edition_id=edition_id).first()
    return seller is None or seller.vat_registered


def _totals(quote: pricing.Quote, edition_id: int) -> pricing.Totals:
    """The totals of one line at the quote, as the invoice will have them (no VAT when the seller is not
    registered for VAT)."""
    rate = quote.vat_rate if _vat_registered(edition_id) else pricing.ZERO
    return pricing.totals([pricing.Line(quantity=1, unit_net=quote.unit_net, vat_rate=rate, category="")])


def _quote(registration: Registration, extra: Mapping[str, Any]) -> tuple[pricing.Quote, str]:
    """The quote and the discount code's text; an unsaved registration is priced from the form's code."""
    if registration.pk is not None:
        redemption = Redemption.objects.filter(registration=registration).select_related("code").first()
        return services.quote_for(registration), redemption.code.code if redemption else ""
    code = extra.get(FIELD) or ""
    found = DiscountCode.objects.filter(edition_id=registration.edition_id, code__iexact=code.strip()).first()
    quote = pricing.quote(
        services.terms_for(registration.ticket_type),
        on=timezone.localdate(),
        student=registration.role == Role.STUDENT,
        discount=found.discount() if found else None,
    )
    return quote, found.code if found else ""


TIERS = {
    pricing.ORDINARY: gettext_lazy("ordinary price"),
    pricing.EARLY_BIRD: gettext_lazy("early-bird price"),
    pricing.STUDENT: gettext_lazy("student price"),
}


def _price_lines(registration: Registration, extra: Mapping[str, Any]) -> list[PriceLine]:
    """The price as lines: the tier's price ex. VAT, the discount, the VAT and what to pay."""
    quote, code = _quote(registration, extra)
    before = quote.unit_net + quote.discount_net
    if not before:
        return [PriceLine(_("Price"), _("Free"))]
    totals = _totals(quote, registration.edition_id)
    lines = [PriceLine(_("Price ex. VAT (%(tier)s)") % {"tier": TIERS[quote.tier]}, nok(before))]
    if quote.discount_net:
        lines.append(PriceLine(_("Discount code %(code)s") % {"code": code}, "− " + nok(quote.discount_net)))
    if totals.vat:
        lines.append(PriceLine(_("VAT %(rate)s %%") % {"rate": percent(quote.vat_rate)}, nok(totals.vat)))
    else:
        lines.append(PriceLine(_("VAT"), _("none (exempt from VAT)")))
    lines.append(PriceLine(_("To pay"), nok(totals.gross)))
    return lines


def _cancellation_cost(registration: Registration, on: datetime.date) -> CancellationCost | None:
    share = services.cancellation_share_on(registration, on)
    quote = services.cancellation_fee_on(registration, on)
    if quote.unit_net <= 0:
        return None
    gross = _totals(quote, registration.edition_id).gross
    if share >= pricing.HUNDRED:
        text = _(
            "Cancelling now costs the full price of the ticket: %(amount)s incl. VAT. It will be invoiced."
        )
    else:
        text = _(
            "Cancelling now costs %(share)s %% of the price of the ticket: %(amount)s incl. VAT. "
            "It will be invoiced."
        )
    return CancellationCost(amount=gross, explanation=text % {"share": percent(share), "amount": nok(gross)})


def _on_cancel(registration: Registration, on: datetime.date) -> None:
    services.record_cancellation_fee(registration=registration, on=on)


EXTENSION = Extension(
    fields=_fields,
    check=_check,
    on_register=_on_register,
    price_lines=_price_lines,
    cancellation_cost=_cancellation_cost,
    on_cancel=_on_cancel,
)
