"""Registration services: seats, the waitlist, changes, cancellation and personal data."""

import datetime
import uuid

import icalendar
import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import ngettext

from gronnpraksis.accounts.models import User
from gronnpraksis.core.privacy_statement import STATEMENT_VERSION
from gronnpraksis.editions.models import Capacity
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations import personal_data, seat_limits, services
from gronnpraksis.registrations.models import Registration, Seat, Status
from tests.factories import (
    EditionFactory,
    limit_day,
    limit_ticket,
    municipality,
    register_person,
    registration_data,
)


def days_of(edition):
    return list(edition.days.order_by("date"))


def mails_to(email):
    return list(OutboxMail.objects.filter(to=email).order_by("id").values_list("template", flat=True))


@pytest.mark.django_db
def test_register_confirms_when_seats_are_free(edition):
    day1, day2 = days_of(edition)
    capacity = limit_day(day1, 10)

    registration = register_person(edition, email="kari.nordmann@example.no", dietary_needs="Vegetar")

    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert services.waitlist_position(registration) is None
    assert set(registration.days.all()) == {day1, day2}
    assert list(registration.seats.values_list("capacity_id", flat=True)) == [capacity.pk]
    capacity.refresh_from_db()
    assert capacity.taken == 1
    assert registration.organisation is not None
    assert registration.organisation.name == "Kristiansand kommune"
    assert User.objects.filter(email="kari.nordmann@example.no").count() == 1
    assert mails_to("kari.nordmann@example.no") == ["registration_confirmed"]


@pytest.mark.django_db
def test_confirmation_mail_carries_the_manage_link_and_a_calendar(edition):
    registration = register_person(edition)

    mail = OutboxMail.objects.get()
    assert registration.get_absolute_url() in mail.body_text
    assert [(a["filename"], a["mimetype"]) for a in mail.attachments] == [
        ("gronnpraksis.ics", "text/calendar")
    ]
    calendar = icalendar.Calendar.from_ical(mail.attachments[0]["content"])
    assert len(calendar.walk("VEVENT")) == 2


@pytest.mark.django_db
def test_register_waitlists_when_a_day_is_full(edition):
    day1, _day2 = days_of(edition)
    capacity = limit_day(day1, 1)
    first = register_person(edition, email="forste@example.no")

    second = register_person(edition, email="andre@example.no")
    third = register_person(edition, email="tredje@example.no")

    assert first.status == Status.CONFIRMED
    assert [second.status, third.status] == [Status.WAITLISTED, Status.WAITLISTED]
    assert [services.waitlist_position(second), services.waitlist_position(third)] == [1, 2]
    assert second.seats.count() == 0
    capacity.refresh_from_db()
    assert capacity.taken == 1
    assert mails_to("andre@example.no") == ["registration_waitlisted"]
    assert OutboxMail.objects.get(to="andre@example.no").attachments == []


@pytest.mark.django_db
def test_register_waitlists_when_the_ticket_quota_is_full(edition):
    ticket = edition.ticket_types.get()
    limit_ticket(ticket, 2)
    register_person(edition, email="a@example.no")
    register_person(edition, email="b@example.no")

    late = register_person(edition, email="c@example.no")

    assert late.status == Status.WAITLISTED
    assert services.waitlist_position(late) == 1


@pytest.mark.django_db
def test_a_full_day_takes_no_seat_in_the_other_counters(edition):
    """All or none: a waitlisted person holds no seat on the day that still had room."""
    day1, day2 = days_of(edition)
    limit_day(day1, 1)
    roomy = limit_day(day2, 10)
    register_person(edition, email="a@example.no", days=[day1])

    waiting = register_person(edition, email="b@example.no")

    assert waiting.status == Status.WAITLISTED
    roomy.refresh_from_db()
    assert roomy.taken == 0
    assert Seat.objects.filter(registration=waiting).count() == 0


