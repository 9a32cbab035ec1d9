"""Scripted floods of comments and offers to help: 25 comments in 2 s sent the owner 25 mails. Over the
limit a comment or offer is refused with 429, kept as typed, and neither stored nor mailed."""

import pytest

from gronnpraksis.ideas.models import Comment, HelpOffer
from gronnpraksis.mail.models import OutboxMail
from tests.factories import UserFactory, make_idea
from tests.ratelimits import assert_refused

pytestmark = pytest.mark.django_db


def test_a_comment_flood_is_cut_off_and_the_owner_gets_no_more_mail(client, idea, commenter, rate_limits):
    rate_limits(comment="5/h/email")
    client.force_login(commenter)
    url = f"/ideer/{idea.pk}/kommentar/"

    statuses = [
        client.post(url, {"author_name": "Kim", "text": f"Kommentar {n}"}).status_code for n in range(25)
    ]

    assert statuses == [302] * 5 + [429] * 20
    assert Comment.objects.count() == 5
    assert OutboxMail.objects.filter(template="idea_comment").count() == 5


def test_a_refused_comment_keeps_what_was_typed(client, idea, commenter, rate_limits):
    rate_limits(comment="1/h/ip")
    client.force_login(commenter)
    client.post(f"/ideer/{idea.pk}/kommentar/", {"author_name": "Kim", "text": "Første"})

    response = client.post(
        f"/ideer/{idea.pk}/kommentar/", {"author_name": "Kim K.", "text": "Andre kommentar"}
    )

    assert_refused(response, "Kim K.", "Andre kommentar")
    assert list(Comment.objects.values_list("text", flat=True)) == ["Første"]


def test_many_accounts_from_one_client_address_are_limited_together(client, idea, rate_limits):
    rate_limits(comment="2/h/ip")
    statuses = []
    for number in range(3):
        client.force_login(UserFactory(email=f"konto{number}@example.no"))
        statuses.append(
            client.post(f"/ideer/{idea.pk}/kommentar/", {"author_name": "K", "text": "Hei"}).status_code
        )

    assert statuses == [302, 302, 429]
    assert Comment.objects.count() == 2


def test_offers_to_help_over_the_limit_are_refused_and_not_mailed(client, owner, helper, rate_limits):
    rate_limits(help_offer="2/h/email")
    ideas = [make_idea(owner, title=f"Idé nummer {n}") for n in range(3)]
    client.force_login(helper)
    for idea in ideas[:2]:
        assert (
            client.post(f"/ideer/{idea.pk}/vil-bidra/", {"name": "Hanne", "message": "Jeg kan"}).status_code
            == 302
        )

    response = client.post(f"/ideer/{ideas[2].pk}/vil-bidra/", {"name": "Hanne H.", "message": "Jeg kan mer"})

    assert_refused(response, "Hanne H.", "Jeg kan mer")
    assert HelpOffer.objects.count() == 2
    assert OutboxMail.objects.filter(template="idea_offer").count() == 2
