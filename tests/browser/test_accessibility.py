"""axe (WCAG 2.1 A and AA) in real Chromium on every public page and form, error states included.

Zero violations is the bar. On a failure the message lists each rule, its help text and the CSS
targets of the offending nodes, so the template to fix is easy to find.
"""

import re
from collections.abc import Callable

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from gronnpraksis.contributions.models import Contribution
from gronnpraksis.contributions.services import ContributionData, Person, submit_contribution
from gronnpraksis.editions.models import Edition
from gronnpraksis.registrations.models import Registration, Status
from tests.factories import UserFactory, limit_day, municipality, register_person, theme
from tests.typing import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']} <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:400]}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible(page: Page, axe: Axe) -> Callable[[str], None]:
    def check(what: str) -> None:
        page.wait_for_load_state("load")
        violations = axe()
        assert not violations, (
            f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {what} ({page.url}):\n"
            + describe(violations)
        )

    return check


def submit_form(page: Page) -> None:
    page.locator("main form.gp-form button[type=submit]").click()
    page.wait_for_load_state("load")


def contribution_for(edition: Edition, registration: Registration | None = None) -> Contribution:
    return submit_contribution(
        edition=edition,
        data=ContributionData(
            kind="verksted",
            title="Verksted om sirkulære innkjøp",
            summary="Hvordan vi stilte krav.",
            description="Tre kommuner deler erfaringer.\n\nMed maler og avtaler.",
            themes=[theme("innkjop")],
            municipality=municipality("4204"),
            wished_format="verksted",
            wished_length=45,
            organisation_name="Kristiansand kommune",
        ),
        contact=Person("Kari Nordmann", "kari.nordmann@example.no"),
        co_contributors=[Person("Ola Hansen", "ola.hansen@example.no")],
        registration=registration,
    )


# --- Plain pages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "{edition}",
        "/arkiv/",
        "/personvern/",
        "/tilgjengelighet/",
        "/en/",
        "/en/personvern/",
        "/en/tilgjengelighet/",
        "/nn/",
    ],
)
def test_public_pages(page: Page, live_server, live_edition, assert_accessible, path):
    path = path.replace("{edition}", live_edition.get_absolute_url())
    page.goto(live_server.url + path)
    assert_accessible(path)


def test_edition_page_with_everything_filled_in(page: Page, live_server, live_edition, assert_accessible):
    from gronnpraksis.editions.models import EditionOrganisation, Phase
    from gronnpraksis.organisations.models import Organisation
    from tests.factories import EditionFactory

    edition = live_edition
    edition.audience = "Kommuner, næringsliv, forskning og frivillige."
    edition.perspective = "Endring skjer nedenfra."
    edition.award_text = "Prisen deles ut til et godt eksempel."
    edition.partner_programme_name = "Parallellprogram"
    edition.partner_programme_url = "https://example.no/parallell"
    edition.partner_programme_text = "Et program ved siden av."
    edition.film_url = "https://www.youtube.com/watch?v=abc123XYZ_-"
    edition.film_title = "Film fra i fjor"
    edition.save()
    organisation = Organisation.objects.create(name="Kristiansand kommune", municipality=municipality("4204"))
    EditionOrganisation.objects.create(edition=edition, organisation=organisation, role="vertskap")
    EditionFactory(
        slug="gp21",
        name="Grønn Praksis 21",
        phase=Phase.ARCHIVED,
        starts_on=edition.starts_on.replace(year=edition.starts_on.year - 2),
        ends_on=edition.starts_on.replace(year=edition.starts_on.year - 2),
    )
    page.goto(live_server.url + edition.get_absolute_url())
    assert_accessible("the edition page with all sections")
    page.locator("main button[data-film-src]").click()
    expect(page.locator("main iframe")).to_have_count(1)
    assert_accessible("the edition page after the film was opened")


def test_front_page_without_an_edition(page: Page, live_server, reference_data, assert_accessible):
    page.goto(live_server.url + "/")
    assert_accessible("the front page before any edition is published")


