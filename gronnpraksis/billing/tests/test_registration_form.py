"""The discount code on the public registration form, and the price on the person's pages and mail."""

import datetime
import html
import uuid
from decimal import Decimal as D

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from gronnpraksis.billing.models import DiscountCode, DiscountKind, Redemption
from gronnpraksis.billing.registration_hooks import nok
from gronnpraksis.editions.models import Edition
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations import services as registration_services
from gronnpraksis.registrations.models import Registration
from gronnpraksis.registrations.tests.helpers import form_data, register_url
from tests.factories import registration_data

from .helpers import billed_edition, second_ticket

pytestmark = pytest.mark.django_db


def code(edition: Edition, **overrides: object) -> DiscountCode:
    values: dict[str, object] = {
        "edition": edition,
        "code": "NAERING",
        "partner": "Næringsforeningen",
        "kind": DiscountKind.PERCENT,
        "value": D("20"),
        "max_uses": 3,
    }
    values.update(overrides)
    return DiscountCode.objects.create(**values)


def priced_form(edition: Edition, **overrides: object) -> dict[str, object]:
    """The form for the priced ticket, paid by an organisation."""
    return form_data(edition, organisation_number="963296746", payer_type="organisation", **overrides)


def amount(value: str) -> str:
    with translation.override("nb"):
        return html.escape(nok(D(value)))


def refused_with(client: Client, edition: Edition, message: str) -> None:
    response = client.post(register_url(edition), priced_form(edition, discount_code="naering"))
    assert response.status_code == 200
    assert response.context["form"].errors["discount_code"] == [message]
    body = response.content.decode()
    assert 'value="naering"' in body and 'value="Áile Sara"' in body  # what was typed is kept
    assert not Registration.objects.exists()
    assert DiscountCode.objects.get().used == 0


def test_edition_without_codes_has_no_code_field(client: Client) -> None:
    edition = billed_edition()
    assert "discount_code" not in client.get(register_url(edition)).content.decode()


def test_valid_code_is_redeemed_and_the_price_is_shown_on_the_page_and_in_the_mail(client: Client) -> None:
    edition = billed_edition()
    code(edition)

    response = client.post(register_url(edition), priced_form(edition, discount_code=" naering "))

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert Redemption.objects.get().registration == registration
    assert DiscountCode.objects.get().used == 1
    page = client.get(response["Location"]).content.decode()
    # 2 500 incl. 25 % VAT is 2 000 net; 20 % off is 400; 1 600 net + 400 VAT = 2 000 to pay.
    for expected in ("2000.00", "400.00"):
        assert amount(expected) in page
    assert "− " + amount("400.00") in page and "NAERING" in page
    mail = OutboxMail.objects.get(template="registration_confirmed")
    assert "NAERING: − " + html.unescape(amount("400.00")) in mail.body_text
    assert html.unescape(amount("2000.00")) in mail.body_text


def test_expired_code_gives_the_message_and_keeps_the_form(client: Client) -> None:
    edition = billed_edition()
    code(edition, valid_until=timezone.localdate() - datetime.timedelta(days=1))
    refused_with(client, edition, gettext("The discount code is not valid on this date."))


def test_code_for_another_ticket_gives_the_message(client: Client) -> None:
    edition = billed_edition()
    code(edition).ticket_types.set([second_ticket(edition)])
    refused_with(client, edition, gettext("The discount code does not apply to this ticket type."))


def test_used_up_code_gives_the_message(client: Client) -> None:
    edition = billed_edition()
    code(edition, max_uses=2, used=2)
    response = client.post(register_url(edition), priced_form(edition, discount_code="naering"))
    assert response.context["form"].errors["discount_code"] == [
        gettext("The discount code has been used up.")
    ]
    assert not Registration.objects.exists()


def test_unknown_code_gives_the_message(client: Client) -> None:
    edition = billed_edition()
    code(edition, code="ANNET")
    response = client.post(register_url(edition), priced_form(edition, discount_code="naering"))
    assert response.context["form"].errors["discount_code"] == [gettext("The discount code is not valid.")]


def test_code_used_up_between_the_check_and_the_save_refuses_the_whole_registration() -> None:
    """The form's check passed; the last use went to someone else before the registration was stored:
    nothing is stored (no registration, no seat, no mail) and the message names the code field."""
    edition = billed_edition()
    discount = code(edition, max_uses=1, used=1)
    data = registration_data(edition, extra={"discount_code": "NAERING"})

    with pytest.raises(registration_services.RegistrationRefused) as refused:
        registration_services.register(edition=edition, data=data, idempotency_key=uuid.uuid4())

    assert refused.value.field == "discount_code"
    assert str(refused.value) == gettext("The discount code has been used up.")
    assert not Registration.objects.exists() and not OutboxMail.objects.exists()
    discount.refresh_from_db()
    assert discount.used == 1


def test_free_ticket_shows_free(client: Client) -> None:
    edition = billed_edition()
    edition.ticket_types.get().billing_price.delete()
    response = client.post(register_url(edition), form_data(edition))
    page = client.get(response["Location"]).content.decode()
    with translation.override("nb"):
        assert f"<dd>{gettext('Free')}</dd>" in page