@pytest.mark.django_db
def test_cancelling_promotes_the_first_on_the_waitlist(edition):
    day1, _day2 = days_of(edition)
    capacity = limit_day(day1, 1)
    confirmed = register_person(edition, email="a@example.no", dietary_needs="Nøtteallergi")
    first_waiting = register_person(edition, email="b@example.no")
    second_waiting = register_person(edition, email="c@example.no")

    services.cancel_registration(registration=confirmed)

    confirmed.refresh_from_db()
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert confirmed.status == Status.CANCELLED
    assert first_waiting.status == Status.CONFIRMED
    assert second_waiting.status == Status.WAITLISTED
    assert services.waitlist_position(second_waiting) == 1
    capacity.refresh_from_db()
    assert capacity.taken == 1
    assert list(first_waiting.seats.values_list("capacity_id", flat=True)) == [capacity.pk]
    assert mails_to("a@example.no") == ["registration_confirmed", "registration_cancelled"]
    assert mails_to("b@example.no") == ["registration_waitlisted", "registration_promoted"]
    promotion = OutboxMail.objects.get(to="b@example.no", template="registration_promoted")
    assert [a["filename"] for a in promotion.attachments] == ["gronnpraksis.ics"]
    assert len(icalendar.Calendar.from_ical(promotion.attachments[0]["content"]).walk("VEVENT")) == 2
    assert first_waiting.get_absolute_url() in promotion.body_text


@pytest.mark.django_db
def test_promotion_skips_a_person_whose_day_is_still_full(edition):
    day1, day2 = days_of(edition)
    limit_day(day1, 1)
    limit_day(day2, 1)
    register_person(edition, email="dag1@example.no", days=[day1])
    only_day2 = register_person(edition, email="dag2@example.no", days=[day2])
    needs_both = register_person(edition, email="begge@example.no", days=[day1, day2])
    needs_day2 = register_person(edition, email="neste@example.no", days=[day2])
    assert [needs_both.status, needs_day2.status] == [Status.WAITLISTED, Status.WAITLISTED]

    services.cancel_registration(registration=only_day2)

    needs_both.refresh_from_db()
    needs_day2.refresh_from_db()
    assert needs_both.status == Status.WAITLISTED
    assert services.waitlist_position(needs_both) == 1
    assert needs_day2.status == Status.CONFIRMED
    assert mails_to("begge@example.no") == ["registration_waitlisted"]
    assert mails_to("neste@example.no") == ["registration_waitlisted", "registration_promoted"]


@pytest.mark.django_db
def test_cancelling_a_waitlisted_person_promotes_nobody(edition):
    day1, _day2 = days_of(edition)
    limit_day(day1, 1)
    register_person(edition, email="a@example.no")
    first_waiting = register_person(edition, email="b@example.no")
    second_waiting = register_person(edition, email="c@example.no")

    services.cancel_registration(registration=first_waiting)

    second_waiting.refresh_from_db()
    assert second_waiting.status == Status.WAITLISTED
    assert services.waitlist_position(second_waiting) == 1
    first_waiting.refresh_from_db()
    assert first_waiting.waitlisted_at is None


@pytest.mark.django_db
def test_cancel_twice_is_harmless(participant):
    services.cancel_registration(registration=participant)
    services.cancel_registration(registration=participant)

    assert mails_to(participant.email) == ["registration_confirmed", "registration_cancelled"]


@pytest.mark.django_db
def test_cancel_releases_seats_and_deletes_health_data(edition):
    day1, _day2 = days_of(edition)
    capacity = limit_day(day1, 5)
    registration = register_person(edition, dietary_needs="Glutenfri", accessibility_needs="Rullestol")

    services.cancel_registration(registration=registration)

    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED
    assert registration.cancelled_at is not None
    assert (registration.dietary_needs, registration.accessibility_needs) == ("", "")
    assert registration.seats.count() == 0
    capacity.refresh_from_db()
    assert capacity.taken == 0


@pytest.mark.django_db
def test_same_idempotency_key_returns_the_first_registration(edition):
    key = uuid.uuid4()
    first = services.register(edition=edition, data=registration_data(edition), idempotency_key=key)

    second = services.register(
        edition=edition, data=registration_data(edition, name="Kari Endret"), idempotency_key=key
    )

    assert second.pk == first.pk
    assert second.name == "Kari Nordmann"
    assert Registration.objects.count() == 1
    assert OutboxMail.objects.count() == 1


