"""Who may do what with the programme's items beyond the back office (whose pages check `team_view`)."""

from gronnpraksis.contributions.permissions import can_view_contribution
from gronnpraksis.core.typing import AnyUser
from gronnpraksis.editions.models import TeamRole
from gronnpraksis.editions.permissions import team_role

from .models import ProgramItem


def can_write_report(user: AnyUser, item: ProgramItem) -> bool:
    """The item's contributors (people on its contribution, by account or proven address) and the
    edition's organisers write its session report; nobody else, and nobody anonymous."""
    if not user.is_authenticated:
        return False
    if item.contribution is not None and can_view_contribution(user, item.contribution):
        return True
    return team_role(user, item.edition) == TeamRole.ORGANISER
