"""Registrations that changed after they were invoiced, and "credit and invoice again"."""

from decimal import Decimal as D

import pytest
from django.test import Client

from gronnpraksis.accounts.models import User
from gronnpraksis.billing import changes, services
from gronnpraksis.billing.models import DocumentKind, Invoice, TicketPrice
from gronnpraksis.registrations.models import Registration, Status

from .helpers import TODAY, billed_edition, people, second_ticket

pytestmark = pytest.mark.django_db

KOMMUNE = services.Buyer(
    name="Kristiansand kommune",
    organisation_number="963296746",
    reference="klima",
    address="Postboks 417 Lund",
    postcode="4604",
    city="Kristiansand S",
)


def totals(invoice: Invoice) -> tuple[D, D, D]:
    return invoice.net, invoice.vat, invoice.gross


def test_nothing_is_listed_while_the_invoice_still_matches() -> None:
    edition = billed_edition()
    services.issue_invoice(edition=edition, registrations=people(edition, 2), buyer=KOMMUNE, on=TODAY)
    assert changes.changed(edition) == []


def test_another_ticket_type_is_credited_and_invoiced_again_to_the_same_buyer() -> None:
    edition = billed_edition()
    kari, ola = people(edition, 2)
    invoice = services.issue_invoice(edition=edition, registrations=[kari, ola], buyer=KOMMUNE, on=TODAY)
    assert totals(invoice) == (D("4000.00"), D("1000.00"), D("5000.00"))
    Registration.objects.filter(pk=ola.pk).update(ticket_type=second_ticket(edition, exempt=True))

    [entry] = changes.changed(edition)

    assert entry.invoice == invoice
    assert [(c.registration, c.line.net, c.owed_net, c.reason) for c in entry.changes] == [
        (ola, D("2000.00"), D("1200.00"), changes.TICKET)
    ]
    note, new = services.reissue_invoice(invoice=invoice, on=TODAY)
    assert note.kind == DocumentKind.CREDIT_NOTE and note.credits == invoice
    assert totals(note) == (D("4000.00"), D("1000.00"), D("5000.00"))
    assert new is not None
    assert totals(new) == (D("3200.00"), D("500.00"), D("3700.00"))  # 2000 + 25 % and 1200 exempt
    assert (new.buyer_name, new.buyer_reference, new.buyer_address, new.buyer_postcode) == (
        "Kristiansand kommune",
        "klima",
        "Postboks 417 Lund",
        "4604",
    )
    assert changes.changed(edition) == []


def test_a_new_price_rounds_to_ore_on_the_new_invoice() -> None:
    edition = billed_edition()
    invoice = services.issue_invoice(
        edition=edition, registrations=people(edition, 2), buyer=KOMMUNE, on=TODAY
    )
    TicketPrice.objects.filter(ticket_type__edition=edition).update(ordinary=D("999.99"))
    [entry] = changes.changed(edition)
    assert {c.reason for c in entry.changes} == {changes.PRICE}
    assert [c.owed_net for c in entry.changes] == [D("799.99"), D("799.99")]  # 999.99 / 1.25 = 799.992

    _note, new = services.reissue_invoice(invoice=invoice, on=TODAY)

    assert new is not None
    # Lines 2 × 799.99 = 1599.98; VAT once on the sum: 399.995 → 400.00.
    assert totals(new) == (D("1599.98"), D("400.00"), D("1999.98"))


def test_a_cancelled_registration_is_left_out_and_a_lone_one_gets_only_a_credit_note() -> None:
    edition = billed_edition()
    kari, ola = people(edition, 2)
    private = people(edition, 1, start=2)[0]
    shared = services.issue_invoice(edition=edition, registrations=[kari, ola], buyer=KOMMUNE, on=TODAY)
    alone = services.issue_invoice(
        edition=edition,
        registrations=[private],
        buyer=services.Buyer(name="Deltaker 2", reference="Deltaker 2"),
        on=TODAY,
    )
    Registration.objects.filter(pk__in=[kari.pk, private.pk]).update(status=Status.CANCELLED)

    assert [(e.invoice, [c.reason for c in e.changes]) for e in changes.changed(edition)] == [
        (shared, [changes.CANCELLED]),
        (alone, [changes.CANCELLED]),
    ]
    _note, new = services.reissue_invoice(invoice=shared, on=TODAY)
    assert new is not None and totals(new) == (D("2000.00"), D("500.00"), D("2500.00"))
    assert [line.registration for line in new.lines.all()] == [ola]
    note, none = services.reissue_invoice(invoice=alone, on=TODAY)
    assert none is None and totals(note) == (D("2000.00"), D("500.00"), D("2500.00"))
    with pytest.raises(services.BillingError):
        services.reissue_invoice(invoice=alone, on=TODAY)  # already credited
    assert changes.changed(edition) == []


def test_the_invoices_page_lists_the_change_and_its_button_reissues(client: Client, organiser: User) -> None:
    edition = billed_edition()
    kari, ola = people(edition, 2)
    invoice = services.issue_invoice(edition=edition, registrations=[kari, ola], buyer=KOMMUNE, on=TODAY)
    Registration.objects.filter(pk=kari.pk).update(status=Status.CANCELLED)
    client.force_login(organiser)
    path = f"/arrangor/{edition.slug}/fakturaer/"
    page = client.get(path).content.decode()
    assert "changed-heading" in page and f"/fakturaer/{invoice.identifier}/fakturer-paa-nytt/" in page

    response = client.post(f"{path}{invoice.identifier}/fakturer-paa-nytt/")

    assert response.status_code == 302
    assert list(Invoice.objects.order_by("number").values_list("number", "kind", "gross")) == [
        (1, "invoice", D("5000.00")),
        (2, "credit_note", D("5000.00")),
        (3, "invoice", D("2500.00")),
    ]
    assert "changed-heading" not in client.get(path).content.decode()
