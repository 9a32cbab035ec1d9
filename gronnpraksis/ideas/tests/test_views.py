"""The ideas pages over HTTP: the list with filters and counts, an idea with comments and offers, reports,
the owners' page, mail opt-out, and what each person may see. Bad input never gives a 500."""

import html
import re
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from gronnpraksis.accounts.models import User
from gronnpraksis.contributions.models import Kind
from gronnpraksis.examples.models import Example
from gronnpraksis.ideas import services
from gronnpraksis.ideas.models import (
    Comment,
    CommentReport,
    HelpOffer,
    Idea,
    IdeaStatus,
    IdeaVisibility,
    ModerationRecord,
    NotificationOptOut,
    OfferStatus,
)
from gronnpraksis.mail.models import OutboxMail
from gronnpraksis.program.models import ProgramItem, Room
from gronnpraksis.program.services import publish_program
from tests.factories import UserFactory, local_time, make_idea, municipality, submit_contribution, theme
from tests.typing import TestResponse

pytestmark = pytest.mark.django_db

HIDDEN_TEXT = "Skjult-fornærmelse-som-aldri-skal-vises"


def in_norwegian(message: str) -> str:
    """The message as a bokmål page shows it (Django's own, or the English id until translated)."""
    with translation.override("nb"):
        return gettext(message)


def text(response: TestResponse) -> str:
    return html.unescape(response.content.decode())


def comment_on(idea: Idea, author: User, words: str, **kwargs: Any) -> Comment:
    return services.add_comment(idea=idea, author=author, author_name=author.name, text=words, **kwargs)


# --- The list ---------------------------------------------------------------------------------------


def test_the_list_shows_published_ideas_with_counts(client, idea, draft, owner, moderator):
    hidden = make_idea(owner, title="Skjult idé om vindkraft")
    services.hide_idea(idea=hidden, moderator=moderator, reason="Dobbel")
    comment_on(idea, owner, "Første kommentar")

    response = client.get("/ideer/")

    page = text(response)
    assert response.status_code == 200
    assert "Delebiler for hele bygda" in page
    assert "Hemmelig utkast om fjernvarme" not in page
    assert "Skjult idé om vindkraft" not in page
    assert in_norwegian("Unfinished ideas") in page
    assert re.search(r"\b1 (comment|kommentar)\b", page)
    assert "Transport og mobilitet (1)" in page
    assert "Agder (1)" in page and "Kristiansand (1)" in page


def test_owners_find_their_own_ideas_drafts_included(client, idea, draft, owner, helper, commenter):
    offer = services.offer_help(idea=idea, user=helper, name="Hanne", message="Ja")
    services.answer_offer(offer=offer, accept=True)
    client.force_login(owner)
    page = text(client.get("/ideer/"))
    assert f'href="/ideer/{draft.pk}/eier/"' in page and f'href="/ideer/{idea.pk}/eier/"' in page
    client.force_login(helper)
    page = text(client.get("/ideer/"))
    assert f'href="/ideer/{idea.pk}/eier/"' in page and "Hemmelig utkast om fjernvarme" not in page
    client.force_login(commenter)
    assert "/eier/" not in text(client.get("/ideer/"))


def test_filters_narrow_the_list_and_their_counts(client, owner):
    make_idea(owner, title="Sykkelvei langs elva")
    make_idea(
        owner, title="Solceller på skoletak", themes=[theme("energi")], municipality=municipality("0301")
    )
    developed = make_idea(owner, title="Felles fryserom", themes=[theme("mat")])
    services.set_status(idea=developed, status=IdeaStatus.DEVELOPED)

    by_theme = text(client.get("/ideer/", {"tema": "energi"}))
    assert "Solceller på skoletak" in by_theme and "Sykkelvei langs elva" not in by_theme
    by_county = text(client.get("/ideer/", {"fylke": "03"}))
    assert "Solceller på skoletak" in by_county and "Felles fryserom" not in by_county
    by_municipality = text(client.get("/ideer/", {"kommune": "4204"}))
    assert "Sykkelvei langs elva" in by_municipality and "Solceller på skoletak" not in by_municipality
    by_status = text(client.get("/ideer/", {"status": "videreutviklet"}))
    assert "Felles fryserom" in by_status and "Sykkelvei langs elva" not in by_status
    # Each option counts what it would show together with the other filters chosen.
    assert "Mat (1)" in by_municipality and "Transport og mobilitet (1)" in by_municipality
    assert "Energi (" not in by_municipality  # would show nothing here
    assert "Energi (1)" in by_county


