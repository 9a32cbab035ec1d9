"""Discount codes, free tickets, invoices, credit notes and erasure."""

import re
from decimal import Decimal as D

import pytest
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from gronnpraksis.billing import services
from gronnpraksis.billing.models import DiscountCode, DiscountKind, FreeRole, InvoiceLine, InvoiceSeries
from gronnpraksis.billing.services import BillingError, Buyer
from gronnpraksis.editions.models import Edition
from gronnpraksis.privacy.erasure import anonymise_registrations
from gronnpraksis.registrations.models import Registration

from .helpers import TODAY, billed_edition, people, second_ticket

pytestmark = pytest.mark.django_db

KOMMUNE = Buyer(name="Kristiansand kommune", organisation_number="963296746", reference="4204-klima")


def make_code(edition: Edition, **overrides: object) -> DiscountCode:
    values: dict[str, object] = {
        "edition": edition,
        "code": "NAERING",
        "partner": "Næringsforeningen",
        "kind": DiscountKind.PERCENT,
        "value": D("20"),
        "max_uses": 2,
    }
    values.update(overrides)
    return DiscountCode.objects.create(**values)


def test_quote_uses_the_ticket_price_incl_vat_as_net() -> None:
    edition = billed_edition()
    [person] = people(edition, 1)
    quote = services.quote_for(person)
    assert (quote.unit_net, quote.vat_rate, quote.category) == (D("2000.00"), D("25"), "S")


def test_student_role_gets_the_student_price() -> None:
    edition = billed_edition()
    [person] = people(edition, 1, role="student")
    assert services.quote_for(person).unit_net == D("500.00")


def test_free_ticket_set_by_organiser_makes_the_registration_free_and_gives_no_line() -> None:
    edition = billed_edition()
    speaker, other = people(edition, 2)
    services.grant_free_ticket(registration=speaker, role=FreeRole.SPEAKER, by=None)
    invoice = services.issue_invoice(edition=edition, registrations=[speaker, other], buyer=KOMMUNE, on=TODAY)
    assert [line.participant for line in invoice.lines.all()] == ["Deltaker 1"]
    with pytest.raises(BillingError):
        services.issue_invoice(edition=edition, registrations=[speaker], buyer=KOMMUNE, on=TODAY)


def test_code_is_case_insensitive_and_takes_its_percentage() -> None:
    edition = billed_edition()
    make_code(edition)
    [person] = people(edition, 1)
    services.redeem(edition=edition, code=" naering ", registration=person, on=TODAY)
    assert services.quote_for(person).unit_net == D("1600.00")
    assert DiscountCode.objects.get().used == 1


def test_code_with_a_fixed_amount() -> None:
    edition = billed_edition()
    make_code(edition, kind=DiscountKind.AMOUNT, value=D("500"))
    [person] = people(edition, 1)
    services.redeem(edition=edition, code="NAERING", registration=person, on=TODAY)
    quote = services.quote_for(person)
    assert (quote.discount_net, quote.unit_net) == (D("400.00"), D("1600.00"))


def test_code_used_up_is_refused_and_not_counted() -> None:
    edition = billed_edition()
    make_code(edition, max_uses=1)
    first, second = people(edition, 2)
    services.redeem(edition=edition, code="NAERING", registration=first, on=TODAY)
    with pytest.raises(BillingError, match=re.escape(gettext("The discount code has been used up."))):
        services.redeem(edition=edition, code="NAERING", registration=second, on=TODAY)
    assert DiscountCode.objects.get().used == 1


def test_code_outside_its_dates_is_refused() -> None:
    edition = billed_edition()
    make_code(edition, valid_from=TODAY, valid_until=TODAY)
    [person] = people(edition, 1)
    for day in (TODAY.replace(day=1), TODAY.replace(day=3)):
        with pytest.raises(BillingError):
            services.redeem(edition=edition, code="NAERING", registration=person, on=day)
    services.redeem(edition=edition, code="NAERING", registration=person, on=TODAY)


def test_code_restricted_to_another_ticket_type_is_refused() -> None:
    edition = billed_edition()
    discount = make_code(edition)
    discount.ticket_types.set([second_ticket(edition)])
    [person] = people(edition, 1)
    with pytest.raises(
        BillingError, match=re.escape(gettext("The discount code does not apply to this ticket type."))
    ):
        services.redeem(edition=edition, code="NAERING", registration=person, on=TODAY)


