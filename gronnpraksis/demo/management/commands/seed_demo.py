"""`manage.py seed_demo`: demo content that makes every screen reviewable in seconds.

Idempotent: every row has a natural key (slug, e-mail, organisation number or name, or a UUID5
idempotency key derived from one), so a second run finds what the first made and changes nothing.
Registrations and contributions for the open demo edition go through the same services as the
public forms, so seats, the waitlist, accounts and outbox mails are consistent. Everything runs
in one transaction. What the content is based on: see `gronnpraksis/demo/content.py`.
"""

import datetime
import time
from typing import Any
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt, encrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from stdnum.no import orgnr

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import get_or_create_user
from gronnpraksis.core.http import absolute_url
from gronnpraksis.demo import content as demo
from gronnpraksis.demo import review as _demo_review
from gronnpraksis.demo.awards import seed_awards
from gronnpraksis.demo.content import demo_key
from gronnpraksis.demo.contributions import publish_archived_examples, seed_contribution
from gronnpraksis.demo.examples import seed_examples
from gronnpraksis.demo.networks import seed_networks
from gronnpraksis.demo.program import seed_archive_programme, seed_program
from gronnpraksis.demo.register import seed_register
from gronnpraksis.demo.reports import seed_session_reports
from gronnpraksis.demo.review import seed_review
from gronnpraksis.demo.survey import seed_survey
from gronnpraksis.editions.models import (
    Capacity,
    Edition,
    EditionDay,
    EditionOrganisation,
    TicketType,
)
from gronnpraksis.examples.search import reindex_all
from gronnpraksis.organisations.models import Organisation
from gronnpraksis.places.models import Municipality
from gronnpraksis.registrations.models import Registration, Status
from gronnpraksis.registrations.seat_limits import set_capacity_limit
from gronnpraksis.registrations.services import RegistrationData, record_past_registration, register

ORGANISER_EMAIL = "arrangor@example.no"
ORGANISER_PASSWORD = "gronnpraksis-demo"  # noqa: S105 - a published demo password, demo data only
# Base32 (A–Z, 2–7; 16 characters = 80 bits). Published on purpose so the TOTP login can be tried.
TOTP_SECRET = "GRONNPRAKSISDEMO"  # noqa: S105 - published on purpose (demo login)
OSLO = ZoneInfo("Europe/Oslo")


class Command(BaseCommand):
    help = "Create demo content: Grønn Praksis 22 (archived), Grønn Praksis 27 (open, demo) and demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo creates a superuser with a published password.",
        )

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        if not (settings.DEBUG or settings.TESTING or force):
            raise CommandError(
                "seed_demo creates a superuser with a published password and queues mails to demo "
                "addresses; it runs only with DEBUG or TESTING on (or --force on a demo server)."
            )
        started = time.monotonic()
        with transaction.atomic():
            organiser = seed_organiser()  # moderates the demo's examples and ideas
            organisations = seed_organisations()
            seed_register()
            gp22 = seed_edition(demo.GP22, organisations)
            gp27 = seed_edition(demo.GP27, organisations)
            seed_archived_registrations(gp22, demo.GP22_PARTICIPANTS, organisations)
            registrations = seed_open_registrations(gp27, demo.GP27_PARTICIPANTS, organisations)
            for spec in demo.GP22_CONTRIBUTIONS:
                seed_contribution(gp22, spec, organisations, organiser=organiser)
            for spec in demo.GP27_CONTRIBUTIONS:
                seed_contribution(gp27, spec, organisations, organiser=organiser, registrations=registrations)
            seed_examples(gp22, gp27, organiser)
            publish_archived_examples(gp22, organiser)
            seed_archive_programme(gp22, "gp22_programme")
            seed_session_reports(gp22, organiser)
            seed_program(
                gp27,
                tracks=[("nord", "Fordypning: omstilling i nord"), ("verksted", "Verksteder")],
                versions=2,
            )
            seed_contributor_login()
            reviewers = seed_review(gp27, organiser)
            for reviewer in reviewers:
                verify_email(reviewer)
            seed_awards(gp22, gp27, organiser)
            seed_survey(gp22)
            seed_networks(organiser)  # a second, regional network with a half-day and examples
            # The bank's filters read contributions, nominations and prizes made after the examples.
            reindex_all()
        self.print_logins(organiser, gp27, time.monotonic() - started)

    def print_logins(self, organiser: User, gp27: Edition, seconds: float) -> None:
        totp_url = get_mfa_adapter().build_totp_url(organiser, TOTP_SECRET)
        waitlisted = gp27.registrations.filter(status=Status.WAITLISTED).count()
        write = self.stdout.write
        write(self.style.SUCCESS(f"Demo content is ready ({seconds:.1f} s)."))
        write(
            f"  Editions: Grønn Praksis 22 (/gp22/, archived) and Grønn Praksis 27 (/gp27/, open, demo); "
            f"{gp27.registrations.count()} registrations for GP27, {waitlisted} on the waitlist."
        )
        write("")
        write("Organiser (arrangør): password and TOTP")
        write(f"  E-mail:      {ORGANISER_EMAIL}")
        write(f"  Password:    {ORGANISER_PASSWORD}")
        write(f"  TOTP secret: {TOTP_SECRET}  (add it to an authenticator app, or use: {totp_url})")
        write("  Current code: .venv/bin/python manage.py demo_totp")
        write("")
        write("Contributor (bidragsyter): no password, logs in with a one-time code")
        write(f"  E-mail:      {demo.CONTRIBUTOR_EMAIL}")
        write("  Ask for a code at /accounts/login/code/. Codes go to the outbox; run")
        write(
            "  `manage.py worker --once --only mail` and read them in var/mail/ or on /dev/mail/ (debug page)."
        )
        write("")
        write("Programme committee (reviewers of GP27): a one-time code, like the contributor")
        write(f"  E-mail:      {_demo_review.REVIEWERS[0][0]}  (back office: /arrangor/gp27/)")
        write("")
        write(f"Try it: {absolute_url('/')}  and  {absolute_url('/gp27/pamelding/')}")
        write(f"Back office: {absolute_url('/arrangor/gp27/')}  (log in as the organiser first)")