def test_pages_keep_the_filters(client, owner):
    for n in range(23):
        make_idea(owner, title=f"Idé nummer {n}")
    page = client.get("/ideer/", {"tema": "transport"}).content.decode()
    assert re.search(r'href="\?tema=transport&amp;side=2"', page)
    second = text(client.get("/ideer/", {"tema": "transport", "side": "2"}))
    assert "Idé nummer 0" in second and "Idé nummer 22" not in second


@pytest.mark.parametrize(
    "query",
    [
        {"tema": "<script>alert(1)</script>"},
        {"tema": "finnes-ikke"},
        {"status": "DROP TABLE"},
        {"fylke": "9" * 40},
        {"kommune": "abcd"},
        {"side": "-1"},
        {"side": "99999999999999999999999"},
        {"side": "\x00"},
        {"tema": "x" * 10000},
    ],
)
def test_the_list_takes_any_query_without_failing(client, idea, query):
    response = client.get("/ideer/", query)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_list_query_count_does_not_grow_with_the_ideas(client, owner, commenter):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/ideer/", {"tema": "transport"}).status_code == 200
        return len(queries)

    first = make_idea(owner, title="Den første")
    comment_on(first, commenter, "Hei")
    few = count()
    for n in range(15):
        idea = make_idea(
            owner, title=f"Nummer {n}", municipality=municipality(["0301", "4601", "5001"][n % 3])
        )
        comment_on(idea, commenter, "Hei")
    assert count() == few
    assert few <= 10


# --- An idea --------------------------------------------------------------------------------------------


def test_an_idea_shows_its_text_place_owners_and_comments_but_no_addresses(client, idea, commenter, helper):
    offer = services.offer_help(idea=idea, user=helper, name="Hanne Hjelper", message="Ja")
    services.answer_offer(offer=offer, accept=True)
    comment_on(idea, commenter, "Første")
    comment_on(idea, helper, "Andre")

    response = client.get(idea.get_absolute_url())

    page = text(response)
    assert response.status_code == 200
    assert "Bygda har ti biler per tun." in page
    assert "Transport og mobilitet" in page and "Kristiansand" in page and "Agder" in page
    assert "Ida Eier" in page and "Hanne Hjelper" in page
    assert page.index("Første") < page.index("Andre")  # newest last
    for address in ("ida.eier@", "hanne.hjelper@", "kim.kommentar@"):
        assert address not in page
    assert "/accounts/login/code/?next=" in page  # anonymous: log in to comment


def test_an_old_or_missing_slug_redirects(client, idea):
    assert client.get(f"/ideer/{idea.pk}/").url == idea.get_absolute_url()
    response = client.get(f"/ideer/{idea.pk}-gammel-tittel/")
    assert (response.status_code, response.url) == (301, idea.get_absolute_url())


def test_norwegian_letters_are_spelt_out_in_the_address_and_the_old_one_redirects(client, idea):
    idea.title = "Grønn mobilitet i Bodø"
    idea.save(update_fields=["title"])

    old = client.get(f"/ideer/{idea.pk}-grnn-mobilitet-i-bod/")

    assert idea.get_absolute_url() == f"/ideer/{idea.pk}-gronn-mobilitet-i-bodo/"
    assert client.get(idea.get_absolute_url()).status_code == 200
    assert (old.status_code, old.url) == (301, idea.get_absolute_url())


