"""EHF / PEPPOL BIS Billing 3.0: an invoice or credit note as UBL 2.1 XML.

The seller and a buyer with an organisation number are addressed by their organisation number
(electronic address scheme 0192, Brønnøysundregistrene). The buyer
reference is always given (EHF requires a reference or an order number). A private buyer has no PEPPOL
address: see `_buyer`. The VAT breakdown has one
subtotal per category and rate, as `pricing.totals` computes it: `S` (standard rate), `E` (exempt) or
`O` (the seller is not registered for VAT). The files validate against the UBL 2.1 schema and the
EN 16931 and PEPPOL schematrons (see the billing tests).
"""

from decimal import Decimal
from xml.etree import ElementTree as ET

from . import pricing
from .models import Invoice, SellerProfile

INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
CURRENCY = "NOK"
ORGANISATION_NUMBER_SCHEME = "0192"
EXEMPTION_REASONS = {
    "E": "Fritatt for merverdiavgift (kurs og konferanse)",
    "O": "Selger er ikke registrert i Merverdiavgiftsregisteret",
}

# ElementTree cannot write a default namespace with unqualified attributes (currencyID), so the
# document element has a prefix; namespace-aware readers see the same document.
ET.register_namespace("ubl", INVOICE_NS)
ET.register_namespace("cn", CREDIT_NOTE_NS)
ET.register_namespace("cac", CAC)
ET.register_namespace("cbc", CBC)


def _cac(parent: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{CAC}}}{name}")


def _cbc(parent: ET.Element, name: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{CBC}}}{name}", attributes)
    element.text = text
    return element


def _amount(parent: ET.Element, name: str, value: Decimal) -> None:
    _cbc(parent, name, f"{pricing.to_ore(value):.2f}", currencyID=CURRENCY)


def _percent(rate: Decimal) -> str:
    return f"{rate:.2f}"


def _tax_category(parent: ET.Element, name: str, category: str, rate: Decimal, *, reason: bool) -> None:
    element = _cac(parent, name)
    _cbc(element, "ID", category)
    if category != "O":
        _cbc(element, "Percent", _percent(rate))
    if reason and category in EXEMPTION_REASONS:
        _cbc(element, "TaxExemptionReason", EXEMPTION_REASONS[category])
    _cbc(_cac(element, "TaxScheme"), "ID", "VAT")


def _address(party: ET.Element, street: str, city: str, postcode: str, country: str = "NO") -> None:
    """The party's postal address (EN 16931 BG-5 seller, BG-8 buyer); the country code is required."""
    address = _cac(party, "PostalAddress")
    if street:
        _cbc(address, "StreetName", street)
    if city:
        _cbc(address, "CityName", city)
    if postcode:
        _cbc(address, "PostalZone", postcode)
    _cbc(_cac(address, "Country"), "IdentificationCode", country or "NO")