# --- Organisations ---------------------------------------------------------------------------------


def seed_organisations() -> dict[str, Organisation]:
    """Organisations by key; the number is the natural key where there is one, else the name."""
    municipalities = {m.number: m for m in Municipality.objects.all()}
    organisations = {}
    for key, org in demo.ORGANISATIONS.items():
        if org.number:
            assert orgnr.is_valid(org.number), f"{org.name}: {org.number} is not a valid organisation number"
        defaults = {
            "name": org.name,
            "sector": org.sector,
            "municipality": municipalities[org.municipality] if org.municipality else None,
            "website": org.website,
        }
        if org.number:
            organisation, _ = Organisation.objects.update_or_create(number=org.number, defaults=defaults)
        else:
            organisation, _ = Organisation.objects.update_or_create(
                name=org.name, number="", defaults=defaults
            )
        organisations[key] = organisation
    return organisations


# --- Editions --------------------------------------------------------------------------------------


def seed_edition(spec: demo.EditionSpec, organisations: dict[str, Organisation]) -> Edition:
    fields = dict(spec.fields)
    fields["host_municipality"] = Municipality.objects.get(number=fields["host_municipality"])
    edition, _ = Edition.objects.update_or_create(slug=spec.slug, defaults=fields)
    edition.capacity = seed_capacity(edition, spec.total_label, spec.total_limit)
    edition.save(update_fields=["capacity"])
    for key, role, position in spec.organisers:
        EditionOrganisation.objects.update_or_create(
            edition=edition, organisation=organisations[key], role=role, defaults={"position": position}
        )
    for day in spec.days:
        EditionDay.objects.update_or_create(
            edition=edition,
            date=day.date,
            defaults={
                "label": day.label,
                "starts_at": day.starts_at,
                "ends_at": day.ends_at,
                "capacity": seed_capacity(edition, day.capacity_label, day.limit),
            },
        )
    for position, ticket in enumerate(spec.tickets, start=1):
        quota = seed_capacity(edition, f"Billettkvote: {ticket.name}", ticket.quota) if ticket.quota else None
        TicketType.objects.update_or_create(
            edition=edition,
            name=ticket.name,
            defaults={
                "description": ticket.description,
                "price": ticket.price,
                "capacity": quota,
                "is_active": True,
                "position": position,
            },
        )
    return edition


def seed_capacity(edition: Edition, label: str, limit: int) -> Capacity:
    """A counter by (edition, label). Seats already taken are kept; a changed limit goes through the
    registration service so a larger limit promotes the waitlist."""
    capacity, created = Capacity.objects.get_or_create(
        edition=edition, label=label, defaults={"limit": limit}
    )
    if not created and capacity.limit != limit:
        capacity = set_capacity_limit(capacity=capacity, limit=max(limit, capacity.taken))
    return capacity


