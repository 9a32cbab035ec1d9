"""200 concurrent redemptions of a discount code with 20 uses give exactly 20; 40 concurrent invoices
get the numbers 1 to 40 with no gap and no number twice; one person invoiced by 32 at once gets one invoice.

Each thread has its own database connection on the burst tests' own database (a file for SQLite, a
database on the server for PostgreSQL; see tests/conftest.py), and all start together at a barrier.
The negative control shows the load catches a race: "read `used`, then write it back" over-redeems.
200 registrations through the registration service with a code of 20 uses store exactly 20.
"""

import time
import uuid
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from gronnpraksis.billing import services
from gronnpraksis.billing.models import DiscountCode, Invoice, Redemption, SellerProfile
from gronnpraksis.editions.models import Edition
from gronnpraksis.registrations import services as registration_services
from gronnpraksis.registrations.models import Registration, Status
from tests.burst.database import BurstDatabase
from tests.burst.threads import run_together
from tests.factories import EditionFactory, municipality, registration_data

pytestmark = pytest.mark.burst

REQUESTS = 200
USES = 20
THREADS = 32
RACE_WINDOW = 0.005


def _edition_with_people(count: int) -> tuple[Edition, list[int]]:
    edition = EditionFactory()
    now = timezone.now()
    ticket = edition.ticket_types.first()
    Registration.objects.bulk_create(
        Registration(
            edition=edition,
            status=Status.CONFIRMED,
            name=f"Deltaker {i}",
            email=f"deltaker{i}.{edition.slug}@example.no",
            sector="kommune",
            role="fagperson",
            municipality=municipality(),
            ticket_type=ticket,
            privacy_accepted_at=now,
        )
        for i in range(count)
    )
    return edition, list(Registration.objects.filter(edition=edition).values_list("pk", flat=True))


def _code(edition: Edition) -> DiscountCode:
    return DiscountCode.objects.create(
        edition=edition,
        code="PARTNER",
        partner="Næringsforeningen",
        kind="percent",
        value=Decimal(10),
        max_uses=USES,
    )


def _run(work: Callable[[int], None], items: list[int]) -> list[str]:
    return run_together(work, items, threads=THREADS, timeout=120, what="burst")


def test_burst_of_redemptions_gives_exactly_the_uses(burst_database: BurstDatabase) -> None:
    edition, registrations = _edition_with_people(REQUESTS)
    code = _code(edition)
    today = timezone.localdate()

    def redeem(pk: int) -> None:
        services.redeem(
            edition=edition, code="partner", registration=Registration.objects.get(pk=pk), on=today
        )

    errors = _run(redeem, registrations)

    assert Redemption.objects.filter(code=code).count() == USES
    assert DiscountCode.objects.get(pk=code.pk).used == USES
    assert len(errors) == REQUESTS - USES
    assert {error.split(":")[0] for error in errors} == {"BillingError"}


def test_naive_read_then_write_over_redeems_under_the_same_load(burst_database: BurstDatabase) -> None:
    """The negative control: the same load against "read `used`, compare, write back" over-redeems."""
    edition, registrations = _edition_with_people(REQUESTS)
    code = _code(edition)
    atomic = transaction.atomic if burst_database.vendor == "postgresql" else _plain

    def naive(pk: int) -> None:
        with atomic():
            current = DiscountCode.objects.get(pk=code.pk)
            time.sleep(RACE_WINDOW)
            if current.used < current.max_uses:
                DiscountCode.objects.filter(pk=code.pk).update(used=current.used + 1)
                Redemption.objects.create(code=code, registration_id=pk)

    errors = _run(naive, registrations)

    assert not errors, errors[:5]
    assert Redemption.objects.filter(code=code).count() > USES


class _plain:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None


def _seller(edition: Edition) -> None:
    edition.ticket_types.update(price=1000)
    SellerProfile.objects.create(
        edition=edition,
        name="Grønn Praksis SA",
        organisation_number="974760673",
        postcode="4611",
        city="Kristiansand",
        account_number="12345678903",
        series=f"B{edition.pk}",
    )


BUYER = services.Buyer(name="Kristiansand kommune", organisation_number="963296746", reference="klima")


def test_one_person_invoiced_by_many_at_once_gets_one_invoice(burst_database: BurstDatabase) -> None:
    edition, [registration] = _edition_with_people(1)
    _seller(edition)
    today = timezone.localdate()

    def invoice(_attempt: int) -> None:
        services.issue_invoice(
            edition=edition, registrations=[Registration.objects.get(pk=registration)], buyer=BUYER, on=today
        )

    errors = _run(invoice, list(range(THREADS)))

    assert Invoice.objects.filter(edition=edition).count() == 1
    assert {error.split(":")[0] for error in errors} == {"BillingError"} and len(errors) == THREADS - 1


def test_burst_of_invoices_numbers_them_without_gaps(burst_database: BurstDatabase) -> None:
    count = 40
    edition, registrations = _edition_with_people(count)
    _seller(edition)
    today = timezone.localdate()
    buyer = BUYER

    def invoice(pk: int) -> None:
        services.issue_invoice(
            edition=edition, registrations=[Registration.objects.get(pk=pk)], buyer=buyer, on=today
        )

    errors = _run(invoice, registrations)

    assert not errors, errors[:5]
    numbers = sorted(Invoice.objects.filter(edition=edition).values_list("number", flat=True))
    assert numbers == list(range(1, count + 1))


def test_burst_of_registrations_with_a_code_of_few_uses_counts_exactly(burst_database: BurstDatabase) -> None:
    """200 people register at once with a code of 20 uses, through the registration service as the form
    does: exactly 20 are registered with the code; everyone else gets the "used up" refusal and nothing
    of theirs is stored (the use is taken in the registration's own transaction)."""
    edition = EditionFactory()
    code = _code(edition)

    def register(index: int) -> None:
        registration_services.register(
            edition=edition,
            data=registration_data(
                edition,
                name=f"Deltaker {index}",
                email=f"kode{index}.{edition.slug}@example.no",
                extra={"discount_code": "partner"},
            ),
            idempotency_key=uuid.uuid4(),
        )

    errors = _run(register, list(range(REQUESTS)))

    assert DiscountCode.objects.get(pk=code.pk).used == USES
    assert Redemption.objects.filter(code=code).count() == USES
    assert Registration.objects.filter(edition=edition).count() == USES
    assert len(errors) == REQUESTS - USES
    assert {error.split(":")[0] for error in errors} == {"RegistrationRefused"}
