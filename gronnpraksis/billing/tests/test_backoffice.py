"""The organisers' invoice page, its CSV invoice basis and the EHF files."""

import csv
import io
from decimal import Decimal as D

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from gronnpraksis.accounts.models import User
from gronnpraksis.billing import services
from gronnpraksis.billing.models import FreeTicket, Invoice
from gronnpraksis.privacy.erasure import anonymise_registrations
from gronnpraksis.registrations.models import Registration

from .helpers import TODAY, billed_edition, people

pytestmark = pytest.mark.django_db

KOMMUNE = services.Buyer(name="=Kristiansand kommune", organisation_number="963296746", reference="klima")


@pytest.fixture
def documents() -> tuple[Invoice, Invoice, Invoice]:
    edition = billed_edition()
    first, second, third = people(edition, 3)
    credited = services.issue_invoice(edition=edition, registrations=[first], buyer=KOMMUNE, on=TODAY)
    credit = services.credit_invoice(invoice=credited, on=TODAY)
    unpaid = services.issue_invoice(edition=edition, registrations=[first, second], buyer=KOMMUNE, on=TODAY)
    paid = services.issue_invoice(edition=edition, registrations=[third], buyer=KOMMUNE, on=TODAY)
    services.mark_paid(invoice=paid, on=TODAY)
    return credit, unpaid, paid


def url(invoice: Invoice, name: str = "") -> str:
    return f"/arrangor/{invoice.edition.slug}/fakturaer/{name}"


def test_page_lists_invoices_and_credit_notes_and_filters_the_unpaid(
    client: Client, organiser: User, documents: tuple[Invoice, Invoice, Invoice]
) -> None:
    credit, _unpaid, _paid = documents
    client.force_login(organiser)
    page = client.get(url(credit)).content.decode()
    for number in ("GP26-1", "GP26-2", "GP26-3", "GP26-4"):
        assert f">{number}<" in page
    only_unpaid = client.get(url(credit) + "?vis=ubetalt").content.decode()
    assert ">GP26-3<" in only_unpaid
    assert ">GP26-1<" not in only_unpaid and ">GP26-4<" not in only_unpaid
    credit_notes = client.get(url(credit) + "?vis=kreditnotaer").content.decode()
    assert ">GP26-2<" in credit_notes and ">GP26-3<" not in credit_notes
    assert client.get(url(credit) + "?vis=tull").status_code == 200


