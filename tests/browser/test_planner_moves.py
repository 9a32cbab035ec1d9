"""Moving items in the planner in real Chromium: dragged from the unplaced ones into a cell, dragged
between rooms (the warnings follow), moved from the keyboard through the "Move" panel, dragged back to
the unplaced ones, and axe (WCAG 2.1 A/AA) at 1280 and 320 px."""

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from gronnpraksis.contributions.models import Contribution, State
from gronnpraksis.editions.models import Edition
from gronnpraksis.program.models import ItemKind, ProgramItem, Room
from tests.browser.test_accessibility import describe
from tests.browser.test_planner_csp import LISTEN
from tests.factories import OrganiserFactory, local_time, submit_contribution
from tests.typing import Axe, LogIn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def accepted(edition: Edition, title: str, email: str, minutes: int) -> Contribution:
    contribution = submit_contribution(edition, title=title, email=email, wished_length=minutes)
    Contribution.objects.filter(pk=contribution.pk).update(state=State.ACCEPTED)
    return contribution


def drag(page: Page, source: Locator, target: Locator) -> None:
    """Press on `source`, move in small steps to the middle of `target` and let go, as a hand would."""
    source.scroll_into_view_if_needed()
    start = source.bounding_box()
    end = target.bounding_box()
    assert start and end
    page.mouse.move(start["x"] + 8, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(start["x"] + 20, start["y"] + start["height"] / 2 + 10, steps=5)
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=20)
    page.mouse.up()


def cell(page: Page, room: Room, time: str) -> Locator:
    return page.locator(f'.gp-cell[data-room="{room.pk}"][data-starts="{time}"]')


@pytest.fixture
def check(page: Page, axe: Axe) -> Callable[[str], None]:
    def check(what: str) -> None:
        violations = axe()
        assert not violations, f"axe: {len(violations)} violation(s) on {what}:\n" + describe(violations)

    return check


