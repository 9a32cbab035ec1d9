"""State changes of billing: free tickets, discount code redemptions, invoices and credit notes.

Every function is keyword-only and says what it writes. Nothing here sends mail or calls the network.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Edition, TicketType
from gronnpraksis.registrations.models import Registration, Role, Status

from . import cancellation, pricing
from .models import (
    CancellationFee,
    CancellationTerms,
    DiscountCode,
    DocumentKind,
    FreeTicket,
    Invoice,
    InvoiceLine,
    InvoiceSeries,
    Redemption,
    SellerProfile,
    TicketPrice,
)

NOT_SUBJECT = "O"  # EN 16931 category "not subject to VAT": the seller is not registered for VAT


class BillingError(Exception):
    """A billing request that cannot be done; the message says why, in the user's language."""


# --- Prices ----------------------------------------------------------------------------------------


def terms_for(ticket_type: TicketType) -> pricing.PriceTerms:
    """The ticket type's price terms; without a `TicketPrice` its plain price, exempt from VAT."""
    price = getattr(ticket_type, "billing_price", None)
    if price is not None:
        return price.terms()
    return pricing.PriceTerms(ordinary=Decimal(ticket_type.price))


def quote_for(registration: Registration) -> pricing.Quote:
    """What the registration costs: tier by its registration date and role, free ticket, discount code.
    A cancelled registration costs its cancellation fee (`record_cancellation_fee`), or nothing."""
    if registration.status == Status.CANCELLED:
        fee = CancellationFee.objects.filter(registration=registration).first()
        return fee.quote() if fee is not None else cancellation.NOTHING
    return ticket_quote(registration)


def ticket_quote(registration: Registration) -> pricing.Quote:
    """What the registration's ticket costs, whatever its status (see `quote_for`)."""
    redemption = Redemption.objects.filter(registration=registration).select_related("code").first()
    return pricing.quote(
        terms_for(registration.ticket_type),
        on=registration.created_at.date(),
        student=registration.role == Role.STUDENT,
        free=FreeTicket.objects.filter(registration=registration).exists(),
        discount=redemption.code.discount() if redemption else None,
    )


def grant_free_ticket(*, registration: Registration, role: str, by: User | None) -> FreeTicket:
    """Let the registration pay nothing because of the person's role. Writes one FreeTicket row."""
    ticket, _created = FreeTicket.objects.update_or_create(
        registration=registration, defaults={"role": role, "granted_by": by}
    )
    return ticket


def revoke_free_ticket(*, registration: Registration) -> None:
    """The registration pays again. Deletes its FreeTicket row, if any."""
    FreeTicket.objects.filter(registration=registration).delete()


# --- Discount codes -----------------------------------------------------------------------------


def usable_code(*, edition: Edition, code: str, ticket_type: TicketType, on: datetime.date) -> DiscountCode:
    """The edition's code (any letter case) if it can be used on `on` for the ticket type and has uses
    left; otherwise BillingError says why. Read only: `redeem` takes the use."""
    found = DiscountCode.objects.filter(edition=edition, code__iexact=code.strip()).first()
    if found is None or not found.is_active:
        raise BillingError(_("The discount code is not valid."))
    if (found.valid_from and on < found.valid_from) or (found.valid_until and on > found.valid_until):
        raise BillingError(_("The discount code is not valid on this date."))
    if found.ticket_types.exists() and not found.ticket_types.filter(pk=ticket_type.pk).exists():
        raise BillingError(_("The discount code does not apply to this ticket type."))
    if found.used >= found.max_uses:
        raise BillingError(_("The discount code has been used up."))
    return found


