"""Cancellation terms: what cancelling costs on each side of each date, to the øre, and how the fee is
invoiced (not yet invoiced: the fee is the line; invoiced: a credit note and a new invoice)."""

import datetime
import html
from decimal import Decimal as D

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from gronnpraksis.accounts.models import User
from gronnpraksis.billing import cancellation, payers, services
from gronnpraksis.billing.models import CancellationFee, DiscountCode, Invoice, TicketPrice
from gronnpraksis.billing.registration_hooks import nok
from gronnpraksis.editions.models import Edition
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations.models import Registration, Status
from gronnpraksis.registrations.services import cancel_registration

from .helpers import TODAY, billed_edition, people

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
FREE_UNTIL = TODAY
SHARE_UNTIL = TODAY + 10 * DAY
KOMMUNE = services.Buyer(name="Kristiansand kommune", organisation_number="963296746", reference="klima")


def odd_edition(free_until: datetime.date = FREE_UNTIL, share_until: datetime.date = SHARE_UNTIL) -> Edition:
    """999 kr incl. 25 % VAT (799.20 net); cancelling costs 33.33 % after `free_until`."""
    edition = billed_edition()
    TicketPrice.objects.filter(ticket_type__edition=edition).update(ordinary=D("999"))
    services.set_cancellation_terms(
        edition=edition, free_until=free_until, share=D("33.33"), share_until=share_until
    )
    return edition


def fee_on(registration: Registration, on: datetime.date) -> D:
    return services.cancellation_fee_on(registration, on).unit_net


def test_share_at_each_boundary_date() -> None:
    terms = cancellation.Terms(free_until=FREE_UNTIL, share=D("33.33"), share_until=SHARE_UNTIL)
    assert cancellation.share_on(terms, FREE_UNTIL) == D("0")
    assert cancellation.share_on(terms, FREE_UNTIL + DAY) == D("33.33")
    assert cancellation.share_on(terms, SHARE_UNTIL) == D("33.33")
    assert cancellation.share_on(terms, SHARE_UNTIL + DAY) == D("100")
    assert cancellation.share_on(None, SHARE_UNTIL + DAY) == D("0")


def test_fee_in_ore_at_each_boundary_date() -> None:
    edition = odd_edition()
    [person] = people(edition, 1)
    assert fee_on(person, FREE_UNTIL) == D("0.00")
    # 33.33 % of 799.20 is 266.37336: half up to øre, 266.37.
    assert fee_on(person, FREE_UNTIL + DAY) == D("266.37")
    assert fee_on(person, SHARE_UNTIL) == D("266.37")
    assert fee_on(person, SHARE_UNTIL + DAY) == D("799.20")


def test_fee_is_a_share_of_the_price_after_the_discount() -> None:
    edition = odd_edition()
    DiscountCode.objects.create(
        edition=edition, code="NAERING", partner="Næringsforeningen", kind="percent", value=20, max_uses=1
    )
    [person] = people(edition, 1)
    services.redeem(edition=edition, code="NAERING", registration=person, on=TODAY)
    # 799.20 − 159.84 = 639.36; 33.33 % of it is 213.098688 → 213.10.
    assert fee_on(person, SHARE_UNTIL) == D("213.10")


def test_fee_not_yet_invoiced_is_what_is_invoiced() -> None:
    edition = odd_edition()
    [person] = people(edition, 1)
    cancel_registration(registration=person)  # the status; the fee as the manage link records it
    person.refresh_from_db()
    services.record_cancellation_fee(registration=person, on=SHARE_UNTIL)

    [payer] = payers.uninvoiced(edition)
    invoice = services.issue_invoice(
        edition=edition, registrations=payer.registrations, buyer=KOMMUNE, on=TODAY
    )

    [line] = invoice.lines.all()
    assert (line.net, line.vat_rate) == (D("266.37"), D("25"))
    assert gettext("cancellation fee") in line.description
    # VAT 25 % of 266.37 = 66.5925 → 66.59; total 332.96.
    assert (invoice.net, invoice.vat, invoice.gross) == (D("266.37"), D("66.59"), D("332.96"))


