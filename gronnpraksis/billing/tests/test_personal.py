"""What billing holds about a person is in their personal-data export."""

from decimal import Decimal

import pytest

from gronnpraksis.billing import services
from gronnpraksis.billing.models import DiscountCode, DiscountKind
from gronnpraksis.billing.personal import payment_data
from gronnpraksis.privacy.export import export_person
from tests.factories import UserFactory

from .helpers import TODAY, billed_edition, people


@pytest.mark.django_db
def test_the_code_and_the_invoice_line_are_in_the_persons_export(django_assert_max_num_queries) -> None:
    edition = billed_edition()
    kari, other = people(edition, 2)
    code = DiscountCode.objects.create(
        edition=edition,
        code="NÆRING",
        partner="Næringsforeningen",
        kind=DiscountKind.PERCENT,
        value=Decimal("20"),
        max_uses=5,
    )
    services.redeem(edition=edition, code=code.code, registration=kari, on=TODAY)
    invoice = services.issue_invoice(
        edition=edition, registrations=[kari], buyer=services.Buyer(name="Kari", reference="K-1"), on=TODAY
    )
    user = UserFactory(email=kari.email)

    [registration] = export_person(user)["registrations"]
    payment = registration["payment"]

    assert payment["discount_code"] == "NÆRING"
    [line] = payment["invoice_lines"]
    assert line["document"] == invoice.identifier and line["issued_on"] == TODAY.isoformat()
    assert Decimal(line["discount"]) > 0 and line["paid_on"] is None
    with django_assert_max_num_queries(4):
        assert payment_data([other]) == {other.pk: {}}
