"""Changes to an edition's own data: its team.

The functions are typed and keyword-only; their docstrings name their side effects.
"""

from django.db import transaction

from gronnpraksis.accounts.models import User
from gronnpraksis.accounts.services import get_or_create_user
from gronnpraksis.mail.services import enqueue_mail

from .models import Edition, TeamMember, TeamRole

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
            },
        )
    return member


def remove_team_member(*, member: TeamMember) -> None:
    """Take a role away. Side effect: deletes the TeamMember row. What the person was doing in the
    edition's other apps is theirs to tidy (see `backoffice.services.remove_team_member`)."""
    member.delete()
