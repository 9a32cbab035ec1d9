"""GrønnPraksisPrisen in real Chromium, from a nomination to the published winner, with axe (WCAG 2.1
A/AA) on every award page on the way: the prize page, the nomination form (with and without errors),
the organisers' pages, the jury's pages, the vote, and the refused vote.

Phases follow dates, so the test moves the round's dates between the steps as time would.
"""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from gronnpraksis.awards import services
from gronnpraksis.awards.models import AwardRound, Eligibility, Nomination, Prize, Vote
from gronnpraksis.editions.models import TeamMember, TeamRole
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations.models import Registration
from tests.browser.test_accessibility import describe
from tests.factories import OrganiserFactory, UserFactory, municipality, register_person
from tests.typing import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAY = datetime.timedelta(days=1)


@pytest.fixture
def check(page: Page, axe: Axe) -> Callable[[str], None]:
    def check(what: str) -> None:
        page.wait_for_load_state("load")
        violations = axe()
        assert not violations, f"axe: {len(violations)} violation(s) on {what} ({page.url}):\n" + describe(
            violations
        )

    return check


def nb(message: str, **params: Any) -> str:
    """The message as a bokmål page shows it, with its placeholders filled in."""
    with translation.override("nb"):
        worded = gettext(message)
    return worded % params if params else worded


def submit(page: Page, form: str = "main form.gp-form") -> None:
    page.locator(f"{form} button[type=submit]").first.click()
    page.wait_for_load_state("load")


def move(award: AwardRound, **dates: datetime.datetime) -> None:
    AwardRound.objects.filter(pk=award.pk).update(**dates)


