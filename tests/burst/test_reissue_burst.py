"""Crediting, and "credit and invoice again", of one invoice by many organisers at once: exactly one
credit note (and one new invoice), on SQLite and PostgreSQL."""

import pytest
from django.utils import timezone

from gronnpraksis.billing import services
from gronnpraksis.billing.models import DocumentKind, Invoice
from gronnpraksis.registrations.models import Registration
from tests.burst.database import BurstDatabase
from tests.burst.test_discount_burst import BUYER, THREADS, _edition_with_people, _run, _seller

pytestmark = pytest.mark.burst


def _invoiced() -> Invoice:
    edition, registrations = _edition_with_people(2)
    _seller(edition)
    return services.issue_invoice(
        edition=edition,
        registrations=list(Registration.objects.filter(pk__in=registrations)),
        buyer=BUYER,
        on=timezone.localdate(),
    )


def test_one_invoice_credited_by_many_at_once_gets_one_credit_note(burst_database: BurstDatabase) -> None:
    invoice = _invoiced()

    def credit(_attempt: int) -> None:
        services.credit_invoice(invoice=Invoice.objects.get(pk=invoice.pk), on=timezone.localdate())

    errors = _run(credit, list(range(THREADS)))

    assert Invoice.objects.filter(credits=invoice).count() == 1
    assert {error.split(":")[0] for error in errors} == {"BillingError"} and len(errors) == THREADS - 1


def test_one_invoice_reissued_by_many_at_once_gets_one_credit_note_and_one_invoice(
    burst_database: BurstDatabase,
) -> None:
    invoice = _invoiced()

    def reissue(_attempt: int) -> None:
        services.reissue_invoice(invoice=Invoice.objects.get(pk=invoice.pk), on=timezone.localdate())

    errors = _run(reissue, list(range(THREADS)))

    kinds = list(
        Invoice.objects.filter(edition=invoice.edition).order_by("number").values_list("number", "kind")
    )
    assert kinds == [(1, DocumentKind.INVOICE), (2, DocumentKind.CREDIT_NOTE), (3, DocumentKind.INVOICE)]
    assert len(errors) == THREADS - 1
