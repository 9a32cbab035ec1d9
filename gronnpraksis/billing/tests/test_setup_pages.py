"""The organisers' forms for ticket prices (with the preview), discount codes and the seller: bad
input comes back with a message and what was typed, never a 500, and nothing is written."""

import datetime
from decimal import Decimal as D

import pytest
from django.test import Client

from gronnpraksis.accounts.models import User
from gronnpraksis.billing import services
from gronnpraksis.billing.models import DiscountCode, SellerProfile, TicketPrice
from gronnpraksis.editions.models import Edition, TicketType

from .helpers import TODAY, billed_edition, people

pytestmark = pytest.mark.django_db

ERROR = 'class="ds-validation-message"'


def base(edition: Edition) -> str:
    return f"/en/arrangor/{edition.slug}/fakturaer/"


def price_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "ordinary": "3000",
        "early_bird": "2400",
        "early_bird_until": "",
        "student": "750",
        "includes_vat": "on",
        "vat_rate": "25",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def edition() -> Edition:
    return billed_edition()


@pytest.fixture
def ticket(edition: Edition) -> TicketType:
    ticket = edition.ticket_types.first()
    assert ticket is not None
    return ticket


def test_prices_page_shows_each_tier_ex_and_incl_vat(
    client: Client, organiser: User, edition: Edition
) -> None:
    client.force_login(organiser)
    page = client.get(base(edition) + "priser/").content.decode()
    # 2500 incl. 25 % VAT: 2000.00 ex.; student 625 incl.: 500.00 ex.
    assert ">2000.00<" in page and ">2500.00<" in page and ">500.00<" in page and ">625.00<" in page


def test_preview_does_not_save_and_save_stores_the_terms(
    client: Client, organiser: User, edition: Edition, ticket: TicketType
) -> None:
    client.force_login(organiser)
    path = base(edition) + f"priser/{ticket.pk}/"
    until = (edition.starts_on - datetime.timedelta(days=30)).isoformat()

    page = client.post(path, {**price_data(early_bird_until=until, ordinary="2999.99"), "preview": "1"})

    assert page.status_code == 200
    content = page.content.decode()
    # 2999.99 incl. → 2399.99 ex. (2399.992) → 2999.99 incl. (2999.9875); early bird 2400 → 1920.00
    assert ">2399.99<" in content and ">2999.99<" in content and ">1920.00<" in content
    assert TicketPrice.objects.get(ticket_type=ticket).ordinary == D("2500")
    response = client.post(path, price_data(early_bird_until=until, ordinary="2999.99"))
    assert response.status_code == 302
    price = TicketPrice.objects.get(ticket_type=ticket)
    assert (price.ordinary, price.early_bird, price.student, price.exempt) == (
        D("2999.99"),
        D("2400"),
        D("750"),
        False,
    )


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"ordinary": "-5"}, "cannot be negative"),
        ({"ordinary": "abc"}, "Write an amount"),
        ({"ordinary": "1e400"}, ""),
        ({"ordinary": "NaN"}, ""),
        ({"ordinary": "123456789012"}, ""),
        ({"ordinary": ""}, ""),
        ({"vat_rate": "100"}, "below 100"),
        ({"vat_rate": "-1"}, "below 100"),
        ({"vat_rate": "0"}, "above 0"),
        ({"early_bird_until": "2099-01-01"}, "before the event"),
        ({"early_bird_until": "not a day"}, "Write a date"),
        ({"early_bird": "", "early_bird_until": "2020-01-01"}, "early-bird price"),
        ({"student": "9000"}, "lower than the ordinary"),
    ],
)
def test_bad_prices_come_back_with_a_message_and_what_was_typed(
    client: Client,
    organiser: User,
    edition: Edition,
    ticket: TicketType,
    overrides: dict[str, str],
    field_message: str,
) -> None:
    client.force_login(organiser)
    with_date = {
        "early_bird_until": (edition.starts_on - datetime.timedelta(days=1)).isoformat(),
        **overrides,
    }
    response = client.post(base(edition) + f"priser/{ticket.pk}/", price_data(**with_date))
    assert response.status_code == 200
    content = response.content.decode()
    assert ERROR in content and field_message in content
    for value in overrides.values():
        if value and value != "not a day":
            assert f'value="{value}"' in content
    assert TicketPrice.objects.get(ticket_type=ticket).ordinary == D("2500")


def test_another_editions_ticket_is_not_found(client: Client, organiser: User, edition: Edition) -> None:
    other = billed_edition(series="X")
    ticket = other.ticket_types.first()
    assert ticket is not None
    client.force_login(organiser)
    assert client.get(base(edition) + f"priser/{ticket.pk}/").status_code == 404


def code_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "code": "KLIMA27",
        "partner": "Klimapartnere Agder",
        "kind": "percent",
        "value": "20",
        "max_uses": "10",
        "valid_from": "",
        "valid_until": "",
    }
    data.update(overrides)
    return data


