"""The award pages over HTTP: the prize page, nominating, voting, the jury's pages (what could leak) and
the organisers' pages; bad input never gives a 500; query counts of the lists."""

import html
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from gronnpraksis.awards import results, scoring, services, voting
from gronnpraksis.awards.models import AuditEntry, AwardRound, Nomination, PrizeKind, Vote
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.registrations.models import Status
from tests.awards import (
    DAY,
    close_nominations,
    finalists,
    form_data,
    juror,
    make_round,
    nominate,
    open_voting,
    published_example,
    score_all,
    vote,
)
from tests.factories import EditionFactory, UserFactory, register_person

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"


def url(name, edition, **kwargs):
    namespace = "awards_backoffice" if name.startswith(("bo_", "jury")) else "awards"
    return reverse(f"{namespace}:{name}", kwargs={"edition": edition.slug, **kwargs})


def text(response) -> str:
    return html.unescape(response.content.decode())


def in_norwegian(message: str, **params) -> str:
    """The message as a bokmål page shows it, with its placeholders filled in."""
    with translation.override("nb"):
        worded = gettext(message)
    return worded % params if params else worded


def in_norwegian_plural(singular: str, plural: str, count: int, **params) -> str:
    with translation.override("nb"):
        return ngettext(singular, plural, count) % {"count": count, **params}


@pytest.fixture
def award(edition, organiser):
    return make_round(edition, organiser)


# --- The prize page ------------------------------------------------------------------------------------


def test_the_prize_page_without_a_round(client, edition):
    response = client.get(url("prize", edition))

    assert response.status_code == 200
    assert in_norwegian("The award round for %(name)s is not announced yet.", name=edition.name) in text(
        response
    )


def test_the_prize_page_in_the_nomination_phase_invites_nominations_and_hides_nominees(
    client, award, organiser
):
    nomination = nominate(award, title="Hemmelig nominert")
    services.set_eligibility(nomination=nomination, eligible=True, reason="", by=organiser)

    page = text(client.get(url("prize", award.edition)))

    assert url("nominate", award.edition) in page
    assert "Samarbeid og entusiasme" in page and "Ringvirkninger" in page
    assert "Hemmelig nominert" not in page


def test_the_prize_page_shows_finalists_winner_and_every_year(client, edition, organiser, participant):
    award = make_round(edition, organiser)
    one, _two = finalists(award, organiser, count=2, titles=["Matsvinn til matglede", "Sykkelparkering"])
    award = open_voting(award)
    vote(award, participant, one)
    page = text(client.get(url("prize", edition)))
    assert url("vote", edition) in page and "Sykkelparkering" in page

    voting.close_vote(award=award, by=organiser)
    results.record_prize(
        award=award,
        kind=PrizeKind.PEOPLE,
        nomination=one,
        citation="Mat, klima og fellesskap.",
        reason="",
        by=organiser,
    )
    assert "Mat, klima og fellesskap." not in text(client.get(url("prize", edition)))  # not published yet
    results.publish_result(award=award, by=organiser)
    older = EditionFactory(
        starts_on=edition.starts_on.replace(year=2022), ends_on=edition.ends_on.replace(year=2022)
    )
    old = services.set_up_round(edition=older, by=organiser)

    page = text(client.get(url("prize", older)))
    assert "Mat, klima og fellesskap." not in page
    assert f"{edition.starts_on.year}</a>: Matsvinn til matglede" in page  # the archive of every year
    assert in_norwegian("The award round for %(name)s is not announced yet.")[:12] not in page
    page = text(client.get(url("prize", edition)))
    assert "Mat, klima og fellesskap." in page
    assert f'href="/{older.slug}/prisen/"' not in page  # GP {older} has no winner yet
    assert old.result_published_at is None


def test_the_prize_page_of_a_planned_edition_is_404(client, organiser):
    planned = EditionFactory(phase="planning")
    make_round(planned, organiser)

    assert client.get(url("prize", planned)).status_code == 404
    assert client.get("/gp-finnes-ikke/prisen/").status_code == 404


def test_the_prize_page_query_count_does_not_grow(client, edition, organiser, django_assert_num_queries):
    award = make_round(edition, organiser)
    finalists(award, organiser, count=2)
    with CaptureQueriesContext(connection) as few:
        client.get(url("prize", edition))
    Nomination.objects.all().delete()
    AwardRound.objects.filter(pk=award.pk).update(shortlist_published_at=None)
    award = make_round(edition, organiser)
    finalists(award, organiser, count=8)

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url("prize", edition))
    assert text(response).count("Prosjekt ") >= 8