def test_not_found_page(page: Page, live_server, live_edition, assert_accessible):
    response = page.goto(live_server.url + "/finnes-ikke/")
    assert response is not None and response.status == 404
    expect(page.locator("header nav.gp-nav")).to_have_count(1)  # the site's own layout, not a bare error page
    expect(page.locator('main a[href="/"]')).to_have_count(1)
    assert_accessible("the 404 page")


# --- Forms, empty and with errors ----------------------------------------------------------------


def test_registration_form_and_its_error_state(page: Page, live_server, live_edition, assert_accessible):
    limit_day(live_edition.days.last(), 0)  # shows the "full, waitlist" text on a day
    page.goto(f"{live_server.url}/{live_edition.slug}/pamelding/")
    assert_accessible("the empty registration form")
    submit_form(page)
    expect(page.locator("#error-summary")).to_be_visible()
    assert_accessible("the registration form after an empty submit")
    page.locator("#id_email").fill("kari@gmial.com")
    page.locator("#id_municipality").fill("Narnia")
    page.locator("#id_organisation_number").fill("123456789")
    submit_form(page)
    expect(page.locator("#error-summary")).to_be_visible()
    assert_accessible("the registration form with invalid values")


def test_contribution_form_and_its_error_state(page: Page, live_server, live_edition, assert_accessible):
    page.goto(f"{live_server.url}/{live_edition.slug}/bidrag/")
    assert_accessible("the empty contribution form")
    submit_form(page)
    expect(page.locator("#error-summary")).to_be_visible()
    assert_accessible("the contribution form after an empty submit")
    page.locator("#id_co-0-name").fill("Per uten e-post")
    page.locator("#id_contact_email").fill("ikke-en-adresse")
    submit_form(page)
    expect(page.locator("#error-summary")).to_be_visible()
    assert_accessible("the contribution form with invalid values")


def test_contribution_form_after_registering(page: Page, live_server, live_edition, assert_accessible):
    registration = register_person(live_edition)
    page.goto(f"{live_server.url}/{live_edition.slug}/bidrag/?pamelding={registration.manage_token}")
    assert_accessible("the contribution form reached from the confirmation page")


# --- The participant's own pages -----------------------------------------------------------------


def test_manage_page_confirmed_and_its_error_state(page: Page, live_server, live_edition, assert_accessible):
    day1, day2 = live_edition.days.all()
    limit_day(day2, 1)
    register_person(live_edition, email="holder@example.no", days=[day1, day2])
    registration = register_person(live_edition, email="kari@example.no", days=[day1])
    contribution_for(live_edition, registration)
    page.goto(live_server.url + registration.get_absolute_url() + "?ny=1")
    assert_accessible("the manage page just after registering (confirmed)")
    page.locator(f'input[name="days"][value="{day2.pk}"]').check()
    submit_form(page)
    expect(page.locator("#error-summary")).to_be_visible()
    assert_accessible("the manage page when the added day is full")
    page.locator(f'input[name="days"][value="{day2.pk}"]').uncheck()
    submit_form(page)
    expect(page.locator(".gp-messages")).to_have_count(1)
    assert_accessible("the manage page with a success message")


def test_manage_page_waitlisted(page: Page, live_server, live_edition, assert_accessible):
    limit_day(live_edition.days.last(), 0)
    registration = register_person(live_edition)
    assert registration.status == Status.WAITLISTED
    page.goto(live_server.url + registration.get_absolute_url() + "?ny=1")
    assert_accessible("the manage page on the waitlist")


def test_cancel_page_and_cancelled_registration(page: Page, live_server, live_edition, assert_accessible):
    registration = register_person(live_edition, news_opt_in=True)
    page.goto(live_server.url + registration.get_absolute_url() + "avmelding/")
    expect(page.locator('input[name="news"]')).to_have_count(2)
    assert_accessible("the cancel page, asking whether to keep the news")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(registration.get_absolute_url()) + "$"))
    assert_accessible("the manage page of a cancelled registration")
    page.goto(live_server.url + registration.get_absolute_url() + "avmelding/")
    assert_accessible("the cancel page of a cancelled registration")


