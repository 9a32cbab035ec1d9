"""The ideas services: publishing, comments and offers with their mails, opt-out, reports and their
limit, moderation records, and promotion to a practice example."""

import datetime

import pytest
from django.core import signing
from django.utils import timezone

from gronnpraksis.contributions.models import Kind
from gronnpraksis.examples.models import Example, ModerationState
from gronnpraksis.ideas import services
from gronnpraksis.ideas.models import (
    CommentReport,
    HelpOffer,
    Idea,
    IdeaStatus,
    IdeaVisibility,
    ModerationAction,
    ModerationRecord,
    NotificationOptOut,
    OfferStatus,
)
from gronnpraksis.mail.models import OutboxMail
from tests.factories import UserFactory, make_idea, municipality, submit_contribution, theme


def mails(template: str) -> list[OutboxMail]:
    return list(OutboxMail.objects.filter(template=template).order_by("id"))


def test_an_idea_starts_as_a_draft_and_its_owner_publishes_it(owner):
    idea = make_idea(owner, publish=False)
    assert idea.visibility == IdeaVisibility.DRAFT
    assert list(Idea.objects.published()) == []

    services.publish_idea(idea=idea, by=owner)

    idea.refresh_from_db()
    assert idea.visibility == IdeaVisibility.PUBLISHED
    assert idea.published_at is not None
    assert list(Idea.objects.published()) == [idea]
    record = ModerationRecord.objects.get()
    assert (record.action, record.moderator, record.moderator_name) == (
        ModerationAction.PUBLISH_IDEA,
        owner,
        "Ida Eier",
    )


def test_an_owner_cannot_publish_what_a_moderator_hid(idea, owner, moderator):
    services.hide_idea(idea=idea, moderator=moderator, reason="Personopplysninger i teksten")
    with pytest.raises(services.IdeaError):
        services.publish_idea(idea=idea, by=owner)
    services.publish_idea(idea=idea, by=moderator)
    idea.refresh_from_db()
    assert idea.visibility == IdeaVisibility.PUBLISHED
    assert [r.action for r in ModerationRecord.objects.order_by("id")] == [
        ModerationAction.PUBLISH_IDEA,
        ModerationAction.HIDE_IDEA,
        ModerationAction.PUBLISH_IDEA,
    ]


def test_hiding_an_idea_needs_a_reason(idea, moderator):
    with pytest.raises(services.IdeaError):
        services.hide_idea(idea=idea, moderator=moderator, reason="  ")
    idea.refresh_from_db()
    assert idea.visibility == IdeaVisibility.PUBLISHED


def test_a_contribution_of_the_kind_unfinished_idea_makes_a_draft_idea_owned_by_the_contributor(edition):
    contribution = submit_contribution(edition, kind=Kind.UNFINISHED_IDEA, title="Solceller på låven")
    idea = contribution.idea
    assert idea is not None
    assert (idea.title, idea.visibility, idea.owner_name) == (
        "Solceller på låven",
        IdeaVisibility.DRAFT,
        "Kari Nordmann",
    )
    assert idea.owner is not None and idea.owner.email == "kari.nordmann@example.no"


def test_a_comment_mails_the_owner_and_co_owners_but_not_the_author(idea, owner, commenter, helper):
    offer = services.offer_help(idea=idea, user=helper, name="Hanne Hjelper", message="Jeg kan kart.")
    services.answer_offer(offer=offer, accept=True)
    OutboxMail.objects.all().delete()

    comment = services.add_comment(idea=idea, author=commenter, author_name="Kim", text="Prøv med elsykler!")

    assert comment.idea == idea and not comment.is_hidden
    sent = mails("idea_comment")
    assert sorted(m.to for m in sent) == ["hanne.hjelper@example.no", "ida.eier@example.no"]
    body = sent[0].body_text
    assert "Prøv med elsykler!" in body
    assert f"/ideer/{idea.pk}-delebiler-for-hele-bygda/#comment-{comment.pk}" in body
    assert "/ideer/varsler/" in body  # every mail can stop the next ones

    services.add_comment(idea=idea, author=owner, author_name="Ida Eier", text="Takk!")
    assert [m.to for m in mails("idea_comment")[2:]] == ["hanne.hjelper@example.no"]


def test_comments_only_on_published_ideas(draft, commenter):
    with pytest.raises(services.IdeaError):
        services.add_comment(idea=draft, author=commenter, author_name="Kim", text="Hei")
    assert not draft.comments.exists()