def test_comments_are_plain_text_with_links(client, idea, commenter):
    comment_on(
        idea, commenter, '<script>alert("x")</script> <b>fet</b> Se https://example.org/deling?a=1&b=2'
    )

    page = client.get(idea.get_absolute_url()).content.decode()

    assert "<script>alert" not in page and "<b>fet</b>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;fet&lt;/b&gt;" in page
    assert '<a href="https://example.org/deling?a=1&amp;b=2" rel="nofollow">' in page


def test_a_hidden_comment_is_never_shown(client, idea, owner, commenter, moderator):
    hidden = comment_on(idea, commenter, HIDDEN_TEXT)
    services.moderate_comment(comment=hidden, action="hide", reason="Personangrep", moderator=moderator)

    for person in (None, owner, commenter, moderator):
        client.logout()
        if person:
            client.force_login(person)
        page = text(client.get(idea.get_absolute_url()))
        assert HIDDEN_TEXT not in page
        assert in_norwegian("A moderator has hidden this comment.") in page
    assert HIDDEN_TEXT not in text(client.get("/ideer/"))
    assert client.get(f"/ideer/kommentar/{hidden.pk}/rapporter/").status_code == 404


def test_drafts_are_seen_by_their_owners_and_moderators_only(client, draft, owner, commenter, moderator):
    url = draft.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(commenter)
    assert client.get(url).status_code == 404
    assert client.get(f"/ideer/{draft.pk}/eier/").status_code == 404
    client.force_login(owner)
    assert in_norwegian("Not published yet: only the owners and the moderators see this page.") in text(
        client.get(url)
    )
    client.force_login(moderator)
    assert client.get(url).status_code == 200


def test_a_hidden_idea_shows_its_owner_why(client, idea, owner, moderator):
    services.hide_idea(idea=idea, moderator=moderator, reason="Inneholder telefonnumre")
    assert client.get(idea.get_absolute_url()).status_code == 404
    client.force_login(owner)
    assert "Inneholder telefonnumre" in text(client.get(idea.get_absolute_url()))


@pytest.mark.parametrize(
    "path",
    [
        "/ideer/99999999999999999999/",
        "/ideer/99999999999999999999-x/",
        "/ideer/99999999999999999999/eier/",
        "/ideer/kommentar/99999999999999999999/rapporter/",
        "/ideer/moderering/kommentar/99999999999999999999/",
        "/ideer/varsler/ikke-en-nøkkel/",
        "/ideer/varsler/%00/",
    ],
)
def test_unknown_addresses_are_404(client, moderator, path):
    client.force_login(moderator)
    assert client.get(path).status_code == 404


# --- Comments --------------------------------------------------------------------------------------------


def test_a_logged_in_person_comments_and_the_owner_gets_a_mail(client, idea, commenter):
    client.force_login(commenter)
    response = client.post(
        f"/ideer/{idea.pk}/kommentar/", {"author_name": "Kim K.", "text": "Start med to biler."}
    )
    comment = Comment.objects.get()
    assert response.url == f"{idea.get_absolute_url()}#comment-{comment.pk}"
    assert (comment.author, comment.author_name, comment.text) == (commenter, "Kim K.", "Start med to biler.")
    assert OutboxMail.objects.get(template="idea_comment").to == "ida.eier@example.no"
    assert "Start med to biler." in text(client.get(idea.get_absolute_url()))


def test_commenting_needs_a_login(client, idea):
    response = client.post(f"/ideer/{idea.pk}/kommentar/", {"author_name": "Anon", "text": "Hei"})
    assert response.status_code == 302 and response.url.startswith("/accounts/login/code/?next=")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"author_name": "Kim", "text": ""}, "This field is required."),
        ({"author_name": "Kim", "text": "\x00\x01 \x07"}, "This field is required."),
        ({"author_name": "", "text": "Et godt forslag"}, "This field is required."),
        ({"author_name": "Kim", "text": "Langt forslag " * 400}, "4000 eller færre tegn (den har nå 5599)"),
    ],
)
def test_a_bad_comment_keeps_what_was_typed_and_says_why(client, idea, commenter, data, error):
    client.force_login(commenter)
    response = client.post(f"/ideer/{idea.pk}/kommentar/", data)
    page = text(response)
    assert response.status_code == 200
    assert in_norwegian(error) in page
    assert 'id="error-summary"' in page
    for value in data.values():
        if value.strip("\x00\x01\x07 "):
            assert value.strip()[:50] in page
    assert not Comment.objects.exists()


