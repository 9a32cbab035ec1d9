"""Unfinished ideas in real Chromium: an idea from its first comment to its promotion to a practice example,
with an offer to help, a report and a moderator's decision on the way, and axe (WCAG 2.1 A/AA) on every
ideas page, error states included."""

import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions.models import Kind
from gronnpraksis.examples.models import Example
from gronnpraksis.ideas.models import Comment, CommentReport, HelpOffer, Idea, IdeaStatus, OfferStatus
from gronnpraksis.mail.models import OutboxMail
from tests.browser.test_accessibility import describe
from tests.factories import UserFactory, submit_contribution
from tests.typing import Axe, LogIn


def nb(message: str) -> str:
    """The message as a bokmål page shows it."""
    with translation.override("nb"):
        return gettext(message)


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCRIPT = '<script>document.title="hacked"</script>'


@pytest.fixture
def check(page: Page, axe: Axe) -> Callable[[str], None]:
    def check(what: str) -> None:
        page.wait_for_load_state("load")
        violations = axe()
        assert not violations, f"axe: {len(violations)} violation(s) on {what} ({page.url}):\n" + describe(
            violations
        )

    return check


def moderator_user() -> User:
    """A moderator as the migration sets them up (a transactional test's flush removes that group)."""
    content_type = ContentType.objects.get_for_model(Idea)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="moderate_idea",
        defaults={"name": "Can moderate ideas and comments"},
    )
    group, _ = Group.objects.get_or_create(name="Moderatorer")
    group.permissions.add(permission)
    user = UserFactory(email="mona.moderator@example.no", name="Mona Moderator")
    user.groups.add(group)
    return user


def submit(page: Page, action_ends_with: str) -> None:
    page.locator(f"main form[action$='{action_ends_with}'] button[type=submit]").first.click()
    page.wait_for_load_state("load")


def switch_to(page: Page, log_in: LogIn, user: User | None) -> None:
    page.context.clear_cookies()
    if user is not None:
        log_in(page, user)


