"""The invoice pages' role × URL matrix (the shared harness in tests/backoffice_matrix.py).

Only organisers (team members with the organiser role, or staff) with an authenticator app may open
them; organisers without one are sent to set it up; anyone else in or outside the team gets a 404.
"""

from types import SimpleNamespace

import pytest
from django.test import Client

from gronnpraksis.accounts.models import User
from gronnpraksis.billing import backoffice_urls, services
from gronnpraksis.billing.models import (
    CancellationTerms,
    DiscountCode,
    FreeTicket,
    Invoice,
    SellerProfile,
    TicketPrice,
)
from gronnpraksis.editions.models import Edition, TeamRole
from gronnpraksis.registrations.models import Registration
from tests import backoffice_matrix as matrix
from tests.backoffice_matrix import LOGIN, NOT_FOUND, TOTP, Url, member, with_totp
from tests.factories import EditionFactory, UserFactory

from .helpers import TODAY, billed_edition, people


def network_actors(edition: Edition) -> dict[str, User]:
    """An organiser of the edition's network (an organiser here) and one of another network (404)."""
    own, other = matrix.network_organisers(edition)
    return {"network_organiser": own, "organiser_of_another_network": other}


ACTORS = [
    "anonymous",
    "outsider",
    "reviewer",
    "juror",
    "door",
    "organiser_of_another_edition",
    "organiser_without_totp",
    "staff_without_totp",
    "organiser",
    "staff",
    "network_organiser",
    "organiser_of_another_network",
]


@pytest.fixture
def world(db: None, organiser: User) -> SimpleNamespace:
    edition = billed_edition()
    invoice = services.issue_invoice(
        edition=edition,
        registrations=people(edition, 2),
        buyer=services.Buyer(name="Kristiansand kommune", organisation_number="963296746", reference="klima"),
        on=TODAY,
    )
    waiting = people(edition, 1, start=5)[0]
    code = DiscountCode.objects.create(
        edition=edition, code="KLIMA", partner="Partner", kind="percent", value=10, max_uses=5
    )
    return SimpleNamespace(
        edition=edition,
        invoice=invoice,
        waiting=waiting,
        code=code,
        actors={
            "anonymous": None,
            "outsider": UserFactory(email="ola.utenfor@example.no"),
            "reviewer": member(edition, "vera.vurderer@example.no", TeamRole.REVIEWER),
            "juror": member(edition, "jens.jury@example.no", TeamRole.JUROR),
            "door": member(edition, "dora.dor@example.no", TeamRole.CHECK_IN),
            "organiser_of_another_edition": with_totp(
                member(EditionFactory(), "annen.arrangor@example.no", TeamRole.ORGANISER)
            ),
            "organiser_without_totp": member(edition, "uten.app@example.no", TeamRole.ORGANISER),
            "staff_without_totp": UserFactory(email="stab.uten.app@example.no", is_staff=True),
            "organiser": with_totp(member(edition, "olga.organiser@example.no", TeamRole.ORGANISER)),
            "staff": organiser,
            **network_actors(edition),
        },
    )


def the_invoice(w: SimpleNamespace) -> dict[str, object]:
    return {"series": w.invoice.series.name, "number": w.invoice.number}


def issue_data(w: SimpleNamespace) -> dict[str, object]:
    key = f"person-{w.waiting.pk}"
    return {
        "payer": key,
        f"{key}-reference": "Deltaker 5",
        f"{key}-name": "Deltaker 5",
        f"{key}-country": "NO",
    }


def free_data(w: SimpleNamespace) -> dict[str, object]:
    return {"registration": w.waiting.pk, "role": "speaker"}


def terms_data(w: SimpleNamespace) -> dict[str, object]:
    return {"free_until": "2026-03-01", "share": "50", "share_until": "2026-03-15"}


def the_ticket(w: SimpleNamespace) -> dict[str, object]:
    return {"ticket": w.edition.ticket_types.first().pk}


def the_code(w: SimpleNamespace) -> dict[str, object]:
    return {"pk": w.code.pk}


def price_data(w: SimpleNamespace) -> dict[str, object]:
    return {"ordinary": "3000", "vat_rate": "25", "exempt": "on"}


def code_data(w: SimpleNamespace) -> dict[str, object]:
    return {"code": "NY", "partner": "Partner", "kind": "amount", "value": "100", "max_uses": "3"}


def seller_data(w: SimpleNamespace) -> dict[str, object]:
    return {
        "name": "Ny selger",
        "organisation_number": "974760673",
        "postcode": "4611",
        "city": "Kristiansand",
        "account_number": "12345678903",
        "series": "NY",
        "payment_days": "10",
    }


B = "billing_backoffice:"
URLS = [
    Url(B + "invoices", "GET", "organiser", 200),
    Url(B + "invoice_basis_csv", "GET", "organiser", 200),
    Url(B + "invoice_xml", "GET", "organiser", 200, the_invoice),
    Url(B + "issue", "GET", "organiser", 200),
    Url(B + "free_tickets", "GET", "organiser", 200),
    Url(B + "free_tickets", "POST", "organiser", 302, None, free_data),
    Url(B + "issue", "POST", "organiser", 302, None, issue_data),
    Url(B + "mark_paid", "POST", "organiser", 302, the_invoice),
    Url(B + "credit", "POST", "organiser", 302, the_invoice),
    Url(B + "cancellation_terms", "GET", "organiser", 200),
    Url(B + "cancellation_terms", "POST", "organiser", 302, None, terms_data),
    Url(B + "reissue", "POST", "organiser", 302, the_invoice),
    Url(B + "prices", "GET", "organiser", 200),
    Url(B + "price", "GET", "organiser", 200, the_ticket),
    Url(B + "price", "POST", "organiser", 302, the_ticket, price_data),
    Url(B + "discount_codes", "GET", "organiser", 200),
    Url(B + "discount_codes", "POST", "organiser", 302, None, code_data),
    Url(B + "discount_code", "GET", "organiser", 200, the_code),
    Url(B + "discount_code", "POST", "organiser", 302, the_code, code_data),
    Url(B + "discount_code_active", "POST", "organiser", 302, the_code),
    Url(B + "seller", "GET", "organiser", 200),
    Url(B + "seller", "POST", "organiser", 302, None, seller_data),
]


def expected(actor: str, url: Url) -> str:
    if actor == "anonymous":
        return LOGIN
    if actor in ("organiser_without_totp", "staff_without_totp"):
        return TOTP
    if actor in ("organiser", "staff", "network_organiser"):
        return str(url.allowed)
    return NOT_FOUND


def stored() -> list[object]:
    return [
        Invoice.objects.count(),
        Registration.objects.count(),
        list(Invoice.objects.values_list("paid_on")),
        list(FreeTicket.objects.values_list("registration", "role")),
        list(CancellationTerms.objects.values_list("edition", "share")),
        list(TicketPrice.objects.values_list("ordinary", "exempt")),
        list(DiscountCode.objects.values_list("code", "kind", "max_uses", "is_active")),
        list(SellerProfile.objects.values_list("name", "series")),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS, ids=str)
def test_invoice_url_for_every_role(client: Client, world: SimpleNamespace, url: Url) -> None:
    matrix.assert_every_role(client, world, url, ACTORS, expected, stored)


def test_the_matrix_covers_every_invoice_url() -> None:
    matrix.assert_covers(URLS, matrix.url_names(backoffice_urls.urlpatterns, B))