def redeem(*, edition: Edition, code: str, registration: Registration, on: datetime.date) -> Redemption:
    """Use the code for the registration.

    The use is taken by one conditional UPDATE (`used < max_uses`), so concurrent redemptions never
    exceed the limit; the check constraint stops it even if this code were bypassed. Raises
    BillingError when the code is unknown, not valid on `on`, not for the ticket type or used up.
    Side effects: raises `DiscountCode.used` by one, writes one Redemption, in one transaction.
    """
    found = usable_code(edition=edition, code=code, ticket_type=registration.ticket_type, on=on)
    if Redemption.objects.filter(registration=registration).exists():
        raise BillingError(_("A discount code has already been used for this registration."))
    try:
        with transaction.atomic():
            took = DiscountCode.objects.filter(pk=found.pk, used__lt=F("max_uses")).update(used=F("used") + 1)
            if not took:
                raise BillingError(_("The discount code has been used up."))
            return Redemption.objects.create(code=found, registration=registration)
    except IntegrityError as error:  # the same registration redeemed twice at once
        raise BillingError(_("A discount code has already been used for this registration.")) from error


def save_discount_code(*, edition: Edition, code: DiscountCode | None, data: dict[str, Any]) -> DiscountCode:
    """Create a discount code (`code` None) or change one, with its ticket types.

    The number of uses is changed by a conditional UPDATE (`used <= max_uses`), so a redemption
    taken meanwhile is never exceeded; a code taken by a concurrent request is refused.
    Raises BillingError. Side effects: writes the DiscountCode row and its ticket types.
    """
    fields = {name: data[name] for name in ("code", "partner", "kind", "value", "valid_from", "valid_until")}
    try:
        with transaction.atomic():
            if code is None:
                code = DiscountCode.objects.create(edition=edition, max_uses=data["max_uses"], **fields)
            else:
                changed = DiscountCode.objects.filter(
                    pk=code.pk, edition=edition, used__lte=data["max_uses"]
                ).update(max_uses=data["max_uses"], **fields)
                if not changed:
                    raise BillingError(_("The code has been used more times than the new number of uses."))
                code.refresh_from_db()
            code.ticket_types.set(data["ticket_types"])
    except IntegrityError as error:
        raise BillingError(
            _("The edition already has the code %(code)s.") % {"code": data["code"]}
        ) from error
    return code


def set_discount_code_active(*, code: DiscountCode, active: bool) -> None:
    """Turn a code off (it can no longer be used; uses already taken stay) or on again. One UPDATE."""
    DiscountCode.objects.filter(pk=code.pk).update(is_active=active)


# --- Prices and the seller ------------------------------------------------------------------------


def save_ticket_price(*, ticket_type: TicketType, data: dict[str, Any]) -> TicketPrice:
    """Set the ticket type's price terms (invoices issued from now on use them).
    Side effects: writes the TicketPrice row."""
    fields = ("ordinary", "includes_vat", "exempt", "vat_rate", "early_bird", "early_bird_until", "student")
    price, _created = TicketPrice.objects.update_or_create(
        ticket_type=ticket_type, defaults={name: data[name] for name in fields}
    )
    return price


def save_seller(*, edition: Edition, data: dict[str, Any]) -> SellerProfile:
    """Set who sends the edition's invoices. Side effects: writes the SellerProfile row."""
    fields = (
        "name",
        "organisation_number",
        "vat_registered",
        "street",
        "postcode",
        "city",
        "account_number",
        "email",
        "series",
        "payment_days",
    )
    seller, _created = SellerProfile.objects.update_or_create(
        edition=edition, defaults={name: data[name] for name in fields}
    )
    return seller


# --- Invoices -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Buyer:
    name: str
    reference: str  # the buyer reference (EHF BT-10): required
    organisation_number: str = ""  # empty for a private payer
    address: str = ""
    postcode: str = ""
    city: str = ""
    country: str = "NO"  # ISO 3166-1 alpha-2
    email: str = ""


def _next_number_lock(series_name: str) -> InvoiceSeries:
    """The series' row, created if new, locked until the surrounding transaction ends."""
    InvoiceSeries.objects.get_or_create(name=series_name)
    return InvoiceSeries.objects.select_for_update().get(name=series_name)


def _next_number(series_name: str) -> tuple[InvoiceSeries, int]:
    """Take the series' next number. Must run inside the transaction that stores the invoice: the row
    lock is held until it commits, so a rolled-back invoice gives its number back (no gaps)."""
    series = _next_number_lock(series_name)
    number = series.next_number
    InvoiceSeries.objects.filter(pk=series.pk).update(next_number=F("next_number") + 1)
    return series, number


