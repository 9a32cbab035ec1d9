"""Every change to ideas: publishing, editing, comments, offers to help, moderation, promotion.

Mails to the owners (new comments, offers) are outbox rows written in the same transaction, one per
person, each with a link that stops mails about that idea for that person.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from gronnpraksis.accounts.models import User
from gronnpraksis.editions.models import Theme
from gronnpraksis.examples.models import Example
from gronnpraksis.examples.services import create_draft_example
from gronnpraksis.mail.services import enqueue_mail
from gronnpraksis.places.models import Municipality

from .models import (
    Comment,
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
from .permissions import is_moderator, is_owner

OPT_OUT_SALT = "ideas.notifications"
REPORTS_PER_HOUR = 10


class IdeaError(Exception):
    """A change that is not allowed; the message is for the person who tried."""


def create_draft_idea(
    *,
    title: str,
    text: str,
    owner: User | None,
    owner_name: str,
    municipality: Municipality | None,
    themes: Iterable[Theme],
) -> Idea:
    """Create a draft idea; it is published for debate later. Writes one row and its theme links."""
    idea = Idea.objects.create(
        title=title,
        text=text,
        owner=owner,
        owner_name=owner_name,
        municipality=municipality,
        visibility=IdeaVisibility.DRAFT,
    )
    idea.themes.set(themes)
    return idea


# --- The owners' changes --------------------------------------------------------------------------


@transaction.atomic
def publish_idea(*, idea: Idea, by: User) -> Idea:
    """Make the idea public (by an owner, or a moderator: also a hidden one). Writes the idea and a
    moderation record. Owners cannot publish an idea a moderator has hidden."""
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    if locked.visibility == IdeaVisibility.PUBLISHED:
        return _refreshed(idea)
    if locked.visibility == IdeaVisibility.HIDDEN and not is_moderator(by):
        raise IdeaError(_("A moderator has hidden this idea; only a moderator can publish it again."))
    locked.visibility = IdeaVisibility.PUBLISHED
    locked.published_at = locked.published_at or timezone.now()
    locked.save(update_fields=["visibility", "published_at", "updated_at"])
    _record(ModerationAction.PUBLISH_IDEA, idea=locked, by=by, reason="")
    return _refreshed(idea)


def _refreshed(idea: Idea) -> Idea:
    """The caller's idea with the fields a locked copy changed, so no stale copy lives on."""
    idea.refresh_from_db(fields=["visibility", "published_at", "status", "example", "updated_at"])
    return idea


@transaction.atomic
def update_idea(
    *, idea: Idea, title: str, text: str, themes: Iterable[Theme], municipality: Municipality | None
) -> Idea:
    """An owner's changes to the text, themes and place. Writes the idea and its theme links."""
    idea.title = title
    idea.text = text
    idea.municipality = municipality
    idea.save(update_fields=["title", "text", "municipality", "updated_at"])
    idea.themes.set(themes)
    return idea


def set_status(*, idea: Idea, status: str) -> Idea:
    """Move the idea between "for debate" and "developed further". "Became a practice example" is
    set by promotion only, and is final. Writes the idea."""
    if idea.example_id is not None or idea.status == IdeaStatus.BECAME_EXAMPLE:
        raise IdeaError(_("The idea has become a practice example; its status no longer changes."))
    if status not in {IdeaStatus.FOR_DEBATE, IdeaStatus.DEVELOPED}:
        raise IdeaError(_("An idea becomes a practice example by being promoted to one."))
    idea.status = status
    idea.save(update_fields=["status", "updated_at"])
    return idea


