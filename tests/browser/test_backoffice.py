"""The back office in real Chromium: a contribution goes from review to the public programme and a
participant's agenda, and axe (WCAG 2.1 A/AA) checks every back-office page on the way."""

import datetime
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.editions.models import TeamMember, TeamRole
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.program.models import ProgramItem, ProgramVersion, Room
from tests.browser.test_accessibility import describe
from tests.factories import (
    OrganiserFactory,
    UserFactory,
    local_time,
    register_person,
    submit_contribution,
)
from tests.typing import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def check(page: Page, axe: Axe) -> Callable[[str], None]:
    def check(what: str) -> None:
        page.wait_for_load_state("load")
        violations = axe()
        assert not violations, f"axe: {len(violations)} violation(s) on {what} ({page.url}):\n" + describe(
            violations
        )

    return check


def post_form(page: Page, action_ends_with: str) -> None:
    page.locator(f"main form[action$='{action_ends_with}'] button[type=submit]").first.click()
    page.wait_for_load_state("load")


def test_review_accept_place_publish_star(page: Page, live_server, live_edition, log_in, check):
    edition = live_edition
    base = f"{live_server.url}/arrangor/{edition.slug}"
    registration = register_person(edition, email="kari.nordmann@example.no", name="Kari Nordmann")
    contribution = submit_contribution(edition, title="Matsvinn til matglede")
    organiser = OrganiserFactory()
    reviewer = UserFactory(email="komite@example.no", name="Kim Komité")
    TeamMember.objects.create(edition=edition, user=reviewer, role=TeamRole.REVIEWER)

    # The organiser sets up criteria and asks the reviewer.
    log_in(page, organiser)
    page.goto(f"{base}/")
    check("the organiser's back-office overview")
    page.goto(f"{base}/kriterier/")
    check("criteria, none yet")
    post_form(page, "/kriterier/forslag/")
    check("criteria with the suggested ones")
    page.goto(f"{base}/team/")
    check("the team page")
    page.goto(f"{base}/bidrag/")
    check("the contribution list")
    page.goto(f"{base}/bidrag/{contribution.pk}/")
    check("a contribution for the organiser")
    page.locator("select[name=reviewer]").select_option(str(reviewer.pk))
    post_form(page, f"/bidrag/{contribution.pk}/vurderere/")

    # The reviewer scores it, after first forgetting the scores.
    page.context.clear_cookies()
    log_in(page, reviewer)
    page.goto(f"{base}/")
    check("the reviewer's overview")
    page.goto(f"{base}/bidrag/{contribution.pk}/vurdering/")
    page.locator("textarea[name=comment]").fill("Konkret og lett å overføre.")
    page.locator("main form.gp-form button[type=submit]").first.click()
    page.wait_for_load_state("load")
    expect(page.locator(".ds-error-summary, [data-error-summary], .gp-error-summary").first).to_be_visible()
    expect(page.locator("textarea[name=comment]")).to_have_value("Konkret og lett å overføre.")
    check("the review form with errors")
    for radio in page.locator("main form.gp-form fieldset").all():
        radio.locator("input[type=radio]").last.check()
    page.locator("main form.gp-form button[type=submit]").first.click()
    page.wait_for_url(re.compile(rf"/bidrag/{contribution.pk}/$"))
    check("a contribution after the reviewer's review")
    ranking = page.goto(f"{base}/rangering/")
    assert ranking is not None and ranking.status == 404

    # The organiser accepts it from the ranking; the decision mail is in the outbox.
    page.context.clear_cookies()
    log_in(page, organiser)
    page.goto(f"{base}/rangering/")
    check("the ranking")
    page.locator(f"input[name=contributions][value='{contribution.pk}']").check()
    page.locator("input[name=decision][value=accepted]").check()
    post_form(page, "/beslutning/")
    assert OutboxMail.objects.filter(to="kari.nordmann@example.no", template="decision").count() == 1
    page.goto(f"{base}/eposter/")
    check("the decision mails")
    page.goto(f"{base}/eposter/accepted/")
    check("a decision mail template")

    # A room, then the contribution placed in the planner with htmx.
    page.goto(f"{base}/rom/")
    check("rooms and tracks")
    page.locator("input[name=room-name]").fill("Store sal")
    page.locator("input[name=room-capacity]").fill("300")
    page.locator("button[name=add_room]").click()
    page.wait_for_load_state("load")
    page.goto(f"{base}/program/")
    check("the planner, nothing placed")
    page.locator("#unplaced-heading + ul a").first.click()
    form = page.locator("#editor form")
    expect(form).to_be_visible()
    assert page.url.endswith("/program/")  # htmx opened the form beside the grid
    form.locator("input[name=starts]").fill("10:00")
    form.locator("input[name=ends]").fill("09:00")
    form.locator("button[type=submit]").click()
    expect(page.locator("#editor [aria-invalid=true]").first).to_be_visible()
    check("the planner with an invalid item form open")
    form = page.locator("#editor form")
    form.locator("input[name=ends]").fill("10:45")
    form.locator("select[name=room]").select_option(label="Store sal")
    form.locator("button[type=submit]").click()
    expect(page.locator("table.gp-grid-table")).to_contain_text("Matsvinn til matglede")
    check("the planner with the item placed")
    page.goto(f"{base}/program/")
    page.locator("input[name=note]").fill("Første bidrag er på plass.")
    post_form(page, "/program/publiser/")
    assert ProgramVersion.objects.filter(edition=edition).count() == 1

    # The public programme and "Nytt i programmet" show it; the participant stars it.
    page.context.clear_cookies()
    item = ProgramItem.objects.get(contribution=contribution)
    page.goto(f"{live_server.url}/{edition.slug}/program/")
    expect(page.locator("main")).to_contain_text("Matsvinn til matglede")
    page.goto(f"{live_server.url}/{edition.slug}/program/nytt/")
    expect(page.locator("main")).to_contain_text("Matsvinn til matglede")
    agenda = f"{live_server.url}/{edition.slug}/program/agenda/{registration.manage_token}/"
    # At 1280 px the star buttons are in the timetable grid (the list is hidden there).
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(agenda)
    star = page.locator(f"#tt-item-{item.pk} button[formaction$='/{item.pk}/stjerne/']")
    expect(star).to_be_visible()
    star.click()
    page.wait_for_load_state("load")
    expect(page.locator(f"#tt-item-{item.pk}")).to_have_class(re.compile("gp-tt__item--starred"))
    with page.expect_download() as download:
        page.locator("a[href$='agenda.ics']").first.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Matsvinn til matglede" in text
    assert "TZID=Europe/Oslo" in text