@pytest.mark.django_db
def test_register_stores_a_lowercase_email_and_one_user(edition):
    register_person(edition, email="Kari.Nordmann@Example.NO")

    assert list(Registration.objects.values_list("email", flat=True)) == ["kari.nordmann@example.no"]
    assert User.objects.filter(email__iexact="kari.nordmann@example.no").count() == 1


@pytest.mark.django_db
def test_a_second_registration_of_the_same_address_is_refused_in_any_letter_case(edition):
    first = register_person(edition, email="kari@example.no")

    with pytest.raises(services.AlreadyRegistered) as refused:
        register_person(edition, email="KARI@Example.no")

    assert Registration.objects.count() == 1
    assert first.manage_token not in str(refused.value)
    assert list(OutboxMail.objects.values_list("template", flat=True)) == ["registration_confirmed"]


@pytest.mark.django_db
def test_a_waitlisted_registration_also_blocks_a_second_one(edition):
    limit_day(edition.days.first(), 0)
    register_person(edition, email="kari@example.no")

    with pytest.raises(services.AlreadyRegistered):
        register_person(edition, email="kari@example.no")


@pytest.mark.django_db
def test_the_same_address_may_register_again_after_cancelling_and_for_another_edition(edition):
    first = register_person(edition, email="kari@example.no")
    services.cancel_registration(registration=first)

    again = register_person(edition, email="Kari@example.no")
    elsewhere = register_person(EditionFactory(), email="kari@example.no")

    assert again.status == Status.CONFIRMED
    assert elsewhere.status == Status.CONFIRMED


@pytest.mark.django_db
def test_the_database_refuses_a_second_active_row_for_the_address(edition):
    first = register_person(edition, email="kari@example.no")
    copy = Registration.objects.get(pk=first.pk)
    copy.pk = None
    copy.manage_token = "another-token"
    copy.vote_token = "another-vote-token"
    copy.calendar_token = "another-calendar-token"
    copy.idempotency_key = None
    copy.email = "KARI@example.no"

    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        copy.save(force_insert=True)
    assert "registration_unique_active_email" in str(refused.value)


@pytest.mark.django_db
def test_resend_manage_link_mails_the_existing_link_to_the_registered_address(edition):
    registration = register_person(edition, email="kari@example.no")
    OutboxMail.objects.all().delete()

    assert services.resend_manage_link(edition=edition, email="KARI@example.no")

    mail = OutboxMail.objects.get()
    assert mail.to == "kari@example.no"
    assert mail.template == "registration_link"
    assert registration.manage_token in mail.body_text


@pytest.mark.django_db
def test_resend_manage_link_sends_nothing_for_unknown_or_cancelled_addresses(edition):
    cancelled = register_person(edition, email="kari@example.no")
    services.cancel_registration(registration=cancelled)
    OutboxMail.objects.all().delete()

    assert not services.resend_manage_link(edition=edition, email="kari@example.no")
    assert not services.resend_manage_link(edition=edition, email="ola@example.no")
    assert OutboxMail.objects.count() == 0


@pytest.mark.django_db
def test_resend_manage_link_is_limited_per_hour(edition):
    register_person(edition, email="kari@example.no")

    sent = [services.resend_manage_link(edition=edition, email="kari@example.no") for _ in range(5)]

    assert sent == [True] * services.RESEND_LIMIT_PER_HOUR + [False] * (5 - services.RESEND_LIMIT_PER_HOUR)
    assert OutboxMail.objects.filter(template="registration_link").count() == services.RESEND_LIMIT_PER_HOUR


@pytest.mark.django_db
def test_registration_closed_after_the_deadline(edition):
    edition.registration_deadline = timezone.now() - datetime.timedelta(minutes=1)
    edition.save()

    with pytest.raises(services.RegistrationError):
        register_person(edition)

    assert Registration.objects.count() == 0
    assert OutboxMail.objects.count() == 0
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_change_adds_a_day_and_takes_a_seat(edition):
    day1, day2 = days_of(edition)
    capacity = limit_day(day2, 5)
    registration = register_person(edition, days=[day1])

    services.change_registration(
        registration=registration,
        days=[day1, day2],
        phone="12345678",
        dietary_needs="Vegan",
        accessibility_needs="",
        news_opt_in=True,
    )

    registration.refresh_from_db()
    assert set(registration.days.all()) == {day1, day2}
    assert (registration.phone, registration.dietary_needs, registration.news_opt_in) == (
        "12345678",
        "Vegan",
        True,
    )
    capacity.refresh_from_db()
    assert capacity.taken == 1
    assert list(registration.seats.values_list("capacity_id", flat=True)) == [capacity.pk]
    assert mails_to(registration.email) == ["registration_confirmed", "registration_changed"]


