"""One practice example's whole journey through the bank in real Chromium, as the people involved would
go through it: someone without an account shares it (name and address, a one-time code, the form), a
moderator logs in with a code of their own and publishes it (the owner is told by mail), a visitor finds
it with an inflected word and two filters (a URL that can be shared), and writes to its contact person
through the relay without either address ever being shown. axe (WCAG 2.1 A/AA) on every page visited."""

import re
from typing import Protocol, cast
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from playwright.sync_api import Page, expect

from gronnpraksis.accounts.models import User
from gronnpraksis.examples import search
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.examples.tests.helpers import nb
from gronnpraksis.mail.models import OutboxMail
from tests.browser.test_accessibility import describe
from tests.factories import UserFactory
from tests.typing import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.MULTILINE)

TITLE = "Sykkelparkering ved skolene i Lillesand"
SHARER_NAME, SHARER = "Ingrid Berg", "ingrid.berg@example.no"
CONTACT_NAME, CONTACT = "Per Pedersen", "per.pedersen@lillesand.kommune.example.no"
MODERATOR = "mona.moderator@example.no"
VISITOR_NAME, VISITOR = "Ola Nordmann", "ola.nordmann@example.no"
MESSAGE = "Hei! Hvor mange plasser fikk hver skole, og hvem betalte for takene over stativene?"


class Check(Protocol):
    """The `check` fixture: run axe on the page as it is now; `seen` holds (what, URL, HTML) of each."""

    seen: list[tuple[str, str, str]]

    def __call__(self, what: str) -> None: ...


@pytest.fixture
def check(page: Page, axe: Axe) -> Check:
    """axe on the page as it is now; every page checked is also kept, to look for addresses later."""
    seen: list[tuple[str, str, str]] = []

    def check(what: str) -> None:
        page.wait_for_load_state("load")
        violations = axe()
        assert not violations, f"axe: {len(violations)} violation(s) on {what} ({page.url}):\n" + describe(
            violations
        )
        seen.append((what, page.url, page.content()))

    checker = cast(Check, check)  # the function, with `seen` set on it here
    checker.seen = seen
    return checker


@pytest.fixture
def moderator(reference_data: None) -> User:
    """A member of the group "Moderatorer" (re-created with its permissions by `reference_data`)."""
    user = UserFactory(email=MODERATOR, name="Mona Moderator")
    user.groups.add(Group.objects.get(name="Moderatorer"))
    return user


@pytest.fixture
def empty_index(reference_data: None) -> None:
    """A transactional test's flush leaves the search index (and cached facet labels) behind."""
    cache.clear()
    search.reindex_all()


def code_for(email: str) -> str:
    """The one-time code in the latest login mail to `email`."""
    mail = OutboxMail.objects.filter(to=email, body_text__regex=r"[A-Z0-9]{4}-[A-Z0-9]{4}").latest("pk")
    match = CODE.search(mail.body_text)
    assert match, f"no code in the mail to {email}:\n{mail.body_text}"
    return match.group(1)


def enter_code(page: Page, email: str) -> None:
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    page.locator("main input[name=code]").fill(code_for(email))
    page.locator("main form button[type=submit]").first.click()


