"""The registration form, the participant's own page (manage link), calendar and data export."""

import datetime
import html
import json

import icalendar
import pytest
import vobject
from django.utils import timezone, translation
from django.utils.translation import gettext

from gronnpraksis.accounts.models import User
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.organisations.models import Organisation
from gronnpraksis.registrations.models import Registration, Status
from tests.factories import EditionFactory, limit_day, register_person

from .helpers import KEY, form_data, register_url

NO_PATH_LEAK_POLICIES = {"no-referrer", "strict-origin", "origin", "same-origin"}


def manage_url(registration):
    return f"/{registration.edition.slug}/pamelding/{registration.manage_token}/"


def error_codes(response, field):
    return [error.code for error in response.context["form"].errors.as_data()[field]]


def status_label(status):
    with translation.override("nb"):
        return str(Status(status).label)


# --- The form ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_register_page_shows_the_form(client, edition):
    response = client.get(register_url(edition))

    assert response.status_code == 200
    body = response.content.decode()
    assert edition.name in body
    assert 'name="idempotency_key"' in body
    assert "Dag 1: Praksis nedenfra" in body
    assert 'id="municipality-list"' in body


@pytest.mark.django_db
def test_register_redirects_to_the_manage_page_that_shows_the_status(client, edition):
    response = client.post(register_url(edition), form_data(edition))

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == manage_url(registration) + "?ny=1"
    assert registration.status == Status.CONFIRMED
    assert registration.municipality.number == "5612"
    assert registration.email == "aile.sara@example.no"
    assert str(registration.idempotency_key) == KEY
    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "Áile Sara" in body
    assert "aile.sara@example.no" in body
    assert status_label(Status.CONFIRMED) in body
    assert page.context["is_new"] is True
    assert list(OutboxMail.objects.values_list("to", "template")) == [
        ("aile.sara@example.no", "registration_confirmed")
    ]


@pytest.mark.django_db
def test_register_when_full_shows_the_waitlist_position(client, edition):
    limit_day(edition.days.first(), 1)
    register_person(edition, email="forst@example.no")

    response = client.post(register_url(edition), form_data(edition), follow=True)

    registration = Registration.objects.get(email="aile.sara@example.no")
    assert registration.status == Status.WAITLISTED
    assert response.context["position"] == 1
    assert status_label(Status.WAITLISTED) in response.content.decode()


@pytest.mark.django_db
def test_paid_ticket_with_an_organisation_number_is_accepted(client, edition):
    paid = edition.ticket_types.create(name="Full pris", price=2500)

    response = client.post(
        register_url(edition),
        form_data(
            edition, ticket_type=str(paid.pk), organisation_number="963 296 746", invoice_reference="GP-1"
        ),
    )

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.ticket_type, registration.organisation_number) == (paid, "963296746")
    assert registration.organisation is not None
    assert registration.organisation.number == "963296746"


def assert_kept(response, *values):
    """The form came back (200, nothing stored) with what the person typed still in it."""
    assert response.status_code == 200
    body = response.content.decode()
    for value in values:
        assert html.escape(value) in body, value
    assert Registration.objects.count() == 0
    assert OutboxMail.objects.count() == 0


@pytest.mark.django_db
def test_invalid_organisation_number_keeps_what_was_typed(client, edition):
    response = client.post(
        register_url(edition), form_data(edition, name="Ola Nordmann", organisation_number="963296747")
    )

    assert error_codes(response, "organisation_number") == ["checksum"]
    assert_kept(response, "Ola Nordmann", "963296747", "Kautokeino kommune")


@pytest.mark.django_db
def test_organisation_number_with_wrong_length(client, edition):
    response = client.post(register_url(edition), form_data(edition, organisation_number="97103214"))

    assert error_codes(response, "organisation_number") == ["length"]
    assert_kept(response, "Áile Sara", "97103214")


@pytest.mark.django_db
def test_unknown_municipality_keeps_what_was_typed(client, edition):
    response = client.post(register_url(edition), form_data(edition, municipality="Narnia"))

    assert error_codes(response, "municipality") == ["unknown"]
    assert_kept(response, "Áile Sara", "Narnia")


@pytest.mark.django_db
def test_email_typo_suggests_the_right_domain(client, edition):
    response = client.post(register_url(edition), form_data(edition, email="aile.sara@gmial.com"))

    assert error_codes(response, "email") == ["typo"]
    assert_kept(response, "Áile Sara", "aile.sara@gmial.com", "aile.sara@gmail.com")