def test_csv_has_a_row_per_line_credit_notes_negative_and_formulas_defused(
    client: Client, organiser: User, documents: tuple[Invoice, Invoice, Invoice]
) -> None:
    credit, _unpaid, _paid = documents
    client.force_login(organiser)
    response = client.get(url(credit, "fakturagrunnlag.csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["document"], r["net"]) for r in rows] == [
        ("GP26-1", "2000.00"),
        ("GP26-2", "-2000.00"),
        ("GP26-3", "2000.00"),
        ("GP26-3", "2000.00"),
        ("GP26-4", "2000.00"),
    ]
    assert rows[1]["credits"] == "GP26-1"
    assert {r["buyer"] for r in rows} == {"'=Kristiansand kommune"}
    assert rows[0]["participant"] == "Deltaker 0"


def test_csv_keeps_the_lines_of_an_erased_person_without_the_name(
    client: Client, organiser: User, documents: tuple[Invoice, Invoice, Invoice]
) -> None:
    credit, _unpaid, _paid = documents
    anonymise_registrations(Registration.objects.filter(name="Deltaker 0"))
    client.force_login(organiser)
    rows = list(csv.DictReader(io.StringIO(client.get(url(credit, "fakturagrunnlag.csv")).content.decode())))
    assert len(rows) == 5
    assert [r["participant"] for r in rows if r["document"] == "GP26-1"] == [""]


def test_xml_download_of_one_document(
    client: Client, organiser: User, documents: tuple[Invoice, Invoice, Invoice]
) -> None:
    credit, _unpaid, _paid = documents
    client.force_login(organiser)
    response = client.get(url(credit, "GP26-2.xml"))
    assert response.status_code == 200
    assert b"<cn:CreditNote" in response.content
    assert client.get(url(credit, "GP26-99.xml")).status_code == 404


def test_issue_page_makes_one_collective_invoice_per_organisation(client: Client, organiser: User) -> None:
    edition = billed_edition()
    colleagues = people(
        edition,
        2,
        invoice_reference="klima-42",
        organisation_number="963296746",
        organisation_name="Kristiansand kommune",
    )
    private = people(edition, 1, start=2)[0]
    client.force_login(organiser)
    page = client.get(f"/arrangor/{edition.slug}/fakturaer/ny/").content.decode()
    assert 'value="klima-42"' in page

    response = client.post(
        f"/arrangor/{edition.slug}/fakturaer/ny/",
        {
            "payer": "org-963296746",
            "org-963296746-reference": "K-7",
            "org-963296746-name": "Kristiansand kommune",
            "org-963296746-country": "NO",
        },
    )

    assert response.status_code == 302
    invoice = Invoice.objects.get()
    assert (invoice.buyer_organisation_number, invoice.buyer_reference, invoice.gross) == (
        "963296746",
        "K-7",
        D("5000.00"),
    )
    assert {line.registration for line in invoice.lines.all()} == set(colleagues)
    page = client.get(f"/arrangor/{edition.slug}/fakturaer/ny/").content.decode()
    assert "org-963296746" not in page and f"person-{private.pk}" in page


def test_an_organisation_may_have_one_invoice_per_participant(client: Client, organiser: User) -> None:
    edition = billed_edition()
    own, plain = people(edition, 2, organisation_number="963296746", organisation_name="Kristiansand kommune")
    Registration.objects.filter(pk=own.pk).update(invoice_reference="prosjekt-9")
    client.force_login(organiser)
    assert "one_per_participant" in client.get(f"/arrangor/{edition.slug}/fakturaer/ny/").content.decode()

    response = client.post(
        f"/arrangor/{edition.slug}/fakturaer/ny/",
        {
            "payer": "org-963296746",
            "org-963296746-reference": "K-7",
            "org-963296746-name": "Kristiansand kommune",
            "org-963296746-country": "NO",
            "org-963296746-one_per_participant": "on",
        },
    )

    assert response.status_code == 302
    invoices = list(Invoice.objects.order_by("number"))
    assert [i.number for i in invoices] == [1, 2]  # consecutive in the series
    by_person = {i.lines.get().registration: i for i in invoices}
    assert by_person[own].buyer_reference == "prosjekt-9" and by_person[plain].buyer_reference == "K-7"
    assert {i.gross for i in invoices} == {D("2500.00")}
    assert all(i.buyer_organisation_number == "963296746" for i in invoices)


def test_issue_without_a_reference_keeps_the_form_and_issues_nothing(client: Client, organiser: User) -> None:
    edition = billed_edition()
    [person] = people(edition, 1)
    client.force_login(organiser)
    key = f"person-{person.pk}"
    response = client.post(
        f"/arrangor/{edition.slug}/fakturaer/ny/", {"payer": key, f"{key}-reference": "  "}
    )
    assert response.status_code == 200
    assert 'class="ds-validation-message"' in response.content.decode()
    assert not Invoice.objects.exists()
    response = client.post(f"/arrangor/{edition.slug}/fakturaer/ny/", {"payer": "org-000000000"})
    assert response.status_code == 302
    assert not Invoice.objects.exists()


def test_mark_paid_and_credit_from_the_list(
    client: Client, organiser: User, documents: tuple[Invoice, Invoice, Invoice]
) -> None:
    _credit, unpaid, _paid = documents
    client.force_login(organiser)
    assert client.post(url(unpaid, "GP26-3/betalt/")).status_code == 302
    unpaid.refresh_from_db()
    assert unpaid.paid_on is not None
    assert client.post(url(unpaid, "GP26-4/krediter/")).status_code == 302
    assert Invoice.objects.filter(credits__number=4).count() == 1
    client.post(url(unpaid, "GP26-4/krediter/"))  # twice: refused with a message, no second note
    assert Invoice.objects.filter(credits__number=4).count() == 1


def test_back_office_start_page_links_to_the_invoices(client: Client, organiser: User) -> None:
    edition = billed_edition()
    client.force_login(organiser)
    page = client.get(f"/arrangor/{edition.slug}/").content.decode()
    assert f'href="/arrangor/{edition.slug}/fakturaer/"' in page


def test_organiser_sets_and_removes_a_free_ticket(client: Client, organiser: User) -> None:
    edition = billed_edition()
    [speaker] = people(edition, 1)
    other = billed_edition()
    [stranger] = people(other, 1, start=1)
    client.force_login(organiser)
    path = f"/arrangor/{edition.slug}/fakturaer/gratis/"
    assert "Deltaker 0" in client.get(path).content.decode()

    client.post(path, {"registration": speaker.pk, "role": "speaker"})
    assert services.quote_for(speaker).tier == "free"
    assert FreeTicket.objects.get().granted_by == organiser

    client.post(path, {"registration": stranger.pk, "role": "jury"})  # another edition's registration
    client.post(path, {"registration": speaker.pk, "role": "boss"})  # not a role
    assert list(FreeTicket.objects.values_list("registration", "role")) == [(speaker.pk, "speaker")]

    client.post(path, {"registration": speaker.pk, "role": ""})
    assert not FreeTicket.objects.exists()


def test_a_credit_note_cannot_be_marked_paid(client: Client, organiser: User, documents) -> None:
    credit, _unpaid, _paid = documents
    client.force_login(organiser)

    response = client.post(url(credit, f"{credit.identifier}/betalt/"), follow=True)

    credit.refresh_from_db()
    assert credit.paid_on is None
    with translation.override("nb"):
        expected = gettext("A credit note is not paid; record the payment on the invoice.")
    assert expected in response.content.decode()
    assert "marked as paid" not in response.content.decode()
