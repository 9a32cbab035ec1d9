"""A network's logo goes through the bank's upload checks in the admin form, and is served as an image."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.datastructures import MultiValueDict
from pytest_django import Settings

from gronnpraksis.backoffice.admin import NetworkForm
from gronnpraksis.examples.tests.helpers import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def network_form(logo: SimpleUploadedFile) -> NetworkForm:
    data = {
        "name": "Klimanettverk Nordmøre",
        "slug": "klima-nordmore",
        "colour": "brand2",
        "host": "Klima.Example.NO.",
    }
    return NetworkForm(data, MultiValueDict({"logo": [logo]}))


def test_an_image_logo_is_stored_under_a_random_name_and_served(client: Client) -> None:
    form = network_form(SimpleUploadedFile("min logo.png", image_bytes("PNG"), content_type="image/png"))

    assert form.is_valid(), form.errors
    network = form.save()

    assert network.host == "klima.example.no"
    assert "min logo" not in network.logo.name and network.logo.name.endswith(".png")
    response = client.get(f"/nettverk/{network.slug}/logo")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_a_logo_that_is_not_an_image_is_refused() -> None:
    pdf = SimpleUploadedFile(
        "logo.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", content_type="application/pdf"
    )

    form = network_form(pdf)

    assert not form.is_valid()
    assert "logo" in form.errors


def test_a_file_that_only_claims_to_be_an_image_is_refused() -> None:
    form = network_form(
        SimpleUploadedFile("logo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/png")
    )

    assert not form.is_valid()
    assert "logo" in form.errors