def test_the_opt_out_link_stops_mails_for_that_person_and_idea_only(idea, owner, commenter):
    other = make_idea(owner, title="Gatelys som slukker seg selv")
    token = services.opt_out_token(idea=idea, user=owner)
    assert services.read_opt_out_token(token) == (idea.pk, owner.pk)

    services.set_notifications(idea=idea, user=owner, on=False)
    services.set_notifications(idea=idea, user=owner, on=False)  # twice is the same as once
    services.add_comment(idea=idea, author=commenter, author_name="Kim", text="En")
    services.add_comment(idea=other, author=commenter, author_name="Kim", text="To")
    [mail] = mails("idea_comment")
    assert f"/ideer/{other.pk}-" in mail.body_text

    services.set_notifications(idea=idea, user=owner, on=True)
    services.add_comment(idea=idea, author=commenter, author_name="Kim", text="Tre")
    assert len(mails("idea_comment")) == 2
    assert not NotificationOptOut.objects.exists()


@pytest.mark.parametrize(
    "token",
    [
        "",
        "nonsense",
        "x" * 500,
        signing.dumps([1, 2], salt="another.salt"),
        signing.dumps("1", salt="ideas.notifications"),
    ],
)
def test_a_token_that_was_not_made_here_reads_as_nothing(token):
    assert services.read_opt_out_token(token) is None


def test_an_offer_mails_the_owners_and_accepting_makes_a_co_owner(idea, helper):
    offer = services.offer_help(idea=idea, user=helper, name="Hanne", message="Jeg har drevet bildeling.")

    assert offer.status == OfferStatus.PENDING
    [mail] = mails("idea_offer")
    assert mail.to == "ida.eier@example.no"
    assert "Jeg har drevet bildeling." in mail.body_text
    assert f"/ideer/{idea.pk}/eier/" in mail.body_text

    services.answer_offer(offer=offer, accept=True)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED and offer.answered_at is not None
    [answer] = mails("idea_offer_answered")
    assert answer.to == "hanne.hjelper@example.no"
    with pytest.raises(services.IdeaError):
        services.answer_offer(offer=offer, accept=False)  # answered once


def test_one_offer_per_person_and_none_from_owners(idea, owner, helper):
    services.offer_help(idea=idea, user=helper, name="Hanne", message="Ja")
    with pytest.raises(services.IdeaError):
        services.offer_help(idea=idea, user=helper, name="Hanne", message="Ja igjen")
    with pytest.raises(services.IdeaError):
        services.offer_help(idea=idea, user=owner, name="Ida", message="Meg selv")
    assert HelpOffer.objects.count() == 1
    assert len(mails("idea_offer")) == 1


def test_declining_tells_the_helper_without_making_a_co_owner(idea, helper, commenter):
    offer = services.offer_help(idea=idea, user=helper, name="Hanne", message="Ja")
    services.answer_offer(offer=offer, accept=False)
    services.add_comment(idea=idea, author=commenter, author_name="Kim", text="Hei")
    assert [m.to for m in mails("idea_comment")] == ["ida.eier@example.no"]
    [answer] = mails("idea_offer_answered")
    assert answer.to == "hanne.hjelper@example.no"
    assert "/ideer/varsler/" not in answer.body_text  # not a co-owner: no mails to stop


def test_status_moves_between_debate_and_developed_but_not_to_example_by_hand(idea):
    services.set_status(idea=idea, status=IdeaStatus.DEVELOPED)
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.DEVELOPED
    with pytest.raises(services.IdeaError):
        services.set_status(idea=idea, status=IdeaStatus.BECAME_EXAMPLE)
    services.set_status(idea=idea, status=IdeaStatus.FOR_DEBATE)
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.FOR_DEBATE


def test_promotion_makes_a_draft_example_from_the_idea_linked_both_ways(edition, owner):
    contribution = submit_contribution(
        edition,
        kind=Kind.UNFINISHED_IDEA,
        title="Matsvinn til matglede",
        description="Skolekjøkken lager middag av overskuddsmat.",
        themes=[theme("mat"), theme("sirkularokonomi")],
        municipality=municipality("0301"),
        organisation_name="Oslo kommune",
    )
    idea = contribution.idea
    assert idea is not None and idea.owner is not None
    person = idea.owner

    example = services.promote_to_example(idea=idea, by=person)

    idea.refresh_from_db()
    assert idea.example == example and example.idea == idea
    assert idea.status == IdeaStatus.BECAME_EXAMPLE
    assert example.state == ModerationState.DRAFT
    assert (example.title, example.summary, example.what_was_done, example.owner_name) == (
        "Matsvinn til matglede",
        "Skolekjøkken lager middag av overskuddsmat.",
        "Skolekjøkken lager middag av overskuddsmat.",
        "Kari Nordmann",
    )
    assert example.created_by == person and example.contact_email == "kari.nordmann@example.no"
    assert {t.slug for t in example.themes.all()} == {"mat", "sirkularokonomi"}
    assert [m.number for m in example.municipalities.all()] == ["0301"]
    assert example.owner_organisation is not None and example.owner_organisation.name == "Oslo kommune"

    assert services.promote_to_example(idea=idea, by=person) == example  # a double submit
    assert Example.objects.filter(title="Matsvinn til matglede").count() == 1
    with pytest.raises(services.IdeaError):
        services.set_status(idea=idea, status=IdeaStatus.DEVELOPED)