def _store(
    *,
    edition: Edition,
    kind: str,
    buyer: Buyer,
    lines: Sequence[InvoiceLine],
    on: datetime.date,
    credits: Invoice | None = None,
) -> Invoice:
    seller = SellerProfile.objects.filter(edition=edition).first()
    if seller is None:
        raise BillingError(_("Fill in who sends the invoices for this edition first."))
    if not buyer.reference.strip():
        raise BillingError(_("An invoice needs the buyer's reference."))
    totals = pricing.totals(line.priced() for line in lines)
    with transaction.atomic():
        series, number = _next_number(seller.series)
        invoice = Invoice.objects.create(
            edition=edition,
            kind=kind,
            series=series,
            number=number,
            issued_on=on,
            due_on=on + datetime.timedelta(days=seller.payment_days),
            credits=credits,
            buyer_name=buyer.name,
            buyer_organisation_number=buyer.organisation_number,
            buyer_address=buyer.address,
            buyer_postcode=buyer.postcode,
            buyer_city=buyer.city,
            buyer_country=(buyer.country or "NO").upper(),
            buyer_reference=buyer.reference.strip(),
            buyer_email=buyer.email,
            net=totals.net,
            vat=totals.vat,
            gross=totals.gross,
        )
        for position, line in enumerate(lines, start=1):
            line.invoice, line.position = invoice, position
        InvoiceLine.objects.bulk_create(lines)
    return invoice


def line_for(registration: Registration, vat_registered: bool) -> InvoiceLine:
    """The invoice line the registration would get now (not stored)."""
    quote = quote_for(registration)
    description = str(registration.ticket_type)
    if quote.tier == cancellation.CANCELLATION:
        description += " (" + _("cancellation fee") + ")"
    elif quote.discount_net:
        description += " (" + _("discount code") + ")"
    return InvoiceLine(
        registration=registration,
        participant=registration.name,
        description=f"{registration.edition.name}: {description}"[:200],
        quantity=1,
        unit_net=quote.unit_net,
        discount_net=quote.discount_net,
        net=pricing.to_ore(quote.unit_net),
        vat_rate=quote.vat_rate if vat_registered else pricing.ZERO,
        vat_category=quote.category if vat_registered else NOT_SUBJECT,
    )


def issue_invoice(
    *, edition: Edition, registrations: Sequence[Registration], buyer: Buyer, on: datetime.date
) -> Invoice:
    """Issue one invoice for the registrations: many (a collective invoice to an organisation) or one
    (to the person). Free tickets (nothing to pay) get no line; a registration already on an invoice
    that is not credited is refused.
    Side effects: takes the series' next number, writes the invoice and its lines, in one transaction.
    """
    seller = SellerProfile.objects.filter(edition=edition).first()
    if seller is None:
        raise BillingError(_("Fill in who sends the invoices for this edition first."))
    with transaction.atomic():
        # The series' row lock serialises the invoices of the series, so two organisers invoicing the
        # same person at once cannot both pass this check.
        _next_number_lock(seller.series)
        if invoiced_registrations(edition).filter(pk__in=[r.pk for r in registrations]).exists():
            raise BillingError(_("One of the registrations is already invoiced."))
        lines = [line for line in (line_for(r, seller.vat_registered) for r in registrations) if line.net > 0]
        if not lines:
            raise BillingError(_("There is nothing to invoice."))
        return _store(edition=edition, kind=DocumentKind.INVOICE, buyer=buyer, lines=lines, on=on)


def issue_one_per_participant(
    *, edition: Edition, registrations: Sequence[Registration], buyer: Buyer, on: datetime.date
) -> list[Invoice]:
    """One invoice per registration to the same buyer (an organisation that wants its participants'
    invoices apart), each with the reference its participant gave, else the buyer's: all or none.
    Side effects: as `issue_invoice`, once per registration, in one transaction."""
    with transaction.atomic():
        return [
            issue_invoice(
                edition=edition,
                registrations=[registration],
                buyer=replace(buyer, reference=registration.invoice_reference.strip() or buyer.reference),
                on=on,
            )
            for registration in registrations
        ]