@pytest.mark.parametrize("opened_from", ["new tab", "warning"])
def test_an_item_opened_outside_the_planner_saves(page: Page, live_server, live_edition, log_in, opened_from):
    """The item form opened as a page of its own (a warning's "Open" link, a new tab) has no planner
    to redraw: saving must still store the change and show it, not fail silently in htmx."""
    edition = live_edition
    base = f"{live_server.url}/arrangor/{edition.slug}"
    hall = Room.objects.create(edition=edition, name="Store sal")
    # Too short for what the contribution asked for (60 minutes): the planner warns about it.
    contribution = submit_contribution(edition, title="Matsvinn til matglede")
    Contribution.objects.filter(pk=contribution.pk).update(state=State.ACCEPTED, wished_length=60)
    item = ProgramItem.objects.create(
        edition=edition,
        title="Matsvinn til matglede",
        contribution=contribution,
        room=hall,
        starts_at=local_time(edition, 0, 10),
        ends_at=local_time(edition, 0, 10, 30),
    )
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    log_in(page, OrganiserFactory())

    if opened_from == "warning":
        page.goto(f"{base}/program/")
        page.locator("#warnings-heading + ul a").first.click()
        page.wait_for_url(re.compile(rf"/program/{item.pk}/$"))
    else:
        page.goto(f"{base}/program/{item.pk}/")
    page.locator("input[name=ends]").fill("11:00")
    page.locator("main form.gp-form button[type=submit]").first.click()

    page.wait_for_url(re.compile(r"/program/\?dag="))
    expect(page.locator("main")).to_contain_text("er lagret i arbeidskopien")
    expect(page.locator("table.gp-grid-table")).to_contain_text("–11:00")
    item.refresh_from_db()
    assert timezone.localtime(item.ends_at, edition.tz).time() == datetime.time(11, 0)
    assert not [e for e in errors if "htmx" in e], errors