# --- Nominating ---------------------------------------------------------------------------------------------


def test_nominating_a_new_project(client, award):
    response = client.post(url("nominate", award.edition), form_data(award))

    assert response.status_code == 302
    assert response["Location"] == url("nominated", award.edition)
    nomination = Nomination.objects.get()
    assert (nomination.example.title, nomination.example.state) == (
        "Solceller på skoletak",
        ModerationState.DRAFT,
    )
    assert nomination.answers.count() == 4
    assert OutboxMail.objects.filter(template="award_nomination_received", to="nora@example.no").count() == 1
    assert client.get(response["Location"]).status_code == 200


def test_nominating_an_example_from_the_bank(client, award):
    example = published_example()

    response = client.post(
        url("nominate", award.edition), form_data(award, project="existing", example=example.pk)
    )

    assert response.status_code == 302
    assert Nomination.objects.get().example == example
    assert Example.objects.count() == 1


def test_a_nomination_with_errors_keeps_what_was_typed(client, award):
    data = form_data(award, title="", summary="Min begrunnelse", nominator_email="nora@gmial.com")
    data[f"answer_{award.criteria.first().pk}"] = ""

    response = client.post(url("nominate", award.edition), data)

    page = text(response)
    assert response.status_code == 400
    assert in_norwegian("Give the name of the project.") in page
    assert in_norwegian("Answer this criterion.") in page
    assert "nora@gmail.com" in page  # the typo check
    assert "Min begrunnelse" in page and "Kristiansand kommune" in page
    assert not Nomination.objects.exists()


def test_a_nominator_phone_number_is_checked_and_stored_in_one_format(client, award):
    refused = client.post(url("nominate", award.edition), form_data(award, nominator_phone="abc"))
    accepted = client.post(url("nominate", award.edition), form_data(award, nominator_phone="22 22 22 22"))

    assert refused.status_code == 400
    assert 'value="abc"' in text(refused)
    assert accepted.status_code == 302
    assert Nomination.objects.get().nominator_phone == "+47 22 22 22 22"


@pytest.mark.parametrize(
    "bad",
    [
        {"project": "existing", "example": "99999999999999999999999"},
        {"project": "existing", "example": "abc"},
        {"project": "existing", "example": "-1"},
        {"project": "sideways"},
        {"municipality": "Atlantis"},
        {"summary": "x" * 5000},
        {"title": "Null\x00byte"},
    ],
)
def test_bad_nomination_input_is_a_form_error_not_a_500(client, award, bad):
    response = client.post(url("nominate", award.edition), form_data(award, **bad))

    assert response.status_code in (302, 400)
    if response.status_code == 302:  # the NUL byte is stripped, the rest is kept
        assert Nomination.objects.get().example.title == "Nullbyte"


def test_a_draft_example_cannot_be_nominated_as_existing(client, award):
    draft = Example.objects.create(title="Utkast", summary="-")

    response = client.post(
        url("nominate", award.edition), form_data(award, project="existing", example=draft.pk)
    )

    assert response.status_code == 400
    assert not Nomination.objects.exists()


def test_the_honeypot_stops_a_bot(client, award):
    response = client.post(url("nominate", award.edition), form_data(award, website="http://spam"))

    assert response.status_code == 400
    assert not Nomination.objects.exists() and not OutboxMail.objects.exists()


def test_nominating_after_the_deadline_is_refused_with_the_input_kept(client, award):
    close_nominations(award)

    assert in_norwegian("Nominations are closed.") in text(client.get(url("nominate", award.edition)))
    response = client.post(url("nominate", award.edition), form_data(award))
    assert response.status_code == 400
    assert "Solceller på skoletak" in text(response)
    assert not Nomination.objects.exists()


