"""Registrations that changed after they were invoiced: what an uncredited invoice line says no
longer matches what the registration costs now (another ticket type, a new price or discount, a free
ticket granted, or the registration cancelled). Read only; `services.reissue_invoice` credits such an
invoice and invoices what is owed now.

A ticket's price does not depend on the days chosen, so days added or removed change nothing here.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from gronnpraksis.editions.models import Edition
from gronnpraksis.registrations.models import Registration, Status

from . import services
from .models import DocumentKind, Invoice, InvoiceLine, SellerProfile

CANCELLED, WAITLISTED, TICKET, FREE, PRICE = "cancelled", "waitlisted", "ticket", "free", "price"
REASONS = {
    CANCELLED: _("Cancelled"),
    WAITLISTED: _("On the waitlist"),
    TICKET: _("Another ticket type"),
    FREE: _("Now free"),
    PRICE: _("Another price"),
}


@dataclass(frozen=True)
class Change:
    registration: Registration
    line: InvoiceLine
    owed_net: Decimal  # what the registration's line would be now, ex. VAT (0 when cancelled)
    reason: str  # one of REASONS

    @property
    def reason_label(self) -> str:
        return str(REASONS[self.reason])


@dataclass
class ChangedInvoice:
    invoice: Invoice
    changes: list[Change] = field(default_factory=list)


def _reason(registration: Registration, line: InvoiceLine, now: InvoiceLine | None) -> str | None:
    if registration.status != Status.CONFIRMED:
        return CANCELLED if registration.status == Status.CANCELLED else WAITLISTED
    assert now is not None
    if now.description != line.description:
        return TICKET
    if now.net <= 0 < line.net:
        return FREE
    if (now.unit_net, now.discount_net, now.vat_rate, now.vat_category) != (
        line.unit_net,
        line.discount_net,
        line.vat_rate,
        line.vat_category,
    ):
        return PRICE
    return None


def changed(edition: Edition) -> list[ChangedInvoice]:
    """Uncredited invoices of the edition with at least one line that no longer matches, in number order."""
    seller = SellerProfile.objects.filter(edition=edition).first()
    if seller is None:
        return []
    lines = (
        InvoiceLine.objects.filter(
            invoice__edition=edition,
            invoice__kind=DocumentKind.INVOICE,
            invoice__credit_notes__isnull=True,
            registration__isnull=False,
            registration__anonymised_at__isnull=True,
        )
        .select_related(
            "invoice__series", "registration__ticket_type__billing_price", "registration__edition"
        )
        .order_by("invoice__series__name", "invoice__number", "position")
    )
    found: dict[int, ChangedInvoice] = {}
    for line in lines:
        registration = line.registration
        assert registration is not None
        confirmed = registration.status == Status.CONFIRMED
        now = services.line_for(registration, seller.vat_registered) if confirmed else None
        reason = _reason(registration, line, now)
        if reason is None:
            continue
        entry = found.setdefault(line.invoice_id, ChangedInvoice(invoice=line.invoice))
        entry.changes.append(
            Change(
                registration=registration,
                line=line,
                owed_net=now.net if now else Decimal("0.00"),
                reason=reason,
            )
        )
    return list(found.values())
