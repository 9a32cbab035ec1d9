"""Whole journeys in real Chromium: register, contribute, mails, the manage link, the waitlist.

Selectors use `name`/`id` attributes and every field is filled through its <label> (the label text is
read from the page, so the tests prove the labels are wired without depending on the language).
Assertions are on data (database, outbox) and numbers rather than on words, so they survive translation.
"""

import re
from collections.abc import Iterable
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Locator, Page, expect

from gronnpraksis.contributions.models import Contribution
from gronnpraksis.editions.models import Edition, EditionDay
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations.models import Registration, Status
from gronnpraksis.registrations.services import waitlist_position
from tests.factories import limit_day, register_person, theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MANAGE_PATH = re.compile(r"https?://[^\s/]+(/[a-z0-9]+/pamelding/[A-Za-z0-9_-]+/)")


# --- Helpers: fill a field through its label --------------------------------------------------


def labelled(page: Page, element_id: str) -> Locator:
    """The input with this id, found through its <label for=…> (fails if the label is missing)."""
    label = page.locator(f'label[for="{element_id}"]')
    expect(label).to_have_count(1)
    text = label.inner_text().strip()
    assert text, f"the label of #{element_id} is empty"
    field = page.get_by_label(text, exact=True).and_(page.locator(f'[id="{element_id}"]'))
    expect(field).to_have_count(1)
    return field


def fill(page: Page, element_id: str, value: str) -> None:
    labelled(page, element_id).fill(value)


def choice_id(page: Page, name: str, value: object) -> str:
    element_id = page.locator(f'input[name="{name}"][value="{value}"]').get_attribute("id")
    assert element_id, f"no input {name}={value}"
    return element_id


def check(page: Page, name: str, value: object) -> None:
    labelled(page, choice_id(page, name, value)).check()


def uncheck(page: Page, name: str, value: object) -> None:
    labelled(page, choice_id(page, name, value)).uncheck()


def submit(page: Page) -> None:
    page.locator("main form.gp-form button[type=submit]").click()


def fill_registration(
    page: Page, edition: Edition, *, name: str, email: str, days: Iterable[EditionDay]
) -> None:
    fill(page, "id_name", name)
    fill(page, "id_email", email)
    fill(page, "id_organisation_name", "Kristiansand kommune")
    fill(page, "id_municipality", "Kristiansand")
    check(page, "sector", "kommune")
    check(page, "role", "fagperson")
    check(page, "ticket_type", edition.ticket_types.get().pk)
    wanted = {day.pk for day in days}
    for day in edition.days.all():
        (check if day.pk in wanted else uncheck)(page, "days", day.pk)
    labelled(page, "id_privacy").check()


def manage_path_from_mail(mail: OutboxMail) -> str:
    match = MANAGE_PATH.search(mail.body_text)
    assert match, f"no manage link in the mail:\n{mail.body_text}"
    return match.group(1)


def mails(to: str, template: str) -> list[OutboxMail]:
    return list(OutboxMail.objects.filter(to=to, template=template))


def numbers_in(text: str) -> list[str]:
    return re.findall(r"\d+", text)


# --- The journey ---------------------------------------------------------------------------