def test_from_nomination_to_the_published_winner(page: Page, live_server, live_edition, log_in, check):
    edition = live_edition
    edition.award_text = "GrønnPraksisPrisen deles ut på arenaen."
    edition.save()
    organiser = OrganiserFactory()
    award = services.set_up_round(edition=edition, by=organiser)
    now = timezone.now()
    move(award, nominations_open_at=now - DAY, nominations_close_at=now + 10 * DAY)
    example = Example.objects.create(
        title="Matsvinn til matglede",
        summary="Overskuddsmat blir til måltider i en klimakafé.",
        owner_name="Mulighetenes Hus",
        state=ModerationState.PUBLISHED,
    )
    example.municipalities.add(municipality("4223"))
    juror = UserFactory(email="jorunn.jury@example.no", name="Jorunn Jury")
    TeamMember.objects.create(edition=edition, user=juror, role=TeamRole.JUROR)
    participant = register_person(edition, email="kari.nordmann@example.no", name="Kari Nordmann")
    # The round requires check-in to vote (the default); Kari is checked in at the arena.
    Registration.objects.filter(pk=participant.pk).update(checked_in_at=now)
    site, office = f"{live_server.url}/{edition.slug}", f"{live_server.url}/arrangor/{edition.slug}"

    # A visitor reads the prize page and nominates an example from the bank, after a first try with errors.
    page.goto(f"{site}/")
    page.get_by_role("link", name=nb("The prize: nominees, finalists and winners"), exact=True).click()
    expect(page.locator("h1")).to_contain_text("GrønnPraksisPrisen")
    check("the prize page while nominations are open")
    page.locator("main a[href$='/prisen/nominer/']").first.click()
    check("the nomination form")
    page.locator("#id_nominator_name").fill("Nora Nominator")
    submit(page)
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#id_nominator_name")).to_have_value("Nora Nominator")
    check("the nomination form with errors")
    page.locator("#id_example").select_option(label="Matsvinn til matglede")
    page.locator("#id_summary").fill("Mat, klima og fellesskap <i>i ett</i>.")
    for answer in page.locator("textarea[id^=id_answer_]").all():
        answer.fill("Butikker, kommune og frivillige sammen.")
    page.locator("#id_nominator_email").fill("nora@example.no")
    submit(page)
    expect(page.locator("h1")).to_contain_text(nb("Thank you for the nomination"))
    check("the nomination receipt page")
    nomination = Nomination.objects.get()
    assert OutboxMail.objects.filter(template="award_nomination_received", to="nora@example.no").exists()
    second = services.submit_nomination(
        award=award,
        data=services.NominationData(
            example=None,
            new_project=services.NewProject(
                title="Sykkelparkering ved skolene",
                summary="Overbygd sykkelparkering planlagt med elevene.",
                description="",
                owner_name="Kristiansand kommune",
                municipality=municipality(),
            ),
            summary="Flere sykler til skolen.",
            answers={c.pk: "Elevrådene var med." for c in award.criteria.all()},
            nominator_name="Kjersti Omdal",
            nominator_email="kjersti@example.no",
            is_self_nomination=True,
        ),
        idempotency_key=None,
    )

    # The organiser looks through the round and finds both nominations eligible.
    log_in(page, organiser)
    page.goto(f"{office}/")
    page.locator("nav a[href$='/prisen/']").first.click()
    check("the prize overview")
    criterion = award.criteria.first()
    assert criterion is not None
    for path, what in [
        ("innstillinger/", "the round's settings"),
        ("kriterier/", "the prize criteria"),
        (f"kriterier/{criterion.pk}/", "a prize criterion"),
        ("nominasjoner/", "the nomination list"),
    ]:
        page.goto(f"{office}/prisen/{path}")
        check(what)
    for item in (nomination, second):
        page.goto(f"{office}/prisen/nominasjoner/{item.pk}/")
        expect(page.locator("main")).to_contain_text("<i>i ett</i>" if item == nomination else "Elevrådene")
        page.locator("input[name=decision][value=eligible]").check()
        submit(page)
    check("a nomination after the eligibility decision")
    assert set(Nomination.objects.values_list("eligibility", flat=True)) == {Eligibility.ELIGIBLE}
    move(award, nominations_open_at=now - 20 * DAY, nominations_close_at=now - DAY)

    # The juror scores both; only then is the jury's ranking shown.
    page.context.clear_cookies()
    log_in(page, juror)
    page.goto(f"{office}/jury/")
    check("the jury's list")
    page.goto(f"{office}/jury/rangering/")
    expect(page.locator("main")).to_contain_text(
        nb(
            "The ranking is shown when you have scored every nomination you score: %(scored)s of %(total)s so far.",
            scored=0,
            total=2,
        )
    )
    check("the jury's ranking before scoring")
    page.goto(f"{office}/jury/{second.pk}/inhabil/")
    check("the jury's conflict form")
    for item, score in ((nomination, "5"), (second, "3")):
        page.goto(f"{office}/jury/{item.pk}/")
        if item == nomination:
            submit(page)
            expect(page.locator("#error-summary")).to_be_visible()
            check("the jury's score form with errors")
        for group in page.locator("main form.gp-form fieldset").all():
            group.locator(f"input[type=radio][value='{score}']").check()
        page.locator("textarea[id^=id_comment_]").first.fill("Tydelig effekt.")
        submit(page)
    page.goto(f"{office}/jury/rangering/")
    expect(page.locator("tbody tr").first).to_contain_text("Matsvinn til matglede")
    check("the jury's ranking")

    # The organiser sees the jury's work and publishes the shortlist the jury's ranking suggests.
    page.context.clear_cookies()
    log_in(page, organiser)
    page.goto(f"{office}/prisen/jury/")
    check("the organisers' jury page")
    page.goto(f"{office}/prisen/finalister/")
    check("the shortlist form")
    submit(page)
    assert Nomination.objects.filter(on_shortlist=True).count() == 2
    move(award, voting_opens_at=now - DAY / 24, voting_closes_at=now + DAY)
    page.goto(f"{office}/prisen/avstemning/")
    check("the vote while it is open")

    # The participant votes through the personal link; a forged link is refused clearly.
    page.context.clear_cookies()
    page.goto(f"{site}/prisen/")
    check("the prize page while voting is open")
    page.goto(f"{site}/prisen/stem/{participant.vote_token}/")
    check("the vote")
    page.get_by_label("Matsvinn til matglede").check()
    submit(page)
    expect(page.locator(".gp-messages")).to_contain_text("Matsvinn til matglede")
    check("the vote after voting")
    assert Vote.objects.get().nomination == nomination
    page.goto(f"{site}/prisen/stem/ikke-en-ekte-lenke/")
    check("a refused voting link")

    # The organiser closes the vote, records the computed winner with a citation, and publishes.
    log_in(page, organiser)
    page.goto(f"{office}/prisen/avstemning/")
    submit(page, "main form[action$='/avstemning/lukk/']")
    expect(page.locator("main table")).to_contain_text("Matsvinn til matglede")
    check("the vote's counts after closing")
    page.goto(f"{office}/prisen/resultat/")
    check("the result form")
    page.locator("input[name='people-nomination']").first.check()
    page.get_by_label("Matsvinn til matglede").check()
    page.locator("#id_people-citation").fill("Mat, klima og fellesskap i ett tiltak.")
    submit(page)
    submit(page, "main form[action$='/resultat/publiser/']")
    assert Prize.objects.get().nomination == nomination
    assert AwardRound.objects.get().result_published_at is not None
    page.goto(f"{office}/prisen/logg/")
    expect(page.locator("main table")).to_contain_text(nb("Result published"))
    check("the audit log")

    # Everyone sees the winner with the citation.
    page.context.clear_cookies()
    page.goto(f"{site}/prisen/")
    expect(page.locator("#winners-heading + .ds-card")).to_contain_text("Matsvinn til matglede")
    expect(page.locator("main")).to_contain_text("Mat, klima og fellesskap i ett tiltak.")
    check("the prize page with the winner")
