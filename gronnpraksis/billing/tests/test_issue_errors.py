"""A refused invoice on the new-invoice page is summed up at the top with a link to the field, as on the
other forms: with one form per payer, the message beside the field may be far down the page."""

import pytest
from django.test import Client

from gronnpraksis.accounts.models import User
from gronnpraksis.billing.models import Invoice

from .helpers import billed_edition, people

pytestmark = pytest.mark.django_db


def test_a_refused_invoice_is_summed_up_with_a_link_to_the_field(client: Client, organiser: User) -> None:
    edition = billed_edition()
    [person] = people(edition, 1)
    client.force_login(organiser)
    key = f"person-{person.pk}"

    response = client.post(
        f"/arrangor/{edition.slug}/fakturaer/ny/",
        {"payer": key, f"{key}-reference": "", f"{key}-name": "Kari", f"{key}-country": "NO"},
    )

    page = response.content.decode()
    assert 'id="error-summary"' in page
    assert f'href="#id_{key}-reference"' in page
    assert page.count('id="error-summary"') == 1
    assert not Invoice.objects.exists()