def test_no_comments_on_drafts_even_by_url(client, draft, commenter):
    client.force_login(commenter)
    assert (
        client.post(f"/ideer/{draft.pk}/kommentar/", {"author_name": "K", "text": "Hei"}).status_code == 404
    )
    assert not Comment.objects.exists()


def test_a_get_on_the_comment_address_leads_back_to_the_idea(client, idea, commenter):
    client.force_login(commenter)
    assert client.get(f"/ideer/{idea.pk}/kommentar/").url == f"{idea.get_absolute_url()}#comments"


# --- Offers ------------------------------------------------------------------------------------------------


def test_vil_bidra_sends_an_offer_once(client, idea, helper):
    client.force_login(helper)
    page = text(client.get(idea.get_absolute_url()))
    assert in_norwegian("I want to help") in page
    response = client.post(f"/ideer/{idea.pk}/vil-bidra/", {"name": "Hanne", "message": "Jeg kan bildeling."})
    assert response.status_code == 302
    offer = HelpOffer.objects.get()
    assert (offer.user, offer.name, offer.message, offer.status) == (
        helper,
        "Hanne",
        "Jeg kan bildeling.",
        OfferStatus.PENDING,
    )
    assert OutboxMail.objects.filter(template="idea_offer", to="ida.eier@example.no").count() == 1
    page = text(client.get(idea.get_absolute_url()))
    assert 'name="message"' not in page  # the form is gone; the page says the owner is asked
    client.post(f"/ideer/{idea.pk}/vil-bidra/", {"name": "Hanne", "message": "Igjen"})
    assert HelpOffer.objects.count() == 1


def test_a_bad_offer_keeps_what_was_typed(client, idea, helper):
    client.force_login(helper)
    response = client.post(f"/ideer/{idea.pk}/vil-bidra/", {"name": "Hanne Hjelper", "message": ""})
    page = text(response)
    assert in_norwegian("This field is required.") in page and 'value="Hanne Hjelper"' in page
    assert not HelpOffer.objects.exists()


def test_owners_do_not_offer_to_help_themselves(client, idea, owner):
    client.force_login(owner)
    client.post(f"/ideer/{idea.pk}/vil-bidra/", {"name": "Ida", "message": "Meg"})
    assert not HelpOffer.objects.exists()


# --- Reports ---------------------------------------------------------------------------------------------


def test_anyone_can_report_a_comment(client, idea, commenter):
    comment = comment_on(idea, commenter, "Kjøp billige klokker")
    url = f"/ideer/kommentar/{comment.pk}/rapporter/"
    page = text(client.get(url))
    assert "Kjøp billige klokker" in page and 'name="website"' in page

    response = client.post(url, {"reason": "Reklame", "website": ""})

    assert response.url == f"{idea.get_absolute_url()}#comment-{comment.pk}"
    report = CommentReport.objects.get()
    assert (report.comment, report.reason, report.reporter) == (comment, "Reklame", None)
    assert report.reporter_key.startswith("ip:") and "127.0.0.1" not in report.reporter_key


def test_a_filled_honeypot_stores_no_report(client, idea, commenter):
    comment = comment_on(idea, commenter, "Hei")
    response = client.post(f"/ideer/kommentar/{comment.pk}/rapporter/", {"reason": "", "website": "spam"})
    assert response.status_code == 400
    assert not CommentReport.objects.exists()