@pytest.mark.django_db
def test_missing_consent_is_refused(client, edition):
    data = form_data(edition, name="Ola Nordmann")
    del data["privacy"]

    response = client.post(register_url(edition), data)

    assert error_codes(response, "privacy") == ["required"]
    assert_kept(response, "Ola Nordmann", "aile.sara@example.no")


@pytest.mark.django_db
def test_no_days_chosen_is_refused(client, edition):
    data = form_data(edition)
    del data["days"]

    response = client.post(register_url(edition), data)

    assert error_codes(response, "days") == ["required"]
    assert_kept(response, "Áile Sara")


@pytest.mark.django_db
def test_paid_ticket_without_organisation_number_is_refused(client, edition):
    paid = edition.ticket_types.create(name="Full pris", price=2500)

    response = client.post(
        register_url(edition), form_data(edition, ticket_type=str(paid.pk), name="Ola Nordmann")
    )

    assert list(response.context["form"].errors) == ["organisation_number"]
    assert_kept(response, "Ola Nordmann")


@pytest.mark.django_db
def test_a_private_person_can_buy_a_paid_ticket_with_a_postal_address(client, edition):
    paid = edition.ticket_types.create(name="Full pris", price=2500)

    response = client.post(
        register_url(edition),
        form_data(
            edition,
            ticket_type=str(paid.pk),
            organisation_name="",
            payer_type="private",
            payer_name="Áile Sara",
            payer_address="Bákteluoddu 3\n9520 Guovdageaidnu",
        ),
    )

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.payer_type, registration.payer_name, registration.organisation_number) == (
        "private",
        "Áile Sara",
        "",
    )
    assert registration.payer_address == "Bákteluoddu 3\n9520 Guovdageaidnu"


@pytest.mark.django_db
def test_a_private_payer_needs_a_name_and_a_postal_address_but_no_organisation_number(client, edition):
    paid = edition.ticket_types.create(name="Full pris", price=2500)

    response = client.post(
        register_url(edition), form_data(edition, ticket_type=str(paid.pk), payer_type="private")
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"payer_name", "payer_address"}
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_an_organisation_paying_needs_its_number_and_the_labels_say_when_fields_are_required(client, edition):
    paid = edition.ticket_types.create(name="Full pris", price=2500)

    response = client.post(
        register_url(edition),
        form_data(edition, ticket_type=str(paid.pk), payer_type="organisation", payer_address="Gata 1"),
    )
    free = client.post(
        register_url(edition),
        form_data(edition, payer_type="private", payer_name="Kari", payer_address="Gata 1"),
    )

    assert list(response.context["form"].errors) == ["organisation_number"]
    labels = {name: str(field.label) for name, field in response.context["form"].fields.items()}
    assert "(optional)" not in labels["organisation_number"]
    assert free.status_code == 302
    stored = Registration.objects.get()
    assert (stored.payer_type, stored.payer_name, stored.payer_address) == ("", "", "")


@pytest.mark.django_db
def test_several_errors_at_once_are_all_reported(client, edition):
    response = client.post(
        register_url(edition),
        form_data(
            edition, email="a@gmial.com", municipality="Narnia", privacy="", organisation_number="123456789"
        ),
    )

    assert sorted(response.context["form"].errors) == [
        "email",
        "municipality",
        "organisation_number",
        "privacy",
    ]
    assert 'id="error-summary"' in response.content.decode()
    assert_kept(response, "Narnia", "a@gmial.com", "123456789")


@pytest.mark.django_db
def test_registration_after_the_deadline_keeps_the_data_and_stores_nothing(client, edition):
    edition.registration_deadline = timezone.now() - datetime.timedelta(hours=1)
    edition.save()

    response = client.post(register_url(edition), form_data(edition, name="Ola Sent"))

    assert len(response.context["form"].non_field_errors()) == 1
    assert_kept(response, "Ola Sent", "aile.sara@example.no")
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_double_submit_gives_one_registration_and_the_same_page(client, edition):
    first = client.post(register_url(edition), form_data(edition))
    second = client.post(register_url(edition), form_data(edition))

    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Registration.objects.count() == 1
    assert OutboxMail.objects.count() == 1


