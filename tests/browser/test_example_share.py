"""Sharing a practice example in real Chromium: from a one-time code to the form (similar titles appear as
the title is typed), a mistake, an image, moderation, an owner's change and a moderator going back to the
published version; the same without JavaScript; and axe (WCAG 2.1 A/AA) on every page of the flow."""

import io
import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import Permission
from PIL import Image
from playwright.sync_api import Browser, FilePayload, Page, expect

from gronnpraksis.accounts.models import User
from gronnpraksis.examples import services
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.examples.tests.helpers import example_data, nb
from gronnpraksis.mail.models import OutboxMail
from tests.browser.test_accessibility import describe
from tests.factories import UserFactory
from tests.typing import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.MULTILINE)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def check(page: Page, axe: Axe) -> Callable[[str], None]:
    def check(what: str) -> None:
        page.wait_for_load_state("load")
        violations = axe()
        assert not violations, f"axe: {len(violations)} violation(s) on {what} ({page.url}):\n" + describe(
            violations
        )

    return check


@pytest.fixture
def moderator(reference_data: None) -> User:
    """Given the permission itself: a transactional test's flush removes the group "Moderatorer"."""
    user = UserFactory(email="mona.moderator@example.no", name="Mona Moderator")
    user.user_permissions.add(Permission.objects.get(codename="moderate_example"))
    return user


def published_example(title: str, moderator: User) -> Example:
    author = UserFactory(email="kari.kantine@example.no", name="Kari Kantine")
    example = services.share_example(data=example_data(title=title), by=author)
    return services.publish_example(example=example, by=moderator)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 110, 70)).save(buffer, format="PNG")
    return buffer.getvalue()


def fill_example(page: Page, title: str) -> None:
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("Kantinene deler ut mat som ellers ville blitt kastet.")
    page.locator("#id_what_was_done").fill("Frivillige henter maten hver dag.")
    page.locator("#id_owner_name").fill("Kristiansand kommune")
    page.locator("#id_places-0-municipality").fill("Kristiansand (4204)")
    page.locator("input[name=themes]").first.check()
    page.locator("#id_figures-0-label").fill("Mat reddet fra kasting")
    page.locator("#id_figures-0-value").fill("1 234,5")
    page.locator("#id_figures-0-unit").fill("kg per år")
    page.locator("input[name='figures-0-accuracy'][value=malt]").check()


def send(page: Page) -> None:
    page.locator("main form.gp-form button[type=submit]").first.click()
    page.wait_for_load_state("load")