def test_an_idea_from_comment_to_promotion(page: Page, live_server, live_edition, log_in, check):
    base = live_server.url
    contribution = submit_contribution(
        live_edition,
        kind=Kind.UNFINISHED_IDEA,
        title="Delebiler for hele bygda",
        description="Bygda har ti biler per tun. Hva om vi delte dem?",
    )
    idea = contribution.idea
    assert idea is not None
    owner = idea.owner
    assert owner is not None
    commenter = UserFactory(email="kim.kommentar@example.no", name="Kim Kommentar")
    helper = UserFactory(email="hanne.hjelper@example.no", name="Hanne Hjelper")
    moderator = moderator_user()

    # The owner finds the draft, fixes a mistake in the form, and publishes the idea.
    switch_to(page, log_in, owner)
    page.goto(f"{base}/ideer/{idea.pk}/eier/")
    check("the owners' page of a draft")
    page.locator("input[name=title]").fill("")
    page.locator("textarea[name=text]").fill("Bygda har ti biler per tun. Vi deler fem av dem.")
    page.locator("main form.gp-form:has(input[name=title]) button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("textarea[name=text]")).to_have_value(
        "Bygda har ti biler per tun. Vi deler fem av dem."
    )
    check("the owners' page with an error")
    page.locator("input[name=title]").fill("Delebiler for hele bygda")
    page.locator("main form.gp-form:has(input[name=title]) button[type=submit]").click()
    page.wait_for_load_state("load")
    submit(page, "/eier/publiser/")
    expect(page.locator("main")).to_contain_text(
        nb("The idea is published: everyone can read and comment on it.")
    )
    page.goto(f"{base}/ideer/")
    expect(page.locator("#my-ideas + ul")).to_contain_text("Delebiler for hele bygda")
    check("the list for an owner, with their own ideas")

    # A visitor finds it in the list and filters by theme.
    switch_to(page, log_in, None)
    page.goto(f"{base}/ideer/")
    check("the list of ideas")
    page.locator("#filter-theme").select_option("transport")
    page.locator("main form.gp-filters button[type=submit]").click()
    page.wait_for_load_state("load")
    assert "tema=transport" in page.url
    check("the filtered list")
    page.get_by_role("link", name="Delebiler for hele bygda").click()
    page.wait_for_load_state("load")
    check("an idea, for a visitor")

    # A logged-in person comments: first without text, then with markup and a link.
    switch_to(page, log_in, commenter)
    page.goto(f"{base}{idea.get_absolute_url()}")
    check("an idea, for a logged-in person")
    page.locator("textarea[name=text]").fill("   ")
    submit(page, "/kommentar/")
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("input[name=author_name]")).to_have_value("Kim Kommentar")
    check("the comment form with an error")
    page.locator("textarea[name=text]").fill(f"{SCRIPT} Se https://example.org/deling for en modell.")
    submit(page, "/kommentar/")
    comment = Comment.objects.get()
    card = page.locator(f"#comment-{comment.pk}")
    expect(card).to_contain_text(SCRIPT)  # shown as text
    assert page.title() != "hacked"
    link = card.locator("a[href='https://example.org/deling']")
    expect(link).to_have_attribute("rel", "nofollow")
    assert OutboxMail.objects.filter(template="idea_comment", to=owner.email).count() == 1

    # Someone offers to help ("vil bidra").
    switch_to(page, log_in, helper)
    page.goto(f"{base}{idea.get_absolute_url()}")
    submit(page, "/vil-bidra/")
    expect(page.locator("#error-summary")).to_be_visible()
    check("the offer form with an error")
    page.locator("textarea[name=message]").fill("Jeg har drevet bildeling i Vennesla.")
    submit(page, "/vil-bidra/")
    assert HelpOffer.objects.get().status == OfferStatus.PENDING
    check("an idea after offering to help")

    # A visitor reports the comment.
    switch_to(page, log_in, None)
    page.goto(f"{base}{idea.get_absolute_url()}")
    card.locator("a", has_text=nb("Report")).click()
    page.wait_for_load_state("load")
    check("the report form")
    page.locator("textarea[name=reason]").fill("Lenke til reklame?")
    page.locator("main form.gp-form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert CommentReport.objects.get().reason == "Lenke til reklame?"

    # The moderator looks at the queue and hides the comment, after forgetting the reason.
    switch_to(page, log_in, moderator)
    page.goto(f"{base}/ideer/moderering/")
    check("the moderation queue")
    form = page.locator(f"main form[action$='/moderering/kommentar/{comment.pk}/']")
    form.locator("input[value=hide]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("input[value=hide]")).to_be_checked()
    check("moderating a comment, with an error")
    page.locator("textarea[name$=reason]").fill("Reklame")
    page.locator("main form.gp-form button[type=submit]").click()
    page.wait_for_load_state("load")
    comment.refresh_from_db()
    assert comment.is_hidden
    check("the moderation queue after a decision")
    page.goto(f"{base}/ideer/moderering/kommentar/{comment.pk}/")
    check("a hidden comment for the moderator")
    page.goto(f"{base}{idea.get_absolute_url()}")
    check("an idea for a moderator")
    switch_to(page, log_in, None)
    page.goto(f"{base}{idea.get_absolute_url()}")
    expect(page.locator("main")).not_to_contain_text("example.org/deling")
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text(nb("A moderator has hidden this comment."))

    # The owner accepts the helper, moves the idea on, and stops the mails about it.
    switch_to(page, log_in, owner)
    page.goto(f"{base}/ideer/{idea.pk}/eier/")
    check("the owners' page with an offer")
    page.get_by_role("button", name=re.compile(re.escape(nb("Accept as co-owner")))).click()
    page.wait_for_load_state("load")
    assert HelpOffer.objects.get().status == OfferStatus.ACCEPTED
    page.locator("input[name=status][value=videreutviklet]").check()
    submit(page, "/eier/status/")
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.DEVELOPED
    page.goto(f"{base}{idea.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("Hanne Hjelper")
    expect(page.locator("main")).not_to_contain_text("hanne.hjelper@")
    check("an idea with a co-owner, for its owner")
    mail = OutboxMail.objects.get(template="idea_comment", to=owner.email)
    opt_out_link = re.search(r"(/ideer/varsler/\S+/)", mail.body_text)
    assert opt_out_link is not None
    opt_out = opt_out_link.group(1)
    page.goto(f"{base}{opt_out}")
    check("the mail opt-out page")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text(nb("Send me the mails again"))
    check("the mail opt-out page after stopping")

    # Finally the owner promotes the idea and lands on the draft practice example.
    page.goto(f"{base}/ideer/{idea.pk}/eier/")
    submit(page, "/eier/eksempel/")
    example = Example.objects.get()
    assert page.url == f"{base}{example.get_absolute_url()}"
    expect(page.locator("h1")).to_have_text("Delebiler for hele bygda")
    assert example.idea == Idea.objects.get(pk=idea.pk)
    page.goto(f"{base}{idea.get_absolute_url()}")
    expect(page.locator(f"main a[href='{example.get_absolute_url()}']")).to_be_visible()
    check("an idea that became a practice example")
    page.goto(f"{base}/ideer/{idea.pk}/eier/")
    check("the owners' page after the promotion")


def test_ideas_pages_in_other_states_and_languages(page: Page, live_server, live_edition, log_in, check):
    """The pages the journey does not pass: an empty list, an empty queue, English and nynorsk."""
    base = live_server.url
    page.goto(f"{base}/ideer/")
    check("the list without ideas")
    page.goto(f"{base}/ideer/?tema=energi&status=videreutviklet")
    check("the list with filters that match nothing")
    contribution = submit_contribution(live_edition, kind=Kind.UNFINISHED_IDEA, title="Grønne tak på busskur")
    idea = contribution.idea
    assert idea is not None
    switch_to(page, log_in, moderator_user())
    page.goto(f"{base}/ideer/moderering/")
    check("the moderation queue with a draft and no reports")
    page.goto(f"{base}{idea.get_absolute_url()}")
    check("a draft idea for a moderator")
    page.locator("input[name=moderation-action][value=hide]").check()
    submit(page, "/moderer/")
    expect(page.locator("#error-summary")).to_be_visible()
    check("moderating an idea, with an error")
    for prefix in ("/en", "/nn"):
        page.goto(f"{base}{prefix}/ideer/")
        check(f"the list under {prefix}")
