"""The EHF / PEPPOL BIS Billing 3.0 files: no fatal assertion of the EN 16931 and PEPPOL schematrons."""

import functools
from decimal import Decimal as D
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xmlschema

from gronnpraksis.billing import exports, services, ubl
from gronnpraksis.billing.models import DiscountCode, Invoice
from gronnpraksis.billing.services import Buyer

from .helpers import TODAY, billed_edition, people, second_ticket
from .schematron_runner import fatal

pytestmark = pytest.mark.django_db

KOMMUNE = Buyer(
    name="Kristiansand kommune",
    organisation_number="963296746",
    reference="4204-klima",
    address="Postboks 4",
    postcode="4685",
    city="Nodeland",
    email="faktura@kristiansand.kommune.no",
)
PRIVATE = Buyer(
    name="Kari Nordmann",
    reference="Kari Nordmann",
    address="Storgata 1",
    postcode="0155",
    city="Oslo",
    email="kari@example.no",
)
NS = {"cbc": ubl.CBC, "cac": ubl.CAC}
XSD = Path(__file__).parent / "ubl21" / "xsd" / "maindoc"


@functools.cache
def schema(root: str) -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD / f"UBL-{root}-2.1.xsd"))


def schema_errors(xml: bytes) -> list[str]:
    """What the OASIS UBL 2.1 schema finds wrong with the document (Invoice or CreditNote)."""
    root = "CreditNote" if b"<cn:CreditNote" in xml[:300] else "Invoice"
    return [error.reason or str(error) for error in schema(root).iter_errors(xml.decode("utf-8"))]


def collective() -> Invoice:
    edition = billed_edition()
    ticket = second_ticket(edition, exempt=True)
    DiscountCode.objects.create(
        edition=edition,
        code="NAERING",
        partner="Næringsforeningen",
        kind="percent",
        value=D("15"),
        max_uses=5,
    )
    registrations = people(edition, 3) + people(edition, 1, start=3, ticket_type=ticket)
    services.redeem(edition=edition, code="NAERING", registration=registrations[0], on=TODAY)
    return services.issue_invoice(edition=edition, registrations=registrations, buyer=KOMMUNE, on=TODAY)


def test_collective_invoice_to_an_organisation_has_no_fatal_assertion() -> None:
    xml = ubl.document(collective())
    assert schema_errors(xml) == []
    assert fatal(xml) == []
    root = ET.fromstring(xml)  # noqa: S314 (our own output)
    assert root.findtext("cbc:BuyerReference", namespaces=NS) == "4204-klima"
    endpoint = root.find("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", NS)
    assert endpoint is not None and (endpoint.text, endpoint.get("schemeID")) == ("963296746", "0192")
    subtotals = [
        (s.findtext("cac:TaxCategory/cbc:ID", namespaces=NS), s.findtext("cbc:TaxAmount", namespaces=NS))
        for s in root.iterfind("cac:TaxTotal/cac:TaxSubtotal", NS)
    ]
    assert subtotals == [("E", "0.00"), ("S", "1425.00")]
    assert root.findtext("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=NS) == "8325.00"
    assert len(root.findall("cac:InvoiceLine", NS)) == 4


def test_private_invoice_to_one_person_has_no_fatal_assertion() -> None:
    edition = billed_edition()
    [person] = people(edition, 1, role="student")
    xml = ubl.document(
        services.issue_invoice(edition=edition, registrations=[person], buyer=PRIVATE, on=TODAY)
    )
    assert fatal(xml) == []
    root = ET.fromstring(xml)  # noqa: S314 (our own output)
    endpoint = root.find("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID", NS)
    # No PEPPOL address for a person: the file (for the accounting system) names the seller's own.
    assert endpoint is not None and (endpoint.text, endpoint.get("schemeID")) == ("974760673", "0192")


def test_credit_note_has_no_fatal_assertion_and_refers_to_the_invoice() -> None:
    invoice = collective()
    xml = ubl.document(services.credit_invoice(invoice=invoice, on=TODAY))
    assert schema_errors(xml) == []
    assert fatal(xml) == []
    root = ET.fromstring(xml)  # noqa: S314 (our own output)
    assert root.tag == f"{{{ubl.CREDIT_NOTE_NS}}}CreditNote"
    assert (
        root.findtext("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID", namespaces=NS) == "GP26-1"
    )


def test_seller_outside_the_vat_register_invoices_category_o_without_fatal_assertion() -> None:
    edition = billed_edition(vat_registered=False)
    invoice = services.issue_invoice(
        edition=edition, registrations=people(edition, 2), buyer=KOMMUNE, on=TODAY
    )
    xml = ubl.document(invoice)
    assert schema_errors(xml) == []
    assert fatal(xml) == []
    assert b"NO974760673MVA" not in xml


def test_the_validation_catches_a_missing_buyer_reference() -> None:
    """The negative control: the same file without its buyer reference has a fatal assertion."""
    xml = ubl.document(collective())
    broken = xml.replace(b"<cbc:BuyerReference>4204-klima</cbc:BuyerReference>", b"")
    assert "PEPPOL-EN16931-R003" in {failure.id for failure in fatal(broken)}


def test_the_schema_catches_elements_out_of_order() -> None:
    """The negative control for the schema: the buyer reference moved after the parties is invalid."""
    xml = ubl.document(collective())
    reference = b"<cbc:BuyerReference>4204-klima</cbc:BuyerReference>"
    broken = xml.replace(reference, b"").replace(b"<cac:PaymentMeans>", reference + b"<cac:PaymentMeans>")
    assert schema_errors(broken) != []


def test_buyer_postal_address_is_in_the_file_and_in_the_invoice_basis() -> None:
    edition = billed_edition()
    abroad = Buyer(
        name="Göteborgs Stad",
        organisation_number="",
        reference="miljo-2026",
        address="Box 1000",
        postcode="405 20",
        city="Göteborg",
        country="se",
    )
    invoice = services.issue_invoice(
        edition=edition, registrations=people(edition, 1), buyer=abroad, on=TODAY
    )
    xml = ubl.document(invoice)
    assert schema_errors(xml) == []
    assert fatal(xml) == []
    root = ET.fromstring(xml)  # noqa: S314 (our own output)
    address = root.find("cac:AccountingCustomerParty/cac:Party/cac:PostalAddress", NS)
    assert address is not None
    assert [(child.tag.split("}")[1], child.text) for child in address if child.text] == [
        ("StreetName", "Box 1000"),
        ("CityName", "Göteborg"),
        ("PostalZone", "405 20"),
    ]
    assert address.findtext("cac:Country/cbc:IdentificationCode", namespaces=NS) == "SE"
    credit = services.credit_invoice(invoice=invoice, on=TODAY)
    assert (credit.buyer_address, credit.buyer_postcode, credit.buyer_city, credit.buyer_country) == (
        "Box 1000",
        "405 20",
        "Göteborg",
        "SE",
    )
    [row] = exports.invoice_basis_csv(exports.lines_for(Invoice.objects.filter(pk=invoice.pk))).splitlines()[
        1:
    ]
    assert ",Box 1000,405 20,Göteborg,SE," in row
