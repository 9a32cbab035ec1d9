"""Issue 11 §1: an address is proven only by a code sent to it, and only proven addresses grant access.

The attack: log in by code as the attacker, claim the victim's address without proof, then wait for
the victim to register (their registration would show on the attacker's Min side) or for an
organiser to add the victim's address to the team (the attacker would get the back office).
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import proven_email, record_proven_email
from gronnpraksis.editions.models import TeamMember
from gronnpraksis.mail.models import OutboxMail
from tests.factories import UserFactory, register_person

CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.MULTILINE)
ATTACKER = "angriper@example.no"
VICTIM = "offer.person@example.no"

pytestmark = pytest.mark.django_db


def last_code(to: str, template: str) -> str:
    mail = OutboxMail.objects.filter(to=to, template=template).latest("id")
    return CODE.findall(mail.body_text)[0]


def log_in_by_code(client: Client, email: str) -> None:
    asked = client.post("/accounts/login/code/", {"email": email})
    assert asked.status_code == 302
    confirmed = client.post("/accounts/login/code/confirm/", {"code": last_code(email, "login_code")})
    assert (confirmed.status_code, confirmed["Location"]) == (302, "/min-side/")


def try_to_claim(client: Client, email: str) -> None:
    """Everything the attacker can try without access to the victim's mail."""
    # allauth's address management is gone: adding and making primary go nowhere.
    for data in ({"email": email, "action_add": ""}, {"email": email, "action_primary": ""}):
        response = client.post("/accounts/email/", data)
        assert response.status_code in (302, 405)
    # The change-address flow sends a code to the victim, which the attacker cannot read.
    asked = client.post(reverse("accounts:change_email"), {"email": email})
    assert asked.status_code == 302
    for guess in ("AAAA-AAAA", "BBBB-BBBB"):
        client.post(reverse("accounts:confirm_email_change"), {"code": guess})


def back_office_status(client: Client, edition) -> int:  # type: ignore[no-untyped-def]
    return client.get(reverse("backoffice:dashboard", kwargs={"edition": edition.slug})).status_code


def test_a_code_login_proves_the_address_it_was_sent_to(client, participant):
    account = User.objects.get(email=participant.email)
    assert proven_email(account) is None  # made by the registration, nobody has entered a code yet

    log_in_by_code(client, participant.email)

    assert proven_email(User.objects.get(pk=account.pk)) == participant.email
    assert EmailAddress.objects.filter(
        user=account, email=participant.email, verified=True, primary=True
    ).exists()


def test_a_password_login_proves_nothing(client):
    person = UserFactory(email="passord@example.no", proven=False)
    person.set_password("riktig-hest-batteri-stift")
    person.save()

    response = client.post(
        "/accounts/login/", {"login": person.email, "password": "riktig-hest-batteri-stift"}
    )

    assert response.status_code == 302
    assert client.get("/min-side/").context["user"] == person
    assert proven_email(User.objects.get(pk=person.pk)) is None


def test_the_attacker_never_sees_the_victims_registration(client, edition):
    log_in_by_code(client, ATTACKER)

    try_to_claim(client, VICTIM)
    victim = register_person(edition, email=VICTIM, name="Offer Person")

    attacker = User.objects.get(email=ATTACKER)
    assert not EmailAddress.objects.filter(user=attacker, email__iexact=VICTIM).exists()
    page = client.get("/min-side/")
    body = page.content.decode()
    assert list(page.context["registrations"]) == []
    assert victim.manage_token not in body
    assert VICTIM not in body
    assert User.objects.get(email=VICTIM) != attacker  # the victim's registration made their own account


def test_the_attacker_gets_no_back_office_when_the_victim_is_added_to_the_team(client, edition, organiser):
    log_in_by_code(client, ATTACKER)
    try_to_claim(client, VICTIM)

    organiser_client = Client()
    organiser_client.force_login(organiser)
    added = organiser_client.post(
        reverse("backoffice:team", kwargs={"edition": edition.slug}),
        {"email": VICTIM, "name": "Offer Person", "role": "reviewer"},
    )

    assert added.status_code == 302
    assert TeamMember.objects.get().user.email == VICTIM
    assert TeamMember.objects.get().user != User.objects.get(email=ATTACKER)
    assert back_office_status(client, edition) == 404
    assert "/arrangor/" not in client.get("/min-side/").content.decode()


def test_negative_control_an_unproven_address_on_the_account_grants_nothing_a_proven_one_does(
    client, edition, organiser
):
    """The state the old hole left behind: the attacker's account carries the victim's address,
    unproven. The proven-address check is what stops both variants; proving the address (which
    only the victim can) is what opens them."""
    log_in_by_code(client, ATTACKER)
    attacker = User.objects.get(email=ATTACKER)
    User.objects.filter(pk=attacker.pk).update(email=VICTIM)  # as "Sett som primær" did, without proof
    victim = register_person(edition, email=VICTIM, name="Offer Person")
    organiser_client = Client()
    organiser_client.force_login(organiser)
    organiser_client.post(
        reverse("backoffice:team", kwargs={"edition": edition.slug}),
        {"email": VICTIM, "name": "Offer Person", "role": "reviewer"},
    )
    assert TeamMember.objects.get().user == attacker  # the address lookup finds the attacker's account

    assert list(client.get("/min-side/").context["registrations"]) == []
    assert back_office_status(client, edition) == 404

    record_proven_email(user=User.objects.get(pk=attacker.pk), email=VICTIM)

    assert list(client.get("/min-side/").context["registrations"]) == [victim]
    assert back_office_status(client, edition) == 200