def test_nomination_texts_are_plain_text_everywhere(client, award, organiser, edition):
    nomination = nominate(award, title=f"Tittel {SCRIPT}", summary=f"Hvorfor {SCRIPT}", nominator_name=SCRIPT)
    services.set_eligibility(nomination=nomination, eligible=True, reason="", by=organiser)
    jens = juror(edition, "jens@example.no")
    client.force_login(organiser)
    pages = [
        client.get(url("bo_nominations", edition)),
        client.get(url("bo_nomination", edition, pk=nomination.pk)),
        client.get(url("bo_jury", edition)),
    ]
    client.force_login(jens)
    pages += [client.get(url("jury", edition)), client.get(url("jury_score", edition, pk=nomination.pk))]
    close_nominations(award)
    results.publish_shortlist(award=award, nominations=[nomination], by=organiser)
    pages.append(client.get(url("prize", edition)))

    for response in pages:
        body = response.content.decode()
        assert response.status_code == 200
        assert SCRIPT not in body
        assert "&lt;script&gt;" in body


# --- Voting ---------------------------------------------------------------------------------------------------


@pytest.fixture
def ballot_box(award, organiser):
    nominations = finalists(award, organiser, count=3)
    return open_voting(award), nominations


def vote_page(response):
    """The ballot and the choices a vote page offers."""
    import re

    body = response.content.decode()
    ballot = re.search(r'name="ballot" value="([^"]+)"', body)
    return ballot.group(1) if ballot else None


def test_voting_with_the_personal_link_and_changing_the_vote(client, ballot_box, participant):
    award, (one, two, _three) = ballot_box
    path = url("vote_link", award.edition, token=participant.vote_token)

    page = client.get(path)
    assert page.status_code == 200 and page["Cache-Control"] == "no-store, private"
    response = client.post(path, {"nomination": one.pk, "ballot": vote_page(page)})
    assert (response.status_code, response["Location"]) == (302, path)
    page = client.get(path)
    assert "Prosjekt 1" in text(page)
    client.post(path, {"nomination": two.pk, "ballot": vote_page(page)})

    assert list(Vote.objects.values_list("registration", "nomination")) == [(participant.pk, two.pk)]


def test_a_vote_form_sent_twice_is_counted_once(client, ballot_box, participant):
    award, (one, two, _three) = ballot_box
    path = url("vote_link", award.edition, token=participant.vote_token)
    ballot = vote_page(client.get(path))

    client.post(path, {"nomination": one.pk, "ballot": ballot})
    again = client.post(path, {"nomination": two.pk, "ballot": ballot})

    assert again.status_code == 409
    assert in_norwegian(
        "This vote form has already been sent, and your vote is counted. To change it, choose again below."
    ) in text(again)
    assert list(Vote.objects.values_list("nomination", flat=True)) == [one.pk]


@pytest.mark.parametrize(
    "token",
    ["garbage", "A" * 43, "x" * 500, "%00", "🙂"],
)
def test_a_forged_voting_link_is_refused_clearly(client, ballot_box, token):
    award, _finalists = ballot_box

    response = client.get(f"/{award.edition.slug}/prisen/stem/{token}/")
    assert response.status_code == 404
    assert in_norwegian(
        "This voting link is not valid. Use the voting link on your registration page, or log in with a one-time code."
    ) in text(response)
    response = client.post(f"/{award.edition.slug}/prisen/stem/{token}/", {"nomination": "1", "ballot": "x"})
    assert response.status_code == 404
    assert not Vote.objects.exists()


def test_a_link_from_another_edition_is_refused(client, ballot_box):
    award, _finalists = ballot_box
    stranger = register_person(EditionFactory(), email="fremmed@example.no")

    response = client.get(url("vote_link", award.edition, token=stranger.vote_token))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (Status.WAITLISTED, "You are on the waitlist. Only participants with a confirmed place can vote."),
        (Status.CANCELLED, "Your registration is cancelled, so you cannot vote."),
    ],
)
def test_participants_without_a_place_are_refused(client, ballot_box, edition, status, message):
    award, (one, _two, _three) = ballot_box
    person = register_person(edition, email="uten.plass@example.no")
    person.status = status
    person.waitlisted_at = timezone.now()
    person.save()
    path = url("vote_link", edition, token=person.vote_token)

    page = client.get(path)
    assert in_norwegian(message) in text(page) and vote_page(page) is None
    response = client.post(path, {"nomination": one.pk, "ballot": voting.make_ballot(award, person)})
    assert response.status_code == 403
    assert in_norwegian(message) in text(response)
    assert not Vote.objects.exists()