def test_a_long_idea_gives_a_summary_within_the_banks_limit(owner):
    idea = make_idea(owner, text="Ord " * 400)
    example = services.promote_to_example(idea=idea, by=owner)
    assert len(example.summary) <= 300 and example.summary.endswith("…")
    assert example.what_was_done == idea.text


def test_a_report_counts_once_per_person(idea, commenter):
    comment = services.add_comment(idea=idea, author=commenter, author_name="Kim", text="Kjøp billig!!")
    assert services.report_comment(comment=comment, reporter=None, reporter_key="ip:abc", reason="Spam")
    assert not services.report_comment(comment=comment, reporter=None, reporter_key="ip:abc", reason="Igjen")
    assert services.report_comment(comment=comment, reporter=commenter, reporter_key="u:1", reason="")
    assert CommentReport.objects.filter(comment=comment).count() == 2


def test_reports_are_limited_per_person_and_hour(idea, commenter):
    comments = [
        services.add_comment(idea=idea, author=commenter, author_name="Kim", text=f"Nr. {n}")
        for n in range(services.REPORTS_PER_HOUR + 1)
    ]
    for comment in comments[:-1]:
        services.report_comment(comment=comment, reporter=None, reporter_key="ip:flom", reason="")
    with pytest.raises(services.IdeaError):
        services.report_comment(comment=comments[-1], reporter=None, reporter_key="ip:flom", reason="")
    assert services.report_comment(comment=comments[-1], reporter=None, reporter_key="ip:annen", reason="")

    CommentReport.objects.filter(reporter_key="ip:flom").update(
        created_at=timezone.now() - datetime.timedelta(hours=2)
    )
    assert services.report_comment(comment=comments[-1], reporter=None, reporter_key="ip:flom", reason="")


def test_hiding_a_comment_records_who_when_why_and_closes_its_reports(idea, commenter, moderator):
    comment = services.add_comment(idea=idea, author=commenter, author_name="Kim", text="Fornærmende")
    services.report_comment(comment=comment, reporter=None, reporter_key="ip:a", reason="Stygt")

    services.moderate_comment(comment=comment, action="hide", reason="Personangrep", moderator=moderator)

    comment.refresh_from_db()
    assert comment.is_hidden
    assert not CommentReport.objects.filter(resolved_at__isnull=True).exists()
    record = ModerationRecord.objects.get(comment=comment)
    assert (record.action, record.moderator, record.reason) == (
        ModerationAction.HIDE_COMMENT,
        moderator,
        "Personangrep",
    )
    assert record.created_at is not None

    services.moderate_comment(comment=comment, action="restore", reason="Misforstått", moderator=moderator)
    comment.refresh_from_db()
    assert not comment.is_hidden
    services.moderate_comment(comment=comment, action="keep", reason="Innenfor", moderator=moderator)
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert ModerationRecord.objects.filter(comment=comment).count() == 3


@pytest.mark.parametrize(("action", "reason"), [("hide", ""), ("hide", "   "), ("delete", "Fordi")])
def test_moderation_needs_a_known_decision_and_a_reason(idea, commenter, moderator, action, reason):
    comment = services.add_comment(idea=idea, author=commenter, author_name="Kim", text="Hei")
    with pytest.raises(services.IdeaError):
        services.moderate_comment(comment=comment, action=action, reason=reason, moderator=moderator)
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert not ModerationRecord.objects.filter(comment=comment).exists()


def test_the_owners_mail_language_follows_their_contribution(edition):
    contribution = submit_contribution(edition, kind=Kind.UNFINISHED_IDEA, title="Grønne tak")
    contribution.language = "en"
    contribution.save(update_fields=["language"])
    idea = contribution.idea
    assert idea is not None and idea.owner is not None
    services.publish_idea(idea=idea, by=idea.owner)
    services.add_comment(idea=idea, author=UserFactory(), author_name="Ola", text="Bra!")
    [mail] = mails("idea_comment")
    assert mail.subject == "New comment on “Grønne tak”"
