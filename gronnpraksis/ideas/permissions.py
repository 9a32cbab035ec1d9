"""Who may see and do what with ideas. Every object lookup in the views goes through here.

- Published ideas are public; drafts and hidden ideas only for their owners and the moderators.
- Owners are the idea's owner and its co-owners (people whose offer to help was accepted). They edit
  the idea, publish it, change its status, answer offers and promote it to a practice example.
- Moderators (the permission `ideas.moderate_idea`: the group "Moderatorer", and superusers) publish and
  hide ideas and hide or restore comments. They do not edit an idea's text.
- Logged-in people comment on and offer to help with published ideas.

A page a person may not see is a 404, whether or not it exists.
"""

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from gronnpraksis.accounts.services import is_proven
from gronnpraksis.core.typing import AnyUser

from .models import Comment, HelpOffer, Idea, IdeaVisibility, OfferStatus

MODERATE = "ideas.moderate_idea"


def is_moderator(user: AnyUser) -> bool:
    """The permission (group "Moderatorer", superusers); a moderator who is not staff must have
    proven the account's address (the role was given to an address)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm(MODERATE)
        and (user.is_staff or is_proven(user))
    )


def co_owner_ids(idea: Idea) -> set[int]:
    """The accounts of the co-owners. Uses `idea.offers` as prefetched when it is."""
    return {offer.user_id for offer in idea.offers.all() if offer.status == OfferStatus.ACCEPTED}


def is_owner(user: AnyUser, idea: Idea) -> bool:
    """The idea's owner or one of its co-owners."""
    if not user.is_authenticated:
        return False
    return idea.owner_id == user.pk or user.pk in co_owner_ids(idea)


def can_view_idea(user: AnyUser, idea: Idea) -> bool:
    if idea.visibility == IdeaVisibility.PUBLISHED:
        return True
    return is_owner(user, idea) or is_moderator(user)


def can_manage_idea(user: AnyUser, idea: Idea) -> bool:
    return is_owner(user, idea)


def can_comment(user: AnyUser, idea: Idea) -> bool:
    return bool(user.is_authenticated) and idea.visibility == IdeaVisibility.PUBLISHED


def can_offer_help(user: AnyUser, idea: Idea) -> bool:
    """Logged in, the idea is published, not one of its owners, and no offer made before."""
    if not can_comment(user, idea) or is_owner(user, idea):
        return False
    return not any(offer.user_id == user.pk for offer in idea.offers.all())


def _ideas() -> QuerySet[Idea]:
    offers = HelpOffer.objects.select_related("user").order_by("created_at", "id")
    return Idea.objects.select_related("municipality__county", "example", "owner").prefetch_related(
        "themes", Prefetch("offers", queryset=offers)
    )


def get_idea_for_user(request: HttpRequest, pk: int) -> Idea:
    """The idea if the visitor may see it; 404 otherwise."""
    idea = get_object_or_404(_ideas(), pk=pk)
    if not can_view_idea(request.user, idea):
        raise Http404
    return idea


def get_managed_idea_for_user(request: HttpRequest, pk: int) -> Idea:
    """The idea if the logged-in person is one of its owners; 404 otherwise."""
    idea = get_idea_for_user(request, pk)
    if not can_manage_idea(request.user, idea):
        raise Http404
    return idea


def get_comment_for_user(request: HttpRequest, pk: int) -> Comment:
    """A comment the visitor can see (and so report): visible, on an idea they may see; 404 otherwise."""
    comment = get_object_or_404(Comment.objects.select_related("idea"), pk=pk)
    if comment.is_hidden or not can_view_idea(request.user, comment.idea):
        raise Http404
    return comment


def get_comment_for_moderator(request: HttpRequest, pk: int) -> Comment:
    if not is_moderator(request.user):
        raise Http404
    return get_object_or_404(Comment.objects.select_related("idea"), pk=pk)


def check_moderator(request: HttpRequest) -> None:
    if not is_moderator(request.user):
        raise Http404