@pytest.mark.django_db
def test_change_removes_a_day_frees_the_seat_and_promotes(edition):
    day1, day2 = days_of(edition)
    capacity = limit_day(day2, 1)
    registration = register_person(edition, email="a@example.no", days=[day1, day2])
    waiting = register_person(edition, email="b@example.no", days=[day2])
    assert waiting.status == Status.WAITLISTED

    services.change_registration(
        registration=registration,
        days=[day1],
        phone="",
        dietary_needs="",
        accessibility_needs="",
        news_opt_in=False,
    )

    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert list(registration.days.all()) == [day1]
    assert registration.seats.count() == 0
    assert waiting.status == Status.CONFIRMED
    capacity.refresh_from_db()
    assert capacity.taken == 1
    assert mails_to("b@example.no") == ["registration_waitlisted", "registration_promoted"]


@pytest.mark.django_db
def test_change_to_a_full_day_is_refused_and_changes_nothing(edition):
    day1, day2 = days_of(edition)
    capacity = limit_day(day2, 1)
    register_person(edition, email="a@example.no", days=[day2])
    registration = register_person(edition, email="b@example.no", days=[day1], phone="11111111")
    mails_before = OutboxMail.objects.count()

    with pytest.raises(services.RegistrationError):
        services.change_registration(
            registration=registration,
            days=[day1, day2],
            phone="99999999",
            dietary_needs="Vegan",
            accessibility_needs="",
            news_opt_in=True,
        )

    registration.refresh_from_db()
    assert list(registration.days.all()) == [day1]
    assert (registration.phone, registration.dietary_needs) == ("11111111", "")
    assert registration.seats.count() == 0
    capacity.refresh_from_db()
    assert capacity.taken == 1
    assert OutboxMail.objects.count() == mails_before


@pytest.mark.django_db
def test_a_cancelled_registration_cannot_be_changed(participant):
    services.cancel_registration(registration=participant)

    with pytest.raises(services.RegistrationError):
        services.change_registration(
            registration=participant,
            days=[],
            phone="",
            dietary_needs="",
            accessibility_needs="",
            news_opt_in=False,
        )


@pytest.mark.django_db
def test_capacity_limit_cannot_go_below_the_seats_taken(edition):
    day1, _day2 = days_of(edition)
    capacity = limit_day(day1, 3)
    register_person(edition, email="a@example.no")
    register_person(edition, email="b@example.no")

    with pytest.raises(services.RegistrationError):
        seat_limits.set_capacity_limit(capacity=capacity, limit=1)

    capacity.refresh_from_db()
    assert (capacity.limit, capacity.taken) == (3, 2)
    seat_limits.set_capacity_limit(capacity=capacity, limit=2)
    capacity.refresh_from_db()
    assert capacity.limit == 2


@pytest.mark.django_db
def test_the_seats_taken_message_counts_one_seat_in_the_singular(edition):
    capacity = limit_day(days_of(edition)[0], 3)
    register_person(edition, email="a@example.no")

    with translation.override("nb"), pytest.raises(services.RegistrationError) as refused:
        seat_limits.set_capacity_limit(capacity=capacity, limit=0)
    with translation.override("nb"):
        one = ngettext(
            "%(taken)s seat is already taken; the limit cannot be lower.",
            "%(taken)s seats are already taken; the limit cannot be lower.",
            1,
        ) % {"taken": 1}

    assert str(refused.value) == one


@pytest.mark.django_db
def test_raising_the_limit_promotes_the_waitlist_in_order(edition):
    day1, _day2 = days_of(edition)
    capacity = limit_day(day1, 1)
    register_person(edition, email="a@example.no")
    first = register_person(edition, email="b@example.no")
    second = register_person(edition, email="c@example.no")
    third = register_person(edition, email="d@example.no")

    seat_limits.set_capacity_limit(capacity=capacity, limit=3)

    statuses = {
        r.email: r.status for r in Registration.objects.filter(pk__in=[first.pk, second.pk, third.pk])
    }
    assert statuses == {
        "b@example.no": Status.CONFIRMED,
        "c@example.no": Status.CONFIRMED,
        "d@example.no": Status.WAITLISTED,
    }
    third.refresh_from_db()
    assert services.waitlist_position(third) == 1
    capacity.refresh_from_db()
    assert capacity.taken == 3