def test_register_contribute_change_cancel_and_waitlist_promotion(page: Page, live_server, live_edition):
    edition = live_edition
    day1, day2 = edition.days.all()
    day2_seats = limit_day(day2, 1)
    # The only day-2 seat is already taken by someone who registered earlier.
    holder = register_person(edition, email="setehaver@example.no", name="Siri Setehaver", days=[day1, day2])
    assert holder.status == Status.CONFIRMED
    register_url = f"{live_server.url}/{edition.slug}/pamelding/"

    # 1. Someone registers for both days: day 2 is full, so they land on the waitlist as number 1.
    page.goto(register_url)
    fill_registration(
        page, edition, name="Vilde Venteliste", email="vilde.venteliste@example.no", days=[day1, day2]
    )
    submit(page)
    page.wait_for_url(re.compile(r"/pamelding/[A-Za-z0-9_-]+/\?ny=1$"))
    waiting = Registration.objects.get(email="vilde.venteliste@example.no")
    assert waiting.status == Status.WAITLISTED
    assert waitlist_position(waiting) == 1
    assert urlparse(page.url).path == waiting.get_absolute_url()
    position = page.locator("section[aria-labelledby=status-heading] p strong")
    expect(position).to_have_count(1)
    assert numbers_in(position.inner_text()) == ["1"]
    assert len(mails(waiting.email, "registration_waitlisted")) == 1

    # 2. Someone else registers for day 1 only: confirmed at once.
    page.goto(register_url)
    fill_registration(page, edition, name="Kari Bidragsyter", email="kari.bidrag@example.no", days=[day1])
    submit(page)
    page.wait_for_url(re.compile(r"/pamelding/[A-Za-z0-9_-]+/\?ny=1$"))
    person = Registration.objects.get(email="kari.bidrag@example.no")
    assert person.status == Status.CONFIRMED
    assert list(person.days.all()) == [day1]
    expect(page.locator("section[aria-labelledby=status-heading] p strong")).to_have_count(0)

    # 3. … and goes straight on to submit a contribution from the confirmation page.
    page.locator('main a[href*="/bidrag/?pamelding="]').click()
    page.wait_for_url(re.compile(r"/bidrag/\?pamelding="))
    expect(labelled(page, "id_contact_name")).to_have_value(person.name)
    expect(labelled(page, "id_contact_email")).to_have_value(person.email)
    check(page, "kind", "eksempel")
    fill(page, "id_title", "Gratis buss for ungdom")
    fill(page, "id_summary", "Kristiansand ga alle under 20 gratis buss i ett år.")
    fill(page, "id_description", "Hva vi gjorde, hva det kostet og hva andre kan lære av det.")
    transport = theme("transport")
    check(page, "themes", transport.pk)
    fill(page, "id_municipality", "Kristiansand")
    check(page, "wished_format", "innlegg")
    check(page, "wished_length", 20)
    fill(page, "id_co-0-name", "Per Medbidragsyter")
    fill(page, "id_co-0-email", "per.med@example.no")
    submit(page)
    page.wait_for_url(re.compile(r"/bidrag/kvittering/[^/]+/$"))
    contribution = Contribution.objects.get(registration=person)
    assert contribution.title == "Gratis buss for ungdom"
    assert contribution.kind == "eksempel"
    assert list(contribution.themes.all()) == [transport]
    assert contribution.municipality.number == "4204"
    assert contribution.wished_format == "innlegg" and contribution.wished_length == 20
    assert sorted(c.email for c in contribution.contributors.all()) == [
        "kari.bidrag@example.no",
        "per.med@example.no",
    ]
    expect(page.locator("main")).to_contain_text("Gratis buss for ungdom")
    expect(page.locator("main")).to_contain_text("Per Medbidragsyter")
    assert len(mails(person.email, "contribution_received")) == 1
    assert len(mails("per.med@example.no", "contribution_co_contributor")) == 1

    # 4. The confirmation mail is in the outbox, with a calendar file and the personal link.
    (confirmation,) = mails(person.email, "registration_confirmed")
    assert [a["mimetype"] for a in confirmation.attachments] == ["text/calendar"]
    manage_path = manage_path_from_mail(confirmation)
    assert manage_path == person.get_absolute_url()
    page.goto(live_server.url + manage_path)
    expect(page.locator("section[aria-labelledby=contribution-heading]")).to_contain_text(
        "Gratis buss for ungdom"
    )

    # 5. Adding day 2 fails (it is full): a clear error and nothing changed.
    check(page, "days", day2.pk)
    submit(page)
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # site.js moves keyboard focus to what needs fixing
    expect(summary).to_contain_text(day2.label)
    person.refresh_from_db()
    day2_seats.refresh_from_db()
    assert list(person.days.all()) == [day1]
    assert day2_seats.taken == 1
    assert mails(person.email, "registration_changed") == []

    # … keeping day 1 only and changing the phone number works.
    uncheck(page, "days", day2.pk)
    fill(page, "id_phone", "+47 912 34 567")
    submit(page)
    page.wait_for_url(re.compile(re.escape(manage_path) + r"$"))
    expect(page.locator("#error-summary")).to_have_count(0)
    person.refresh_from_db()
    assert person.phone == "+47 91 23 45 67"  # stored in one format whatever was typed
    assert list(person.days.all()) == [day1]
    assert len(mails(person.email, "registration_changed")) == 1

    # 6. They cancel through the cancel page.
    page.locator('main a[href$="/avmelding/"]').click()
    page.wait_for_url(re.compile(r"/avmelding/$"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(manage_path) + r"$"))
    person.refresh_from_db()
    assert person.status == Status.CANCELLED
    assert len(mails(person.email, "registration_cancelled")) == 1
    expect(page.locator('main a[href$="/avmelding/"]')).to_have_count(0)
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITLISTED  # a day-1 seat does not help someone who needs day 2

    # 7. The holder of the day-2 seat cancels through the link in their own mail …
    (holder_mail,) = mails(holder.email, "registration_confirmed")
    page.goto(live_server.url + manage_path_from_mail(holder_mail))
    page.locator('main a[href$="/avmelding/"]').click()
    page.wait_for_url(re.compile(r"/avmelding/$"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(holder.get_absolute_url()) + r"$"))
    holder.refresh_from_db()
    assert holder.status == Status.CANCELLED

    # … and the person on the waitlist gets the seat and a mail about it.
    waiting.refresh_from_db()
    day2_seats.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert day2_seats.taken == 1
    (promoted,) = mails(waiting.email, "registration_promoted")
    assert manage_path_from_mail(promoted) == waiting.get_absolute_url()
    page.goto(live_server.url + manage_path_from_mail(promoted))
    expect(page.locator("section[aria-labelledby=status-heading] p strong")).to_have_count(0)
    expect(page.locator('main a[href$="kalender.ics"]')).to_have_count(1)


