"""The evaluation survey in real Chromium, on a desktop and a narrow phone (320 px): the organiser
composes it and sends it, a participant answers through the personal link from the mail, and the
organiser reads the results; another says no to surveys and later finds the survey closed. axe (WCAG
2.1 A/AA) checks every page on the way, and none scrolls sideways."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from gronnpraksis.editions.models import Edition
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.surveys.models import Response, Survey
from gronnpraksis.surveys.tests.helpers import check_in
from tests.browser.test_accessibility import describe
from tests.browser.test_planner_csp import LISTEN
from tests.factories import OrganiserFactory, register_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 320])
def test_compose_send_answer_and_read_the_results(
    page: Page,
    live_server: Any,
    live_edition: Edition,
    log_in: Callable[[Page, Any], None],
    axe: Any,
    width: int,
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.add_init_script(LISTEN)

    def check(what: str) -> None:
        page.wait_for_load_state("load")
        violations = axe()
        assert not violations, f"axe: {len(violations)} on {what} at {width} px:\n" + describe(violations)
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        assert not overflow, f"{what} scrolls sideways at {width} px"

    edition = live_edition
    check_in(register_person(edition, name="Kari Nordmann", email="kari@example.no"))
    check_in(register_person(edition, name="Ola Hansen", email="ola@example.no"))
    log_in(page, OrganiserFactory())
    base = f"{live_server.url}/en/arrangor/{edition.slug}"

    page.goto(f"{base}/evaluering/")
    check("the empty survey page")
    page.get_by_label("Title").fill("Hva syntes du?")
    page.get_by_role("button", name="Start the survey").click()
    expect(page.get_by_text("The survey is made.")).to_be_visible()

    page.get_by_label("Scale from 1 to 5").check()
    page.get_by_label("Question", exact=True).fill("Hvor nyttig var dagen?")
    page.get_by_label("Label for 1 (scale only)").fill("Lite nyttig")
    page.get_by_label("Label for 5 (scale only)").fill("Svært nyttig")
    page.get_by_label("Must be answered").check()
    page.get_by_role("button", name="Add the question").click()
    page.get_by_label("Free text").check()
    page.get_by_label("Question", exact=True).fill("Hva kan bli bedre?")
    page.get_by_role("button", name="Add the question").click()
    expect(page.get_by_text("Hva kan bli bedre?")).to_be_visible()
    check("the survey with its questions")
    page.get_by_role("link", name="Change question 1").click()
    expect(page.get_by_label("Question", exact=True)).to_have_value("Hvor nyttig var dagen?")
    check("the question's edit page")
    page.get_by_role("link", name="Back to the survey").click()

    page.get_by_role("button", name="Send to 2 people").click()
    expect(page.get_by_text("The survey is on its way to 2 people.")).to_be_visible()
    mail = OutboxMail.objects.get(template="survey_invitation", to="kari@example.no")
    link = next(word for word in mail.body_text.split() if "/evaluering/" in word and "/stopp/" not in word)

    page.goto(
        link.replace("http://127.0.0.1:8000", live_server.url).replace("/evaluering/", "/en/evaluering/", 1)
    )
    check("the answer page")
    page.get_by_role("button", name="Send the answers").click()  # the required question is empty
    expect(page.get_by_role("group", name="Hvor nyttig var dagen?")).to_contain_text("This field is required")
    check("the answer page with an error")
    page.get_by_role("group", name="Hvor nyttig var dagen?").get_by_label("4").check()
    page.get_by_label("Hva kan bli bedre?").fill("Lengre pauser")
    page.get_by_role("button", name="Send the answers").click()
    expect(page.get_by_role("heading", name="Thank you for your answers")).to_be_visible()
    check("the thank-you page")
    assert Response.objects.count() == 1

    # Ola says no to surveys with the link from his mail, and then finds the survey closed.
    ola = OutboxMail.objects.get(template="survey_invitation", to="ola@example.no").body_text.split()
    opt_out = next(word for word in ola if "/stopp/" in word)
    page.goto(
        opt_out.replace("http://127.0.0.1:8000", live_server.url).replace(
            "/evaluering/", "/en/evaluering/", 1
        )
    )
    check("the opt-out page")
    page.get_by_role("button", name="Stop survey mails").click()
    expect(page.get_by_role("heading", name="You get no more surveys from us")).to_be_visible()
    check("the opt-out confirmation")
    Survey.objects.update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    ola_answer = next(word for word in ola if "/evaluering/" in word and "/stopp/" not in word)
    page.goto(
        ola_answer.replace("http://127.0.0.1:8000", live_server.url).replace(
            "/evaluering/", "/en/evaluering/", 1
        )
    )
    expect(page.get_by_role("heading", name="The survey is closed")).to_be_visible()
    check("the closed survey")

    page.goto(f"{base}/evaluering/resultater/")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    expect(page.get_by_text("Lengre pauser")).to_be_visible()
    check("the results page")
    # The answer page with an error is a 400 and the closed survey a 410, on purpose; anything else (a CSP
    # violation) is a failure.
    assert [e for e in errors if "status of 400" not in e and "status of 410" not in e] == [], errors