def test_too_many_reports_are_refused_politely(client, idea, commenter):
    comments = [comment_on(idea, commenter, f"Nr. {n}") for n in range(services.REPORTS_PER_HOUR + 1)]
    for comment in comments[:-1]:
        client.post(f"/ideer/kommentar/{comment.pk}/rapporter/", {"reason": "x", "website": ""})
    response = client.post(
        f"/ideer/kommentar/{comments[-1].pk}/rapporter/", {"reason": "Siste", "website": ""}
    )
    assert response.status_code == 429
    assert in_norwegian("You have sent many reports in a short time. Please try again in an hour.") in text(
        response
    )
    assert "Siste" in text(response)
    assert CommentReport.objects.count() == services.REPORTS_PER_HOUR


# --- The owners' page ------------------------------------------------------------------------------------


def test_the_owner_edits_the_idea(client, idea, owner):
    client.force_login(owner)
    page = text(client.get(f"/ideer/{idea.pk}/eier/"))
    assert "Delebiler for hele bygda" in page
    response = client.post(
        f"/ideer/{idea.pk}/eier/",
        {
            "title": "Delebiler for hele dalen",
            "text": "Nå med el-sykler.",
            "themes": [str(theme("energi").pk)],
            "municipality": "Oslo (0301)",
        },
    )
    assert response.url == f"/ideer/{idea.pk}/eier/"
    idea.refresh_from_db()
    assert (idea.title, idea.text, idea.municipality.number) == (
        "Delebiler for hele dalen",
        "Nå med el-sykler.",
        "0301",
    )
    assert [t.slug for t in idea.themes.all()] == ["energi"]


def test_an_empty_post_to_the_owners_page_shows_the_errors(client, idea, owner):
    client.force_login(owner)
    response = client.post(f"/ideer/{idea.pk}/eier/", {})
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"title": "", "text": "Ny tekst som skal bli værende"},
        {"title": "Ny tittel som skal bli værende", "text": "x", "municipality": "Atlantis"},
        {"title": "Ny tittel som skal bli værende", "text": "x", "themes": ["999999999999999999999"]},
        {"title": "Ny tittel som skal bli værende", "text": "x", "themes": ["<b>"]},
    ],
)
def test_a_bad_edit_keeps_what_was_typed(client, idea, owner, data):
    client.force_login(owner)
    response = client.post(f"/ideer/{idea.pk}/eier/", data)
    page = text(response)
    assert response.status_code == 200 and 'id="error-summary"' in page
    assert "som skal bli værende" in page
    idea.refresh_from_db()
    assert idea.title == "Delebiler for hele bygda"


def test_only_owners_reach_the_owners_page(client, idea, commenter, moderator):
    assert client.get(f"/ideer/{idea.pk}/eier/").status_code == 302  # log in first
    for person in (commenter, moderator):
        client.force_login(person)
        for suffix in ("", "status/", "publiser/", "eksempel/"):
            assert (
                client.post(f"/ideer/{idea.pk}/eier/{suffix}", {"status": "videreutviklet"}).status_code
                == 404
            )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.FOR_DEBATE and idea.example is None


def test_the_owner_publishes_a_draft_and_changes_the_status(client, draft, owner):
    client.force_login(owner)
    client.post(f"/ideer/{draft.pk}/eier/publiser/")
    draft.refresh_from_db()
    assert draft.visibility == IdeaVisibility.PUBLISHED
    client.post(f"/ideer/{draft.pk}/eier/status/", {"status": "videreutviklet"})
    draft.refresh_from_db()
    assert draft.status == IdeaStatus.DEVELOPED
    response = client.post(f"/ideer/{draft.pk}/eier/status/", {"status": "blitt-eksempel"})
    assert response.status_code == 200 and 'id="error-summary"' in response.content.decode()