def test_create_change_and_turn_off_a_discount_code(
    client: Client, organiser: User, edition: Edition, ticket: TicketType
) -> None:
    client.force_login(organiser)
    path = base(edition) + "rabattkoder/"
    assert client.post(path, code_data(ticket_types=[ticket.pk])).status_code == 302
    code = DiscountCode.objects.get()
    assert (code.code, code.value, code.max_uses, list(code.ticket_types.all())) == (
        "KLIMA27",
        D("20"),
        10,
        [ticket],
    )
    [kari, ola] = people(edition, 2)
    services.redeem(edition=edition, code="klima27", registration=kari, on=TODAY)
    page = client.get(path).content.decode()
    assert "Klimapartnere Agder" in page and "1 of 10" in page

    changed = client.post(path + f"{code.pk}/", code_data(kind="amount", value="500", max_uses="1"))
    assert changed.status_code == 302
    code.refresh_from_db()
    assert (code.kind, code.value, code.max_uses, code.used) == ("amount", D("500"), 1, 1)

    client.post(path + f"{code.pk}/aktiv/")
    with pytest.raises(services.BillingError):
        services.redeem(edition=edition, code="KLIMA27", registration=ola, on=TODAY)
    client.post(path + f"{code.pk}/aktiv/", {"active": "1"})
    code.refresh_from_db()
    assert code.is_active


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"max_uses": "0"}, "at least one use"),
        ({"max_uses": "-3"}, "at least one use"),
        ({"max_uses": "tusen"}, "whole number"),
        ({"value": "150"}, "at most 100"),
        ({"value": "0"}, "more than 0"),
        ({"value": "-10", "kind": "amount"}, "more than 0"),
        ({"code": "HAS SPACE"}, "without spaces"),
        ({"code": ""}, ""),
        ({"kind": "gift"}, ""),
        ({"valid_from": "2027-05-01", "valid_until": "2027-04-01"}, "before the first day"),
        ({"ticket_types": ["999999"]}, "ticket types"),
    ],
)
def test_bad_discount_codes_come_back_with_a_message(
    client: Client, organiser: User, edition: Edition, overrides: dict[str, object], message: str
) -> None:
    client.force_login(organiser)
    response = client.post(base(edition) + "rabattkoder/", code_data(**overrides))
    assert response.status_code == 200
    content = response.content.decode()
    assert ERROR in content and message in content
    assert 'value="Klimapartnere Agder"' in content
    assert not DiscountCode.objects.exists()


def test_a_code_cannot_be_taken_twice_nor_get_fewer_uses_than_used(
    client: Client, organiser: User, edition: Edition
) -> None:
    client.force_login(organiser)
    path = base(edition) + "rabattkoder/"
    client.post(path, code_data(max_uses="3"))
    code = DiscountCode.objects.get()
    for registration in people(edition, 2):
        services.redeem(edition=edition, code="KLIMA27", registration=registration, on=TODAY)
    again = client.post(path, code_data(code="klima27"))
    assert again.status_code == 200 and "already has the code" in again.content.decode()
    fewer = client.post(path + f"{code.pk}/", code_data(max_uses="1"))
    assert fewer.status_code == 200 and "already been used 2 times" in fewer.content.decode()
    code.refresh_from_db()
    assert code.max_uses == 3


def seller_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Grønn Praksis SA",
        "organisation_number": "974 760 673",
        "vat_registered": "on",
        "street": "Rådhusgata 20",
        "postcode": "4611",
        "city": "Kristiansand",
        "account_number": "1234 56 78903",
        "email": "faktura@example.no",
        "series": "gp27",
        "payment_days": "14",
    }
    data.update(overrides)
    return data


def test_seller_is_saved(client: Client, organiser: User, edition: Edition) -> None:
    client.force_login(organiser)
    assert client.post(base(edition) + "selger/", seller_data()).status_code == 302
    seller = SellerProfile.objects.get(edition=edition)
    assert (seller.organisation_number, seller.account_number, seller.series, seller.payment_days) == (
        "974760673",
        "12345678903",
        "GP27",
        14,
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"organisation_number": "974760674"}, "check digit"),
        ({"organisation_number": ""}, ""),
        ({"account_number": "12345678900"}, "account number is not valid"),
        ({"postcode": "46111"}, "four digits"),
        ({"series": "GP 27/"}, "letters A–Z"),
        ({"payment_days": "-1"}, "between 0 and 365"),
        ({"payment_days": "99999999999999999999"}, ""),
        ({"email": "faktura@"}, ""),
    ],
)
def test_bad_seller_input_comes_back_with_a_message(
    client: Client, organiser: User, edition: Edition, overrides: dict[str, object], message: str
) -> None:
    client.force_login(organiser)
    response = client.post(base(edition) + "selger/", seller_data(**overrides))
    assert response.status_code == 200
    content = response.content.decode()
    assert ERROR in content and message in content
    assert 'value="Rådhusgata 20"' in content
    assert SellerProfile.objects.get(edition=edition).series == "GP26"


def test_unknown_and_huge_ids_are_not_found(client: Client, organiser: User, edition: Edition) -> None:
    client.force_login(organiser)
    huge = "9" * 25
    for path in (f"priser/{huge}/", f"rabattkoder/{huge}/", "rabattkoder/0/"):
        assert client.get(base(edition) + path).status_code == 404
    assert client.post(base(edition) + f"rabattkoder/{huge}/aktiv/").status_code == 404


def test_a_ticket_without_price_terms_opens_with_its_price_filled_in(
    client: Client, organiser: User, edition: Edition, ticket: TicketType
) -> None:
    TicketPrice.objects.filter(ticket_type=ticket).delete()
    client.force_login(organiser)

    response = client.get(base(edition) + f"priser/{ticket.pk}/")

    assert response.status_code == 200
    content = response.content.decode()
    assert f'name="ordinary" value="{ticket.price}' in content
    assert not TicketPrice.objects.filter(ticket_type=ticket).exists()
