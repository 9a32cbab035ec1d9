"""Changes to an edition: its phase, and its team.

editions imports no app above it. An app whose data depends on an edition's phase (the bank's "presented
at" and prize filters name only public editions) registers a listener from its `AppConfig.ready()`.
The functions are typed and keyword-only; their docstrings name their side effects.
"""

from collections.abc import Callable

from django.db import transaction

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import get_or_create_user
from gronnpraksis.mail.services import enqueue_mail

from .models import Edition, Network, NetworkMember, Phase, TeamMember, TeamRole

# The phase


PhaseListener = Callable[[Edition], None]

_PHASE_LISTENERS: dict[str, PhaseListener] = {}


def on_phase_change(name: str, listener: PhaseListener) -> None:
    """Call `listener(edition)` whenever an edition's phase changes (the name makes it idempotent)."""
    _PHASE_LISTENERS[name] = listener


@transaction.atomic
def set_phase(*, edition: Edition, phase: Phase | str) -> Edition:
    """Change the edition's phase. Side effects: the edition's `phase`, and what the registered listeners
    do in the same transaction (the bank re-indexes the examples whose filter values name the edition).
    Setting the phase it already has changes nothing."""
    if edition.phase == phase:
        return edition
    Edition.objects.filter(pk=edition.pk).update(phase=phase)
    edition.phase = phase
    phase_changed(edition=edition)
    return edition


def phase_changed(*, edition: Edition) -> None:
    """Tell the listeners that the edition's phase has changed (for a caller that saved the row itself,
    as the admin does). Side effects: whatever the listeners do."""
    for listener in _PHASE_LISTENERS.values():
        listener(edition)


# The team


@transaction.atomic
def add_team_member(
    *, edition: Edition, email: str, name: str, role: str, added_by: User, notify: bool = True
) -> TeamMember:
    """Give a person a role in the edition. Side effects: an account for the address if it has
    none, the TeamMember row and (unless `notify` is off) a mail telling them how to log in.
    Adding twice changes nothing."""
    user = get_or_create_user(email=email, name=name)
    member, created = TeamMember.objects.get_or_create(edition=edition, user=user, role=role)
    if created and notify:
        enqueue_mail(
            to=user.email,
            template="team_added",
            context={
                "edition": edition,
                "name": user.name,
                "role": member.get_role_display(),
                "by": added_by,
                "is_juror": role == TeamRole.JUROR,
                "is_checkin": role == TeamRole.CHECK_IN,
            },
        )
    return member


def remove_team_member(*, member: TeamMember) -> None:
    """Take a role away. Side effect: deletes the TeamMember row. What the person was doing in the
    edition's other apps is theirs to tidy (see `backoffice.services.remove_team_member`)."""
    member.delete()


# Networks


def add_network_member(*, network: Network, email: str, name: str, role: str) -> NetworkMember:
    """Give a person a role in a network: organiser of all its editions, or moderator of the examples
    shared through it. Side effects: an account for the address if it has none and the NetworkMember
    row (no mail; they log in by a one-time code as every team member does). Adding twice
    changes nothing."""
    user = get_or_create_user(email=email, name=name)
    member, _created = NetworkMember.objects.get_or_create(network=network, user=user, role=role)
    return member
