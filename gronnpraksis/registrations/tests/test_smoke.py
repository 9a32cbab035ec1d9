import pytest

from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations.models import Registration


def form_data(edition, **overrides):
    data = {
        "name": "Áile Sara", "email": "aile.sara@example.no", "phone": "", "organisation_name": "Kautokeino kommune",
        "organisation_number": "", "sector": "kommune", "role": "folkevalgt", "municipality": "Guovdageaidnu",
        "ticket_type": str(edition.ticket_types.first().pk), "days": [str(d.pk) for d in edition.days.all()],
        "privacy": "on", "idempotency_key": "7b0c1b8e-9a8e-4a57-9b3e-2f1f6f3c0d11",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_register_flow(client, edition):
    response = client.post(f"/{edition.slug}/pamelding/", form_data(edition))
    assert response.status_code == 302, response.content.decode()[:3000]
    registration = Registration.objects.get()
    assert registration.municipality.number == "5626" or registration.municipality.name.startswith("Guovdageaidnu")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert OutboxMail.objects.count() == 1
    print(OutboxMail.objects.get().body_text)
    page = client.get(f"/{edition.slug}/bidrag/?pamelding={registration.manage_token}")
    assert page.status_code == 200


@pytest.mark.django_db
def test_register_errors(client, edition):
    response = client.post(f"/{edition.slug}/pamelding/", form_data(edition, email="a@gmial.com", municipality="Narnia", privacy="", organisation_number="123456789"))
    assert response.status_code == 200
    body = response.content.decode()
    print(body[body.index("error-summary"):body.index("error-summary")+2500])
