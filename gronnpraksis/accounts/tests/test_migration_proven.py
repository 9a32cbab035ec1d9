"""The data migration that ends the unproven-address hole for accounts that already exist."""

import importlib

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import proven_email
from tests.factories import OrganiserFactory, UserFactory

migration = importlib.import_module("gronnpraksis.accounts.migrations.0002_one_proven_address")

pytestmark = pytest.mark.django_db


def test_accounts_keep_one_address_nothing_new_is_proven_and_unproven_sessions_end(client):
    taken = User.objects.create_user(email="angriper@example.no")  # as code login made it: no password
    EmailAddress.objects.create(user=taken, email="angriper@example.no", verified=False, primary=False)
    EmailAddress.objects.create(user=taken, email="offer@example.no", verified=False, primary=True)
    User.objects.filter(pk=taken.pk).update(email="offer@example.no")  # "Sett som primær" without proof
    proven = UserFactory(email="bevist@example.no")
    organiser = OrganiserFactory()
    organiser_password = organiser.password
    proven_password = proven.password
    client.force_login(User.objects.get(pk=taken.pk))
    assert client.get("/min-side/").status_code == 200

    migration.forwards(apps, None)

    taken.refresh_from_db()
    assert list(EmailAddress.objects.filter(user=taken).values_list("email", "verified", "primary")) == [
        ("offer@example.no", False, True)
    ]
    assert proven_email(taken) is None
    assert client.get("/min-side/").status_code == 302  # logged out everywhere
    assert not taken.has_usable_password()
    proven.refresh_from_db()
    assert proven_email(proven) == "bevist@example.no" and proven.password == proven_password
    organiser.refresh_from_db()
    assert organiser.password == organiser_password  # staff keep their password and sessions
