"""factory_boy factories for the domain, and helpers that go through the real services."""

import datetime
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import factory
from allauth.mfa.models import Authenticator
from django.db.models import Model
from django.utils import timezone

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import record_proven_email
from gronnpraksis.editions.models import Capacity, Edition, EditionDay, Network, Phase, Theme, TicketType
from gronnpraksis.places.models import Municipality
from gronnpraksis.registrations import services as registration_services

if TYPE_CHECKING:
    from gronnpraksis.contributions.models import Contribution
    from gronnpraksis.contributions.services import ContributionData
    from gronnpraksis.ideas.models import Idea
    from gronnpraksis.registrations.models import Registration


class ModelFactory[M: Model](factory.django.DjangoModelFactory[M]):
    """A model factory whose call is typed as what it returns: `EditionFactory()` is an `Edition`."""

    class Meta:
        abstract = True

    if TYPE_CHECKING:
        # factory_boy's metaclass makes the call return the model instance, not the factory.
        def __new__(cls, *args: Any, **kwargs: Any) -> M: ...  # type: ignore[misc]  # __new__ returns the model


def municipality(number: str = "4204") -> Municipality:
    return Municipality.objects.get(number=number)


class NetworkFactory(ModelFactory[Network]):
    """A regional network besides the national one (which the migrations make)."""

    class Meta:
        model = Network
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"nettverk-{n}")
    name = factory.Sequence(lambda n: f"Klimanettverk {n}")
    description = "Kommunene i regionen deler klimapraksis."


class EditionFactory(ModelFactory[Edition]):
    """An edition open for registration and contributions, two days in the future, no seat limits."""

    class Meta:
        model = Edition
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

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
    def days(obj: Edition, create: bool, extracted: object, **kwargs: object) -> None:
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


def registration_data(edition: Edition, **overrides: Any) -> registration_services.RegistrationData:
    values: dict[str, Any] = {
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


def register_person(edition: Edition, **overrides: Any) -> "Registration":
    return registration_services.register(
        edition=edition, data=registration_data(edition, **overrides), idempotency_key=uuid.uuid4()
    )


class UserFactory(ModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email: object = factory.Sequence(lambda n: f"person{n}@example.no")
    name: object = factory.Sequence(lambda n: f"Person {n}")

    @factory.post_generation
    def proven(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        """The address is proven (as after a login by code) unless `proven=False` is passed."""
        if create and extracted is not False:
            record_proven_email(user=obj, email=obj.email)


class OrganiserFactory(UserFactory):
    """Staff with a password and an authenticator app, as the admin requires."""

    email = "arrangor@example.no"
    name = "Anne Arrangør"
    is_staff = True
    is_superuser = True
    password = factory.PostGenerationMethodCall("set_password", "riktig-hest-batteri-stift")

    @factory.post_generation
    def totp(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            Authenticator.objects.get_or_create(
                user=obj, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
            )
            obj.save()


def theme(slug: str = "transport") -> Theme:
    return Theme.objects.get(slug=slug)


def ensure_reference_data() -> None:
    """Re-create the rows the data migrations load (counties, municipalities and their neighbours, themes,
    goals) if missing.

    A transactional test (`django_db(transaction=True)`, `live_server`) ends with a flush of every
    table, which also deletes what the data migrations loaded; call this before and after such tests.
    The migrations' own loaders are reused, so the data is exactly what `migrate` writes.
    """
    import importlib

    from django.apps import apps

    from gronnpraksis.editions.models import Goal

    if not Municipality.objects.exists():
        importlib.import_module("gronnpraksis.places.migrations.0002_load_2024").load(apps, None)
    if not Municipality.neighbours.through.objects.exists():
        importlib.import_module("gronnpraksis.places.migrations.0004_load_neighbours_2024").load(apps, None)
    themes = importlib.import_module("gronnpraksis.editions.migrations.0002_themes_and_goals")
    if Theme.objects.count() < len(themes.THEMES) or Goal.objects.count() < 17:
        themes.load(apps, None)
    _ensure_moderators_group()


def _ensure_moderators_group() -> None:
    """The group "Moderatorer" with the bank's and the ideas' moderation permissions (made by migrations)."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name="Moderatorer")
    if group.permissions.count() < 2:
        from django.apps import apps as global_apps
        from django.contrib.auth.management import create_permissions

        for label in ("examples", "ideas"):
            create_permissions(global_apps.get_app_config(label), verbosity=0)
        group.permissions.add(
            *Permission.objects.filter(
                codename__in=["moderate_example", "moderate_idea"],
                content_type__app_label__in=["examples", "ideas"],
            )
        )


def contribution_data(**overrides: Any) -> "ContributionData":
    """What a contribution form would give the service: a practice example about transport."""
    from gronnpraksis.contributions.services import ContributionData

    values: dict[str, Any] = {
        "kind": "eksempel",
        "title": "Bildeling i distriktskommuner",
        "summary": "Kommunens biler deles med innbyggerne på kveldstid.",
        "description": "Vi startet med tre elbiler og en app.",
        "themes": [theme("transport")],
        "municipality": municipality(),
        "wished_format": "innlegg",
        "wished_length": 20,
        "organisation_name": "Kristiansand kommune",
    }
    values.update(overrides)
    return ContributionData(**values)


def submit_contribution(
    edition: Edition,
    *,
    email: str = "kari.nordmann@example.no",
    name: str = "Kari Nordmann",
    co_contributors: Iterable[tuple[str, str]] = (),
    **overrides: Any,
) -> "Contribution":
    """A contribution submitted through the service, as the form would; `co_contributors` are (name, email)."""
    from gronnpraksis.contributions.services import Person
    from gronnpraksis.contributions.services import submit_contribution as submit

    return submit(
        edition=edition,
        data=contribution_data(**overrides),
        contact=Person(name, email),
        co_contributors=[Person(n, e) for n, e in co_contributors],
        idempotency_key=uuid.uuid4(),
    )


def local_time(edition: Edition, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A time on the edition's `day`-th day (0 = the first), in the edition's time zone."""
    date = edition.starts_on + datetime.timedelta(days=day)
    return datetime.datetime.combine(date, datetime.time(hour, minute), tzinfo=edition.tz)


def proven_user(email: str) -> User:
    """The existing account for `email`, its address proven as after a login by code (Min side and
    every match by address require that)."""
    user = User.objects.get(email=email)
    record_proven_email(user=user, email=email)
    return user


def make_idea(
    owner: User | None, *, title: str = "Delebiler for hele bygda", publish: bool = True, **overrides: Any
) -> "Idea":
    """An idea made through the ideas' service, published by its owner unless `publish=False`."""
    from gronnpraksis.ideas import services as idea_services

    values: dict[str, Any] = {
        "title": title,
        "text": "Bygda har ti biler per tun. Hva om vi delte dem?",
        "owner": owner,
        "owner_name": owner.name if owner else "Ukjent",
        "municipality": municipality("4204"),
        "themes": [theme("transport")],
    }
    values.update(overrides)
    idea = idea_services.create_draft_idea(**values)
    if publish:
        assert owner is not None, "an idea is published by its owner"
        idea = idea_services.publish_idea(idea=idea, by=owner)
    return idea