def ticket_types(edition: Edition, spec: demo.EditionSpec) -> dict[str, TicketType]:
    by_name = {t.name: t for t in edition.ticket_types.all()}
    return {ticket.key: by_name[ticket.name] for ticket in spec.tickets}


# --- Registrations --------------------------------------------------------------------------------


def seed_open_registrations(
    edition: Edition, people: list[demo.Person], organisations: dict[str, Organisation]
) -> dict[str, Registration]:
    """Register each person through the public registration service (seats, waitlist, mails)."""
    if not edition.registration_open and not edition.registrations.exists():
        raise CommandError(
            f"Registration for {edition.name} is closed; move its deadline in gronnpraksis/demo/content.py."
        )
    tickets = ticket_types(edition, demo.GP27)
    days = list(edition.days.order_by("date"))
    municipalities = _municipalities(people)
    registrations = {}
    for person in people:
        data = _registration_data(
            person,
            organisations[person.organisation],
            municipalities,
            tickets,
            days,
            phone=person.phone,
            dietary_needs=person.dietary_needs,
            accessibility_needs=person.accessibility_needs,
            invoice_reference=person.invoice_reference,
            payer_type="" if tickets[person.ticket].is_free else "organisation",
            news_opt_in=person.news_opt_in,
        )
        key = demo_key(edition.slug, "registration", person.email)
        registrations[person.email] = register(edition=edition, data=data, idempotency_key=key)
    return registrations


def seed_archived_registrations(
    edition: Edition, people: list[demo.Person], organisations: dict[str, Organisation]
) -> None:
    """Confirmed registrations for an edition that is over, through the archive's registration service
    (seats counted as for the form, no mails). Health data is left empty: it is deleted after an event."""
    tickets = ticket_types(edition, demo.GP22)
    days = list(edition.days.order_by("date"))
    municipalities = _municipalities(people)
    for index, person in enumerate(people):
        first_day = days[0] if 1 in person.days else days[1]
        data = _registration_data(person, organisations[person.organisation], municipalities, tickets, days)
        record_past_registration(
            edition=edition,
            data=data,
            idempotency_key=demo_key(edition.slug, "registration", person.email),
            registered_at=datetime.datetime(2022, 5, 2, 9, 0, tzinfo=OSLO)
            + datetime.timedelta(hours=7 * index),
            checked_in_at=datetime.datetime.combine(first_day.date, datetime.time(8, 30), tzinfo=OSLO)
            + datetime.timedelta(minutes=3 * index),
        )


def _municipalities(people: list[demo.Person]) -> dict[str, Municipality]:
    numbers = {p.municipality for p in people}
    return {m.number: m for m in Municipality.objects.filter(number__in=numbers)}


def _registration_data(
    person: demo.Person,
    organisation: Organisation,
    municipalities: dict[str, Municipality],
    tickets: dict[str, TicketType],
    days: list[EditionDay],
    **more: Any,
) -> RegistrationData:
    """What the registration form would send for a demo person (`more`: the fields only some have)."""
    return RegistrationData(
        name=person.name,
        email=person.email,
        municipality=municipalities[person.municipality],
        ticket_type=tickets[person.ticket],
        days=[days[n - 1] for n in person.days],
        sector=person.sector,
        role=person.role,
        organisation_name=organisation.name,
        organisation_number=organisation.number,
        **more,
    )


# --- Logins -------------------------------------------------------------------------------------------


def seed_organiser() -> User:
    """The demo organiser: staff and superuser, a password and a TOTP authenticator with a fixed secret."""
    user = User.objects.filter(email__iexact=ORGANISER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(email=ORGANISER_EMAIL, password=ORGANISER_PASSWORD)
    user.name = "Arrangør (demo)"
    user.is_staff = True
    user.is_superuser = True
    if not user.check_password(ORGANISER_PASSWORD):
        user.set_password(ORGANISER_PASSWORD)
    user.save()
    verify_email(user)
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        TOTP.activate(user, TOTP_SECRET)
    elif decrypt(authenticator.data["secret"]) != TOTP_SECRET:
        authenticator.data = {"secret": encrypt(TOTP_SECRET)}
        authenticator.save(update_fields=["data"])
    return user


def seed_contributor_login() -> User:
    """The demo contributor's account (made by the registration service) with a verified address."""
    user = get_or_create_user(email=demo.CONTRIBUTOR_EMAIL, name="Sigrid Bakke")
    verify_email(user)
    return user


def verify_email(user: User) -> None:
    EmailAddress.objects.update_or_create(
        user=user, email=user.email.lower(), defaults={"verified": True, "primary": True}
    )