@pytest.mark.django_db
def test_the_database_refuses_more_seats_taken_than_the_limit(edition):
    capacity = Capacity.objects.create(edition=edition, label="Verksted", limit=2, taken=2)

    with pytest.raises(IntegrityError), transaction.atomic():
        Capacity.objects.filter(pk=capacity.pk).update(taken=3)

    capacity.refresh_from_db()
    assert capacity.taken == 2


@pytest.mark.django_db
def test_the_database_refuses_a_new_counter_over_its_limit(edition):
    with pytest.raises(IntegrityError), transaction.atomic():
        Capacity.objects.create(edition=edition, label="Verksted", limit=1, taken=2)


@pytest.mark.django_db
def test_export_personal_data_lists_what_is_stored(edition):
    day1, day2 = days_of(edition)
    registration = register_person(
        edition,
        name="Áile Sara",
        email="aile.sara@example.no",
        phone="+47 900 00 000",
        organisation_name="Guovdageaidnu suohkan",
        organisation_number="963296746",
        municipality=municipality("5612"),
        dietary_needs="Laktosefri",
        news_opt_in=True,
    )

    data = personal_data.export_personal_data(registration)

    assert registration.news_consent_at is not None
    assert data == {
        "edition": edition.name,
        "status": "confirmed",
        "name": "Áile Sara",
        "email": "aile.sara@example.no",
        "phone": "+47 900 00 000",
        "organisation": "Guovdageaidnu suohkan",
        "organisation_number": "963296746",
        "sector": "kommune",
        "role": "fagperson",
        "municipality": "5612",
        "ticket_type": "Ordinær",
        "days": [day1.date.isoformat(), day2.date.isoformat()],
        "dietary_needs": "Laktosefri",
        "accessibility_needs": "",
        "invoice_reference": "",
        "payer_type": "",
        "payer_name": "",
        "payer_address": "",
        "news_opt_in": True,
        "privacy_accepted_at": registration.privacy_accepted_at.isoformat(),
        "consents": [
            {
                "consent": "privacy_statement",
                "given_at": registration.privacy_accepted_at.isoformat(),
                "withdrawn_at": None,
                "text_version": STATEMENT_VERSION,
            },
            {
                "consent": "news",
                "given_at": registration.news_consent_at.isoformat(),
                "withdrawn_at": None,
                "text_version": STATEMENT_VERSION,
            },
            {
                "consent": "health_data",
                "given_at": registration.privacy_accepted_at.isoformat(),
                "withdrawn_at": None,
                "text_version": STATEMENT_VERSION,
            },
        ],
        "registered_at": registration.created_at.isoformat(),
        "cancelled_at": None,
        "checked_in_at": None,
    }


@pytest.mark.django_db
def test_purge_health_data_clears_needs_of_the_edition_only(edition):
    from tests.factories import EditionFactory

    other = EditionFactory()
    with_diet = register_person(edition, email="a@example.no", dietary_needs="Vegan")
    with_access = register_person(edition, email="b@example.no", accessibility_needs="Teleslynge")
    register_person(edition, email="c@example.no")
    elsewhere = register_person(other, email="d@example.no", dietary_needs="Vegan")

    changed = personal_data.purge_health_data(edition=edition)

    assert changed == 2
    assert (
        list(Registration.objects.filter(edition=edition).values_list("dietary_needs", "accessibility_needs"))
        == [("", "")] * 3
    )
    elsewhere.refresh_from_db()
    assert elsewhere.dietary_needs == "Vegan"
    assert {with_diet.pk, with_access.pk} <= set(Registration.objects.values_list("pk", flat=True))


