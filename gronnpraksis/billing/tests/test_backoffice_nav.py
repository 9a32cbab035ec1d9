"""The invoice pages sit in the back office: its navigation links to them and they show it."""

import pytest
from django.test import Client

from gronnpraksis.accounts.models import User

from .helpers import billed_edition

pytestmark = pytest.mark.django_db

PAGES = ["", "ny/", "gratis/", "avbestilling/", "priser/", "rabattkoder/", "selger/"]


def test_back_office_navigation_links_to_the_invoices(client: Client, organiser: User) -> None:
    edition = billed_edition()
    client.force_login(organiser)
    page = client.get(f"/arrangor/{edition.slug}/program/").content.decode()
    assert f'href="/arrangor/{edition.slug}/fakturaer/"' in page


@pytest.mark.parametrize("path", PAGES)
def test_invoice_pages_show_the_back_office_navigation(client: Client, organiser: User, path: str) -> None:
    edition = billed_edition()
    client.force_login(organiser)
    response = client.get(f"/arrangor/{edition.slug}/fakturaer/{path}")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="gp-backoffice__nav"' in page
    assert f'href="/arrangor/{edition.slug}/"' in page
