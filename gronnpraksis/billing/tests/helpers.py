"""Shared set-up for the billing tests: an edition with a seller and priced tickets."""

import datetime
from decimal import Decimal

from gronnpraksis.billing.models import SellerProfile, TicketPrice
from gronnpraksis.editions.models import Edition, TicketType
from gronnpraksis.registrations.models import Registration
from tests.factories import EditionFactory, register_person

TODAY = datetime.date(2026, 3, 2)


def billed_edition(*, vat_registered: bool = True, series: str = "GP26") -> Edition:
    edition = EditionFactory()
    SellerProfile.objects.create(
        edition=edition,
        name="Grønn Praksis SA",
        organisation_number="974760673",
        vat_registered=vat_registered,
        street="Rådhusgata 20",
        postcode="4611",
        city="Kristiansand",
        account_number="12345678903",
        email="faktura@example.no",
        series=series,
    )
    ticket = edition.ticket_types.first()
    assert ticket is not None
    TicketPrice.objects.create(
        ticket_type=ticket,
        ordinary=Decimal("2500"),
        exempt=False,
        vat_rate=Decimal("25"),
        includes_vat=True,
        student=Decimal("625"),
    )
    return edition


def second_ticket(edition: Edition, *, exempt: bool = True) -> TicketType:
    ticket = TicketType.objects.create(edition=edition, name="Kurs", price=0, position=9)
    TicketPrice.objects.create(ticket_type=ticket, ordinary=Decimal("1200"), exempt=exempt)
    return ticket


def people(edition: Edition, count: int, start: int = 0, **overrides: object) -> list[Registration]:
    return [
        register_person(
            edition, name=f"Deltaker {i}", email=f"deltaker{i}.{edition.slug}@example.no", **overrides
        )
        for i in range(start, start + count)
    ]
