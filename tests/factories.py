"""factory_boy factories for the domain, and helpers that go through the real services."""

import datetime
import uuid

import factory
from allauth.mfa.models import Authenticator
from django.utils import timezone

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Capacity, Edition, EditionDay, Phase, Theme, TicketType
from gronnpraksis.places.models import Municipality
from gronnpraksis.registrations import services as registration_services


def municipality(number: str = "4204") -> Municipality:
    return Municipality.objects.get(number=number)


class EditionFactory(factory.django.DjangoModelFactory):
    """An edition open for registration and contributions, two days in the future, no seat limits."""

    class Meta:
        model = Edition
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"gp{90 + n}")
    name = factory.Sequence(lambda n: f"Grønn Praksis {90 + n}")
    headline = "Nasjonal arena for bærekraftig omstilling"
    intro = "Kommuner, næringsliv og forskning deler praksis nedenfra."
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=1))
    venue_name = "Kilden teater- og konserthus"
    venue_address = "Sjølystveien 2, 4610 Kristiansand"
    host_municipality = factory.LazyFunction(municipality)
    phase = Phase.OPEN
    registration_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    contribution_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))

    @factory.post_generation
    def days(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if not create:
            return
        for offset, label in enumerate(["Dag 1: Praksis nedenfra", "Dag 2: Fordypning"]):
            EditionDay.objects.get_or_create(
                edition=obj, date=obj.starts_on + datetime.timedelta(days=offset), defaults={"label": label}
            )
        if not obj.ticket_types.exists():
            TicketType.objects.create(edition=obj, name="Ordinær", price=0)


def limit_day(day: EditionDay, limit: int) -> Capacity:
    day.capacity = Capacity.objects.create(edition=day.edition, label=day.label, limit=limit)
    day.save()
    return day.capacity


def limit_ticket(ticket: TicketType, limit: int) -> Capacity:
    ticket.capacity = Capacity.objects.create(edition=ticket.edition, label=ticket.name, limit=limit)
    ticket.save()
    return ticket.capacity


def registration_data(edition: Edition, **overrides) -> registration_services.RegistrationData:  # type: ignore[no-untyped-def]
    values = {
        "name": "Kari Nordmann",
        "email": "kari.nordmann@example.no",
        "municipality": municipality(),
        "ticket_type": edition.ticket_types.first(),
        "days": list(edition.days.all()),
        "sector": "kommune",
        "role": "fagperson",
        "organisation_name": "Kristiansand kommune",
    }
    values.update(overrides)
    return registration_services.RegistrationData(**values)


def register_person(edition: Edition, **overrides):  # type: ignore[no-untyped-def]
    return registration_services.register(
        edition=edition, data=registration_data(edition, **overrides), idempotency_key=uuid.uuid4()
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"person{n}@example.no")
    name = factory.Sequence(lambda n: f"Person {n}")


class OrganiserFactory(UserFactory):
    """Staff with a password and an authenticator app, as the admin requires."""

    email = "arrangor@example.no"
    name = "Anne Arrangør"
    is_staff = True
    is_superuser = True
    password = factory.PostGenerationMethodCall("set_password", "riktig-hest-batteri-stift")

    @factory.post_generation
    def totp(obj, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            Authenticator.objects.get_or_create(
                user=obj, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
            )
            obj.save()


def theme(slug: str = "transport") -> Theme:
    return Theme.objects.get(slug=slug)