def test_votes_outside_the_window_are_refused_clearly(client, ballot_box, participant):
    award, (one, _two, _three) = ballot_box
    path = url("vote_link", award.edition, token=participant.vote_token)
    ballot = vote_page(client.get(path))
    AwardRound.objects.filter(pk=award.pk).update(
        voting_closes_at=timezone.now() - DAY / 24, voting_opens_at=timezone.now() - DAY
    )

    response = client.post(path, {"nomination": one.pk, "ballot": ballot})
    assert response.status_code == 403
    assert "The vote closed" in text(response) or in_norwegian("The vote closed %(when)s.")[:10] in text(
        response
    )
    AwardRound.objects.filter(pk=award.pk).update(
        voting_opens_at=timezone.now() + DAY, voting_closes_at=timezone.now() + 2 * DAY
    )
    response = client.post(path, {"nomination": one.pk, "ballot": ballot})
    assert response.status_code == 403
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"nomination": "99999999999999999999999"},
        {"nomination": "abc"},
        {"nomination": ""},
        {"ballot": "forged"},
        {"ballot": ""},
        {"ballot": "x" * 100000},
    ],
)
def test_bad_vote_input_is_refused_without_a_500(client, ballot_box, participant, data):
    award, (one, _two, _three) = ballot_box
    path = url("vote_link", award.edition, token=participant.vote_token)
    ballot = vote_page(client.get(path))

    response = client.post(path, {"nomination": one.pk, "ballot": ballot} | data)

    assert response.status_code == 400
    assert not Vote.objects.exists()


def test_a_finalist_of_another_round_is_not_a_choice(client, ballot_box, participant, organiser):
    award, _finalists = ballot_box
    other = make_round(EditionFactory(), organiser)
    (foreign,) = finalists(other, organiser, count=1, titles=["Annet år"])
    path = url("vote_link", award.edition, token=participant.vote_token)

    response = client.post(path, {"nomination": foreign.pk, "ballot": vote_page(client.get(path))})

    assert response.status_code == 400
    assert in_norwegian("Choose one of the finalists.") in text(response)


def test_voting_after_a_one_time_code_login(client, ballot_box, participant):
    award, (one, _two, _three) = ballot_box
    path = url("vote", award.edition)
    assert client.get(path)["Location"].startswith(reverse("account_request_login_code"))

    client.force_login(UserFactory(email="kari.nordmann@example.no"))
    page = client.get(path)
    assert "Kari Nordmann" in text(page)
    assert client.post(path, {"nomination": one.pk, "ballot": vote_page(page)}).status_code == 302
    assert Vote.objects.get().registration == participant


def test_a_logged_in_person_without_a_registration_cannot_vote(client, ballot_box):
    award, _finalists = ballot_box
    client.force_login(UserFactory(email="ikke.pameldt@example.no"))

    response = client.get(url("vote", award.edition))

    assert response.status_code == 403
    assert "ikke.pameldt@example.no" in text(response)


# --- Counts stay hidden while the vote runs -------------------------------------------------------------------


def test_nobody_sees_the_count_while_the_vote_is_open(client, ballot_box, organiser, participant, outsider):
    award, (one, _two, _three) = ballot_box
    vote(award, participant, one)
    vote(award, outsider, one)
    client.force_login(organiser)

    page = text(client.get(url("bo_vote", award.edition)))
    assert (
        in_norwegian("Votes per finalist") not in page and "2 votes" not in page and "2 stemmer" not in page
    )
    assert client.get("/admin/awards/vote/").status_code == 404
    public = text(client.get(url("prize", award.edition)))
    assert "2 votes" not in public and "2 stemmer" not in public

    client.post(url("bo_vote_close", award.edition))
    page = text(client.get(url("bo_vote", award.edition)))
    assert in_norwegian_plural("%(count)s vote in all.", "%(count)s votes in all.", 2) in page


# --- The jury: what a juror may see ---------------------------------------------------------------------------------


@pytest.fixture
def jury(award, organiser, edition):
    """Two nominations; Bjørn has scored both with a distinctive comment, and declared a conflict with
    nothing. Vera is a juror who has scored nothing and is not impartial about the second."""
    one, two = nominate(award, title="Delebil på bygda"), nominate(award, title="Naboens prosjekt")
    for n in (one, two):
        services.set_eligibility(nomination=n, eligible=True, reason="", by=organiser)
    bjorn, vera = juror(edition, "bjorn@example.no"), juror(edition, "vera@example.no")
    score_all(one, bjorn, 5, comment="Bjørns-hemmelige-vurdering")
    score_all(two, bjorn, 2, comment="Bjørns-hemmelige-vurdering")
    scoring.declare_conflict(nomination=two, juror=vera, reason="Jeg jobber der")
    return one, two, bjorn, vera


