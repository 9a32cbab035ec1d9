"""The invoice basis for the accounts as CSV: one row per invoice or credit-note line.

Amounts are written with a point and two decimals, credit notes with negative amounts, so the column
sums are what is owed. The participant's column is empty for a person who has been erased.
"""

import csv
import io
from collections.abc import Iterable

from django.db.models import QuerySet

from gronnpraksis.core.spreadsheet import safe_text

from .models import Invoice, InvoiceLine

COLUMNS = [
    "document",
    "kind",
    "credits",
    "issued_on",
    "due_on",
    "paid_on",
    "buyer",
    "buyer_organisation_number",
    "buyer_address",
    "buyer_postcode",
    "buyer_city",
    "buyer_country",
    "buyer_reference",
    "line",
    "participant",
    "description",
    "quantity",
    "unit_net",
    "discount_net",
    "net",
    "vat_category",
    "vat_rate",
]


def lines_for(invoices: QuerySet[Invoice]) -> QuerySet[InvoiceLine]:
    return (
        InvoiceLine.objects.filter(invoice__in=invoices)
        .select_related("invoice__series", "invoice__credits__series")
        .order_by("invoice__series__name", "invoice__number", "position")
    )


def _row(line: InvoiceLine) -> list[str]:
    invoice = line.invoice
    sign = -1 if invoice.is_credit_note else 1
    return [
        invoice.identifier,
        invoice.kind,
        invoice.credits.identifier if invoice.credits else "",
        invoice.issued_on.isoformat(),
        invoice.due_on.isoformat(),
        invoice.paid_on.isoformat() if invoice.paid_on else "",
        safe_text(invoice.buyer_name),
        invoice.buyer_organisation_number,
        safe_text(invoice.buyer_address),
        safe_text(invoice.buyer_postcode),
        safe_text(invoice.buyer_city),
        invoice.buyer_country,
        safe_text(invoice.buyer_reference),
        str(line.position),
        safe_text(line.participant),
        safe_text(line.description),
        str(line.quantity),
        f"{sign * line.unit_net:.2f}",
        f"{sign * line.discount_net:.2f}",
        f"{sign * line.net:.2f}",
        line.vat_category,
        f"{line.vat_rate:.2f}",
    ]


def invoice_basis_csv(lines: Iterable[InvoiceLine]) -> str:
    """The CSV text, header first."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for line in lines:
        writer.writerow(_row(line))
    return out.getvalue()
