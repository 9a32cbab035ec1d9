"""The session report's form and the item page that shows it, in real Chromium at 1280 and 320 px: axe
(WCAG 2.1 A and AA), no sideways scrolling, and the form keeps what was typed after an error."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Edition
from gronnpraksis.program import reports
from gronnpraksis.program.models import OutcomeKind, ProgramItem
from gronnpraksis.program.services import publish_program
from tests.factories import municipality, proven_user, submit_contribution

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def violations_text(violations: list[dict]) -> str:
    return "\n".join(
        f"- {v['id']}: {v['help']} " + " | ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
        for v in violations
    )


@pytest.fixture
def ran(live_edition: Edition) -> tuple[ProgramItem, User]:
    contribution = submit_contribution(live_edition, title="Matsvinn til matglede")
    ends = timezone.now() - datetime.timedelta(hours=2)
    item = ProgramItem.objects.create(
        edition=live_edition,
        title=contribution.title,
        contribution=contribution,
        starts_at=ends - datetime.timedelta(hours=1),
        ends_at=ends,
    )
    publish_program(edition=live_edition, user=None)
    contributor = proven_user("kari.nordmann@example.no")
    reports.save_report(
        item=item,
        by=contributor,
        summary="Vi snakket om matsvinn i skolekantiner.\n\nTre kommuner vil prøve modellen.",
        links=[reports.LinkData("Opptak av økta", "https://gronnpraksis.no/opptak/matsvinn/")],
        outcomes=[
            reports.OutcomeData(
                OutcomeKind.TRIAL, "Arendal vil prøve i to skoler.", municipality=municipality("4203")
            )
        ],
    )
    return item, contributor


@pytest.mark.parametrize("width", [1280, 320])
def test_report_form_and_item_page_are_accessible(
    page: Page, live_server: Any, ran: tuple[ProgramItem, User], log_in: Callable, axe: Callable, width: int
) -> None:
    item, contributor = ran
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, contributor)

    page.goto(f"{live_server.url}/{item.edition.slug}/program/{item.pk}/")
    expect(page.locator("[data-session-report]")).to_be_visible()
    violations = axe()
    assert not violations, f"axe on the item page at {width}px:\n{violations_text(violations)}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.locator("[data-report-link] a").click()
    expect(page.locator("textarea[name=summary]")).to_be_visible()
    violations = axe()
    assert not violations, f"axe on the form at {width}px:\n{violations_text(violations)}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.fill("input[name=links-0-url]", "javascript:alert(1)")
    page.fill("textarea[name=summary]", "Endret tekst som skal bli stående.")
    page.get_by_role("button", name="Lagre rapporten").or_(
        page.locator("form.gp-form button[type=submit]")
    ).first.click()
    expect(page.locator("textarea[name=summary]")).to_have_value("Endret tekst som skal bli stående.")
    expect(page.locator("input[name=links-0-url][aria-invalid=true]")).to_be_visible()
    violations = axe()
    assert not violations, f"axe on the form with errors at {width}px:\n{violations_text(violations)}"