def test_unknown_code_and_second_code_for_one_registration_are_refused() -> None:
    edition = billed_edition()
    make_code(edition)
    [person] = people(edition, 1)
    with pytest.raises(BillingError):
        services.redeem(edition=edition, code="FEIL", registration=person, on=TODAY)
    services.redeem(edition=edition, code="NAERING", registration=person, on=TODAY)
    with pytest.raises(BillingError):
        services.redeem(edition=edition, code="NAERING", registration=person, on=TODAY)
    assert DiscountCode.objects.get().used == 1


def test_database_refuses_more_uses_than_allowed() -> None:
    edition = billed_edition()
    discount = make_code(edition, max_uses=1, used=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        DiscountCode.objects.filter(pk=discount.pk).update(used=2)


def test_collective_invoice_has_a_line_per_participant_and_vat_per_rate() -> None:
    edition = billed_edition()
    ticket = second_ticket(edition, exempt=True)
    registrations = people(edition, 3) + people(edition, 1, start=3, ticket_type=ticket)
    invoice = services.issue_invoice(edition=edition, registrations=registrations, buyer=KOMMUNE, on=TODAY)
    assert invoice.lines.count() == 4
    assert (invoice.net, invoice.vat, invoice.gross) == (D("7200.00"), D("1500.00"), D("8700.00"))
    assert invoice.due_on == TODAY.replace(month=4, day=1)


def test_seller_not_registered_for_vat_invoices_without_vat() -> None:
    edition = billed_edition(vat_registered=False)
    invoice = services.issue_invoice(
        edition=edition, registrations=people(edition, 2), buyer=KOMMUNE, on=TODAY
    )
    assert {(line.vat_category, line.vat_rate) for line in invoice.lines.all()} == {("O", D("0"))}
    assert (invoice.net, invoice.vat) == (D("4000.00"), D("0.00"))


def test_invoice_numbers_follow_each_other_per_series() -> None:
    edition = billed_edition()
    registrations = people(edition, 3)
    numbers = [
        services.issue_invoice(edition=edition, registrations=[r], buyer=KOMMUNE, on=TODAY).number
        for r in registrations
    ]
    assert numbers == [1, 2, 3]
    other = billed_edition(series="GP27")
    [person] = people(other, 1)
    assert services.issue_invoice(edition=other, registrations=[person], buyer=KOMMUNE, on=TODAY).number == 1


def test_failed_invoice_gives_its_number_back() -> None:
    edition = billed_edition()
    [person] = people(edition, 1)
    with pytest.raises(BillingError):
        services.issue_invoice(
            edition=edition, registrations=[person], buyer=Buyer(name="X", reference=" "), on=TODAY
        )
    assert (
        services.issue_invoice(edition=edition, registrations=[person], buyer=KOMMUNE, on=TODAY).number == 1
    )
    assert InvoiceSeries.objects.get().next_number == 2


def test_change_is_a_credit_note_and_a_new_invoice_never_an_edit() -> None:
    edition = billed_edition()
    first, second = people(edition, 2)
    invoice = services.issue_invoice(edition=edition, registrations=[first, second], buyer=KOMMUNE, on=TODAY)
    credit = services.credit_invoice(invoice=invoice, on=TODAY)
    assert (credit.kind, credit.credits, credit.number, credit.gross) == (
        "credit_note",
        invoice,
        2,
        invoice.gross,
    )
    assert list(services.unpaid(edition)) == []
    again = services.issue_invoice(edition=edition, registrations=[first], buyer=KOMMUNE, on=TODAY)
    assert (again.number, again.gross) == (3, D("2500.00"))
    invoice.refresh_from_db()
    assert (invoice.gross, invoice.lines.count()) == (D("5000.00"), 2)
    with pytest.raises(BillingError):
        services.credit_invoice(invoice=invoice, on=TODAY)


def test_unpaid_lists_until_paid() -> None:
    edition = billed_edition()
    invoice = services.issue_invoice(
        edition=edition, registrations=people(edition, 1), buyer=KOMMUNE, on=TODAY
    )
    assert list(services.unpaid(edition)) == [invoice]
    services.mark_paid(invoice=invoice, on=TODAY)
    assert list(services.unpaid(edition)) == []


def test_erasing_the_person_keeps_the_line_and_its_amounts_without_the_name() -> None:
    edition = billed_edition()
    [person] = people(edition, 1)
    invoice = services.issue_invoice(edition=edition, registrations=[person], buyer=KOMMUNE, on=TODAY)
    anonymise_registrations(Registration.objects.filter(pk=person.pk))
    line = InvoiceLine.objects.get(invoice=invoice)
    assert (line.participant, line.net, line.registration_id) == ("", D("2000.00"), person.pk)
    invoice.refresh_from_db()
    assert invoice.gross == D("2500.00")