def credit_invoice(*, invoice: Invoice, on: datetime.date) -> Invoice:
    """Credit an issued invoice in full (the invoice itself is never changed); a change is then a new
    invoice for what is owed now. Side effects: takes a number, writes the credit note and its lines."""
    if invoice.is_credit_note:
        raise BillingError(_("A credit note cannot be credited."))
    try:
        with transaction.atomic():
            # The invoice's series row is locked first, so two organisers crediting the same invoice at
            # once wait for each other and the second sees the first's credit note (burst test); the
            # unique constraint `invoice_credited_once` refuses a second one even so.
            InvoiceSeries.objects.select_for_update().get(pk=invoice.series_id)
            if Invoice.objects.filter(credits=invoice).exists():
                raise BillingError(_("The invoice is already credited."))
            return _credit(invoice=invoice, on=on)
    except IntegrityError as error:
        raise BillingError(_("The invoice is already credited.")) from error


def _credit(*, invoice: Invoice, on: datetime.date) -> Invoice:
    lines = [
        InvoiceLine(
            registration=line.registration,
            participant=line.participant,
            description=line.description,
            quantity=line.quantity,
            unit_net=line.unit_net,
            discount_net=line.discount_net,
            net=line.net,
            vat_rate=line.vat_rate,
            vat_category=line.vat_category,
        )
        for line in invoice.lines.all()
    ]
    return _store(
        edition=invoice.edition,
        kind=DocumentKind.CREDIT_NOTE,
        buyer=buyer_of(invoice),
        lines=lines,
        on=on,
        credits=invoice,
    )


def reissue_invoice(*, invoice: Invoice, on: datetime.date) -> tuple[Invoice, Invoice | None]:
    """Credit the invoice in full and invoice its registrations again for what they owe now (to the
    same buyer, with the same reference): cancelled, waitlisted, erased and now free registrations get
    no line, so the new invoice is left out when nothing is owed.
    Side effects, in one transaction: the credit note and, if anything is owed, a new invoice (two
    numbers of the series). The series' row lock makes two organisers doing this at once credit once.
    Returns (credit note, new invoice or None).
    """
    seller = SellerProfile.objects.filter(edition=invoice.edition).first()
    if seller is None:
        raise BillingError(_("Fill in who sends the invoices for this edition first."))
    with transaction.atomic():
        # The invoice's series first, then (in `issue_invoice`) the seller's: the order `credit_invoice`
        # takes them in too, so the two never wait for each other crosswise.
        InvoiceSeries.objects.select_for_update().get(pk=invoice.series_id)
        note = credit_invoice(invoice=invoice, on=on)
        registrations = [
            r
            for r in Registration.objects.filter(
                invoice_lines__invoice=invoice, status=Status.CONFIRMED, anonymised_at__isnull=True
            )
            .select_related("ticket_type__billing_price", "edition")
            .distinct()
            .order_by("name", "pk")
            if quote_for(r).unit_net > 0
        ]
        if not registrations:
            return note, None
        return note, issue_invoice(
            edition=invoice.edition, registrations=registrations, buyer=buyer_of(invoice), on=on
        )


def mark_paid(*, invoice: Invoice, on: datetime.date) -> None:
    """Record the payment date (the only field of an issued invoice that is written). One UPDATE.
    A credit note is not paid (BillingError); a credited invoice may still have been paid before."""
    if invoice.is_credit_note:
        raise BillingError(_("A credit note is not paid; record the payment on the invoice."))
    Invoice.objects.filter(pk=invoice.pk, kind=DocumentKind.INVOICE).update(paid_on=on)


def invoiced_registrations(edition: Edition) -> QuerySet[Registration]:
    """Registrations on an invoice of the edition that has no credit note."""
    return Registration.objects.filter(
        edition=edition,
        invoice_lines__invoice__kind=DocumentKind.INVOICE,
        invoice_lines__invoice__credit_notes__isnull=True,
    ).distinct()