def test_a_juror_never_sees_another_jurors_scores(client, jury, edition):
    one, _two, _bjorn, vera = jury
    client.force_login(vera)

    for path in (url("jury", edition), url("jury_score", edition, pk=one.pk), url("jury_ranking", edition)):
        page = text(client.get(path))
        assert "Bjørns-hemmelige-vurdering" not in page
        assert not re.search(r"20[.,]0", page) and "20–20" not in page


def test_the_ranking_shows_after_the_own_scores_without_conflicted_nominations(client, jury, edition, award):
    one, _two, _bjorn, vera = jury
    client.force_login(vera)
    assert in_norwegian(
        "The ranking is shown when you have scored every nomination you score: %(scored)s of %(total)s so far.",
        scored=0,
        total=1,
    ) in text(client.get(url("jury_ranking", edition)))

    response = client.post(
        url("jury_score", edition, pk=one.pk), {f"score_{c.pk}": "3" for c in award.criteria.all()}
    )
    assert response.status_code == 302
    page = text(client.get(url("jury_ranking", edition)))
    assert "Delebil på bygda" in page  # its figures wait for a third juror (see below)
    assert "Naboens prosjekt" not in page
    assert "Bjørns-hemmelige-vurdering" not in page


def test_with_two_jurors_the_ranking_hides_the_figures_that_give_away_the_colleague(
    client, jury, edition, award
):
    """Vera knows her own total (12): a mean of 16, "12–20" or a deviation of 4 would each tell her that
    Bjørn gave 20. Only when a third juror has scored are the figures shown."""
    one, _two, _bjorn, vera = jury
    client.force_login(vera)
    client.post(url("jury_score", edition, pk=one.pk), {f"score_{c.pk}": "3" for c in award.criteria.all()})

    page = text(client.get(url("jury_ranking", edition)))
    table = page.split("<table")[1].split("</table>")[0]
    assert "Delebil på bygda" in table
    assert not re.search(r"16[.,]0|4[.,]0|20", table)
    assert 'id="figures-hidden"' in page

    score_all(one, juror(edition, "tora@example.no"), 4)
    page = text(client.get(url("jury_ranking", edition)))
    assert re.search(r"16[.,]0", page) and "12–20" in page and 'id="figures-hidden"' not in page


def test_a_conflicted_nomination_is_gone_from_the_jurors_scoring(client, jury, edition):
    _one, two, _bjorn, vera = jury
    client.force_login(vera)

    page = text(client.get(url("jury", edition)))
    scoring = page.split(in_norwegian("Where you are not impartial"))[0]
    assert "Naboens prosjekt" not in scoring
    assert client.get(url("jury_score", edition, pk=two.pk)).status_code == 404


def test_a_jury_score_with_errors_keeps_the_input(client, jury, edition, award):
    one, _two, _bjorn, vera = jury
    client.force_login(vera)
    first, second = list(award.criteria.all())[:2]

    response = client.post(
        url("jury_score", edition, pk=one.pk),
        {f"score_{first.pk}": "3", f"comment_{second.pk}": "Godt samarbeid"},
    )

    assert response.status_code == 400
    assert in_norwegian("Choose a score for this criterion.") in text(response)
    assert "Godt samarbeid" in text(response)
    response = client.post(
        url("jury_score", edition, pk=one.pk), {f"score_{c.pk}": "99" for c in award.criteria.all()}
    )
    assert response.status_code == 400


def test_the_organiser_sees_every_juror_and_can_withdraw_a_conflict(client, jury, edition, organiser):
    _one, two, _bjorn, vera = jury
    client.force_login(organiser)

    page = text(client.get(url("bo_jury", edition)))
    assert "Bjørns-hemmelige-vurdering" in page and "Jeg jobber der" in page
    conflict = two.assessments.get(juror=vera)
    client.post(url("bo_conflict_withdraw", edition, pk=conflict.pk))
    assert not two.assessments.filter(juror=vera).exists()
    assert AuditEntry.objects.filter(action="conflict_withdrawn", why="Jeg jobber der").exists()


# --- The organisers' pages --------------------------------------------------------------------------------