@transaction.atomic
def promote_to_example(*, idea: Idea, by: User) -> Example:
    """Turn the idea into a draft practice example, filled in from the idea (title, text, place,
    themes, and the organisation and goals of the contribution it came with). The idea links to the
    example (`example.idea` from the other side) and gets the status "became a practice example".
    A second promotion returns the same example. Writes the example and its links, and the idea."""
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    if locked.example_id is not None:
        _refreshed(idea)
        return Example.objects.get(pk=locked.example_id)
    contribution = locked.contributions.select_related("organisation").order_by("created_at").first()
    example = create_draft_example(
        title=locked.title,
        summary=Truncator(" ".join(locked.text.split())).chars(300),
        what_was_done=locked.text,
        owner_name=locked.owner_name,
        owner_organisation=contribution.organisation if contribution else None,
        municipalities=[locked.municipality] if locked.municipality else [],
        themes=locked.themes.all(),
        goals=contribution.goals.all() if contribution else [],
        contact_name=by.name or locked.owner_name,
        contact_email=by.email,
        created_by=by,
    )
    locked.example = example
    locked.status = IdeaStatus.BECAME_EXAMPLE
    locked.save(update_fields=["example", "status", "updated_at"])
    _refreshed(idea)
    return example


# --- Comments and offers ------------------------------------------------------------------------------


@transaction.atomic
def add_comment(*, idea: Idea, author: User, author_name: str, text: str) -> Comment:
    """A logged-in person's suggestion on a published idea. Writes the comment and one mail to each
    owner and co-owner other than the author who has not stopped mails about the idea."""
    if idea.visibility != IdeaVisibility.PUBLISHED:
        raise IdeaError(_("Only published ideas can be commented on."))
    comment = Comment.objects.create(idea=idea, author=author, author_name=author_name, text=text)
    for person in recipients(idea, leave_out=author):
        _notify(person, idea, "idea_comment", {"comment": comment})
    return comment


@transaction.atomic
def offer_help(*, idea: Idea, user: User, name: str, message: str, language: str = "nb") -> HelpOffer:
    """ "Vil bidra": offer to help develop a published idea, once per person and idea. Writes the offer
    and one mail to each owner and co-owner who has not stopped mails about the idea."""
    if idea.visibility != IdeaVisibility.PUBLISHED:
        raise IdeaError(_("Only published ideas take offers to help."))
    if is_owner(user, idea):
        raise IdeaError(_("You are already one of the owners of this idea."))
    try:
        with transaction.atomic():
            offer = HelpOffer.objects.create(
                idea=idea, user=user, name=name, message=message, language=language
            )
    except IntegrityError:
        raise IdeaError(_("You have already offered to help with this idea.")) from None
    for person in recipients(idea, leave_out=user):
        _notify(person, idea, "idea_offer", {"offer": offer})
    return offer


@transaction.atomic
def answer_offer(*, offer: HelpOffer, accept: bool) -> HelpOffer:
    """An owner accepts (the person becomes a co-owner) or declines an offer. Writes the offer and a
    mail to the person who offered."""
    offer = HelpOffer.objects.select_for_update().select_related("idea", "user").get(pk=offer.pk)
    if offer.status != OfferStatus.PENDING:
        raise IdeaError(_("This offer has already been answered."))
    offer.status = OfferStatus.ACCEPTED if accept else OfferStatus.DECLINED
    offer.answered_at = timezone.now()
    offer.save(update_fields=["status", "answered_at"])
    helper = Recipient(user=offer.user, name=offer.name, language=offer.language)
    _notify(helper, offer.idea, "idea_offer_answered", {"offer": offer, "accepted": accept})
    return offer


# --- Notifications -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    user: User
    name: str
    language: str


def recipients(idea: Idea, *, leave_out: User | None = None) -> list[Recipient]:
    """The owner and the co-owners who get mails about the idea: not `leave_out`, not those who
    stopped them."""
    stopped = set(NotificationOptOut.objects.filter(idea=idea).values_list("user_id", flat=True))
    people: list[Recipient] = []
    if idea.owner is not None:
        people.append(Recipient(idea.owner, idea.owner_name, _owner_language(idea)))
    for offer in idea.offers.filter(status=OfferStatus.ACCEPTED).select_related("user"):
        people.append(Recipient(offer.user, offer.name, offer.language))
    seen: set[int] = set()
    result = []
    for person in people:
        if person.user.pk in seen or person.user.pk in stopped:
            continue
        if leave_out is not None and person.user.pk == leave_out.pk:
            continue
        seen.add(person.user.pk)
        result.append(person)
    return result


def _owner_language(idea: Idea) -> str:
    """The language the owner wrote the idea's contribution in; bokmål without one."""
    language = idea.contributions.order_by("created_at").values_list("language", flat=True).first()
    return language or "nb"


