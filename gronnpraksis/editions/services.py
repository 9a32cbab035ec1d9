"""Changes to an edition: its phase, and its team.

editions imports no app above it. An app whose data depends on an edition's phase (the bank's "presented
at" and prize filters name only public editions) registers a listener from its `AppConfig.ready()`.
The functions are typed and keyword-only; their docstrings name their side effects.
"""

from collections.abc import Callable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import get_or_create_user
from gronnpraksis.mail.services import enqueue_mail

from .models import Edition, Network, NetworkMember, NetworkRole, Phase, TeamMember, TeamRole

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


def add_network_member(
    *,
    network: Network,
    email: str,
    name: str,
    role: str,
    added_by: User | None = None,
    edition: Edition | None = None,
) -> NetworkMember:
    """Give a person a role in a network: organiser of all its editions, or moderator of the examples
    shared through it. Side effects: an account for the address if it has none, the NetworkMember
    row and, when `added_by` is given (the back office), a mail telling them how to log in (to
    `edition`'s back office for an organiser, to the moderation page for a moderator). Adding twice
    changes nothing and sends nothing."""
    with transaction.atomic():
        user = get_or_create_user(email=email, name=name)
        member, created = NetworkMember.objects.get_or_create(network=network, user=user, role=role)
        if created and added_by is not None:
            enqueue_mail(
                to=user.email,
                template="network_team_added",
                context={
                    "network": network,
                    "edition": edition,
                    "name": user.name,
                    "role": member.get_role_display(),
                    "by": added_by,
                    "is_moderator": role == NetworkRole.MODERATOR,
                },
            )
    return member


class LastOrganiserError(Exception):
    """The change would leave the network without an organiser."""


def _keeps_an_organiser(member: NetworkMember) -> bool:
    """Whether the network has an organiser besides `member`'s organiser role (rows locked)."""
    organisers = list(
        NetworkMember.objects.select_for_update()
        .filter(network_id=member.network_id, role=NetworkRole.ORGANISER)
        .values_list("pk", flat=True)
    )
    return any(pk != member.pk for pk in organisers)


def set_network_member_role(*, member: NetworkMember, role: str) -> NetworkMember:
    """Change a network member's role. Side effect: the row's `role`, or, if the person already has
    that role, the row is deleted (the other one stays). Raises LastOrganiserError rather than
    leave the network without an organiser."""
    with transaction.atomic():
        if member.role == role:
            return member
        if member.role == NetworkRole.ORGANISER and not _keeps_an_organiser(member):
            raise LastOrganiserError
        existing = NetworkMember.objects.filter(
            network_id=member.network_id, user_id=member.user_id, role=role
        )
        if existing.exists():
            member.delete()
            return existing.get()
        NetworkMember.objects.filter(pk=member.pk).update(role=role)
        member.role = role
    return member


def remove_network_member(*, member: NetworkMember) -> None:
    """Take a network role away. Side effect: deletes the NetworkMember row. Raises LastOrganiserError
    rather than remove the network's last organiser."""
    with transaction.atomic():
        if member.role == NetworkRole.ORGANISER and not _keeps_an_organiser(member):
            raise LastOrganiserError
        member.delete()


def update_network(
    *,
    network: Network,
    name: str,
    description: str,
    about: str,
    colour: str,
    contact_email: str,
    logo: UploadedFile | None = None,
    logo_description: str = "",
    remove_logo: bool = False,
) -> Network:
    """Change what a network says about itself and its look. `logo` must already be checked and
    renamed (`backoffice.logos.check_logo`). Side effects: the Network row, the new logo file in
    storage, and the old logo file deleted once the change is committed, when it is replaced or removed."""
    old_logo = network.logo.name if network.logo else ""
    network.name = name
    network.description = description
    network.about = about
    network.colour = colour
    network.contact_email = contact_email
    network.logo_description = logo_description
    if logo is not None:
        network.logo = logo
    elif remove_logo:
        network.logo = ""
    network.full_clean(exclude=["logo", "slug", "host"])
    with transaction.atomic():
        network.save()
        if old_logo and old_logo != network.logo.name:
            storage = network.logo.storage
            transaction.on_commit(lambda: storage.delete(old_logo))
    return network
