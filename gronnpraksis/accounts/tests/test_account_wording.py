"""allauth's pages and mails in our words and with our name (issue 18, item 11)."""

import pytest

from gronnpraksis.mail.models import OutboxMail

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "greeting", "thanks"),
    [
        ("", "Hei fra Grønn Praksis!", "Takk for at du bruker Grønn Praksis!"),
        ("/en", "Hello from Grønn Praksis!", "Thank you for using Grønn Praksis!"),
    ],
)
def test_the_login_code_mail_names_the_site(client, settings, participant, prefix, greeting, thanks):
    settings.SITE_URL = "https://gronnpraksis.no"
    OutboxMail.objects.all().delete()

    client.post(f"{prefix}/accounts/login/code/", {"email": participant.email}, HTTP_HOST="127.0.0.1")

    body = OutboxMail.objects.get().body_text
    assert greeting in body and thanks in body
    assert "https://gronnpraksis.no" in body
    assert "127.0.0.1" not in body


def test_the_code_login_page_uses_our_wording(client):
    page = client.get("/accounts/login/code/").content.decode()

    assert "spesiell kode" not in page and "special code" not in page
    assert "engangskode" in page  # needs the merged translations