def test_items_are_moved_by_drag_and_drop_and_from_the_keyboard(
    page: Page, live_server: object, live_edition: Edition, log_in: LogIn, check: Callable[[str], None]
) -> None:
    edition = live_edition
    hall = Room.objects.create(edition=edition, name="Store sal", position=1)
    side = Room.objects.create(edition=edition, name="Salong 1", position=2)
    waiting = accepted(edition, "Matsvinn i skolen", "mat@example.no", 20)
    sharing = accepted(edition, "Bildeling i distriktet", "bil@example.no", 45)
    talk = ProgramItem.objects.create(
        edition=edition,
        kind=ItemKind.CONTRIBUTION,
        title=sharing.title,
        contribution=sharing,
        room=hall,
        starts_at=local_time(edition, 0, 10),
        ends_at=local_time(edition, 0, 10, 45),
    )
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.add_init_script(LISTEN)
    log_in(page, OrganiserFactory())
    page.set_viewport_size({"width": 1280, "height": 2600})  # the grid and the unplaced list at once
    page.goto(f"{live_server.url}/arrangor/{edition.slug}/program/")  # type: ignore[attr-defined]
    expect(page.locator(".gp-cell").first).to_be_visible()
    page.locator("details.gp-planner__overview summary").click()  # fold the read-only overview away

    # From the unplaced ones into Salong 1 at 09:30 (20 minutes, as asked for).
    drag(
        page,
        page.locator("[data-unplace] [data-move-url]", has_text="Matsvinn i skolen"),
        cell(page, side, "09:30"),
    )
    expect(cell(page, side, "09:30").locator(".gp-slot")).to_contain_text("Matsvinn i skolen")
    expect(page.locator("#planner-announce")).to_contain_text("Matsvinn i skolen")
    placed = ProgramItem.objects.get(contribution=waiting)
    assert (placed.room, placed.starts_at, placed.ends_at) == (
        side,
        local_time(edition, 0, 9, 30),
        local_time(edition, 0, 9, 50),
    )
    expect(page.locator("#warnings-heading")).to_have_count(0)

    # The talk from the big hall into Salong 1 at 09:15: it runs into the one just placed, so the
    # planner warns at once.
    drag(page, page.locator(f"#slot-{talk.pk}"), cell(page, side, "09:15"))
    expect(cell(page, side, "09:15").locator(f"#slot-{talk.pk}")).to_be_visible()
    expect(page.locator("#warnings-heading")).to_be_visible()
    expect(page.locator(".ds-alert[data-color=warning]")).to_contain_text("Salong 1")
    talk.refresh_from_db()
    assert (talk.room, talk.starts_at) == (side, local_time(edition, 0, 9, 15))

    # A drop into a taken cell is refused: the reason beside the grid, the talk where it was.
    drag(page, page.locator(f"#slot-{talk.pk}"), cell(page, side, "09:30"))
    expect(page.locator("#editor #error-summary")).to_be_visible()
    expect(page.locator("#editor #error-summary")).to_be_focused()
    expect(cell(page, side, "09:15").locator(f"#slot-{talk.pk}")).to_be_visible()

    # The keyboard: "Move" on the talk opens the list of free places; Enter on one moves it there.
    page.set_viewport_size({"width": 1280, "height": 900})
    move = page.locator(f"#slot-{talk.pk} .gp-slot__move")
    move.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#move-heading")).to_be_focused()
    check("the planner with the Move panel open, 1280 px")
    free = page.locator(".gp-free-places button", has_text="Store sal, 09:00")
    free.focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#slot-{talk.pk} a").first).to_be_focused()
    expect(cell(page, hall, "09:00").locator(f"#slot-{talk.pk}")).to_be_visible()
    expect(page.locator("#planner-announce")).to_contain_text("Bildeling i distriktet")
    expect(page.locator("#warnings-heading")).to_have_count(0)  # the overlap is gone
    check("the planner after a move, 1280 px")

    # Back to the unplaced ones by dragging.
    page.set_viewport_size({"width": 1280, "height": 2600})
    drag(page, page.locator(f"#slot-{placed.pk}"), page.locator("[data-unplace]"))
    expect(page.locator("[data-unplace]")).to_contain_text("Matsvinn i skolen")
    expect(page.locator(f"#slot-{placed.pk}")).to_have_count(0)
    assert not ProgramItem.objects.filter(pk=placed.pk).exists()

    page.set_viewport_size({"width": 320, "height": 800})
    page.reload()
    check("the planner at 320 px")
    page.locator(f"#slot-{talk.pk} .gp-slot__move").click()
    expect(page.locator("#move-heading")).to_be_focused()
    check("the Move panel at 320 px")
    page.goto(f"{live_server.url}/arrangor/{edition.slug}/program/{talk.pk}/flytt/")  # type: ignore[attr-defined]
    check("the Move page of its own (without JavaScript), 320 px")
    assert [error for error in errors if "CSP" in error] == []  # dragging breaks no content security policy


def test_without_javascript_the_move_form_moves_and_explains_a_refusal(
    browser: object, live_server: object, live_edition: Edition, log_in: LogIn
) -> None:
    edition = live_edition
    hall = Room.objects.create(edition=edition, name="Store sal", position=1)
    side = Room.objects.create(edition=edition, name="Salong 1", position=2)
    talk = ProgramItem.objects.create(
        edition=edition,
        title="Åpning",
        room=hall,
        starts_at=local_time(edition, 0, 9),
        ends_at=local_time(edition, 0, 10),
    )
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    log_in(page, OrganiserFactory())
    page.goto(f"{live_server.url}/arrangor/{edition.slug}/program/")  # type: ignore[attr-defined]
    page.locator(f"#slot-{talk.pk} .gp-slot__move").click()
    page.wait_for_load_state("load")

    page.locator("#id_starts").fill("15:30")  # an hour from 15:30 ends after the day (16:00)
    page.locator("#id_room").select_option(str(side.pk))
    page.locator("main form.gp-form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_contain_text("15:00")
    expect(page.locator("#id_starts")).to_have_value("15:30")  # the choice is kept
    expect(page.locator("#id_room")).to_have_value(str(side.pk))

    page.locator("#id_starts").fill("11:00")
    page.locator("main form.gp-form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"#slot-{talk.pk}")
    expect(
        page.locator(f'.gp-cell[data-room="{side.pk}"][data-starts="11:00"] #slot-{talk.pk}')
    ).to_be_visible()
    context.close()
