"""A seeded edition for the audience app's tests: registrations across sectors, roles, counties,
tickets and days, one cancelled, one checked in; two contributions with a review."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from gronnpraksis.editions.models import TeamMember, TeamRole, TicketType
from gronnpraksis.registrations.models import Registration
from gronnpraksis.registrations.services import cancel_registration
from gronnpraksis.reviews import services as review_services
from tests.factories import municipality, register_person, submit_contribution


@pytest.fixture
def seeded(edition, organiser):
    day1, day2 = edition.days.order_by("date")
    ordinary = edition.ticket_types.get()
    student = TicketType.objects.create(edition=edition, name="Student", price=0)
    people = {
        "kari": register_person(edition, name="Kari Nordmann", email="kari@example.no", news_opt_in=True),
        "ola": register_person(
            edition,
            name="Ola Nordmann",
            email="ola@example.no",
            sector="naeringsliv",
            role="leder",
            municipality=municipality("0301"),
            days=[day1],
        ),
        "siri": register_person(
            edition,
            name="Siri Student",
            email="siri@example.no",
            role="student",
            ticket_type=student,
            days=[day2],
            news_opt_in=True,
        ),
        "gone": register_person(edition, name="Borte Vekk", email="borte@example.no", news_opt_in=True),
    }
    cancel_registration(registration=people["gone"])
    checked_in = timezone.make_aware(
        datetime.datetime.combine(edition.starts_on, datetime.time(8, 40)), edition.tz
    )
    Registration.objects.filter(pk=people["kari"].pk).update(checked_in_at=checked_in)
    talk = submit_contribution(edition, email="ola@example.no", name="Ola Nordmann", title="Kortreist mat")
    workshop = submit_contribution(
        edition, email="siri@example.no", name="Siri Student", title="Verksted", kind="ide"
    )
    TeamMember.objects.create(edition=edition, user=organiser, role=TeamRole.ORGANISER)
    review = review_services.assign_reviewer(contribution=talk, reviewer=organiser, assigned_by=organiser)
    return SimpleNamespace(
        edition=edition,
        day1=day1,
        day2=day2,
        ordinary=ordinary,
        student=student,
        talk=talk,
        workshop=workshop,
        review=review,
        **{key: Registration.objects.get(pk=r.pk) for key, r in people.items()},
    )