def _seller(root: ET.Element, seller: SellerProfile) -> None:
    party = _cac(_cac(root, "AccountingSupplierParty"), "Party")
    _cbc(party, "EndpointID", seller.organisation_number, schemeID=ORGANISATION_NUMBER_SCHEME)
    _cbc(_cac(party, "PartyName"), "Name", seller.name)
    _address(party, seller.street, seller.city, seller.postcode)
    if seller.vat_registered:
        scheme = _cac(party, "PartyTaxScheme")
        _cbc(scheme, "CompanyID", f"NO{seller.organisation_number}MVA")
        _cbc(_cac(scheme, "TaxScheme"), "ID", "VAT")
    legal = _cac(party, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", seller.name)
    _cbc(legal, "CompanyID", seller.organisation_number, schemeID=ORGANISATION_NUMBER_SCHEME)
    if seller.email:
        _cbc(_cac(party, "Contact"), "ElectronicMail", seller.email)


def _buyer(root: ET.Element, invoice: Invoice, seller: SellerProfile) -> None:
    party = _cac(_cac(root, "AccountingCustomerParty"), "Party")
    # A private person has no address in the PEPPOL network (and EHF's code list has no e-mail scheme),
    # yet the element is required: their file is only for the accounting system, so it names the
    # seller's own address, which routes back to the seller if it were ever sent.
    endpoint = invoice.buyer_organisation_number or seller.organisation_number
    _cbc(party, "EndpointID", endpoint, schemeID=ORGANISATION_NUMBER_SCHEME)
    _cbc(_cac(party, "PartyName"), "Name", invoice.buyer_name)
    _address(party, invoice.buyer_address, invoice.buyer_city, invoice.buyer_postcode, invoice.buyer_country)
    legal = _cac(party, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", invoice.buyer_name)
    if invoice.buyer_organisation_number:
        _cbc(legal, "CompanyID", invoice.buyer_organisation_number, schemeID=ORGANISATION_NUMBER_SCHEME)
    if invoice.buyer_email:
        _cbc(_cac(party, "Contact"), "ElectronicMail", invoice.buyer_email)


def document(invoice: Invoice) -> bytes:
    """The invoice (or credit note) as EHF / PEPPOL BIS Billing 3.0 UBL XML, UTF-8."""
    seller = SellerProfile.objects.get(edition_id=invoice.edition_id)
    credit = invoice.is_credit_note
    root_ns = CREDIT_NOTE_NS if credit else INVOICE_NS
    root = ET.Element(f"{{{root_ns}}}{'CreditNote' if credit else 'Invoice'}")
    _cbc(root, "CustomizationID", CUSTOMIZATION)
    _cbc(root, "ProfileID", PROFILE)
    _cbc(root, "ID", invoice.identifier)
    _cbc(root, "IssueDate", invoice.issued_on.isoformat())
    if credit:
        _cbc(root, "CreditNoteTypeCode", "381")
    else:
        _cbc(root, "DueDate", invoice.due_on.isoformat())
        _cbc(root, "InvoiceTypeCode", "380")
    _cbc(root, "DocumentCurrencyCode", CURRENCY)
    _cbc(root, "BuyerReference", invoice.buyer_reference)
    if credit and invoice.credits is not None:
        reference = _cac(_cac(root, "BillingReference"), "InvoiceDocumentReference")
        _cbc(reference, "ID", invoice.credits.identifier)
        _cbc(reference, "IssueDate", invoice.credits.issued_on.isoformat())
    _seller(root, seller)
    _buyer(root, invoice, seller)
    means = _cac(root, "PaymentMeans")
    _cbc(means, "PaymentMeansCode", "30")
    _cbc(means, "PaymentID", invoice.identifier)
    _cbc(_cac(means, "PayeeFinancialAccount"), "ID", seller.account_number)
    lines = list(invoice.lines.all())
    totals = pricing.totals(line.priced() for line in lines)
    tax_total = _cac(root, "TaxTotal")
    _amount(tax_total, "TaxAmount", totals.vat)
    for part in totals.breakdown:
        subtotal = _cac(tax_total, "TaxSubtotal")
        _amount(subtotal, "TaxableAmount", part.taxable)
        _amount(subtotal, "TaxAmount", part.vat)
        _tax_category(subtotal, "TaxCategory", part.category, part.rate, reason=True)
    monetary = _cac(root, "LegalMonetaryTotal")
    _amount(monetary, "LineExtensionAmount", totals.net)
    _amount(monetary, "TaxExclusiveAmount", totals.net)
    _amount(monetary, "TaxInclusiveAmount", totals.gross)
    _amount(monetary, "PayableAmount", totals.gross)
    for line in lines:
        element = _cac(root, "CreditNoteLine" if credit else "InvoiceLine")
        _cbc(element, "ID", str(line.position))
        if line.participant:
            _cbc(element, "Note", line.participant)
        _cbc(element, "CreditedQuantity" if credit else "InvoicedQuantity", str(line.quantity), unitCode="EA")
        _amount(element, "LineExtensionAmount", line.net)
        item = _cac(element, "Item")
        _cbc(item, "Name", line.description)
        _tax_category(item, "ClassifiedTaxCategory", line.vat_category, line.vat_rate, reason=False)
        price = _cac(element, "Price")
        _amount(price, "PriceAmount", line.unit_net)
        if line.discount_net:
            allowance = _cac(price, "AllowanceCharge")
            _cbc(allowance, "ChargeIndicator", "false")
            _amount(allowance, "Amount", line.discount_net)
            _amount(allowance, "BaseAmount", line.unit_net + line.discount_net)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
