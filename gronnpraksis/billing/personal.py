"""What billing holds about a person, for their personal-data export (`privacy.export`)."""

from collections.abc import Iterable

from gronnpraksis.registrations.models import Registration

from .models import CancellationFee, FreeTicket, InvoiceLine, Redemption


def payment_data(registrations: Iterable[Registration]) -> dict[int, dict[str, object]]:
    """Per registration: the discount code used, a free ticket and why, the fee for cancelling and the
    invoice lines (with the document each is on). Four queries whatever the number of registrations."""
    ids = [r.pk for r in registrations]
    found: dict[int, dict[str, object]] = {pk: {} for pk in ids}
    for redemption in Redemption.objects.filter(registration__in=ids).select_related("code"):
        found[redemption.registration_id]["discount_code"] = redemption.code.code
    for free in FreeTicket.objects.filter(registration__in=ids):
        found[free.registration_id]["free_ticket"] = free.role
    for fee in CancellationFee.objects.filter(registration__in=ids):
        found[fee.registration_id]["cancellation_fee"] = {
            "cancelled_on": fee.cancelled_on.isoformat(),
            "share_percent": str(fee.share),
            "fee_ex_vat": str(fee.unit_net),
            "vat_rate": str(fee.vat_rate),
        }
    lines = (
        InvoiceLine.objects.filter(registration__in=ids)
        .select_related("invoice__series")
        .order_by("invoice__issued_on", "invoice__number", "position")
    )
    for line in lines:
        assert line.registration_id is not None  # filtered on it above
        entry = found[line.registration_id]
        invoice_lines = entry.setdefault("invoice_lines", [])
        assert isinstance(invoice_lines, list)
        invoice_lines.append(
            {
                "document": line.invoice.identifier,
                "kind": line.invoice.kind,
                "issued_on": line.invoice.issued_on.isoformat(),
                "description": line.description,
                "unit_price_ex_vat": str(line.unit_net),
                "discount": str(line.discount_net),
                "paid_on": line.invoice.paid_on.isoformat() if line.invoice.paid_on else None,
            }
        )
    return found