def test_sharing_an_example_from_a_code_to_publication(
    page: Page, live_server, moderator, log_in, check, media
):
    base = live_server.url
    published_example("Matsvinn i skolekantina", moderator)
    page.goto(f"{base}/eksempler/lignende/?title=matsvinn")
    expect(page.locator("main")).to_contain_text("Matsvinn i skolekantina")
    check("the similar examples page")

    # Someone new asks for a code and logs in with it.
    page.goto(f"{base}/eksempler/del/")
    check("the first step of sharing")
    page.locator("#id_name").fill("Siri Deler")
    page.locator("#id_email").fill("siri.deler@example.no")
    page.locator("main form.gp-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    code_in_mail = CODE.search(OutboxMail.objects.get(to="siri.deler@example.no").body_text)
    assert code_in_mail is not None
    code = code_in_mail.group(1)
    page.locator("input[name=code]").fill(code)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/eksempler/del/$"))
    check("the share form")

    # Similar titles appear while the title is typed.
    page.locator("#id_title").press_sequentially("Matsvinn", delay=30)
    expect(page.locator("#similar")).to_contain_text("Matsvinn i skolekantina", timeout=5000)
    check("the share form with similar examples")

    # A mistake: the form comes back with the error summary and what was typed.
    fill_example(page, "Matsvinn til matglede")
    page.locator("#id_summary").fill("")
    page.locator("#id_files-0-file").set_input_files(
        files=[FilePayload(name="kantina.png", mimeType="image/png", buffer=png())]
    )
    page.locator("#id_files-0-title").fill("Frivillige henter mat i kantina")
    send(page)
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#id_title")).to_have_value("Matsvinn til matglede")
    expect(page.locator("main")).to_contain_text(
        nb("Choose your files again: files are not kept when the form must be corrected.")
    )
    check("the share form with errors")

    page.locator("#id_summary").fill("Kantinene deler ut mat som ellers ville blitt kastet.")
    page.locator("#id_files-0-file").set_input_files(
        files=[FilePayload(name="kantina.png", mimeType="image/png", buffer=png())]
    )
    send(page)
    example = Example.objects.get(title="Matsvinn til matglede")
    assert example.state == ModerationState.PENDING
    assert example.attachments.get().content_type == "image/png"
    assert page.url.endswith(example.get_absolute_url())
    expect(page.locator(".gp-messages")).to_contain_text(
        nb(
            "Thank you! The example waits for a moderator, who publishes it in the bank. Only you and the "
            "moderators see it until then. We have sent you a receipt."
        )
    )
    check("the example's page for its owner, waiting")
    assert OutboxMail.objects.filter(to="siri.deler@example.no", template="example_received").exists()

    # The moderator publishes it.
    page.context.clear_cookies()
    log_in(page, moderator)
    page.goto(f"{base}/eksempler/moderering/")
    check("the moderation queue")
    page.get_by_role("link", name="Matsvinn til matglede").first.click()
    page.wait_for_load_state("load")
    check("an example waiting for moderation")
    send(page)  # no decision chosen
    expect(page.locator("#error-summary")).to_be_visible()
    check("the decision form with an error")
    page.locator("input[name=action][value=publish]").check()
    send(page)
    example.refresh_from_db()
    assert example.state == ModerationState.PUBLISHED
    check("the moderation queue after publishing")

    # The owner changes the published example: the change waits for the moderator, who approves it,
    # sees what changed since publication, and goes back.
    page.context.clear_cookies()
    log_in(page, example.created_by)
    page.goto(f"{base}/eksempler/{example.pk}/rediger/")
    check("the edit page of a published example")
    page.locator("#id_title").fill("Matsvinn til matglede – og mer")
    send(page)
    example.refresh_from_db()
    assert (example.state, example.title) == (ModerationState.PUBLISHED, "Matsvinn til matglede")
    expect(page.locator("[data-change-waiting]")).to_be_visible()
    check("the example's page with a change waiting")
    page.goto(f"{base}/eksempler/{example.pk}/trekk/")
    check("the withdraw page")

    page.context.clear_cookies()
    log_in(page, moderator)
    page.goto(f"{base}/eksempler/moderering/")
    check("the moderation queue with a change waiting")
    page.goto(f"{base}/eksempler/moderering/{example.pk}/")
    expect(page.locator("#waiting-change ins")).to_contain_text("og mer")
    check("the moderation page with a change waiting")
    page.locator("#waiting-change input[name=action][value=approve]").check()
    page.locator("#waiting-change button[type=submit]").click()
    page.wait_for_load_state("load")
    example.refresh_from_db()
    assert example.title == "Matsvinn til matglede – og mer"
    page.goto(f"{base}/eksempler/moderering/{example.pk}/")
    expect(page.locator("#changes ins")).to_contain_text("og mer")
    check("the moderation page with what changed")
    page.locator("main form[action$='/versjon/1/gjenopprett/'] button").click()
    page.wait_for_load_state("load")
    example.refresh_from_db()
    assert example.title == "Matsvinn til matglede"
    check("the moderation page after going back")


def test_sharing_without_javascript(browser: Browser, live_server, moderator, log_in):
    base = live_server.url
    published_example("Sykkelparkering ved skolen", moderator)
    sharer = UserFactory(email="nils.nojs@example.no", name="Nils Nojs")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, sharer)

    page.goto(f"{base}/eksempler/del/")
    invitation = nb(
        'Is your example already in the bank? <a class="ds-link" href="%(similar_url)s">Look for similar examples</a>'
        " and add to it instead. Similar examples are also shown below the title as you type it."
    )
    link = re.search(r"<a [^>]*>(.*?)</a>", invitation)
    assert link is not None
    link_text = link.group(1)
    page.get_by_role("link", name=re.compile(re.escape(link_text), re.IGNORECASE)).first.click()
    page.wait_for_load_state("load")
    page.locator("#similar-title").fill("sykler")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Sykkelparkering ved skolen")

    page.goto(f"{base}/eksempler/del/")
    fill_example(page, "Sykkelhotell ved rådhuset")
    send(page)
    example = Example.objects.get(title="Sykkelhotell ved rådhuset")
    assert example.state == ModerationState.PENDING
    assert [str(f.value) for f in example.key_figures.all()] == ["1234.50"]
    context.close()