def _notify(person: Recipient, idea: Idea, template: str, context: dict) -> None:
    enqueue_mail(
        to=person.user.email,
        template=template,
        language=person.language,
        context={
            "idea": idea,
            "name": person.name,
            "opt_out_token": opt_out_token(idea=idea, user=person.user),
            **context,
        },
    )


def opt_out_token(*, idea: Idea, user: User) -> str:
    """The signed token in a mail's "stop mails about this idea" link: this person, this idea."""
    return signing.dumps([idea.pk, user.pk], salt=OPT_OUT_SALT, compress=True)


def read_opt_out_token(token: str) -> tuple[int, int] | None:
    """(idea id, user id) from a token made by `opt_out_token`, or None for anything else."""
    try:
        value = signing.loads(token, salt=OPT_OUT_SALT)
    except signing.BadSignature:
        return None
    if (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return value[0], value[1]
    return None


def set_notifications(*, idea: Idea, user: User, on: bool) -> None:
    """Stop or resume mails about the idea for this person. Writes or deletes one row."""
    if on:
        NotificationOptOut.objects.filter(idea=idea, user=user).delete()
    else:
        NotificationOptOut.objects.get_or_create(idea=idea, user=user)


# --- Reports and moderation ---------------------------------------------------------------------------


def report_comment(*, comment: Comment, reporter: User | None, reporter_key: str, reason: str) -> bool:
    """Someone reports a comment to the moderators. Once per person and comment (a repeat changes
    nothing), at most REPORTS_PER_HOUR per person. Returns whether a new report was written."""
    since = timezone.now() - datetime.timedelta(hours=1)
    if CommentReport.objects.filter(comment=comment, reporter_key=reporter_key).exists():
        return False
    if CommentReport.objects.filter(reporter_key=reporter_key, created_at__gte=since).count() >= (
        REPORTS_PER_HOUR
    ):
        raise IdeaError(_("You have sent many reports in a short time. Please try again in an hour."))
    try:
        with transaction.atomic():
            CommentReport.objects.create(
                comment=comment, reporter=reporter, reporter_key=reporter_key, reason=reason
            )
    except IntegrityError:
        return False  # the same person, twice at once
    return True


COMMENT_ACTIONS = {
    "hide": ModerationAction.HIDE_COMMENT,
    "restore": ModerationAction.RESTORE_COMMENT,
    "keep": ModerationAction.KEEP_COMMENT,
}


@transaction.atomic
def moderate_comment(*, comment: Comment, action: str, reason: str, moderator: User) -> Comment:
    """Hide a comment, show a hidden one again, or keep a reported one. The reason is required. Every
    open report of the comment is closed. Writes the comment, its reports and a moderation record."""
    if action not in COMMENT_ACTIONS:
        raise IdeaError(_("Choose what to do with the comment."))
    if not reason.strip():
        raise IdeaError(_("Write why: the reason is kept with the decision."))
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    comment.is_hidden = action == "hide" or (comment.is_hidden and action == "keep")
    comment.save(update_fields=["is_hidden"])
    comment.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now())
    _record(COMMENT_ACTIONS[action], idea=comment.idea, comment=comment, by=moderator, reason=reason)
    return comment


@transaction.atomic
def hide_idea(*, idea: Idea, moderator: User, reason: str) -> Idea:
    """A moderator takes an idea off the public pages; its owners still see it, with the reason.
    Writes the idea and a moderation record."""
    if not reason.strip():
        raise IdeaError(_("Write why: the reason is kept with the decision."))
    locked = Idea.objects.select_for_update().get(pk=idea.pk)
    locked.visibility = IdeaVisibility.HIDDEN
    locked.save(update_fields=["visibility", "updated_at"])
    _record(ModerationAction.HIDE_IDEA, idea=locked, by=moderator, reason=reason)
    return _refreshed(idea)


def _record(action: str, *, idea: Idea, by: User, reason: str, comment: Comment | None = None) -> None:
    ModerationRecord.objects.create(
        action=action,
        idea=idea,
        comment=comment,
        moderator=by,
        moderator_name=by.name or by.email,
        reason=reason,
    )