def test_the_owner_accepts_a_helper_who_then_manages_too(client, idea, owner, helper):
    offer = services.offer_help(idea=idea, user=helper, name="Hanne Hjelper", message="Jeg kan kart")
    client.force_login(owner)
    page = text(client.get(f"/ideer/{idea.pk}/eier/"))
    assert "Jeg kan kart" in page and "hanne.hjelper@" not in page

    client.post(f"/ideer/{idea.pk}/eier/tilbud/{offer.pk}/", {"answer": "accept"})

    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert OutboxMail.objects.filter(template="idea_offer_answered", to="hanne.hjelper@example.no").exists()
    client.force_login(helper)
    assert client.get(f"/ideer/{idea.pk}/eier/").status_code == 200


def test_an_offer_is_answered_only_from_its_own_idea(client, idea, owner, helper):
    other = make_idea(UserFactory(name="Ola Annen"), title="En annen idé")
    offer = services.offer_help(idea=other, user=helper, name="Hanne", message="Ja")
    client.force_login(owner)
    assert client.post(f"/ideer/{idea.pk}/eier/tilbud/{offer.pk}/", {"answer": "accept"}).status_code == 404
    for offer_pk in ("999", "99999999999999999999"):
        response = client.post(f"/ideer/{idea.pk}/eier/tilbud/{offer_pk}/", {"answer": "accept"})
        assert response.status_code == 404
    own = services.offer_help(idea=idea, user=helper, name="Hanne", message="Ja")
    response = client.post(f"/ideer/{idea.pk}/eier/tilbud/{own.pk}/", {"answer": "nonsense"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == OfferStatus.PENDING
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_promotion_opens_the_draft_example(client, idea, owner):
    client.force_login(owner)
    response = client.post(f"/ideer/{idea.pk}/eier/eksempel/")
    example = Example.objects.get()
    assert response.url == example.get_absolute_url()
    assert client.get(example.get_absolute_url()).status_code == 200
    idea.refresh_from_db()
    assert idea.example == example and idea.status == IdeaStatus.BECAME_EXAMPLE
    page = text(client.get(idea.get_absolute_url()))
    assert example.get_absolute_url() in page
    # The public does not get a link to a draft it cannot open.
    client.logout()
    assert example.get_absolute_url() not in text(client.get(idea.get_absolute_url()))


# --- Mail opt-out ----------------------------------------------------------------------------------------


def test_the_link_in_a_mail_stops_and_restarts_the_mails(client, idea, owner, commenter):
    comment_on(idea, commenter, "Hei")
    body = OutboxMail.objects.get(template="idea_comment").body_text
    link = re.search(r"http://[^/]+(/ideer/varsler/[^\s]+/)", body)
    assert link is not None
    path = link.group(1)

    page = client.get(path)
    assert page.status_code == 200 and page["Cache-Control"] == "no-store, private"
    client.post(path, {"on": "0"})
    assert NotificationOptOut.objects.filter(idea=idea, user=owner).exists()
    assert in_norwegian("Send me the mails again") in text(client.get(path))
    client.post(path, {"on": "1"})
    assert not NotificationOptOut.objects.exists()


def test_a_tampered_token_is_404(client, idea, owner):
    token = services.opt_out_token(idea=idea, user=owner)
    assert client.get(f"/ideer/varsler/{token[:-2]}xx/").status_code == 404
    assert client.post(f"/ideer/varsler/{token[:-2]}xx/", {"on": "0"}).status_code == 404
    assert not NotificationOptOut.objects.exists()


# --- Moderation -------------------------------------------------------------------------------------------


def test_the_queue_lists_reported_comments_for_moderators(client, idea, commenter, moderator):
    comment = comment_on(idea, commenter, "Dumt forslag, dumme folk")
    services.report_comment(comment=comment, reporter=None, reporter_key="ip:a", reason="Hets")
    client.force_login(moderator)
    page = text(client.get("/ideer/moderering/"))
    assert "Dumt forslag, dumme folk" in page and "Hets" in page

    response = client.post(
        f"/ideer/moderering/kommentar/{comment.pk}/",
        {
            f"c{comment.pk}-action": "hide",
            f"c{comment.pk}-reason": "Personangrep",
            "next": "/ideer/moderering/",
        },
    )

    assert response.url == "/ideer/moderering/"
    comment.refresh_from_db()
    assert comment.is_hidden
    record = ModerationRecord.objects.get(comment=comment)
    assert (record.moderator, record.reason) == (moderator, "Personangrep")
    page = text(client.get("/ideer/moderering/"))
    assert in_norwegian("No reported comments are waiting.") in page and "Personangrep" in page


def test_a_decision_without_a_reason_keeps_the_choice_and_says_why(client, idea, commenter, moderator):
    comment = comment_on(idea, commenter, "Hei")
    client.force_login(moderator)
    response = client.post(
        f"/ideer/moderering/kommentar/{comment.pk}/",
        {f"c{comment.pk}-action": "hide", f"c{comment.pk}-reason": ""},
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'id="error-summary"' in page
    assert re.search(r'value="hide"[^>]*checked', page)
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_an_open_redirect_is_not_followed(client, idea, commenter, moderator):
    comment = comment_on(idea, commenter, "Hei")
    client.force_login(moderator)
    response = client.post(
        f"/ideer/moderering/kommentar/{comment.pk}/",
        {f"c{comment.pk}-action": "keep", f"c{comment.pk}-reason": "Ok", "next": "https://evil.example/"},
    )
    assert response.url == "/ideer/moderering/"


def test_people_who_are_not_moderators_do_not_moderate(client, idea, owner, commenter):
    comment = comment_on(idea, commenter, "Hei")
    assert client.get("/ideer/moderering/").status_code == 302
    for person in (owner, commenter, UserFactory(is_staff=True)):
        client.force_login(person)
        assert client.get("/ideer/moderering/").status_code == 404
        data = {f"c{comment.pk}-action": "hide", f"c{comment.pk}-reason": "Fordi"}
        assert client.post(f"/ideer/moderering/kommentar/{comment.pk}/", data).status_code == 404
        data = {"moderation-action": "hide", "moderation-reason": "Fordi"}
        assert client.post(f"/ideer/{idea.pk}/moderer/", data).status_code == 404
    comment.refresh_from_db()
    idea.refresh_from_db()
    assert not comment.is_hidden and idea.visibility == IdeaVisibility.PUBLISHED
    assert not ModerationRecord.objects.exclude(action="publish-idea").exists()


def test_superusers_and_the_permission_alone_also_moderate(client, idea, commenter):
    superuser = UserFactory(email="super@example.no", is_superuser=True, is_staff=True)
    client.force_login(superuser)
    assert client.get("/ideer/moderering/").status_code == 200
    single = UserFactory(email="enkelt@example.no")
    single.user_permissions.add(Permission.objects.get(codename="moderate_idea"))
    client.force_login(single)
    assert client.get("/ideer/moderering/").status_code == 200


def test_moderators_hide_and_publish_ideas_with_a_reason(client, idea, draft, moderator):
    client.force_login(moderator)
    response = client.post(
        f"/ideer/{idea.pk}/moderer/", {"moderation-action": "hide", "moderation-reason": ""}
    )
    assert response.status_code == 200 and in_norwegian("Write why the idea is hidden.") in text(response)
    client.post(f"/ideer/{idea.pk}/moderer/", {"moderation-action": "hide", "moderation-reason": "Reklame"})
    idea.refresh_from_db()
    assert idea.visibility == IdeaVisibility.HIDDEN
    client.post(f"/ideer/{draft.pk}/moderer/", {"moderation-action": "publish", "moderation-reason": ""})
    draft.refresh_from_db()
    assert draft.visibility == IdeaVisibility.PUBLISHED
    queue = text(client.get("/ideer/moderering/"))
    assert "Reklame" in queue and "Mona Moderator" in queue


def test_the_queue_query_count_does_not_grow_with_the_reports(client, idea, commenter, moderator):
    client.force_login(moderator)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/ideer/moderering/").status_code == 200
        return len(queries)

    def reported(n: int) -> None:
        for i in range(n):
            comment = comment_on(idea, commenter, f"Kommentar {i}")
            services.report_comment(comment=comment, reporter=None, reporter_key=f"ip:{i}", reason="Spam")
            services.report_comment(
                comment=comment, reporter=None, reporter_key=f"ip:x{i}", reason="Mer spam"
            )

    reported(1)
    few = count()
    reported(8)
    make_idea(commenter, title="Et utkast til", publish=False)
    assert count() == few


def test_the_idea_page_query_count_does_not_grow_with_the_comments(client, idea, commenter, helper):
    comment_on(idea, commenter, "En")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(idea.get_absolute_url()).status_code == 200
        return len(queries)

    few = count()
    offer = services.offer_help(idea=idea, user=helper, name="Hanne", message="Ja")
    services.answer_offer(offer=offer, accept=True)
    for n in range(10):
        comment_on(idea, commenter, f"Kommentar {n}")
    assert count() == few


# --- The programme --------------------------------------------------------------------------------------


def test_the_idea_links_to_where_it_is_debated_in_the_published_programme(client, edition):
    contribution = submit_contribution(edition, kind=Kind.UNFINISHED_IDEA, title="Bygdebussen")
    idea = contribution.idea
    assert idea is not None and idea.owner is not None
    services.publish_idea(idea=idea, by=idea.owner)
    room = Room.objects.create(edition=edition, name="Lille sal")
    item = ProgramItem.objects.create(
        edition=edition,
        title="Debatt: Bygdebussen",
        contribution=contribution,
        room=room,
        starts_at=local_time(edition, 0, 13),
        ends_at=local_time(edition, 0, 14),
    )
    assert "Debatt: Bygdebussen" not in text(client.get(idea.get_absolute_url()))  # not published yet

    publish_program(edition=edition, user=None)

    page = text(client.get(idea.get_absolute_url()))
    assert "Debatt: Bygdebussen" in page and "Lille sal" in page and "13:00" in page
    assert f'href="/{edition.slug}/program/{item.pk}/"' in page


def test_the_pages_are_there_in_english_too(client, idea):
    response = client.get(f"/en/ideer/{idea.pk}-{idea.slug}/")
    assert response.status_code == 200 and "0 comments" in text(response)
    assert Idea.objects.count() == 1


GARBAGE = [
    {},
    {"text": "\x00" * 10, "author_name": "\x00", "name": "\ufffe\u202e", "message": "x" * 100000},
    {
        "status": ["a", "b"],
        "answer": "\x00",
        "on": "2",
        "themes": ["-1", "1e9", "0x10"],
        "municipality": "0" * 300,
    },
    {
        "c1-action": "hide",
        "c1-reason": "x" * 5000,
        "moderation-action": "publish'--",
        "next": "//evil.example",
    },
]


@pytest.mark.parametrize("data", GARBAGE)
def test_no_post_anywhere_fails_on_garbage(client, idea, owner, commenter, moderator, data):
    comment = comment_on(idea, commenter, "Hei")
    offer = services.offer_help(idea=idea, user=commenter, name="Kim", message="Ja")
    token = services.opt_out_token(idea=idea, user=owner)
    paths = [
        f"/ideer/{idea.pk}/kommentar/",
        f"/ideer/{idea.pk}/vil-bidra/",
        f"/ideer/kommentar/{comment.pk}/rapporter/",
        f"/ideer/{idea.pk}/eier/",
        f"/ideer/{idea.pk}/eier/status/",
        f"/ideer/{idea.pk}/eier/tilbud/{offer.pk}/",
        f"/ideer/{idea.pk}/moderer/",
        f"/ideer/moderering/kommentar/{comment.pk}/",
        f"/ideer/varsler/{token}/",
    ]
    for person in (None, commenter, owner, moderator):
        client.logout()
        if person:
            client.force_login(person)
        for path in paths:
            assert client.post(path, data).status_code < 500, (person, path)
