from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from gronnpraksis.accounts.services import is_proven
from gronnpraksis.core.typing import AnyUser
from gronnpraksis.editions.models import NetworkMember, NetworkRole

from .models import Example, ModerationState

MODERATE = "examples.moderate_example"


def can_moderate_examples(user: AnyUser) -> bool:
    """Moderators: the group "Moderatorer" (and superusers) have the permission. A moderator who is
    not staff must have proven the account's address (the role was given to an address)."""
    return bool(user.is_authenticated and user.has_perm(MODERATE) and (user.is_staff or is_proven(user)))


def moderated_networks(user: AnyUser) -> list[int]:
    """The ids of the networks the user moderates (`NetworkMember` with the moderator role, a proven
    address). A network moderator decides on the examples shared through their network only."""
    if not user.is_authenticated or not (user.is_staff or is_proven(user)):
        return []
    members = NetworkMember.objects.filter(user=user, role=NetworkRole.MODERATOR)
    return list(members.values_list("network_id", flat=True))


def can_use_moderation(user: AnyUser) -> bool:
    """The moderation pages open: a national moderator, or a network moderator (who sees their
    network's examples only)."""
    return can_moderate_examples(user) or bool(moderated_networks(user))


def can_moderate_example(user: AnyUser, example: Example) -> bool:
    """Moderation stays national (one queue): the national moderators decide on every example, a
    network's moderators on the examples shared through their network and on no other."""
    if can_moderate_examples(user):
        return True
    return example.network_id is not None and example.network_id in moderated_networks(user)


def is_owner(user: AnyUser, example: Example) -> bool:
    if not user.is_authenticated:
        return False
    return example.created_by_id == user.pk or example.owners.filter(pk=user.pk).exists()


def can_edit_example(user: AnyUser, example: Example) -> bool:
    """Owners edit their examples, published ones too (every change is kept as a version)."""
    return example.state != ModerationState.REJECTED and (
        is_owner(user, example) or can_moderate_example(user, example)
    )


WITHDRAWABLE = (ModerationState.PENDING, ModerationState.PUBLISHED, ModerationState.RETURNED)


def can_withdraw_example(user: AnyUser, example: Example) -> bool:
    """Owners take their example out of the bank or the queue (it becomes a draft again)."""
    return example.state in WITHDRAWABLE and is_owner(user, example)


def can_view_example(user: AnyUser, example: Example) -> bool:
    """Published examples are public; anything else only for its owners and moderators."""
    if example.state == ModerationState.PUBLISHED:
        return True
    return is_owner(user, example) or can_moderate_example(user, example)


def get_example_for_user(request: HttpRequest, pk: int) -> Example:
    """The example if the user may see it; 404 otherwise (unpublished ones give nothing away)."""
    example = get_object_or_404(
        Example.objects.select_related("owner_organisation").prefetch_related(
            "municipalities__county", "themes", "goals"
        ),
        pk=pk,
    )
    if not can_view_example(request.user, example):
        raise Http404
    return example


def get_example_for_editing(request: HttpRequest, pk: int) -> Example:
    example = get_example_for_user(request, pk)
    if not can_edit_example(request.user, example):
        raise Http404
    return example