def test_an_example_from_sharing_to_a_message_for_its_contact_person(
    page: Page, live_server, moderator, empty_index, check: Check
):
    base = live_server.url

    # 1. Someone without an account shares an example: name and address first, then a one-time code.
    page.goto(f"{base}/eksempler/del/")
    expect(page.get_by_role("heading", level=1)).to_have_text(nb("Share a practice example"))
    check("the first step of sharing")
    page.get_by_label(nb("Your name")).fill(SHARER_NAME)
    page.get_by_label(nb("Your e-mail")).fill(SHARER)
    page.get_by_role("button", name=nb("Send me a code")).click()
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    check("the page to enter the code (sharing)")
    enter_code(page, SHARER)
    page.wait_for_url(re.compile(r"/eksempler/del/$"))
    expect(page.locator("#id_title")).to_be_visible()
    check("the share form")

    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill(
        "Alle skolene fikk overbygd sykkelparkering med lys og lås, og flere elever sykler nå til skolen."
    )
    page.locator("#id_what_was_done").fill(
        "Kommunen kartla sykkelparkeringen ved hver skole sammen med elevrådene. Vi bygde tak over "
        "stativene, satte opp lys og stativer man kan låse rammen til, og merket trygge sykkelveier."
    )
    page.locator("#id_owner_name").fill("Lillesand kommune")
    page.locator("#id_places-0-municipality").fill("Lillesand (4215)")
    page.locator("main form.gp-form").get_by_role(
        "checkbox", name="Transport og mobilitet", exact=True
    ).check()
    page.locator("#id_contact_name").fill(CONTACT_NAME)
    page.locator("#id_contact_email").fill(CONTACT)
    page.locator("#id_contact_is_public").check()
    page.locator("main form.gp-form").get_by_role("button", name=nb("Send for moderation")).click()
    expect(page.locator(".gp-messages")).to_contain_text(
        nb(
            "Thank you! The example waits for a moderator, who publishes it in the bank. Only you and the "
            "moderators see it until then. We have sent you a receipt."
        )
    )
    example = Example.objects.get(title=TITLE)
    assert example.state == ModerationState.PENDING
    assert (example.contact_email, example.contact_is_public) == (CONTACT, True)
    assert example.created_by is not None and example.created_by.email == SHARER
    assert [m.number for m in example.municipalities.all()] == ["4215"]
    assert page.url.endswith(example.get_absolute_url())
    check("the example's page for its owner, waiting")
    assert OutboxMail.objects.filter(to=SHARER, template="example_received").exists()

    # 2. A moderator logs in with a code, finds the example in the queue and publishes it.
    page.context.clear_cookies()
    page.goto(f"{base}/eksempler/moderering/")
    page.wait_for_url(re.compile(r"/accounts/login/code/"))
    check("the login page reached from the moderation queue")
    page.locator("main input[name=email]").fill(MODERATOR)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/login/code/confirm/"))
    check("the page to enter the code (moderator)")
    enter_code(page, MODERATOR)
    page.wait_for_url(re.compile(r"/eksempler/moderering/$"))
    check("the moderation queue")
    page.locator("main").get_by_role("link", name=TITLE).first.click()
    page.wait_for_url(re.compile(rf"/eksempler/moderering/{example.pk}/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    check("the example waiting for moderation")
    page.locator("input[name=action][value=publish]").check()
    page.get_by_role("button", name=nb("Record the decision")).click()
    expect(page.locator(".gp-messages")).to_contain_text(nb("“%(title)s” is published.", title=TITLE))
    example.refresh_from_db()
    assert example.state == ModerationState.PUBLISHED
    check("the moderation queue after publishing")
    published = OutboxMail.objects.get(to=SHARER, template="example_published")
    assert TITLE in published.subject

    # 3. Anyone searches with an inflected word, chooses a theme and a county, and gets a shareable URL.
    page.context.clear_cookies()
    seen_before = len(check.seen)
    page.goto(f"{base}/eksempler/")
    check("the example bank")
    bank_search = page.locator("form[role=search]")
    bank_search.get_by_label(nb("Search words")).fill("sykler")
    bank_search.get_by_role("checkbox", name=re.compile(r"^Transport og mobilitet \(\d+\)$")).check()
    county = bank_search.get_by_label(nb("County"))
    expect(county.locator("option[value='42']")).to_contain_text("Agder")
    county.select_option("42")
    bank_search.get_by_role("button", name=nb("Search")).click()
    page.wait_for_url(re.compile(r"/eksempler/\?.*q=sykler"))
    query = parse_qs(urlsplit(page.url).query)
    assert (query["q"], query["tema"], query["fylke"]) == (["sykler"], ["transport"], ["42"])
    results = page.locator("main article h3")
    expect(results).to_have_text([TITLE])
    check("the bank searched with two filters")

    # The URL alone gives the same search to someone else.
    shared_url = page.url
    browser = page.context.browser
    assert browser is not None
    other = browser.new_context()
    try:
        other_page = other.new_page()
        other_page.goto(shared_url)
        expect(other_page.locator("#bank-q")).to_have_value("sykler")
        expect(other_page.locator("form[role=search] input[name=tema][value=transport]")).to_be_checked()
        expect(other_page.locator("form[role=search] select[name=fylke]")).to_have_value("42")
        expect(other_page.locator("main article h3")).to_have_text([TITLE])
    finally:
        other.close()

    # 4. The visitor opens the example and writes to its contact person through the relay.
    results.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(re.escape(example.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text(CONTACT_NAME)  # the contact agreed to be named
    check("the published example's page")
    contact = page.locator("#contact-section")
    contact.locator("summary").click()
    contact.get_by_label(nb("Your name")).fill(VISITOR_NAME)
    contact.get_by_label(nb("Your e-mail address")).fill(VISITOR)
    contact.get_by_label(nb("Your message")).fill(MESSAGE)
    contact.get_by_role("button", name=nb("Send the message")).click()
    expect(page.locator(".gp-messages")).to_contain_text(
        nb("Thank you: your message is sent. If the contact person answers, the answer comes to your e-mail.")
    )
    check("the example's page after the message was sent")

    relayed = OutboxMail.objects.get(template="example_contact")
    assert (relayed.to, relayed.reply_to) == (CONTACT, VISITOR)
    assert MESSAGE in relayed.body_text
    assert VISITOR_NAME in relayed.body_text

    # Neither address was on any page the public saw (from the bank onwards), nor the sharer's.
    public = check.seen[seen_before:]
    assert len(public) == 4
    for what, url, html in public:
        for address in (CONTACT, VISITOR, SHARER):
            assert address not in html, f"{address} is shown on {what} ({url})"