@pytest.mark.django_db
def test_purge_health_data_command_only_touches_ended_editions(edition):
    from tests.factories import EditionFactory

    ended = EditionFactory()
    old = register_person(ended, email="a@example.no", dietary_needs="Vegan")
    upcoming = register_person(edition, email="b@example.no", dietary_needs="Vegan")
    last_week = timezone.localdate() - datetime.timedelta(days=7)
    type(ended).objects.filter(pk=ended.pk).update(starts_on=last_week, ends_on=last_week)

    call_command("purge_health_data")

    old.refresh_from_db()
    upcoming.refresh_from_db()
    assert (old.dietary_needs, upcoming.dietary_needs) == ("", "Vegan")


@pytest.mark.django_db
def test_a_limit_set_after_registration_opened_counts_the_people_already_confirmed(edition):
    from gronnpraksis.registrations.seat_limits import set_seat_limit
    from gronnpraksis.registrations.services import RegistrationError
    from tests.factories import register_person as person

    day2 = edition.days.order_by("date").last()
    holders = [person(edition, email=f"p{i}@example.no") for i in range(3)]

    with pytest.raises(RegistrationError):
        set_seat_limit(resource=day2, limit=2)
    capacity = set_seat_limit(resource=day2, limit=4)

    assert capacity is not None
    assert (capacity.taken, capacity.limit) == (3, 4)
    assert capacity.seats.count() == 3
    last = person(edition, email="p4@example.no")
    late = person(edition, email="p5@example.no")
    assert [last.status, late.status] == ["confirmed", "waitlisted"]

    services.cancel_registration(registration=holders[0])
    late.refresh_from_db()
    assert late.status == "confirmed"
    capacity.refresh_from_db()
    assert capacity.taken == capacity.seats.count() == 4


@pytest.mark.django_db
def test_removing_a_limit_confirms_the_waitlist(edition):
    from gronnpraksis.registrations.seat_limits import set_seat_limit
    from tests.factories import register_person as person

    ticket = edition.ticket_types.first()
    set_seat_limit(resource=ticket, limit=1)
    person(edition, email="first@example.no")
    waiting = person(edition, email="second@example.no")
    assert waiting.status == "waitlisted"

    set_seat_limit(resource=ticket, limit=None)

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert not Capacity.objects.filter(label=ticket.name).exists()


@pytest.mark.django_db
def test_a_waitlisted_person_who_picks_a_day_with_room_gets_a_seat(edition):
    from tests.factories import limit_day
    from tests.factories import register_person as person

    day1, day2 = edition.days.order_by("date")
    limit_day(day2, 1)
    person(edition, email="holder@example.no")
    waiting = person(edition, email="waiting@example.no")
    assert waiting.status == "waitlisted"

    changed = services.change_registration(
        registration=waiting,
        days=[day1],
        phone="",
        dietary_needs="",
        accessibility_needs="",
        news_opt_in=False,
    )

    assert changed.status == "confirmed"


@pytest.mark.django_db
def test_a_reused_idempotency_key_never_returns_someone_elses_registration(edition):
    import uuid

    from gronnpraksis.registrations.services import register
    from tests.factories import registration_data

    key = uuid.uuid4()
    kari = register(
        edition=edition, data=registration_data(edition, email="kari@example.no"), idempotency_key=key
    )
    again = register(
        edition=edition, data=registration_data(edition, email="kari@example.no"), idempotency_key=key
    )
    ola = register(
        edition=edition,
        data=registration_data(edition, email="ola@example.no", name="Ola"),
        idempotency_key=key,
    )

    assert again.pk == kari.pk
    assert ola.pk != kari.pk
    assert (ola.name, ola.email) == ("Ola", "ola@example.no")


@pytest.mark.django_db
def test_anonymised_registrations_do_not_count_as_one_address(edition):
    from gronnpraksis.privacy.erasure import anonymise_registrations

    paid = edition.ticket_types.create(name="Full pris", price=2500)
    register_person(
        edition,
        email="a@example.no",
        ticket_type=paid,
        payer_type="private",
        payer_name="A",
        payer_address="Gata 1",
    )
    register_person(edition, email="b@example.no")

    assert anonymise_registrations(Registration.objects.filter(edition=edition)) == 2

    assert (
        list(Registration.objects.values_list("email", "payer_name", "payer_address")) == [("", "", "")] * 2
    )
    assert register_person(edition, email="a@example.no").status == Status.CONFIRMED