def test_contribution_receipt(page: Page, live_server, live_edition, assert_accessible):
    page.goto(f"{live_server.url}/{live_edition.slug}/bidrag/")
    page.locator("#id_contact_name").fill("Kari Nordmann")
    page.locator("#id_contact_email").fill("kari.nordmann@example.no")
    page.locator('input[name="kind"][value="tema"]').check()
    page.locator("#id_title").fill("Klimabudsjett i praksis")
    page.locator("#id_summary").fill("Hvordan et klimabudsjett styrer.")
    page.locator("#id_description").fill("Erfaringer fra tre år.")
    page.locator('input[name="themes"]').first.check()
    page.locator("#id_municipality").fill("4204")
    page.locator('input[name="wished_format"][value="samtale"]').check()
    page.locator('input[name="wished_length"][value="45"]').check()
    submit_form(page)
    page.wait_for_url(re.compile(r"/bidrag/kvittering/[^/]+/$"))
    assert_accessible("the contribution receipt")


# --- Logged in ---------------------------------------------------------------------------------


def test_my_page_and_contribution_pages(page: Page, live_server, live_edition, assert_accessible, log_in):
    registration = register_person(live_edition, email="kari.nordmann@example.no")
    contribution = contribution_for(live_edition, registration)
    user = UserFactory(email="kari.nordmann@example.no")
    log_in(page, user)

    page.goto(live_server.url + "/min-side/")
    expect(page.locator("main table")).to_have_count(2)
    assert_accessible("My page with a registration and a contribution")

    page.goto(live_server.url + contribution.get_absolute_url())
    assert_accessible("the contribution detail page")

    page.goto(live_server.url + contribution.get_absolute_url() + "endre/")
    assert_accessible("the contribution edit page")
    page.locator("#id_title").fill("")
    page.locator("#id_co-0-name").fill("Uten e-post")
    submit_form(page)
    expect(page.locator("#error-summary")).to_be_visible()
    assert_accessible("the contribution edit page with errors")


def test_my_page_empty(page: Page, live_server, live_edition, assert_accessible, log_in):
    log_in(page, UserFactory(email="ny.person@example.no"))
    page.goto(live_server.url + "/min-side/")
    assert_accessible("My page without registrations or contributions")
    page.goto(live_server.url + "/min-side/slett-konto/")
    assert_accessible("the confirm step of deleting the account")
    submit_form(page)
    expect(page.locator("#error-summary")).to_be_visible()
    assert_accessible("the confirm step of deleting the account, box not ticked")


def test_login_by_code_pages(page: Page, live_server, live_edition, assert_accessible):
    # allauth's rate limits count in the cache (per process, shared with the live server thread), and
    # ACCOUNT_RATE_LIMITS = {} keeps allauth's defaults (3 codes a minute per address): earlier tests in
    # the same session may have used them up.
    cache.clear()
    user = UserFactory(email="kode.innlogging@example.no")
    page.goto(live_server.url + "/accounts/login/code/")
    assert_accessible("the request-a-login-code page")
    page.locator("main input[name=email]").fill(user.email)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/$"))
    assert_accessible("the enter-the-code page")
    page.locator("main input[name=code]").fill("FEIL-KODE")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    assert_accessible("the enter-the-code page after a wrong code")


def test_login_page(page: Page, live_server, live_edition, assert_accessible):
    page.goto(live_server.url + "/accounts/login/")
    assert_accessible("the login page")
    page.goto(live_server.url + "/min-side/")  # redirects to the login page
    assert_accessible("the login page reached from My page")