@pytest.mark.django_db
def test_filled_honeypot_is_refused_and_nothing_is_stored(client, edition):
    response = client.post(register_url(edition), form_data(edition, website="http://spam.example"))

    assert response.status_code == 400
    assert Registration.objects.count() == 0
    assert OutboxMail.objects.count() == 0
    assert Organisation.objects.count() == 0
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_overlong_text_is_an_error_not_a_crash(client, edition):
    long = "x" * 10_000

    response = client.post(
        register_url(edition),
        form_data(
            edition, name=long, phone=long, organisation_name=long, municipality=long, dietary_needs=long
        ),
    )

    assert response.status_code == 200
    assert {"name", "phone", "organisation_name", "municipality", "dietary_needs"} <= set(
        response.context["form"].errors
    )
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_emoji_are_stored_as_typed(client, edition):
    response = client.post(
        register_url(edition), form_data(edition, name="Kari 🌱 Nordmann", dietary_needs="Ingen 🥦-allergi")
    )

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.name, registration.dietary_needs) == ("Kari 🌱 Nordmann", "Ingen 🥦-allergi")
    assert "Kari 🌱 Nordmann" in client.get(response["Location"]).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("Guovdageaidnu", "5612"),
        ("Kautokeino", "5612"),
        ("Guovdageaidnu - Kautokeino (5612)", "5612"),
        ("Kárášjohka", "5610"),
        ("Kárášjohka - Karasjok", "5610"),
        ("Porsáŋgu", "5622"),
    ],
)
def test_sami_municipality_names(client, edition, typed, number):
    response = client.post(register_url(edition), form_data(edition, municipality=typed))

    assert response.status_code == 302
    assert Registration.objects.get().municipality.number == number


@pytest.mark.django_db
def test_script_in_name_is_stored_as_text_and_shown_escaped(client, edition):
    response = client.post(register_url(edition), form_data(edition, name="<script>alert(1)</script>"))

    assert response.status_code == 302
    assert Registration.objects.get().name == "<script>alert(1)</script>"
    body = client.get(response["Location"]).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@pytest.mark.django_db
def test_script_in_name_is_escaped_when_the_form_comes_back(client, edition):
    response = client.post(
        register_url(edition), form_data(edition, name="<script>alert(1)</script>", privacy="")
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@pytest.mark.django_db
def test_nul_bytes_never_reach_the_database(client, edition):
    response = client.post(
        register_url(edition),
        form_data(
            edition,
            email="aile.sara@example.no\x00",
            municipality="Guovdageaidnu\x00",
            organisation_number="963296746\x00",
        ),
    )

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.email, registration.organisation_number, registration.municipality.number) == (
        "aile.sara@example.no",
        "963296746",
        "5612",
    )