def test_fee_for_an_invoiced_registration_credits_the_invoice_and_issues_a_new_one() -> None:
    edition = odd_edition()
    leaving, staying = people(edition, 2)
    original = services.issue_invoice(
        edition=edition, registrations=[leaving, staying], buyer=KOMMUNE, on=TODAY
    )
    before = (original.net, original.vat, original.gross, original.lines.count())

    cancel_registration(registration=leaving)
    leaving.refresh_from_db()
    services.record_cancellation_fee(registration=leaving, on=SHARE_UNTIL)

    original.refresh_from_db()
    assert (original.net, original.vat, original.gross, original.lines.count()) == before
    credit = Invoice.objects.get(credits=original)
    assert credit.gross == original.gross
    replacement = Invoice.objects.filter(kind="invoice", credit_notes__isnull=True).get()
    assert replacement.buyer_reference == "klima"
    assert sorted(line.net for line in replacement.lines.all()) == [D("266.37"), D("799.20")]
    # One VAT on the sum: 25 % of 1065.57 = 266.3925 → 266.39.
    assert (replacement.net, replacement.vat, replacement.gross) == (D("1065.57"), D("266.39"), D("1331.96"))


def test_free_cancellation_of_an_invoiced_registration_leaves_only_the_credit_note() -> None:
    edition = odd_edition()
    [person] = people(edition, 1)
    original = services.issue_invoice(edition=edition, registrations=[person], buyer=KOMMUNE, on=TODAY)
    cancel_registration(registration=person)
    person.refresh_from_db()

    assert services.record_cancellation_fee(registration=person, on=FREE_UNTIL) is None

    assert Invoice.objects.filter(credits=original).count() == 1
    assert Invoice.objects.count() == 2
    assert not CancellationFee.objects.exists()
    assert payers.uninvoiced(edition) == []


# --- Through the manage link (today's date decides) --------------------------------------------


def cancel_url(registration: Registration) -> str:
    return f"/{registration.edition.slug}/pamelding/{registration.manage_token}/avmelding/"


def in_share_period() -> Edition:
    today = timezone.localdate()
    return odd_edition(free_until=today - DAY, share_until=today + DAY)


def test_cancel_page_shows_the_cost_and_the_confirmation_records_it(client: Client) -> None:
    edition = in_share_period()
    [person] = people(edition, 1)

    page = client.get(cancel_url(person)).content.decode()

    with translation.override("nb"):
        shown = nok(D("332.96"))
    assert html.escape(shown) in page
    response = client.post(cancel_url(person), {"cost": "332.96"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.status == Status.CANCELLED
    fee = CancellationFee.objects.get(registration=person)
    assert (fee.unit_net, fee.share, fee.cancelled_on) == (D("266.37"), D("33.33"), timezone.localdate())
    mail = OutboxMail.objects.get(template="registration_cancelled")
    assert shown in mail.body_text


def test_cost_changed_since_the_page_was_opened_cancels_nothing(client: Client) -> None:
    edition = in_share_period()
    [person] = people(edition, 1)

    response = client.post(cancel_url(person), {"cost": "0"}, follow=True)

    person.refresh_from_db()
    assert person.status == Status.CONFIRMED
    assert not CancellationFee.objects.exists()
    assert "332,96" in response.content.decode().replace("\xa0", " ")


def test_cancelling_in_the_free_period_costs_nothing(client: Client) -> None:
    today = timezone.localdate()
    edition = odd_edition(free_until=today, share_until=today + DAY)
    [person] = people(edition, 1)
    with translation.override("nb"):
        assert gettext("Cancelling now costs nothing.") in client.get(cancel_url(person)).content.decode()
    client.post(cancel_url(person), {"cost": "0"})
    person.refresh_from_db()
    assert person.status == Status.CANCELLED
    assert not CancellationFee.objects.exists()


def test_organisers_cancelling_records_no_fee() -> None:
    edition = in_share_period()
    [person] = people(edition, 1)
    cancel_registration(registration=person)
    assert not CancellationFee.objects.exists()


def test_organiser_sets_the_terms_and_a_wrong_order_keeps_what_was_typed(
    client: Client, organiser: User
) -> None:
    edition = billed_edition()
    client.force_login(organiser)
    path = f"/arrangor/{edition.slug}/fakturaer/avbestilling/"
    wrong = {"free_until": "2026-03-10", "share": "40", "share_until": "2026-03-01"}
    response = client.post(path, wrong)
    assert response.status_code == 200
    assert 'value="2026-03-10"' in response.content.decode()
    assert not services.CancellationTerms.objects.exists()

    client.post(path, {**wrong, "share_until": "2026-03-20"})

    terms = services.CancellationTerms.objects.get(edition=edition)
    assert (terms.free_until, terms.share, terms.share_until) == (
        datetime.date(2026, 3, 10),
        D("40"),
        datetime.date(2026, 3, 20),
    )
