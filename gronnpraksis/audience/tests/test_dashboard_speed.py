"""The dashboard of an edition with 2,000 registrations renders in under 200 ms (the issue's benchmark),
in the same handful of queries as an empty one."""

import datetime
import random
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gronnpraksis.organisations.models import Sector
from gronnpraksis.places.models import Municipality
from gronnpraksis.registrations.models import Registration, Role, Status

pytestmark = pytest.mark.django_db

SIZE = 2000
BUDGET_SECONDS = 0.2


def many_registrations(edition, size):
    """`size` registrations spread over sectors, roles, municipalities, days and time, written in bulk
    (the registration service would take minutes; the dashboard only reads)."""
    rng = random.Random(14)
    places = list(Municipality.objects.current()[:60])
    days = list(edition.days.all())
    ticket = edition.ticket_types.get()
    now = timezone.now()
    rows = Registration.objects.bulk_create(
        Registration(
            edition=edition,
            status=rng.choice([Status.CONFIRMED] * 8 + [Status.WAITLISTED, Status.CANCELLED]),
            name=f"Deltaker {n}",
            email=f"deltaker{n}@example.no",
            sector=rng.choice(Sector.values),
            role=rng.choice(Role.values),
            municipality=rng.choice(places),
            ticket_type=ticket,
            privacy_accepted_at=now,
            waitlisted_at=now,
            checked_in_at=now if n % 3 == 0 else None,
        )
        for n in range(size)
    )
    Registration.objects.filter(edition=edition).update(created_at=now - datetime.timedelta(days=40))
    Registration.days.through.objects.bulk_create(
        Registration.days.through(registration_id=r.pk, editionday_id=rng.choice(days).pk) for r in rows
    )


def test_two_thousand_registrations_in_under_200_ms(client, edition, organiser):
    many_registrations(edition, SIZE)
    client.force_login(organiser)
    url = reverse("audience:dashboard", kwargs={"edition": edition.slug})
    client.get(url)  # warm: templates, the map's geometry
    best = float("inf")
    for _attempt in range(3):  # the best of three, as the machine is shared
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        best = min(best, time.perf_counter() - start)
    assert response.status_code == 200
    assert len(queries.captured_queries) <= 16
    assert best < BUDGET_SECONDS, f"{best * 1000:.0f} ms"