@pytest.mark.django_db
def test_nul_bytes_are_dropped_and_the_form_comes_back_with_what_was_typed(client, edition):
    response = client.post(
        register_url(edition),
        form_data(
            edition,
            name="Kari\x00 Nordmann",
            dietary_needs="Vegan\x00",
            ticket_type="1\x00",
            days=["1\x00"],
            idempotency_key="\x00",
            privacy="",  # another error, so the form comes back
        ),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "privacy" in errors
    assert not {"name", "dietary_needs"} & set(errors)
    body = response.content.decode()
    assert 'value="Kari Nordmann"' in body
    assert ">\nVegan</textarea>" in body
    assert "\x00" not in body
    assert "\ufffd" not in body
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_a_nul_byte_in_the_name_is_dropped_on_registration(client, edition):
    response = client.post(register_url(edition), form_data(edition, name="Kari\x00 Nordmann"))

    assert response.status_code == 302
    assert Registration.objects.get().name == "Kari Nordmann"


@pytest.mark.django_db
def test_register_for_a_planned_edition_is_404(client):
    planned = EditionFactory(phase="planning")

    assert client.get(register_url(planned)).status_code == 404
    assert client.post(register_url(planned), form_data(planned)).status_code == 404
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_register_for_an_unknown_edition_is_404(client, db):
    assert client.get("/gp1/pamelding/").status_code == 404


# --- The manage page -----------------------------------------------------------------------


@pytest.mark.django_db
def test_manage_page_shows_the_registration(client, participant):
    response = client.get(manage_url(participant))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Kari Nordmann" in body
    assert "kari.nordmann@example.no" in body
    assert status_label(Status.CONFIRMED) in body
    assert f"/{participant.edition.slug}/pamelding/{participant.manage_token}/kalender.ics" in body
    assert f"/{participant.edition.slug}/bidrag/?pamelding={participant.manage_token}" in body


@pytest.mark.django_db
def test_manage_page_never_shows_another_persons_data(client, participant, outsider):
    body = client.get(manage_url(participant)).content.decode()

    assert "Kari Nordmann" in body
    assert outsider.email not in body
    assert outsider.name not in body
    assert outsider.manage_token not in body


@pytest.mark.django_db
def test_wrong_token_is_404(client, participant):
    slug = participant.edition.slug
    assert client.get(f"/{slug}/pamelding/feil-token/").status_code == 404
    assert client.get(f"/{slug}/pamelding/{participant.manage_token[:-1]}/").status_code == 404
    assert client.get(f"/{slug}/pamelding/{'a' * 65}/").status_code == 404
    assert client.get(f"/{slug}/pamelding/{participant.manage_token}%00/").status_code == 404


@pytest.mark.django_db
def test_token_under_another_edition_is_404(client, outsider):
    other = EditionFactory()

    for suffix in ["", "avmelding/", "kalender.ics"]:
        assert client.get(f"/{other.slug}/pamelding/{outsider.manage_token}/{suffix}").status_code == 404
    assert client.post(f"/{other.slug}/pamelding/{outsider.manage_token}/mine-data/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["", "avmelding/", "kalender.ics"])
def test_private_pages_are_never_cached_or_leaked_by_referer(client, participant, suffix):
    response = client.get(manage_url(participant) + suffix)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    # Never the path (which holds the token) to another site. Not necessarily "no-referrer": under it
    # browsers send `Origin: null` with the page's own posts and the CSRF check refuses them.
    assert response["Referrer-Policy"] in NO_PATH_LEAK_POLICIES
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.django_db
def test_manage_post_changes_the_days(client, edition, participant):
    day1, _day2 = edition.days.order_by("date")

    response = client.post(
        manage_url(participant), {"days": [str(day1.pk)], "phone": "90000000", "dietary_needs": "Vegan"}
    )

    assert response.status_code == 302
    assert response["Location"] == manage_url(participant)
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] in NO_PATH_LEAK_POLICIES
    participant.refresh_from_db()
    assert list(participant.days.all()) == [day1]
    assert (participant.phone, participant.dietary_needs) == ("+47 90 00 00 00", "Vegan")
    assert OutboxMail.objects.filter(to=participant.email, template="registration_changed").count() == 1


@pytest.mark.django_db
def test_manage_post_to_a_full_day_keeps_the_registration_and_says_so(client, edition):
    day1, day2 = edition.days.order_by("date")
    limit_day(day2, 1)
    register_person(edition, email="a@example.no", days=[day2])
    registration = register_person(edition, email="b@example.no", days=[day1])

    response = client.post(
        manage_url(registration), {"days": [str(day1.pk), str(day2.pk)], "phone": "90000000"}
    )

    assert response.status_code == 200
    assert len(response.context["form"].non_field_errors()) == 1
    assert "90000000" in response.content.decode()
    registration.refresh_from_db()
    assert list(registration.days.all()) == [day1]
    assert registration.phone == ""


@pytest.mark.django_db
def test_manage_post_without_days_is_an_error(client, participant):
    response = client.post(manage_url(participant), {"phone": "90000000"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["days"]
    assert participant.days.count() == 2


@pytest.mark.django_db
def test_cancel_asks_first_then_cancels(client, participant):
    page = client.get(manage_url(participant) + "avmelding/")

    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    participant.refresh_from_db()
    assert participant.status == Status.CONFIRMED

    response = client.post(manage_url(participant) + "avmelding/")

    assert response.status_code == 302
    assert response["Location"] == manage_url(participant)
    participant.refresh_from_db()
    assert participant.status == Status.CANCELLED
    page = client.get(manage_url(participant))
    assert status_label(Status.CANCELLED) in page.content.decode()
    assert page.context["can_change"] is False


@pytest.mark.django_db
def test_cancel_promotes_the_waitlist_through_the_page(client, edition):
    limit_day(edition.days.first(), 1)
    confirmed = register_person(edition, email="a@example.no")
    waiting = register_person(edition, email="b@example.no")

    client.post(manage_url(confirmed) + "avmelding/")

    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def parse_with_both(body: bytes):
    return icalendar.Calendar.from_ical(body), vobject.readOne(body.decode())


@pytest.mark.django_db
def test_calendar_parses_in_two_libraries_with_oslo_time(client, edition, participant):
    response = client.get(manage_url(participant) + "kalender.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    ical, vcal = parse_with_both(response.content)
    assert [str(tz["TZID"]) for tz in ical.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert [tz.tzid.value for tz in vcal.vtimezone_list] == ["Europe/Oslo"]
    ical_starts = [event.decoded("DTSTART") for event in ical.walk("VEVENT")]
    vobject_starts = [event.dtstart.value for event in vcal.vevent_list]
    expected = [
        datetime.datetime.combine(day.date, datetime.time(9, 0), tzinfo=edition.tz)
        for day in edition.days.order_by("date")
    ]
    assert sorted(ical_starts) == expected
    assert sorted(vobject_starts) == expected
    assert [(s.hour, s.minute) for s in vobject_starts] == [(9, 0), (9, 0)]
    assert [s.utcoffset() for s in sorted(ical_starts)] == [s.utcoffset() for s in sorted(vobject_starts)]
    assert "DTSTART;TZID=Europe/Oslo:" in response.content.decode()


@pytest.mark.django_db
def test_calendar_of_a_waitlisted_person_has_no_events(client, edition):
    limit_day(edition.days.first(), 1)
    register_person(edition, email="a@example.no")
    waiting = register_person(edition, email="b@example.no")

    response = client.get(manage_url(waiting) + "kalender.ics")

    assert response.status_code == 200
    assert icalendar.Calendar.from_ical(response.content).walk("VEVENT") == []


@pytest.mark.django_db
def test_export_returns_the_persons_data_as_json(client, edition, participant, outsider):
    response = client.post(manage_url(participant) + "mine-data/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{edition.slug}-pamelding.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert (data["name"], data["email"], data["status"], data["municipality"]) == (
        "Kari Nordmann",
        "kari.nordmann@example.no",
        "confirmed",
        "4204",
    )
    assert outsider.email not in response.content.decode()


@pytest.mark.django_db
def test_export_needs_post(client, participant):
    assert client.get(manage_url(participant) + "mine-data/").status_code == 405


@pytest.mark.django_db
def test_an_id_too_large_for_the_database_is_a_form_error(client, edition):
    huge = "99999999999999999999999"

    response = client.post(register_url(edition), form_data(edition, days=[huge]))

    assert response.status_code == 200
    assert "days" in response.context["form"].errors
    assert Registration.objects.count() == 0


@pytest.mark.django_db
def test_a_mangled_idempotency_key_does_not_block_the_form(client, edition):
    response = client.post(register_url(edition), form_data(edition, idempotency_key="notauuid"))

    assert response.status_code == 302
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_a_form_reused_by_another_person_registers_them_and_shows_only_their_data(client, edition):
    first = client.post(register_url(edition), form_data(edition))
    second = client.post(
        register_url(edition), form_data(edition, name="Ola Hansen", email="ola.hansen@example.no")
    )

    assert Registration.objects.count() == 2
    assert first["Location"] != second["Location"]
    page = client.get(second["Location"]).content.decode()
    assert "Ola Hansen" in page
    assert "aile.sara@example.no" not in page


# --- One registration per address ----------------------------------------------------------


@pytest.mark.django_db
def test_registering_again_in_other_letter_case_is_refused_without_revealing_the_link(client, edition):
    first = client.post(register_url(edition), form_data(edition, email="kari@example.no"))
    OutboxMail.objects.all().delete()

    again = client.post(
        register_url(edition),
        form_data(edition, email="KARI@example.no", idempotency_key="0b0c1b8e-9a8e-4a57-9b3e-2f1f6f3c0d12"),
    )

    assert first.status_code == 302
    assert again.status_code == 200
    registration = Registration.objects.get()
    body = again.content.decode()
    assert registration.manage_token not in body
    assert error_codes(again, "email") == [None]
    assert 'action="/' + edition.slug + '/pamelding/send-lenke/"' in body
    assert 'name="email" value="kari@example.no"' in body
    assert OutboxMail.objects.count() == 0


@pytest.mark.django_db
def test_send_me_my_link_again_mails_the_link_and_answers_the_same_for_unknown_addresses(client, edition):
    registration = register_person(edition, email="kari@example.no")
    OutboxMail.objects.all().delete()
    url = f"/{edition.slug}/pamelding/send-lenke/"

    known = client.post(url, {"email": "Kari@example.no"}, follow=True)
    unknown = client.post(url, {"email": "ola@example.no"}, follow=True)

    mail = OutboxMail.objects.get()
    assert (mail.to, mail.template) == ("kari@example.no", "registration_link")
    assert registration.manage_token in mail.body_text
    for response, address in ((known, "Kari@example.no"), (unknown, "ola@example.no")):
        assert response.status_code == 200
        body = response.content.decode()
        assert registration.manage_token not in body
        messages = [str(m) for m in response.context["messages"]]
        assert len(messages) == 1
        assert address.lower() in messages[0].lower()


@pytest.mark.django_db
def test_send_me_my_link_again_needs_post_and_an_address(client, edition):
    url = f"/{edition.slug}/pamelding/send-lenke/"

    assert client.get(url).status_code == 405
    assert client.post(url, {"email": "ikke en adresse"}).status_code == 302
    assert OutboxMail.objects.count() == 0


# --- Phone numbers -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["abc", "123", "9123456789012"])
def test_a_phone_number_that_is_not_one_is_refused_and_kept(client, edition, typed):
    response = client.post(register_url(edition), form_data(edition, phone=typed))

    assert response.status_code == 200
    assert error_codes(response, "phone") == ["invalid"]
    assert f'value="{typed}"' in response.content.decode()
    assert Registration.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("912 34 567", "+47 91 23 45 67"),
        ("+47 91234567", "+47 91 23 45 67"),
        ("0047 22-22-22-22", "+47 22 22 22 22"),
        ("+46 8 123 456 78", "+46 8 123 456 78"),
        ("0046812345678", "+46 8 123 456 78"),
    ],
)
def test_norwegian_and_international_phone_numbers_are_stored_in_one_format(client, edition, typed, stored):
    response = client.post(register_url(edition), form_data(edition, phone=typed))

    assert response.status_code == 302
    assert Registration.objects.get().phone == stored


@pytest.mark.django_db
def test_the_manage_page_refuses_a_phone_number_that_is_not_one(client, participant):
    response = client.post(
        manage_url(participant), {"days": [str(d.pk) for d in participant.days.all()], "phone": "abc"}
    )

    assert response.status_code == 200
    assert error_codes(response, "phone") == ["invalid"]
    participant.refresh_from_db()
    assert participant.phone == ""


# --- Cancelling from the waitlist ----------------------------------------------------------


def in_nb(message, **params):
    with translation.override("nb"):
        return gettext(message) % params if params else gettext(message)


@pytest.mark.django_db
def test_cancelling_from_the_waitlist_says_so_and_not_that_a_seat_is_given_on(client, edition):
    limit_day(edition.days.first(), 1)
    register_person(edition, email="a@example.no")
    waiting = register_person(edition, email="b@example.no")
    seat_goes_on = in_nb(
        "Your seat at %(name)s goes to the next person on the waitlist. Your dietary and accessibility "
        "needs are deleted at once.",
        name=edition.name,
    )

    page = html.unescape(client.get(manage_url(waiting) + "avmelding/").content.decode())
    client.post(manage_url(waiting) + "avmelding/")

    assert seat_goes_on not in page
    assert (
        in_nb(
            "You are taken off the waitlist for %(name)s. Your dietary and accessibility needs are "
            "deleted at once.",
            name=edition.name,
        )
        in page
    )
    mail = OutboxMail.objects.get(to="b@example.no", template="registration_cancelled")
    assert (
        in_nb(
            "Your registration for %(edition)s is cancelled and you are taken off the waitlist. Your "
            "dietary and accessibility needs have been deleted.",
            edition=edition.name,
        )
        in mail.body_text
    )


@pytest.mark.django_db
def test_cancelling_a_seat_still_says_it_goes_to_the_next_person(client, participant):
    page = html.unescape(client.get(manage_url(participant) + "avmelding/").content.decode())

    assert (
        in_nb(
            "Your seat at %(name)s goes to the next person on the waitlist. Your dietary and accessibility "
            "needs are deleted at once.",
            name=participant.edition.name,
        )
        in page
    )