# --- The film is loaded from the video host only when asked for --------------------------------


def test_film_is_loaded_only_after_the_visitor_asks(page: Page, live_server, live_edition):
    edition = live_edition
    edition.film_url = "https://www.youtube.com/watch?v=abc123XYZ_-"
    edition.save()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(live_server.url + edition.get_absolute_url())
    page.wait_for_load_state("networkidle")
    hosts = {urlparse(url).hostname for url in requested if not url.startswith(("data:", "blob:"))}
    assert hosts <= {"localhost", "127.0.0.1"}, (
        f"requests to other hosts before play: {sorted(hosts, key=str)}"
    )
    expect(page.locator("iframe")).to_have_count(0)

    page.locator("main button[data-film-src]").click()
    frame = page.locator('main iframe[src^="https://www.youtube-nocookie.com/embed/"]')
    expect(frame).to_have_count(1)
    assert (frame.get_attribute("src") or "").startswith("https://www.youtube-nocookie.com/embed/abc123XYZ_-")
    assert frame.get_attribute("title")


# --- Without JavaScript ----------------------------------------------------------------------


def test_registration_works_without_javascript(browser, live_server, live_edition):
    edition = live_edition
    context = browser.new_context(java_script_enabled=False)
    try:
        nojs = context.new_page()
        nojs.goto(f"{live_server.url}/{edition.slug}/pamelding/")
        # An empty submit comes back from the server with the error summary (no client-side checks).
        submit(nojs)
        expect(nojs.locator("#error-summary")).to_be_visible()
        expect(nojs.locator("#error-summary")).not_to_be_focused()  # proof that site.js did not run
        assert Registration.objects.count() == 0
        fill_registration(
            nojs, edition, name="Nils Utenskript", email="nils.uten@example.no", days=list(edition.days.all())
        )
        submit(nojs)
        nojs.wait_for_url(re.compile(r"/pamelding/[A-Za-z0-9_-]+/\?ny=1$"))
        registration = Registration.objects.get(email="nils.uten@example.no")
        assert registration.status == Status.CONFIRMED
        assert set(registration.days.all()) == set(edition.days.all())
        assert len(mails(registration.email, "registration_confirmed")) == 1
    finally:
        context.close()
