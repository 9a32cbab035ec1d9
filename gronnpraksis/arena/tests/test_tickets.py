"""The participant's ticket: the QR code behind the manage link, the PDF ticket, and a secret that opens
nothing but the check-in."""

import io
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from pypdf import PdfReader

from gronnpraksis.arena import qr, services
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations.services import cancel_registration


def pdf_text(content: bytes) -> tuple[int, str]:
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def url(name, registration, token=None):
    return reverse(f"arena:{name}", args=[registration.edition.slug, token or registration.manage_token])


@pytest.mark.django_db
def test_the_manage_page_shows_the_qr_code_and_the_ticket(client, participant):
    page = client.get(participant.get_absolute_url()).content.decode()

    assert url("qr_svg", participant) in page
    assert url("ticket", participant) in page


@pytest.mark.django_db
def test_the_qr_code_carries_the_check_in_address_with_the_secret(client, participant):
    response = client.get(url("qr_svg", participant))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["Cache-Control"] == "no-store, private"
    payload = qr.payload(services.pass_for(participant))
    assert qr.secret_from(payload) == services.pass_for(participant).secret
    assert "/arrangor/" in payload and "innsjekk" in payload
    assert client.get(url("qr_png", participant)).content.startswith(b"\x89PNG")


@pytest.mark.django_db
def test_the_pdf_ticket_holds_the_name_and_the_edition(client, participant):
    response = client.get(url("ticket", participant))

    pages, text = pdf_text(response.content)
    assert pages == 1
    assert "Kari Nordmann" in text
    assert participant.edition.name in text


@pytest.mark.django_db
def test_the_confirmation_mail_links_to_the_ticket(participant):
    mail = OutboxMail.objects.get(to=participant.email, template="registration_confirmed")

    assert f"{participant.get_absolute_url()}billett.pdf" in mail.body_text


@pytest.mark.django_db
def test_the_check_in_secret_opens_nothing_else(client, participant):
    secret = services.pass_for(participant).secret
    slug = participant.edition.slug

    assert client.get(reverse("registrations:manage", args=[slug, secret])).status_code == 404
    assert client.get(reverse("registrations:cancel", args=[slug, secret])).status_code == 404
    assert client.get(reverse("registrations:calendar", args=[slug, secret])).status_code == 404
    assert client.post(reverse("registrations:export", args=[slug, secret])).status_code == 404
    assert client.get(reverse("program:agenda", args=[slug, secret])).status_code == 404
    assert client.get(url("ticket", participant, secret)).status_code == 404
    assert client.get(url("qr_svg", participant, secret)).status_code == 404
    assert client.get(url("certificate", participant, secret)).status_code == 404
    # Without a staff login the check-in address does nothing either.
    parts = urlsplit(qr.payload(services.pass_for(participant)))
    response = client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_a_cancelled_registration_has_no_ticket(client, participant):
    cancel_registration(registration=participant)

    assert client.get(url("ticket", participant)).status_code == 404
    assert client.get(url("qr_svg", participant)).status_code == 404
    assert url("qr_svg", participant) not in client.get(participant.get_absolute_url()).content.decode()