def test_changing_the_address_takes_the_code_sent_to_the_new_one(client, edition):
    log_in_by_code(client, "gammel@example.no")
    account = User.objects.get(email="gammel@example.no")

    asked = client.post(reverse("accounts:change_email"), {"email": "Ny@Example.no"})
    unchanged = User.objects.get(pk=account.pk).email
    wrong = client.post(reverse("accounts:confirm_email_change"), {"code": "AAAA-AAAA"})
    right = client.post(
        reverse("accounts:confirm_email_change"), {"code": last_code("ny@example.no", "email_change_code")}
    )

    assert asked["Location"] == reverse("accounts:confirm_email_change")
    assert unchanged == "gammel@example.no"
    assert wrong.status_code == 200 and wrong.context["form"].errors["code"]
    assert right["Location"] == reverse("mypage:my_page")
    account.refresh_from_db()
    assert account.email == "ny@example.no"
    assert list(EmailAddress.objects.filter(user=account).values_list("email", "verified")) == [
        ("ny@example.no", True)
    ]
    assert OutboxMail.objects.filter(to="gammel@example.no", template="email_changed").count() == 1
    registration = register_person(edition, email="ny@example.no")
    assert list(client.get("/min-side/").context["registrations"]) == [registration]
    # The old address no longer leads to this account.
    client.logout()
    log_in_by_code(client, "gammel@example.no")
    assert client.get("/min-side/").context["user"] != account


def test_an_address_another_account_holds_gives_a_form_error_not_a_500(client):
    other = UserFactory(email="opptatt@example.no")
    log_in_by_code(client, "meg@example.no")
    me = User.objects.get(email="meg@example.no")

    taken = client.post(reverse("accounts:change_email"), {"email": "opptatt@example.no"})
    free = Client()
    log_in_by_code(free, "fri@example.no")
    free_answer = free.post(reverse("accounts:change_email"), {"email": "ledig@example.no"})
    # Before the code: the same answer as for a free address, and a code to the address either way.
    assert (taken.status_code, taken["Location"]) == (free_answer.status_code, free_answer["Location"])

    response = client.post(
        reverse("accounts:confirm_email_change"),
        {"code": last_code("opptatt@example.no", "email_change_code")},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert response.context["form"]["email"].value() == "opptatt@example.no"  # keeps what was typed
    me.refresh_from_db()
    other.refresh_from_db()
    assert (me.email, other.email) == ("meg@example.no", "opptatt@example.no")
    assert list(EmailAddress.objects.filter(user=me).values_list("email", flat=True)) == ["meg@example.no"]
    assert EmailAddress.objects.filter(email="opptatt@example.no").count() == 1


def test_too_many_wrong_codes_end_the_change(client):
    log_in_by_code(client, "meg@example.no")
    client.post(reverse("accounts:change_email"), {"email": "ny@example.no"})

    for _attempt in range(5):
        response = client.post(reverse("accounts:confirm_email_change"), {"code": "AAAA-AAAA"})

    assert response["Location"] == reverse("accounts:change_email")
    late = client.post(
        reverse("accounts:confirm_email_change"), {"code": last_code("ny@example.no", "email_change_code")}
    )
    assert late["Location"] == reverse("accounts:change_email")
    assert User.objects.filter(email="ny@example.no").count() == 0


def test_an_unproven_address_is_confirmed_with_a_code_to_itself(client):
    person = UserFactory(email="arrangor.uten.kode@example.no", proven=False)
    client.force_login(person)
    assert client.get("/min-side/").context["email_proven"] is False

    client.post(reverse("accounts:change_email"), {"email": person.email})
    client.post(
        reverse("accounts:confirm_email_change"), {"code": last_code(person.email, "email_change_code")}
    )

    assert proven_email(User.objects.get(pk=person.pk)) == person.email


def test_no_sign_up_page_and_no_address_management(client):
    assert client.get("/accounts/signup/").status_code == 404
    log_in_by_code(client, "meg@example.no")
    response = client.get("/accounts/email/")
    assert (response.status_code, response["Location"]) == (302, reverse("accounts:change_email"))


def test_staff_cannot_retype_an_accounts_address_nor_read_a_manage_token(client, organiser, participant):
    client.force_login(organiser)
    account = User.objects.get(email=participant.email)

    user_page = client.get(f"/admin/accounts/user/{account.pk}/change/").content.decode()
    registration_page = client.get(f"/admin/registrations/registration/{participant.pk}/change/")

    assert 'name="email"' not in user_page
    assert registration_page.status_code == 200
    assert participant.manage_token not in registration_page.content.decode()


def test_asking_for_codes_to_new_addresses_is_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"request_login_code": "20/m/ip,3/m/key"}
    log_in_by_code(client, "meg@example.no")
    before = OutboxMail.objects.filter(template="email_change_code").count()

    answers = [client.post(reverse("accounts:change_email"), {"email": "ny@example.no"}) for _ in range(4)]

    assert [a.status_code for a in answers] == [302, 302, 302, 200]
    assert answers[-1].context["form"].errors["email"]
    assert answers[-1].context["form"]["email"].value() == "ny@example.no"
    assert OutboxMail.objects.filter(template="email_change_code").count() == before + 3