def unpaid(edition: Edition) -> QuerySet[Invoice]:
    """Invoices not paid and not credited."""
    return Invoice.objects.filter(
        edition=edition, kind=DocumentKind.INVOICE, paid_on__isnull=True, credit_notes__isnull=True
    )


def anonymise_invoice_lines(registrations: QuerySet[Registration]) -> int:
    """Empty the participant's name on the invoice lines of erased registrations; the amounts, the
    buyer (an organisation) and the line stay (bookkeeping act: five years). Returns lines changed."""
    return (
        InvoiceLine.objects.filter(registration__in=registrations)
        .filter(~Q(participant=""))
        .update(participant="")
    )


# --- Cancellation --------------------------------------------------------------------------------


def set_cancellation_terms(
    *, edition: Edition, free_until: datetime.date, share: Decimal, share_until: datetime.date
) -> CancellationTerms:
    """Set what cancelling through the manage link costs from now on (fees already recorded stay).
    Side effects: the edition's CancellationTerms row, created or updated."""
    terms, _created = CancellationTerms.objects.update_or_create(
        edition=edition, defaults={"free_until": free_until, "share": share, "share_until": share_until}
    )
    return terms


def cancellation_share_on(registration: Registration, on: datetime.date) -> Decimal:
    """The percent of the price that cancelling the registration on `on` costs (0 without terms)."""
    terms = CancellationTerms.objects.filter(edition_id=registration.edition_id).first()
    return cancellation.share_on(terms.terms() if terms else None, on)


def cancellation_fee_on(registration: Registration, on: datetime.date) -> pricing.Quote:
    """What cancelling the registration on `on` costs under its edition's terms (nothing without terms,
    for a free ticket, or when the free period has not ended). Read only."""
    share = cancellation_share_on(registration, on)
    if not share:
        return cancellation.NOTHING
    return cancellation.fee(ticket_quote(registration), share)


def record_cancellation_fee(*, registration: Registration, on: datetime.date) -> CancellationFee | None:
    """Record what the participant owes for cancelling on `on` (run inside the cancellation's
    transaction, after the registration is marked cancelled), so that the fee is what is invoiced:

    - not on an invoice yet: the fee is what `issue_invoice` will invoice for it;
    - on an issued invoice: that invoice is credited in full, and a new invoice to the same buyer
      (same reference) has the fee and the other registrations the invoice had (an issued invoice
      never changes). Without anything left to pay, there is no new invoice.

    Returns the fee, or None when cancelling cost nothing. Side effects: one CancellationFee row; a
    credit note and a new invoice when it was invoiced (each takes a number of the series).
    """
    share = cancellation_share_on(registration, on)
    quote = cancellation.fee(ticket_quote(registration), share) if share else cancellation.NOTHING
    fee = None
    if quote.unit_net > 0:
        fee, _created = CancellationFee.objects.get_or_create(
            registration=registration,
            defaults={
                "cancelled_on": on,
                "share": share,
                "unit_net": quote.unit_net,
                "vat_rate": quote.vat_rate,
                "vat_category": quote.category,
            },
        )
    invoice = (
        Invoice.objects.filter(
            kind=DocumentKind.INVOICE, lines__registration=registration, credit_notes__isnull=True
        )
        .select_related("edition")
        .first()
    )
    if invoice is not None:
        owed = list(
            Registration.objects.filter(invoice_lines__invoice=invoice).select_related(
                "edition", "ticket_type__billing_price"
            )
        )
        credit_invoice(invoice=invoice, on=on)
        if any(quote_for(r).unit_net > 0 for r in owed):
            issue_invoice(edition=invoice.edition, registrations=owed, buyer=buyer_of(invoice), on=on)
    return fee


def buyer_of(invoice: Invoice) -> Buyer:
    """The buyer an invoice was issued to (for its credit note, or the invoice that replaces it)."""
    return Buyer(
        name=invoice.buyer_name,
        reference=invoice.buyer_reference,
        organisation_number=invoice.buyer_organisation_number,
        address=invoice.buyer_address,
        postcode=invoice.buyer_postcode,
        city=invoice.buyer_city,
        country=invoice.buyer_country,
        email=invoice.buyer_email,
    )