def test_programme_pages(page: Page, live_server, live_edition, assert_accessible):
    import datetime

    from gronnpraksis.program.models import ProgramItem, Room, Track
    from gronnpraksis.program.services import publish_program

    edition = live_edition
    page.goto(f"{live_server.url}/{edition.slug}/program/")
    assert_accessible("the programme before it is published")

    contribution = contribution_for(edition)
    hall = Room.objects.create(edition=edition, name="Store sal")
    track = Track.objects.create(edition=edition, name="Fordypning", slug="fordypning")
    start = datetime.datetime.combine(edition.starts_on, datetime.time(10), tzinfo=edition.tz)
    item = ProgramItem.objects.create(
        edition=edition,
        title=contribution.title,
        contribution=contribution,
        room=hall,
        track=track,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )
    publish_program(edition=edition, user=None)
    item.is_cancelled = True
    item.save()
    publish_program(edition=edition, user=None)

    for path, what in [
        ("program/", "the published programme"),
        ("program/?spor=fordypning", "the filtered programme"),
        ("program/?tema=finnes-ikke", "a filter that finds nothing"),
        (f"program/{item.pk}/", "a programme item"),
        ("program/nytt/", "what is new in the programme"),
        ("", "the edition page with a programme link"),
        ("program/talere/", "the speakers"),
        ("program/talere/kari-nordmann/", "a speaker's page with a cancelled item"),
    ]:
        page.goto(f"{live_server.url}/{edition.slug}/{path}")
        assert_accessible(what)


def test_agenda_pages(page: Page, live_server, live_edition, assert_accessible):
    import datetime

    from gronnpraksis.program.models import ProgramItem, Room
    from gronnpraksis.program.services import publish_program, star_item

    edition = live_edition
    hall = Room.objects.create(edition=edition, name="Store sal")
    start = datetime.datetime.combine(edition.starts_on, datetime.time(10), tzinfo=edition.tz)
    items = [
        ProgramItem.objects.create(
            edition=edition,
            title=title,
            room=hall,
            starts_at=start + datetime.timedelta(hours=n),
            ends_at=start + datetime.timedelta(hours=n + 1),
        )
        for n, title in enumerate(["Åpning", "Matsvinn til matglede", "Lunsj"])
    ]
    publish_program(edition=edition, user=None)
    registration = register_person(edition)
    star_item(registration=registration, item=items[1])
    agenda = f"{live_server.url}/{edition.slug}/program/agenda/{registration.manage_token}/"

    for url, what in [
        (agenda, "my programme with a star"),
        (agenda + "?mine=1", "my programme, only the starred items"),
        (f"{agenda}{items[1].pk}/", "a starred programme item"),
        (live_server.url + registration.get_absolute_url(), "the manage page with a programme link"),
    ]:
        page.goto(url)
        assert_accessible(what)

    # On wide screens the star buttons are in the timetable grid (the list is hidden there).
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(agenda)
    page.get_by_role("button", name=re.compile("Legg til i mitt program.*Åpning")).click()
    page.wait_for_url(re.compile(r"#item-\d+$"))
    # Back on the page, the grid's item is marked and its button (focused by site.js) now removes it.
    page.wait_for_load_state("load")
    unstar = page.locator(f"#tt-item-{items[0].pk} button")
    expect(unstar).to_be_focused()
    expect(unstar).to_have_accessible_name(re.compile("Fjern fra mitt program.*Åpning"))
    expect(page.locator(f"#tt-item-{items[0].pk}")).to_have_class(re.compile("gp-tt__item--starred"))
    assert_accessible("my programme after starring without JavaScript")
    page.goto(f"{live_server.url}/{edition.slug}/program/")
    page.get_by_role("button", name=re.compile("Legg til i mitt program.*Lunsj")).click()
    page.wait_for_url(re.compile(r"/program/#item-\d+$"))
    page.goto(f"{live_server.url}/{edition.slug}/program/?mine=1")
    expect(page.locator(".gp-tt__item")).to_have_count(1)  # only the visitor's own, in the grid
    expect(page.get_by_role("link", name=re.compile("Lunsj"))).to_be_visible()
    assert_accessible("an anonymous visitor's own programme")