def test_setting_up_a_round_from_the_back_office(client, edition, organiser):
    client.force_login(organiser)
    assert in_norwegian("Set up the award round") in text(client.get(url("bo_overview", edition)))

    response = client.post(url("bo_set_up", edition), {"mode": "both"})

    assert response["Location"] == url("bo_settings", edition)
    assert AwardRound.objects.get().mode == "both"
    assert client.post(url("bo_set_up", edition), {"mode": "nonsense"}).status_code in (302, 400)


def test_settings_errors_keep_the_input(client, award, organiser):
    client.force_login(organiser)
    data = {
        "mode": "vote",
        "shortlist_size": "12",
        "nominations_open_at": "2027-01-10T09:00",
        "nominations_close_at": "2027-01-01T09:00",
        "voting_opens_at": "",
        "voting_closes_at": "",
    }

    response = client.post(url("bo_settings", award.edition), data)

    page = text(response)
    assert response.status_code == 400
    assert in_norwegian("Nominations must close after they open.") in page
    assert in_norwegian("Give the time the vote opens.") in page
    assert 'value="12"' in page and "2027-01-10T09:00" in page
    award.refresh_from_db()
    assert award.shortlist_size == 10


def test_eligibility_needs_a_reason_when_not_eligible(client, award, organiser):
    nomination = nominate(award)
    client.force_login(organiser)
    path = url("bo_nomination", award.edition, pk=nomination.pk)

    response = client.post(path, {"decision": "ineligible", "reason": ""})
    assert response.status_code == 400
    assert in_norwegian("Give the reason why the nomination is not eligible.") in text(response)
    assert client.post(path, {"decision": "ineligible", "reason": "Ikke i Norge"}).status_code == 302
    assert "Ikke i Norge" in text(client.get(url("bo_log", award.edition)))


def test_an_override_without_a_reason_is_refused_then_logged(client, ballot_box, organiser, participant):
    award, (one, two, _three) = ballot_box
    vote(award, participant, one)
    client.force_login(organiser)
    client.post(url("bo_vote_close", award.edition))
    path = url("bo_result", award.edition)
    page = text(client.get(path))
    assert "Prosjekt 1</strong>." in page

    response = client.post(path, {"kind": "people", "people-nomination": two.pk, "people-citation": "Fordi."})
    assert response.status_code == 400
    assert "Prosjekt 1" in text(response) and "Fordi." in text(response)
    response = client.post(
        path,
        {
            "kind": "people",
            "people-nomination": two.pk,
            "people-citation": "Fordi.",
            "people-reason": "Trakk seg",
        },
    )
    assert response.status_code == 302
    client.post(url("bo_result_publish", award.edition))

    log = text(client.get(url("bo_log", award.edition)))
    assert in_norwegian("Computed result overridden") in log and "Trakk seg" in log and organiser.name in log
    assert "Fordi." in text(client.get(url("prize", award.edition)))


def test_the_nomination_list_query_count_does_not_grow(client, award, organiser, django_assert_num_queries):
    nominate(award)
    client.force_login(organiser)
    with CaptureQueriesContext(connection) as one:
        client.get(url("bo_nominations", award.edition))
    for n in range(6):
        nominate(award, title=f"Flere {n}", example=published_example(f"Eksempel {n}") if n % 2 else None)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url("bo_nominations", award.edition))
    assert text(response).count("Flere ") + text(response).count("Eksempel ") == 6


# --- The template tag for the example page ------------------------------------------------------------------


def test_example_awards_lists_nominations_and_published_prizes(ballot_box, organiser, participant):
    award, (one, two, _three) = ballot_box

    def render(example):
        return Template("{% load awards %}{% example_awards example %}").render(Context({"example": example}))

    year = award.edition.starts_on.year
    finalist = in_norwegian("Finalist for GrønnPraksisPrisen %(year)s", year=year)
    winner = "Winner of GrønnPraksisPrisen %(year)s (%(prize)s)"
    assert finalist in render(one.example)
    vote(award, participant, one)
    voting.close_vote(award=award, by=organiser)
    results.record_prize(
        award=award, kind=PrizeKind.PEOPLE, nomination=one, citation="C", reason="", by=organiser
    )
    assert in_norwegian(winner).split("%(year)s")[0] not in render(one.example)
    results.publish_result(award=award, by=organiser)
    assert in_norwegian(winner, year=year, prize=in_norwegian(str(PrizeKind.PEOPLE.label))) in render(
        one.example
    )
    assert finalist in render(two.example)
    assert render(published_example("Aldri nominert")).strip() == ""
